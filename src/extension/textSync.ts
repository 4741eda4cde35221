// Pure, vscode-free: keeping a worker's copy of a document's text in step with the editor by its
// edits instead of its whole text. The host records each change event's `contentChanges`
// (offset, length replaced, new text) with the document version it produced; a check sends the
// edits since the version the worker holds. The changes of one event are applied in their order,
// each to the text the previous one left (the extension host applies them the same way; VS Code
// lists them from the end of the document backwards, so the offsets of the original text hold
// too). Anything unusual (a version skipped, a change without offsets, a log pruned) gives no
// edits, and the caller sends the whole text.

/** One replacement: `length` characters at `offset` become `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/** The edits of one change event, in their order, and the version they produced. */
export interface EditStep {
  version: number;
  edits: TextEdit[];
}

/** The text after `edits`, applied in order; undefined when one falls outside the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  let out = text;
  for (const edit of edits) {
    if (!isEdit(edit) || edit.offset + edit.length > out.length) return undefined;
    out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  }
  return out;
}

/** The length of a text of length `length` after `edits` (no text needed). */
export function lengthAfter(length: number, edits: readonly TextEdit[]): number {
  let n = length;
  for (const edit of edits) n += edit.text.length - edit.length;
  return n;
}

function isEdit(edit: unknown): edit is TextEdit {
  const e = edit as TextEdit;
  return (
    typeof e === "object" &&
    e !== null &&
    Number.isInteger(e.offset) &&
    Number.isInteger(e.length) &&
    e.offset >= 0 &&
    e.length >= 0 &&
    typeof e.text === "string"
  );
}

/** A change event's content changes as edits, or undefined when one lacks its offsets. */
export function toEdits(changes: ReadonlyArray<{ rangeOffset?: unknown; rangeLength?: unknown; text?: unknown }>): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const edit = { offset: change.rangeOffset, length: change.rangeLength, text: change.text };
    if (!isEdit(edit)) return undefined;
    edits.push(edit);
  }
  return edits;
}

/**
 * One document's recent edits, by the version each change event produced. Keeps at most
 * `maxSteps` events and `maxChars` characters of inserted text: edits from before what it keeps
 * are unknown (the whole text goes instead).
 */
export class EditLog {
  private steps: EditStep[] = [];
  private chars = 0;
  /** The oldest version edits can be given from (undefined: none yet). */
  private floor: number | undefined;

  constructor(
    private readonly maxSteps = 256,
    private readonly maxChars = 1_000_000,
  ) {}

  /**
   * Records the change event that brought the document to `version`. Changes that cannot be
   * read as edits, or a version that does not follow the last, restart the log at `version`.
   */
  record(version: number, changes: ReadonlyArray<{ rangeOffset?: unknown; rangeLength?: unknown; text?: unknown }>): void {
    const edits = toEdits(changes);
    const last = this.steps.length ? this.steps[this.steps.length - 1].version : this.floor;
    if (!edits || last === undefined || version !== last + 1) {
      this.restart(version);
      return;
    }
    this.steps.push({ version, edits });
    for (const edit of edits) this.chars += edit.text.length;
    while (this.steps.length > this.maxSteps || (this.chars > this.maxChars && this.steps.length > 0)) {
      const dropped = this.steps.shift()!;
      for (const edit of dropped.edits) this.chars -= edit.text.length;
      this.floor = dropped.version;
    }
  }

  /** Nothing before `version` is known (a document opened, or its whole text read, at it). */
  restart(version: number): void {
    this.steps = [];
    this.chars = 0;
    this.floor = version;
  }

  /**
   * The edits, in order, that take the text of version `base` to version `target`; undefined
   * when they are not all known (the log started later, or a version in between is missing).
   */
  between(base: number, target: number): TextEdit[] | undefined {
    if (this.floor === undefined || base < this.floor || target < base) return undefined;
    if (base === target) return [];
    const out: TextEdit[] = [];
    let expected = base + 1;
    for (const step of this.steps) {
      if (step.version <= base) continue;
      if (step.version > target) break;
      if (step.version !== expected) return undefined;
      out.push(...step.edits);
      expected++;
    }
    return expected === target + 1 ? out : undefined;
  }

  /** Drops what no check can need any more: the edits up to `version`. */
  prune(version: number): void {
    if (this.floor === undefined || version <= this.floor) return;
    while (this.steps.length && this.steps[0].version <= version) {
      const dropped = this.steps.shift()!;
      for (const edit of dropped.edits) this.chars -= edit.text.length;
    }
    this.floor = version;
  }
}

/** What the host believes a worker holds for one document. */
export interface Held {
  /** Which worker (the client's own token: a restarted or other worker is another token). */
  worker: unknown;
  options: string;
  version: number;
  length: number;
}

/**
 * Whether a check of `version` can go as edits to `worker`: the worker holds this document's
 * text at a version the log can bring to `version`, under the same options. Returns the edits,
 * or undefined when the whole text must go. `since(base)` gives the edits from `base` to the
 * version wanted (undefined when not known).
 */
export function editsFor(
  held: Held | undefined,
  want: { worker: unknown; options: string; version: number },
  since: (base: number) => TextEdit[] | undefined,
): { base: number; edits: TextEdit[] } | undefined {
  if (!held || held.worker !== want.worker || held.options !== want.options || held.version > want.version) return undefined;
  const edits = since(held.version);
  return edits ? { base: held.version, edits } : undefined;
}

/**
 * The worker's side: its copy of one document's text and version. `update` applies a request's
 * edits, or takes its whole text; "resync" when the copy is not at `base` or the edits do not
 * give `length` characters (the copy is then dropped, and the host sends the whole text).
 */
export class TextCopy {
  text: string | undefined;
  version: number | undefined;

  update(
    request: { text: string; version?: number } | { base: number; edits: TextEdit[]; version: number; length: number },
  ): { text: string } | "resync" {
    if ("text" in request && typeof request.text === "string") {
      this.text = request.text;
      this.version = request.version;
      return { text: request.text };
    }
    const r = request as { base: number; edits: TextEdit[]; version: number; length: number };
    if (this.text === undefined || this.version === undefined || this.version !== r.base || !Array.isArray(r.edits) || !(r.version >= r.base)) {
      this.drop();
      return "resync";
    }
    const next = applyEdits(this.text, r.edits);
    if (next === undefined || next.length !== r.length) {
      this.drop();
      return "resync";
    }
    this.text = next;
    this.version = r.version;
    return { text: next };
  }

  drop(): void {
    this.text = undefined;
    this.version = undefined;
  }
}
