// Request detection with gating: a family is evaluated only when the note requests it (plan,
// RFA, refill, continue, dispensed), never when it is only mentioned in history or declined.
import type { Matcher } from "./concepts";
import { itemLabel } from "./context";
import { findDates, noteDates } from "./extract/dates";
import { serviceDateOf } from "./visits";
import { blockAt, sentenceReading, type Block, type Mention, type Note } from "./note";
import type { FoundRequest } from "./facts/request-items";
import type { ServiceKey } from "./types";
import { sharedValue, type Reads } from "./reads";
export type { FoundRequest } from "./facts/request-items";

/** What a family tells the request finder (rules/*.ts). */
export interface RequestSpec {
  /** Concepts naming the service (their first mention in a plan is the request). */
  concepts: string[];
  /** For drug families: generic name → concept; each requested drug is its own request item. */
  drugs?: Record<string, string>;
  /** Item → its classes ("nsaid", "gi-protect"), for class conditions across families. */
  classes?: Record<string, string[]>;
}


/**
 * Explicit request words outside a plan section. "RFA" is a request for authorization only as a
 * label ("RFA:", "RFA #2", a line that starts with it) or with request words ("RFA for",
 * "RFA submitted"); "the prior L4-5 RFA", "RFA of the medial branches" are radiofrequency ablation.
 */
const REQUEST_CUE =
  /(?:^\s*(?:[-*+]\s+|\d+[.)]\s*)?rfa\b(?!\s+(?:of|at|to|on|was|were|is|done|performed|ablation|procedure)\b)|\brfa\s*(?::|#|\((?:dwc|form)\b)|\brfa\s+(?:for|submitted|sent|requested|request|form|attached|included)\b)|\b(?:request(?:ing|ed|s)?\s+(?:for\s+)?(?:auth\w*|approval)|authori[sz]ation (?:is )?(?:requested|sought)|refill(?:ed|s)?|dispens(?:ed|ing)|rx(?::| given| written)|prescri(?:bed|ption) (?:today|given|written|provided)|renew(?:ed)?)\b/i;
/** Imperatives at the start of a line: "Continue Norco", "Refill Xanax". */
const LINE_IMPERATIVE = /^\s*(?:\d+[.)]\s*)?(?:continue|cont\.?|refill|renew|start|begin|add|prescribe|request|dispense)\b/i;
/** Stopping or declining. A planned end of a course ("then stop", "→ then d/c", "stop after 10 days") is not a stop. */
const STOP =
  /(?<!\bthen[ ]?|→[ ]?|->[ ]?)\b(?:discontinue[ds]?|discontinuing|d\/c|dc'?d|stop(?:ped|ping)?|hold(?:ing)?|held)\b(?! (?:after|by|in|when|once|at|if)\b)|\b(?:declines?|declined|refused?|not (?:requesting|requested|indicated|recommended at this time)|off of|no longer)\b|\b(?:nothing|not|none) (?:(?:being|is|was) )?(?:prescribed|refilled|renewed|ordered|dispensed) (?:today|here|this visit|at this visit|by (?:me|us|this office))\b/i;
/**
 * Another clinician's drug or course, or one the patient buys: "managed by her PCP", "prescribed
 * by the orthopedic surgeon", "dispensed by a prior doctor", "remains with her psychiatrist",
 * "over the counter".
 */
const NOT_OURS =
  /\b(?:managed|prescribed|dispensed|written|handled|followed|provided|started|stays?|remains?|left|kept)\s+(?:by|through|via|with|under)\s+(?:a |an |the |her |his |their )?(?:[\w-]+ ){0,2}?(?:prior|previous|former|other|another|outside|primary|pcp|psychiatr\w*|orthop\w*|surgeon|neurolog\w*|rheumatolog\w*|family|internist|dr\b|doctor|physician|provider|clinic|urgent care|emergency|er\b|ed\b)|\b(?:otc|over[- ]the[- ]counter|store[- ]bought)\b|\b(?:her|his|their) own (?:leftover |old |remaining |home )?(?:supply|pills|tablets|stock|bottle)\b|\b(?:buys?|bought|purchases?d?)\s+(?:it |them )?(?:on (?:her|his|their) own|(?:her|him|them)sel(?:f|ves))\b/i;
/** Before the mention: a goal or a look back at use, not an order ("Goal: Norco down to BID", "recheck to see how much oxycodone she takes"). */
const NOT_AN_ORDER =
  /\b(?:goals?|targets?)\b(?:\s+\w+){0,4}\s*:|\b(?:goals?|aims?)\s+(?:is|are|of|for|to)\b|\b(?:re-?check|re-?assess|review|re-?evaluate|monitor|follow[- ]?up|f\/u|rtc|track)\b(?:\s+\S+){0,6}?\s+(?:to see|how much|how many|how often|whether|use of|response to|effect of|(?:his|her|their) use)\b|\b(?:taper(?:ing)?|wean(?:ing)?)\s+(?:goal|target|plan)\b/i;
/** An authorised course being carried out ("complete the authorized PT visits"), not a new request. */
const AUTHORISED = /\b(?:already |previously )?(?:authori[sz]ed|approved|certified)\b/i;
const NEW_REQUEST = /\b(?:request\w*|rfa|additional|more|further|extension|extend|another|new)\b/i;
/** A request made here after an attribution: "per the QME, request ...", "as the AME advised, we request ...". */
const OWN_REQUEST = /[,;:]\s*(?:(?:we|i)\s+(?:are\s+|am\s+)?)?(?:request(?:ing)?|rfa|order(?:ing)?|refer(?:ring)?|submit(?:ting)?)\b[^,;]{0,40}$/i;
/** "PT" meaning the patient: "Pt reports", "PT STATES", "Pt: 29 M". */
const PATIENT_PT = /^(?:\s+(?:reports?|states?|is|was|has|had|presents?|denies|denied|complains?|notes?|c\/o|returns?|feels?|says|said|seen|here|arrives?|tolerat\w*|continues|remains|wants|declines?|agrees?|understands|did|does|works?|lives|walks|ambulates)\b|\s*:\s*\d{1,3}\s*(?:y|yo|y\/o|yrs?|years?|m|f|male|female)\b)/i;
/** A following sentence that declines what the previous one offered ("...; he declined."). */
const DECLINE_NEXT =
  /^\s*(?:(?:the\s+)?(?:patient|pt|he|she|they|claimant|applicant)\s+)?(?:declines?|declined|refuses?|refused|defers?|deferred|prefers to wait|wants to wait|not (?:requested|requesting|interested))\b/i;
const CONDITIONAL_BEFORE =
  /\b(?:if|consider(?:ing)?|may|might|could|possibl[ey]|defer(?:red)?|in the future|next visit|at a later date|would|asks? about|asked about|interested in)\b/i;
const CONDITIONAL_AFTER = /\b(?:if|deferred|in the future|(?:at )?(?:the )?next visit|at a later date|on hold)\b/i;

/** "no refills", "no early refills", "not refilled": not a request. */
const NEGATED_CUE = /\b(?:no|not|without|denies)\s+(?:(?:early|further|more|additional|any)\s+)?(?:refill(?:ed|s)?|renew(?:ed|al)?|dispens(?:ed|ing))\b/gi;

function stripNegatedCues(text: string): string {
  return text.replace(NEGATED_CUE, (m) => " ".repeat(m.length));
}

function clauseBefore(note: Note, m: Mention): string {
  const text = note.prose.slice(m.sentence.start, m.start);
  const cut = Math.max(text.lastIndexOf(";"), text.lastIndexOf("."));
  return cut >= 0 ? text.slice(cut + 1) : text;
}

/** The clause holding a mention: its sentence cut at semicolons and at periods before and after it. */
function clauseOf(note: Note, m: Mention): string {
  const text = note.prose.slice(m.sentence.start, m.sentence.end);
  const at = m.start - m.sentence.start;
  const from = Math.max(text.lastIndexOf(";", at), text.lastIndexOf(". ", at)) + 1;
  const next = text.slice(at).search(/;|\.\s/);
  return text.slice(from, next < 0 ? text.length : at + next);
}

/** Words that make what follows the reason for another item: "... as an adjunct to her ongoing PT", "TPI after failed naproxen". */
const JUSTIFICATION_CUE = /\b(?:adjunct to|in conjunction with|while (?:(?:she|he|they) (?:is|are) )?(?:on|taking|using)|(?:as long as|for as long as) (?:(?:she|he|they) )?(?:is |are )?(?:on|takes?|taking|uses?|using)|after (?:a )?(?:failed|failing)|failed|despite|(?:her|his|their) (?:ongoing|current)|ongoing|because of|due to)\b/i;

/**
 * Whether the clause before a mention makes it the justification of the line's head item: the cue
 * stands in the mention's own comma-separated stretch, after something else ("Massage ..., given as
 * an adjunct to her ongoing PT program"), never at the clause's start ("Given failed PT, request an ESI").
 */
function justifies(before: string): boolean {
  const comma = before.lastIndexOf(",");
  const stretch = before.slice(comma + 1);
  const cue = JUSTIFICATION_CUE.exec(stretch);
  if (!cue) return false;
  return comma >= 0 ? /\S/.test(before.slice(0, comma)) : /\S/.test(stretch.slice(0, cue.index));
}

/** Whether this mention asks for the service now. */
export function isRequestMention(note: Note, m: Mention): boolean {
  const a = m.assertion;
  if (a.negated || a.family || a.uncertain) return false;
  const block = blockAt(note, m.start);
  if (!block) return false;
  // "Per the QME's recommendation, request an MRI": the attribution is the reason, the request is ours.
  if (a.otherSource && !OWN_REQUEST.test(clauseBefore(note, m))) return false;
  const blockText = note.prose.slice(block.start, block.end);
  const sentenceText = note.prose.slice(m.sentence.start, m.sentence.end);
  const inPlan = m.section.kind === "plan";
  // A cue counts in the mention's own sentence; in a list item or table row (one line per
  // medication) anywhere on that line. Never across a paragraph ("...4/10 with Norco. No early
  // refills." does not request Norco), and never when negated ("no refills").
  const cueText = stripNegatedCues(block.kind === "paragraph" && !block.listItem ? sentenceText : blockText);
  const cued = REQUEST_CUE.test(cueText) || LINE_IMPERATIVE.test(block.kind === "paragraph" && !block.listItem ? sentenceText : blockText);
  if (!inPlan && !cued) return false;
  if (a.historical && m.section.kind !== "plan") return false;
  if (a.historical && /\b(?:s\/p|status post|had|has had|prior|previous(?:ly)?|last)\b/i.test(clauseBefore(note, m))) return false;
  if (STOP.test(sentenceText)) return false;
  // An item under "Goals:", "Past medications:" or "QME opinion:" is no order of ours.
  const label = itemLabel(note.prose, m.sentence.start);
  if (label && (label.hypothetical || label.historical || label.otherSource || label.family)) return false;
  if (NOT_OURS.test(clauseOf(note, m))) return false;
  const before = clauseBefore(note, m);
  if (NOT_AN_ORDER.test(before)) return false;
  if (justifies(before)) return false;
  if (AUTHORISED.test(before) && !NEW_REQUEST.test(before)) return false;
  if (/^p\.?t\.?$/i.test(m.text) && PATIENT_PT.test(note.prose.slice(m.end, Math.min(m.sentence.end, m.end + 24)))) return false;
  // A title ("# Request for Authorization — lumbar ESI") names the document, not an order.
  if (block.kind === "heading" && /^#(?!#)/.test(note.text.slice(block.start, block.start + 2))) return false;
  const next = note.sentences[m.sentence.index + 1];
  if (next && next.block === m.sentence.block && DECLINE_NEXT.test(note.prose.slice(next.start, next.end))) return false;
  if (CONDITIONAL_BEFORE.test(clauseBefore(note, m))) return false;
  if (CONDITIONAL_AFTER.test(note.prose.slice(m.end, m.sentence.end))) return false;
  return true;
}

/** Finds the requests of one family: one per service, or one per drug for drug families; only within `within` when given. */
export function findRequests(note: Note, matcher: Matcher, family: { service: ServiceKey; request: RequestSpec }, within?: { start: number; end: number }): FoundRequest[] {
  const byKey = new Map<string, FoundRequest>();
  const sources: Array<{ concept: string; item?: string }> = [];
  for (const c of family.request.concepts) sources.push({ concept: c });
  for (const [item, c] of Object.entries(family.request.drugs ?? {})) sources.push({ concept: c, item });
  for (const { concept, item } of sources) {
    for (const m of matcher.find(concept)) {
      // In a case file only the current visit requests (its plan, not an earlier visit's).
      if (within && (m.start < within.start || m.start >= within.end)) continue;
      if (!isRequestMention(note, m)) continue;
      // Drugs: one request per drug and plan line (an ER and an IR oxycodone are two items).
      const key = item ? (m.section.kind === "plan" ? `${item}@${blockAt(note, m.start)?.start}` : item) : family.service;
      const block = blockAt(note, m.start)!;
      const existing = byKey.get(key);
      // The primary mention is the first one in a plan section, else the first one.
      const better = (a: Mention, b: Mention) => {
        const pa = a.section.kind === "plan" ? 0 : 1;
        const pb = b.section.kind === "plan" ? 0 : 1;
        return pa !== pb ? pa < pb : a.start < b.start;
      };
      if (!existing) byKey.set(key, { service: family.service, item, mention: m, block, others: [] });
      else if (better(m, existing.mention)) {
        existing.others.push(existing.mention);
        existing.mention = m;
        existing.block = block;
      } else existing.others.push(m);
    }
  }
  return [...byKey.values()].sort((a, b) => a.mention.start - b.mention.start);
}

/** Past-tense words that mark a mention as a prior course of treatment. */
const PAST_CUE =
  /\b(?:had|has had|have had|received|underwent|undergone|got|s\/p|status post|last|prior|previous(?:ly)?|done|performed|given|completed|finished|attended|tried|sets? of|did not help|didn't help|helped|was on|were on|has been on|has been taking|took|failed|in the past|ago)\b/i;

/** Whether a sentence reads as a past course (read once per sentence and kept with it). */
const pastCue = (text: string): boolean => PAST_CUE.test(text);

/** A course for something else: "non-industrial", "unrelated to this injury", "for a prior injury". */
const OTHER_EPISODE = /\b(?:non-?industrial|non-?work[- ]related|unrelated to (?:this|the|her|his|their|the current) (?:injury|claim)|for (?:a|an) (?:earlier|prior|previous|old|separate|unrelated) (?:injury|claim|accident))\b/i;
/** Month-year ("08/2009") and year-only ("in 2009") dates, read as the last day of that month or year. */
const MONTH_YEAR = /(?<![\d/])(0?[1-9]|1[0-2])\/((?:19|20)\d{2})(?![\d/])/g;
const YEAR = /(?<![\d/.-])((?:19|20)\d{2})(?![\d/.])/g;

/** The dates a sentence gives, as ISO days: full dates, else month-year, else year-only (each at its latest day). */
export function latestDatesOf(text: string): string[] {
  const full = findDates(text).map((d) => d.iso);
  if (full.length) return full;
  const out: string[] = [];
  for (const m of text.matchAll(MONTH_YEAR)) out.push(`${m[2]}-${m[1].padStart(2, "0")}-28`);
  if (!out.length) for (const m of text.matchAll(YEAR)) out.push(`${m[1]}-12-31`);
  return out;
}

const injuryDates = new WeakMap<Note, { iso?: string }>();
function injuryOf(note: Note): string | undefined {
  let found = injuryDates.get(note);
  if (!found) injuryDates.set(note, (found = { iso: noteDates(note).injury?.iso }));
  return found.iso;
}

/**
 * Whether a past mention belongs to another episode of care, not to this injury's course: its
 * clause names another cause ("non-industrial", "for an earlier injury"), or every date its
 * sentence gives falls before the date of injury ("a few chiropractic visits in 2009" for a 2015 injury;
 * services only).
 */
function otherEpisode(note: Note, m: Mention, drugs: boolean): boolean {
  if (OTHER_EPISODE.test(clauseOf(note, m))) return true;
  // A drug taken since before the injury and still taken is current use: dates settle services only.
  if (drugs) return false;
  const injury = injuryOf(note);
  if (!injury) return false;
  const dates = sentenceReading(note, m.sentence, latestDatesOf);
  return dates.length > 0 && dates.every((d) => d < injury);
}

/** Full dates of a sentence, as ISO days (read once per sentence). */
const sentenceDates = (text: string): string[] => findDates(text).map((d) => d.iso);

/**
 * A procedure or service written with its own date before the date of service, outside the plan
 * ("Right levator TPI 08/26/2019: 60% relief"): a prior session, past tense or not.
 */
function datedBefore(note: Note, m: Mention): boolean {
  if (m.section.kind === "plan") return false;
  const service = serviceDateOf(note);
  if (!service) return false;
  const dates = sentenceReading(note, m.sentence, sentenceDates);
  return dates.length > 0 && dates.every((d) => d < service);
}

/** Per list of requests (one analysis), per concept list: the prior mentions, shared by every request of a family. */
const priorCache = new WeakMap<FoundRequest[], Map<string, { value: Mention[]; reads: Reads }>>();

/**
 * Mentions of the service that describe a prior course (not the current request). Computed once
 * per list of requests and concepts (every request of a family asks the same), so a plan of many
 * order lines costs one pass, not one per line; callers get their own copy.
 */
export function priorMentions(note: Note, matcher: Matcher, concepts: string[], requests: FoundRequest[]): Mention[] {
  let cache = priorCache.get(requests);
  if (!cache) priorCache.set(requests, (cache = new Map()));
  return sharedValue(cache, concepts.join("\n"), () => findPriorMentions(note, matcher, concepts, requests)).slice();
}

function findPriorMentions(note: Note, matcher: Matcher, concepts: string[], requests: FoundRequest[]): Mention[] {
  const requested = new Set(requests.flatMap((r) => [r.mention, ...r.others]));
  const drugs = requests.some((r) => r.item !== undefined);
  const out: Mention[] = [];
  for (const c of concepts) {
    for (const m of matcher.find(c)) {
      if (requested.has(m)) continue;
      const a = m.assertion;
      if (a.negated || a.family || a.hypothetical || a.uncertain) continue;
      if (otherEpisode(note, m, drugs)) continue;
      // The context engine already reads every mention in a history section as historical.
      if (a.historical || sentenceReading(note, m.sentence, pastCue) || (!drugs && datedBefore(note, m))) out.push(m);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
