// Concepts: named lexicons or detectors, matched once per note, each match placed in its sentence
// and section and read in context (negation, history, ...). Terms are matched chunk by chunk
// (note.ts), only in the chunks whose token index holds one of the words a term can begin with
// (prefilter.ts), and the matches of a chunk are kept with it: a session re-matches only the
// chunks an edit touched, and keeps each part's mentions (and detectors' mentions, per sentence)
// from note to note, moved with their chunk (note.ts, Layout).
import { cancelPoint } from "./cancel";
import { assessInSentence, type Assertion } from "./context";
import { sentenceAt, type ChunkData, type Mention, type Note, type NotePart, type Section, type Sentence } from "./note";
import { keyReaders, readerOffsets, termKeys } from "./prefilter";
import { lastStartingAt, spanIndexAt, type Span } from "./text";
import { newReads, readConcept, recording, type Reads } from "./reads";

export interface Concept {
  id: string;
  /** Phrases as regex sources, matched case-insensitively between word boundaries. */
  terms?: string[];
  /** Phrases matched case-sensitively (abbreviations that clash in lower case: PT, MS, SI). */
  exactTerms?: string[];
  /**
   * A detector read in one unit of text at a time (see Scan): matched chunk by chunk and kept with
   * the chunk like terms, so a keystroke re-reads only the chunk it touched.
   */
  scan?: Scan;
  /** A detector over the whole note, for concepts derived from other concepts' mentions. */
  detect?: (note: Note, find: (id: string) => Mention[]) => Span[];
}

/**
 * A structured pattern (paired pain scores, a change in function, a percent relief) read in one
 * `unit` of text: a sentence; a window (a sentence, and a sentence joined with the next one of its
 * block: "8/10 without. 4/10 with."); or a line. `find` gets the unit's text and its sentences in
 * the text's offsets (one, or two for a joined window) and returns spans in the same offsets.
 */
export interface Scan {
  unit: "sentence" | "window" | "line";
  /**
   * A term (a regex source, matched like concept terms from a word's start; "%" for a percent
   * sign) found in every unit where `find` can match. The matcher then reads only the units where
   * the token index finds the term's beginning (prefilter.ts), not every unit.
   */
  needs?: string;
  find(text: string, sentences: readonly Span[]): Span[];
}

/**
 * A scan's spans over one text (a chunk's prose or the note's) with its sentences, in its offsets.
 * With `where` (ascending offsets at which the scan's `needs` may begin), only the units holding
 * one of them are read.
 */
export function scanSpans(scan: Scan, prose: string, sentences: ReadonlyArray<Span & { block: unknown }>, where?: readonly number[]): Span[] {
  const out: Span[] = [];
  const read = (start: number, end: number, units: Span[]) => {
    for (const s of scan.find(prose.slice(start, end), units)) out.push({ start: start + s.start, end: start + s.end });
  };
  // The first offset of `where` at or after a unit's start (units come in ascending order).
  let w = 0;
  const holds = (start: number, end: number) => {
    if (!where) return true;
    while (w < where.length && where[w] < start) w++;
    return w < where.length && where[w] < end;
  };
  if (scan.unit === "line") {
    for (let pos = 0; pos <= prose.length; ) {
      const nl = prose.indexOf("\n", pos);
      const end = nl < 0 ? prose.length : nl;
      cancelPoint();
      if (holds(pos, end) && /\S/.test(prose.slice(pos, end))) read(pos, end, [{ start: 0, end: end - pos }]);
      if (nl < 0) break;
      pos = nl + 1;
    }
    return out;
  }
  for (let i = 0; i < sentences.length; i++) {
    cancelPoint();
    const s = sentences[i];
    if (holds(s.start, s.end)) read(s.start, s.end, [{ start: 0, end: s.end - s.start }]);
    const next = sentences[i + 1];
    if (scan.unit === "window" && next && next.block === s.block && holds(s.start, next.end)) {
      read(s.start, next.end, [
        { start: 0, end: s.end - s.start },
        { start: next.start - s.start, end: next.end - s.start },
      ]);
    }
  }
  return out;
}

/** The index keys a scan's `needs` begins with; undefined: the scan reads every unit (read once per concept set, readersFor). */
export function scanKeys(scan: Scan): string[] | undefined {
  return scan.needs === undefined ? undefined : termKeys(scan.needs);
}

export type { Mention } from "./note";

interface Compiled {
  /** The concept's slot in the per-chunk and per-part lists of mentions. */
  slot: number;
  regexes: RegExp[];
  /** The same, sticky: tried only where a word with one of the keys starts. */
  sticky: RegExp[];
  /** Token-index keys one of which starts every match; undefined: match everywhere. */
  keys?: string[];
}

const compiled = new WeakMap<Concept, Compiled>();
let slots = 0;

function compile(concept: Concept): Compiled {
  let c = compiled.get(concept);
  if (c) return c;
  const regexes: RegExp[] = [];
  const edge = (src: string) => `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])`;
  if (concept.terms?.length) regexes.push(new RegExp(edge(concept.terms.join("|")), "gi"));
  if (concept.exactTerms?.length) regexes.push(new RegExp(edge(concept.exactTerms.join("|")), "g"));
  let keys: string[] | undefined = [];
  for (const term of [...(concept.terms ?? []), ...(concept.exactTerms ?? [])]) {
    const k = termKeys(term);
    if (!k) {
      keys = undefined;
      break;
    }
    keys.push(...k);
  }
  c = { slot: slots++, regexes, sticky: regexes.map((r) => new RegExp(r.source, r.flags + "y")), keys: keys && [...new Set(keys)] };
  compiled.set(concept, c);
  return c;
}

/** The regular expressions a concept is matched with (for the regex-safety test). */
export function conceptRegexes(concept: Concept): RegExp[] {
  return compile(concept).regexes;
}

/**
 * The mentions found in one chunk, in the chunk's offsets, shared by every note holding the chunk:
 * four small integers each (start, end, the sentence's index in the chunk, the assertion as bits).
 * A plain array of small integers: a typed array costs more per list than a short list holds.
 */
type LocalMentions = readonly number[];
const FIELDS = 4;
/** No mentions, no offsets: the one empty list of numbers. */
const NONE: readonly number[] = Object.freeze([]);
const ASSERTION_KEYS = ["negated", "uncertain", "historical", "hypothetical", "family", "otherSource"] as const;

function assertionBits(a: Assertion): number {
  let bits = 0;
  ASSERTION_KEYS.forEach((k, i) => {
    if (a[k]) bits |= 1 << i;
  });
  return bits;
}

const HISTORICAL = 4;

/**
 * The reading for a mention's bits and section, one shared frozen object per combination: a
 * session keeps every mention of a long note, and most readings are the same few.
 */
const ASSERTIONS: Assertion[] = Array.from({ length: 1 << (ASSERTION_KEYS.length + 1) }, (_, i) => {
  const bits = i >> 1;
  return Object.freeze({
    negated: (bits & 1) !== 0,
    uncertain: (bits & 2) !== 0,
    historical: (bits & HISTORICAL) !== 0 || (i & 1) !== 0,
    hypothetical: (bits & 8) !== 0,
    family: (bits & 16) !== 0,
    otherSource: (bits & 32) !== 0,
  });
});

function assertionOf(bits: number, history: boolean): Assertion {
  return ASSERTIONS[(bits << 1) | (history ? 1 : 0)];
}

function rawSpans(prose: string, regexes: RegExp[]): Span[] {
  const spans: Span[] = [];
  for (const re of regexes) {
    re.lastIndex = 0;
    for (let m = re.exec(prose); m; m = re.exec(prose)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  // Overlapping matches: keep the first, longest.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans;
}

/**
 * The spans of sticky regexes tried at the given ascending positions only: the same spans as a
 * global scan when every match starts at one of them (the token index guarantees it).
 */
function spansAt(prose: string, sticky: RegExp[], positions: readonly number[]): Span[] {
  const spans: Span[] = [];
  for (const re of sticky) {
    let from = 0;
    for (const p of positions) {
      cancelPoint();
      if (p < from) continue;
      re.lastIndex = p;
      const m = re.exec(prose);
      if (!m || m[0].length === 0) continue;
      spans.push({ start: p, end: p + m[0].length });
      from = p + m[0].length;
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans;
}

/**
 * A concept's term spans in one text, exactly as the matcher finds them: at the words the token
 * index lists for the concept's keys, or by a scan when its terms have no readable beginning.
 * (The regex-safety test times patterns through this path.)
 */
export function conceptSpans(concept: Concept, prose: string): Span[] {
  const c = compile(concept);
  if (!c.regexes.length) return [];
  if (!c.keys) return rawSpans(prose, c.regexes);
  return spansAt(prose, c.sticky, readerOffsets(prose, keyReaders([c.keys]), 1)[0] ?? NONE);
}

/** Who reads the token index for a set of concepts: each concept's terms and each detector's needs. */
interface Readers {
  byKey: Map<string, number[]>;
  count: number;
  terms: Map<Concept, number>;
  scans: Map<Scan, number>;
}

const readersOf = new WeakMap<ReadonlyMap<string, Concept>, Readers>();

function readersFor(concepts: ReadonlyMap<string, Concept>): Readers {
  let readers = readersOf.get(concepts);
  if (readers) return readers;
  const lists: string[][] = [];
  const terms = new Map<Concept, number>();
  const scans = new Map<Scan, number>();
  for (const concept of concepts.values()) {
    const keys = compile(concept).keys;
    if (keys && keys.length) terms.set(concept, lists.push(keys) - 1);
    const needs = concept.scan && scanKeys(concept.scan);
    if (needs) scans.set(concept.scan!, lists.push(needs) - 1);
  }
  readers = { byKey: keyReaders(lists), count: lists.length, terms, scans };
  readersOf.set(concepts, readers);
  return readers;
}

/** Places a concept's spans in one chunk (each chunk is matched as a text of its own). */
function placeInChunk(data: ChunkData, spans: Span[]): LocalMentions {
  const out: number[] = [];
  let lastEnd = -1;
  for (const span of spans) {
    if (span.start < lastEnd) continue;
    const si = spanIndexAt(data.sentences, span.start);
    if (si < 0) continue;
    lastEnd = span.end;
    out.push(span.start, span.end, si, assertionBits(assessInSentence(data.prose, span, data.sentences[si])));
  }
  // A copy of exactly its length: a list grown by push keeps spare room, and a session keeps thousands.
  return out.length ? out.slice() : NONE;
}

/** Finds concept mentions in one note; each concept is matched at most once. */
export class Matcher {
  private readonly cache = new Map<string, Mention[]>();
  /** Per chunk, for this analysis only: for each reader of the token index, its words' offsets. */
  private readonly tokens = new WeakMap<ChunkData, Array<number[] | undefined>>();
  private readonly readers: Readers;

  constructor(
    readonly note: Note,
    private readonly concepts: ReadonlyMap<string, Concept>,
  ) {
    this.readers = readersFor(concepts);
  }

  /** What each detector read to find its mentions (the other concepts it asked for), reads.ts. */
  private readonly detectorReads = new Map<string, Reads>();

  find = (id: string): Mention[] => {
    readConcept(id);
    const cached = this.cache.get(id);
    if (cached) return cached;
    const concept = this.concepts.get(id);
    if (!concept) throw new Error(`unknown concept: ${id}`);
    // Guard against cycles between detectors.
    this.cache.set(id, []);
    let mentions: Mention[];
    if (this.note.parts && !concept.detect) mentions = this.fromParts(id, concept);
    else {
      const spans: Span[] = this.note.parts ? this.partSpans(concept) : rawSpans(this.note.prose, compile(concept).regexes);
      if (!this.note.parts && concept.scan) spans.push(...scanSpans(concept.scan, this.note.prose, this.note.sentences));
      if (concept.detect) {
        const detect = concept.detect;
        const reads = newReads();
        this.detectorReads.set(id, reads);
        spans.push(...recording(reads, () => detect(this.note, this.find)));
      }
      mentions = this.place(id, spans);
    }
    this.cache.set(id, mentions);
    return mentions;
  };

  /** A detector's reads (undefined for a concept matched by terms or a scan, or not found yet). */
  readsOf(id: string): Reads | undefined {
    return this.detectorReads.get(id);
  }

  /** Whether a concept is found by a detector over the whole note (not chunk by chunk). */
  isDetector(id: string): boolean {
    return !!this.concepts.get(id)?.detect || !this.note.parts;
  }

  /**
   * The concept's mentions in one chunk, as the chunk keeps them (a flat list, empty when none),
   * or undefined when the chunk was never matched for it. For concepts matched chunk by chunk.
   */
  static inChunk(data: ChunkData, concept: Concept): readonly number[] | undefined {
    return data.memo.mentions?.[compile(concept).slot] as readonly number[] | undefined;
  }

  concept(id: string): Concept | undefined {
    return this.concepts.get(id);
  }

  /** A concept's mentions in one chunk: kept with the chunk, else matched (terms at their candidate words, then the scan). */
  private chunkMatches(concept: Concept, c: Compiled, data: ChunkData): LocalMentions {
    const memo = (data.memo.mentions ??= []);
    let local = memo[c.slot] as LocalMentions | undefined;
    if (!local) {
      let spans: Span[] = [];
      if (!c.regexes.length) {
        // no terms: the scan alone
      } else if (!c.keys) spans = rawSpans(data.prose, c.regexes);
      else {
        const positions = this.candidates(data, this.readers.terms.get(concept));
        if (positions.length) spans = spansAt(data.prose, c.sticky, positions);
      }
      if (concept.scan) {
        const reader = this.readers.scans.get(concept.scan);
        const where = reader === undefined ? undefined : this.candidates(data, reader);
        if (!where || where.length) spans.push(...scanSpans(concept.scan, data.prose, data.sentences, where));
        spans.sort((a, b) => a.start - b.start || b.end - a.end);
      }
      local = spans.length ? placeInChunk(data, spans) : NONE;
      memo[c.slot] = local;
    }
    return local;
  }

  /** Ascending offsets of the chunk's words that begin with one of a reader's keys. */
  private candidates(data: ChunkData, reader: number | undefined): readonly number[] {
    if (reader === undefined) return NONE;
    let lists = this.tokens.get(data);
    if (!lists) {
      lists = readerOffsets(data.prose, this.readers.byKey, this.readers.count);
      this.tokens.set(data, lists);
    }
    return lists[reader] ?? NONE;
  }

  /**
   * A concept's mentions over the note. Each part's are kept with the part (a session moves them
   * with their chunk, note.ts): only a part new to the session is built, only one whose sentences
   * changed section is mended. In a session, the parts the note shares with the previous one at
   * both ends are copied from that note's list in two slices (NoteShare). The list is shared with
   * the next note: callers never change it.
   */
  private fromParts(id: string, concept: Concept): Mention[] {
    const c = compile(concept);
    const parts = this.note.parts!;
    const n = parts.length;
    const share = this.note.share;
    const kept = share?.lists[c.slot];
    const bounds = new Int32Array(n + 1);
    let out: Mention[];
    if (share && kept && share.previous !== undefined && kept.generation === share.previous) {
      const { prefix, suffix } = share;
      const before = kept.bounds.length - 1;
      out = kept.list.slice(0, kept.bounds[prefix]);
      bounds.set(kept.bounds.subarray(0, prefix + 1));
      for (let i = prefix; i < n - suffix; i++) {
        bounds[i] = out.length;
        this.partMentions(id, concept, c, parts[i], out);
      }
      const from = kept.bounds[before - suffix];
      const shift = out.length - from;
      for (let j = 0; j <= suffix; j++) bounds[n - suffix + j] = kept.bounds[before - suffix + j] + shift;
      for (let k = from; k < kept.list.length; k++) out.push(kept.list[k]);
    } else {
      out = [];
      for (let i = 0; i < n; i++) {
        bounds[i] = out.length;
        this.partMentions(id, concept, c, parts[i], out);
      }
      bounds[n] = out.length;
    }
    if (share) share.lists[c.slot] = { generation: share.generation, list: out, bounds };
    return out;
  }

  /** Appends one part's mentions of a concept to `out`, building or mending them first when needed. */
  private partMentions(id: string, concept: Concept, c: Compiled, part: NotePart, out: Mention[]): void {
    const list = this.chunkMatches(concept, c, part.data);
    if (!list.length) return;
    if (part.mendedEpoch !== part.sectionEpoch) mendPart(part);
    let mentions = part.mentions[c.slot];
    if (!mentions) {
      // Of exactly its length (a session keeps one list per concept and chunk).
      mentions = new Array<Mention>(list.length / FIELDS);
      const prose = part.data.prose;
      for (let k = 0; k < list.length; k += FIELDS) {
        const sentence = part.sentences[list[k + 2]];
        const section = sentence.section;
        mentions[k / FIELDS] = {
          start: list[k] + part.start,
          end: list[k + 1] + part.start,
          concept: id,
          sentence,
          section,
          assertion: assertionOf(list[k + 3], section.kind === "history"),
          text: prose.slice(list[k], list[k + 1]),
        };
      }
      part.mentions[c.slot] = mentions;
    }
    for (const m of mentions) out.push(m);
  }

  /** Raw term spans of a concept over the chunks (for concepts that also have a detector). */
  private partSpans(concept: Concept): Span[] {
    const c = compile(concept);
    const spans: Span[] = [];
    for (const part of this.note.parts!) {
      const list = this.chunkMatches(concept, c, part.data);
      for (let k = 0; k < list.length; k += FIELDS) spans.push({ start: list[k] + part.start, end: list[k + 1] + part.start });
    }
    return spans;
  }

  /**
   * The chunk prose holding an offset, with the chunk's start (the note's prose without parts). A
   * mention kept across notes takes its text from its chunk's prose, never from a note's: a slice
   * of a note's prose would keep that whole note alive for as long as the mention.
   */
  private proseAround(offset: number): { prose: string; start: number } {
    const parts = this.note.parts;
    if (!parts?.length) return { prose: this.note.prose, start: 0 };
    const part = parts[Math.max(0, lastStartingAt(parts, offset))];
    return { prose: part.data.prose, start: part.start };
  }

  private place(id: string, spans: Span[]): Mention[] {
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let kept = placed.get(id);
    if (!kept) placed.set(id, (kept = new WeakMap()));
    const out: Mention[] = [];
    let lastEnd = -1;
    for (const span of spans) {
      if (span.start < lastEnd) continue; // overlapping matches: keep the first, longest
      const sentence = sentenceAt(this.note, span.start);
      if (!sentence) continue;
      lastEnd = span.end;
      out.push(placeInSentence(kept, this.proseAround(span.start), id, span, sentence));
    }
    return out;
  }
}

/**
 * Sections are rebuilt with every note: when a part's sentences changed section (or a section
 * changed kind), every mention it keeps follows its sentence's section (mentions in a history
 * section read as history).
 */
function mendPart(part: NotePart): void {
  const local = part.data.memo.mentions ?? [];
  part.mentions.forEach((mentions, slot) => {
    const list = local[slot] as LocalMentions | undefined;
    if (!mentions || !list) return;
    for (let j = 0; j < mentions.length; j++) {
      const m = mentions[j];
      m.section = m.sentence.section;
      m.assertion = assertionOf(list[j * FIELDS + 3], m.section.kind === "history");
    }
  });
  part.mendedEpoch = part.sectionEpoch;
}

/**
 * A detector's mentions, kept with their sentence: a session moves a sentence with its chunk
 * (note.ts), so a mention found again in the same sentence is moved and its section updated,
 * not read again.
 */
type Placed = WeakMap<Sentence, Map<number | string, { mention: Mention; bits: number }>>;
const placed = new Map<string, Placed>();
function placeInSentence(kept: Placed, chunk: { prose: string; start: number }, id: string, span: Span, sentence: Sentence): Mention {
  let bySpan = kept.get(sentence);
  if (!bySpan) kept.set(sentence, (bySpan = new Map()));
  // The span in the sentence's offsets as one exact number (a string past 2^26 characters).
  const from = span.start - sentence.start;
  const to = span.end - sentence.start;
  const key = to < 2 ** 26 ? from * 2 ** 26 + to : `${from} ${to}`;
  const section = sentence.section;
  const found = bySpan.get(key);
  if (!found) {
    const local = { start: span.start - chunk.start, end: span.end - chunk.start };
    const bits = assertionBits(assessInSentence(chunk.prose, local, { start: sentence.start - chunk.start, end: sentence.end - chunk.start }));
    const mention: Mention = {
      start: span.start,
      end: span.end,
      concept: id,
      sentence,
      section,
      assertion: assertionOf(bits, section.kind === "history"),
      text: chunk.prose.slice(local.start, local.end),
    };
    bySpan.set(key, { mention, bits });
    return mention;
  }
  const m = found.mention;
  m.start = span.start;
  m.end = span.end;
  m.section = section;
  m.assertion = assertionOf(found.bits, section.kind === "history");
  return m;
}

/** The mentions inside a span (a sentence, a block), from a list in note order (as `find` returns them): one search, not a walk over the list. */
export function within(mentions: Mention[], span: Span): Mention[] {
  const out: Mention[] = [];
  for (let i = lastStartingAt(mentions, span.start - 1) + 1; i < mentions.length && mentions[i].start < span.end; i++) {
    if (mentions[i].end <= span.end) out.push(mentions[i]);
  }
  return out;
}
