// Facet blocks and radiofrequency ablation (facet): ACOEM ch.12 p.300-301; ODG Low Back / Neck,
// "Facet joint diagnostic blocks" and "Facet joint radiofrequency neurotomy" (the MTUS 2009 text is
// silent on the details). ODG numbers are those quoted in IMR/IRO decisions of the 2012-2016
// editions; see docs/sources.md.
import type { Concept, Mention } from "../concepts";
import type { Note } from "../note";
import type { Span } from "../text";
import { DURATION_SOURCE, durationDays } from "../extract/dates";
import { reliefConcept } from "../lexicon";
import type { FamilyDef } from "./types";
import { CONSERVATIVE_FAILED, CONSERVATIVE_TRIAL } from "./elements";

const ODG_DX = "ODG Low Back/Neck, Facet joint diagnostic blocks";
const ODG_RF = "ODG Low Back/Neck, Facet joint radiofrequency neurotomy";

/**
 * "RFA" as radiofrequency ablation, never as a request for authorization ("RFA dated 10/01",
 * "per RFA", "RFA: TFESI L5-S1"): RFA of/at/to an anatomical target or level, or RFA right after
 * a level, region, side or "repeat"/"s/p", and not followed by a colon or request wording.
 */
const RFA_NOT_REQUEST = "(?!\\s*(?::|#|-\\s|dated|submitted|sent|form|faxed|per\\b|(?:was |is |has been )?(?:denied|approved|submitted|sent|pending|modified|certified|non-?certified)))";
const RFA_TERMS = [
  `rfa(?=\\s+(?:of|at|to|for|on)\\s+(?:the\\s+)?(?:(?:bilateral|bilat|left|right|b/l|[lr])\\s+)?(?:[ctl]\\d|lumbar|cervical|thoracic|medial|facets?|dorsal))`,
  `(?<=(?:\\b[ctls]\\d{1,2}(?:\\s*[-/]\\s*[ctls]?\\d{1,2})?,?|\\blumbar|\\bcervical|\\bthoracic|\\bfacets?|\\bfacet joint|\\bmedial branch|\\bbilateral|\\bbilat|\\brepeat|\\bs/p|\\bprior|\\bprevious|\\blast)\\s+)rfa${RFA_NOT_REQUEST}`,
  `rfa(?=\\s+[ctl]\\d)`,
];

/** RF named as a later step of a diagnostic block ("MBB to determine candidacy for RF ablation"), not asked for now. */
const NOT_NEXT_STEP =
  "(?<!\\b(?:candidacy for|candidate for|prior to|before|ahead of|anticipation of|preparation for|determine|assess|evaluate|predict|then|possible|potential|eventual|future|subsequent|later|followed by)\\s+(?:[\\w/-]+\\s+){0,3})";
const RF_TERMS = [
  "(?:radiofrequency|radio-frequency|rf) (?:ablation|neurotomy|rhizotomy|denervation|lesioning|neurolysis)",
  "(?:facet|medial branch) (?:rhizotomy|neurotomy|denervation)",
  "rhizotomy",
  ...RFA_TERMS,
  "6463[3-6]",
];

const CARE = /\b(?:pt|physical therapy|physiotherapy|therapy|home exercises?|hep|exercise|stretching|nsaids?|anti-?inflammator\w+|ibuprofen|naproxen|meloxicam|diclofenac|celecoxib|chiropractic|chiro|acupuncture|conservative|medications?|meds)\b/i;
const CARE_DURATION = new RegExp(`(?:\\b(?:x|for|over|past|last|of)\\s*)?${DURATION_SOURCE}`, "gi");

/** A duration of at least 4 weeks in a sentence about conservative care ("12 PT visits over 8 weeks"). */
function careWeeksIn(text: string): Span[] {
  if (!CARE.test(text)) return [];
  const out: Span[] = [];
  CARE_DURATION.lastIndex = 0;
  for (const m of text.matchAll(CARE_DURATION)) {
    const days = durationDays(m[1], m[3]);
    if (days !== undefined && days >= 28) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/**
 * Mentions of a concept in the list items under a lead line that names the topic ("Diagnostic MBBs,
 * bilateral L4-5 and L5-S1:" then "- #1 01/12: VAS 8 -> 1.5 (81%) for about 2 h"): the lead passes
 * its topic down to the items, up to the first line that is not a list item.
 */
function listedUnder(note: Note, mentions: Mention[], topics: Mention[]): Span[] {
  const out: Span[] = [];
  for (const m of mentions) {
    const lead = [...topics].reverse().find((t) => t.end <= m.start && m.start - t.end < 800 && t.section === m.section);
    if (!lead) continue;
    const leadLineEnd = note.prose.indexOf("\n", lead.end);
    if (leadLineEnd < 0 || leadLineEnd > m.start) continue;
    if (!/:\s*$/.test(note.prose.slice(lead.end, leadLineEnd))) continue;
    // The source, not the prose: list markers are blanked in the prose.
    const lines = note.text.slice(leadLineEnd + 1, m.start).split("\n");
    const mLine = lines.pop() ?? "";
    if (lines.every((l) => /^\s*(?:[-*+•]|\d+[.)])\s/.test(l)) && /^\s*(?:[-*+•]|\d+[.)])\s/.test(mLine)) out.push({ start: m.start, end: m.end });
  }
  return out;
}

const careWeeks: Concept = { id: "facet.care-weeks", scan: { unit: "sentence", needs: CARE.source, find: careWeeksIn } };

export const facet: FamilyDef = {
  service: "facet",
  title: "Facet blocks and radiofrequency ablation",
  source: "ACOEM ch.12 p.300-301; ODG Low Back / Neck",
  concepts: [
    {
      id: "facet.term",
      terms: [
        "medial branch (?:nerve )?blocks?",
        "mbbs?",
        "facet (?:joint )?(?:injections?|blocks?|nerve blocks?)",
        "fjis?",
        "intra-?articular facet (?:joint )?(?:injections?|blocks?)",
        "(?:radiofrequency|radio-frequency|rf) (?:ablation|neurotomy|rhizotomy|denervation|lesioning|neurolysis)",
        "(?:facet|medial branch) (?:rhizotomy|neurotomy|denervation)",
        "rhizotomy",
        ...RFA_TERMS,
        "6449[0-5]",
        "6463[3-6]",
      ],
    },
    { id: "facet.rf", terms: RF_TERMS },
    /** RF asked for now: not a later step of a diagnostic block. */
    { id: "facet.rf-now", terms: RF_TERMS.map((t) => NOT_NEXT_STEP + t) },
    {
      id: "facet.mbb",
      terms: [
        "medial branch (?:nerve )?blocks?",
        "mbbs?",
        "facet (?:joint )?(?:injections?|blocks?|nerve blocks?)",
        "intra-?articular facet (?:joint )?(?:injections?|blocks?)",
        "diagnostic blocks?",
        "6449[0-5]",
      ],
    },
    {
      id: "facet.radicular",
      terms: [
        "radiculopath(?:y|ies)",
        "radiculitis",
        "radicular (?:pain|symptoms|sx|syndrome|complaints|findings|signs|features|component)",
        "sciatica",
        "radiat(?:es|ing|ion)\\s+(?:\\w+\\s+){0,2}?(?:down|into|to|along)\\s+(?:the\\s+|his\\s+|her\\s+|both\\s+|bilateral\\s+|[lr]\\s+|left\\s+|right\\s+)?(?:legs?|arms?|feet|foot|hands?|fingers?|toes?|calf|calves|below the knee|lower extremit(?:y|ies)|upper extremit(?:y|ies)|[lr]?[lu]e)",
        "shooting (?:pain\\s+)?(?:down|into)\\s+(?:\\w+\\s+){0,2}?(?:legs?|arms?|feet|foot|hands?|lower extremit(?:y|ies)|upper extremit(?:y|ies))",
        "(?:slr|straight leg raise?)\\s*(?:\\+|pos(?:itive)?)",
        "positive (?:slr|straight leg rais(?:e|ing)|spurling'?s?)",
        "spurling'?s?(?: test| sign| maneuver)?\\s*(?:\\+|pos(?:itive)?)",
        "dermatomal (?:numbness|paresthesias?|sensory (?:loss|deficit)|hypoesthesia)",
        "m5[01]\\.1\\d?",
        "m54\\.1\\d?",
        "m54\\.[34]\\d?",
        "m47\\.2\\d?",
      ],
    },
    {
      id: "facet.axial",
      terms: [
        "axial (?:low )?(?:back |neck |spine |spinal |lumbar |cervical )?pain",
        "(?:pain )?does not radiate(?: below the (?:knee|elbow))?",
        "no radiation(?: below the (?:knee|elbow))?",
        "without radiation",
        "non-?radiating",
      ],
    },
    {
      id: "facet.evidence",
      terms: [
        "facet (?:joint )?(?:arthropathy|arthrosis|hypertrophy|osteoarthritis|arthritis|degeneration|degenerative (?:changes|disease)|effusions?|syndrome|mediated pain|pain)",
        "facetogenic",
        "facet[- ]mediated",
        "(?:positive|\\+)\\s*facet loading",
        "facet loading(?: test| maneuver)?\\s*(?:is\\s+|was\\s+)?(?:\\+|positive|pos|reproduc\\w+)",
        "(?:pain|tenderness) (?:with|on) (?:lumbar |cervical )?(?:extension|extension[- ]rotation|oblique extension)",
        "(?:extension|extension[- ]rotation)(?: and rotation)? (?:reproduces|increases|provokes|worsens|aggravates)",
        "tender(?:ness)? (?:over|of|at) (?:the )?(?:\\w+ )?facets?(?: joints?)?",
        "spondylosis without (?:myelopathy or )?radiculopathy",
        "m47\\.81\\d?",
      ],
    },
    {
      id: "facet.competing-generator",
      terms: [
        "(?:disc |disk )?(?:herniation|herniated (?:disc|disk|nucleus pulposus)|hnp|extrusion)(?:(?!\\b(?:no|not|without|negative)\\b)[^.;]){0,60}?\\b(?:compress\\w*|imping\\w*|effac\\w*|displac\\w*|contact\\w*|abut\\w*) (?:the |on the )?(?:[\\w-]+ ){0,4}?(?:nerve )?roots?",
        "nerve root (?:compression|impingement)",
        "(?:severe|moderate[- ]to[- ]severe) (?:neuro)?(?:foraminal|central|spinal|canal) stenosis",
      ],
    },
    {
      id: "facet.generators-excluded",
      terms: [
        "other (?:possible |potential )?(?:pain )?(?:generators?|sources?|causes?)[^.;]{0,40}?(?:excluded|ruled out|addressed|treated|considered and excluded)",
        "(?:disc|discogenic|radicular|nerve root|si joint|sacroiliac|hip)[^.;]{0,40}?(?:ruled out|excluded|addressed|treated)",
      ],
    },
    {
      id: "facet.fusion",
      terms: [
        "(?:spinal |lumbar |cervical |posterior |anterior |interbody |posterolateral )?fusion(?!(?:\\s+(?:at|of)\\s+(?:the\\s+)?[\\w-]+(?:\\s+(?:and|to|through)\\s+[\\w-]+)?)?\\s+(?:was |is |has been |being )?(?:recommended|discussed|considered|offered|proposed|planned|scheduled|pending|requested|candidate))",
        "arthrodesis",
        "fused",
        "acdf",
        "[tpax]lif",
      ],
    },
    {
      id: "facet.surgery-planned",
      terms: [
        "(?:spine |spinal |lumbar |cervical )?(?:surgery|fusion|decompression|laminectomy|discectomy|microdiscectomy|laminotomy|foraminotomy|acdf|[tpax]lif|arthroplasty)(?:\\s+(?:at|of|on)\\s+(?:the\\s+)?[\\w-]+(?:\\s+(?:and|to)\\s+[\\w-]+)?)?\\s+(?:is |was |has been )?(?:scheduled|planned|booked|authorized|approved|pending)",
        "scheduled for (?:\\w+ ){0,2}(?:surgery|fusion|decompression|laminectomy|discectomy|microdiscectomy|acdf)",
        "awaiting (?:\\w+ ){0,2}(?:surgery|fusion|decompression|laminectomy|discectomy|microdiscectomy|acdf)",
      ],
    },
    careWeeks,
    // Diagnostic block response (ODG: ≥70% for the duration of the anesthetic).
    reliefConcept("facet.block-relief-ok", { minPercent: 70, bareDuration: true }),
    reliefConcept("facet.block-relief-low", { atMostPercent: 69, bareDuration: true }),
    { id: "facet.block-relief-listed", detect: (note, find) => listedUnder(note, find("facet.block-relief-ok"), find("facet.mbb")) },
    { id: "facet.block-relief-low-listed", detect: (note, find) => listedUnder(note, find("facet.block-relief-low"), find("facet.mbb")) },
    // Prior neurotomy (ODG: ≥50% for at least 12 weeks before a repeat).
    reliefConcept("facet.rf-relief-ok", { minPercent: 50, minDays: 84, bareDuration: true }),
    reliefConcept("facet.rf-relief-low", { atMostPercent: 49, underDays: 84, bareDuration: true }),
  ],
  request: { concepts: ["facet.term"] },
  criteria: [
    {
      id: "facet.non-radicular",
      title: "Non-radicular (axial) pain",
      description: "Facet blocks and neurotomy are limited to non-radicular (axial) low back or neck pain; radicular findings point elsewhere.",
      citation: `${ODG_DX}, criterion 1 (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "Describe the pain as axial, without radiation below the knee (or elbow), with a negative SLR/Spurling and an intact neuro exam.",
      template: "${1|‹pain pattern?›,Axial LBP without radiation below the knee,Radiating leg pain|}; ${2|‹radicular signs?›,no radicular signs,radicular signs: ‹which›|}; facet loading ${3|‹facet loading?›,+,-|}",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        missing: "The pain is not documented as non-radicular (axial); ODG limits facet blocks and RF to non-radicular pain.",
        contradicted: "Radicular findings are documented; ODG limits facet blocks and RF to non-radicular (axial) pain.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "facet.radicular", notSections: ["history"] }],
          satisfied: [
            { concept: "neuro-normal" },
            { concept: "facet.axial" },
            { concept: "facet.radicular", accept: "negated" },
            { concept: "fact.neuro-normal", accept: "assessed", notSections: ["history", "plan"] },
          ],
        },
      ],
    },
    {
      id: "facet.failed-conservative",
      title: "4-6 weeks of failed conservative care",
      description: "Documented failure of conservative treatment (home exercise, PT, NSAIDs) for at least 4-6 weeks before the procedure.",
      citation: `${ODG_DX}, criterion 4 (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "List the home exercise, PT and NSAIDs tried, for how many weeks (at least 4-6), and that they failed.",
      template: "Failed for ${1:‹weeks›} wk: ${2:‹home exercise, PT, NSAID›}",
      section: "history",
      defaultSeverity: "warning",
      messages: { missing: "No {elements} documented; ODG requires at least 4-6 weeks of failed conservative care (home exercise, PT, NSAIDs)." },
      checks: [
        {
          kind: "require",
          elements: [
            // Any element of conservative care counts; no particular drug class is required (criteria.md §1).
            { label: "home exercise, PT or NSAID trial", any: CONSERVATIVE_TRIAL },
          ],
        },
        {
          // Partial: the care is there; what it lacks is named.
          kind: "require",
          message: "Conservative care is documented, but not {elements}; ODG requires at least 4-6 weeks of failed conservative care (home exercise, PT, NSAIDs).",
          elements: [
            {
              label: "duration of at least 4 weeks",
              any: [
                { concept: "facet.care-weeks", accept: "ever", notSections: ["plan"] },
                { concept: "fact.care-weeks", accept: "ever", notSections: ["plan"] },
              ],
            },
            { label: "statement that it failed", any: CONSERVATIVE_FAILED },
          ],
        },
      ],
    },
    {
      id: "facet.max-levels",
      title: "No more than 2 levels per session",
      description: "No more than two facet joint levels are injected (or ablated) in one session; bilateral blocks at those levels are allowed.",
      citation: `${ODG_DX}, criterion 3; ${ODG_RF}, criterion 4 (ODG, edition quoted in 2012-2016 IMR/IRO decisions)`,
      howToDocument: "Name the levels (at most two, e.g. L4-5 and L5-S1) and the side; bilateral is allowed.",
      template: "MBB ${1:‹levels›} ${2|‹side?›,R,L,bilateral|}",
      section: "plan",
      defaultSeverity: "warning",
      messages: { exceeds: "{value} levels requested in one session; ODG allows no more than 2 facet joint levels per session (bilateral allowed)." },
      checks: [{ kind: "limit", fact: "levelsRequested", max: 2, finding: "exceeds" }],
    },
    {
      id: "facet.block-response",
      title: "RF only after a positive diagnostic block (≥70% relief)",
      description:
        "Radiofrequency neurotomy only after a positive diagnostic medial branch block: a response of at least 70% for the duration of the local anesthetic, recorded e.g. on a VAS.",
      citation: `${ODG_RF}, criterion 1; ${ODG_DX}, criterion 1 (≥70%: ODG as quoted in 2012-2016 IMR decisions); ACOEM ch.12 p.300-301`,
      howToDocument: "For the diagnostic medial branch block: date, levels, percent relief (≥70%) and how long it lasted, with pre/post VAS.",
      template: "MBB ${1:‹date›}: ${2:‹percent relief›}% relief x ${3:‹hours›} h (VAS ${4:‹before›}→${5:‹after›})",
      section: "history",
      defaultSeverity: "warning",
      when: ["requested:facet.rf-now", "not:prior:facet.rf"],
      messages: {
        missing: "RF ablation is requested without a documented diagnostic medial branch block response (percent relief); ODG requires ≥70% relief first.",
        contradicted: "The diagnostic block response is documented below 70%; ODG supports RF only after a block with ≥70% relief.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "facet.block-relief-low", accept: "ever", near: { concept: "facet.mbb", within: "sentence" } },
            { concept: "facet.block-relief-low-listed", accept: "ever" },
          ],
          satisfied: [
            { concept: "facet.block-relief-ok", accept: "ever", near: { concept: "facet.mbb", within: "sentence" } },
            { concept: "facet.block-relief-listed", accept: "ever" },
          ],
          unless: [
            { concept: "facet.block-relief-ok", accept: "ever", near: { concept: "facet.mbb", within: "sentence" } },
            { concept: "facet.block-relief-listed", accept: "ever" },
          ],
        },
      ],
    },
    {
      id: "facet.other-generator-excluded",
      title: "Other pain generators excluded; findings point to the facets",
      description:
        "Before facet blocks, other clearly identified pain generators (e.g. a disc herniation compressing a root) have been addressed or ruled out, and the exam or imaging points to the facet joints.",
      citation: `${ODG_DX} (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "Record the facet findings (facet loading, pain on extension-rotation, facet arthropathy on MRI) and how disc, nerve root and SI sources were excluded.",
      template: "Other generators excluded: ${1:‹disc, nerve root, SI joint: how›}; ${2:‹facet finding on exam or MRI›}",
      section: "assessment",
      defaultSeverity: "warning",
      messages: {
        missing: "No facet findings (facet loading, pain on extension, facet arthropathy) or exclusion of other pain generators are documented; ODG requires both before facet blocks.",
        contradicted: "Another pain generator (a compressed nerve root or severe stenosis) is documented and not addressed; ODG requires it excluded before facet blocks.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "facet.competing-generator", notSections: ["history"] }],
          satisfied: [{ concept: "facet.evidence", accept: "ever" }, { concept: "facet.generators-excluded", accept: "ever" }],
          unless: [{ concept: "facet.generators-excluded", accept: "ever" }],
        },
      ],
    },
    {
      id: "facet.no-fusion-or-surgery",
      title: "Not at a fused level; no surgery planned",
      description: "Facet blocks and neurotomy are not performed at a previously fused level, nor when spine surgery is planned.",
      citation: `${ODG_DX}; ${ODG_RF} (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "State the fused levels (if any) and that the requested levels are not fused; state that no spine surgery is planned.",
      template: "${1|‹prior fusion?›,No prior fusion,Prior fusion at ‹levels›|} at ${2:‹requested levels›}; ${3|‹surgery planned?›,no spine surgery planned,spine surgery planned|}",
      section: "history",
      defaultSeverity: "warning",
      messages: { contradicted: "A requested level is documented as fused; ODG does not support facet blocks or RF at a fused level." },
      checks: [
        { kind: "limit", fact: "levelOverlap:facet.fusion", max: 0, finding: "contradicted" },
        {
          kind: "forbid",
          evidence: [{ concept: "facet.surgery-planned", notSections: ["history"] }],
          finding: "contradicted",
          message: "Spine surgery is documented as scheduled or pending; ODG does not support facet blocks or RF when surgery is planned.",
        },
      ],
    },
    {
      id: "facet.rf-repeat",
      title: "Repeat RF: ≥6 months later, after ≥50% relief for ≥12 weeks",
      description:
        "A repeat neurotomy is not done sooner than 6 months after the prior one, and only if the prior one gave at least 50% relief for at least 12 weeks.",
      citation: `${ODG_RF}, criteria 2-3 (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "For the prior RF ablation: date, levels, percent relief (≥50%) and how long it lasted (≥12 weeks); schedule the repeat at least 6 months after it.",
      template: "Prior RF ${1:‹date›}: ${2:‹percent relief›}% x ${3:‹months›} mo",
      section: "history",
      defaultSeverity: "warning",
      when: ["requested:facet.rf-now", "prior:facet.rf"],
      messages: {
        missing: "A prior RF ablation is documented without its percent relief and duration; ODG requires ≥50% relief for ≥12 weeks before a repeat.",
        contradicted: "Relief from the prior RF ablation is documented below 50% or under 12 weeks; ODG does not support a repeat.",
        exceeds: "The prior RF ablation was {value} days ago; ODG supports a repeat neurotomy no sooner than 6 months after the prior one.",
      },
      checks: [
        { kind: "minimum", fact: "daysSinceLast:facet.rf", min: 180, finding: "exceeds", ifUnknown: "pass" },
        {
          kind: "assess",
          contradicted: [{ concept: "facet.rf-relief-low", accept: "ever", near: { concept: "facet.rf", within: "sentence" } }],
          satisfied: [{ concept: "facet.rf-relief-ok", accept: "ever", near: { concept: "facet.rf", within: "sentence" } }],
          unless: [{ concept: "facet.rf-relief-ok", accept: "ever", near: { concept: "facet.rf", within: "sentence" } }],
        },
      ],
    },
    {
      id: "facet.conservative-plan",
      title: "RF with a plan of active conservative care",
      description: "Neurotomy is done as part of a formal plan of additional evidence-based conservative care (active rehabilitation, home exercise).",
      citation: `${ODG_RF}, criterion 6 (ODG, edition quoted in 2012-2016 IMR decisions)`,
      howToDocument: "In the plan, name the active care that accompanies the RF ablation (PT, home exercise program) and its goal.",
      template: "Post-RF plan: ${1:‹active care: PT or HEP, and its goal›}",
      section: "plan",
      defaultSeverity: "warning",
      when: ["requested:facet.rf-now"],
      messages: { missing: "RF ablation is requested without a plan of active conservative care (PT, home exercise); ODG requires neurotomy within such a plan." },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "active conservative care plan",
              any: [
                { concept: "active-therapy", accept: "planned", sections: ["plan"] },
                { concept: "physical-therapy", accept: "planned", sections: ["plan"] },
                { concept: "stretching", accept: "planned", sections: ["plan"] },
              ],
            },
          ],
        },
      ],
    },
  ],
};
