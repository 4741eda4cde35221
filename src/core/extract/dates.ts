// Dates and durations: the visit date, the date of injury, dates of prior procedures.
import { perChunk, type Note } from "../note";
import type { Span } from "../text";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_NAME =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/** Numeric and written dates: 9-9-2015, 01/03/2014, 2/17/14, 2015-09-09, July 17, 2012, 12-2014. */
export const DATE_SOURCE =
  `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})|${MONTH_NAME}\\.? \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH_NAME}\\.? \\d{4}|\\d{1,2}[/-]\\d{4}|${MONTH_NAME}\\.? \\d{4})`;

const DATE_RE = new RegExp(`(?<![\\w/.-])${DATE_SOURCE}(?![\\w/-])`, "gi");

export interface FoundDate extends Span {
  iso: string;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function valid(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function year(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n + (n > 50 ? 1900 : 2000);
  return n;
}

/** Parses one date as written; undefined when it is not a real calendar date. */
export function parseDate(raw: string): string | undefined {
  const s = raw.trim().replace(/\.$/, "");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(s);
  if (m) return valid(year(m[3]), +m[1], +m[2]);
  m = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/i.exec(s);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()]) return valid(+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()], +m[2]);
  m = /^(\d{1,2}) ([a-z]+)\.? (\d{4})$/i.exec(s);
  if (m && MONTHS[m[2].slice(0, 3).toLowerCase()]) return valid(+m[3], MONTHS[m[2].slice(0, 3).toLowerCase()], +m[1]);
  m = /^(\d{1,2})[/-](\d{4})$/.exec(s);
  if (m) return valid(+m[2], +m[1], 1);
  m = /^([a-z]+)\.? (\d{4})$/i.exec(s);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()]) return valid(+m[2], MONTHS[m[1].slice(0, 3).toLowerCase()], 1);
  return undefined;
}

export function findDates(text: string, from = 0, to = text.length): FoundDate[] {
  const out: FoundDate[] = [];
  const slice = text.slice(from, to);
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(slice); m; m = DATE_RE.exec(slice)) {
    const iso = parseDate(m[0]);
    if (iso) out.push({ start: from + m.index, end: from + m.index + m[0].length, iso });
  }
  return out;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------

export interface NoteDates {
  /** Date of service / visit. */
  service?: FoundDate;
  injury?: FoundDate;
  /** Date the RFA is signed or dated, when written. */
  rfa?: FoundDate;
}

const LABEL_AFTER = "\\s*(?:(?:[:#=]|\\bis\\b|\\bon\\b|\\bof\\b)\\s*)?(?:[*_]+\\s*)?";
const SERVICE_LABEL = new RegExp(
  `\\b(?:date of service|dos|date of (?:visit|exam(?:ination)?|evaluation|report|encounter)|visit date|exam date|encounter(?: date)?|appointment date|visit|seen(?: on| today)?|date)\\b${LABEL_AFTER}$`,
  "i",
);
const INJURY_LABEL = new RegExp(
  `\\b(?:date of (?:injury|loss)|doi|injury date|injured on|industrial injury(?: of| on)?|injury of|cumulative trauma(?: through)?|ct)\\b${LABEL_AFTER}$`,
  "i",
);
const RFA_LABEL = /\b(?:rfa|request for authori[sz]ation)\b[^.\n]{0,20}$/i;
const BIRTH_LABEL = /\b(?:dob|date of birth|born|d\.o\.b\.?)\b\s*(?:[:#]\s*)?$/i;

/** The dates written in a note's prose (computed chunk by chunk). */
export function proseDates(note: Note): FoundDate[] {
  return perChunk(note, allDates);
}
const allDates = (prose: string): FoundDate[] => findDates(prose);

/** The visit date, the date of injury and the RFA date, from labels, else from the header. */
export function noteDates(note: Note): NoteDates {
  const result: NoteDates = {};
  const dates = proseDates(note);
  for (const d of dates) {
    const lineStart = note.lines.lineStart(note.lines.position(d.start).line);
    const before = note.prose.slice(Math.max(lineStart, d.start - 60), d.start);
    if (BIRTH_LABEL.test(before)) continue;
    if (!result.injury && INJURY_LABEL.test(before)) result.injury = d;
    else if (!result.service && SERVICE_LABEL.test(before)) result.service = d;
    else if (!result.rfa && RFA_LABEL.test(before)) result.rfa = d;
  }
  if (!result.service) {
    // The first unlabelled date in the header block (e.g. "pain mgmt f/u — 9-9-2015").
    const header = note.sections[0];
    const firstSection = note.sections[1]?.start ?? note.prose.length;
    const headerEnd = Math.max(header.end, Math.min(firstSection, 400));
    for (const d of dates) {
      if (d.start >= headerEnd) break;
      if (d === result.injury) continue;
      const lineStart = note.lines.lineStart(note.lines.position(d.start).line);
      if (BIRTH_LABEL.test(note.prose.slice(lineStart, d.start))) continue;
      if (/\b(?:doi|injury)\b[^\d]*$/i.test(note.prose.slice(lineStart, d.start))) continue;
      result.service = d;
      break;
    }
  }
  if (!result.service && result.rfa) result.service = result.rfa;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Durations.

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20,
  thirty: 30, several: 3, few: 3,
};

export const NUMBER_SOURCE =
  "(?:(?<!\\d)\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|thirty)";

export function toNumber(word: string): number | undefined {
  const w = word.toLowerCase().trim();
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w === "½" || w === "1/2" || w === "half") return 0.5;
  return NUMBER_WORDS[w];
}

const UNIT_DAYS: Array<[RegExp, number]> = [
  [/^(?:d|days?)$/i, 1],
  [/^(?:w|wk|wks|weeks?)$/i, 7],
  [/^(?:mo|mos|months?)$/i, 30],
  [/^(?:y|yr|yrs|years?)$/i, 365],
  [/^(?:h|hr|hrs|hours?)$/i, 1 / 24],
  [/^(?:min|mins|minutes?)$/i, 1 / 1440],
];

export const DURATION_SOURCE = `(${NUMBER_SOURCE})(?:\\s*(?:-|–|to)\\s*(${NUMBER_SOURCE}))?\\s*(?:\\+\\s*)?(days?|d|weeks?|wks?|wk|w|months?|mos?|mo|years?|yrs?|yr|y|hours?|hrs?|hr|h|minutes?|mins?|min)\\b`;

/** "6 weeks" → 42; ranges take the lower bound ("6-8 weeks" → 42). */
export function durationDays(num: string, unit: string): number | undefined {
  const n = toNumber(num);
  if (n === undefined) return undefined;
  for (const [re, days] of UNIT_DAYS) if (re.test(unit)) return n * days;
  return undefined;
}

/**
 * Time elapsed written relative to the visit: "5 weeks ago", "six weeks since her last injections",
 * "it has been 3 weeks since the TPIs". Each as days; a range takes its lower bound.
 */
const AGO = new RegExp(`(?<![\\w/.])${DURATION_SOURCE}\\s{0,2}(?:ago|back|prior|before (?:today|this visit))\\b`, "gi");
const SINCE_LAST = new RegExp(`(?<![\\w/.])${DURATION_SOURCE}\\s{1,2}since\\s{1,2}(?:the|her|his|their|a|an|that)?\\s{0,2}(?:last|prior|previous|most recent|first)?\\b`, "gi");

export function elapsedDays(text: string): number[] {
  const out: number[] = [];
  for (const re of [AGO, SINCE_LAST]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const days = durationDays(m[1], m[3]);
      // Hours and minutes ago are today's, not an earlier session.
      if (days !== undefined && days >= 1) out.push(Math.round(days));
    }
  }
  return out;
}
