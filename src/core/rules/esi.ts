// Epidural steroid injections (esi): MTUS CPMTG 2009, Epidural steroid injections p.46, "Criteria
// for the use of epidural steroid injections". Levels and approach come from extract/levels.ts.
import type { Concept } from "../concepts";
import type { Span } from "../text";
import { reliefConcept } from "../lexicon";
import { parseLevels } from "../extract/levels";
import type { EvidenceSpec, FamilyDef } from "./types";
import { CONSERVATIVE_FAILED, CONSERVATIVE_TRIAL } from "./elements";

const P46 = "MTUS CPMTG 2009, Epidural steroid injections (ESIs), p.46";

/** Imaging or electrodiagnostic studies. */
const STUDY = /\b(?:mri|mr imaging|magnetic resonance|ct(?: scan| myelogram)?|myelogram|emg(?:\s*\/\s*nc[sv])?|nc[sv]|electrodiagnostic\w*|nerve conduction|electromyograph\w*)\b/i;
/** Findings that corroborate a radiculopathy on a study. */
const ROOT_FINDING =
  /\b(?:(?:neuro)?foraminal (?:stenosis|narrowing|encroachment|compromise)|lateral recess stenosis|nerve roots? (?:compression|impingement|contact|effacement|displacement|irritation)|(?:compress|imping|effac|abut|contact|displac)\w*\s+(?:[\w-]+\s+){0,5}?(?:nerve\s+)?roots?|(?:disc |disk )?(?:herniations?|herniated (?:disc|disk|nucleus pulposus)|protrusions?|extrusions?)|hnp|radiculopathy|denervation|radiculitis)\b/gi;

/**
 * Study findings that corroborate radiculopathy, read in a window: the finding after the study in
 * its sentence, or anywhere in the sentence after one that names the study and ends in a colon.
 */
function corroborations(text: string, sentences: readonly Span[]): Span[] {
  const out: Span[] = [];
  const [first, second] = sentences;
  let from: number;
  if (second) {
    const lead = text.slice(first.start, first.end);
    if (!STUDY.test(lead) || !/:\s*$/.test(lead)) return out;
    from = second.start;
  } else {
    const study = STUDY.exec(text);
    if (!study) return out;
    from = study.index;
  }
  ROOT_FINDING.lastIndex = from;
  for (let m = ROOT_FINDING.exec(text); m; m = ROOT_FINDING.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const NORMAL_STUDY =
  /\b(?:normal|unremarkable|negative|within normal limits|wnl|no (?:evidence of )?(?:radiculopathy|nerve root|neural|foraminal|stenosis|herniation|disc herniation|compression|impingement)|without (?:evidence of )?(?:radiculopathy|nerve root|neural|foraminal|stenosis|herniation|disc herniation|compression|impingement))\b/gi;

/** A study read as normal or negative for root involvement, with no corroborating finding in its sentence. */
function negativeStudy(text: string): Span[] {
  const study = STUDY.exec(text);
  if (!study) return [];
  NORMAL_STUDY.lastIndex = 0;
  const m = NORMAL_STUDY.exec(text.slice(study.index));
  if (!m) return [];
  // A positive finding elsewhere in the sentence ("normal alignment; L5-S1 protrusion") is not a negative study.
  ROOT_FINDING.lastIndex = 0;
  const positives = [...text.matchAll(ROOT_FINDING)].filter((f) => {
    const before = text.slice(Math.max(0, (f.index ?? 0) - 25), f.index);
    return !/\b(?:no|without|negative for|not|nor|or)\b[^,;]*$/i.test(before);
  });
  if (positives.length) return [];
  const at = study.index + m.index;
  return [{ start: at, end: at + m[0].length }];
}

/** A study finding that corroborates the radiculopathy: in the study's window, or on its line (facts/studies.ts). */
const CORROBORATION: EvidenceSpec[] = [
  { concept: "esi.corroboration", accept: "ever" },
  { concept: "fact.study-root-finding", accept: "ever", notSections: ["plan"] },
];

const WRITTEN_COUNT = /\b(?:x|×)\s*([2-4])\b|\b([2-4]|two|three|four)\s+(?:(?:tf|transforaminal|interlaminar|lumbar|cervical|caudal|epidural)\s+)?(?:esis|epidurals|(?:epidural )?(?:steroid )?injections|shots)\b/i;
const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4 };
const SPREAD = /\bseries\b|\brepeat(?:ed)?\b|\bthen\b|\b(?:in|every|after|q)\s*\d+\s*(?:-\s*\d+\s*)?(?:days?|weeks?|wks?|months?)\b|\bweekly\b|\bmonthly\b/i;

/**
 * Bilateral at one level is one level, not a series: the injections a line counts ("x2", "two ESIs")
 * are the sides times the levels of one session ("right and left L5-S1"), with no interval or repeat.
 */
function bilateralSession(line: string): Span[] {
  const count = WRITTEN_COUNT.exec(line);
  if (!count || SPREAD.test(line)) return [];
  const n = Number(count[1] ?? COUNT_WORDS[count[2].toLowerCase()] ?? count[2]);
  const reading = parseLevels(line);
  if (reading.sides !== 2 || !reading.levels || n > reading.sides * reading.levels) return [];
  return [{ start: count.index, end: count.index + count[0].length }];
}

const corroboration: Concept = { id: "esi.corroboration", scan: { unit: "window", needs: STUDY.source, find: corroborations } };

/** An ESI that was not given: approved, denied or never scheduled ("approved for cervical ESI but could not schedule it"). */
const NOT_GIVEN = /\b(?:approved|authori[sz]ed|denied|non-?certified|not (?:able|authori[sz]ed|approved|done|performed|scheduled|given)|unable|could not|couldn't|never (?:had|received|got)|expired|cancel+ed|declined|refused)\b/i;
const performed: Concept = {
  id: "esi.performed",
  detect: (note, find) => find("esi.term").filter((m) => !NOT_GIVEN.test(note.prose.slice(m.sentence.start, m.sentence.end))),
};
const negativeStudyConcept: Concept = { id: "esi.negative-study", scan: { unit: "sentence", needs: STUDY.source, find: negativeStudy } };

export const esi: FamilyDef = {
  service: "esi",
  title: "Epidural steroid injections",
  source: "MTUS CPMTG 2009, Epidural steroid injections p.46",
  concepts: [
    {
      id: "esi.term",
      terms: [
        "epidural steroid injections?",
        "epidural (?:steroid )?(?:injections?|blocks?)",
        "epidurals",
        "(?:lumbar|cervical|thoracic|caudal|transforaminal|interlaminar|translaminar) epidurals?(?! (?:space|fibrosis|lipomatosis|abscess|hematoma|scar))",
        "(?:l|c|t|tf|il)?esis?",
        "(?:tf|il)[- ]esis?",
        "trans-?foraminal (?:steroid )?(?:injections?|blocks?)",
        "selective nerve root blocks?",
        "snrbs?",
        "6232[0-3]",
        "64479",
        "6448[0-4]",
      ],
    },
    {
      id: "esi.exam-sign",
      terms: [
        "(?:slr|straight leg rais(?:e|ing))(?: test)?\\s*(?:is\\s+|was\\s+)?(?:\\+|pos(?:itive)?)",
        "positive (?:seated )?(?:slr|straight leg rais(?:e|ing)|slump(?: test)?|spurling'?s?(?: test| sign| maneuver)?|femoral stretch(?: test)?)",
        "\\+\\s*(?:slr|spurling'?s?)",
        "slump (?:test )?(?:is\\s+)?(?:\\+|pos(?:itive)?)",
        "spurling'?s?(?: test| sign| maneuver)?\\s*(?:is\\s+)?(?:\\+|pos(?:itive)?)",
        "(?:decreased|diminished|reduced|absent|altered|impaired|loss of)\\s+(?:light touch |pinprick |sharp/dull )?(?:sensation|sensory|light touch|pinprick)",
        "dermatomal (?:numbness|paresthesias?|hypoesthesia|sensory (?:loss|deficit|changes))",
        "hyp(?:o)?esthesia",
        "(?:diminished|decreased|absent|reduced|hypoactive|asymmetric)\\s+(?:\\w+\\s+){0,2}?(?:reflex(?:es)?|dtrs?|jerks?)",
        "(?:achilles|patellar|ankle|knee|biceps|triceps|brachioradialis)(?: tendon)? (?:reflex|jerk|dtr)s?\\s*(?:is\\s+|are\\s+)?(?:diminished|decreased|absent|reduced|hypoactive|1\\+|trace)",
        "(?:weakness|[34][+-]?/5)\\s+(?:\\w+\\s+){0,3}?(?:ehl|great toe|toe extension|dorsiflex\\w*|plantar ?flex\\w*|ankle|quadriceps|quads?|hip flex\\w*|tibialis|gastroc\\w*|deltoids?|biceps|triceps|wrist ext\\w*|grip|finger)",
        "(?:ehl|great toe extension|dorsiflexion|plantar ?flexion|quadriceps|tibialis anterior|deltoid|biceps|triceps|wrist extension|grip)(?: strength)?\\s*(?:is\\s+)?(?:[34][+-]?/5|weak)",
        "myotomal weakness",
      ],
    },
    corroboration,
    { id: "esi.bilateral-session", scan: { unit: "line", find: bilateralSession } },
    negativeStudyConcept,
    performed,
    {
      id: "esi.fluoro",
      terms: [
        "fluoroscop\\w*",
        "under fluoro",
        "fluoro[- ]guided",
        "image[- ]guided",
        "imaging guidance",
        "c-arm",
        "ct[- ]guided",
        "62321",
        "62323",
        "64479",
        "6448[0-4]",
      ],
    },
    {
      id: "esi.blind",
      terms: ["blind(?:ly)?", "landmark[- ]guided", "landmark technique", "without (?:imaging|fluoroscopy|fluoroscopic guidance|guidance)", "62320", "62322"],
    },
    {
      id: "esi.series",
      terms: [
        "series of (?:2|3|two|three)(?: (?:esis?|epidurals?|injections?|blocks?))?",
        "(?:2|3|two|three)[- ](?:esi |injection |epidural |shot )?series",
        "(?:2|3|4|two|three|four)\\s+(?:(?:tf|transforaminal|interlaminar|lumbar|cervical|caudal)\\s+)?(?:esis|epidurals|epidural (?:steroid )?injections)",
        "(?:esis?|epidurals?|epidural (?:steroid )?injections?)\\s*(?:x|×)\\s*[2-4](?!\\s*(?:levels?|sites?|sides?|roots?))",
        "(?:repeat|second|2nd|another) (?:esi|epidural|injection)s? in (?:1|2|3|4|one|two|three|four)(?:\\s*-\\s*\\d)? (?:weeks?|wks?)",
      ],
    },
    reliefConcept("esi.relief-ok", { minPercent: 50, minDays: 42, bareDuration: true }),
    reliefConcept("esi.relief-low", { atMostPercent: 49, underDays: 42, bareDuration: true }),
  ],
  request: { concepts: ["esi.term"] },
  criteria: [
    {
      id: "esi.radiculopathy-documented",
      title: "Radiculopathy on exam, corroborated by imaging or electrodiagnostics",
      description:
        "Radiculopathy must be documented by physical examination and corroborated by imaging studies and/or electrodiagnostic testing (criterion 1).",
      citation: `${P46}, criterion 1`,
      howToDocument:
        "In the exam, record the radicular sign on the requested side and level (positive SLR, dermatomal sensory loss, diminished reflex, myotomal weakness); cite the MRI or EMG finding at the matching level.",
      template: "${1|‹radiculopathy?›,Radiculopathy,No radiculopathy|} ${2:‹level and side›}: ${3:‹exam sign›}; ${4:‹MRI or EMG›} ${5:‹date›}: ${6:‹finding at the level›}",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        missing: "Radiculopathy is not documented by an exam sign and a corroborating MRI or EMG finding; MTUS requires both for an ESI.",
        contradicted: "The exam or the studies are documented as normal for radiculopathy; MTUS requires radiculopathy on exam, corroborated by imaging or EMG.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "neuro-normal", sections: ["exam"] }],
          satisfied: [
            { concept: "esi.exam-sign", sections: ["exam", "other", "assessment"] },
            { concept: "fact.radicular-sign", accept: "assessed", sections: ["exam", "other", "assessment"] },
          ],
          unless: [
            { concept: "esi.exam-sign", sections: ["exam", "other", "assessment"] },
            { concept: "fact.radicular-sign", accept: "assessed", sections: ["exam", "other", "assessment"] },
          ],
          message: "The exam documents no radicular sign (SLR, dermatomal sensory loss, reflex or motor deficit); MTUS requires radiculopathy on physical exam for an ESI.",
        },
        {
          kind: "assess",
          contradicted: [{ concept: "esi.negative-study", accept: "ever" }],
          satisfied: CORROBORATION,
          unless: CORROBORATION,
          whenUnaddressed: "nothing",
          message: "The MRI or electrodiagnostic study is documented as normal for the nerve roots; MTUS requires imaging and/or EMG corroboration of the radiculopathy for an ESI.",
        },
        {
          // Partial: reached only when the exam check passed (its gap comes first), so the exam sign is there.
          kind: "require",
          elements: [{ label: "a corroborating MRI or EMG finding", any: CORROBORATION }],
          message:
            "Radicular signs are documented on exam, but no MRI or electrodiagnostic finding corroborates them; MTUS requires imaging and/or EMG corroboration for an ESI.",
        },
      ],
    },
    {
      id: "esi.failed-conservative",
      title: "Unresponsive to conservative treatment",
      description:
        "Initially unresponsive to conservative treatment: exercises, physical methods, NSAIDs and muscle relaxants (criterion 2).",
      citation: `${P46}, criterion 2`,
      howToDocument: "List the exercise or PT course and the NSAID or muscle relaxant tried, how long, and that they did not help.",
      template: "Failed ${1:‹PT or home exercise, NSAID, muscle relaxant›} x ${2:‹weeks›} wk",
      section: "history",
      defaultSeverity: "warning",
      messages: {
        missing: "No {elements} documented; MTUS requires the radicular pain to be unresponsive to conservative care (exercise, physical methods, NSAIDs, muscle relaxants) first.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            // Any element of conservative care counts; no particular drug class is required (criteria.md §1).
            { label: "conservative care trial (exercise, physical methods, NSAIDs or relaxants)", any: CONSERVATIVE_TRIAL },
          ],
        },
        {
          // Partial: the care is there, its outcome is not.
          kind: "require",
          elements: [{ label: "statement that conservative care failed", any: CONSERVATIVE_FAILED }],
          message:
            "Conservative care is documented, but not that it failed (persisting symptoms or no relief); MTUS requires the radicular pain to be unresponsive to conservative care first.",
        },
      ],
    },
    {
      id: "esi.fluoroscopy",
      title: "Under fluoroscopic guidance",
      description: "Injections should be performed using fluoroscopy (live x-ray) for guidance (criterion 3).",
      citation: `${P46}, criterion 3`,
      howToDocument: "Request the ESI fluoroscopically guided (e.g. CPT 64483 transforaminal, 62323 interlaminar with imaging).",
      template: "${1|‹guidance?›,Fluoroscopically guided,CT guided|} ${2|‹approach?›,TF,IL,caudal|} ESI",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        missing: "The ESI is not requested under fluoroscopy; MTUS requires fluoroscopic guidance.",
        contradicted: "The ESI is requested blind or without imaging guidance; MTUS requires fluoroscopic guidance.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "esi.blind", accept: "planned", near: { concept: "esi.term", within: "block", accept: "planned" } }],
          satisfied: [
            { concept: "esi.fluoro", accept: "planned", near: { concept: "esi.term", within: "block", accept: "planned" } },
            { concept: "esi.fluoro", accept: "planned", sections: ["plan"] },
          ],
        },
      ],
    },
    {
      id: "esi.repeat-relief",
      title: "Repeat ESI: ≥50% relief with reduced medication for 6-8 weeks, and functional improvement",
      description:
        "In the therapeutic phase, repeat blocks need continued objective pain and functional improvement, including at least 50% pain relief with associated reduction of medication use for six to eight weeks (criterion 7).",
      citation: `${P46}, criterion 7`,
      howToDocument: "For the prior ESI: date, percent relief (≥50%), how long it lasted (6-8 weeks), the medication reduction and the functional gain.",
      template: "Prior ESI ${1:‹date›}: ${2:‹percent relief›}% x ${3:‹weeks›} wk; meds ${4|‹medication change?›,reduced,unchanged|}; ${5:‹functional change: activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior:esi.performed"],
      messages: {
        missing: "A prior ESI is documented without {elements}; MTUS requires ≥50% relief with reduced medication for 6-8 weeks and functional improvement before a repeat.",
        contradicted: "Relief from the prior ESI is documented below 50% or under 6 weeks; MTUS does not support a repeat block.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "esi.relief-low", accept: "ever", near: { concept: "esi.term", within: "sentence" } },
            { concept: "temporary-relief", accept: "ever", near: { concept: "esi.term", within: "sentence" } },
          ],
          satisfied: [{ concept: "esi.relief-ok", accept: "ever", near: { concept: "esi.term", within: "sentence" } }],
          unless: [{ concept: "esi.relief-ok", accept: "ever", near: { concept: "esi.term", within: "sentence" } }],
          whenUnaddressed: "nothing",
        },
        {
          kind: "require",
          elements: [
            {
              label: "≥50% relief lasting 6-8 weeks",
              any: [{ concept: "esi.relief-ok", accept: "ever", near: { concept: "esi.term", within: "sentence" } }],
              partial: { any: [{ concept: "relief-percent", accept: "ever", near: { concept: "esi.term", within: "sentence" } }], label: "how long the ≥50% relief lasted (a percent is written, not its duration)" },
            },
            { label: "reduced medication use", any: [{ concept: "fact.med-reduction", accept: "ever" }] },
            { label: "functional improvement", any: [{ concept: "functional-improvement", accept: "ever" }] },
          ],
        },
      ],
    },
    {
      id: "esi.max-levels",
      title: "No more than 2 transforaminal levels or 1 interlaminar level per session",
      description:
        "No more than two nerve root levels should be injected using transforaminal blocks, and no more than one interlaminar level at one session (criteria 5-6).",
      citation: `${P46}, criteria 5-6`,
      howToDocument: "Name the approach (transforaminal or interlaminar), the levels and the side: at most 2 transforaminal levels, or 1 interlaminar level, per session.",
      template: "${1|‹approach?›,TF,IL|} ESI at ${2:‹levels›} ${3|‹side?›,R,L,bilateral|}",
      section: "plan",
      defaultSeverity: "warning",
      messages: { exceeds: "{value} levels requested in one session; MTUS allows at most 2 transforaminal levels or 1 interlaminar level per session." },
      checks: [
        {
          kind: "limit",
          fact: "levelsRequested",
          max: 2,
          finding: "exceeds",
          when: ["approach:transforaminal"],
          message: "{value} transforaminal levels requested in one session; MTUS allows no more than 2 nerve-root levels per transforaminal session.",
        },
        {
          kind: "limit",
          fact: "levelsRequested",
          max: 1,
          finding: "exceeds",
          when: ["approach:interlaminar"],
          message: "{value} interlaminar levels requested in one session; MTUS allows no more than 1 interlaminar level per session.",
        },
        { kind: "limit", fact: "levelsRequested", max: 2, finding: "exceeds", when: ["approach:unspecified"] },
      ],
    },
    {
      id: "esi.no-series",
      title: "No series of injections; at most 4 blocks per region per year",
      description:
        "Current research does not support a series-of-three injections. In the diagnostic phase at most two injections, the second only after a response to the first; in the therapeutic phase up to 4 blocks per region per year.",
      citation: `${P46} (diagnostic phase, therapeutic phase, series of three)`,
      howToDocument: "Request one ESI at a time; document the response before a second. Give the dates of ESIs in the past 12 months (4 or fewer per region including this one).",
      template: "ESIs to this region in the past year: ${1:‹dates›}; next only after ${2:‹response to this one›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        exceeds: "ESIs are requested as a series or several at once; MTUS does not support a series of injections, and a repeat needs a documented response to the prior one.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "esi.series", accept: "planned", inRequest: true }],
          finding: "exceeds",
          // Both sides of one level in one session are one injection visit, not a series.
          unless: [{ concept: "esi.bilateral-session", accept: "planned", inRequest: true }],
        },
        {
          kind: "limit",
          fact: "priorWithinYear",
          max: 4,
          finding: "exceeds",
          message: "{value} ESIs within 12 months including this request; MTUS allows up to 4 therapeutic blocks per region per year.",
        },
      ],
    },
  ],
};
