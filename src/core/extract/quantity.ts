// The quantity grammar of ../shared/criteria.md §2.5 (QTY): drug lines (strength, units per dose,
// frequency, #quantity, refills, days supply), visit counts (2x6, x12, 12 sessions), injection
// counts (five (5) TPIs, TPI x5) and sets or sessions (x3 sets).
import { DURATION_SOURCE, durationDays, NUMBER_SOURCE, toNumber } from "./dates";

export interface Regimen {
  /** Strength of the active (first) component: 10 for "10/325 mg". */
  strength?: number;
  unit?: string;
  /** Maximum units per dose ("1/2 - 1 tab" → 1). */
  unitsPerDose?: number;
  /** Doses per day at the most frequent interval (q4-6h → 6). */
  dosesPerDay?: number;
  prn: boolean;
  quantity?: number;
  refills?: number;
  /** An explicit course length ("x 10 days"). */
  courseDays?: number;
}

const FREQUENCIES: Array<[RegExp, number | ((m: RegExpExecArray) => number)]> = [
  [/\b(?:q\.?i\.?d\.?|four times (?:a|per|each) day|4\s*x\s*(?:a|per|\/)\s*day|4x\/?d(?:ay)?)(?![\w])/i, 4],
  [/\b(?:t\.?i\.?d\.?|three times (?:a|per|each) day|3\s*x\s*(?:a|per|\/)\s*day|3x\/?d(?:ay)?)(?![\w])/i, 3],
  [/\b(?:b\.?i\.?d\.?|twice (?:a|per|each) day|twice daily|2\s*x\s*(?:a|per|\/)\s*day|2x\/?d(?:ay)?|q\s?12\s?h(?:rs?|ours?)?)(?![\w])/i, 2],
  [/\bq\.?\s?(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*h(?:rs?|ours?)?\b/i, (m) => Math.floor(24 / Math.max(1, Number(m[1])))],
  [/\bq\.?\s?(\d{1,2})\s*h(?:rs?|ours?)?\b/i, (m) => Math.floor(24 / Math.max(1, Number(m[1])))],
  [/\bevery\s+(\d{1,2})\s*(?:(?:-|–|to)\s*)?(?:\d{1,2}\s*)?h(?:rs?|ours?)\b/i, (m) => Math.floor(24 / Math.max(1, Number(m[1])))],
  [/\b(?:(\d)\s*x\s*(?:a|per|\/)\s*day)\b/i, (m) => Number(m[1])],
  [/\b(?:q\.?d\.?|daily|once (?:a|per) day|once daily|q\.?\s?hs|at bedtime|hs|q\s?am|q\s?pm|every (?:morning|evening|night)|nightly|a day|per day|\/day)(?![\w])/i, 1],
];

const UNITS_PER_DOSE = new RegExp(
  `(?<![\\w/])(${NUMBER_SOURCE}|½|1/2|half)(?:\\s*(?:-|–|to|or)\\s*(${NUMBER_SOURCE}|½))?\\s*(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?|sprays?|puffs?)\\b`,
  "i",
);
const UNITS_BEFORE_FREQUENCY = new RegExp(
  `(?<![\\w/.])(one|two|three|1|2|3|½|1/2|half)(?:\\s*(?:-|–|to|or)\\s*(one|two|three|1|2|3))?\\s+(?:po\\s+|by mouth\\s+)?(?:daily|qd|bid|tid|qid|q\\d|qhs|hs|at bedtime|every|twice|three times|four times|a day|per day)\\b`,
  "i",
);
const STRENGTH = /(?<![\w/])(\d+(?:\.\d+)?)\s*(?:(?:-|\/)\s*(\d+(?:\.\d+)?)\s*)?(mg|mcg|µg|mcg\/h(?:r)?|g|%|ml)?(?![\w])/i;
const QUANTITY = /(?:#\s*|\b(?:qty|quantity|disp(?:ense)?|dispensed)\s*(?:[:#]\s*)?(?:#\s*)?)(\d{1,4})\b/i;
/** "2 refills", "refills: 2", "no refills"; the prescription abbreviation "RF" ("#30 + 2 RF", "RF x2", "2 RFs"). */
const REFILLS = /\b(\d{1,2})\s*(?:refills?|rfs?)\b|\b(?:refills?|rfs?)\s*(?:[:x#]\s*)?(\d{1,2})\b|\bno (?:refills|rfs?)\b/i;
const COURSE = new RegExp(`(?:\\bx\\s*|\\bfor\\s+)${DURATION_SOURCE}`, "i");

/** Parses the regimen written after a drug name, e.g. "10-325 mg, 1/2 - 1 tab QID prn pain, #100". */
export function parseRegimen(text: string): Regimen {
  const r: Regimen = { prn: /\bprn\b|\bas needed\b/i.test(text) };
  const strength = STRENGTH.exec(text.slice(0, 40));
  // A bare number right after the name is a strength; a number with "#" is a quantity.
  if (strength && !text.slice(0, strength.index).trimEnd().endsWith("#")) {
    const unit = strength[3]?.toLowerCase();
    if (unit || strength[2] || strength.index < 4) {
      r.strength = Number(strength[1]);
      r.unit = unit ?? (strength[2] ? "mg" : undefined);
    }
  }
  const units = UNITS_PER_DOSE.exec(text) ?? UNITS_BEFORE_FREQUENCY.exec(text);
  if (units) {
    const a = toNumber(units[1] === "½" ? "0.5" : units[1]);
    const b = units[2] ? toNumber(units[2] === "½" ? "0.5" : units[2]) : undefined;
    const max = Math.max(a ?? 0, b ?? 0);
    if (max > 0) r.unitsPerDose = max;
  }
  for (const [re, value] of FREQUENCIES) {
    const m = re.exec(text);
    if (m) {
      r.dosesPerDay = typeof value === "number" ? value : value(m);
      break;
    }
  }
  const qty = QUANTITY.exec(text);
  if (qty) r.quantity = Number(qty[1]);
  const refills = REFILLS.exec(text);
  if (refills) r.refills = refills[0].toLowerCase().startsWith("no") ? 0 : Number(refills[1] ?? refills[2]);
  const course = COURSE.exec(text);
  if (course) {
    const days = durationDays(course[1], course[3]);
    if (days !== undefined && days >= 1) r.courseDays = days;
  }
  return r;
}

/** Days a dispensed quantity lasts at the maximum prescribed use. */
export function daysSupply(r: Regimen): number | undefined {
  if (r.courseDays !== undefined && r.quantity === undefined) return r.courseDays;
  if (r.quantity === undefined || r.dosesPerDay === undefined) return r.courseDays;
  const perDay = (r.unitsPerDose ?? 1) * r.dosesPerDay;
  if (perDay <= 0) return undefined;
  return Math.floor(r.quantity / perDay);
}

/** Merges regimens of the same drug (the plan line first, then the medication list). */
export function mergeRegimens(primary: Regimen, ...others: Regimen[]): Regimen {
  const out: Regimen = { ...primary };
  for (const o of others) {
    out.strength ??= o.strength;
    out.unit ??= o.unit;
    out.unitsPerDose ??= o.unitsPerDose;
    out.dosesPerDay ??= o.dosesPerDay;
    out.courseDays ??= o.courseDays;
    out.prn ||= o.prn;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counts of visits, sessions and injections.

export interface Counts {
  /** Injections, sites or muscles per session ("five (5) trigger point injections", "TPI x5"). */
  injections?: number;
  /** Sets, sessions or series requested ("x3 sets"). */
  sessions?: number;
  /** Therapy visits requested ("2x6", "x12", "12 sessions", "2x/wk x 6 wk"). */
  visits?: number;
}

const N = NUMBER_SOURCE;
const SESSION_WORDS = "(?:sets?|sessions?|series|rounds?|courses?)";
const VISIT_WORDS = "(?:visits?|sessions?|treatments?|appointments?)";
const INJECTION_WORDS =
  "(?:trigger[- ]point injections?|trigger[- ]points?|tpis?|trpis?|injections?|inj\\.?s?|sites?|muscles?|points?|shots?|blocks?)";

const INJECTIONS_BEFORE = new RegExp(
  `(?<![\\w/#.])(${N})\\s*(?:\\(\\s*\\d+\\s*\\)\\s*)?(?:(?!(?:sets?|sessions?|series|rounds?|courses?|visits?|of)\\b)[a-z-]+\\s+){0,2}?${INJECTION_WORDS}\\b`,
  "i",
);
const INJECTIONS_AFTER = new RegExp(
  `\\b${INJECTION_WORDS}\\s*(?:x|×|times)\\s*(\\d{1,2})\\b(?!\\s*(?:${SESSION_WORDS}|${VISIT_WORDS}|\\/|weeks?|wks?|months?))`,
  "i",
);
const SESSIONS = new RegExp(`(?:\\bx\\s*|(?<![\\w/#.]))(${N})\\s*${SESSION_WORDS}\\b`, "i");
const VISITS_FREQ_WEEKS = new RegExp(
  `\\b(\\d{1,2})\\s*(?:x|×|times)\\s*(?:(?:\\/\\s*w(?:ee)?k|(?:a|per)\\s*week|weekly)\\s*)?(?:(?:x|×|for)\\s*)?(\\d{1,2})\\s*(?:w(?:ee)?ks?|w)?\\b`,
  "i",
);
const VISITS_TIMES = /(?<![\w/])(?:x|×)\s*(\d{1,2})\b(?!\s*(?:sets?|sessions?|series|\/|mg|weeks?|wks?|days?|months?))/i;
const VISITS_WORDS = new RegExp(`(?:\\bx\\s*|(?<![\\w/#.]))(${N})\\s*(?:more\\s+|additional\\s+)?${VISIT_WORDS}\\b`, "i");

/** Counts in a request line. Which counts apply depends on the service (the rule picks). */
export function parseCounts(text: string): Counts {
  const c: Counts = {};
  const inj = INJECTIONS_AFTER.exec(text) ?? INJECTIONS_BEFORE.exec(text);
  if (inj) {
    const n = toNumber(inj[1]);
    if (n !== undefined && n > 0 && n < 100) c.injections = n;
  }
  const sessions = SESSIONS.exec(text);
  if (sessions) {
    const n = toNumber(sessions[1]);
    if (n !== undefined && n > 0) c.sessions = n;
  }
  const fw = VISITS_FREQ_WEEKS.exec(text);
  if (fw && !/\d\s*\/\s*\d/.test(fw[0]) && !/^\d+\s*x\s*\d+\s*(?:mm|cm|mg)/i.test(text.slice(fw.index))) {
    c.visits = Number(fw[1]) * Number(fw[2]);
  } else {
    const words = VISITS_WORDS.exec(text);
    const times = VISITS_TIMES.exec(text);
    if (words) c.visits = toNumber(words[1]);
    else if (times) c.visits = Number(times[1]);
  }
  return c;
}

/** A count of prior treatments in a history line: "at least 6 visits", "52 visits", "3 sets of". */
const PRIOR_COUNT = new RegExp(
  `(?<![\\w/#.])(?:at least\\s+|over\\s+|approximately\\s+|about\\s+|~\\s*)?(${N})\\s*(?:\\+\\s*)?(?:prior\\s+|previous\\s+|total\\s+)?(?:${SESSION_WORDS}|${VISIT_WORDS}|procedures?|injections?|tpis?)\\b`,
  "i",
);

/**
 * A count given as done, with words between it and its unit: "completed all 6 authorized PT visits",
 * "attended 10 aquatic therapy sessions". What was done counts, not what was authorised.
 */
const DONE_COUNT = new RegExp(
  `\\b(?:completed|finished|attended|underwent|received|went to|been to)\\s{1,2}(?:all\\s{1,2}(?:of\\s{1,2})?(?:the\\s{1,2}|her\\s{1,2}|his\\s{1,2}|their\\s{1,2})?|only\\s{1,2}|about\\s{1,2}|approximately\\s{1,2}|at least\\s{1,2})?(${N})\\s{1,2}(?:[A-Za-z./-]{1,16}\\s{1,2}){0,3}?(?:${SESSION_WORDS}|${VISIT_WORDS})\\b`,
  "i",
);

export function parsePriorCount(text: string): number | undefined {
  const done = DONE_COUNT.exec(text);
  if (done) {
    const n = toNumber(done[1]);
    if (n !== undefined && n > 0) return n;
  }
  const m = PRIOR_COUNT.exec(text);
  if (!m) return undefined;
  return toNumber(m[1]);
}

// ---------------------------------------------------------------------------------------------
// Frequency and span of a course of therapy or a program: "2x/wk x 4 wk", "twice a week for 6
// weeks", "x 10 days", "30-day rental", "80 hours", "1 month".

export interface CourseSpan {
  /** Visits per week ("2x/wk", "twice weekly", "3 times per week"); a range takes its upper bound. */
  perWeek?: number;
  /** Weeks of the course ("x 4 wk", "for 6 weeks", "6-week"); a range takes its upper bound. */
  weeks?: number;
  /** Calendar or program days ("x 10 days", "30-day rental"; "1 month" = 30). */
  days?: number;
  /** Hours ("80 hours", "160 hrs"). */
  hours?: number;
}

const RANGE = (unit: string) =>
  new RegExp(`(?<![\\w/.#])(${N})(?:\\s*(?:-|–|to)\\s*(${N}))?[\\s-]*(?:(?:more|additional|further|extra)\\s+)?${unit}`, "i");
const PER_WEEK_WORDS: Array<[RegExp, number]> = [
  [/\b(?:once|one time|1 time)\s*(?:a|per|each|every|\/)\s*w(?:ee)?k|\bweekly\b(?!\s*x)/i, 1],
  [/\b(?:twice|two times)\s*(?:(?:a|per|each|every|\/)\s*)?w(?:ee)?k(?:ly)?\b/i, 2],
  [/\bthree times\s*(?:(?:a|per|each|every|\/)\s*)?w(?:ee)?k(?:ly)?\b/i, 3],
];
const PER_WEEK = new RegExp(`(?<![\\w/.#])(${N})(?:\\s*(?:-|–|to)\\s*(${N}))?\\s*(?:x|×|times)\\s*(?:\\/\\s*|a\\s+|per\\s+|each\\s+|every\\s+)?w(?:ee)?k(?:ly)?\\b`, "i");
const FREQ_BY_WEEKS = /\b(\d{1,2})\s*(?:x|×)\s*(\d{1,2})\s*(?:w(?:ee)?ks?\b|(?![\w/]))/i;
const WEEKS = RANGE("w(?:ee)?ks?\\b");
const DAYS = RANGE("(?:full[- ])?days?\\b");
const MONTHS = RANGE("months?\\b");
const HOURS = RANGE("(?:hours?|hrs?)\\b");

/** A count written after its unit as a field: "Days completed: 15", "hours attended = 96". */
const DAYS_LABEL = new RegExp(`\\b(?:full[- ])?days?[ \\t]+(?:completed|attended|done)[ \\t]{0,3}(?:[:=|-][ \\t]{0,3})?(${N})(?![\\w/.])`, "i");
const HOURS_LABEL = new RegExp(`\\b(?:hours?|hrs?)[ \\t]+(?:completed|attended|done)[ \\t]{0,3}(?:[:=|-][ \\t]{0,3})?(${N})(?![\\w/.])`, "i");
function labelled(m: RegExpExecArray | null): number | undefined {
  return m ? toNumber(m[1]) : undefined;
}

function upper(m: RegExpExecArray | null): number | undefined {
  if (!m) return undefined;
  const a = toNumber(m[1]);
  const b = m[2] ? toNumber(m[2]) : undefined;
  if (a === undefined) return undefined;
  return b !== undefined && b > a ? b : a;
}

/** Frequency, weeks, days and hours written in a request line. */
export function parseSpan(text: string): CourseSpan {
  const s: CourseSpan = {};
  const perWeek = upper(PER_WEEK.exec(text));
  if (perWeek !== undefined) s.perWeek = perWeek;
  else {
    for (const [re, n] of PER_WEEK_WORDS) if (re.test(text)) {
      s.perWeek = n;
      break;
    }
  }
  // "2x6", "2 x 6 wk": frequency by weeks, unless a per-week form already gave the frequency.
  const fw = FREQ_BY_WEEKS.exec(text);
  if (fw && !/^\d+\s*x\s*\d+\s*(?:mm|cm|mg)/i.test(text.slice(fw.index))) {
    s.perWeek ??= Number(fw[1]);
    s.weeks = Number(fw[2]);
  }
  // Weeks: the first "N weeks" not part of a per-week frequency.
  const weeksText = text.replace(PER_WEEK, " ");
  const weeks = upper(WEEKS.exec(weeksText));
  if (weeks !== undefined && s.weeks === undefined) s.weeks = weeks;
  const days = upper(DAYS.exec(text)) ?? labelled(DAYS_LABEL.exec(text));
  const months = upper(MONTHS.exec(text));
  if (days !== undefined) s.days = days;
  else if (months !== undefined) s.days = months * 30;
  const hours = upper(HOURS.exec(text)) ?? labelled(HOURS_LABEL.exec(text));
  if (hours !== undefined) s.hours = hours;
  return s;
}

/** "completed 6 of 6 authorized visits", "6 of 12 sessions done", "attended 8 of the 12 approved treatments" → the first number. */
const COMPLETED_OF = new RegExp(
  `(?<![\\w/#.])(${N})\\s+(?:out\\s+)?of\\s+(?:the\\s+)?(?:${N})\\s+(?:\\w+\\s+){0,3}?(?:${SESSION_WORDS}|${VISIT_WORDS})\\b`,
  "i",
);

export function parseCompletedCount(text: string): number | undefined {
  const m = COMPLETED_OF.exec(text);
  return m ? toNumber(m[1]) : undefined;
}
