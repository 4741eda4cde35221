// The RFA facts analyze() reads: the front matter's dates (the note's own labels stay the
// fallback) and, per request, the numbers of its RFA line that the general rfa.* criteria read.
import { daysBetween, parseDate, type NoteDates } from "../extract/dates";
import type { Regimen } from "../extract/quantity";
import type { FactName } from "../types";
import type { Note } from "../note";
import type { FoundRequest } from "../facts/request-items";
import { findFrontMatter, frontMatterValues } from "../frontmatter";
import { lineFacts, resolveLine } from "./rfa-line";
import { codingSystem, icd9Codes } from "./request-items";

/** Dates written in the front matter win over dates read from the note's labels. */
export function applyFrontMatterDates(dates: NoteDates, source: string): NoteDates {
  const fm = findFrontMatter(source);
  if (!fm?.data) return dates;
  const values = frontMatterValues(fm);
  const at = { start: fm.start, end: fm.end };
  const take = (...keys: string[]) => {
    for (const k of keys) {
      const raw = values.get(k);
      const iso = raw ? parseDate(raw) : undefined;
      if (iso) return { ...at, iso };
    }
    return undefined;
  };
  const injury = take("date_of_injury");
  const service = take("date_of_service", "dos", "visit_date");
  const rfa = take("rfa_date", "date_of_request", "request_date");
  if (injury) dates.injury = injury;
  if (service) dates.service = service;
  if (rfa) dates.rfa = rfa;
  return dates;
}

/** Facts of one request's RFA line, and the age of the documentation. */
export function rfaFacts(
  note: Note,
  r: FoundRequest,
  regimen: Regimen | undefined,
  dates: NoteDates,
  today: string,
): Partial<Record<FactName, number>> {
  const line = resolveLine(note, r, regimen);
  const facts: Partial<Record<FactName, number>> = { ...lineFacts(line) };
  const service = dates.service?.iso;
  // Before 1 Oct 2015 an ICD-9 code, on the request line or with its matched diagnosis, completes the diagnosis.
  if (facts.rfaDiagnosis === undefined && codingSystem(service) === "ICD-9") {
    const lineText = note.prose.slice(r.block.start, r.block.end);
    const codes = icd9Codes(`${lineText} ${line.diagnosis?.text ?? ""}`);
    if (codes.length) facts.rfaDiagnosis = codes.length;
  }
  if (service) facts.documentationAgeDays = daysBetween(service, dates.rfa?.iso ?? today);
  return facts;
}
