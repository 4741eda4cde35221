// The facts layer: typed extractors (measures.ts, episodes.ts, outcome.ts) over one unit of text,
// and the fact concepts that expose them to the rules. A fact concept's scan calls an extractor and
// returns the spans of the facts that satisfy a predicate, so rules select evidence declaratively by
// concept id (e.g. "fact.pain-pair") and the matcher caches the spans per chunk like any match.
// One concept per meaning, shared by every family: never re-detect "conservative care failed".
import type { Concept } from "../concepts";
import type { Span } from "../text";
import { functionGains, functionStalls, longSymptomDurations, medicationReductions, medName, painPairs, painScores, reliefDurations } from "./measures";
import { ONSET_FACT_CONCEPTS } from "./onset";
import { tableFieldDurations, tableFieldPainPairs, tablePainPairs, withTables, type TablePainPair } from "./tables";
import { perChunk } from "../note";
import { CONS_NEEDS, conservativeFailures } from "./outcome";
import { ACTIVITY_SOURCE, HIGHER_BETTER_SCORE, LOWER_BETTER_SCORE } from "./vocab";

export * from "./measures";
export * from "./outcome";
export * from "./episodes";

/** What every pain score holds: "/10", a scale name, or a word of pain talk. */
export const PAIN_NEEDS = "10|vas|nrs|nprs|pain|hurt|ach|sore|rate|rating|score";
const DURATION_NEEDS = "last|hold|held|keep|good|help|work|wear|duration|relief|for";
const FUNCTION_NEEDS = [
  ACTIVITY_SOURCE,
  LOWER_BETTER_SCORE,
  HIGHER_BETTER_SCORE,
  "return\\w{0,3}|went|gone|got|back|rtw|now|working|ttd|off|restriction\\w{0,1}|fewer|increased|hours?|decreased|reduced|tapered|cut|lowered|weaned|down|less|no|stopped|discontinued|came|has|hasn|did|didn|resumed|resuming|can|could|able|started|began",
].join("|");

/** Every reduction names a medication in its clause: the medication words are what it needs. */
const MED_REDUCTION_NEEDS = medName().source.replace(/^\\b\(\?:/, "").replace(/\)\\b$/, "");

/** A chunk's table pain pairs, by columns and by field rows: read once per chunk for both pain facts. */
const tablePairs = (prose: string): TablePainPair[] => [...tablePainPairs(prose), ...tableFieldPainPairs(prose)];

const spans = <T extends Span>(list: T[]): Span[] => list.map((f) => ({ start: f.start, end: f.end }));

/** A pair's span: from the first score to the second. */
function pairSpans(text: string): Span[] {
  const pairs = painPairs(text);
  if (!pairs.length) return [];
  const start = Math.min(...pairs.map((p) => Math.min(p.before.start, p.after.start)));
  const end = Math.max(...pairs.map((p) => Math.max(p.before.end, p.after.end)));
  return [{ start, end }];
}

export const FACT_CONCEPTS: Concept[] = [
  ...ONSET_FACT_CONCEPTS,
  /** Pain with and without a drug, or before and after a dose (PAIN-PAT pairing), goals excluded: in prose or a table's columns. */
  { id: "fact.pain-pair", detect: (note, find) => withTables(note, find("fact.pain-pair-prose"), perChunk(note, tablePairs).filter((p) => p.dose)) },
  { id: "fact.pain-pair-prose", scan: { unit: "window", needs: PAIN_NEEDS, find: pairSpans } },
  /** A pain pair whose computed relief is at least 30% (8 → 5 is 38%): the AED response threshold; a table's "before the drug" and "today" columns count. */
  { id: "fact.pain-reduction-30", detect: (note, find) => withTables(note, find("fact.pain-reduction-30-prose"), perChunk(note, tablePairs).filter((p) => p.reliefPercent >= 30)) },
  {
    id: "fact.pain-reduction-30-prose",
    scan: {
      unit: "window",
      needs: PAIN_NEEDS,
      find: (t) => painPairs(t).filter((p) => p.reliefPercent >= 30).map((p) => ({ start: Math.min(p.before.start, p.after.start), end: Math.max(p.before.end, p.after.end) })).slice(0, 1),
    },
  },
  /** Any pain score that is not a goal (a baseline or current score). */
  { id: "fact.pain-score", scan: { unit: "sentence", needs: PAIN_NEEDS, find: (t) => spans(painScores(t)) } },
  /** How long relief lasts, in hours or minutes: in prose, or a field table's row ("| Relief lasts | ~4 h |"). */
  { id: "fact.relief-duration", detect: (note, find) => withTables(note, find("fact.relief-duration-prose"), perChunk(note, tableFieldDurations)) },
  { id: "fact.relief-duration-prose", scan: { unit: "window", needs: DURATION_NEEDS, find: (t) => spans(reliefDurations(t)) } },
  /** Functional improvement (FI-PAT, §1): a measured gain, an activity restored against a stated before, work or reliance. */
  { id: "fact.function-gain", scan: { unit: "sentence", needs: FUNCTION_NEEDS, find: (t) => spans(functionGains(t)) } },
  /** Less of a medication than before: counts that went down, or a drug reduced, tapered or stopped. */
  { id: "fact.med-reduction", scan: { unit: "sentence", needs: MED_REDUCTION_NEEDS, find: (t) => spans(medicationReductions(t)) } },
  /** Measured function that did not improve (the same value or worse). */
  { id: "fact.function-stall", scan: { unit: "sentence", needs: FUNCTION_NEEDS, find: (t) => spans(functionStalls(t)) } },
  // The shared concept IDs of PAIN-PAT pairing, FI-PAT and relief duration (criteria.md §2.5), as
  // families outside the facts layer name them: the same facts.
  { id: "pain-with-without", scan: { unit: "window", needs: PAIN_NEEDS, find: pairSpans } },
  { id: "relief-duration-hours", scan: { unit: "window", needs: DURATION_NEEDS, find: (t) => spans(reliefDurations(t)) } },
  { id: "functional-improvement", scan: { unit: "sentence", needs: FUNCTION_NEEDS, find: (t) => spans(functionGains(t)) } },
  /** Symptoms stated as lasting three months or more ("since surgery (18 months)", "for two years"). */
  { id: "fact.symptoms-3-months", scan: { unit: "sentence", needs: "pain|painful|symptom|ache|aching|numb|tingl|burn|spasm|stiff|since", find: (t) => spans(longSymptomDurations(t)) } },
  /** Conservative care (CONS-PAT) tried with a negative or partial outcome: the one shared "failed conservative care". */
  { id: "fact.conservative-failed", scan: { unit: "window", needs: CONS_NEEDS, find: (t, s) => conservativeFailures(t, s) } },
];
