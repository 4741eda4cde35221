// What reaches remark-parse. micromark is superlinear on some shapes of text no progress note has
// (measured on one chunk: "*a" 2,000 times in a paragraph about 1 s, 16,000 times 40 s; lists nested
// by indentation across lines; quotes nested on every line; a table thousands of columns wide), and
// its memory grows with every line of a paragraph (200,000 one-letter lines: 860 MB). Before a chunk
// is parsed, the lines that are past one of the limits below are taken out of the parser's input
// (cut out; the parser's offsets are mapped back to the text's) and read here instead:
// - "plain": read as plain text: each line one paragraph of the note, its text kept as it is;
// - "skipped": not read at all (blank prose), for a block of more lines than a note ever holds.
// The decision is a pure function of the chunk's text, so a session (which parses only the chunks
// an edit touched) and a fresh analysis agree. Ordinary notes are far from every limit: their parse
// is unchanged. analyze.ts turns the ranges into notices naming the lines (boundNotices).
import type { LineIndex, Span } from "./text";
import type { Notice } from "./types";

/** A line longer than this is read as plain text. */
export const MAX_LINE_CHARS = 5000;
/** A line indented deeper than this many columns (lists nested by indentation) is read as plain text. */
export const MAX_INDENT_COLUMNS = 100;
/** A line with more pipes than this (a table this many columns wide) is read as plain text. */
export const MAX_TABLE_COLUMNS = 200;
/** A paragraph-like run of lines with more emphasis, code, link and HTML delimiters than this is plain text. */
export const MAX_INLINE_DELIMITERS = 1000;
/** A run of non-blank lines whose lines open more list and quote containers than this, in all, is plain text. */
export const MAX_BLOCK_CONTAINERS = 3000;
/** A run of non-blank lines longer than this is not read at all. */
export const MAX_BLOCK_LINES = 5000;

export type BoundReason = "long-line" | "deep-indent" | "wide-table" | "delimiters" | "nesting" | "many-lines";

export interface BoundRange extends Span {
  /** "plain": read as plain text; "skipped": not read. */
  mode: "plain" | "skipped";
  reason: BoundReason;
}

export interface Bounded {
  /**
   * What the parser gets: the text without its bounded ranges (each whole lines; the line endings
   * around a range are kept, so the parser meets a blank line there and never its characters).
   */
  source: string;
  /** Bounded ranges in the text's offsets, in order. */
  ranges: BoundRange[];
  /** A node's start offset in `source` → its offset in the text. */
  toStart(offset: number): number;
  /** A node's (exclusive) end offset in `source` → its offset in the text. */
  toEnd(offset: number): number;
}

const same = (offset: number) => offset;

interface Line {
  start: number;
  /** End of the line's content (before its line ending). */
  end: number;
  blank: boolean;
  indent: number;
  containers: number;
  /** The line opens a list item or a heading (inline runs cannot continue across it). */
  opensBlock: boolean;
  pipes: number;
  delimiters: number;
}

function readLine(text: string, start: number, end: number): Line {
  let i = start;
  let indent = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) indent++;
    else if (c === 9) indent += 4 - (indent % 4);
    else break;
  }
  const blank = i >= end;
  // Container markers at the start: "> ", "- ", "* ", "+ ", "1. ", "1) ", with blanks between.
  let containers = 0;
  let opensBlock = !blank && text[i] === "#";
  for (let j = i; j < end; ) {
    const c = text[j];
    let next = -1;
    if (c === ">") next = j + 1;
    else if ((c === "-" || c === "*" || c === "+") && (j + 1 >= end || text[j + 1] === " " || text[j + 1] === "\t")) next = j + 1;
    else if (c >= "0" && c <= "9") {
      let k = j;
      while (k < end && k - j < 9 && text[k] >= "0" && text[k] <= "9") k++;
      if ((text[k] === "." || text[k] === ")") && (k + 1 >= end || text[k + 1] === " " || text[k + 1] === "\t")) next = k + 1;
    }
    if (next < 0) break;
    if (c !== ">") opensBlock = true;
    containers++;
    j = next;
    while (j < end && (text[j] === " " || text[j] === "\t")) j++;
  }
  let pipes = 0;
  let delimiters = 0;
  for (let k = i; k < end; k++) {
    switch (text.charCodeAt(k)) {
      case 124: // |
        pipes++;
        break;
      case 42: // *
      case 95: // _
      case 126: // ~
      case 96: // `
      case 60: // <
      case 91: // [
      case 93: // ]
        delimiters++;
        break;
    }
  }
  return { start, end, blank, indent, containers, opensBlock, pipes, delimiters };
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  for (let pos = 0; pos <= n; ) {
    let eol = pos;
    while (eol < n) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    lines.push(readLine(text, pos, eol));
    if (eol >= n) break;
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
  }
  return lines;
}

/**
 * The chunk's text with the lines past a limit taken out of the parser's input; identity for
 * ordinary text. Lines before `keep` (the note's front matter) are never taken out.
 */
export function bound(text: string, keep = 0): Bounded {
  const lines = linesOf(text);
  const mode: Array<BoundRange | undefined> = new Array(lines.length);
  const mark = (i: number, m: BoundRange["mode"], reason: BoundReason) => {
    if (lines[i].start < keep) return;
    const current = mode[i];
    // "skipped" wins over "plain"; the first reason found is kept.
    if (current && (current.mode === "skipped" || m === "plain")) return;
    mode[i] = { start: lines[i].start, end: lines[i].end, mode: m, reason };
  };
  // One line at a time.
  lines.forEach((l, i) => {
    if (l.blank) return;
    if (l.end - l.start > MAX_LINE_CHARS) mark(i, "plain", "long-line");
    else if (l.indent > MAX_INDENT_COLUMNS) mark(i, "plain", "deep-indent");
    else if (l.pipes > MAX_TABLE_COLUMNS) mark(i, "plain", "wide-table");
  });
  // Runs of non-blank lines: their length and their containers.
  for (let i = 0; i < lines.length; ) {
    if (lines[i].blank) {
      i++;
      continue;
    }
    let j = i;
    let containers = 0;
    while (j < lines.length && !lines[j].blank) containers += lines[j++].containers;
    if (j - i > MAX_BLOCK_LINES) for (let k = i; k < j; k++) mark(k, "skipped", "many-lines");
    else if (containers > MAX_BLOCK_CONTAINERS) for (let k = i; k < j; k++) mark(k, "plain", "nesting");
    i = j;
  }
  // Inline runs: lines of one paragraph (a run of non-blank lines, cut where a list item or heading opens).
  for (let i = 0; i < lines.length; ) {
    if (lines[i].blank) {
      i++;
      continue;
    }
    let j = i;
    let delimiters = 0;
    do delimiters += lines[j++].delimiters;
    while (j < lines.length && !lines[j].blank && !lines[j].opensBlock);
    if (delimiters > MAX_INLINE_DELIMITERS) for (let k = i; k < j; k++) mark(k, "plain", "delimiters");
    i = j;
  }
  const ranges: BoundRange[] = [];
  for (const r of mode) {
    if (!r) continue;
    const last = ranges.at(-1);
    // Consecutive lines of one mode and reason make one range (the line ending between them included).
    if (last && last.mode === r.mode && last.reason === r.reason && /^(?:\r\n|\r|\n)$/.test(text.slice(last.end, r.start))) last.end = r.end;
    else ranges.push({ ...r });
  }
  if (!ranges.length) return { source: text, ranges, toStart: same, toEnd: same };
  const parts: string[] = [];
  // Where each range was cut out, in the source's offsets, and how much was cut up to it.
  const at: number[] = [];
  const cut: number[] = [];
  let pos = 0;
  let removed = 0;
  for (const r of ranges) {
    parts.push(text.slice(pos, r.start));
    removed += r.end - r.start;
    at.push(r.end - removed);
    cut.push(removed);
    pos = r.end;
  }
  parts.push(text.slice(pos));
  // The last cut at or before (starts) or strictly before (ends) an offset: a node that ends where a
  // range was cut out ends before it; one that starts there starts after it.
  const shift = (offset: number, strict: boolean) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? at[mid] < offset : at[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? offset : offset + cut[lo - 1];
  };
  return { source: parts.join(""), ranges, toStart: (o) => shift(o, false), toEnd: (o) => shift(o, true) };
}

/** The lines of a plain range, each as a span of its content (blank lines left out). */
export function plainLines(text: string, range: Span): Span[] {
  const out: Span[] = [];
  for (let pos = range.start; pos < range.end; ) {
    let eol = pos;
    while (eol < range.end) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    let s = pos;
    while (s < eol && (text[s] === " " || text[s] === "\t")) s++;
    if (s < eol) out.push({ start: s, end: eol });
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
  }
  return out;
}

/** What each reason means, for the notice. */
export const BOUND_REASONS: Record<BoundReason, string> = {
  "long-line": `a line longer than ${MAX_LINE_CHARS.toLocaleString("en-US")} characters`,
  "deep-indent": `indented more than ${MAX_INDENT_COLUMNS} columns`,
  "wide-table": `a table row of more than ${MAX_TABLE_COLUMNS} columns`,
  delimiters: `more than ${MAX_INLINE_DELIMITERS.toLocaleString("en-US")} markup characters in one paragraph`,
  nesting: `more than ${MAX_BLOCK_CONTAINERS.toLocaleString("en-US")} nested list or quote markers in one block`,
  "many-lines": `a block of more than ${MAX_BLOCK_LINES.toLocaleString("en-US")} lines without a blank line`,
};

const rangesByChunk = new WeakMap<object, readonly BoundRange[]>();

/** Keeps a parsed chunk's bounded ranges (local offsets) with its data. */
export function recordBounds(data: object, ranges: readonly BoundRange[]): void {
  if (ranges.length) rangesByChunk.set(data, ranges);
}

/** A parsed chunk's bounded ranges, in its local offsets (none for an ordinary chunk). */
export function boundsOf(data: object): readonly BoundRange[] {
  return rangesByChunk.get(data) ?? [];
}

/** Where a note was read past a limit, in the note's offsets: ranges of neighbouring chunks joined. */
export function noteBounds(note: { text: string; parts?: ReadonlyArray<{ start: number; data: object }> }): BoundRange[] {
  const out: BoundRange[] = [];
  for (const part of note.parts ?? []) {
    for (const r of boundsOf(part.data)) {
      const start = r.start + part.start;
      const end = r.end + part.start;
      const last = out.at(-1);
      if (last && last.mode === r.mode && last.reason === r.reason && !/\S/.test(note.text.slice(last.end, start))) last.end = end;
      else out.push({ start, end, mode: r.mode, reason: r.reason });
    }
  }
  return out;
}

/** One notice per bounded range of a note, naming its lines. */
export function boundNotices(note: { text: string; lines: LineIndex; parts?: ReadonlyArray<{ start: number; data: object }> }): Notice[] {
  return noteBounds(note).map((r) => {
    const range = note.lines.range(r.start, r.end);
    const lines = range.start.line === range.end.line ? `line ${range.start.line}` : `lines ${range.start.line}-${range.end.line}`;
    const message =
      r.mode === "plain"
        ? `RFA Ready read ${lines} as plain text (${BOUND_REASONS[r.reason]}): their markdown structure was not parsed.`
        : `RFA Ready did not check ${lines} (${BOUND_REASONS[r.reason]}).`;
    return { kind: "bounded", message, range };
  });
}
