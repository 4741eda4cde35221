// The context engine, in the spirit of NegEx/ConText: decides whether a mention is negated,
// uncertain, historical, hypothetical, about a family member, or another clinician's statement.
// Triggers act within their clause (scope ends at . ; : | ! ?, "but", "however", "except",
// "although", a spaced dash or a line end) and within a window of a few words.
import { classifyLabel } from "./note";
import type { Span } from "./text";
import type { Assertion } from "./types";
export type { Assertion } from "./types";


export const PRE_WINDOW_WORDS = 6;
export const POST_WINDOW_WORDS = 4;

const w = (list: string[]) => new RegExp(`(?<![\\w/])(?:${list.join("|")})(?![\\w])`, "i");

/** Words that look like triggers but are not (NegEx pseudo-triggers). */
const PSEUDO = w([
  "no change",
  "no significant change",
  "not only",
  "no increase",
  "not necessarily",
  "no longer",
  "without fail",
  "not certain (?:if|whether)",
  "gram negative",
]);

const PRE = {
  negated: w([
    "no",
    "not",
    "non",
    "denies",
    "denied",
    "deny",
    "negative for",
    "neg for",
    "without",
    "w/o",
    "absent",
    "absence of",
    "free of",
    "never",
    "unable to elicit",
    "could not (?:elicit|reproduce|identify)",
    "did not (?:elicit|reproduce|show|demonstrate)",
    "no evidence of",
    "no signs? of",
    "rules? out",
    "ruled out",
    "neither",
    "nor",
  ]),
  uncertain: w([
    "r/o",
    "rule out",
    "possible",
    "possibly",
    "probable",
    "questionable",
    "suspected",
    "suspect",
    "suspicious for",
    "concern for",
    "cannot exclude",
    "can't exclude",
    "may have",
  ]),
  historical: w([
    "history of",
    "h/o",
    "hx of",
    "prior",
    "previous",
    "previously",
    "past",
    "s/p",
    "status post",
    "was on",
    "were on",
    "used to",
    "formerly",
    "in the past",
    "had been",
    "had tried",
    "has had",
    "have had",
    "had",
    "last",
  ]),
  hypothetical: w([
    "if",
    "consider",
    "considering",
    "plans? to",
    "planning",
    "will",
    "would",
    "may",
    "might",
    "could",
    "should",
    "recommend",
    "recommended",
    "recommends",
    "to start",
    "to begin",
    "to obtain",
    "to try",
    "interested in",
    "asks about",
    "asked about",
    "wants",
    "would like",
    "goals?(?: is| are| of)?",
    "hopes? to",
    "expect(?:ed|s)? to",
    "awaiting",
    "pending",
    "in order to",
    "aim(?:s|ing)? to",
  ]),
  family: w([
    "family history",
    "fhx",
    "fh",
    "mother",
    "father",
    "brother",
    "sister",
    "siblings?",
    "son",
    "daughter",
    "parents?",
    "aunt",
    "uncle",
    "grandmother",
    "grandfather",
  ]),
  otherSource: w([
    "per (?:dr\\.?|qme|ame|pqme|outside|records?|reports?|the (?:qme|ame|pqme|records?|reports?|evaluator))",
    "according to",
    "qme",
    "ame",
    "pqme",
    "dr\\.?",
    "another (?:physician|provider|doctor)",
    "other (?:physician|provider|doctor)",
    "outside records?",
  ]),
};

const POST = {
  negated: w([
    "not (?:elicited|appreciated|present|seen|noted|found|obtained|reproduced|reproducible|tested|identified|demonstrated|documented|done|performed)",
    "(?:was|were|is|are) not",
    "absent",
    "negative",
    "neg",
    "none",
    "denied",
    "ruled out",
    "resolved",
  ]),
  uncertain: w(["\\?", "suspected", "questionable", "possible", "not certain"]),
  historical: w(["in the past", "previously", "resolved", "\\d+ (?:years?|months?|weeks?|days?) ago", "ago"]),
  hypothetical: w([
    "if needed",
    "if necessary",
    "to be scheduled",
    "will be",
    "pending",
    "planned",
    "to follow",
    "will (?:obtain|order|check|get|send|repeat|draw|collect|schedule|request|do)",
    "to be (?:obtained|ordered|done|drawn|collected|repeated|checked)",
    "(?:at|by) (?:the )?next (?:visit|appointment)",
  ]),
};

/** Clause terminators inside a sentence. A colon ends backward scopes only ("Twitch: absent"). */
const TERMINATOR_BACK = /[.;:|!?]|\b(?:but|however|except|although|though|whereas)\b|\s[—–-]\s|\s[—–]|[—–]\s/gi;
const TERMINATOR_FORWARD = /[.;|!?,]|\b(?:but|however|except|although|though|whereas|and|or)\b|\s[—–-]\s|\s[—–]|[—–]\s/gi;

/**
 * The reading of a mention from its own sentence alone (the section is the caller's business:
 * concepts.ts reads every mention in a history section as historical):
 * `prose` may be the note's prose or a chunk's, with `span` and `sent` in the same offsets.
 */
export function assessInSentence(prose: string, span: Span, sent: Span | undefined): Assertion {
  const result: Assertion = {
    negated: false,
    uncertain: false,
    historical: false,
    hypothetical: false,
    family: false,
    otherSource: false,
  };
  if (!sent) return result;

  // Backward scope: from the last terminator before the mention, at most N words. Only the last
  // words matter, so a window of the text before the mention is read (long sentences stay linear).
  const windowStart = wordWindowStart(prose, sent.start, span.start, PRE_WINDOW_WORDS + 1);
  let backStart = windowStart;
  const before = prose.slice(windowStart, span.start);
  TERMINATOR_BACK.lastIndex = 0;
  for (let m = TERMINATOR_BACK.exec(before); m; m = TERMINATOR_BACK.exec(before)) {
    backStart = windowStart + m.index + m[0].length;
  }
  const pre = lastWords(prose.slice(backStart, span.start), PRE_WINDOW_WORDS);

  // Forward scope: to the next terminator (commas and conjunctions included), at most N words.
  let afterText = prose.slice(span.end, wordWindowEnd(prose, span.end, sent.end, POST_WINDOW_WORDS + 1));
  // A mention that opens its line as a field's name ("UDS - will obtain next visit", "Twitch —
  // absent"): the dash after it separates the field from its value, as a colon does, so the value
  // is read with it.
  const fieldDash = FIELD_DASH.exec(afterText);
  if (fieldDash && FIELD_OPENS.test(prose.slice(sent.start, span.start))) {
    afterText = prose.slice(span.end + fieldDash[0].length, wordWindowEnd(prose, span.end + fieldDash[0].length, sent.end, POST_WINDOW_WORDS + 1));
  }
  TERMINATOR_FORWARD.lastIndex = 0;
  const stop = TERMINATOR_FORWARD.exec(afterText);
  const post = firstWords(afterText.slice(0, stop ? stop.index : afterText.length), POST_WINDOW_WORDS);

  // A short label before a colon ("Goal:", "FHx:", "Per QME:") colours the whole sentence.
  const head = prose.slice(sent.start, Math.min(span.start, sent.start + LABEL_MAX_CHARS));
  const colon = head.indexOf(":");
  if (colon > 0) {
    const label = head.slice(0, colon);
    // Section labels ("History of present illness:") are the sections' business, not a trigger.
    if (label.split(/\s+/).filter(Boolean).length <= 4 && !classifyLabel(label)) {
      for (const key of ["hypothetical", "family", "otherSource", "historical"] as const) {
        if (PRE[key].test(label)) result[key] = true;
      }
    }
  }

  // A form's check boxes: an unchecked option is not affirmed; a field's label reads its checked option.
  const box = checkboxReading(prose, span, sent);

  // A label line above a list passes its modality to the items under it ("Goals:", "Past
  // medications:", "QME opinion:"), as a label before a colon does to its own line.
  const above = itemLabel(prose, sent.start);
  if (above) for (const key of LABEL_KEYS) if (above[key]) result[key] = true;

  const preClean = pre.replace(PSEUDO, " ");
  for (const key of Object.keys(PRE) as Array<keyof typeof PRE>) {
    if (PRE[key].test(preClean)) result[key] = true;
  }
  for (const key of Object.keys(POST) as Array<keyof typeof POST>) {
    if (POST[key].test(post)) result[key] = true;
  }
  // A post-posed qualifier modifies the noun phrase before it across its comma or parenthesis:
  // "L5 radiculopathy, resolved", "lumbar strain (remote)", "sciatica in 2012 — since resolved".
  const qualifier = POST_POSED.exec(prose.slice(span.end, Math.min(sent.end, span.end + 80)));
  if (qualifier) {
    result.historical = true;
    if (/resolved|healed/i.test(qualifier[1])) result.negated = true;
  }
  // An attribution opening the sentence ("Per the QME, ...", "According to the prior records, ...")
  // makes all of it another's statement, however far the mention stands from it.
  if (ATTRIBUTION_HEAD.test(prose.slice(sent.start, Math.min(span.start, sent.start + 90)))) result.otherSource = true;
  // A sentence set in the past as a whole ("Back in 2016, on the drug he walked 30 minutes"), with
  // nothing in it brought to the present ("now", "today"): every mention in it is historical.
  if (PAST_HEAD.test(prose.slice(sent.start, Math.min(sent.end, sent.start + 40))) && !PRESENT.test(prose.slice(sent.start, sent.end))) result.historical = true;
  // Care put off until the symptoms allow it ("once the pain calms down she will begin a home
  // program", "when the flare eases we can add aquatic therapy"): contingent, not under way nor ordered.
  if (deferred(prose, sent.start, span.start)) result.uncertain = true;
  // A form's boxes decide: an unchecked option is not affirmed; a field reads its checked options
  // (the "no" of the field before it on the line is not its negation).
  // Text copied forward from an earlier note ("Copied forward from 06/02/2022:" above it in its
  // block) is that note's, not today's finding.
  if (copiedForward(prose, sent.start, span.start)) result.historical = true;
  // A form's title over a checklist reads as the checklist's answer: none checked, none found.
  if (checklistTitle(prose, span, sent) === "none checked") result.negated = true;
  // A field named by the mention, answered on its line: "HEP: not doing it", "HEP compliance: N/A".
  const field = box ? undefined : fieldValueReading(prose, span, sent);
  if (field === "negative") result.negated = true;
  else if (field === "unanswered") result.uncertain = true;
  if (box === "unchecked") result.negated = true;
  else if (box) {
    result.negated = box === "negative";
    if (box === "unanswered") result.uncertain = true;
  }
  return result;
}

/** A dash after a mention, as a field separator. */
const FIELD_DASH = /^[ \t]{1,3}[-–—]{1,2}[ \t]{1,3}/;
/** Before a mention that names a field: nothing but a list marker or a short label on its line. */
const FIELD_OPENS = /^[ \t]{0,8}(?:(?:[-*+]|\d{1,2}[.)])[ \t]{1,3})?$/;
/** "Back in 2016,", "Back then", "Back when he started": the past as the frame of a sentence (after any short label). */
const PAST_HEAD = /^\s{0,4}(?:(?:[-*+]|\d{1,2}[.)])\s{1,3})?(?:[A-Za-z][\w /&-]{0,24}:\s{0,3})?back (?:in|then|when|at|during)\b/i;
const PRESENT = /\b(?:now|today|currently|at present|these days|this visit|since then)\b/i;

/** A sentence that opens with another source: "Per the QME,", "According to Dr. Lee's report,", "Per outside records:". */
const ATTRIBUTION_HEAD =
  /^\s{0,4}(?:(?:[-*+]|\d{1,2}[.)])\s{1,3})?(?:per|according to|as (?:noted|reported|documented|described) by)\s{1,2}(?:the\s{1,2}|her\s{1,2}|his\s{1,2}|their\s{1,2})?(?:qme|ame|pqme|ime|evaluator|outside|prior|previous|treating|orthopedi\w{0,4}|surgeon|neurolog\w{0,4}|physician|provider|doctor|dr\b)[^,:;.]{0,40}[,:]/i;

/**
 * A clause that waits on the patient's state: "once / when / as soon as / after" with a change of the
 * symptoms ("settles", "calms down", "improves", "eases", "tolerates"), then a future or a modal in
 * the main clause before the mention ("will", "can", "we'll", "then"). Read in the mention's clause
 * (back to a period or semicolon), at most 120 characters.
 */
const DEFERRED =
  /\b(?:once|when|as soon as|after|until)\s+(?:[\w'’/-]+\s+){0,5}?(?:settles?|settled|calms?|calmed|improves?|improved|eases?|eased|subsides?|subsided|decreases?|decreased|(?:is|are|gets?|feels?) (?:better|less|lower|tolerable)|tolerates?|can tolerate|allows?|permits?)\b[^.;]{0,60}?\b(?:will|'ll|can|could|would|then|plan(?:s|ning)? to|to (?:start|begin|add|try))\b/i;

function deferred(prose: string, sentStart: number, at: number): boolean {
  const from = Math.max(sentStart, at - 120);
  let text = prose.slice(from, at);
  const cut = Math.max(text.lastIndexOf(";"), text.lastIndexOf(". "));
  if (cut >= 0) text = text.slice(cut + 1);
  return /\b(?:once|when|as soon as|after|until)\b/i.test(text) && DEFERRED.test(text);
}

/** A check box: "[ ]" (or "[]") unchecked, "[x]" / "[X]" / "[✓]" checked, or a ballot box "☐" (unchecked), "☑" / "☒" (checked). */
const BOX = /\[(?: ?|[xX✓✔])\]|[☐☑☒]/g;
/** How far from a mention a check box is looked for (forms keep a box next to its option). */
const BOX_REACH = 160;
/** A checked option that says "absent": "[x] no", "[x] neg", "[x] none", "[x] absent". */
const NEGATIVE_OPTION = /^\s*(?:no|none|neg(?:ative)?|absent|denies|denied|nil|not present)\b/i;
/** After a field's label: its colon and at most a side or a short qualifier before the first box ("Spurling's:  R [ ] pos"). */
const FIELD_HEAD = /^[\w'’ ./-]{0,30}:[^:]{0,24}$/;

/**
 * How the check boxes of a form line read a mention: "unchecked" inside an option whose box is
 * empty ("[ ] Muscle relaxant", "[ ] TENS unit"); for a field's label followed by boxes ("Spasm:
 * [ ] present [x] absent"), "negative" when the checked options say absent, "unanswered" when no
 * box of the field is checked, else "positive". Undefined when no box governs the mention.
 */
function checkboxReading(prose: string, span: Span, sent: Span): "unchecked" | "negative" | "positive" | "unanswered" | undefined {
  // A task list item's box stands before its paragraph, on the same line.
  const lineStart = lineStartNear(prose, sent.start, 40);
  const lead = lineStart >= 0 ? prose.slice(lineStart, sent.start) : "";
  const first = /^[ \t]*\[(?: |[xX])\][ \t]*$/.test(lead) ? lineStart : sent.start;
  const from = Math.max(first, span.start - BOX_REACH);
  const to = Math.min(sent.end, span.end + BOX_REACH);
  const text = prose.slice(from, to);
  if (!text.includes("]") && !/[☐☑☒]/.test(text)) return undefined;
  const boxes: Array<{ start: number; end: number; checked: boolean }> = [];
  BOX.lastIndex = 0;
  for (let m = BOX.exec(text); m; m = BOX.exec(text)) {
    boxes.push({ start: from + m.index, end: from + m.index + m[0].length, checked: /[xX✓✔☑☒]/.test(m[0]) });
  }
  if (!boxes.length) return undefined;
  // The mention is an option's text: the box right before it, the option not ended by a gap.
  let before: (typeof boxes)[number] | undefined;
  for (const b of boxes) if (b.end <= span.start) before = b;
  if (before && !/(?<!\s)\s{2,}(?=\S)|[\r\n]/.test(prose.slice(before.end + 1, span.start + 1))) return before.checked ? undefined : "unchecked";
  // The mention labels a field whose options follow it.
  const nextIndex = boxes.findIndex((b) => b.start >= span.end);
  if (nextIndex < 0 || !FIELD_HEAD.test(prose.slice(span.end, boxes[nextIndex].start))) return undefined;
  const options: Array<{ checked: boolean; text: string }> = [];
  for (let i = nextIndex; i < boxes.length; i++) {
    let option = prose.slice(boxes[i].end, i + 1 < boxes.length ? boxes[i + 1].start : to);
    // The field ends where the next field's label begins ("... [x] no    Panic: [ ] yes").
    const label = FIELD_END.exec(option);
    if (label) option = option.slice(0, label.index);
    options.push({ checked: boxes[i].checked, text: option });
    if (label) break;
  }
  const checked = options.filter((o) => o.checked);
  if (!checked.length) return "unanswered";
  return checked.every((o) => NEGATIVE_OPTION.test(o.text)) ? "negative" : "positive";
}

/** A note's own mark on text carried over from an earlier note. */
const COPY_FORWARD = /\b(?:copied|carried|brought|pulled) (?:forward|over)\b|\bcopy[- ]forward\b|\bcopied from (?:the |a |an )?(?:prior|previous|last|earlier|old|original)\b/i;

/**
 * Whether the text before the mention in its sentence, or up to three lines above it in its block
 * (never past a blank line), marks it copied forward from an earlier note.
 */
function copiedForward(prose: string, sentStart: number, at: number): boolean {
  if (COPY_FORWARD.test(prose.slice(Math.max(sentStart, at - 120), at))) return true;
  // The lines above are the same for every mention of a sentence: read once per sentence.
  if (copiedAbove.prose !== prose || copiedAbove.sentence !== sentStart) {
    copiedAbove.prose = prose;
    copiedAbove.sentence = sentStart;
    copiedAbove.value = copiedLinesAbove(prose, sentStart);
  }
  return copiedAbove.value;
}
const copiedAbove = { prose: "", sentence: -1, value: false };

function copiedLinesAbove(prose: string, sentStart: number): boolean {
  // The line holding the sentence's start, then the lines above it.
  let lineStart = lineStartNear(prose, sentStart, 400);
  for (let i = 0; i < 3 && lineStart > 0; i++) {
    const end = lineStart - 1;
    const start = lineStartNear(prose, end, 200);
    if (start < 0) return false;
    const line = prose.slice(start, end);
    if (!line.trim()) return false;
    if (COPY_FORWARD.test(line)) return true;
    lineStart = start;
  }
  return false;
}

/** A checklist option line: "[ ] Saddle anesthesia", "[x] Fever" (a task list's box in the prose). */
const OPTION_LINE = /^[ \t]{0,8}(?:[-*+][ \t]{1,3})?(?:\[( |x|X)\]|([☐☑☒]))[ \t]/;

/**
 * The answer of a checklist whose title line holds the mention ("RED FLAG SCREEN" over unchecked
 * "[ ] Saddle anesthesia" lines): "none checked" when two or more options follow and none is
 * checked, "checked" when one is, undefined when the mention's line is not a title over options.
 */
function checklistTitle(prose: string, span: Span, sent: Span): "none checked" | "checked" | undefined {
  // Read only within a short line: a title is at most 80 characters.
  const lineStart = lineStartNear(prose, span.start, 80);
  if (lineStart < 0) return undefined;
  const rest = prose.slice(span.end, Math.min(prose.length, lineStart + 81));
  const nl = rest.indexOf("\n");
  if (nl < 0) return undefined;
  const lineEnd = span.end + nl;
  // A title is short and ends without a sentence's punctuation.
  if (/[.;!?]\s*$/.test(prose.slice(lineStart, lineEnd)) || OPTION_LINE.test(prose.slice(lineStart, lineEnd + 1))) return undefined;
  let options = 0;
  let checked = false;
  let at = lineEnd + 1;
  while (at < prose.length && options < 40) {
    const next = prose.indexOf("\n", at);
    const line = prose.slice(at, next < 0 ? prose.length : next);
    const m = OPTION_LINE.exec(line);
    if (!m) break;
    options++;
    if ((m[1] !== undefined && m[1] !== " ") || (m[2] !== undefined && m[2] !== "☐")) checked = true;
    if (next < 0) break;
    at = next + 1;
  }
  if (options < 2) return undefined;
  return checked ? "checked" : "none checked";
}

/** The rest of a field's name after the mention and its colon: "HEP compliance:". */
const FIELD_NAME_REST = /^[A-Za-z'’ ./()-]{0,30}?:[ \t]{0,4}/;
/** A field's name that says the thing was done ("CURES reviewed:", "UDS collected:"): its value is a result, not an answer of "not done". */
const FIELD_NAME_DONE = /\b(?:reviewed|checked|done|performed|completed|obtained|collected|queried|run|ran|signed|sent|given|tried)\b/i;
/** A field's value that says it was not done: "no", "none", "not doing it", "declined", "stopped". */
const FIELD_NOT_DONE = /^(?:no|none|not|never|declined|refused|non-?complian\w{0,4}|stopped|quit)\b/i;
/** A field left open: "N/A", "___", "unknown", "not documented". */
const FIELD_OPEN = /^(?:n\/a|na\b|not applicable|_{2,}|unknown\b|not (?:documented|recorded|assessed|known)\b|$)/i;

/**
 * How a field whose name holds the mention is answered on its line: negative ("HEP: not doing his
 * program"), unanswered ("HEP compliance: N/A", "UDS: ___"), or undefined (answered, or no field).
 * Only where the field's name opens its line; a result word ("negative", "absent") is a result of a
 * test done and stays with the test's own reading.
 */
function fieldValueReading(prose: string, span: Span, sent: Span): "negative" | "unanswered" | undefined {
  const opens = lineStartNear(prose, span.start, 40);
  if (opens < 0 || !FIELD_OPENS.test(prose.slice(Math.max(sent.start, opens), span.start))) return undefined;
  const after = prose.slice(span.end, Math.min(sent.end, span.end + 80));
  const name = FIELD_NAME_REST.exec(after);
  if (!name || FIELD_NAME_DONE.test(name[0])) return undefined;
  const value = after.slice(name[0].length).replace(/^[*_ \t]+/, "");
  if (FIELD_NOT_DONE.test(value)) return "negative";
  if (FIELD_OPEN.test(value.trimEnd())) return "unanswered";
  return undefined;
}

/** Where the next field of a form line starts: a gap, then a short label and its colon. */
const FIELD_END = /(?<!\s)\s{2,}(?=[\w'’./-])[\w'’ ./-]{1,30}:/;

/** After a mention and the rest of its noun phrase: ", resolved", "(remote)", " — since resolved". */
const POST_POSED =
  /^[^.;:,()]{0,40}?(?:[ \t]*\([^()]{0,30}\))?(?:,[ \t]*|[ \t]*\([ \t]*|[ \t]+[—–-]{1,2}[ \t]*)(?:(?:now|since|long|fully|completely|which|that|has|had|then)[ \t]+){0,2}(resolved|remote|healed|old|in remission)\b/i;

const LABEL_KEYS = ["hypothetical", "historical", "otherSource", "family"] as const;
export type LabelModality = { [K in (typeof LABEL_KEYS)[number]]: boolean };

/** What a label over a list says of its items, beyond the context triggers. */
const LABEL_EXTRA = {
  hypothetical: w(["goals?", "targets?", "objectives?", "aims?", "expected", "anticipated", "intended"]),
  historical: w(["past", "prior", "previous", "former", "discontinued", "stopped", "failed", "tried", "records? reviewed", "to date", "so far"]),
  otherSource: w(["qme", "ame", "pqme", "ime", "opinion", "utilization review", "ur", "consultant'?s?", "outside"]),
  family: w(["family history", "fhx"]),
};
/** A line that is only a label: "Goals:", "**Past medications:**", "Targets for this block of care:". */
const LABEL_ONLY = /^[ \t]*([A-Za-z][A-Za-z0-9 '’/&(),.-]{0,60}?)[ \t]*:[ \t]*$/;
let itemCache: { prose: string; byLine: Map<number, LabelModality | null> } | undefined;

/**
 * The modality a label line passes to the list item (or indented line, or table row) starting the
 * line that holds `offset`: the items of a list are read up to the label over them, never across a
 * blank line or a line of running text. Undefined when no such label governs the line.
 */
export function itemLabel(prose: string, offset: number): LabelModality | undefined {
  const lineStart = lineStartNear(prose, offset, 400);
  if (lineStart < 0 || !isItemLine(prose, lineStart)) return undefined;
  if (!itemCache || itemCache.prose !== prose) itemCache = { prose, byLine: new Map() };
  const cached = itemCache.byLine.get(lineStart);
  if (cached !== undefined) return cached ?? undefined;
  let found: LabelModality | null = null;
  // Every item line walked through has the same label: each is kept, so a list is read once.
  const walked = [lineStart];
  let at = lineStart;
  while (at > 0) {
    const end = at - 1;
    const start = lineStartNear(prose, end, 200);
    // A long line is running text, not a label nor a short item (and is never sliced or scanned).
    if (start < 0) break;
    const line = prose.slice(start, end).replace(/\r$/, "");
    at = start;
    if (!line.trim()) break;
    const label = LABEL_ONLY.exec(line);
    if (label) {
      const text = label[1];
      const m = { hypothetical: false, historical: false, otherSource: false, family: false };
      for (const key of LABEL_KEYS) m[key] = LABEL_EXTRA[key].test(text) || (key !== "historical" && PRE[key].test(text)) || (key === "historical" && PRE.historical.test(text) && !/\blast (?:visit|exam)\b/i.test(text));
      if (LABEL_KEYS.some((k) => m[k])) found = m;
      break;
    }
    if (!isItemLine(prose, start)) break;
    // The item above was read already: its label is this one's.
    const above = itemCache.byLine.get(start);
    if (above !== undefined) {
      found = above;
      break;
    }
    walked.push(start);
  }
  for (const l of walked) itemCache.byLine.set(l, found);
  return found ?? undefined;
}

/** The start of the line holding `offset` when it lies at most `reach` characters back, else -1 (linear in `reach`, not in the line). */
function lineStartNear(prose: string, offset: number, reach: number): number {
  const from = Math.max(0, offset - reach);
  for (let i = offset - 1; i >= from; i--) if (prose[i] === "\n") return i + 1;
  return from === 0 ? 0 : -1;
}

/** A list item, an indented line or a table row (list markers are blanked in the prose). */
function isItemLine(prose: string, lineStart: number): boolean {
  const c = prose[lineStart];
  return c === " " || c === "\t" || c === "|";
}

/** A label before a colon longer than this is no label. */
const LABEL_MAX_CHARS = 200;
/** How far the scope windows look before widening to the whole sentence. */
const WINDOW_CHARS = 240;

/**
 * Where to start reading before `to` so that at least `words` whole words lie between the start
 * and `to` (or `from`, the sentence start, when the sentence is shorter). The start is always a
 * word boundary, so scopes read from it equal scopes read from the sentence start.
 */
function wordWindowStart(prose: string, from: number, to: number, words: number): number {
  let start = Math.max(from, to - WINDOW_CHARS);
  while (start > from) {
    // Advance to just after a whitespace character (a word boundary).
    let s = start;
    while (s < to && !/\s/.test(prose[s - 1])) s++;
    if (countWords(prose, s, to) >= words) return s;
    if (start === from) break;
    start = Math.max(from, start - WINDOW_CHARS * 4);
  }
  return from;
}

/** Where to stop reading after `from` so that at least `words` whole words are read (or `to`). */
function wordWindowEnd(prose: string, from: number, to: number, words: number): number {
  let end = Math.min(to, from + WINDOW_CHARS);
  while (end < to) {
    let e = end;
    while (e > from && !/\s/.test(prose[e])) e--;
    if (countWords(prose, from, e) >= words) return e;
    end = Math.min(to, end + WINDOW_CHARS * 4);
  }
  return to;
}

function countWords(prose: string, from: number, to: number): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const ws = /\s/.test(prose[i]);
    if (!ws && !inWord) n++;
    inWord = !ws;
  }
  return n;
}

function lastWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(-n).join(" ");
}

function firstWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, n).join(" ");
}

/** The plain affirmed, current reading: what most criteria accept as documentation. */
export function isAffirmedCurrent(a: Assertion): boolean {
  return !a.negated && !a.uncertain && !a.historical && !a.hypothetical && !a.family && !a.otherSource;
}

/** Every regular expression of the context engine (for the regex-safety test). */
export const CONTEXT_PATTERNS: readonly RegExp[] = [POST_POSED, COPY_FORWARD, OPTION_LINE, FIELD_DASH, FIELD_OPENS, FIELD_NAME_REST, FIELD_NAME_DONE, FIELD_NOT_DONE, FIELD_OPEN, PAST_HEAD, PRESENT, ...Object.values(LABEL_EXTRA), LABEL_ONLY, BOX, NEGATIVE_OPTION, FIELD_HEAD, FIELD_END, PSEUDO, ...Object.values(PRE), ...Object.values(POST), TERMINATOR_BACK, TERMINATOR_FORWARD];
