// Pure, vscode-free position and text-edit helpers of the glue.
// Core positions are 1-based (line and UTF-16 column); editor positions are 0-based.
// `toZeroRange` is the one place that conversion happens; `convert.ts` only wraps its
// result in `vscode.Range`.
import type { Position, Range } from "../core/types";

export interface ZeroPosition {
  line: number;
  character: number;
}

export interface ZeroRange {
  start: ZeroPosition;
  end: ZeroPosition;
}

/** 1-based core position → 0-based editor position (never negative). */
export function toZeroPosition(position: Position): ZeroPosition {
  return {
    line: Math.max(0, position.line - 1),
    character: Math.max(0, position.column - 1),
  };
}

/** 1-based half-open core range → 0-based half-open editor range. */
export function toZeroRange(range: Range): ZeroRange {
  return { start: toZeroPosition(range.start), end: toZeroPosition(range.end) };
}

/** 0-based editor position → 1-based core position. */
export function fromZeroPosition(position: ZeroPosition): Position {
  return { line: position.line + 1, column: position.character + 1 };
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** True when the 1-based position lies inside the range (end inclusive, so a cursor just after a word counts). */
export function rangeContains(range: Range, position: Position): boolean {
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

export function rangesEqual(a: ZeroRange, b: ZeroRange): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Offsets at which each line starts. Line breaks are \n, \r\n and lone \r, as in VS Code. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The text of every line, without line breaks. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offset of a 1-based position, clamped to the text (like `TextDocument.offsetAt`). */
export function offsetAt(text: string, position: Position, starts = lineStarts(text)): number {
  if (position.line < 1) return 0;
  if (position.line > starts.length) return text.length;
  const lineStart = starts[position.line - 1];
  const nextStart = position.line < starts.length ? starts[position.line] : text.length;
  let lineEnd = nextStart;
  // Exclude the line break from the line's extent.
  if (position.line < starts.length) {
    if (text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  }
  return Math.min(lineStart + Math.max(0, position.column - 1), lineEnd);
}

/** The document's dominant end-of-line sequence. */
export function eolOf(text: string): "\r\n" | "\n" {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** A plain insertion or replacement in core coordinates. */
export interface PlainEdit {
  range: Range;
  text: string;
}

/** Applies edits bottom-up so earlier offsets stay valid. Overlapping edits are rejected. */
export function applyEdits(text: string, edits: PlainEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((edit, index) => ({
      start: offsetAt(text, edit.range.start, starts),
      end: offsetAt(text, edit.range.end, starts),
      text: edit.text,
      index,
    }))
    // Bottom-up; for equal positions keep the given order by applying later ones first.
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = text;
  let limit = Infinity;
  for (const edit of resolved) {
    if (edit.end > limit) throw new Error("overlapping edits");
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
