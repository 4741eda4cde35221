// Leftover template text. Every documentation template (rules/*.ts, the snippets, the quick fixes)
// writes its blanks as prompts between single guillemets: "‹percent relief›", "‹weeks›", and a
// test/result pair as a choice whose first, inserted option is the unanswered question
// ("‹twitch response?›"). A template inserted and left unedited therefore still carries its
// prompts. Before the note is read, every clause holding a prompt is blanked out: the clause's
// label and fixed words ("Prior TPI …: … relief x … wk") never count as evidence while one of its
// blanks is unanswered, and the criterion stays reported until the physician writes the fact.
//
// Pure and local: the mask of a line depends on that line alone and keeps every offset, so a
// session (session.ts) and a fresh analysis read the same masked text, and ranges stay right.

/** The marks around a prompt: U+2039 and U+203A, never clinical notation. */
export const PROMPT_OPEN = "\u2039";
export const PROMPT_CLOSE = "\u203A";

/** A prompt: one line, no clause break inside, at most 120 characters. */
const PROMPT = /\u2039[^\u2039\u203A;|\r\n]{1,120}\u203A/;
const PROMPT_GLOBAL = new RegExp(PROMPT.source, "g");

/** What markdown writes at the start of a line (indent, quote marks, list marker, task box, heading marks): kept. */
const LINE_PREFIX = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:#{1,6}[ \t]+)?/;

/** Where one clause of a line ends and the next begins: these characters are kept. */
const CLAUSE_BREAK = /[;|]/g;

/** Wraps a prompt's words in the prompt marks: prompt("weeks") = "‹weeks›". */
export function prompt(words: string): string {
  return `${PROMPT_OPEN}${words}${PROMPT_CLOSE}`;
}

/** True when the text holds at least one unanswered prompt. */
export function hasPrompt(text: string): boolean {
  return text.includes(PROMPT_OPEN) && PROMPT.test(text);
}

/** The prompts written in a text, as [start, end) offsets. */
export function findPrompts(text: string): Array<{ start: number; end: number }> {
  if (!text.includes(PROMPT_OPEN)) return [];
  return [...text.matchAll(PROMPT_GLOBAL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * The text with every clause that holds an unanswered prompt replaced by spaces (line breaks,
 * markdown line prefixes and the clause breaks ";" and "|" kept). Same length as the input;
 * the input itself when it holds no prompt.
 */
export function maskPlaceholders(text: string): string {
  let at = text.indexOf(PROMPT_OPEN);
  if (at < 0) return text;
  const parts: string[] = [];
  let copied = 0;
  while (at >= 0) {
    // The line's start, searched back from the prompt only (lastIndexOf of a break the text lacks reads it all).
    let lineStart = at;
    while (lineStart > copied && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") lineStart--;
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    const masked = maskLine(line);
    if (masked !== line) {
      parts.push(text.slice(copied, lineStart), masked);
      copied = lineEnd;
    }
    at = text.indexOf(PROMPT_OPEN, lineEnd);
  }
  if (!parts.length) return text;
  parts.push(text.slice(copied));
  return parts.join("");
}

function maskLine(line: string): string {
  const prompts = findPrompts(line);
  if (!prompts.length) return line;
  const from = LINE_PREFIX.exec(line)?.[0].length ?? 0;
  // Clause bounds after the prefix: [start, end) between breaks.
  const bounds: number[] = [from];
  CLAUSE_BREAK.lastIndex = from;
  for (let m = CLAUSE_BREAK.exec(line); m; m = CLAUSE_BREAK.exec(line)) bounds.push(m.index, m.index + 1);
  bounds.push(line.length);
  let out = line.slice(0, from);
  for (let i = 0; i < bounds.length; i += 2) {
    const start = bounds[i];
    const end = bounds[i + 1];
    const clause = line.slice(start, end);
    const open = prompts.some((p) => p.start >= start && p.end <= end);
    out += open ? " ".repeat(clause.length) : clause;
    if (i + 2 < bounds.length) out += line.slice(end, bounds[i + 2]);
  }
  return out;
}

/** A snippet's tab stops (placeholders, choices, bare stops): what the physician fills in. */
const TAB_STOP = /\$\{\d+(?::[^}]*|\|(?:[^|\\]|\\.)*\|)\}|\$\d+/g;

const signatures = new Map<string, RegExp | null>();

/**
 * What a template's line still shows while it is being filled in: the whole line, its fixed words
 * in order ("Prior TPI", ": ", "% relief x", "wk; FI:") with a tab stop's text (a prompt or an
 * answer, never a clause break) between them. Undefined when the template has too few fixed words
 * to be told apart from other text (under three letters, or one word after a leading tab stop),
 * or spans lines.
 */
function templateSignature(template: string): RegExp | undefined {
  let re = signatures.get(template);
  if (re === undefined) {
    const parts = template.split(TAB_STOP).map((s) => s.replace(/\\(.)/g, "$1"));
    const fixed = parts.map((s) => s.trim()).filter(Boolean);
    const letters = fixed.join("").replace(/[^A-Za-z]/g, "").length;
    const STOP_TEXT = "[^;|\\r\\n]*?";
    re =
      letters >= 3 && (parts[0].trim() !== "" || fixed.length >= 2) && !/[\r\n]/.test(template)
        ? new RegExp(
            LINE_PREFIX.source +
              (parts[0].trim() ? "" : STOP_TEXT) +
              fixed.map((s) => (/^\w/.test(s) ? "\\b" : "") + s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + (/\w$/.test(s) ? "\\b" : "")).join(STOP_TEXT) +
              (parts.at(-1)!.trim() ? "" : STOP_TEXT) +
              "\\s*$",
          )
        : null;
    signatures.set(template, re);
  }
  return re ?? undefined;
}

/** The lines of a text that hold an unanswered prompt, with their 1-based numbers (\n, \r\n and \r breaks). */
export function promptLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let at = text.indexOf(PROMPT_OPEN);
  let line = 1;
  let counted = 0;
  while (at >= 0) {
    let start = at;
    while (start > counted && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
    for (let k = counted; k < start; k++) if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n")) line++;
    let end = at;
    while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
    const content = text.slice(start, end);
    if (hasPrompt(content)) out.push({ line, text: content });
    counted = start;
    at = text.indexOf(PROMPT_OPEN, end);
  }
  return out;
}

/** Longer lines are no template being filled in (and the signature's lazy gaps are only run over short text). */
const MAX_TEMPLATE_LINE = 600;

/** The first of these lines (promptLines) where this template was inserted and is not completed. */
export function unfinishedTemplateLine(lines: Array<{ line: number; text: string }>, template: string): number | undefined {
  if (!lines.length) return undefined;
  const signature = templateSignature(template);
  return signature ? lines.find((l) => l.text.length <= MAX_TEMPLATE_LINE && signature.test(l.text))?.line : undefined;
}

/** A finding's message, told where its template was inserted and left unfinished (when it was). */
export function withUnfinishedTemplate(message: string, lines: Array<{ line: number; text: string }>, template: string): string {
  const line = unfinishedTemplateLine(lines, template);
  return line === undefined ? message : `${message} The template on line ${line} is not completed: replace its ‹…› prompts.`;
}
