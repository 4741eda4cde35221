// Request-level reuse in a session: after an edit, a request whose evaluation read nothing the
// edit changed keeps the outcomes of its criteria from the previous analysis, moved to the new
// offsets, instead of building its context and evaluating them again (analyze.ts).
//
// "Read" is what reads.ts recorded while the request was evaluated: the concepts the matcher was
// asked for, the per-chunk derivers used over the whole note, and whole-note values (the note's
// diagnoses). "Changed" is decided on the edit's dirty zone: the chunks between the parts the
// note shares with the previous one at both ends (NoteShare) are compared, text and prose, and
// what stays equal at both ends of them, with the same blocks, sentences and section labels, is
// clean; the blocks in between, before and after the edit, are dirty. A concept is unchanged when
// no mention of it lies in the dirty zone, before or after the edit (a detector's list, which is
// read over the whole note, must also be the same list once moved); a deriver when it derives
// nothing there; a value when it reads the same. Every span a kept result holds (the request's
// lines, evidence, the text a finding points at) must lie in clean text, which moves by a known
// offset. Everything else a request's evaluation depends on is compared as a whole: the requests
// found (their services, items and lines), the sections' kinds, the dates, the visit, the active
// drugs, directives and options (analyze.ts, layoutKey). Any doubt means evaluating again: the
// result always equals a fresh analysis (test/unit/session.test.ts proves it over random notes and
// edits).
import type { Assertion } from "./context";
import { Matcher, type Mention } from "./concepts";
import type { Outcome } from "./evaluate";
import { chunkDerived, type ChunkData, type ChunkStore, type Note, type NotePart } from "./note";
import type { NoteValue, Reads } from "./reads";
import type { FoundRequest } from "./requests";
import type { Span } from "./text";

/** A criterion's result for one request: not run (disabled, or a family criterion already run), not applicable, or its outcome. */
export type DefResult = undefined | "not-applicable" | Outcome;

interface KeptRequest {
  reads: Reads;
  /** The spans the request's lines lie in (they must stay in clean text). */
  lines: Span[];
  results: DefResult[];
}

/**
 * A detector's mentions as the next analysis compares them: flat triplets of start, end and how
 * each reads (readingOf), so that a case file's thousands of mentions cost no objects.
 */
type KeptMentions = number[];

/** A session's chunk store, which also keeps what the latest analysis evaluated per request. */
export interface AnalysisStore extends ChunkStore {
  requests?: RequestMemo;
}

/** What a session keeps between analyses for reuse (AnalysisStore.requests). */
export class RequestMemo {
  /** The note generation (NoteShare) of the last analysis that ran to its end. */
  generation?: number;
  layoutKey?: string;
  parts: NotePart[] = [];
  /** Detectors' mentions in that analysis. */
  detected = new Map<string, KeptMentions>();
  kept = new Map<string, KeptRequest[]>();
  /** Requests reused and evaluated by the last analysis (for tests and the bench). */
  stats = { reused: 0, evaluated: 0 };

  clear(): void {
    this.generation = undefined;
    this.layoutKey = undefined;
    this.parts = [];
    this.detected = new Map();
    this.kept = new Map();
  }
}

/** The signature of a request: what makes it the same request in the next note. */
export function requestKey(note: Note, service: string, r: FoundRequest): string {
  const others = r.others.map((o) => `${o.concept}@${o.start - o.sentence.block.start}:${note.prose.slice(o.sentence.block.start, o.sentence.block.end)}`);
  return [service, r.item ?? "", r.mention.concept, r.mention.start - r.block.start, note.prose.slice(r.block.start, r.block.end), ...others].join("\u0001");
}

/** The chunks between the shared ends, as one run of text in offsets from its start. */
interface Middle {
  datas: ChunkData[];
  /** Each chunk's offset in the run. */
  offsets: number[];
  text: string;
  prose: string;
  length: number;
}

function middleOf(parts: NotePart[], from: number, to: number): Middle {
  const datas: ChunkData[] = [];
  const offsets: number[] = [];
  const texts: string[] = [];
  const proses: string[] = [];
  let at = 0;
  for (let i = from; i < to; i++) {
    const part = parts[i];
    datas.push(part.data);
    offsets.push(at);
    texts.push(part.source.text);
    proses.push(part.data.prose);
    at += part.data.length;
  }
  return { datas, offsets, text: texts.join(""), prose: proses.join(""), length: at };
}

/** The blocks of a middle run, with their sentences and section labels, in the run's offsets. */
function structureOf(m: Middle): Array<{ start: number; end: number; shape: string }> {
  const out: Array<{ start: number; end: number; shape: string }> = [];
  m.datas.forEach((data, k) => {
    const base = m.offsets[k];
    const sentences = data.sentences.map((s) => ({ ...s }));
    data.blocks.forEach((b, bi) => {
      const inside = sentences.filter((s) => s.block === bi).map((s) => `${s.start - b.start}-${s.end - b.start}`);
      const labels = data.labels.filter((l) => l.label.start >= b.start && l.label.end <= b.end);
      out.push({ start: base + b.start, end: base + b.end, shape: `${b.kind}${b.listItem ? "*" : ""}${b.end - b.start}[${inside.join(",")}]${labels.length ? "L" : ""}` });
    });
    // Labels outside blocks (none expected) make the whole chunk one dirty unit.
    if (data.labels.some((l) => !data.blocks.some((b) => l.label.start >= b.start && l.label.end <= b.end))) {
      out.push({ start: base, end: base + data.length, shape: "?" });
    }
  });
  return out;
}

/** One analysis's view of reuse: which kept requests it may take, and what it keeps for the next. */
export class Reuse {
  private readonly changedConcepts = new Map<string, boolean>();
  private readonly changedDerivers = new Map<object, boolean>();
  private readonly usable: boolean;
  private readonly next = new Map<string, KeptRequest[]>();
  private readonly taken = new Map<string, number>();
  private reused = 0;
  private evaluated = 0;
  /** Where the middle runs start in the note (the same offset before and after the edit). */
  private midStart = 0;
  private before?: Middle;
  private after?: Middle;
  /** The dirty zone in middle offsets: [dirtyStart, oldDirtyEnd) before the edit, [dirtyStart, newDirtyEnd) after. */
  private dirtyStart = 0;
  private oldDirtyEnd = 0;
  private newDirtyEnd = 0;

  constructor(
    private readonly memo: RequestMemo,
    private readonly note: Note,
    private readonly matcher: Matcher,
    private readonly layoutKey: string,
  ) {
    const share = note.share;
    const parts = note.parts ?? [];
    this.usable =
      !!share && share.previous !== undefined && share.previous === memo.generation && memo.layoutKey === layoutKey && parts.length > 0 && this.findDirtyZone();
  }

  /** Compares the chunks between the shared ends before and after the edit; false when their structure cannot be matched. */
  private findDirtyZone(): boolean {
    const share = this.note.share!;
    const parts = this.note.parts!;
    const old = this.memo.parts;
    if (share.prefix + share.suffix > parts.length || share.prefix + share.suffix > old.length) return false;
    // The run starts where the shared first parts end (at the same offset before and after).
    const last = parts[share.prefix - 1];
    this.midStart = last ? last.start + last.data.length : 0;
    const before = (this.before = middleOf(old, share.prefix, old.length - share.suffix));
    const after = (this.after = middleOf(parts, share.prefix, parts.length - share.suffix));
    // The characters equal at both ends, in the text and in the prose.
    const most = Math.min(before.length, after.length);
    let head = 0;
    while (head < most && before.text.charCodeAt(head) === after.text.charCodeAt(head) && before.prose.charCodeAt(head) === after.prose.charCodeAt(head)) head++;
    let tail = 0;
    while (
      tail < most - head &&
      before.text.charCodeAt(before.length - 1 - tail) === after.text.charCodeAt(after.length - 1 - tail) &&
      before.prose.charCodeAt(before.length - 1 - tail) === after.prose.charCodeAt(after.length - 1 - tail)
    )
      tail++;
    // A block reaching into the changed characters widens the dirty zone to its edges (before
    // and after the edit), until no block of either straddles an edge of it.
    const delta = after.length - before.length;
    const oldBlocks = structureOf(before);
    const newBlocks = structureOf(after);
    let start = head;
    let oldEnd = before.length - tail;
    for (let widened = true; widened; ) {
      widened = false;
      for (const [blocks, shift] of [
        [oldBlocks, 0],
        [newBlocks, delta],
      ] as const) {
        const end = oldEnd + shift;
        for (const b of blocks) {
          if (b.start < start && b.end > start) {
            start = b.start;
            widened = true;
          }
          if (b.start < end && b.end > end) {
            oldEnd = b.end - shift;
            widened = true;
          }
        }
      }
    }
    const newEnd = oldEnd + delta;
    if (start < 0 || oldEnd > before.length || newEnd > after.length || oldEnd < start || newEnd < start) return false;
    // Outside the dirty zone, the same blocks with the same sentences and labels at the same places.
    const shapes = (blocks: typeof oldBlocks, from: number, to: number, shift: number) =>
      blocks.filter((b) => b.start >= from && b.end <= to).map((b) => `${b.start + shift}:${b.shape}`).join("|");
    if (shapes(oldBlocks, 0, start, 0) !== shapes(newBlocks, 0, start, 0)) return false;
    if (shapes(oldBlocks, oldEnd, before.length, delta) !== shapes(newBlocks, newEnd, after.length, 0)) return false;
    this.dirtyStart = start;
    this.oldDirtyEnd = oldEnd;
    this.newDirtyEnd = newEnd;
    return true;
  }

  /** A span of the previous note in this one, or undefined when it lies (even partly) in the dirty zone. */
  private move(span: Span): Span | undefined {
    const a = this.midStart + this.dirtyStart;
    const b = this.midStart + this.oldDirtyEnd;
    if (span.end <= a && span.start < a) return span;
    if (span.start >= b) {
      const d = this.newDirtyEnd - this.oldDirtyEnd;
      return d === 0 ? span : { start: span.start + d, end: span.end + d };
    }
    return undefined;
  }

  /** Whether a detector's mentions in this note are those it kept from the previous one, moved. */
  private sameMentions(before: KeptMentions, now: readonly Mention[]): boolean {
    if (before.length !== now.length * 3) return false;
    const a = this.midStart + this.dirtyStart;
    const b = this.midStart + this.oldDirtyEnd;
    const d = this.newDirtyEnd - this.oldDirtyEnd;
    for (let i = 0; i < now.length; i++) {
      const start = before[i * 3];
      const end = before[i * 3 + 1];
      // As move(): before the dirty zone it stays, after it shifts, in it it is gone.
      let shift: number;
      if (end <= a && start < a) shift = 0;
      else if (start >= b) shift = d;
      else return false;
      const m = now[i];
      if (m.start !== start + shift || m.end !== end + shift || readingOf(m.assertion, m.section.kind) !== before[i * 3 + 2]) return false;
    }
    return true;
  }

  /** Whether a run-relative span [start, end) of the previous (old) or this note touches the dirty zone. */
  private dirty(start: number, end: number, old: boolean): boolean {
    const to = old ? this.oldDirtyEnd : this.newDirtyEnd;
    return end > this.dirtyStart && start < to;
  }

  /** The kept results of a request whose reads the edit did not change, moved to this note; else undefined. */
  take(key: string): DefResult[] | undefined {
    if (!this.usable) return undefined;
    const list = this.memo.kept.get(key);
    const index = this.taken.get(key) ?? 0;
    this.taken.set(key, index + 1);
    const kept = list?.[index];
    if (!kept) return undefined;
    const lines = kept.lines.map((s) => this.move(s));
    if (lines.some((s) => !s)) return undefined;
    for (const id of kept.reads.concepts) if (this.conceptChanged(id, new Set())) return undefined;
    for (const d of kept.reads.derivers) if (this.deriverChanged(d)) return undefined;
    for (const [read, value] of kept.reads.values) if ((read as (note: Note) => string)(this.note) !== value) return undefined;
    const results: DefResult[] = [];
    for (const r of kept.results) {
      if (r === undefined || r === "not-applicable") {
        results.push(r);
        continue;
      }
      const evidence = r.evidence.map((s) => this.move(s));
      const at = r.at && this.move(r.at);
      if (evidence.some((s) => !s) || (r.at && !at)) return undefined;
      const moved: Outcome = { ...r, evidence: evidence as Span[] };
      if (at) moved.at = at;
      else delete moved.at;
      results.push(moved);
    }
    this.keep(key, { reads: kept.reads, lines: lines as Span[], results });
    this.reused++;
    return results;
  }

  /** Keeps a request just evaluated, for the next analysis. */
  remember(key: string, reads: Reads, r: FoundRequest, results: DefResult[]): void {
    this.evaluated++;
    const lines = [r.block, ...r.others.map((o) => o.sentence.block)].map((b) => ({ start: b.start, end: b.end }));
    // Copied through JSON: a value sliced from the note's text would keep that whole version alive.
    const copies = results.map((result): DefResult => {
      if (result === undefined || result === "not-applicable") return result;
      const copy: Outcome = { ...result, evidence: result.evidence.map((s) => ({ start: s.start, end: s.end })) };
      if (result.at) copy.at = { start: result.at.start, end: result.at.end };
      return JSON.parse(JSON.stringify(copy)) as Outcome;
    });
    this.keep(key, { reads, lines, results: copies });
  }

  /** Ends an analysis that ran to its end: what the next one may reuse. */
  commit(): void {
    const memo = this.memo;
    memo.generation = this.note.share?.generation;
    memo.layoutKey = this.layoutKey;
    memo.parts = this.note.parts ?? [];
    memo.kept = this.next;
    memo.stats = { reused: this.reused, evaluated: this.evaluated };
    const detected = new Map<string, KeptMentions>();
    const add = (id: string) => {
      if (detected.has(id) || !this.matcher.isDetector(id)) return;
      detected.set(id, keptMentions(this.matcher.find(id)));
      const reads = this.matcher.readsOf(id);
      if (reads) for (const c of reads.concepts) add(c);
    };
    for (const list of this.next.values()) for (const kept of list) for (const id of kept.reads.concepts) add(id);
    memo.detected = detected;
  }

  private keep(key: string, kept: KeptRequest): void {
    const list = this.next.get(key);
    if (list) list.push(kept);
    else this.next.set(key, [kept]);
  }

  private conceptChanged(id: string, visiting: Set<string>): boolean {
    const known = this.changedConcepts.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false;
    visiting.add(id);
    let changed: boolean;
    // Asked for in every analysis, so that each chunk of the note keeps its mentions of it.
    const now = this.matcher.find(id);
    if (this.matcher.isDetector(id)) {
      const before = this.memo.detected.get(id);
      const reads = this.matcher.readsOf(id);
      changed =
        !before ||
        !this.sameMentions(before, now) ||
        (!!reads && ([...reads.concepts].some((c) => this.conceptChanged(c, visiting)) || [...reads.derivers].some((d) => this.deriverChanged(d))));
    } else {
      const concept = this.matcher.concept(id);
      changed = !concept || this.inDirty((data) => Matcher.inChunk(data, concept), 4);
    }
    this.changedConcepts.set(id, changed);
    return changed;
  }

  /**
   * Whether a chunk-local list holds an item in the dirty zone, before or after the edit (a chunk
   * never read counts as dirty). `stride` 4: the matcher's flat lists (start, end, ...); else spans.
   */
  private inDirty(read: (data: ChunkData) => ArrayLike<unknown> | undefined, stride?: number): boolean {
    for (const [m, old] of [
      [this.before!, true],
      [this.after!, false],
    ] as const) {
      for (let k = 0; k < m.datas.length; k++) {
        const base = m.offsets[k];
        const length = m.datas[k].length;
        if (!this.dirty(base, base + length, old)) continue;
        const list = read(m.datas[k]);
        if (!list) return true;
        if (stride) {
          const flat = list as ArrayLike<number>;
          for (let i = 0; i + 1 < flat.length; i += stride) if (this.dirty(base + flat[i], base + flat[i + 1], old)) return true;
        } else {
          for (let i = 0; i < list.length; i++) {
            const item = list[i] as Partial<Span> | undefined;
            if (typeof item?.start !== "number" || typeof item.end !== "number") return true;
            if (this.dirty(base + item.start, base + Math.max(item.end, item.start + 1), old)) return true;
          }
        }
      }
    }
    return false;
  }

  private deriverChanged(derive: object): boolean {
    const known = this.changedDerivers.get(derive);
    if (known !== undefined) return known;
    const fn = derive as (prose: string, data: ChunkData) => unknown[];
    const changed = this.inDirty((data) => chunkDerived(data, fn));
    this.changedDerivers.set(derive, changed);
    return changed;
  }
}

/** Section kinds by number, for readingOf. */
const sectionKinds = new Map<string, number>();

/** How a mention reads, as a number: its assertion's six flags and its section's kind. */
function readingOf(a: Assertion, section: string): number {
  let kind = sectionKinds.get(section);
  if (kind === undefined) sectionKinds.set(section, (kind = sectionKinds.size));
  const flags = +a.negated | (+a.uncertain << 1) | (+a.historical << 2) | (+a.hypothetical << 3) | (+a.family << 4) | (+a.otherSource << 5);
  return flags + kind * 64;
}

function keptMentions(mentions: readonly Mention[]): KeptMentions {
  const out: KeptMentions = new Array<number>(mentions.length * 3);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    out[i * 3] = m.start;
    out[i * 3 + 1] = m.end;
    out[i * 3 + 2] = readingOf(m.assertion, m.section.kind);
  }
  return out;
}

export type { NoteValue };
