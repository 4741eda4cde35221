// Splitting a note into top-level markdown chunks that remark-parse can parse one at a time with
// the same result as parsing the whole note. A boundary is only ever placed at the start of a
// line that (a) follows a blank line, (b) starts at column 1 with a character that cannot
// continue an earlier construct (no indentation, no list marker), (c) lies outside YAML front
// matter, fenced code and the HTML blocks that run across blank lines (comments, <pre>, ...).
// Anything doubtful simply gets no boundary: a chunk too long costs time, never correctness.
// parseChunks (note.ts) also checks every chunk after parsing and merges it with the next one
// when its last construct reaches into its trailing blank lines (an unclosed fence, say).
import { cancelPoint } from "./cancel";
import type { Span } from "./text";

/** The end of YAML front matter at the very start of the text (remark-frontmatter's rule), or 0. */
export function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return 0;
  const close = /(?:^|\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;
  close.lastIndex = open[0].length - 1;
  // The closing fence is a line of its own after the opening line (an empty value is allowed).
  for (let m = close.exec(text); m; m = close.exec(text)) {
    const lineStart = m.index + (m[0].startsWith("---") ? 0 : m[0].indexOf("-"));
    if (lineStart < open[0].length) continue;
    return m.index + m[0].length;
  }
  return 0;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_OPEN: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** Lines a boundary may not precede: indented, list items, lazy-looking markers, table rows. */
const NO_BOUNDARY_BEFORE = /^(?:[ \t]|[-+*][ \t]|[-+*]$|\d{1,9}[.)](?:[ \t]|$)|\||:|=)/;

/**
 * Whether a chunk of at least `minChunk` characters ends before this line: decided by the
 * line's own text (one boundary in sixteen), not by the characters counted since the last cut, so
 * that an edit moves only the cuts near it. Counted cuts (cut once `minChunk` characters have
 * gone by) shift after any insertion, and in a case file of visits alike they stay shifted to
 * the end: a pasted paragraph re-parsed half of a 1 MB note. Past `minChunk * 4` characters any
 * boundary cuts.
 */
function cutsHere(line: string, minChunk: number): boolean {
  if (minChunk <= 0) return true;
  let h = 2166136261;
  for (let i = 0; i < line.length && i < 48; i++) h = Math.imul(h ^ line.charCodeAt(i), 16777619);
  return ((h >>> 0) & 15) === 0;
}

/**
 * Candidate chunk spans covering the whole text, in order. Each chunk but the last ends just
 * after a blank line; the next starts with a non-blank line at column 1.
 */
export function splitChunks(text: string, minChunk = 0): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let chunkStart = 0;
  let pos = frontMatterEnd(text);
  let fence: { char: string; len: number } | undefined;
  let html: RegExp | undefined;
  let prevBlank = false;
  const lfOnly = !text.includes("\r");
  while (pos < n) {
    cancelPoint();
    // One line: [pos, eol) and its ending [eol, next).
    let eol = pos;
    if (lfOnly) {
      eol = text.indexOf("\n", pos);
      if (eol < 0) eol = n;
    } else {
      while (eol < n) {
        const c = text.charCodeAt(eol);
        if (c === 10 || c === 13) break;
        eol++;
      }
    }
    let next = eol;
    if (next < n) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    const line = text.slice(pos, eol);
    // The first character past the line's blanks, and past at most three spaces: only "`", "~"
    // and "<" there can open a fence or an HTML block, so most lines skip those patterns.
    let first = pos;
    while (first < eol && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const blank = first === eol;
    let lead = pos;
    while (lead < eol && lead - pos < 3 && text.charCodeAt(lead) === 32) lead++;
    const opener = text[lead];
    const mayOpen = opener === "`" || opener === "~" || opener === "<";

    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.char === "`" ? "`" : "~"}{${fence.len},}[ \\t]*$`);
      if (close.test(line)) fence = undefined;
    } else if (html) {
      if (html.test(line)) html = undefined;
    } else {
      if (
        prevBlank &&
        !blank &&
        pos > chunkStart &&
        pos - chunkStart >= minChunk &&
        (pos - chunkStart >= minChunk * 4 || cutsHere(line, minChunk)) &&
        !NO_BOUNDARY_BEFORE.test(line)
      ) {
        spans.push({ start: chunkStart, end: pos });
        chunkStart = pos;
      }
      const f = mayOpen ? FENCE_OPEN.exec(line) : null;
      if (f && !(f[1][0] === "`" && f[2].includes("`"))) fence = { char: f[1][0], len: f[1].length };
      else if (mayOpen) {
        for (const [open, end] of HTML_OPEN) {
          if (open.test(line)) {
            // The end condition may sit on the opening line itself ("<!-- x -->", "<!-->").
            if (!end.test(line)) html = end;
            break;
          }
        }
      }
    }
    prevBlank = blank;
    pos = next;
  }
  spans.push({ start: chunkStart, end: n });
  return spans;
}
