// Anticonvulsants (aed): MTUS CPMTG 2009, Antiepilepsy drugs p.16-22 (gabapentin p.18-19, pregabalin p.19-20).
import type { Concept } from "../concepts";
import type { Span } from "../text";
import { AED_DRUGS, drugFamily, PAIN_SCORE_NEEDS, reliefPercents } from "../lexicon";
import type { FamilyDef } from "./types";

const P16 = "MTUS CPMTG 2009, Antiepilepsy drugs (AEDs), p.16-17";

const drugs = drugFamily(AED_DRUGS);

const SCORE = /(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*\/\s*10(?![\d/])/g;
const FROM_TO = /\bfrom\b[^.;]*?\b(?:to|down to)\b|→|->|-->/i;
const WITHOUT = /\b(?:without|w\/o|off|before|pre|prior to|baseline|untreated)\b[^\d]{0,30}$/i;
const REDUCED_BY = /\b(?:reduc(?:ed|es|tion)|decreas(?:ed|es|e)|improv(?:ed|es|ement)|less)\b[^.;\d]{0,25}?(?:by\s+)?(?:about\s+|approximately\s+|~\s*)?(\d{1,3})\s*%/gi;

/** Percent pain reductions written in a window: "8/10 → 5/10", "8/10 without, 4/10 with", "40% relief", "reduced by 40%". */
function reductions(text: string): Array<{ index: number; length: number; percent: number }> {
  const out: Array<{ index: number; length: number; percent: number }> = [];
  for (const p of reliefPercents(text)) out.push(p);
  REDUCED_BY.lastIndex = 0;
  for (let m = REDUCED_BY.exec(text); m; m = REDUCED_BY.exec(text)) out.push({ index: m.index, length: m[0].length, percent: Number(m[1]) });
  SCORE.lastIndex = 0;
  const scores = [...text.matchAll(SCORE)];
  if (scores.length >= 2) {
    const [a, b] = scores;
    const ai = a.index ?? 0;
    const bi = b.index ?? 0;
    let before: number | undefined;
    let after: number | undefined;
    if (FROM_TO.test(text.slice(ai, bi + b[0].length))) {
      before = Number(a[1]);
      after = Number(b[1]);
    } else if (WITHOUT.test(text.slice(0, ai)) || /^\s*(?:\/10\s*)?(?:without|w\/o|off|before|at baseline)\b/i.test(text.slice(ai + a[0].length))) {
      before = Number(a[1]);
      after = Number(b[1]);
    } else if (WITHOUT.test(text.slice(ai + a[0].length, bi)) || /^\s*(?:without|w\/o|off|before|at baseline)\b/i.test(text.slice(bi + b[0].length))) {
      before = Number(b[1]);
      after = Number(a[1]);
    }
    if (before !== undefined && after !== undefined && before > 0) {
      out.push({ index: ai, length: bi + b[0].length - ai, percent: Math.round(((before - after) / before) * 100) });
    }
  }
  return out;
}

/** Pain reductions at or above (`atLeast`) or below (`below`) a percentage, read in a window. */
function reductionConcept(id: string, t: { atLeast?: number; below?: number }): Concept {
  const find = (text: string): Span[] => {
    const found = reductions(text);
    if (!found.length) return [];
    const best = found.reduce((x, y) => (y.percent > x.percent ? y : x));
    const ok = t.atLeast !== undefined ? best.percent >= t.atLeast : t.below !== undefined && best.percent < t.below;
    return ok ? [{ start: best.index, end: best.index + best.length }] : [];
  };
  // A reduction is a percentage or two pain scores.
  return { id, scan: { unit: "window", needs: `%|${PAIN_SCORE_NEEDS}`, find } };
}

export const aed: FamilyDef = {
  service: "aed",
  title: "anticonvulsant",
  source: "MTUS CPMTG 2009, Antiepilepsy drugs p.16-22",
  concepts: [
    ...drugs.concepts,
    {
      id: "aed.neuropathic",
      terms: [
        "neuropathic(?: pain| component| features| symptoms)?",
        "(?:peripheral |diabetic |painful |small fiber )?(?:poly)?neuropath(?:y|ies)",
        "dpn",
        "phn",
        "post-?herpetic(?: neuralgia)?",
        "neuralgia",
        "neuritis",
        "crps",
        "complex regional pain syndrome",
        "rsd",
        "reflex sympathetic dystrophy",
        "nerve (?:pain|injury|damage)",
        "(?:burning|shooting|electric(?:al)?|lancinating|stabbing)[- ](?:pain|sensations?|quality|paresthesias?)",
        "(?:burning|electric)[- ]like",
        "dermatomal",
        "paresthesias?",
        "dysesthesias?",
        "allodynia",
        "hyperalgesia",
        "numbness and tingling",
        "tingling and numbness",
        "carpal tunnel",
        "e1[01]\\.4\\d?",
        "b02\\.2\\d?",
        "g5[6-8]\\.\\d+",
        "g90\\.5\\d?",
      ],
    },
    {
      id: "aed.nociceptive",
      terms: [
        "nociceptive(?: pain)?",
        "mechanical (?:low )?(?:back |neck )?pain",
        "(?:purely|only|strictly|solely) (?:myofascial|mechanical|musculoskeletal|axial|nociceptive)(?: pain)?",
        "non-?radicular(?: (?:low )?(?:back |neck )?pain)?",
        "axial (?:low )?(?:back |neck )?pain(?: only)?",
        "no (?:neuropathic|radicular) (?:component|features|symptoms|pain|findings|signs)",
      ],
    },
    reductionConcept("aed.response-ok", { atLeast: 30 }),
    reductionConcept("aed.response-low", { below: 30 }),
    {
      id: "aed.no-benefit",
      terms: [
        "no (?:significant |meaningful |noticeable )?(?:pain )?(?:relief|benefit|improvement|help)",
        "not help(?:ing|ful)",
        "did(?: not|n't) help",
        "does(?: not|n't) help",
        "ineffective",
        "not effective",
        "minimal (?:relief|benefit|improvement)",
      ],
    },
    {
      id: "aed.side-effects",
      terms: [
        "side[- ]effects?",
        "adverse (?:side )?(?:effects?|reactions?)",
        "sedation",
        "sedated",
        "somnolence",
        "drowsiness",
        "drowsy",
        "dizziness",
        "dizzy",
        "(?:peripheral |pedal |leg )?edema",
        "weight gain",
        "cognitive (?:slowing|effects|changes|side effects)",
        "blurred vision",
        "tolerat(?:es|ing) (?:\\w+ )?well",
        "well tolerated",
      ],
    },
  ],
  request: {
    concepts: [],
    drugs: drugs.drugs,
  },
  criteria: [
    {
      id: "aed.neuropathic-indication",
      title: "Neuropathic pain indication",
      description:
        "AEDs are recommended for neuropathic pain (diabetic neuropathy and postherpetic neuralgia first-line; radiculopathy and CRPS with limited evidence), not for nociceptive pain.",
      citation: `${P16}; gabapentin p.18-19; pregabalin p.19-20`,
      howToDocument: "Name the neuropathic diagnosis and its features (burning or shooting pain, dermatomal numbness, DPN, PHN, radiculopathy) that the anticonvulsant treats.",
      template: "${1:‹drug›} for ${2:‹neuropathic diagnosis and its features›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      messages: {
        missing: "No neuropathic pain indication is documented for {drug}; MTUS recommends AEDs for neuropathic pain (DPN, PHN; radiculopathy with limited evidence), not nociceptive pain.",
        contradicted: "The pain is documented as nociceptive or non-radicular without neuropathic features; MTUS does not recommend AEDs for nociceptive pain.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [
            { concept: "aed.neuropathic", accept: "ever", notSections: ["ros"] },
            { concept: "radicular", accept: "ever", notSections: ["ros"] },
          ],
          contradicted: [{ concept: "aed.nociceptive", notSections: ["history", "ros"] }],
          unless: [
            { concept: "aed.neuropathic", accept: "ever", notSections: ["ros"] },
            { concept: "radicular", accept: "ever", notSections: ["ros"] },
          ],
        },
      ],
    },
    {
      id: "aed.response",
      title: "Continued use: at least 30% pain reduction, function and side effects",
      description:
        "To continue an AED: at least a 30% reduction in pain (30% moderate, 50% good response) and functional improvement, with side effects documented; under 30%, switch or combine.",
      citation: `${P16} (outcome: 30% moderate, 50% good response)`,
      howToDocument:
        "Give pain before and on the drug (or the % reduction, at least 30%), an objective functional gain, and the side-effect review, even if none.",
      template: "On ${1:‹drug›}: pain ${2:‹before›}→${3:‹now›}/10 (${4:‹percent›}%); ${5:‹functional change: activity before → now›}; ${6|‹side effects?›,no side effects,side effects: ‹which›|}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "item",
      when: ["in-use"],
      messages: {
        missing: "{drug} is continued without {elements}; MTUS requires at least 30% pain reduction with functional improvement, and side effects documented, to continue an AED.",
        contradicted: "{drug} is continued with less than 30% pain reduction documented; MTUS advises a switch or combination when an AED gives under 30% reduction.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [
            { concept: "aed.response-low", notSections: ["history"] },
            { concept: "aed.no-benefit", notSections: ["history"], linkedToRequest: true },
          ],
          finding: "contradicted",
          unless: [{ concept: "aed.response-ok", notSections: ["history"] }],
        },
        {
          kind: "require",
          elements: [
            {
              label: "a pain reduction of at least 30%",
              any: [
                { concept: "aed.response-ok", notSections: ["history"] },
                { concept: "fact.pain-reduction-30", notSections: ["history"] },
              ],
            },
            { label: "functional improvement", any: [{ concept: "functional-improvement", notSections: ["history"] }] },
            { label: "a side-effect assessment", any: [{ concept: "aed.side-effects", accept: "assessed", notSections: ["history"] }] },
          ],
          partial: { message: "{drug} is continued with {documented} documented, but not {elements}; MTUS requires at least 30% pain reduction with functional improvement, and side effects documented, to continue an AED." },
        },
      ],
    },
  ],
};
