// Episodes of care: how many sessions of a course were authorised and how many were done, read from
// one sentence. "The adjuster approved eight sessions; she has been to five" → authorised 8, done 5.
// Authorised and completed counts stay apart: an authorisation is not a visit given.
import { NUM_SOURCE, toNumber } from "./vocab";

export type EpisodeStatus = "ongoing" | "completed" | "stopped" | "planned" | "declined" | "goal" | "other-prescriber" | "unknown";

export interface EpisodeCounts {
  /** Sessions or visits done. */
  done?: number;
  /** Sessions or visits authorised (approved, certified). */
  authorised?: number;
}

const N = `(${NUM_SOURCE})`;
const UNITS = "(?:visits?|sessions?|treatments?|appointments?)";
/** Words between a count and its unit: "6 authorized PT visits", "12 physical therapy sessions". */
const FILLER = "(?:[A-Za-z./-]{1,16}\\s{1,2}){0,3}?";
const AUTH_WORD = "(?:authori[sz]ed|approved|certified|allowed|granted)";

const DONE_FORMS = [
  // "completed 6 of 8 visits", "6 out of the 8 authorized visits"
  new RegExp(`(?<![\\w/#.])${N}\\s{1,2}(?:out\\s{1,2})?of\\s{1,2}(?:the\\s{1,2})?${N}\\s{1,2}${FILLER}${UNITS}`, "i"),
  // "completed (all) 6 authorized PT visits", "finished 12 physical therapy visits", "has had 10 sessions", "attended 5 visits"
  new RegExp(
    `\\b(?:completed|finished|attended|had|has had|have had|underwent|received|did|done|went to|been to)\\s{1,2}(?:all\\s{1,2}(?:of\\s{1,2})?(?:the\\s{1,2}|her\\s{1,2}|his\\s{1,2})?|only\\s{1,2}|about\\s{1,2}|approximately\\s{1,2}|at least\\s{1,2}|~\\s{0,1})?${N}\\s{1,2}${FILLER}${UNITS}`,
    "i",
  ),
  // "6 visits completed", "12 PT sessions so far", "3 visits to date"
  new RegExp(`(?<![\\w/#.])${N}\\s{1,2}${FILLER}${UNITS}\\s{1,2}(?:completed|done|attended|so far|to date|thus far|given|received)\\b`, "i"),
  // "has been to five", "she went to three" (after an authorisation of sessions in the same sentence)
  new RegExp(`\\b(?:has been to|have been to|went to|attended|completed|used)\\s{1,2}${N}\\b(?!\\s{0,2}(?:[/:%-]|am|pm|mg))`, "i"),
];
const AUTH_FORMS = [
  // "approved eight sessions", "UR certified 6 PT visits", "authorized 12 visits"
  new RegExp(`\\b${AUTH_WORD}\\s{1,2}(?:for\\s{1,2})?(?:an?\\s{1,2}(?:additional|further)\\s{1,2})?${N}\\s{1,2}${FILLER}${UNITS}`, "i"),
  // "6 authorized visits", "8 approved sessions", "of 8 authorized"
  new RegExp(`(?<![\\w/#.])${N}\\s{1,2}${AUTH_WORD}\\s{1,2}${FILLER}${UNITS}?`, "i"),
];

/** The counts a sentence states for a course of care. */
export function episodeCounts(text: string): EpisodeCounts {
  const out: EpisodeCounts = {};
  for (const re of AUTH_FORMS) {
    const m = re.exec(text);
    const n = m ? toNumber(m[1]) : undefined;
    if (n !== undefined && n > 0) {
      out.authorised = n;
      break;
    }
  }
  for (let i = 0; i < DONE_FORMS.length; i++) {
    const m = DONE_FORMS[i].exec(text);
    if (!m) continue;
    // The last form needs a course named by an authorisation in the same sentence ("approved 8; has been to 5").
    if (i === DONE_FORMS.length - 1 && out.authorised === undefined) continue;
    const n = toNumber(m[1]);
    if (n !== undefined && n > 0 && n <= 200) {
      out.done = n;
      break;
    }
  }
  return out;
}

/** Status words of a course in one sentence. */
const STATUS: Array<[RegExp, EpisodeStatus]> = [
  [/\b(?:declined|refused|does not want|doesn't want)\b/i, "declined"],
  [/\b(?:goals?|targets?)\b\s{0,2}:/i, "goal"],
  [/\b(?:prescribed by|per|from)\s{1,2}(?:her|his|the)?\s{0,2}(?:psychiatrist|surgeon|orthopedi\w{1,4}|pcp|primary care|another|other|outside)\b/i, "other-prescriber"],
  [/\b(?:stopped|discontinued|quit|ceased|came off|weaned off|d\/c'?d)\b/i, "stopped"],
  [/\b(?:completed|finished|discharged|graduated)\b/i, "completed"],
  [/\b(?:will|plan(?:s|ned)? to|to start|to begin|requesting|request|recommend(?:ed)?|pending|scheduled)\b/i, "planned"],
  [/\b(?:currently|ongoing|continues|continuing|attending|is on|remains on|taking|uses)\b/i, "ongoing"],
];

/** The status a sentence gives a course of care or a drug. */
export function episodeStatus(text: string): EpisodeStatus {
  for (const [re, status] of STATUS) if (re.test(text)) return status;
  return "unknown";
}

/**
 * A course already under way: treatment given today or regularly, attended since a date ("session
 * rendered today", "comes in for his usual weekly treatment", "has been going since June",
 * "seen here for adjustments since 2019"). A request to continue such a course is not an initial trial.
 */
const ONGOING_COURSE =
  /\b(?:(?:rendered|performed|given|administered|provided|delivered)\s{1,2}today|treatment\s{1,2}today|currently\s{1,2}(?:attending|receiving|getting|in)|has\s{1,2}been\s{1,2}(?:attending|receiving|getting|going\s{1,2}to|treating|treated)|(?:treated|attending|seen|going)\s{1,2}(?:[a-z]{1,10}\s{1,2}){0,3}?since\s{1,2}(?:(?:19|20)\d{2}|january|february|march|april|may|june|july|august|september|october|november|december|last\s{1,2}(?:year|month|spring|summer|fall|winter))|regular\s{1,2}(?:monthly\s{1,2}|weekly\s{1,2})?(?:adjustments?|visits?|sessions?|treatments?))\b/i;

export function ongoingCourse(text: string): boolean {
  return ONGOING_COURSE.test(text);
}
