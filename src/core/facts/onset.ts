// Symptom onset written as a date: "since a fall at work in March 2019", "the ache began 02/2019",
// "onset 11/04/2018 lifting a pallet". The onset against the visit's date of service gives how
// long the symptoms have lasted; a month without a day counts from that month's last day, so a
// lasting of more than three months is never overstated.
import type { Concept } from "../concepts";
import { daysBetween, proseDates, type FoundDate } from "../extract/dates";
import type { Note } from "../note";
import type { Span } from "../text";
import { serviceDateOf } from "../visits";

/** Words that make the date an onset: "since", "began", "started", "onset", "first noticed", "ever since". */
const ONSET_CUE = /\b(?:since(?! (?:then|that|last|the last|her last|his last|our last|starting|beginning))|began|begun|started|starting|onset|first (?:noticed|felt|appeared|developed)|came on|developed)\b/i;
/** Symptom words before the cue: what began. */
const SYMPTOM = /\b(?:pain(?:ful)?|aches?|aching|achy|sore(?:ness)?|hurts?|hurting|symptoms?|numb(?:ness)?|tingl\w*|burning|spasms?|stiff(?:ness)?|swelling|weakness|complaints?|discomfort)\b/i;
/** Between the cue and the date: a short event ("a fall at work in", "lifting a pallet on"), no clause break. */
const BETWEEN = /^[^.;:!?]{0,60}$/;
/** After the date, words that make it something other than an onset ("since 03/2019 PT visits", "since then"). */
const NOT_ONSET_AFTER = /^\s*(?:\(?(?:visit|dos|date of service)\b)/i;
/** A date written with a month but no day: "March 2019", "03/2019". */
const MONTH_ONLY = /^(?:[a-z]+\.? \d{4}|\d{1,2}[/-]\d{4})$/i;

export interface Onset extends Span {
  iso: string;
  /** Days from the onset (the end of its month when no day is written) to the date of service. */
  days: number;
}

/** The latest day a date can mean: its own day, or its month's last day. */
function latestDay(prose: string, d: FoundDate): string {
  if (!MONTH_ONLY.test(prose.slice(d.start, d.end).trim())) return d.iso;
  const [y, m] = d.iso.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${d.iso.slice(0, 8)}${String(last).padStart(2, "0")}`;
}

/** Onset dates written in the note, each with the days it has lasted by the date of service. */
export function onsets(note: Note): Onset[] {
  const service = serviceDateOf(note);
  if (!service) return [];
  const out: Onset[] = [];
  for (const d of proseDates(note)) {
    if (d.iso > service) continue;
    const lineStart = note.prose.lastIndexOf("\n", d.start - 1) + 1;
    const before = note.prose.slice(Math.max(lineStart, d.start - 90), d.start);
    const cue = lastMatch(before, ONSET_CUE);
    // A field's colon may follow the cue ("Onset: 03/2019", "Symptoms began: 11/2018").
    if (cue < 0 || !BETWEEN.test(before.slice(cue).replace(/^(\S+(?:\s\S+)?)\s{0,2}:/, "$1 "))) continue;
    if (NOT_ONSET_AFTER.test(note.prose.slice(d.end, d.end + 20))) continue;
    // The symptoms are what began ("the ache since ...", "burning started ..."), not a drug or a
    // treatment ("on gabapentin since 06/2019", "started PT 03/2019"); "Onset:" names them itself.
    const lead = before.slice(Math.max(0, cue - 60), cue);
    if (!/^onset/i.test(before.slice(cue)) && !SYMPTOM.test(lead)) continue;
    const from = latestDay(note.prose, d);
    const days = from <= service ? daysBetween(from, service) : 0;
    out.push({ start: Math.max(lineStart, d.start - 90) + cue, end: d.end, iso: d.iso, days });
  }
  return out;
}

/** Where the last match of a cue starts in a text, or -1. */
function lastMatch(text: string, re: RegExp): number {
  const g = new RegExp(re.source, "gi");
  let at = -1;
  for (let m = g.exec(text); m; m = g.exec(text)) at = m.index;
  return at;
}

export const ONSET_FACT_CONCEPTS: Concept[] = [
  /** Symptoms whose written onset lies more than three months (91 days) before the date of service. */
  { id: "fact.onset-over-3-months", detect: (note: Note) => onsets(note).filter((o) => o.days >= 91).map((o) => ({ start: o.start, end: o.end })) },
];
