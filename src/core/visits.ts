// A note may be a running case file: several progress reports, one after another, each with its
// own date of service and plan. Only the visit being documented now requests anything; the plans
// of earlier visits are history. The current visit is the one with the latest date of service.
import { noteDates, proseDates, type FoundDate } from "./extract/dates";
import { blockAt, datedHeading, sectionAt, type Note } from "./note";
import type { Span } from "./text";

/** A "Date of service:" style label at the start of a line (markup allowed), right before a date. */
const VISIT_LABEL =
  /^[ \t>*_#-]*(?:date of service|d\.?o\.?s\.?|date of (?:visit|exam(?:ination)?|evaluation|encounter)|visit date|exam date|encounter(?: date)?|appointment date)[ \t*_]*(?:[:#=][ \t*_]*)?$/i;

export interface Visit extends Span {
  date: FoundDate;
}

/**
 * The visits of a note, in order, when it holds two or more with different dates of service;
 * otherwise none (a single visit: the whole note is current). A visit starts at a dated heading
 * ("## Visit 3 — 07/12/2015", "--- 10/06/2015 ---", "**DOS 04/14/2026**", "### Jan 13, 2026"), or
 * at the section that carries its date-of-service label (the report's title or header block), or
 * at a paragraph that opens with the label after the previous visit's plan; never in a history
 * or subjective section quoting an earlier date.
 */
export function findVisits(note: Note): Visit[] {
  const dates = proseDates(note);
  const found: Visit[] = [];
  // Dated headings open a section of their own (note.ts): its label holds the visit's date.
  let di = 0;
  for (const section of note.sections) {
    if (section.kind !== "other" || section.label.end <= section.label.start) continue;
    if (!datedHeading(note.prose.slice(section.label.start, section.label.end))) continue;
    while (di < dates.length && dates[di].start < section.label.start) di++;
    const d = dates[di];
    if (d && d.end <= section.label.end) found.push({ start: section.start, end: note.prose.length, date: d });
  }
  for (const d of dates) {
    const lineStart = note.lines.lineStart(note.lines.position(d.start).line);
    if (!VISIT_LABEL.test(note.prose.slice(lineStart, d.start))) continue;
    const section = sectionAt(note.sections, d.start);
    if (section.kind === "header" || section.kind === "other") {
      found.push({ start: section.start, end: note.prose.length, date: d });
      continue;
    }
    // A label that opens a paragraph of its own after the previous visit's plan, which ran on to it
    // ("Plan: ...", then "Encounter date: 11/10/2015 | Type: follow-up"), starts the next visit. In
    // any other section (history, subjective) a dated label quotes earlier care.
    const block = blockAt(note, d.start);
    if (section.kind === "plan" && block?.kind === "paragraph" && block.start === lineStart) found.push({ start: lineStart, end: note.prose.length, date: d });
  }
  found.sort((a, b) => a.start - b.start);
  const starts: Visit[] = [];
  for (const v of found) {
    const last = starts[starts.length - 1];
    if (last && last.start === v.start) continue; // one label per section
    // Labels with the same date next to each other belong to one visit (a signature block).
    if (last && last.date.iso === v.date.iso) continue;
    starts.push(v);
  }
  if (starts.length < 2) return [];
  for (let i = 0; i + 1 < starts.length; i++) starts[i].end = starts[i + 1].start;
  return starts;
}

const currentVisits = new WeakMap<Note, { visit?: Visit }>();

/** The span of the visit being documented now (latest date; the last of equals), or undefined for a single visit; read once per note. */
export function currentVisit(note: Note): Visit | undefined {
  const known = currentVisits.get(note);
  if (known) return known.visit;
  let best: Visit | undefined;
  for (const v of findVisits(note)) if (!best || v.date.iso >= best.date.iso) best = v;
  currentVisits.set(note, { visit: best });
  return best;
}

const serviceDates = new WeakMap<Note, { iso?: string }>();

/**
 * The date of service the note documents, as an ISO day: the current visit's in a case file, else
 * the note's labelled (or header) date; read once per note. Front matter dates are analyze's own.
 */
export function serviceDateOf(note: Note): string | undefined {
  let found = serviceDates.get(note);
  if (!found) serviceDates.set(note, (found = { iso: currentVisit(note)?.date.iso ?? noteDates(note).service?.iso }));
  return found.iso;
}
