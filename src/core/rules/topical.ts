// Topical compounds and lidocaine (topical): MTUS CPMTG 2009, Topical analgesics p.111-113;
// Lidoderm (lidocaine patch) p.56-57. Ingredient lists are parsed by ../extract/ingredients.ts.
import type { Concept } from "../concepts";
import type { Note } from "../note";
import type { Span } from "../text";
import { DURATION_SOURCE, durationDays } from "../extract/dates";
import { lineIngredients, parseCompound, TOPICAL_NEEDS, type IngredientMatch } from "../extract/ingredients";
import { AED_DRUGS, RELAXANT_DRUGS, TCA_SNRI_TERMS } from "../lexicon";
import type { Check, EvidenceSpec, FamilyDef } from "./types";

const P111 = "MTUS CPMTG 2009, Topical analgesics, p.111-113";
const NON_PATCH: IngredientMatch["forms"] = ["cream", "gel", "ointment", "lotion", "solution", "spray"];

/** A line naming a compounded topical: two or more ingredients with strengths, or "compound" with one. */
function compoundIn(line: string): Span[] {
  // Injectates ("TPI with lidocaine 1% and bupivacaine 0.25%") are not topical products.
  const injectate = /\b(?:inject\w*|tpis?|trigger[- ]points?|epidural|esi|blocks?|infiltrat\w*|ablation|intra-?articular)\b/i.test(line);
  const topicalWord = /\b(?:compound(?:ed)?|topical|transdermal|creams?|gels?|ointments?|lotions?|patch(?:es)?)\b/i.test(line);
  if (!/\d\s*%|compound/i.test(line) || (injectate && !topicalWord)) return [];
  const compound = parseCompound(line);
  const written = compound.ingredients.filter((i) => !i.fromBrand);
  const withStrength = written.filter((i) => i.percent !== undefined);
  const keyword = /\bcompound(?:ed)?\b/i.test(line);
  const single = written.length === 1 ? written[0] : undefined;
  // Single agents with their own items: diclofenac, capsaicin, a lidocaine patch.
  const ownItem = single && (single.name === "diclofenac" || single.name === "capsaicin" || (single.name === "lidocaine" && compound.form === "patch"));
  const qualifies = !compound.brand && (withStrength.length >= 2 || (keyword && written.length >= 1) || (single && single.percent !== undefined && compound.form !== "unknown" && !ownItem));
  return qualifies ? [{ start: written[0].start, end: written[written.length - 1].end }] : [];
}

const TOPICAL_NSAIDS = new Set(["diclofenac", "flurbiprofen", "ketoprofen", "ibuprofen", "naproxen", "indomethacin", "meloxicam", "piroxicam"]);

/**
 * A topical product's NSAID, in its line: a topical NSAID on its own (Voltaren gel, diclofenac 1%
 * gel) or an NSAID ingredient of a compound, which inherits the class (a topical NSAID is a topical NSAID).
 */
function topicalNsaidsIn(line: string): Span[] {
  return parseCompound(line)
    .ingredients.filter((i) => TOPICAL_NSAIDS.has(i.name))
    .map((i) => ({ start: i.start, end: i.end }));
}

/** A topical NSAID mentioned with a duration of use over 12 weeks ("Voltaren gel for 6 months"). */
const LONG_USE = new RegExp(`\\b(?:for|x|over(?: the (?:past|last))?|past|last|since)\\s*(?:about |approximately |~|over |more than )?${DURATION_SOURCE}`, "gi");
function detectLongNsaidUse(note: Note, find: (id: string) => Array<{ sentence: Span }>): Span[] {
  const out: Span[] = [];
  const seen = new Set<Span>();
  for (const m of find("topical.item.diclofenac")) {
    if (seen.has(m.sentence)) continue;
    seen.add(m.sentence);
    const text = note.prose.slice(m.sentence.start, m.sentence.end);
    LONG_USE.lastIndex = 0;
    for (let d = LONG_USE.exec(text); d; d = LONG_USE.exec(text)) {
      const days = durationDays(d[1], d[3]);
      if (days !== undefined && days > 84) out.push({ start: m.sentence.start + d.index, end: m.sentence.start + d.index + d[0].length });
    }
  }
  return out;
}

const ITEMS: Record<string, { concept: Concept; classes: string[] }> = {
  "topical compound": {
    concept: {
      id: "topical.item.compound",
      terms: [
        "compound(?:ed)? (?:topical |transdermal )?(?:analgesic |pain )?(?:cream|gel|ointment|lotion|medication|rub)s?",
        "(?:topical|transdermal) compound(?:ed)?(?: cream| gel| medication)?s?",
        "transdermal (?:cream|gel)s?",
      ],
      scan: { unit: "line", needs: "%|compound", find: compoundIn },
    },
    classes: ["topical", "topical-analgesic"],
  },
  Terocin: { concept: { id: "topical.item.terocin", terms: ["terocin"] }, classes: ["topical", "topical-analgesic"] },
  LidoPro: { concept: { id: "topical.item.lidopro", terms: ["lido ?pro"] }, classes: ["topical", "topical-analgesic"] },
  Medrox: { concept: { id: "topical.item.medrox", terms: ["medrox(?:-rx)?"] }, classes: ["topical", "topical-analgesic"] },
  Menthoderm: { concept: { id: "topical.item.menthoderm", terms: ["menthoderm"] }, classes: ["topical", "topical-analgesic"] },
  "lidocaine patch": {
    concept: {
      id: "topical.item.lidocaine-patch",
      terms: [
        "lidoderm(?:\\s*\\d(?:\\.\\d+)?\\s*%)?(?: (?:transdermal )?patch(?:es)?)?",
        "lidocaine(?<![/,+&]\\s{0,3}lidocaine)(?: hcl)?\\s*(?:\\d(?:\\.\\d+)?\\s*%\\s*)?(?:transdermal |topical |dermal )?patch(?:es)?",
        "lido(?:caine)? patch(?:es)?",
        "ztlido",
      ],
    },
    // A topical analgesic like the others: topical.failed-first-line covers it (criteria.md §1, Dec 2026).
    classes: ["topical", "topical-analgesic", "lidocaine-patch"],
  },
  "topical diclofenac": {
    concept: {
      id: "topical.item.diclofenac",
      terms: [
        "voltaren(?:\\s*\\d(?:\\.\\d+)?\\s*%)? gel",
        "diclofenac(?<![/,+&]\\s{0,3}diclofenac)(?: sodium| epolamine)?\\s*(?:\\d(?:\\.\\d+)?\\s*%\\s*)?(?:topical |transdermal )?(?:gel|solution|patch(?:es)?|cream)",
        "flector(?:\\s*\\d(?:\\.\\d+)?\\s*%)?(?: patch(?:es)?)?",
        "pennsaid",
        "topical (?:nsaid|diclofenac)s?",
      ],
    },
    classes: ["topical", "topical-nsaid"],
  },
  "topical capsaicin": {
    concept: {
      id: "topical.item.capsaicin",
      terms: ["capsaicin(?<![/,+&]\\s{0,3}capsaicin)(?:\\s*(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*%)?\\s*(?:topical )?(?:cream|gel|lotion|ointment|patch(?:es)?)", "qutenza", "zostrix"],
    },
    classes: ["topical", "topical-analgesic"],
  },
};

/** One "not recommended" check per ingredient group, each with its own one-line reason. */
function notRecommended(match: IngredientMatch, message: string, unless?: EvidenceSpec[]): Check {
  return {
    kind: "forbid",
    evidence: [{ concept: "topical.ingredient", accept: "planned", ingredient: match }],
    finding: "contradicted",
    ...(unless ? { unless } : {}),
    message,
  };
}

const FIRST_LINE_TRIAL = { concept: "topical.trial-outcome", within: "sentence" as const, accept: "ever" as const };

/** The pain treated is documented as non-neuropathic (myofascial, axial), with no neuropathic or radicular pain beside it. */
const NON_NEUROPATHIC: Pick<Extract<Check, { kind: "forbid" }>, "evidence" | "unless"> = {
  evidence: [{ concept: "topical.non-neuropathic", notSections: ["history", "ros"] }],
  unless: [
    { concept: "aed.neuropathic", accept: "ever", notSections: ["ros"] },
    { concept: "radicular", accept: "ever", notSections: ["ros"] },
  ],
};

export const topical: FamilyDef = {
  service: "topical",
  title: "topical analgesic",
  source: "MTUS CPMTG 2009, Topical analgesics p.111-113; Lidoderm p.56-57",
  concepts: [
    ...Object.values(ITEMS).map((i) => i.concept),
    { id: "topical.ingredient", scan: { unit: "line", needs: TOPICAL_NEEDS, find: lineIngredients } },
    { id: "topical.nsaid-long-use", detect: detectLongNsaidUse },
    { id: "topical.nsaid-product", scan: { unit: "line", needs: TOPICAL_NEEDS, find: (line) => (lineIngredients(line).length ? topicalNsaidsIn(line) : []) } },
    {
      id: "topical.aed-any",
      terms: [...Object.values(AED_DRUGS).flat(), "anticonvulsants?", "anti-convulsants?", "antiepileptics?", "anti-epileptics?", "aeds?"],
    },
    { id: "topical.antidepressant-any", terms: TCA_SNRI_TERMS },
    {
      id: "topical.trial-outcome",
      terms: [
        "failed",
        "fails",
        "failure",
        "tried",
        "trials? (?:of|with)",
        "intoleran(?:t|ce)",
        "did(?: not|n't) tolerate",
        "not tolerated",
        "could(?: not|n't) tolerate",
        "(?:no|minimal|inadequate|insufficient) (?:relief|benefit|response|improvement)",
        "ineffective",
        "not effective",
        "did(?: not|n't) help",
        "(?:stopped|discontinued) (?:due to|because of|for)",
        "side effects",
        "contraindicated",
      ],
    },
    {
      id: "topical.refractory",
      terms: ["refractory", "all (?:primary and secondary )?(?:treatments?|therapies|options) (?:have been |were )?exhausted", "exhausted (?:all )?(?:primary and secondary )?(?:treatments?|therapies|options)"],
    },
    {
      id: "topical.non-neuropathic",
      terms: [
        "myofascial(?: pain)?(?: syndrome)?",
        "trigger points?",
        "axial (?:low )?(?:back |neck )?pain",
        "mechanical (?:low )?(?:back |neck )?pain",
        "non-?radicular",
        "nociceptive(?: pain)?",
        "musculoskeletal pain",
      ],
    },
    {
      id: "topical.nsaid-bad-site",
      terms: [
        "(?:low(?:er)? |upper |mid )?back",
        "spine",
        "spinal",
        "lumbar",
        "lumbosacral",
        "cervical",
        "thoracic",
        "neck",
        "paraspinals?",
        "[clt]-spine",
        "hips?",
        "shoulders?",
      ],
    },
    {
      id: "topical.nsaid-neuropathic",
      terms: ["neuropathic(?: pain)?", "neuropathy", "radiculopathy", "radicular(?: pain)?", "neuralgia", "sciatica"],
    },
  ],
  request: {
    concepts: [],
    drugs: Object.fromEntries(Object.entries(ITEMS).map(([item, d]) => [item, d.concept.id])),
    classes: Object.fromEntries(Object.entries(ITEMS).map(([item, d]) => [item, d.classes])),
  },
  criteria: [
    {
      id: "topical.not-recommended-ingredient",
      title: "No not-recommended ingredient in the compound",
      description:
        "Any compounded product containing at least one drug or drug class that is not recommended is not recommended: topical gabapentin or other anticonvulsants, baclofen or other muscle relaxants, ketoprofen (not FDA-approved for topical use), lidocaine other than the dermal patch, capsaicin at a strength not studied (0.025% and 0.075% were), ketamine outside refractory neuropathic pain.",
      citation: P111,
      howToDocument: "Request a single FDA-approved topical agent, or a compound whose every ingredient is recommended; name each ingredient with its strength.",
      template: "Topical: ${1:‹single FDA-approved agent, or each ingredient with its strength›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      messages: {
        contradicted: "{drug} contains an ingredient MTUS does not recommend topically; a compound with any not-recommended ingredient is not recommended.",
      },
      checks: [
        notRecommended(
          { names: ["gabapentin", "pregabalin", "topiramate"] },
          "{drug} contains an anticonvulsant (topical gabapentin is not recommended; no evidence for others); MTUS does not recommend a compound with any not-recommended ingredient.",
        ),
        notRecommended(
          { names: [...Object.keys(RELAXANT_DRUGS), "orphenadrine"] },
          "{drug} contains a muscle relaxant (topical baclofen and other relaxants are not recommended); MTUS does not recommend a compound with any not-recommended ingredient.",
        ),
        notRecommended(
          { names: ["ketoprofen"] },
          "{drug} contains ketoprofen, not FDA-approved for topical use; MTUS does not recommend a compound with any not-recommended ingredient.",
        ),
        notRecommended(
          { names: ["lidocaine"], forms: NON_PATCH },
          "{drug} contains lidocaine in a cream, gel, lotion or ointment; MTUS supports only the lidocaine dermal patch (for neuropathic pain), so the compound is not recommended.",
        ),
        notRecommended(
          { names: ["capsaicin"], percentNotIn: [0.025, 0.075] },
          "{drug} contains capsaicin at a strength other than the 0.025% or 0.075% formulations studied; MTUS finds no indication that other strengths add efficacy.",
        ),
        notRecommended(
          { names: ["ketamine"] },
          "{drug} contains ketamine, which MTUS limits to refractory neuropathic pain after all primary and secondary treatment; none is documented.",
          [{ concept: "topical.refractory", accept: "ever" }],
        ),
        {
          // Lidocaine in any form, the patch included, is not recommended for non-neuropathic pain (CPMTG p.112; criteria.md §1).
          kind: "forbid",
          when: ["class:lidocaine-patch"],
          ...NON_NEUROPATHIC,
          finding: "contradicted",
          message: "The {drug} is requested for non-neuropathic (myofascial or axial) pain; MTUS does not recommend lidocaine in any form, the patch included, for non-neuropathic pain.",
        },
      ],
    },
    {
      id: "topical.failed-first-line",
      title: "Neuropathic pain after antidepressant and anticonvulsant trials failed",
      description: "Topical analgesics are primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed.",
      citation: `${P111}, p.111`,
      howToDocument: "Name the anticonvulsant (gabapentin, pregabalin) and the antidepressant (TCA or SNRI) tried, and how each failed (no relief, side effects).",
      template: "${1|‹pain type?›,Neuropathic pain,Nociceptive pain|}; failed ${2:‹anticonvulsant and outcome›} and ${3:‹antidepressant and outcome›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:topical-analgesic"],
      messages: {
        missing: "No failed trial of {elements} is documented before {drug}; MTUS recommends topical analgesics mainly for neuropathic pain after antidepressants and anticonvulsants have failed.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            { label: "an anticonvulsant", any: [{ concept: "topical.aed-any", accept: "assessed", near: FIRST_LINE_TRIAL }] },
            { label: "an antidepressant (TCA or SNRI)", any: [{ concept: "topical.antidepressant-any", accept: "assessed", near: FIRST_LINE_TRIAL }] },
          ],
        },
      ],
    },
    {
      id: "lidoderm.localized-neuropathic",
      title: "Lidocaine patch: localized neuropathic pain after a first-line trial",
      description:
        "The lidocaine patch is for localized peripheral neuropathic pain after a trial of first-line therapy (TCA or SNRI antidepressant, or an AED such as gabapentin or pregabalin); not for myofascial or axial pain. Continued use needs functional improvement.",
      citation: "MTUS CPMTG 2009, Lidocaine (topical) / Lidoderm, p.56-57; Topical analgesics p.112",
      howToDocument:
        "Name the localized neuropathic pain and its area (e.g. PHN, a dermatomal area), the first-line drug that failed (gabapentin, pregabalin, TCA, SNRI), and for continued use the functional gain.",
      template: "Lidoderm for ${1:‹localized neuropathic pain and its area›}; failed ${2:‹first-line drug›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:lidocaine-patch"],
      messages: {
        missing: "No {elements} documented for the {drug}; MTUS supports it for localized peripheral neuropathic pain after a first-line trial (TCA/SNRI or an AED).",
        contradicted: "The pain treated is documented as myofascial, axial or otherwise non-neuropathic; MTUS does not recommend the lidocaine patch for non-neuropathic pain.",
      },
      checks: [
        { kind: "forbid", ...NON_NEUROPATHIC, finding: "contradicted" },
        {
          kind: "flag",
          condition: "in-use",
          finding: "missing",
          unless: [{ concept: "functional-improvement", notSections: ["history"] }],
          message: "The {drug} is continued without documented functional improvement; MTUS requires objective functional benefit to continue it.",
        },
        {
          kind: "require",
          elements: [
            {
              label: "localized neuropathic pain",
              any: [
                { concept: "aed.neuropathic", accept: "ever", notSections: ["ros"] },
                { concept: "radicular", accept: "ever", notSections: ["ros"] },
              ],
            },
            {
              label: "failed first-line trial (TCA/SNRI or AED)",
              any: [
                { concept: "topical.aed-any", accept: "assessed", near: FIRST_LINE_TRIAL },
                { concept: "topical.antidepressant-any", accept: "assessed", near: FIRST_LINE_TRIAL },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "topical.nsaid-site",
      title: "Topical NSAID: a joint amenable to topical treatment, 4-12 weeks",
      description:
        "Topical NSAIDs are for osteoarthritis and tendinitis of joints amenable to topical treatment (knee, elbow, hand, wrist, ankle, foot) for 4-12 weeks; not for the spine, hip or shoulder, and not for neuropathic pain.",
      citation: `${P111}, p.111-112 (NSAIDs; Voltaren Gel)`,
      howToDocument: "Name the joint treated (knee, elbow, hand, wrist, ankle, foot), the diagnosis (OA, tendinitis) and a course of 4-12 weeks.",
      template: "${1:‹topical NSAID›} to ${2:‹joint and diagnosis›} x ${3:‹weeks›} wk",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      // The topical NSAID item itself, or a compound with an NSAID ingredient.
      when: ["requested:topical.nsaid-product"],
      messages: {
        contradicted: "{drug} is directed to the spine, hip or shoulder; MTUS finds little evidence for topical NSAIDs there and supports them for joints such as the knee and elbow.",
        exceeds: "{drug} use exceeds 12 weeks; MTUS supports topical NSAIDs for 4-12 weeks.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "topical.nsaid-bad-site", accept: "planned", inRequest: true, near: { concept: "topical.nsaid-product", within: "sentence", accept: "planned" } }],
          finding: "contradicted",
        },
        {
          kind: "forbid",
          evidence: [{ concept: "topical.nsaid-neuropathic", accept: "planned", inRequest: true, near: { concept: "topical.nsaid-product", within: "sentence", accept: "planned" } }],
          finding: "contradicted",
          message: "{drug} is requested for neuropathic pain; MTUS does not recommend topical NSAIDs for neuropathic pain.",
        },
        { kind: "limit", fact: "courseDays", max: 84, finding: "exceeds", message: "The {drug} course is {value} days; MTUS supports topical NSAIDs for 4-12 weeks." },
        { kind: "forbid", evidence: [{ concept: "topical.nsaid-long-use", accept: "ever" }], finding: "exceeds" },
      ],
    },
  ],
};
