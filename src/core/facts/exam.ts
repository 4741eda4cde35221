// Exam facts: tests and findings {test, side, level, result, performed}, trigger points read as a
// frame (site → taut band or nodule → twitch → referral), and the reading of failed conservative
// care (a tried treatment followed by a persisting symptom). Each reader is a pure function of one
// unit of text (a sentence, a window of two sentences, a line); the concepts at the end wrap them
// as scans, so the matcher keeps their spans with the chunk like any other concept's.
import type { Concept } from "../concepts";
import { DATE_SOURCE, DURATION_SOURCE, daysBetween, durationDays, parseDate } from "../extract/dates";
import type { Span } from "../text";
import { CONS_NEEDS, conservativeFailures } from "./outcome";
import { tableReferrals, tableTwitches, withTables } from "./tables";
import { perChunk } from "../note";

export type Side = "left" | "right" | "bilateral";

/** What was tested. Neurological tests read for radiculopathy; the rest are provocation tests. */
export type ExamTest =
  | "slr"
  | "slump"
  | "femoral-stretch"
  | "spurling"
  | "reflex"
  | "sensation"
  | "strength"
  | "heel-toe-walk"
  | "neuro"
  | "si-provocation"
  | "facet-loading";

export interface ExamFinding extends Span {
  test: ExamTest;
  /** The test's name as written. */
  name: string;
  side?: Side;
  /** A root or level named with the finding ("L5", "C5 through T1", "L4-5"). */
  level?: string;
  /** abnormal: a positive test or a deficit; normal: a negative test or an intact finding. */
  result: "abnormal" | "normal" | "unknown";
  /** False when the note says the test was not done ("deferred", "not repeated"); a negative result is a test done. */
  performed: boolean;
  /** The patient's own account ("she says her SLR was positive elsewhere"), not an examination. */
  reported?: boolean;
}

const NEURO_TESTS: ReadonlySet<ExamTest> = new Set(["slr", "slump", "femoral-stretch", "spurling", "reflex", "sensation", "strength", "heel-toe-walk", "neuro"]);

/** Test names: each alternative a capture group in TEST_KINDS order. */
const TEST_KINDS: Array<[ExamTest, string]> = [
  ["slr", "(?:crossed |seated |supine )?(?:slr|straight[- ]leg[- ]rais(?:e|es|ing)(?: test)?|lasegue'?s?)"],
  ["slump", "slump(?: test)?"],
  ["femoral-stretch", "femoral (?:nerve )?stretch(?: test)?"],
  ["spurling", "spurling'?s?(?: test| sign| maneuver)?"],
  [
    "reflex",
    "(?:(?:deep tendon |muscle stretch )?reflex(?:es)?|dtrs?|(?:patellar?|achilles)(?: tendon)?(?: reflex(?:es)?| jerks?| dtrs?)?|(?:knee|ankle|biceps|triceps|brachioradialis)(?: tendon)?(?: reflex(?:es)?| jerks?| dtrs?|(?=:?\\s*[0-4]\\+)))",
  ],
  ["sensation", "(?:sensation|sensory(?: exam(?:ination)?)?|light touch|pinprick|pin prick|sharp/dull|two-point discrimination)"],
  [
    "strength",
    "(?:strength|motor(?: exam(?:ination)?| strength)?|ehl|great toe (?:extension|extensor)|toe extension|(?:ankle )?dorsiflexion|(?:ankle )?plantar ?flexion|hip flexion|knee extension|quadriceps|quads|tibialis anterior|gastrocnemius|deltoids?|biceps strength|triceps strength|wrist extension|wrist extensors|grip(?: strength)?|finger abduction|myotomes?)",
  ],
  ["heel-toe-walk", "(?:heel|toe)(?:[- ]and[- ](?:heel|toe))?[- ]walk(?:ing)?"],
  ["neuro", "neuro(?:logic(?:al)?(?:ly)?)?(?: exam(?:ination)?)?"],
  [
    "si-provocation",
    "(?:faber|patrick'?s?|fabere|gaenslen'?s?|thigh[- ]thrust|p4|posterior shear|posh|(?:si |sacroiliac )?distraction|gapping|(?:si |sacroiliac )?compression(?<!(?:root|cord|nerve|thecal sac|sac|canal|foraminal|cauda equina|vertebral) compression)(?! fracture)|sacral thrust|fortin(?: finger)?|gillet|stork|yeoman'?s?|cranial shear)(?: tests?| maneuvers?| signs?)?",
  ],
  ["facet-loading", "(?:facet loading|extension[- ]rotation|kemp'?s?)(?: tests?| maneuvers?)?"],
];

const TEST_RE = new RegExp(`(?<![A-Za-z0-9])(?:${TEST_KINDS.map(([, src]) => `(${src})`).join("|")})(?![A-Za-z0-9])`, "gi");

/** What every exam unit holds: one of the test names (a word start for the token index). */
export const EXAM_NEEDS = TEST_KINDS.map(([, src]) => src).join("|");

const ABNORMAL_AFTER =
  /^[\s:=(]*(?:(?:he|she|they|patient|the patient) )?(?:(?:is|are|was|were|tests?|signs?|maneuvers?|all|both|each|again|today)\s+){0,3}(?:\+|\(\+\)|pos\b|positive|reproduc\w*|provok\w*|elicit\w* (?:pain|symptoms)|painful|abnormal|decreased|diminished|reduced|absent|dull\w*|hypo\w*|impaired|altered|weak\w*|asymmetric\w*|[0-4](?:[+-])?\s*\/\s*5|1\+|trace|0\/4|1\/4)/i;
const NORMAL_AFTER =
  /^[\s:=(]*(?:(?:he|she|they|patient|the patient) )?(?:(?:is|are|was|were|tests?|signs?|maneuvers?|all|both|each|again|today)\s+){0,3}(?:-(?!\d)|\(-\)|neg\b|negative|normal|nl\b|wnl|within normal limits|intact|symmetric\w*|equal|full|5\s*\/\s*5|2\+|non-?focal|unremarkable|painless|comfortable|does not reproduce|without pain|no pain|pressure only)/i;
/** A qualifier written before the test name: "positive SLR", "decreased pinprick", "no Spurling". */
const ABNORMAL_BEFORE =
  /(?:\b(?:positive|pos|decreased|diminished|reduced|absent|impaired|altered|dulled|asymmetric|loss of|weak|hypoactive|trace)|\+)\s*$/i;
const NORMAL_BEFORE = /\b(?:negative|neg|normal|intact|symmetric|equal|full)\s*$/i;
/** Not done, in the test's clause. */
const NOT_DONE =
  /\b(?:not (?:tested|done|performed|assessed|repeated|examined|attempted|elicited due)|deferred|unable to (?:test|perform|assess|complete)|could not (?:be )?(?:tested|performed|assessed|done)|did not (?:repeat|test|perform|do|assess)|not able to (?:test|perform)|too (?:uncomfortable|painful) to (?:test|perform))\b/i;
const NOT_DONE_BEFORE = /\b(?:did not (?:repeat|test|perform|do|assess)|unable to (?:test|perform|assess)|deferred|no)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$/i;

/** The patient's account of a test or symptom, before it in its sentence: not an exam finding. */
const REPORTED_BEFORE =
  /\b(?:(?:she|he|they|patient|pt|the patient|the injured worker|iw)\s+(?:reports?|reported|says|said|states|stated|describes|described|feels|felt|notes|noted|recalls|thinks|believes|was told|tells (?:me|us))|per (?:the )?patient|according to (?:the )?patient|self-reported)\b[^.;]*$/i;

/** What joins a run of tests sharing one result: commas, slashes, "and", "or" (one class, then a word: linear). */
const RUN_SEPARATOR = /^[\s,/&]*(?:(?:and|or)\b[\s,/&]*)?$/i;

/** A clause break: the result of a test is read up to the next test or the end of its clause. */
const CLAUSE_END = /[.;|\n]|,\s*(?:but|while|and then)\b|\bbut\b|\bhowever\b/i;

const SIDE_RE = /\b(?:(left|lt\.?|l)|(right|rt\.?|r)|(bilateral(?:ly)?|bilat\.?|b\/l|both(?: sides| legs| arms| lower extremities| upper extremities)?|ble|bue))\b/i;
const LEVEL_RE = /\b([CTLS][1-8](?:\s*[-–]\s*[CTLS]?[1-8])?(?:\s+(?:through|to)\s+[CTLS][1-8])?)\b/;

function readSide(text: string): Side | undefined {
  const m = SIDE_RE.exec(text);
  if (!m) return undefined;
  return m[1] ? "left" : m[2] ? "right" : "bilateral";
}

/**
 * A template form read as its choices: an unchecked box and the option written after it become
 * blanks ("[ ] pos [x] neg" reads "neg"), a checked box's marker a blank; offsets are kept.
 */
export function formChoices(text: string): string {
  if (!text.includes("[") && !/[☐☑☒]/.test(text)) return text;
  return text
    .replace(/(?:\[\s\]|☐)[^[☐☑☒\n|]*?(?=\[|[☐☑☒]|\s{2,}|\||$)/gm, (m) => " ".repeat(m.length))
    .replace(/\[[xX✓✔]\]|[☑☒]/g, (m) => " ".repeat(m.length));
}

/**
 * Exam tests and findings in one unit of text. Each test name opens a clause that runs to the next
 * test name or clause break; its result is read right after the name (or a qualifier right before
 * it). A normal result is a test done; "not repeated", "deferred" mark a test not done.
 */
export function readExamFindings(source: string): ExamFinding[] {
  const text = formChoices(source);
  const hits: Array<{ index: number; end: number; test: ExamTest; name: string }> = [];
  TEST_RE.lastIndex = 0;
  for (let m = TEST_RE.exec(text); m; m = TEST_RE.exec(text)) {
    const group = m.slice(1).findIndex((g) => g !== undefined);
    if (group < 0) continue;
    hits.push({ index: m.index, end: m.index + m[0].length, test: TEST_KINDS[group][0], name: m[0] });
  }
  const out: ExamFinding[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    // The clause after the name, up to a clause break or the next test of another kind.
    let tail = text.slice(h.end, Math.min(text.length, h.end + 120));
    const brk = CLAUSE_END.exec(tail);
    if (brk) tail = tail.slice(0, brk.index);
    // A run of tests sharing one result ("FABER, Gaenslen and thigh thrust negative"): read the
    // result after the last test of the run.
    let j = i;
    while (j + 1 < hits.length && RUN_SEPARATOR.test(text.slice(hits[j].end, hits[j + 1].index))) j++;
    let resultTail = tail;
    if (j > i) {
      resultTail = text.slice(hits[j].end, Math.min(text.length, hits[j].end + 120));
      const b2 = CLAUSE_END.exec(resultTail);
      if (b2) resultTail = resultTail.slice(0, b2.index);
    } else if (i + 1 < hits.length && hits[i + 1].index - h.end < tail.length) {
      tail = tail.slice(0, hits[i + 1].index - h.end);
      resultTail = tail;
    }
    const before = text.slice(Math.max(0, h.index - 40), h.index);
    const clauseBefore = before.split(/[.;|\n]/).pop() ?? "";
    // Qualifiers between the name and a side or level ("on the right 4/5", "at L5 decreased").
    const stripped = resultTail.replace(/^[\s:=]*(?:on the |in the |over the |at )?(?:(?:left|right|bilateral(?:ly)?|l|r|both sides?)\b[\s,]*)?(?:(?:[CTLS][1-8](?:\s*[-–]\s*[CTLS]?[1-8])?|through|to|dermatomes?|distribution|[\s,])+)?/i, " ");
    let result: ExamFinding["result"] = "unknown";
    const reflexNormal = h.test === "reflex" && /^[\s:]*(?:(?:patellar?|achilles|knee|ankle|biceps|triceps)\s*)?2\+\s*(?:\/\s*2\+|(?:and|,)?\s*(?:symmetric|equal|bilaterally|bilat|b\/l)|$)/i.test(stripped);
    const reflexAbnormal = h.test === "reflex" && /\b(?:[01]\+|0\/4|1\/4|trace|absent|diminished|decreased|hypoactive|reduced)\b|\b\d\+\s*vs\.?\s*(?:(?:[lr]|left|right)\s*)?\d\+/i.test(resultTail) && !/^[\s:]*2\+\s*(?:\/\s*2\+\s*)?$/.test(resultTail);
    if (reflexAbnormal) result = "abnormal";
    else if (reflexNormal) result = "normal";
    else if (ABNORMAL_AFTER.test(stripped) || ABNORMAL_AFTER.test(resultTail)) result = "abnormal";
    else if (NORMAL_AFTER.test(stripped) || NORMAL_AFTER.test(resultTail)) result = "normal";
    else if (ABNORMAL_BEFORE.test(clauseBefore)) result = "abnormal";
    else if (NORMAL_BEFORE.test(clauseBefore)) result = "normal";
    else if (/\b(?:reproduc\w*|provok\w*|elicit\w*|recreat\w*|brings on)\b[^.;]{0,40}\b(?:pain|symptoms|ache)\b/i.test(resultTail)) result = "abnormal";
    // A strength grade under 5 anywhere in the clause ("EHL on the right 4/5"), unless "otherwise 5/5".
    if (h.test === "strength" && result !== "abnormal" && /(?<![\d/])[0-4](?:[+-])?\s*\/\s*5\b/.test(resultTail)) result = "abnormal";
    if (h.test === "strength" && result === "unknown" && /\b(?:weak|weakness)\b/i.test(resultTail)) result = "abnormal";
    if (h.test === "heel-toe-walk" && result === "unknown" && /\bweak|unable|difficult/i.test(resultTail)) result = "abnormal";
    // A table row: the test in its first cell, one result per side in the others ("| SLR | - | + at 40° |").
    const row = rowCells(text);
    if (row && h.index >= row[0].start && h.end <= row[0].end && row.length > 1) {
      const results = row.slice(1).map((c) => cellResult(h.test, text.slice(c.start, c.end)));
      result = results.includes("abnormal") ? "abnormal" : results.length && results.every((r) => r === "normal") ? "normal" : "unknown";
    }
    const performed = !(NOT_DONE.test(resultTail) || NOT_DONE.test(tail) || NOT_DONE_BEFORE.test(clauseBefore));
    const level = LEVEL_RE.exec(resultTail)?.[1] ?? LEVEL_RE.exec(clauseBefore)?.[1];
    const side = readSide(clauseBefore.slice(-12)) ?? readSide(resultTail);
    const f: ExamFinding = { start: h.index, end: h.end, test: h.test, name: h.name, result, performed };
    if (REPORTED_BEFORE.test(text.slice(0, h.index))) f.reported = true;
    if (side) f.side = side;
    if (level) f.level = level.replace(/\s+/g, " ");
    out.push(f);
  }
  return out;
}

/** The cells of a table row ("| SLR | - | + |"), the empty edges dropped; undefined when the text is no row. */
function rowCells(text: string): Span[] | undefined {
  if (!/^\s*\|/.test(text) || text.split("|").length < 3) return undefined;
  const cells: Span[] = [];
  let from = text.indexOf("|") + 1;
  for (let bar = text.indexOf("|", from); ; bar = text.indexOf("|", from)) {
    const end = bar < 0 ? text.length : bar;
    if (/\S/.test(text.slice(from, end))) cells.push({ start: from, end });
    if (bar < 0) break;
    from = bar + 1;
  }
  return cells;
}

/** One result cell of an exam table: "+", "pos", "1+", "4/5" abnormal; "-", "neg", "2+", "5/5", "intact" normal; "+/-" unknown. */
function cellResult(test: ExamTest, cell: string): ExamFinding["result"] {
  const c = cell.trim();
  if (!c || /^(?:\+\s*\/\s*-|±|n\/?a|not tested|deferred)$/i.test(c)) return "unknown";
  if (test === "reflex") {
    if (/^(?:[01]\+?|0\/4|1\/4|trace|absent|diminished|decreased|hypoactive|reduced)\b/i.test(c)) return "abnormal";
    if (/^(?:2\+?|2\/4|normal|nl|symmetric)\b/i.test(c)) return "normal";
  }
  if (test === "strength" && /^[0-4](?:[+-])?\s*\/\s*5\b/.test(c)) return "abnormal";
  if (ABNORMAL_AFTER.test(c)) return "abnormal";
  if (NORMAL_AFTER.test(c)) return "normal";
  return "unknown";
}

/** True for a neurological finding of nerve-root compromise: an abnormal neuro test that was done. */
export function isRadicularSign(f: ExamFinding): boolean {
  return f.performed && !f.reported && f.result === "abnormal" && NEURO_TESTS.has(f.test) && f.test !== "neuro";
}

/** True for a neurological test done and normal (the inversion rule: "SLR negative" documents no radiculopathy). */
export function isNormalNeuro(f: ExamFinding): boolean {
  return f.performed && !f.reported && f.result === "normal" && NEURO_TESTS.has(f.test);
}

/** True for a provocation test of the SI joint done and positive. */
export function isPositiveSiTest(f: ExamFinding): boolean {
  return f.performed && !f.reported && f.result === "abnormal" && f.test === "si-provocation";
}

/** True for a provocation test of the SI joint done and negative (a negative test is a test done). */
export function isNegativeSiTest(f: ExamFinding): boolean {
  return f.performed && !f.reported && f.result === "normal" && f.test === "si-provocation";
}

function findingsWhere(pred: (f: ExamFinding) => boolean) {
  return (text: string): Span[] =>
    readExamFindings(text)
      .filter((f) => pred(f))
      .map((f) => ({ start: f.start, end: f.end }));
}

// ---------------------------------------------------------------------------------------------
// Trigger points as a frame: a site (a muscle) with a taut band or nodule, a local twitch, and pain
// referred elsewhere, recognised with or without the words "trigger point" and "twitch response".

const TP_BAND =
  /\b(?:trigger[- ]?points?|trps?|taut bands?|(?:ropy|rope-like|cord-like|cordlike|firm|tight|palpable|tense)\s+(?:[\w-]+\s+){0,2}?(?:bands?|cords?|nodules?|knots?)|bands?|nodules?|knots?|nodular)\b/i;
const TP_TWITCH =
  /\b(?:(?:local )?twitch(?:es|ed|ing)?(?: responses?| signs?)?|ltrs?|jump(?:s|ed|ing)?(?: sign)?|flicker\w*|visible (?:local )?contraction)\b/i;
const TP_TWITCH_NEG =
  /\b(?:no|without|absent|not|never|(?:does|did|do)(?:n't| not))\s+(?:a\s+|any\s+)?(?:local\s+|visible\s+)?(?:twitch|ltr|jump|jerk|contract|quiver|kick|flinch)|\b(?:twitch|ltr)\w*(?: responses?)?\s+(?:was |is |were )?(?:not (?:elicited|seen|present|obtained)|absent|negative)/i;
/** A quick movement of the muscle in plain words: "jerks", "contracts briefly", "quivers", "kicks". */
const MOVES = "jerk(?:s|ed|ing)?|contract(?:s|ed|ing)?|contraction|quiver(?:s|ed|ing)?|ripple(?:s|d)?|rippling|kick(?:s|ed)?|flinch(?:es|ed)?|fasciculat\\w*";
/** What sets it off: pressing, snapping, plucking, flicking or needling the band. */
const PROVOKES = "press\\w*|pressure|snap\\w*|pluck\\w*|flick\\w*|strum\\w*|needl\\w*|palpat\\w*|roll\\w*|push\\w*|tap\\w*|pok\\w*|insert\\w*|compress\\w*|stimulat\\w*";
/** The movement after its trigger ("pressing it makes the muscle jerk") or before it ("contracts when snapped"). */
const TWITCH_AFTER_PROVOKE = new RegExp(`\\b(?:${PROVOKES})\\b[^.;]{0,70}?\\b(${MOVES})\\b`, "i");
const TWITCH_BEFORE_PROVOKE = new RegExp(`\\b(${MOVES})\\b[^.;]{0,40}?\\b(?:when|as|on|with|upon|if|each time|whenever|after)\\b[^.;]{0,30}?\\b(?:${PROVOKES})\\b`, "i");

/** A local twitch described in plain words, tied to pressing or needling the band: its span, or null. */
function plainTwitch(text: string): RegExpExecArray | null {
  for (const re of [TWITCH_AFTER_PROVOKE, TWITCH_BEFORE_PROVOKE]) {
    const m = re.exec(text);
    if (!m) continue;
    const at = m.index + m[0].indexOf(m[1]);
    const out = Object.assign([m[1]], { index: at, input: text, groups: undefined }) as RegExpExecArray;
    return out;
  }
  return null;
}

const TP_REFERRAL =
  /\b(?:referr(?:ed|al|ing|s)|(?:feels?|felt)\s+(?:it|this|that|the (?:pain|ache)|an ache|pain)\s+(?:down|in|into|over|along|behind|up|toward|towards)\s|refers?|sends?\s+(?:[\w-]+\s+){0,3}?(?:to|into|over|down|up|along|toward|towards|behind|across)|reproduc\w*\s+(?:[\w'-]+\s+){0,3}?(?:usual|familiar|typical|headaches?|pain|ache)|radiat\w*\s+(?:to|into|over|up|along|toward|towards|behind)|(?:spread(?:s|ing)?|travel(?:s|ed|led|ing|ling)?|goes|going|moves?|moving)\s+(?:to|into|over|up|down|along|toward|towards|behind)|(?:pain|ache)\s+(?:is\s+)?(?:felt|projected)\s+(?:in|at|over|behind|into))/i;
const TP_REFERRAL_NEG =
  /\b(?:no|without|not)\s+(?:any\s+)?(?:referr|radiat|spread)|\b(?:does not|did not|doesn't|didn't|not|never)\s+(?:refer|radiate|spread|send|reproduce)|\breferr\w*(?: pain| pattern)?\s+(?:was |is )?(?:not (?:elicited|reproduced|present|seen)|absent)/i;
const MUSCLE_SITE =
  /\b(?:trapezi(?:us|i)|levator(?: scapulae)?|rhomboids?|paraspinals?|quadratus lumborum|ql|gluteus(?: medius| maximus| minimus)?|gluteal|piriformis|pyriformis|infraspinatus|supraspinatus|scalenes?|splenius(?: capitis)?|sternocleidomastoid|scm|latissimus(?: dorsi)?|erector spinae|multifidus|suboccipitals?|teres (?:major|minor)|deltoid|pectoralis(?: major| minor)?|iliopsoas|tensor fasciae? latae?|tfl|masseter|temporalis|serratus|muscle|muscles|belly)\b/i;

/** What a trigger-point frame holds: a band, nodule, knot or the words "trigger point" (token-index words). */
export const TP_NEEDS = "trigger|trps?|taut|bands?|nodul\\w*|knots?|ropy|rope|cord\\w*|firm|tight|palpable|tense";

export interface TriggerPointFrame {
  band: boolean;
  site: boolean;
  twitch?: Span & { present: boolean };
  referral?: Span & { present: boolean };
}

/** The trigger-point frame of one unit (a sentence and the next): undefined when no band or trigger point is named with a muscle. */
export function readTriggerPoint(source: string): TriggerPointFrame | undefined {
  const text = formChoices(source);
  const band = TP_BAND.exec(text);
  if (!band) return undefined;
  const site = MUSCLE_SITE.test(text) || /\btrigger[- ]?points?|trps?\b/i.test(band[0]);
  if (!site) return undefined;
  const frame: TriggerPointFrame = { band: true, site };
  const twitch = TP_TWITCH.exec(text) ?? plainTwitch(text);
  if (twitch) {
    const neg = TP_TWITCH_NEG.test(text);
    frame.twitch = { start: twitch.index, end: twitch.index + twitch[0].length, present: !neg };
  }
  const referral = TP_REFERRAL.exec(text);
  if (referral) {
    const neg = TP_REFERRAL_NEG.test(text);
    frame.referral = { start: referral.index, end: referral.index + referral[0].length, present: !neg };
  }
  return frame;
}

function frameSpans(part: "twitch" | "referral") {
  return (text: string): Span[] => {
    const f = readTriggerPoint(text);
    const s = f?.[part];
    return s && s.present ? [{ start: s.start, end: s.end }] : [];
  };
}

// ---------------------------------------------------------------------------------------------
// Conservative care failed: a tried element of CONS-PAT followed, in its sentence or the next, by
// a negative or partial outcome (a persisting symptom). One reading for every family.

const CARE_ELEMENT =
  /\b(?:pt|p\.t\.|physical therapy|physiotherapy|therapy|therapies|hep|home (?:exercise|program|stretch\w*)|exercises?|stretch\w*|mckenzie|core stabilization|chiropractic|chiro|manipulation|acupuncture|massage|tens|nsaids?|anti-?inflammator\w+|ibuprofen|motrin|advil|naproxen|naprosyn|aleve|meloxicam|mobic|diclofenac|celecoxib|celebrex|etodolac|nabumetone|muscle relax\w+|cyclobenzaprine|flexeril|tizanidine|zanaflex|methocarbamol|robaxin|baclofen|metaxalone|medications?|meds|activity modification|bracing|conservative (?:care|treatment|therapy|management|measures))\b/i;
/** "none of that", "neither", "all of the above": an outcome about the treatments just listed. */
const CARE_ANAPHOR = /\b(?:none of (?:that|this|these|those|them|it)|neither(?: of (?:them|those|these))?|all of (?:that|this|these|those|the above)|both)\b/i;

const FAILED_OUTCOME =
  /\b(?:failed|fails|failure|unsuccessful|ineffective|not (?:effective|helpful)|plateau\w*|refractory|intolerant|intolerance|despite|(?:no|none with|without|little|minimal)\s+(?:lasting |meaningful |real |significant |sustained |appreciable |durable |any |further )?(?:benefit|relief|gains?|improvement|difference|help)|(?:did not|didn't|does not|doesn't|has not|hasn't|have not|haven't|never)\s+(?:really\s+|much\s+|fully\s+)?(?:help(?:ed)?|work(?:ed)?|settled?|resolved?|improved?|relieved?|changed?|gone away|go away|moved?|touched?|made (?:a|any|much) (?:real |meaningful |lasting )?difference)|(?:none|neither|nothing)\s+(?:[\w-]+\s+){0,6}?(?:helped|worked|settled|moved|changed|touched|relieved|lasting)|(?:still|remains?|persist\w*|continues? to (?:have|be|hurt|report))\s+(?:[\w/-]+\s+){0,4}?(?:pain|painful|symptomatic|hurts?|hurting|sore|\d{1,2}\s*\/\s*10|ach\w*|limited|spasms?|numb\w*|tingl\w*)|(?:pain|symptoms|it) (?:is |was |remains |remained |stays |stayed )?(?:unchanged|the same|no better|not (?:gone|better|improved))|same as (?:before|in)\b|not (?:improving|improved|getting better|responding|helping)\b|helped (?:only )?(?:a little|little|briefly|temporarily|for a (?:day|few days|week|while)))/i;

/** What every failed-care unit holds: a word of an outcome (token-index starts). */
export const FAILED_NEEDS =
  "failed|fails|failure|unsuccessful|ineffective|not|plateau\\w*|refractory|intoleran\\w*|despite|no|none|without|little|minimal|did|didn't|does|doesn't|has|hasn't|have|haven't|never|neither|nothing|still|remains?|persist\\w*|continues?|pain|unchanged|same|helped";

/** A failed (or only partly helpful) trial of conservative care in a unit: the outcome's span. */
export function readFailedCare(source: string): Span[] {
  const text = formChoices(source);
  if (!CARE_ELEMENT.test(text) && !CARE_ANAPHOR.test(text)) return [];
  const m = FAILED_OUTCOME.exec(text);
  if (!m) return [];
  return [{ start: m.index, end: m.index + m[0].length }];
}

// Durations of care: "x 6 weeks", "for three months", a date range "06/2015-08/2015" or "between
// 06/08/2015 and 08/21/2015".
const CARE_DURATION = new RegExp(`(?:\\b(?:x|for|over|past|last|of|about|approximately)\\s*)?${DURATION_SOURCE}`, "gi");
const DATE_RANGE = new RegExp(`(${DATE_SOURCE})\\s*(?:-|–|—|to|through|until|thru)\\s*(${DATE_SOURCE})|\\bbetween\\s+(${DATE_SOURCE})\\s+and\\s+(${DATE_SOURCE})`, "gi");

/** The days a unit's written durations and date ranges of care span, each with its span. */
export function careDurations(text: string): Array<Span & { days: number }> {
  const out: Array<Span & { days: number }> = [];
  CARE_DURATION.lastIndex = 0;
  for (const m of text.matchAll(CARE_DURATION)) {
    const days = durationDays(m[1], m[3]);
    // Hours and minutes are relief, not a course of care.
    if (days !== undefined && days >= 1) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, days });
  }
  DATE_RANGE.lastIndex = 0;
  for (const m of text.matchAll(DATE_RANGE)) {
    const from = parseDate(m[1] ?? m[3]);
    const to = parseDate(m[2] ?? m[4]);
    if (!from || !to || to < from) continue;
    // A month-only end date ("08/2015") counts to the end of its month.
    const monthOnly = /^\d{1,2}[/-]\d{4}$|^[a-z]+\.? \d{4}$/i.test((m[2] ?? m[4]).trim());
    const days = daysBetween(from, to) + (monthOnly ? 30 : 0);
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, days });
  }
  return out;
}

/** A course of conservative care lasting at least four weeks, in a unit that names the care. */
export function readCareWeeks(text: string, minDays = 28): Span[] {
  if (!CARE_ELEMENT.test(text)) return [];
  return careDurations(text)
    .filter((d) => d.days >= minDays)
    .map((d) => ({ start: d.start, end: d.end }));
}

const BOX_CHAR = /[[☐]/;
/** An unchecked template box before a position on its line ("[ ] Muscle relaxant"), read in the source. */
export function uncheckedBefore(source: string, at: number): boolean {
  const lineStart = source.lastIndexOf("\n", at - 1) + 1;
  const before = source.slice(lineStart, at);
  if (!BOX_CHAR.test(before)) return false;
  const box = Math.max(before.lastIndexOf("[ ]"), before.lastIndexOf("[]"), before.lastIndexOf("☐"));
  // The nearest box before the mention decides: "[x] PT  [ ] Chiro" leaves PT checked.
  return box >= 0 && box >= before.lastIndexOf("[x]") && box >= before.lastIndexOf("[X]") && box >= before.lastIndexOf("☑") && box >= before.lastIndexOf("☒");
}

/**
 * The mentions of a concept that an unchecked template box does not cancel: "fact.checked.<id>".
 * A form's unchecked option is not a finding (a trial of it is not documented); a checked one is.
 */
export function checkedOnly(id: string): Concept {
  return {
    id: `fact.checked.${id}`,
    detect: (note, find) =>
      find(id)
        .filter((m) => !uncheckedBefore(note.text, m.start))
        .map((m) => ({ start: m.start, end: m.end })),
  };
}

/** Conservative-care concepts read through form boxes (rules/elements.ts CONSERVATIVE_TRIAL). */
export const CHECKED_CARE = ["physical-therapy", "stretching", "active-therapy", "chiro.term", "acupuncture.term", "massage.term", "tens.term", "nsaid", "muscle-relaxant-any"];

// ---------------------------------------------------------------------------------------------
// The fact concepts (shared: every family selects them by id).

export const EXAM_FACT_CONCEPTS: Concept[] = [
  /** A radicular sign on exam: SLR/slump/femoral stretch/Spurling positive, a dermatomal sensory, reflex or motor deficit. */
  { id: "fact.radicular-sign", scan: { unit: "sentence", needs: EXAM_NEEDS, find: findingsWhere(isRadicularSign) } },
  /** A neurological test done and normal (SLR negative, sensation intact, reflexes symmetric, 5/5). */
  { id: "fact.neuro-normal", scan: { unit: "sentence", needs: EXAM_NEEDS, find: findingsWhere(isNormalNeuro) } },
  /** An SI provocation test done and positive. */
  { id: "fact.si-test-positive", scan: { unit: "sentence", needs: EXAM_NEEDS, find: findingsWhere(isPositiveSiTest) } },
  /** An SI provocation test done and negative. */
  { id: "fact.si-test-negative", scan: { unit: "sentence", needs: EXAM_NEEDS, find: findingsWhere(isNegativeSiTest) } },
  /**
   * A trigger point (or taut band, nodule, knot in a named muscle) with a local twitch: in prose, or
   * a trigger point table's twitch column answered yes. A table's header names columns, no finding.
   */
  { id: "fact.tp-twitch", detect: (note, find) => withTables(note, find("fact.tp-twitch-prose"), perChunk(note, tableTwitches), "skip") },
  { id: "fact.tp-twitch-prose", scan: { unit: "window", needs: TP_NEEDS, find: frameSpans("twitch") } },
  /** A trigger point (or band, nodule, knot) whose pressure refers pain elsewhere; in a table, a referral area written in its column. */
  { id: "fact.tp-referral", detect: (note, find) => withTables(note, find("fact.tp-referral-prose"), perChunk(note, tableReferrals), "skip") },
  { id: "fact.tp-referral-prose", scan: { unit: "window", needs: TP_NEEDS, find: frameSpans("referral") } },
  /**
   * Conservative care tried and failed (or only partly helped): a persisting symptom after it, as
   * this file reads it ("still has pain despite PT") or as the shared outcome reading does
   * (outcome.ts: "took meloxicam for months; the leg pain persisted"), so both wordings count.
   */
  {
    id: "fact.failed-care",
    scan: {
      unit: "window",
      needs: `${FAILED_NEEDS}|${CONS_NEEDS}`,
      find: (t, s) => {
        const own = readFailedCare(t);
        const shared = conservativeFailures(t, s).filter((c) => !own.some((o) => o.start < c.end && o.end > c.start));
        return [...own, ...shared].sort((a, b) => a.start - b.start);
      },
    },
  },
  /** A course of conservative care of at least four weeks (a duration or a date range). */
  { id: "fact.care-weeks", scan: { unit: "line", find: (text) => readCareWeeks(text) } },
  ...CHECKED_CARE.map(checkedOnly),
];
