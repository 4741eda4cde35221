// SI joint injections (sij): ODG Hip & Pelvis, Sacroiliac joint blocks (the MTUS was silent in the
// seed era; seed 001's reviewer used ODG). Criteria numbering follows ODG as usually quoted.
import type { Concept, Mention } from "../concepts";
import type { Note } from "../note";
import type { Span } from "../text";
import { reliefConcept } from "../lexicon";
import { assessInSentence } from "../context";
import type { FamilyDef } from "./types";
import { CONSERVATIVE_FAILED, CONSERVATIVE_TRIAL } from "./elements";

const ODG = "ODG Hip & Pelvis, Sacroiliac joint blocks";

/** Words that put two procedures on different days. */
const SEPARATE_DAY =
  /\b(?:not|never|no)\s+(?:\w+\s+){0,2}?(?:on\s+)?(?:the\s+)?same\s+(?:day|date|session|visit)|\b(?:separate|different|another|later|other|its own)\s+(?:day|date|session|visit|occasion)s?\b|\bseparately\b|\bstaged\b|\b(?:\d{1,2}|one|two|three|four|six)\s+(?:weeks?|days?)\s+apart\b|\bat a later date\b/i;

/** The clause of a mention: its sentence cut at semicolons. */
function clauseAround(note: Note, m: Mention): string {
  const text = note.prose.slice(m.sentence.start, m.sentence.end);
  const at = m.start - m.sentence.start;
  const from = text.lastIndexOf(";", at) + 1;
  const next = text.indexOf(";", at);
  return text.slice(from, next < 0 ? text.length : next);
}

/** SI provocation tests, each a distinct manoeuvre. */
const SI_TESTS: Array<[string, RegExp]> = [
  ["faber", /\b(?:faber|patrick'?s?)(?: test| sign| maneuver)?\b/gi],
  ["gaenslen", /\bgaenslen'?s?(?: test| sign| maneuver)?\b/gi],
  ["thigh-thrust", /\b(?:thigh thrust|p4|posh|posterior shear)(?: test)?\b/gi],
  ["distraction", /\b(?:si |sacroiliac )?(?:distraction|gapping)(?: test)?\b/gi],
  ["compression", /\b(?:si |sacroiliac )?compression(?: test)?\b/gi],
  ["sacral-thrust", /\bsacral thrust(?: test)?\b/gi],
  ["fortin", /\bfortin(?: finger)?(?: test| sign)?\b/gi],
  ["gillet", /\b(?:gillet|stork)(?: test)?\b/gi],
  ["flexion", /\b(?:standing|seated) flexion(?: test)?\b/gi],
  ["yeoman", /\byeoman'?s?(?: test)?\b/gi],
  ["pelvic-rock", /\bpelvic rock(?: test)?\b/gi],
  ["cranial-shear", /\bcranial shear(?: test)?\b/gi],
];
const VERDICT = /(\+(?!\w)|\bpos(?:itive)?\b|\breproduc\w+|\bneg(?:ative)?\b|(?<![\w-])-(?![\w])|\(-\))/i;
/** What may stand between a test and its verdict in a list: "FABER, Gaenslen and thigh thrust tests were positive". */
const CONNECTORS = /^(?:[\s,/&]|\band\b|\bor\b|\btests?\b|\bmaneuvers?\b|\bsigns?\b|\bwere\b|\bwas\b|\bare\b|\bis\b|\ball\b|\bboth\b|\b(?:on the )?(?:right|left|r|l|bilateral(?:ly)?)\b|:)*$/i;
const HIP_PAIN = /^[^.;]{0,30}\b(?:groin|hip joint|hip pain|anterior hip)\b/i;
const COUNT_FORM = /\b([3-6])\s*(?:\/|of|out of)\s*[4-6]\s*(?:si\s+|sacroiliac\s+)?(?:provocati\w+\s+)?(?:(?:tests?|maneuvers?)\s*)?(?:(?:were|are)\s+)?(?:positive|\+)/i;

/** The verdict a named test carries in its sentence ("+", "positive", "reproduces pain", "negative"). */
function verdictOf(text: string, hit: Span): "positive" | "negative" | undefined {
  const rest = text.slice(hit.end);
  const v = VERDICT.exec(rest);
  let verdict: "positive" | "negative" | undefined;
  if (v) {
    let between = rest.slice(0, v.index);
    for (const [, re] of SI_TESTS) between = between.replace(new RegExp(re.source, "gi"), " ");
    if (CONNECTORS.test(between)) verdict = /neg|-/i.test(v[0]) ? "negative" : "positive";
    if (verdict === "positive" && HIP_PAIN.test(rest.slice(v.index + v[0].length))) verdict = undefined;
  }
  if (!verdict && assessInSentence(text, hit, { start: 0, end: text.length }).negated) verdict = "negative";
  if (!verdict && /\bpositive\b[^.;]*$/i.test(text.slice(0, hit.start))) verdict = "positive";
  return verdict;
}

/** Named SI tests read with the given verdict in one sentence, each test once. */
function testsWith(wanted: "positive" | "negative") {
  return (text: string): Span[] => {
    const out: Span[] = [];
    for (const [, re] of SI_TESTS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const hit = { start: m.index, end: m.index + m[0].length };
        if (verdictOf(text, hit) === wanted) out.push(hit);
      }
    }
    return out;
  };
}

const ANY_TEST = SI_TESTS.map(([, re]) => re.source).join("|");
const testPositive: Concept = { id: "sij.test-positive", scan: { unit: "sentence", needs: ANY_TEST, find: testsWith("positive") } };
const testNegative: Concept = { id: "sij.test-negative", scan: { unit: "sentence", needs: ANY_TEST, find: testsWith("negative") } };
const countedPositive: Concept = {
  id: "sij.counted-positive",
  scan: {
    unit: "sentence",
    find: (text) => {
      const m = COUNT_FORM.exec(text);
      return m && Number(m[1]) >= 3 ? [{ start: m.index, end: m.index + m[0].length }] : [];
    },
  },
};

const WHOLE_TEST = SI_TESTS.map(([name, re]) => [name, new RegExp(`^(?:${re.source})$`, "i")] as const);

/** Distinct named tests among mentions in the clinician's own words, in the sections an exam is written in. */
function distinctTests(mentions: Mention[]): Mention[] {
  const byName = new Map<string, Mention>();
  for (const m of mentions) {
    if (!["exam", "subjective", "other", "header"].includes(m.section.kind)) continue;
    const a = m.assertion;
    if (a.otherSource || a.hypothetical || a.family || a.historical || a.uncertain) continue;
    const name = WHOLE_TEST.find(([, re]) => re.test(m.text))?.[0];
    if (name && !byName.has(name)) byName.set(name, m);
  }
  return [...byName.values()];
}

const threePositive: Concept = {
  id: "sij.three-positive",
  detect: (_note, find) => {
    // SI tests read here, and the exam facts' reading (tables, runs of tests, "recreates her pain"; facts/exam.ts).
    const own = distinctTests([...find("sij.test-positive"), ...find("fact.si-test-positive")]);
    // "3/5 provocation tests positive" in the exam counts as written, with whatever tests it names.
    const counted = find("sij.counted-positive").filter((m) => m.section.kind === "exam");
    return own.length >= 3 ? own : counted.length ? [...own, ...counted] : [];
  },
};

const testsNegative: Concept = {
  id: "sij.named-tests-negative",
  // Two or more named tests read negative contradict the criterion; a single negative test leaves it missing.
  detect: (_note, find) => {
    const negative = distinctTests([...find("sij.test-negative"), ...find("fact.si-test-negative")]);
    return negative.length >= 2 ? negative : [];
  },
};

export const sij: FamilyDef = {
  service: "sij",
  title: "SI joint injection",
  source: ODG,
  concepts: [
    {
      id: "sij.term",
      terms: [
        "(?:si|sacroiliac)[- ]joint (?:injections?|blocks?|steroid injections?)",
        "sij(?:i| injections?| blocks?)",
        "sacroiliac (?:injections?|blocks?)",
        "si (?:injections?|blocks?)",
        "27096",
        "g0260",
      ],
    },
    testPositive,
    testNegative,
    countedPositive,
    threePositive,
    testsNegative,
    { id: "sij.tests-negative", terms: ["(?:si|sacroiliac) (?:provocation |provocative )?(?:tests?|maneuvers?) (?:were |are )?(?:all )?neg(?:ative)?", "negative (?:si|sacroiliac) (?:provocation |provocative )?(?:tests?|maneuvers?)"] },
    {
      id: "sij.fluoro",
      terms: ["fluoroscop\\w*", "under fluoro", "fluoro[- ]guided", "image[- ]guided", "c-arm", "27096", "ct[- ]guided"],
    },
    { id: "sij.blind", terms: ["blind(?:ly)?", "landmark[- ]guided", "landmark technique", "without (?:imaging|fluoroscopy|guidance)"] },
    {
      id: "sij.other-spinal-block",
      terms: [
        "(?:lumbar |transforaminal |tf |caudal )?(?:esi|epidural(?: steroid)?(?: injection)?)",
        "medial branch blocks?",
        "mbb",
        "facet (?:joint )?(?:injections?|blocks?)",
      ],
    },
    {
      // Another spinal block named with the SI injection, unless its clause puts it on another day
      // ("not the same day as the ESI", "on a separate date from the MBBs", "staged two weeks apart").
      id: "sij.same-day-procedure",
      detect: (note: Note, find: (id: string) => Mention[]): Span[] =>
        find("sij.other-spinal-block")
          .filter((m) => !SEPARATE_DAY.test(clauseAround(note, m)))
          .map((m) => ({ start: m.start, end: m.end })),
    },
    {
      id: "sij.other-generators-excluded",
      terms: [
        "(?:mri|imaging)[^.;]{0,40}?(?:without|no|negative for) (?:nerve (?:root )?)?(?:compression|impingement|stenosis|herniation)",
        "hip (?:exam|examination|rom|range of motion) (?:is )?(?:normal|unremarkable|full|nl|wnl)",
        "facet loading (?:is )?neg(?:ative)?",
        "negative facet loading",
        "(?:pain|tenderness) (?:at|over) (?:the )?psis",
        "fortin (?:finger )?(?:test |sign )?(?:\\+|positive)",
        "other (?:pain )?(?:generators|sources) (?:excluded|ruled out|addressed)",
      ],
    },
    {
      id: "sij.competing-generator",
      terms: ["hip (?:oa|osteoarthritis|arthritis)", "trochanteric bursitis", "greater trochanteric pain syndrome"],
    },
    // Linear: the optional lead word carries its own spaces (a bare "\\s*" first rescans every run of spaces).
    { id: "sij.weeks", terms: ["(?:(?:x|for|over|past|last)\\s*)?(?:\\d{1,2}|four|five|six|eight|twelve)\\+?\\s*(?:weeks?|wks?|months?|mos?)"] },
    reliefConcept("sij.relief-ok", { minPercent: 70, minDays: 42 }),
    reliefConcept("sij.relief-low", { atMostPercent: 69 }),
  ],
  request: { concepts: ["sij.term"] },
  criteria: [
    {
      id: "sij.three-positive-tests",
      title: "At least three positive SI provocation tests",
      description: "The history and exam suggest SI joint dysfunction with at least three positive provocation tests (FABER, Gaenslen, thigh thrust, distraction, compression...).",
      citation: `${ODG}, criterion 1`,
      howToDocument: "Name each SI provocation test and its result on the requested side; at least three must be positive. Tenderness or \"SI pain\" does not count.",
      template: "SI tests ${1|‹side?›,R,L,bilateral|}: FABER ${2|‹result?›,+,-|}; Gaenslen ${3|‹result?›,+,-|}; thigh thrust ${4|‹result?›,+,-|}; distraction ${5|‹result?›,+,-|}; compression ${6|‹result?›,+,-|}",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        missing: "Fewer than three positive SI provocation tests are documented; ODG requires at least three (e.g. FABER, Gaenslen, thigh thrust).",
        contradicted: "SI provocation tests are documented as negative; ODG requires at least three positive tests.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [{ concept: "sij.three-positive" }],
          contradicted: [
            { concept: "sij.tests-negative", sections: ["exam", "other", "subjective"] },
            { concept: "sij.named-tests-negative", accept: "assessed" },
          ],
          unless: [{ concept: "sij.three-positive" }],
          whenUnaddressed: "nothing",
        },
        {
          // Partial: one or two positive tests are written; the physician needs the count, not the whole list.
          kind: "require",
          when: ["evidence:sij.test-positive"],
          elements: [{ label: "three positive tests", any: [{ concept: "sij.three-positive" }] }],
          message: "Only one or two positive SI provocation tests are documented; ODG requires at least three (e.g. FABER, Gaenslen, thigh thrust, distraction, compression).",
        },
        {
          kind: "require",
          when: ["not:evidence:sij.test-positive"],
          elements: [{ label: "three positive tests", any: [{ concept: "sij.three-positive" }] }],
        },
      ],
    },
    {
      id: "sij.failed-conservative",
      title: "4-6 weeks of aggressive conservative care failed",
      description: "At least 4-6 weeks of aggressive conservative therapy (PT, home exercise, medication management) has failed.",
      citation: `${ODG}, criterion 3`,
      howToDocument: "List PT (visits), home exercise and medications tried, how many weeks, and that they failed.",
      template: "Failed ${1:‹weeks›} wk: PT ${2:‹number of visits›} visits; HEP ${3:‹weeks›} wk; ${4:‹medications›}",
      section: "history",
      defaultSeverity: "warning",
      messages: { missing: "No {elements} documented; ODG requires 4-6 weeks of failed aggressive conservative care (PT, home exercise, medications)." },
      checks: [
        {
          kind: "require",
          elements: [
            // Any element of conservative care counts; no particular drug class is required (criteria.md §1).
            { label: "PT or home exercise trial", any: CONSERVATIVE_TRIAL },
          ],
        },
        {
          // Partial: the care is there; what it lacks is named.
          kind: "require",
          message: "Conservative care is documented, but not {elements}; ODG requires 4-6 weeks of failed aggressive conservative care (PT, home exercise, medications).",
          elements: [
            {
              label: "duration of at least 4 weeks",
              any: [
                { concept: "sij.weeks", accept: "ever", notSections: ["plan"] },
                { concept: "fact.care-weeks", accept: "ever", notSections: ["plan"] },
              ],
            },
            { label: "statement that it failed", any: CONSERVATIVE_FAILED },
          ],
        },
      ],
    },
    {
      id: "sij.other-generators-excluded",
      title: "Other pain generators excluded",
      description: "Other possible pain generators (disc, facet, nerve root, hip) have been addressed first.",
      citation: `${ODG}, criterion 2`,
      howToDocument: "State how disc, facet, nerve root and hip sources were excluded (MRI, SLR, hip exam, facet loading).",
      template: "Other sources excluded: ${1:‹disc, facet, nerve root, hip: how each was excluded›}",
      section: "assessment",
      defaultSeverity: "warning",
      messages: {
        missing: "No statement that other pain generators (disc, facet, nerve root, hip) were excluded; ODG requires them addressed first.",
        contradicted: "Radicular or hip findings point to another pain generator; ODG requires other sources to be excluded before SI blocks.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "radicular", notSections: ["history"] },
            { concept: "sij.competing-generator", notSections: ["history"] },
          ],
          satisfied: [{ concept: "sij.other-generators-excluded" }, { concept: "neuro-normal" }],
        },
      ],
    },
    {
      id: "sij.repeat-relief",
      title: "Repeat block: documented relief from the prior one",
      description:
        "A repeat needs relief from the prior block: diagnostic ≥80% for the anesthetic's duration; therapeutic ≥70% for ≥6 weeks, at least 2 months apart.",
      citation: `${ODG}, criteria 5-7`,
      howToDocument: "For the prior SI block: date, percent relief and how long it lasted, and functional gains.",
      template: "Prior SIJ ${1:‹date›}: ${2:‹percent relief›}% relief x ${3:‹weeks›} wk; ${4:‹functional change: activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "A prior SI block is documented without its percent relief and duration; ODG requires ≥70% relief for ≥6 weeks before a repeat.",
        contradicted: "Relief from the prior SI block is documented below the ODG threshold (≥70% for ≥6 weeks).",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "sij.relief-low", accept: "ever" }],
          satisfied: [{ concept: "sij.relief-ok", accept: "ever" }],
          unless: [{ concept: "sij.relief-ok", accept: "ever" }],
        },
      ],
    },
    {
      id: "sij.fluoroscopy",
      title: "Under fluoroscopy",
      description: "SI joint blocks are performed under fluoroscopic (imaging) guidance.",
      citation: `${ODG}, criterion 4`,
      howToDocument: "Request the injection fluoroscopically guided (CPT 27096).",
      template: "${1|‹guidance?›,Fluoroscopically guided,Ultrasound guided|} ${2|‹side?›,R,L,bilateral|} SIJ injection",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        missing: "The SI joint injection is not requested under fluoroscopy; ODG requires imaging guidance.",
        contradicted: "The SI joint injection is planned blind or landmark-guided; ODG requires fluoroscopic guidance.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "sij.blind", accept: "planned", near: { concept: "sij.term", within: "block", accept: "planned" } }],
          satisfied: [{ concept: "sij.fluoro", accept: "planned", near: { concept: "sij.term", within: "block", accept: "planned" } }],
        },
      ],
    },
    {
      id: "sij.not-same-day",
      title: "Not the same day as an ESI, facet injection or MBB",
      description: "SI joint blocks are not performed on the same day as a lumbar ESI, transforaminal ESI, facet joint injection or medial branch block.",
      citation: `${ODG}, criterion 8`,
      howToDocument: "Schedule the SI joint injection alone, on its own date.",
      template: "SIJ injection on ${1:‹date›}; ${2|‹other spinal injection that day?›,no other spinal injection that day,also ‹which injection› that day|}",
      section: "plan",
      defaultSeverity: "warning",
      messages: { contradicted: "An ESI, facet injection or medial branch block is requested in the same line as the SI joint injection; ODG advises against same-day procedures." },
      checks: [
        { kind: "forbid", evidence: [{ concept: "sij.same-day-procedure", accept: "planned", inRequest: true }], finding: "contradicted" },
      ],
    },
    {
      id: "sij.max-per-year",
      title: "No more than 4 per year",
      description: "Repeat SI joint blocks only as findings warrant, at most 4 per year.",
      citation: `${ODG}, criterion 9`,
      howToDocument: "Give the dates of SI injections in the past 12 months; the total with this request must be 4 or fewer.",
      template: "SIJ injections in the past year: ${1:‹dates›}",
      section: "history",
      defaultSeverity: "warning",
      messages: { exceeds: "{value} SI joint injections within 12 months including this request; ODG allows at most 4 per year." },
      checks: [{ kind: "limit", fact: "priorWithinYear", max: 4, finding: "exceeds" }],
    },
  ],
};
