// Offsets to 1-based line/column positions, for every line ending (LF, CRLF, CR).
import type { Position, Range } from "./types";

export class LineIndex {
  /** Offsets at which each line starts. */
  private readonly starts: number[];
  /** The line (0-based) `position` found last. */
  private hint = 0;

  /** `starts`, when given, are the text's line starts as `lineBreaks` finds them, after a 0. */
  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    if (starts) this.starts = starts;
    else {
      this.starts = [0];
      for (const at of lineBreaks(text)) this.starts.push(at);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Offset just past the last character of a 1-based line (before its line ending). */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    let end = next;
    while (end > this.lineStart(line) && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return end;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    // Offsets usually come in order (evidence, findings): search onward from the last line found,
    // in steps that double, then halve (a few steps for a near line, a binary search's for a far one).
    let lo = 0;
    let hi = starts.length - 1;
    const hint = this.hint;
    if (starts[hint] <= o) {
      lo = hint;
      let step = 1;
      while (lo + step <= hi && starts[lo + step] <= o) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(hi, lo + step - 1);
    } else hi = hint - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { line: lo + 1, column: o - starts[lo] + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  offset(pos: Position): number {
    return this.lineStart(pos.line) + pos.column - 1;
  }
}

/** The offsets just after each line ending (LF, CRLF, CR): where every line but the first starts. */
export function lineBreaks(text: string): number[] {
  const out: number[] = [];
  if (!text.includes("\r")) {
    // Line feeds only (the usual case): the engine's search is much faster than a loop.
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) out.push(i + 1);
    return out;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1);
    }
  }
  return out;
}

/** Half-open offset span. */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Index of the last item starting at or before `offset` (items sorted by start), or -1. */
export function lastStartingAt(list: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The lines of a block (1-based line, and the part of it inside the block), in `lines`' offsets. */
export function* blockLines(lines: LineIndex, block: Span): Generator<{ line: number; start: number; end: number }> {
  const first = lines.position(block.start).line;
  const last = lines.position(block.end).line;
  for (let line = first; line <= last; line++) {
    yield { line, start: Math.max(lines.lineStart(line), block.start), end: Math.min(lines.lineEnd(line), block.end) };
  }
}

/** Binary search in a sorted list of disjoint spans: the index of the one holding `offset`, or -1. */
export function spanIndexAt(list: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
