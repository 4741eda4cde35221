// Measures: typed numbers read from one unit of text (a sentence, a window of two, a table row).
// Pain {value 0-10, anchor}, relief duration {hours}, function {attribute, value, unit, anchor}.
// Anchors say when or under what the number holds: without / with / before / after a dose,
// baseline, now, goal, average, least, worst. Goals are never results.
// Pure functions of the text: a session caches their spans per chunk like any concept match.
import { ACTIVITY_SOURCE, GOAL_WORDS, HIGHER_BETTER_SCORE, LOWER_BETTER_SCORE, NUM_SOURCE, NUM_WORD_SOURCE, medWord, toNumber } from "./vocab";

export type Anchor = "without" | "with" | "before" | "after" | "baseline" | "now" | "goal" | "average" | "least" | "worst" | "unknown";

export interface Measure {
  attribute: string;
  /** The value (a range's midpoint); pain on a 0-10 scale (VAS millimetres divided by 10). */
  value: number;
  unit: string;
  anchor: Anchor;
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Pain.

/** "7/10", "8-9/10", "7 out of 10". */
const SLASH_TEN = /(?<![\d/.])(\d{1,2}(?:\.\d)?)(?:\s{0,2}(?:-|–|to)\s{0,2}(\d{1,2}(?:\.\d)?))?\s{0,2}(?:\/\s{0,2}10|out of 10|of 10)(?![\d/])/gi;
/** "VAS 70 mm", "NRS 6", "VAS: 7". */
const SCALE = /\b(?:vas|nrs|nprs|pain (?:score|level|rating))\s{0,3}(?:score\s{0,3})?(?:of\s{1,3}|:\s{0,3}|=\s{0,3}|is\s{1,3}|was\s{1,3}|avg\s{1,3}|average\s{1,3})?(\d{1,3}(?:\.\d)?)(?!\s{0,2}\/)(\s{0,2}mm)?/gi;
/** A bare millimetre value where a VAS is read ("30 mm about 45 minutes after"). */
const MM = /(?<![\d.])(\d{1,3})\s{0,2}mm\b/gi;
/** Words of a sentence about pain, where a bare "a 7" is a score. */
const PAIN_TALK = /\b(?:pain|hurts?|hurting|aches?|aching|sore(?:ness)?|rates?|rated|rating|scores?|nrs|vas)\b/i;
/** Units and signs after a number that make it something other than a pain score. */
const NOT_SCORE_AFTER = "(?![\\d.,:/]|\\s{0,2}(?:%|mm\\b|min|h\\b|hrs?\\b|hours?|lbs?\\b|pounds|kg|blocks?|feet|ft\\b|miles?|deg|°|days?|d\\b|weeks?|wks?|months?|mos?\\b|years?|yrs?|am\\b|pm\\b|times|x\\b|mg|mcg|tabs?|tablets?|pills?|visits?|sessions?|[-–]\\s{0,2}(?:lb|pound|day|week|hour|minute|month|year|mg)))";
/** "from a 7 to a 3", "from 8 down to 4". */
const APPROX_WORD = "(?:about|around|roughly|approximately|nearly|almost|maybe|~)\\s{1,3}";
const FROM_TO_BARE = new RegExp(
  `\\bfrom\\s{1,3}(?:${APPROX_WORD})?(?:an?\\s{1,3})?(\\d{1,2})${NOT_SCORE_AFTER}\\s{0,3}(?:down\\s{1,3})?(?:to|→|->)\\s{0,3}(?:${APPROX_WORD})?(?:an?\\s{1,3})?(\\d{1,2})${NOT_SCORE_AFTER}`,
  "gi",
);
/** "6 → 2", "8/10 -> 3/10": the first before, the second after. */
const ARROW_PAIR = /(?<![\d/.])(\d{1,2}(?:\.\d)?)(\s{0,2}\/\s{0,2}10)?\s{0,2}(?:→|->|-->|=>|⇒)\s{0,2}(\d{1,2}(?:\.\d)?)(?:\s{0,2}\/\s{0,2}10)?(?![\d/])/g;
/** "from 8/10 to 4/10", "from 7/10 down to 3": the first before, the second after. */
const FROM_TO_SLASH = /\bfrom\s{1,3}(\d{1,2}(?:\.\d)?)\s{0,2}\/\s{0,2}10\s{0,3}(?:down\s{1,3})?(?:to|→|->)\s{0,3}(\d{1,2}(?:\.\d)?)(?:\s{0,2}\/\s{0,2}10)?(?![\d/])/gi;
/** A bare score or range right before an anchor word, where the unit scores pain out of ten elsewhere: "4-5 with them". */
const BARE_BEFORE_CUE = /(?<![\d/.])(\d{1,2})(?:\s{0,2}[-–]\s{0,2}(\d{1,2}))?(?=\s{1,2}(?:with|without|w\/o?|on|off|after|before)\b)/gi;
/** "a 7", "rates it 8", "at a 4", "as low as a 2". */
const BARE = new RegExp(`\\b(?:an?|rates?(?:\\s{1,3}(?:it|her pain|his pain|the pain))?(?:\\s{1,3}(?:at|as))?|rated(?:\\s{1,3}it)?(?:\\s{1,3}(?:at|as))?)\\s{1,3}(?:an?\\s{1,3})?(\\d{1,2}(?:\\.5)?)${NOT_SCORE_AFTER}`, "gi");

const CUE_WITHOUT = /\b(?:without|w\/o|off(?: (?:of )?(?:the |her |his )?(?:meds?|medications?|it|them))?|untreated|skips?|skipped|skipping|misses|missed|ran out|runs out|run out|wears? off|worn off|back (?:up )?to)\b/i;
const CUE_BEFORE = /\b(?:before|pre|prior to|until)\b/i;
const CUE_BASELINE = /\b(?:baseline|initial(?:ly)?|at intake|intake|at (?:the )?start|originally|previously|used to be|was|were|had been)\b/i;
const CUE_WITH = /\b(?:with|w\/|on|taking|while taking|relief to|drops?|dropped|dropping|comes? down|came down|down to|brings? (?:it|him|her) (?:down )?to|reduces? (?:it )?to|improves? to|goes to)\b/i;
const CUE_AFTER = /\b(?:after|post|following|later)\b/i;
const CUE_NOW = /\b(?:now|today|currently|current|at present|this visit|presently)\b/i;
const CUE_AVERAGE = /\b(?:avg|average|averag(?:ed|es|ing)|usual(?:ly)?|typical(?:ly)?)\b/i;
const CUE_LEAST = /\b(?:least|lowest|best|as low as)\b/i;
const CUE_WORST = /\b(?:worst|highest|max(?:imum)?|as high as|peak)\b/i;

/** The anchor a cue text gives (the cues nearest the number win: `text` is read from the number outward). */
export function cueAnchor(text: string): Anchor | undefined {
  if (GOAL_WORDS.test(text)) return "goal";
  if (CUE_WITHOUT.test(text)) return "without";
  if (CUE_BEFORE.test(text)) return "before";
  if (CUE_LEAST.test(text)) return "least";
  if (CUE_WORST.test(text)) return "worst";
  if (CUE_AVERAGE.test(text)) return "average";
  if (CUE_AFTER.test(text)) return "after";
  if (CUE_WITH.test(text)) return "with";
  if (CUE_BASELINE.test(text)) return "baseline";
  if (CUE_NOW.test(text)) return "now";
  return undefined;
}

/** Clause breaks that end a cue's reach. */
const BREAK = /[;.!?\n|]|\bbut\b|\bwhile\b(?! taking)|\bwhereas\b/gi;

/**
 * The anchor of a number at [start, end): a cue right after it ("8/10 without") wins, else the
 * nearest cue before it in its clause ("without meds 8/10"), never reaching past another number.
 */
function anchorAt(text: string, start: number, end: number, prevNum: { end: number } | undefined, nextNum: { start: number } | undefined): Anchor {
  let after = text.slice(end, Math.min(text.length, end + 40));
  if (nextNum && nextNum.start - end < after.length) after = after.slice(0, Math.max(0, nextNum.start - end));
  BREAK.lastIndex = 0;
  const cut = BREAK.exec(after);
  if (cut) after = after.slice(0, cut.index);
  let before = text.slice(Math.max(0, start - 60), start);
  if (prevNum && start - prevNum.end < before.length) before = before.slice(before.length - Math.max(0, start - prevNum.end));
  let lastBreak = -1;
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(before); m; m = BREAK.exec(before)) lastBreak = m.index + m[0].length;
  if (lastBreak >= 0) before = before.slice(lastBreak);
  // A goal governs its whole clause.
  if (GOAL_WORDS.test(before)) return "goal";
  // A cue right after the number: "8/10 without", "4 with them", "3 forty minutes after the pill".
  const comma = after.search(/,|\band\b/i);
  const near = comma >= 0 ? after.slice(0, comma) : after;
  const tail = /^[\s)]{0,3}(?:\/\s{0,2}10\s{0,2})?(?:[a-z0-9~]{1,12}\s{0,2}){0,5}/i.exec(near)?.[0] ?? "";
  let fromTail = cueAnchor(tail.replace(/\b(?:pain|or|out|of)\b/gi, " "));
  // "with" and "on" name a treatment ("with her pills"), not an activity ("worse with bending").
  if (fromTail === "with" && !medWord().test(tail) && !/\b(?:with|on)\s{0,2}$/i.test(tail)) fromTail = undefined;
  if (fromTail && fromTail !== "baseline" && fromTail !== "now") return fromTail;
  // The cue nearest the number: read the words before it from the nearest outward.
  const words = before.split(/\s+/).filter(Boolean);
  for (let n = 1; n <= Math.min(words.length, 6); n++) {
    const a = cueAnchor(words.slice(words.length - n).join(" "));
    if (a) return a;
  }
  return fromTail ?? cueAnchor(after) ?? "unknown";
}

interface RawScore {
  start: number;
  end: number;
  value: number;
  /** A fixed anchor (the two ends of "from a 7 to a 3"). */
  anchor?: Anchor;
}

/** Whether a span overlaps one already read (the lists are read left to right per pattern, so the nearest few decide). */
function overlaps(list: RawScore[], start: number, end: number): boolean {
  // A unit holding more scores than any note writes in one sentence is not read further (linear time).
  if (list.length >= MAX_SCORES) return true;
  return list.some((r) => start < r.end && end > r.start);
}
const MAX_SCORES = 24;

/** Pain scores in a unit of text, each with its anchor. */
export function painMeasures(text: string): Measure[] {
  const raw: RawScore[] = [];
  const talk = PAIN_TALK.test(text);
  if (talk || /\/\s{0,2}10/.test(text)) {
    ARROW_PAIR.lastIndex = 0;
    for (let m = ARROW_PAIR.exec(text); m; m = ARROW_PAIR.exec(text)) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      if (a > 10 || b > 10 || (!m[2] && new RegExp(`^${NOT_SCORE_AFTER}`).test(after) === false)) continue;
      const second = m.index + m[0].lastIndexOf(m[3]);
      raw.push({ start: m.index, end: m.index + m[1].length, value: a, anchor: "before" });
      raw.push({ start: second, end: m.index + m[0].length, value: b, anchor: "after" });
    }
  }
  FROM_TO_SLASH.lastIndex = 0;
  for (let m = FROM_TO_SLASH.exec(text); m; m = FROM_TO_SLASH.exec(text)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 10 || b > 10 || overlaps(raw, m.index, m.index + m[0].length)) continue;
    const first = m.index + m[0].indexOf(m[1], 4);
    const second = m.index + m[0].lastIndexOf(m[2]);
    raw.push({ start: first, end: first + m[1].length, value: a, anchor: "before" });
    raw.push({ start: second, end: m.index + m[0].length, value: b, anchor: "after" });
  }
  SLASH_TEN.lastIndex = 0;
  for (let m = SLASH_TEN.exec(text); m; m = SLASH_TEN.exec(text)) {
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (lo > 10 || hi > 10 || overlaps(raw, m.index, m.index + m[0].length)) continue;
    raw.push({ start: m.index, end: m.index + m[0].length, value: (lo + hi) / 2 });
  }
  if (raw.length) {
    BARE_BEFORE_CUE.lastIndex = 0;
    for (let m = BARE_BEFORE_CUE.exec(text); m; m = BARE_BEFORE_CUE.exec(text)) {
      const lo = Number(m[1]);
      const hi = m[2] !== undefined ? Number(m[2]) : lo;
      if (lo > 10 || hi > 10 || overlaps(raw, m.index, m.index + m[0].length)) continue;
      raw.push({ start: m.index, end: m.index + m[0].length, value: (lo + hi) / 2 });
    }
  }
  let vas = false;
  SCALE.lastIndex = 0;
  for (let m = SCALE.exec(text); m; m = SCALE.exec(text)) {
    const start = m.index + m[0].length - m[1].length - (m[2]?.length ?? 0);
    if (overlaps(raw, start, m.index + m[0].length)) continue;
    let v = Number(m[1]);
    if (m[2] || v > 10) {
      vas = true;
      v = v / 10;
    }
    if (v > 10) continue;
    raw.push({ start, end: m.index + m[0].length, value: v });
  }
  if (vas || /\bvas\b/i.test(text)) {
    MM.lastIndex = 0;
    for (let m = MM.exec(text); m; m = MM.exec(text)) {
      const v = Number(m[1]);
      if (v > 100 || overlaps(raw, m.index, m.index + m[0].length)) continue;
      raw.push({ start: m.index, end: m.index + m[0].length, value: v / 10 });
    }
  }
  if (talk) {
    FROM_TO_BARE.lastIndex = 0;
    for (let m = FROM_TO_BARE.exec(text); m; m = FROM_TO_BARE.exec(text)) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 10 || b > 10 || overlaps(raw, m.index, m.index + m[0].length)) continue;
      const second = m.index + m[0].lastIndexOf(m[2]);
      raw.push({ start: m.index, end: m.index + m[0].indexOf(m[1], 4) + m[1].length, value: a, anchor: "before" });
      raw.push({ start: second, end: second + m[2].length, value: b, anchor: "after" });
    }
    BARE.lastIndex = 0;
    for (let m = BARE.exec(text); m; m = BARE.exec(text)) {
      const v = Number(m[1]);
      const start = m.index + m[0].length - m[1].length;
      if (v > 10 || overlaps(raw, start, m.index + m[0].length)) continue;
      raw.push({ start, end: start + m[1].length, value: v });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  return raw.map((r, i) => ({
    attribute: "pain",
    value: r.value,
    unit: "/10",
    anchor: r.anchor ?? anchorAt(text, r.start, r.end, raw[i - 1], raw[i + 1]),
    start: r.start,
    end: r.end,
  }));
}

const LOW_SIDE = new Set<Anchor>(["with", "after"]);
const HIGH_SIDE = new Set<Anchor>(["without", "before"]);

export interface PainPair {
  before: Measure;
  after: Measure;
  /** Percent relief computed from the two scores (8 → 3 is 62%). */
  reliefPercent: number;
}

/**
 * Pain measured without and with a treatment (or before and after a dose): two scores of the same
 * unit whose anchors contrast, in text that names a medication or a dose. Goals never pair.
 */
export function painPairs(text: string, requireMed = true): PainPair[] {
  const scores = painMeasures(text).filter((m) => m.anchor !== "goal");
  if (scores.length < 2) return [];
  if (requireMed && !medWord().test(text)) return [];
  const out: PainPair[] = [];
  for (const hi of scores) {
    if (!HIGH_SIDE.has(hi.anchor) && hi.anchor !== "baseline") continue;
    for (const lo of scores) {
      if (lo === hi || !LOW_SIDE.has(lo.anchor)) continue;
      // "baseline 8, now 4" is a course, not a dose pair: only with/after pairs with a baseline.
      const percent = hi.value > 0 ? Math.round(((hi.value - lo.value) / hi.value) * 100) : 0;
      out.push({ before: hi, after: lo, reliefPercent: percent });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Duration of relief.

const DURATION_UNIT = "(h|hrs?|hours?|min(?:ute)?s?)\\b";
const APPROX = "(?:about|approximately|approx\\.?|around|roughly|nearly|almost|up to|at least|~|some)\\s{0,2}";
const RELIEF_DURATION = new RegExp(
  `\\b(?:(last(?:s|ing|ed)?|hold(?:s|ing)?|held|keeps? (?:it|the pain|her|him) (?:down|under control|controlled|tolerable)\\s{1,2}for|good for|helps? for|works? for|work(?:ed|s)? for|wears? off (?:after|in)|duration(?: of (?:relief|effect|action))?:?|relief (?:for|of)|for)\\s{1,3}(?:${APPROX})?(?:(?:a|an)\\s{1,2})?(${NUM_SOURCE})(?:\\s{0,2}(?:-|–|to|or)\\s{0,2}(${NUM_SOURCE}))?\\s{0,2}${DURATION_UNIT}|(half an hour|an hour|a few hours))`,
  "gi",
);
/** Words that tie a "for N hours" to a treatment's effect (a strong verb like "lasts" needs none). */
const RELIEF_TALK = /\b(?:relief|reliev\w{0,4}|helps?|helped|works?|worked|effect|kicks? in|wears? off|controlled|lasts?|holds?|dose|pill|tablet|medications?|meds|it)\b/i;

export interface ReliefDuration {
  start: number;
  end: number;
  hours: number;
}

/** How long relief lasts ("relief lasts ~4 h", "it holds for four to five hours", "good for about 6 hours"). */
export function reliefDurations(text: string): ReliefDuration[] {
  const out: ReliefDuration[] = [];
  RELIEF_DURATION.lastIndex = 0;
  for (let m = RELIEF_DURATION.exec(text); m; m = RELIEF_DURATION.exec(text)) {
    if (m[5]) {
      // "half an hour", "an hour", "a few hours": only after a verb of lasting.
      const lead = text.slice(Math.max(0, m.index - 30), m.index);
      if (!/\b(?:last(?:s|ing|ed)?|hold(?:s|ing)?|held|for)\s{0,3}(?:about\s{1,2}|around\s{1,2}|roughly\s{1,2})?$/i.test(lead)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, hours: /half/i.test(m[5]) ? 0.5 : /few/i.test(m[5]) ? 2 : 1 });
      continue;
    }
    const verb = m[1].toLowerCase();
    if (verb === "for" || verb.startsWith("relief")) {
      // A bare "for N hours" is relief only when the clause speaks of relief or a dose ("stands for 20 minutes" is not).
      const clause = text.slice(Math.max(0, m.index - 60), m.index);
      const cut = Math.max(clause.lastIndexOf(";"), clause.lastIndexOf("."), clause.lastIndexOf("\n"));
      const before = clause.slice(cut + 1);
      if (!RELIEF_TALK.test(before) && !verb.startsWith("relief")) continue;
      if (/\b(?:stand|sit|walk|drive|work|sleep|lift)\w{0,4}\s{1,3}$/i.test(before)) continue;
    }
    const a = toNumber(m[2]);
    const b = m[3] !== undefined ? toNumber(m[3]) : undefined;
    if (a === undefined) continue;
    const value = b === undefined ? a : (a + b) / 2;
    const hours = /^min/i.test(m[4]) ? value / 60 : value;
    out.push({ start: m.index, end: m.index + m[0].length, hours });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Function.

const U = "(?:min(?:ute)?s?|hours?|hrs?|h|blocks?|lbs?|pounds?|kg|feet|ft|miles?|flights?|stairs|steps|nights?|days?|shifts?|%|°|deg(?:rees?)?|points?|times)";
const NUMU = `(\\d{1,4}(?:\\.\\d{1,2})?|${NUM_WORD_SOURCE})\\s{0,2}(${U})?`;
const ACTIVITY = new RegExp(`\\b(?:${ACTIVITY_SOURCE})\\b`, "i");
const LOWER_BETTER = new RegExp(`\\b(?:${LOWER_BETTER_SCORE})\\b`, "i");
const ANY_SCORE = new RegExp(`\\b(?:${LOWER_BETTER_SCORE}|${HIGHER_BETTER_SCORE})\\b`, "i");

/** Two values of one measure in time order: [earlier, later], with the span they cover. */
interface Change {
  start: number;
  end: number;
  earlier: number;
  later: number;
  unit: string;
}

const ARROW = "(?:→|->|-->|=>|⇒)";
const CHANGE_FORMS: Array<{ re: RegExp; order: "forward" | "backward" }> = [
  // "from 10 to 30 min", "from 2 blocks to 6"
  { re: new RegExp(`\\bfrom\\s{1,3}(?:about\\s{1,3}|only\\s{1,3})?${NUMU}\\s{0,3}(?:up\\s{1,2}|down\\s{1,2})?(?:to|→|->)\\s{0,3}(?:about\\s{1,3})?${NUMU}`, "gi"), order: "forward" },
  // "16 → 11", "10 lb -> 25 lb"
  { re: new RegExp(`${NUMU}\\s{0,3}${ARROW}\\s{0,3}${NUMU}`, "gi"), order: "forward" },
  // "6 blocks (was 2)", "30% (was 48%)", "25 min, previously 10", "30 lb today (initial evaluation: 12 lb)"
  {
    re: new RegExp(
      `${NUMU}[^\\d;.\\n]{0,25}?[(,]\\s{0,2}(?:was|were|previously|prior|before|baseline|from|up from|down from|initial(?: eval(?:uation)?)?|at intake|intake)\\s{0,2}:?\\s{0,2}(?:about\\s{1,2})?${NUMU}`,
      "gi",
    ),
    order: "backward",
  },
  // "10 min (10 min in 04/2015)", "120 deg (95 in April)": the earlier value dated in parentheses
  {
    re: new RegExp(
      `${NUMU}[^\\d;.\\n(]{0,25}?\\(\\s{0,2}${NUMU}\\s{0,2}(?:in|at|on|from|as of)\\s{1,2}(?:\\d{1,2}\\/(?:\\d{1,2}\\/)?\\d{2,4}|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|intake|the spring|the summer|the fall|the winter|last (?:visit|month|year))`,
      "gi",
    ),
    order: "backward",
  },
  // "30 vs 10 min", "20 minutes, compared with about 5 minutes"
  { re: new RegExp(`${NUMU}[^\\d;.\\n]{0,40}?\\b(?:vs\\.?|versus|compared (?:with|to)|as against|against)\\s{1,3}(?:about\\s{1,3}|only\\s{1,3}|barely\\s{1,3})?${NUMU}`, "gi"), order: "backward" },
  // "up 20 degrees", "increased by 15 lb": a gain without the earlier value
  // "95 degrees today, 70 at intake", "lifts 25 lb now versus 10 lb at the start": the earlier value after, with its time
  {
    re: new RegExp(
      `${NUMU}[^\\d;.\\n]{0,20}?\\b(?:now|today|currently)\\b[^\\d;.\\n]{0,12}?(?:versus\\s{1,2}|vs\\.?\\s{1,2}|compared (?:with|to)\\s{1,2})?${NUMU}[^\\d;.\\n]{0,8}?\\b(?:at intake|initially|at baseline|at (?:the )?(?:start|first visit|initial (?:visit|evaluation))|before (?:therapy|treatment|pt))\\b`,
      "gi",
    ),
    order: "backward",
  },
];

/** "at intake she managed barely 10" after "walks roughly 40 minutes now": a value now and a value then in one unit. */
const NOW_THEN = new RegExp(
  `${NUMU}[^\\d;\\n]{0,30}?\\b(?:now|today|currently|these days)\\b[^\\d\\n]{0,40}?\\b(?:at intake|initially|at (?:the )?(?:start|first visit|initial (?:visit|evaluation))|before (?:treatment|therapy|the (?:\\w{1,12} )?(?:started|began))|previously|used to|originally)\\b[^\\d;\\n]{0,30}?${NUMU}`,
  "gi",
);
const THEN_NOW = new RegExp(
  `\\b(?:at intake|initially|at (?:the )?(?:start|first visit|initial (?:visit|evaluation))|originally|previously|used to|in (?:january|february|march|april|may|june|july|august|september|october|november|december))\\b[^\\d;\\n]{0,30}?${NUMU}[^\\d\\n]{0,40}?\\b(?:now|today|currently|these days)\\b[^\\d;\\n]{0,30}?${NUMU}`,
  "gi",
);

const SIDE = /\b(?:right|left|rt|lt|r|l)\b/gi;
/** Whether a comparison names both sides: "30 right versus 45 left", "R 4/5 vs L 5/5". */
function sidesCompared(text: string): boolean {
  const sides = new Set((text.match(SIDE) ?? []).map((w) => w[0]!.toLowerCase()));
  return sides.has("r") && sides.has("l");
}

function changesIn(text: string): Change[] {
  const out: Change[] = [];
  const push = (m: RegExpExecArray, a: string, ua: string | undefined, b: string, ub: string | undefined, order: "forward" | "backward") => {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x === undefined || y === undefined) return;
    if (out.length >= MAX_SCORES || out.some((c) => m.index < c.end && m.index + m[0].length > c.start)) return;
    const unit = (ua ?? ub ?? "").toLowerCase();
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    // Pain scores are not function; neither are dates nor strengths.
    if (/^\s{0,2}\/\s{0,2}10/.test(after) || /\/\s{0,2}10/.test(m[0]) || /^\s{0,2}(?:mg|mcg)\b/i.test(after) || /^\s{0,1}\/\d/.test(after)) return;
    // One side against the other ("grip 30 kg right versus 45 left") is no change over time.
    if (sidesCompared(m[0] + " " + text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return;
    out.push({ start: m.index, end: m.index + m[0].length, earlier: order === "forward" ? x : y, later: order === "forward" ? y : x, unit });
  };
  for (const form of CHANGE_FORMS) {
    form.re.lastIndex = 0;
    for (let m = form.re.exec(text); m; m = form.re.exec(text)) push(m, m[1], m[2], m[3], m[4], form.order);
  }
  NOW_THEN.lastIndex = 0;
  for (let m = NOW_THEN.exec(text); m; m = NOW_THEN.exec(text)) push(m, m[1], m[2], m[3], m[4], "backward");
  THEN_NOW.lastIndex = 0;
  for (let m = THEN_NOW.exec(text); m; m = THEN_NOW.exec(text)) push(m, m[1], m[2], m[3], m[4], "forward");
  return out.sort((a, b) => a.start - b.start);
}

/** A table row of measures: "| Floor-to-waist lift | 10 lb | 25 lb |", read in column (time) order. */
function rowChange(text: string): Change | undefined {
  if (!text.includes("|")) return undefined;
  const cells = text
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);
  if (cells.length < 3 || cells.length > 8) return undefined;
  if (GOAL_WORDS.test(cells.slice(1).join(" "))) return undefined;
  const values: Array<{ v: number; unit: string }> = [];
  for (const cell of cells.slice(1)) {
    // The value opens its cell; a remark may follow it ("35 min, walks the dog around the block").
    const m = /^~?\s{0,2}(\d{1,4}(?:\.\d{1,2})?)\s{0,2}([a-z%°]{0,8})\.?(?=$|[,;(]|\s)/i.exec(cell);
    if (m) values.push({ v: Number(m[1]), unit: m[2].toLowerCase() });
  }
  if (values.length < 2) return undefined;
  const start = text.indexOf(cells[0]);
  return { start: Math.max(0, start), end: text.length, earlier: values[0].v, later: values[values.length - 1].v, unit: values[0].unit };
}

export type FunctionDirection = "gain" | "loss" | "same";

export interface FunctionChange {
  start: number;
  end: number;
  attribute: string;
  direction: FunctionDirection;
}

/**
 * The direction of a change in a measure: a disability score improves downward, everything else
 * upward. A change below a minimal meaningful difference is no change: 10 points (or a third) on a
 * score, 10 degrees of motion, a fifth of an activity's value ("ODI 44% → 42%" is the same).
 */
function direction(c: Change, lowerBetter: boolean, score: boolean): FunctionDirection {
  const delta = Math.abs(c.later - c.earlier);
  const base = Math.max(Math.abs(c.earlier), Math.abs(c.later), 1);
  const degrees = /^(?:°|deg)/.test(c.unit);
  const meaningful = score ? delta >= 10 || delta / base >= 0.3 : degrees ? delta >= 10 : delta / base >= 0.2;
  if (!meaningful) return "same";
  const up = c.later > c.earlier;
  return up !== lowerBetter ? "gain" : "loss";
}

/** Measured changes in function (an activity, a range of motion, a validated score), goals excluded. */
/** A motion arc written as a range from zero ("0-95", "0 – 120°"): its end is the measure. */
const ROM_ARC = /(?<![\d/.])0\s?[-–]\s?(\d{2,3})(?![\d/.])/g;
const MOTION_WORD = /\b(?:flexion|extension|abduction|adduction|rotation|rom|range of motion|motion|arc|elevation)\b/i;

/** The text with each zero-based motion arc read as its end value, offsets kept ("0-95" → "  95"). */
function motionArcs(text: string): string {
  if (!MOTION_WORD.test(text) || !/0\s?[-–]/.test(text)) return text;
  return text.replace(ROM_ARC, (m, end: string) => " ".repeat(m.length - end.length) + end);
}

export function functionChanges(source: string): FunctionChange[] {
  const text = motionArcs(source);
  const out: FunctionChange[] = [];
  const row = rowChange(text);
  const changes = row ? [row] : changesIn(text);
  for (const c of changes) {
    // What the change measures: the activity or score nearest before it in its clause, else the clause's.
    const lead = text.slice(Math.max(0, c.start - 50), c.start);
    const clauseStart = Math.max(lead.lastIndexOf(";"), lead.lastIndexOf(". "), lead.lastIndexOf("\n"));
    const context = lead.slice(clauseStart + 1) + text.slice(c.start, c.end);
    const tail = text.slice(c.end, Math.min(text.length, c.end + 30));
    const where = ANY_SCORE.test(context) ? context : ACTIVITY.test(context) ? context : ACTIVITY.test(tail) ? tail : "";
    if (!where) continue;
    if (GOAL_WORDS.test(lead.slice(clauseStart + 1))) continue;
    if (/\b(?:pain|vas|nrs)\b/i.test(lead.slice(clauseStart + 1)) && !ACTIVITY.test(lead.slice(clauseStart + 1)) && !ANY_SCORE.test(context)) continue;
    // A score names its direction; otherwise more is better, except a restriction ("no lifting over 20 lb").
    const score = ANY_SCORE.exec(context);
    const lowerBetter = score ? LOWER_BETTER.test(score[0]) : false;
    const attribute = (score?.[0] ?? ACTIVITY.exec(where)?.[0] ?? "function").toLowerCase();
    out.push({ start: Math.min(c.start, Math.max(0, c.start - (lead.length - clauseStart - 1))), end: c.end, attribute, direction: direction(c, lowerBetter, !!score) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Function restored or gained without numbers (§1: a specific activity against a stated before, tied
// to the treatment), work status and reliance on care.

const ACT = `(?:${ACTIVITY_SOURCE})`;
const RESTORED = new RegExp(
  [
    // "mows his lawn again", "does her own shopping again", "able to garden again"
    `\\b(?:can|could|able to|is able to|now|has (?:started|begun)|started|began)\\s{1,3}(?:\\w{1,12}\\s{1,2}){0,3}?${ACT}(?:\\s{1,2}\\w{1,14}){0,4}?\\s{1,2}again\\b`,
    `\\b${ACT}(?:\\s{1,2}\\w{1,14}){0,5}?\\s{1,2}again\\b`,
    // "resumed gardening", "back to playing golf", "returned to the gym"
    `\\b(?:resumed|resuming|back to|returned to)\\s{1,3}(?:\\w{1,12}\\s{1,2}){0,2}?${ACT}`,
    // "which he could not do before", "that she had been unable to do since the injury"
    `\\b${ACT}(?:\\s{1,2}[\\w']{1,14}){0,8}?\\s{1,2}(?:which|that|something)\\s{1,2}(?:he|she|they|the patient)\\s{1,2}(?:could not|couldn't|was unable to|had been unable to|could no longer)`,
    // "can reach, lift and hold objects better on the medication", "walks farther with it"
    `\\b${ACT}(?:[\\s,]{1,3}(?:and\\s{1,2})?[\\w']{1,14}){0,6}?\\s{1,2}(?:better|easier|longer|farther|further|more easily|more comfortably|without (?:help|assistance|stopping))\\s{1,2}(?:on|with|since (?:starting|the))\\b`,
  ].join("|"),
  "gi",
);
const WORK_GAIN = new RegExp(
  [
    "\\b(?:return(?:ed|ing|s)?|went back|gone back|got back|is back|came back)\\s{1,2}to\\s{1,2}(?:full |regular |modified |light |usual |his |her |part[- ]time )?(?:work|duty|his job|her job|the job)",
    "\\bback to work\\b",
    "\\brtw\\b",
    "\\bnow working\\b",
    "\\bworking (?:full|regular|modified|light) duty",
    "\\b(?:ttd|off work|temporarily totally disabled)\\s{0,2}(?:→|->|to)\\s{0,2}(?:modified|light|full|regular)",
    "\\brestrictions? (?:were |have been |has been )?(?:reduced|eased|lifted|decreased|removed|loosened)",
    "\\bfewer restrictions\\b",
    "\\bincreased (?:work )?hours",
    "\\bhours? (?:increased|up) from",
    "\\bno missed (?:shifts|days|work)",
  ].join("|"),
  "gi",
);
const RELIANCE = new RegExp(
  [
    `\\b(?:decreased|reduced|tapered|cut|lowered|weaned|down)\\s{1,2}(?:[\\w/.]{1,14}\\s{1,2}){0,4}?from\\s{1,2}\\d{1,3}(?:\\.\\d)?\\s{0,2}(?:[\\w/]{1,10}\\s{0,2})?(?:→|->|to)\\s{0,2}\\d{1,3}`,
    "\\b(?:fewer|less)\\s{1,2}(?:visits|medications?|pills|tablets|doses|reliance|urgent[- ]care|er visits)",
    "\\bno longer (?:needs?|requires?|using|uses|taking|takes)\\b",
    "\\b(?:stopped|discontinued|came off|weaned off|off)\\s{1,2}(?:the |her |his )?(?:extra |additional |rescue |breakthrough )?(?:tramadol|oxycodone|hydrocodone|norco|percocet|opioids?|narcotics?|muscle relaxants?|sleep(?:ing)? (?:aids?|pills?)|cane|walker|brace)\\b",
    "\\b(?:has not|hasn't|did not|didn't) (?:needed|need) (?:an? )?(?:urgent[- ]care|er|emergency|extra) (?:visits?|appointments?)",
  ].join("|"),
  "gi",
);

export type GainKind = "measured" | "restored" | "work" | "reliance";

export interface FunctionGain {
  start: number;
  end: number;
  kind: GainKind;
}

/**
 * Functional improvement (FI-PAT, §1): a measured gain in an activity or a score, a specific activity
 * restored against a stated before, a work-status gain, or less reliance on care. Goals never count;
 * a bare "better" or "helps" never matches.
 */
export function functionGains(text: string): FunctionGain[] {
  const out: FunctionGain[] = [];
  for (const c of functionChanges(text)) if (c.direction === "gain") out.push({ start: c.start, end: c.end, kind: "measured" });
  const add = (re: RegExp, kind: GainKind) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const lead = text.slice(Math.max(0, m.index - 40), m.index);
      const clause = lead.slice(Math.max(lead.lastIndexOf(";"), lead.lastIndexOf("."), lead.lastIndexOf("\n")) + 1);
      if (GOAL_WORDS.test(clause) || GOAL_WORDS.test(m[0])) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind });
    }
  };
  add(RESTORED, "restored");
  add(WORK_GAIN, "work");
  add(RELIANCE, "reliance");
  return out.sort((a, b) => a.start - b.start);
}

/** Function stated as not moving, without numbers: "restrictions unchanged since January", "still cannot reach overhead". */
const STALL_WORDS = new RegExp(
  `\\b(?:(?:work\\s{1,2})?restrictions?|work status|duty|${ACT})(?:\\s{1,2}[\\w,]{1,14}){0,5}?[\\s,]{1,3}(?:unchanged|no change|not changed|the same as (?:before|at the start|last visit)|same as (?:before|at the start|last visit))\\b|\\b(?:still|remains?)\\s{1,2}(?:cannot|can't|unable to|not able to)\\s{1,2}${ACT}`,
  "gi",
);

/** Measured function that did not improve: the same value or worse ("lift 10 lb → 10 lb", "ODI 40% → 46%"), or stated unchanged. */
export function functionStalls(text: string): FunctionChange[] {
  const out = functionChanges(text).filter((c) => c.direction !== "gain");
  STALL_WORDS.lastIndex = 0;
  for (let m = STALL_WORDS.exec(text); m; m = STALL_WORDS.exec(text)) {
    const lead = text.slice(Math.max(0, m.index - 40), m.index);
    if (GOAL_WORDS.test(lead) || GOAL_WORDS.test(m[0])) continue;
    if (out.some((c) => m!.index < c.end && m!.index + m![0].length > c.start)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, attribute: "function", direction: "same" });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Pain measured at all (a baseline or current score), goals excluded. */
export function painScores(text: string): Measure[] {
  return painMeasures(text).filter((m) => m.anchor !== "goal");
}

// ---------------------------------------------------------------------------------------------
// How long the symptoms have lasted.

const SYMPTOM_WORDS = /\b(?:pain|painful|symptoms?|aches?|aching|numbness|tingling|burning|spasms?|stiffness|since)\b/i;
const LONG_DURATION = new RegExp(
  `(?<!\\bin\\s{1,2}|\\bwithin\\s{1,2}|\\bnext\\s{1,2})\\b(${NUM_SOURCE})\\s{0,2}\\+?\\s{0,2}(?:-\\s{0,2})?(months?|mos?|years?|yrs?)\\b(?!\\s{1,2}(?:from now|later))`,
  "gi",
);

/** A stated symptom duration of at least three months ("since surgery (18 months)", "for two years"); never a future span. */
export function longSymptomDurations(text: string): Array<{ start: number; end: number; months: number }> {
  if (!SYMPTOM_WORDS.test(text)) return [];
  const out: Array<{ start: number; end: number; months: number }> = [];
  LONG_DURATION.lastIndex = 0;
  for (let m = LONG_DURATION.exec(text); m; m = LONG_DURATION.exec(text)) {
    const n = toNumber(m[1]);
    if (n === undefined) continue;
    const months = /^y/i.test(m[2]) ? n * 12 : n;
    if (months >= 3 && months <= 600) out.push({ start: m.index, end: m.index + m[0].length, months });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Medication use: less of a drug than before ("went from 3 tabs a day down to 1", "Norco 4/day →
// 2/day", "cut back to one pill at night (was three)", "needs fewer pills", "tramadol was
// tapered"). One reading for every criterion that asks for reduced medication use.

const DOSE = "(?:tabs?|tablets?|pills?|caps(?:ules)?|doses?|patch(?:es)?|sprays?)";
const PER = "(?:\\s{0,2}(?:a|per|/|each)\\s{0,2}(?:day|d|night|week|wk)\\b|\\s{1,2}(?:daily|nightly|at night|qd|bid|tid|qid)\\b)?";
const QTY = `(?<![\\d/.])(\\d{1,2}(?:\\.5)?(?![\\d.])|\\b(?:${NUM_WORD_SOURCE})\\b)(?:\\s{0,2}${DOSE})?${PER}(?!\\s{0,2}(?:\\/\\s{0,2}10|%|mg|mcg|mm|min|hours?|hrs?|blocks?|lbs?|degrees?|°))`;
const DOWN_VERB = "(?:down|reduced|decreased|cut(?:\\s{1,2}back)?|tapered|lowered|weaned|dropped|went\\s{1,2}down|came\\s{1,2}down|now\\s{1,2}(?:takes|uses|needs))";
const USE_FORMS: Array<{ re: RegExp; order: "forward" | "backward" }> = [
  // "from 3 tabs a day down to 1", "from six Norco daily to two"
  { re: new RegExp(`\\bfrom\\s{1,3}${QTY}\\s{0,3}(?:[a-z]{1,14}\\s{1,2}){0,2}?(?:down\\s{1,2})?(?:to|→|->)\\s{0,3}${QTY}`, "gi"), order: "forward" },
  // "4/day → 2/day"
  { re: new RegExp(`${QTY}\\s{0,3}(?:→|->|-->|=>|⇒)\\s{0,3}${QTY}`, "gi"), order: "forward" },
  // "cut back to one pill at night (was three)", "down to 1 a day from 3"
  {
    re: new RegExp(`\\b${DOWN_VERB}\\s{1,2}(?:[a-z]{1,14}\\s{1,2}){0,3}?to\\s{1,2}${QTY}[^\\d;.\\n]{0,40}?(?:\\bfrom|\\bwas|\\bpreviously|\\bbefore|\\(\\s{0,2}was|\\(\\s{0,2}from)\\s{1,2}${QTY}`, "gi"),
    order: "backward",
  },
];
const USE_VERBAL = new RegExp(
  [
    // "decreased her tramadol", "tapered the opioids", "less medication"
    "\\b(?:decreased|reduced|cut|tapered|lowered|weaned|less|halved)\\s{1,2}(?:[a-z']{1,12}\\s{1,2}){0,3}?MED",
    // "medication use decreased", "tramadol was reduced"
    "MED(?:\\s{1,2}(?:use|intake|usage|requirements?|consumption))?\\s{1,2}(?:was\\s{1,2}|were\\s{1,2}|has been\\s{1,2}|have been\\s{1,2})?(?:decreased|reduced|cut|tapered|lowered|halved|went down|came down|dropped)",
    // "fewer pills", "stopped the tramadol", "no longer needs her meds"
    "\\bfewer\\s{1,2}(?:pills|tablets|tabs|doses|capsules|pain pills)",
    "\\b(?:stopped|discontinued|came off|weaned off|no longer (?:needs?|needed|takes|took|taking|uses|used|using|requires?))\\s{1,2}(?:(?:her|his|their|the|any)\\s{1,2})?MED",
  ].join("|"),
  "gi",
);
/** Break words of a clause: a reduction and its drug stand in one. */
const USE_BREAK = /[;.!?\n|]|\bbut\b/g;

let namedMed: RegExp | undefined;
let useVerbal: RegExp | undefined;
/** The medication words without the pronouns: "it went from 3 to 1" names no drug. */
export function medName(): RegExp {
  return (namedMed ??= new RegExp(medWord().source.replace("|it|them", ""), "i"));
}
function verbalUse(): RegExp {
  return (useVerbal ??= new RegExp(USE_VERBAL.source.replace(/MED/g, medName().source), "gi"));
}

export interface MedicationReduction {
  start: number;
  end: number;
  /** The counts before and after, when written. */
  earlier?: number;
  later?: number;
}

/** Every form holds one of these (DOWN_VERB and USE_VERBAL's verbs, "from", an arrow): a reading is tried only where one stands. */
const REDUCTION_CUE = /\b(?:from|down|reduc|decreas|cut|taper|lower|wean|less|halv|fewer|stop|discontinu|came|no longer|dropp|went|now)|→|->|=>|⇒/i;

/** Reduced medication use in one sentence; goals ("goal: down to 1 a day") never count. */
export function medicationReductions(text: string): MedicationReduction[] {
  if (!REDUCTION_CUE.test(text)) return [];
  const out: MedicationReduction[] = [];
  const verbal = verbalUse();
  const named = medName();
  const clauseAt = (start: number, end: number): string => {
    let s = 0;
    let e = text.length;
    USE_BREAK.lastIndex = 0;
    for (let m = USE_BREAK.exec(text); m; m = USE_BREAK.exec(text)) {
      if (m.index < start) s = m.index + m[0].length;
      else if (m.index >= end) {
        e = m.index;
        break;
      }
    }
    return text.slice(s, e);
  };
  const take = (start: number, end: number, earlier?: number, later?: number) => {
    if (out.some((o) => start < o.end && end > o.start)) return;
    const clause = clauseAt(start, end);
    if (GOAL_WORDS.test(clause)) return;
    out.push({ start, end, earlier, later });
  };
  for (const form of USE_FORMS) {
    form.re.lastIndex = 0;
    for (let m = form.re.exec(text); m; m = form.re.exec(text)) {
      const a = toNumber(m[1]!);
      const b = toNumber(m[2]!);
      if (a === undefined || b === undefined) continue;
      const [earlier, later] = form.order === "forward" ? [a, b] : [b, a];
      if (later >= earlier) continue;
      if (!named.test(clauseAt(m.index, m.index + m[0].length))) continue;
      take(m.index, m.index + m[0].length, earlier, later);
    }
  }
  verbal.lastIndex = 0;
  for (let m = verbal.exec(text); m; m = verbal.exec(text)) take(m.index, m.index + m[0].length);
  return out.sort((a, b) => a.start - b.start).slice(0, MAX_SCORES);
}
