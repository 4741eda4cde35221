// The note model: the markdown is parsed (unified + remark-parse with the GFM and front matter syntax)
// and reduced to prose with the same offsets as the source, split into sections, blocks, sentences
// and clauses. Parsing goes chunk by chunk (chunks.ts): remark-parse on one big document grows
// faster than the text, and a session (session.ts) reuses the chunks an edit did not touch.
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { frontmatter } from "micromark-extension-frontmatter";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import type { Root } from "mdast";
import { frontMatterEnd, splitChunks } from "./chunks";
import { cancelPoint, checkCancelled, type CancelCheck } from "./cancel";
import { bound, plainLines, recordBounds } from "./bounds";
import { defuse } from "./defuse";
import { readDerived } from "./reads";
import { LineIndex, blockLines, lastStartingAt, lineBreaks, spanIndexAt, type Span } from "./text";
import type { Assertion, SectionKind } from "./types";

export interface Section extends Span {
  kind: SectionKind;
  /** Offset span of the heading or label that opened the section (empty for the header). */
  label: Span;
  /** End of the section's last line that carries text (where a template is appended). */
  contentEnd: number;
}

export type BlockKind = "paragraph" | "heading" | "row";

export interface Block extends Span {
  kind: BlockKind;
  /** True for paragraphs inside a list item. */
  listItem: boolean;
}

export interface Sentence extends Span {
  /** Position in `Note.sentences`. */
  index: number;
  block: Block;
  section: Section;
}

export interface Note {
  /** The source, unchanged. */
  text: string;
  /** Same length as `text`: prose characters kept, markup, code and comments blanked to spaces. */
  prose: string;
  lines: LineIndex;
  sections: Section[];
  blocks: Block[];
  sentences: Sentence[];
  /** HTML comments (directives live there). */
  comments: Span[];
  /** The chunks the note was parsed in, with what was derived from each (see concepts.ts). */
  parts?: NotePart[];
  /** In a session: what this note shares with the previous one. */
  share?: NoteShare;
}

/** What one chunk yields, in offsets local to the chunk. Shared by every note holding the chunk. */
export interface ChunkData {
  readonly length: number;
  readonly prose: string;
  readonly blocks: ReadonlyArray<{ start: number; end: number; kind: BlockKind; listItem: boolean }>;
  readonly comments: readonly Span[];
  /** Sentences with the local index of their block. */
  readonly sentences: ReadonlyArray<{ start: number; end: number; block: number }>;
  /** Section labels opened in this chunk. */
  readonly labels: ReadonlyArray<{ kind: SectionKind; label: Span }>;
  /** Link and footnote definition labels (they resolve references in other chunks). */
  readonly definitions: readonly string[];
  /** The chunk's last construct runs into its trailing blank lines (an unclosed fence): merge it. */
  readonly open: boolean;
  /** Lazily filled by the concept matcher: the mentions of each concept. */
  memo: ChunkMemo;
}

export interface ChunkMemo {
  /** A concept's slot → its mentions in the chunk (concepts.ts). */
  mentions?: unknown[];
  /** Deriver → what it derived from the chunk's prose (perChunk). */
  derived?: Map<object, unknown>;
}

/**
 * Where a concept matched, with its sentence, section and how it is asserted there. The matcher
 * (concepts.ts) makes them and each part of a note keeps its own, so they are declared here.
 */
export interface Mention extends Span {
  concept: string;
  sentence: Sentence;
  section: Section;
  assertion: Assertion;
  /** The matched text, for the extractors (never reported to the user). */
  text: string;
}

export interface NotePart {
  /** Offset of the chunk in the note. */
  start: number;
  /** What the chunk was parsed from (this note's text: a part never holds on to an older note's). */
  source: ChunkSource;
  data: ChunkData;
  /** The chunk's blocks, sentences and section labels in the note's offsets. */
  blocks: Block[];
  sentences: Sentence[];
  labels: Array<{ kind: SectionKind; label: Span }>;
  /** A concept's slot → the chunk's mentions in the note's offsets, filled by the matcher (concepts.ts). */
  mentions: Array<Mention[] | undefined>;
  /** Counts the notes in which a sentence of the part changed section (or its section changed kind). */
  sectionEpoch: number;
  /** The `sectionEpoch` the part's mentions were last placed in (concepts.ts mends them when it lags). */
  mendedEpoch: number;
}

/**
 * The parts and sections of the latest note a session assembled. The next note takes over the
 * part of every chunk it still holds, with its blocks, sentences and mentions, and moves them to
 * the chunk's new offset instead of building them again: a keystroke costs the chunk it touched,
 * plus a pass that shifts numbers, not one object per sentence and mention of the whole note.
 * Only a session may hand a layout on, and only to the next note of the same document: the
 * objects are changed in place, so the previous note is stale afterwards.
 */
export interface Layout {
  parts: NotePart[];
  sections: Section[];
  /** The note's length. */
  length: number;
  /** Counts the notes of the session. */
  generation: number;
  /** The session's whole-note mention lists (concepts.ts), handed from note to note. */
  lists: MentionLists;
  /** The link and footnote definitions every chunk of the note was given. */
  defs: string;
}

/** A concept's slot → its mentions over the latest note that asked for it, and where each part's mentions begin. */
export type MentionLists = Array<{ generation: number; list: Mention[]; bounds: Int32Array } | undefined>;

/**
 * How a note of a session relates to the previous one: its first `prefix` and last `suffix` parts
 * are that note's, in the same order, with sentences in the same sections. The matcher copies
 * their mentions from the previous note's lists in two slices instead of part by part.
 */
export interface NoteShare {
  generation: number;
  previous?: number;
  prefix: number;
  suffix: number;
  lists: MentionLists;
}

/** Where parsed chunks are kept between analyses (a session); keys are chunk texts and context. */
export interface ChunkStore {
  get(key: string): ChunkData | undefined;
  set(key: string, data: ChunkData): void;
  /** Told the note offsets of a chunk the store does not hold, just before it is parsed. */
  parsing?(start: number, end: number): void;
  /** The layout of the latest note parsed with this store (set by parseNote). */
  layout?: Layout;
}

/**
 * Lines that may be a table's delimiter row: only blanks, container markers (">"), pipes, colons
 * and at least one dash. The first dash splits the line without ambiguity (linear).
 */
const DELIMITER_LINE = /^[ \t>|:]*-[ \t>|:-]*$/gm;

/**
 * Whether a text may hold a GFM table: a table cannot do without its delimiter row, and a row of
 * dashes alone (no pipe, no colon) underlines a setext heading or breaks, never delimits a table.
 */
function hasDelimiterRow(text: string): boolean {
  if (!text.includes("-")) return false;
  DELIMITER_LINE.lastIndex = 0;
  for (let m = DELIMITER_LINE.exec(text); m; m = DELIMITER_LINE.exec(text)) {
    if (m[0].includes("|") || m[0].includes(":")) return true;
  }
  return false;
}

/**
 * The GFM constructs, each with what a construct of its kind cannot do without. Text is parsed
 * with the extensions it can use: the result is the same as with all of them, and text without a
 * delimiter row does not pay for tables (nor text without "[^" for footnotes, whose label scan is
 * quadratic in a paragraph's brackets). YAML front matter only for the first chunk.
 */
const GFM = [
  // In the order of remark-gfm (it decides which construct wins at a shared character).
  { needs: (s: string) => /www\.|:\/\/|@/i.test(s), syntax: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown() },
  { needs: (s: string) => s.includes("[^"), syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { needs: (s: string) => s.includes("~"), syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  { needs: hasDelimiterRow, syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  { needs: (s: string) => s.includes("["), syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
] as const;

/** What parses one source: which GFM constructs, front matter, and mdast transforms or not (bits). */
function syntax(this: Processor, key: number) {
  const data = this.data();
  const used = GFM.filter((_, i) => key & (1 << i));
  const frontMatter = (key & FRONT_MATTER) !== 0;
  data.micromarkExtensions = [...(frontMatter ? [frontmatter("yaml")] : []), ...used.map((g) => g.syntax)];
  const mdast = [...(frontMatter ? [frontmatterFromMarkdown("yaml")] : []), ...used.map((g) => g.mdast)];
  // Without the tree transforms (GFM's autolink-literal transform recurses and overflows the
  // stack on lists nested thousands deep); the links it would make keep their text in the prose.
  data.fromMarkdownExtensions = key & NO_TRANSFORMS ? mdast.map((ext) => ({ ...ext, transforms: [] })) : mdast;
}

const FRONT_MATTER = 1 << GFM.length;
const NO_TRANSFORMS = FRONT_MATTER << 1;
const parsers = new Map<number, Processor>();

function parserFor(key: number): Processor {
  let parser = parsers.get(key);
  if (!parser) parsers.set(key, (parser = unified().use(remarkParse).use(syntax, key) as unknown as Processor));
  return parser;
}

/** Which extensions a text needs (bits of GFM, and front matter). */
function syntaxKey(source: string, frontMatter: boolean): number {
  let key = frontMatter ? FRONT_MATTER : 0;
  GFM.forEach((g, i) => {
    if (g.needs(source)) key |= 1 << i;
  });
  return key;
}

/**
 * Parses with GFM, the same tree as remark-parse with all of GFM. The text is cut at the top-level
 * boundaries the chunker uses (chunks.ts) into runs that need the same extensions, each parsed with
 * those alone and the trees joined: a table costs its extension only in the run that holds it (it
 * tries every line of every paragraph). Never cut when a link or footnote definition may be
 * anywhere ("]:"): references resolve across the whole text.
 */
export function parseMarkdown(source: string, frontMatter: boolean): Root {
  if (source.includes("]:")) return parseWith(source, syntaxKey(source, frontMatter));
  const runs: Array<{ start: number; end: number; key: number }> = [];
  for (const { start, end } of splitChunks(source)) {
    const key = syntaxKey(source.slice(start, end), frontMatter && start === 0);
    const last = runs.at(-1);
    if (last && last.key === key) last.end = end;
    else runs.push({ start, end, key });
  }
  if (runs.length < 2) return parseWith(source, syntaxKey(source, frontMatter));
  const root: Root = { type: "root", children: [] };
  let line = 0;
  for (let i = 0; i < runs.length; i++) {
    const { start, end, key } = runs[i];
    const text = source.slice(start, end);
    const tree = parseWith(text, key);
    // A construct the chunker did not see open (it reaches into the run's trailing blank lines)
    // would run on into the next run: parse the whole text at once.
    const last = tree.children.at(-1);
    if (i < runs.length - 1 && reachesPastContent(text, last && (last.position?.end.offset ?? 0))) return parseWith(source, syntaxKey(source, frontMatter));
    if (start > 0) shiftPositions(tree, start, line);
    root.children.push(...tree.children);
    // Whatever else a run's parse sets on its root (GFM's task list item can mark the root as
    // checked after an empty item) is set on the joined root too, as one parse would.
    for (const [k, v] of Object.entries(tree)) if (k !== "type" && k !== "children" && k !== "position") (root as unknown as Record<string, unknown>)[k] = v;
    if (i === 0) root.position = tree.position && { start: tree.position.start, end: tree.position.end };
    else if (root.position && tree.position) root.position.end = tree.position.end;
    line += lineBreaks(text).length;
  }
  return root;
}

/** Moves every node of a tree parsed from a run that starts at `offset`, on line `line` + 1. */
function shiftPositions(tree: Root, offset: number, line: number): void {
  const stack: Tree[] = [tree as unknown as Tree];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position as { start: { offset?: number; line: number }; end: { offset?: number; line: number } } | undefined;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
      p.start.line += line;
      p.end.line += line;
    }
    if (node.children) for (const c of node.children) stack.push(c);
  }
}

/**
 * Whether the last top-level construct of a text, ending at `lastEnd` (undefined: there is none),
 * reaches into the text's trailing blank lines (an unclosed fence, HTML).
 */
function reachesPastContent(text: string, lastEnd: number | undefined): boolean {
  const n = text.length;
  let contentEnd = n;
  while (contentEnd > 0 && /[ \t\r\n]/.test(text[contentEnd - 1])) contentEnd--;
  while (contentEnd < n && (text[contentEnd] === " " || text[contentEnd] === "\t")) contentEnd++;
  return lastEnd !== undefined && contentEnd < n && lastEnd > contentEnd;
}

/** Parses with the extensions of a key; on a stack overflow (pathological nesting), without the tree transforms; else an empty tree. */
function parseWith(source: string, key: number): Root {
  try {
    return parserFor(key).parse(source) as Root;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  try {
    return parserFor(key | NO_TRANSFORMS).parse(source) as Root;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { type: "root", children: [] };
  }
}

export interface ParseOptions {
  /** Parse the whole text as one chunk (for tests that compare the chunked parse with it). */
  whole?: boolean;
  /** Smallest chunk in characters (a chunk ends at the first safe boundary past it). */
  minChunk?: number;
  /** Asked before each chunk that must be parsed (cancel.ts). */
  isCancelled?: CancelCheck;
}

/**
 * Chunks of about this many characters: small enough that an edit re-parses little and that
 * remark-parse stays linear, large enough that its fixed cost per call stays small.
 */
export const MIN_CHUNK = 2048;

/** Parses a note. Never throws for any string input. */
export function parseNote(text: string, store?: ChunkStore, options: ParseOptions = {}): Note {
  const candidates = options.whole ? [{ start: 0, end: text.length }] : splitChunks(text, options.minChunk ?? MIN_CHUNK);
  // References resolve against definitions anywhere in the document: every chunk is given them
  // all. A session first tries the previous note's (an edit rarely changes them), so that a note
  // with a link or footnote definition is not parsed twice over on every keystroke.
  const guess = store?.layout?.defs ?? "";
  let parts = parseParts(text, candidates, guess, store, options.isCancelled);
  const definitions = new Set<string>();
  for (const p of parts) for (const d of p.data.definitions) definitions.add(d);
  const defs = definitions.size && parts.length > 1 ? [...definitions].sort().join("\n\n") : "";
  if (defs !== guess) parts = parseParts(text, parts.map((p) => ({ start: p.start, end: p.start + p.data.length })), defs, store, options.isCancelled);
  const note = assemble(text, parts, store?.layout);
  if (store) {
    const share = note.share!;
    store.layout = { parts: note.parts!, sections: note.sections, length: text.length, generation: share.generation, lists: share.lists, defs };
  }
  return note;
}

/** What a chunk was parsed from: its text, whether it opens the note, the definitions given to it. */
export interface ChunkSource {
  text: string;
  first: boolean;
  defs: string;
}

/** A chunk placed in the note: where it starts, its source and what it yields. */
interface Placed {
  start: number;
  source: ChunkSource;
  data: ChunkData;
}

/**
 * The previous note's chunk with the same source, wherever it was: looked up by length and
 * compared as text (cheaper than hashing every chunk as a store key on every keystroke), first at
 * the same offset or the same distance from the end, where an edit elsewhere leaves it.
 */
type Kept = (start: number, source: ChunkSource) => ChunkData | undefined;

function keptChunks(layout: Layout | undefined, length: number): Kept | undefined {
  if (!layout) return undefined;
  const byLength = new Map<number, NotePart[]>();
  for (const part of layout.parts) {
    const list = byLength.get(part.source.text.length);
    if (list) list.push(part);
    else byLength.set(part.source.text.length, [part]);
  }
  const same = (part: NotePart, s: ChunkSource) => part.source.text === s.text && part.source.first === s.first && part.source.defs === s.defs;
  return (start, source) => {
    const list = byLength.get(source.text.length);
    if (!list) return undefined;
    const end = length - start;
    const likely = list.find((p) => p.start === start || layout.length - p.start === end);
    if (likely && same(likely, source)) return likely.data;
    return list.find((p) => p !== likely && same(p, source))?.data;
  };
}

function parseParts(text: string, spans: Span[], defs: string, store: ChunkStore | undefined, isCancelled?: CancelCheck): Placed[] {
  const parts: Placed[] = [];
  const kept = keptChunks(store?.layout, text.length);
  const place = (start: number, end: number): Placed => {
    const chunk = text.slice(start, end);
    // Definitions only matter to chunks that may hold a reference.
    const source = { text: chunk, first: start === 0, defs: defs && chunk.includes("[") ? defs : "" };
    return { start, source, data: kept?.(start, source) ?? chunkData(source, start, store, isCancelled) };
  };
  for (let i = 0; i < spans.length; i++) {
    const start = spans[i].start;
    let end = spans[i].end;
    let placed = place(start, end);
    // An unclosed construct may run on across blank lines: parse it together with what follows.
    while (placed.data.open && end < text.length && i + 1 < spans.length) {
      end = spans[++i].end;
      placed = place(start, end);
    }
    parts.push(placed);
  }
  return parts;
}

function chunkData({ text: chunk, first, defs: d }: ChunkSource, start: number, store: ChunkStore | undefined, isCancelled?: CancelCheck): ChunkData {
  const key = `${first ? "F" : "N"}${d.length}:${d}${chunk}`;
  const cached = store?.get(key);
  if (cached) return cached;
  store?.parsing?.(start, start + chunk.length);
  // Only a chunk that must be parsed is a unit of work worth a check.
  checkCancelled(isCancelled);
  const data = parseChunk(chunk, first, d);
  store?.set(key, data);
  return data;
}

type Tree = { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: Tree[]; label?: string | null };

/**
 * Parses one chunk into local offsets. `defs` are link and footnote definitions from other chunks:
 * they go after the first chunk (front matter must stay first; the first chunk never ends in an
 * unclosed construct unless it is the whole note) and before any other chunk (a chunk may end in
 * an unclosed construct that would swallow what follows it).
 */
export function parseChunk(text: string, first: boolean, defs = ""): ChunkData {
  const before = defs && !first ? `${defs}\n\n` : "";
  // Lines past a limit never reach the parser (bounds.ts): they are read below, as plain text or not at all.
  const frontMatter = first ? frontMatterEnd(text) : 0;
  const bounded = bound(text, frontMatter);
  const safe = defuse(bounded.source);
  const source = defs ? (first ? `${safe}\n\n${defs}\n` : before + safe) : safe;
  const shift = before.length;
  // Front matter only when it is closed (remark-frontmatter reads an unclosed "---" oddly).
  const tree = parseMarkdown(source, frontMatter > 0);
  const n = text.length;
  const m = bounded.source.length;
  const blocks: Array<{ start: number; end: number; kind: BlockKind; listItem: boolean }> = [];
  const comments: Span[] = [];
  const definitions: string[] = [];
  // Copied ranges of the source (text, inline code, table cell delimiters), in any order.
  const copies: number[] = [];

  const spanOf = (node: Tree): Span | undefined => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (s === undefined || e === undefined || s - shift >= m || s < shift) return undefined;
    return { start: bounded.toStart(s - shift), end: Math.min(bounded.toEnd(e - shift), n) };
  };

  // Iterative walk (notes can nest thousands deep): blocks keep their kind, inline text is copied.
  const stack: Array<{ node: Tree; inList: boolean; inline: boolean }> = [];
  const pushChildren = (children: Tree[], inList: boolean, inline: boolean) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inList, inline });
  };
  pushChildren(tree.children as Tree[], false, false);
  while (stack.length) {
    cancelPoint();
    const { node, inList, inline } = stack.pop()!;
    const span = spanOf(node);
    if (!span) continue;
    if (node.type === "text" || node.type === "inlineCode") {
      copies.push(span.start, span.end);
      continue;
    }
    if (node.type === "html") {
      comments.push(span);
      continue;
    }
    if (inline) {
      if (node.children) pushChildren(node.children, inList, true);
      continue;
    }
    switch (node.type) {
      case "paragraph":
      case "heading":
        blocks.push({ ...span, kind: node.type, listItem: inList });
        pushChildren(node.children ?? [], inList, true);
        break;
      case "table":
        for (const row of node.children ?? []) {
          const rowSpan = spanOf(row);
          if (!rowSpan) continue;
          for (const cell of row.children ?? []) {
            pushChildren(cell.children ?? [], false, true);
            // Cell boundaries end clauses: keep the delimiters around each cell.
            const cellSpan = spanOf(cell);
            if (cellSpan && text[cellSpan.end] === "|") copies.push(cellSpan.end, cellSpan.end + 1);
            if (cellSpan && text[cellSpan.start] === "|") copies.push(cellSpan.start, cellSpan.start + 1);
          }
          blocks.push({ ...rowSpan, kind: "row", listItem: false });
        }
        break;
      case "definition":
        if (node.label != null) definitions.push(detached(`[${node.label}]: #`));
        break;
      case "footnoteDefinition":
        if (node.label != null) definitions.push(detached(`[^${node.label}]: x`));
        if (node.children) pushChildren(node.children, inList, false);
        break;
      case "code":
      case "thematicBreak":
      case "yaml":
        break;
      default:
        if (node.children) pushChildren(node.children, inList || node.type === "listItem", false);
    }
  }

  // Plain ranges: every line one paragraph, its text as it is.
  for (const r of bounded.ranges) {
    if (r.mode !== "plain") continue;
    for (const line of plainLines(text, r)) {
      blocks.push({ start: line.start, end: line.end, kind: "paragraph", listItem: false });
      copies.push(line.start, line.end);
    }
  }
  blocks.sort((a, b) => a.start - b.start);
  const prose = buildProse(text, copies);
  const lines = new LineIndex(text);
  const labels = findLabels(prose, lines, blocks, text);
  const sentences = splitSentences(prose, blocks);

  // Does the chunk's last top-level construct (not one of the definitions given to it) stay open?
  const last = (tree.children as Tree[]).filter((c) => spanOf(c) !== undefined).at(-1);
  const open = reachesPastContent(text, last && bounded.toEnd((last.position?.end.offset ?? 0) - shift));

  const data: ChunkData = { length: n, prose, blocks, comments, sentences, labels, definitions, open, memo: {} };
  recordBounds(data, bounded.ranges);
  return data;
}

/**
 * A copy of a string that holds no reference to the text it was cut from. A label the parser cut
 * from a chunk would otherwise keep that whole version of the note alive as long as the chunk.
 */
function detached(s: string): string {
  return s.split("").join("");
}

/** The prose copy: every character blanked to a space (line endings kept) but the copied ranges. */
function buildProse(text: string, copies: number[]): string {
  const blank = text.replace(/[^\r\n]/g, " ");
  if (!copies.length) return blank;
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < copies.length; i += 2) ranges.push([copies[i], copies[i + 1]]);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let pos = 0;
  for (const [s, e] of ranges) {
    const from = Math.max(s, pos);
    if (e <= from) continue;
    out.push(blank.slice(pos, from), text.slice(from, e));
    pos = e;
  }
  out.push(blank.slice(pos));
  return showTaskBoxes(text, out.join(""));
}

/** A GFM task list item's box: "- [ ] ", "1. [x] " (the parser keeps it out of the text nodes). */
const TASK_BOX = /^([ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(\[[ xX]\])(?=[ \t]+\S)/gm;

/**
 * The prose keeps a task item's box ("[ ]" unchecked, "[x]" checked) where the item's text was
 * kept: an unchecked box is read like one written in running text (context.ts), not as a finding.
 */
function showTaskBoxes(text: string, prose: string): string {
  if (!text.includes("[")) return prose;
  let out: string[] | undefined;
  let pos = 0;
  TASK_BOX.lastIndex = 0;
  for (let m = TASK_BOX.exec(text); m; m = TASK_BOX.exec(text)) {
    const at = m.index + m[1].length;
    // Only where the box was blanked and the item's text was kept (not inside code).
    let after = at + 3;
    while (after < text.length && (text[after] === " " || text[after] === "\t")) after++;
    if (prose.slice(at, at + 3) !== "   " || prose[after] === " " || prose[after] === undefined) continue;
    (out ??= []).push(prose.slice(pos, at), m[2]);
    pos = at + 3;
  }
  if (!out) return prose;
  out.push(prose.slice(pos));
  return out.join("");
}

/**
 * Builds the note from its chunks: global blocks, sections, sentences. With the previous note's
 * layout (a session), the part of a chunk that note held is moved to the chunk's new place.
 */
function assemble(text: string, placed: Placed[], previous?: Layout): Note {
  const pool = new Map<ChunkData, NotePart[]>();
  for (const part of previous?.parts ?? []) {
    const list = pool.get(part.data);
    if (list) list.push(part);
    else pool.set(part.data, [part]);
  }
  const proseParts: string[] = [];
  const blocks: Block[] = [];
  const comments: Span[] = [];
  const starts: Array<{ kind: SectionKind; label: Span }> = [];
  const parts: NotePart[] = [];
  let sentenceCount = 0;
  for (const { start: off, source, data: d } of placed) {
    const part = takePart(pool, d, off) ?? newPart(d, off, source);
    part.source = source;
    moveTo(part, off, sentenceCount);
    parts.push(part);
    sentenceCount += part.sentences.length;
    proseParts.push(d.prose);
    for (const block of part.blocks) blocks.push(block);
    for (const c of d.comments) comments.push({ start: c.start + off, end: c.end + off });
    for (const l of part.labels) starts.push(l);
  }
  const prose = proseParts.length === 1 ? proseParts[0] : proseParts.join("");
  const kinds = previous?.sections.map((s) => s.kind) ?? [];
  const sections = buildSections(prose, starts, blocks, previous?.sections);
  const rekinded = new Set(sections.filter((s, i) => i < kinds.length && s.kind !== kinds[i]));
  const sentences: Sentence[] = [];
  const resectioned = new Set<NotePart>();
  let si = 0;
  for (const part of parts) {
    let changed = false;
    for (const sentence of part.sentences) {
      while (si + 1 < sections.length && sections[si + 1].start <= sentence.start) si++;
      const section = sections[si];
      if (sentence.section !== section || (rekinded.size && rekinded.has(section))) changed = true;
      sentence.section = section;
      sentences.push(sentence);
    }
    if (changed) {
      part.sectionEpoch++;
      resectioned.add(part);
    }
  }
  // Line starts from each chunk's own (kept with the chunk; a chunk starts at a line's start).
  const lineStarts = [0];
  for (const part of parts) for (const at of chunkDerived(part.data, chunkLineBreaks)) lineStarts.push(at + part.start);
  const note: Note = { text, prose, lines: new LineIndex(text, lineStarts), sections, blocks, sentences, comments, parts };
  if (previous) {
    // The previous note's parts kept at both ends (moved or not), their sentences in the same sections.
    const before = previous.parts;
    const same = (i: number, j: number) => parts[i] === before[j] && !resectioned.has(parts[i]);
    let prefix = 0;
    while (prefix < parts.length && prefix < before.length && same(prefix, prefix)) prefix++;
    let suffix = 0;
    const most = Math.min(parts.length, before.length) - prefix;
    while (suffix < most && same(parts.length - 1 - suffix, before.length - 1 - suffix)) suffix++;
    // Only the previous note's lists can be copied from: older ones are let go (they hold parts this note dropped).
    const lists: MentionLists = previous.lists.map((kept) => (kept?.generation === previous.generation ? kept : undefined));
    note.share = { generation: previous.generation + 1, previous: previous.generation, prefix, suffix, lists };
  } else note.share = { generation: 1, prefix: 0, suffix: 0, lists: [] };
  return note;
}

/** A chunk's line breaks (its prose keeps every line ending of its text). */
const chunkLineBreaks = (prose: string): number[] => lineBreaks(prose);

/** The previous note's part for this chunk: the one at the same offset, else the first. */
function takePart(pool: Map<ChunkData, NotePart[]>, data: ChunkData, start: number): NotePart | undefined {
  const list = pool.get(data);
  if (!list?.length) return undefined;
  const i = Math.max(0, list.findIndex((p) => p.start === start));
  return list.splice(i, 1)[0];
}

/** A part for a chunk no previous note held (sections are set when the note is assembled). */
function newPart(data: ChunkData, start: number, source: ChunkSource): NotePart {
  const blocks: Block[] = data.blocks.map((b) => ({ start: b.start + start, end: b.end + start, kind: b.kind, listItem: b.listItem }));
  const sentences: Sentence[] = data.sentences.map((s, i) => ({
    start: s.start + start,
    end: s.end + start,
    index: i,
    block: blocks[s.block],
    section: undefined as unknown as Section,
  }));
  const labels = data.labels.map((l) => ({ kind: l.kind, label: { start: l.label.start + start, end: l.label.end + start } }));
  return { start, source, data, blocks, sentences, labels, mentions: [], sectionEpoch: 0, mendedEpoch: 0 };
}

/** Moves a part's objects to its chunk's offset and its sentences to their place in the note. */
function moveTo(part: NotePart, start: number, sentenceBase: number): void {
  const delta = start - part.start;
  if (delta !== 0) {
    for (const b of part.blocks) {
      b.start += delta;
      b.end += delta;
    }
    for (const s of part.sentences) {
      s.start += delta;
      s.end += delta;
    }
    for (const { label } of part.labels) {
      label.start += delta;
      label.end += delta;
    }
    for (const list of part.mentions) {
      if (!list) continue;
      for (const m of list) {
        m.start += delta;
        m.end += delta;
      }
    }
    part.start = start;
  }
  // The sentences' indices run on from the first one's: renumbered only when that one moved.
  if (part.sentences.length && part.sentences[0].index !== sentenceBase) {
    part.sentences.forEach((s, i) => (s.index = sentenceBase + i));
  }
}

// ---------------------------------------------------------------------------------------------
// Sections: headings, "Label:" lines and all-caps label lines.

const SECTION_KEYWORDS: Array<[SectionKind, RegExp]> = [
  ["subjective", /\b(hpi|history of (the )?present illness|interval (history|hx|update)|(history|hx) since (the )?last (visit|exam))\b|^interval$/i],
  [
    "plan",
    /\b(plan|request(s|ed)? for authori[sz]ation|rfa|recommendations?|disposition|orders|ordered|requests?|requested|a ?[/&] ?p)\b|^p$/i,
  ],
  ["medications", /\b(med(s|ications?)|current meds|prescriptions|rx)\b/i],
  ["assessment", /\b(assessments?|impressions?|diagnos[ie]s|dx)\b|^a$/i],
  ["exam", /\b(objective|exam(ination)?|physical exam(ination)?|pe|findings)\b|^o$/i],
  ["ros", /\b(ros|review of systems)\b/i],
  [
    "history",
    /\b(history|hx|pmh|psh|(treatments?|tx|therap(y|ies)|modalities|care) (to date|so far|tried)|prior (care|treatment)|records? (reviewed|review)|prior notes|previous treatment)\b/i,
  ],
  ["subjective", /\b(subjective|chief complaints?|cc|complaints?|symptoms)\b|^s$/i],
];

/**
 * "History" alone, or the history of today ("Current history", "History (today)"), is the present
 * illness, not past history: a history section reads every mention in it as past.
 */
const CURRENT_HISTORY = /^(?:(?:current|present|recent|today's)\s+)?(?:history|hx)(?:\s*(?:\(\s*)?(?:today|current|this visit)\s*\)?)?$/i;

const PAST_MEDICATIONS = /\b(?:past|prior|previous|former|discontinued|failed|tried|old)\s+(?:med(?:s|ications?)|rx|prescriptions|drugs)\b/i;

/** Header fields, not sections: "RFA date:", "Date of exam:", "RFA type:", "Claim #:". */
const FIELD_LABEL = /\b(?:(?<!to )date|dated|type|number|no)\b|#/i;

export function classifyLabel(label: string): SectionKind | undefined {
  const clean = label.replace(/[*_#`]/g, " ").replace(/\s+/g, " ").trim();
  if (!clean) return undefined;
  if (CURRENT_HISTORY.test(clean)) return "subjective";
  // "Past medications", "Failed medications", "Prior meds": a history of drugs, not the current list.
  if (PAST_MEDICATIONS.test(clean)) return "history";
  // "Rx:" heads what is prescribed today (the plan), "Current Rx" the medication list.
  if (/^rx\.?$/i.test(clean)) return "plan";
  for (const [kind, re] of SECTION_KEYWORDS) if (re.test(clean)) return kind;
  return undefined;
}

/** A label at the start of a line: "Plan:", "S:", "Hx / tx so far:". */
const LABEL_COLON = /^[ \t]*([A-Za-z][A-Za-z0-9 /&().,#-]{0,60}?)[ \t]*:(?!\d)/;

/**
 * The phrases a label line is made of when it carries no colon ("**Plan**", "Orders / RFA",
 * "Plan." as a run-in heading, "PHYSICAL EXAM — LUMBAR"): a line that is only label words is a
 * label; a sentence that merely holds one ("Continue current medications.") is not.
 */
const LABEL_PHRASE =
  "(?:(?:treatment|care|management) )?plans?(?: of care)?|a ?[/&] ?p|assessments?(?: (?:and|&) plan)?|(?:request(?:s|ed)?|rfa)(?: for authori[sz]ation)?|(?:requested )?(?:treatments?|services?)(?: requested)?|orders?|(?:(?:procedures?|treatments?|services?|tests?|studies|imaging) )?ordered(?: today)?|recommendations?|disposition|(?:current |active )?(?:med(?:ication)?s|medication list|prescriptions|rx)|medication reconciliation|impressions?|diagnos[ie]s|dx|(?:physical )?exam(?:ination)?|objective(?: findings)?|(?:functional )?(?:findings|measures)|pe|review of systems|ros|(?:(?:past|prior|previous|medical|surgical|social|family|work|treatment|injection|procedure|current|interval) )*(?:history|hx)(?: since (?:the )?last (?:visit|exam))?|interval(?: update)?|hpi|history of (?:the )?present illness|subjective(?: complaints?)?|chief complaints?|cc|complaints?|records? reviewed|prior (?:care|treatment)|treatment (?:to date|so far)";
const LABEL_LINE = new RegExp(`^(?:${LABEL_PHRASE})(?: ?(?:/|&|and|,) ?(?:${LABEL_PHRASE}))*$`, "i");
/** Longer than this, a line is no label (label phrases are short; the checks stay linear). */
const LABEL_LINE_MAX = 80;

/**
 * Whether a phrase (markup already blanked) is a label of label words only. A spaced dash may
 * qualify it ("PHYSICAL EXAM — LUMBAR") and a parenthesis may follow it ("Plan (RFA items)").
 */
function labelLineKind(phrase: string): SectionKind | undefined {
  let head = phrase.trim();
  if (head.length > LABEL_LINE_MAX) return undefined;
  head = head.replace(/\s+/g, " ");
  const dash = /\s(?:—|–|--?)\s/.exec(head);
  if (dash && head.length - dash.index - dash[0].length <= 40) head = head.slice(0, dash.index);
  head = head.replace(/(?<!\s)\s*\([^()]{0,60}\)\s*$/, "").replace(/(?<![\s:.])[\s:.]+$/, "");
  if (!head || !LABEL_LINE.test(head)) return undefined;
  return classifyLabel(head);
}

/** A line of capitals: "DIAGNOSES", "PLAN / RFA", "OBJECTIVE / FUNCTIONAL MEASURES (today)". Read by hand: linear on any line. */
function capitalsLine(content: string): string | undefined {
  let s = 0;
  let e = content.length;
  while (s < e && (content[s] === " " || content[s] === "\t")) s++;
  while (e > s && (content[e - 1] === " " || content[e - 1] === "\t")) e--;
  if (e - s > LABEL_LINE_MAX + 60) return undefined;
  let line = content.slice(s, e);
  // A trailing parenthesis in any case ("PLAN / REQUEST FOR AUTHORIZATION (items on page 1)").
  line = line.replace(/(?<!\s)\s*\([^()]{0,80}\)$/, "");
  if (line.endsWith(":")) line = line.slice(0, -1).trimEnd();
  if (line.length < 3 || line.length > LABEL_LINE_MAX || !/^[A-Z][A-Z0-9 /&().,-]+$/.test(line) || !/[A-Z]{3}/.test(line)) return undefined;
  return line;
}

/** A field of the header ("RFA date: 04/20/2026", "RFA submitted: 05/02/2026"), not a section label. */
function isField(label: string, rest: string): boolean {
  if (FIELD_LABEL.test(label)) return true;
  const r = rest.trim();
  return r.length > 0 && /^\d{1,4}[/-]\d{1,2}(?:[/-]\d{2,4})?\b/.test(r) && r.length <= 40;
}

/** The section labels in one chunk's blocks (local offsets). */
function findLabels(
  prose: string,
  lines: LineIndex,
  blocks: ReadonlyArray<{ start: number; end: number; kind: BlockKind; listItem?: boolean }>,
  text: string = prose,
): Array<{ kind: SectionKind; label: Span }> {
  const starts: Array<{ kind: SectionKind; label: Span }> = [];
  for (const block of blocks) {
    if (block.kind === "row") continue;
    const first = lines.position(block.start).line;
    for (const { line, start: ls, end: le } of blockLines(lines, block)) {
      const content = prose.slice(ls, le);
      if (block.kind === "heading" && line === first) {
        // A heading's dated line, also when rule lines stand around it in the heading itself
        // ("=====" / date / "=====" parses as one setext heading): a visit separator.
        const dated = datedHeadingLine(prose, lines, block);
        if (dated) {
          starts.push({ kind: DATED_RULE_KIND, label: dated });
          break;
        }
        const kind = FIELD_LABEL.test(content.replace(/(?<!\s)\s*\([^()]*\)\s*$/, "")) && !labelLineKind(content) ? undefined : classifyLabel(content);
        // An unknown heading before any section (the report title) stays in the header; the
        // chunk cannot know whether a section came before, so "unknown" is resolved when assembling.
        starts.push({ kind: kind ?? UNKNOWN_HEADING, label: { start: ls, end: le } });
        break;
      }
      // A dated visit line of a case file ("--- 10/06/2015 ---", "**DOS 04/14/2026**") ends the
      // previous visit's sections (visits.ts starts a visit there).
      if (!block.listItem && datedHeading(content)) {
        starts.push({ kind: ruled(text, lines, line, ls, le) ? DATED_RULE_KIND : DATED_HEADING_KIND, label: { start: ls, end: le } });
        continue;
      }
      const label = lineLabel(content);
      if (label) starts.push({ kind: label.kind, label: { start: ls, end: ls + label.end } });
      else if (line === first && !block.listItem) {
        // A label in capitals of no known kind opening a paragraph ("PAIN:", "BASELINE FUNCTION:",
        // "UDS (POC) TODAY:"): it ends a history section before it (buildSections).
        const end = capitalsLabelEnd(content);
        if (end !== undefined) starts.push({ kind: CAPS_LABEL_KIND, label: { start: ls, end: ls + end } });
      }
    }
  }
  return starts;
}

/** The label a line opens with, if any: its kind and where it ends in the line. */
function lineLabel(content: string): { kind: SectionKind; end: number } | undefined {
  const colon = LABEL_COLON.exec(content);
  if (colon) {
    const name = colon[1].replace(/(?<!\s)\s*\([^()]*\)\s*$/, "").trim();
    const words = name.split(/\s+/).length;
    const kind = words <= 5 ? classifyLabel(name) : undefined;
    if (kind && !isField(name, content.slice(colon[0].length))) return { kind, end: colon[0].length };
  }
  // The whole line is a label ("**Plan**", "Orders / RFA", "Plan.", "PHYSICAL EXAM — LUMBAR").
  const whole = labelLineKind(content);
  if (whole) return { kind: whole, end: content.length };
  // A run-in heading ending in a period: "Plan. Refill ...", "**Plan / RFA.** TPI x2".
  const runIn = RUN_IN.exec(content);
  if (runIn) {
    const kind = labelLineKind(runIn[1]);
    if (kind) return { kind, end: runIn[0].length };
  }
  // Dictated, the run-in label ends in a comma: "Plan, I think a course of ...", "Assessment, lumbar strain".
  const spoken = RUN_IN_COMMA.exec(content);
  if (spoken && spoken[1].trim().split(/\s+/).length <= 3) {
    const kind = labelLineKind(spoken[1]);
    if (kind) return { kind, end: spoken[0].length };
  }
  const caps = capitalsLine(content);
  if (caps && !isField(caps, "")) {
    // A sentence in capitals ("CONTINUE CURRENT MEDICATIONS.") is no label; a short line of capitals
    // holding a section word is ("OBJECTIVE / FUNCTIONAL MEASURES"); a long one is a title.
    if (caps.endsWith(".")) return undefined;
    const words = caps.split(/[\s/&,]+/).filter(Boolean).length;
    const kind = labelLineKind(caps) ?? (words <= 4 ? classifyLabel(caps) : undefined);
    if (kind) return { kind, end: content.length };
  }
  return undefined;
}

/** A date as case files head their visits: 07/12/2015, 2015-07-12, Jan 13, 2026, 13 Jan 2026. */
const HEADING_DATE = "(?:\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|[A-Za-z]{3,9}\\.? \\d{1,2},? \\d{4}|\\d{1,2} [A-Za-z]{3,9}\\.? \\d{4})";
/** Words that may name the visit before its date ("Visit 3 —", "DOS", "Follow-up visit"). */
const VISIT_PREFIX =
  "(?:(?:office |follow-?up |f/u |clinic |return )?visit(?: date)?|encounter|dos|d\\.o\\.s\\.|date of service|date of visit|progress note|pr-2|re-?exam|follow-?up|f/u)(?: #? ?\\d{1,2})?";
/** Words that may follow it ("Initial evaluation", "(current)", "— this visit"). */
const VISIT_SUFFIX =
  "(?:initial|evaluation|eval|follow-?up|f/u|re-?exam(?:ination)?|re-?evaluation|visit|current|this|today|progress|note|report|pr-2|office|consult(?:ation)?|recheck|telehealth|new|final|p&s|latest|most recent)";
/** A report's title before the visit's label ("PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2) — DOS 07/07/2014"). */
const REPORT_TITLE =
  "(?:(?:(?:primary )?treating physician'?s?|ptp|physician'?s?) )?(?:progress )?(?:report|note)(?: \\(pr-?2\\))?|pr-?2(?: (?:progress )?(?:report|note))?";
/** Where a report's title may open a dated heading (tried only then: most lines open otherwise). */
const TITLE_START = /^(?:primary|treating|ptp|physician|progress|report|note|pr-?2)\b/i;
/** A visit's label (optional), its date and the words after it, to the end of the line. */
const VISIT_HEADING = `(?:${VISIT_PREFIX}[ ]?[-—–:,.]*[ ]?)?${HEADING_DATE}(?:[ ]?[-—–:,]?[ ]?\\(?${VISIT_SUFFIX}(?: ${VISIT_SUFFIX}){0,2}\\)?){0,3}$`;
const TITLED_HEADING = new RegExp(`^(?:${REPORT_TITLE})[ ]?[-—–:,.]*[ ]?${VISIT_HEADING}`, "i");
const DATED_HEADING = new RegExp(`^${VISIT_HEADING}`, "i");

/**
 * Whether a line heads a visit of a case file: a date alone, or with words that name the visit,
 * between any decoration ("--- 10/06/2015 ---", "=== Visit 07/08/2014 ===", "## Visit 3 — 07/12/2015",
 * "**DOS 04/14/2026**", "### Jan 13, 2026", "03/17/2015 (current visit)"). Never a sentence that
 * holds a date ("01/05/2016: PT started").
 */
export function datedHeading(line: string): boolean {
  // A case file repeats its headings visit after visit: each line is read once.
  if (line.length > 200) return readDatedHeading(line);
  let known = datedHeadings.get(line);
  if (known === undefined) {
    known = readDatedHeading(line);
    if (datedHeadings.size >= 20_000) datedHeadings.clear();
    // The key copied through JSON: a line sliced from a note would keep that whole note alive.
    datedHeadings.set(line.length > 12 ? (JSON.parse(JSON.stringify(line)) as string) : line, known);
  }
  return known;
}

const datedHeadings = new Map<string, boolean>();

function readDatedHeading(line: string): boolean {
  let s = 0;
  let e = line.length;
  const decoration = (c: string) => c === " " || c === "\t" || c === "-" || c === "=" || c === "*" || c === "_" || c === "#" || c === "~" || c === "|";
  while (s < e && decoration(line[s])) s++;
  while (e > s && decoration(line[e - 1])) e--;
  if (e - s < 6 || e - s > 80 || !/\d/.test(line.slice(s, e))) return false;
  const text = line.slice(s, e).replace(/\s+/g, " ");
  // "Date of service: 04/14/2026" is the header's field (visits.ts reads it with its section).
  if (/^(?:dos|d\.o\.s\.|date of (?:service|visit)|visit date) ?:/i.test(text)) return false;
  return DATED_HEADING.test(text) || (TITLE_START.test(text) && TITLED_HEADING.test(text));
}

/** A short phrase at the start of a line closed by a period and followed by text ("Plan. TPI x2"). */
const RUN_IN = /^[ \t]*([A-Za-z][A-Za-z /&-]{0,40}?)\.[ \t]+(?=\S)/;

/** A line of rule characters only ("=====", "- - - -", "~~~~"): a separator drawn in plain text. */
const RULE_LINE = /^[ \t]*(?:[-=~_*#][ \t]*){3,}$/;
/** Whether rule characters stand around a line's text ("==== 01/12/2016 ====", "--- 03/01/2016 ---"): two at its start or end. Read by hand: linear. */
function ruleAround(line: string): boolean {
  const rule = (c: string | undefined) => c === "-" || c === "=" || c === "~" || c === "_" || c === "*" || c === "#";
  let s = 0;
  let e = line.length;
  while (s < e && (line[s] === " " || line[s] === "\t")) s++;
  while (e > s && (line[e - 1] === " " || line[e - 1] === "\t")) e--;
  return (rule(line[s]) && rule(line[s + 1])) || (e - s >= 2 && rule(line[e - 1]) && rule(line[e - 2]));
}

/**
 * Whether a dated line is drawn as a separator: rule characters around its text in the source,
 * or a rule line right above or below it (blank lines between allowed). A thematic break is
 * blank in the prose, so the chunk's source text is read.
 */
function ruled(text: string, lines: LineIndex, line: number, ls: number, le: number): boolean {
  if (ruleAround(text.slice(ls, le))) return true;
  for (const step of [-1, 1]) {
    for (let l = line + step, seen = 0; l >= 1 && l <= lines.lineCount && seen < 3; l += step, seen++) {
      const s = text.slice(lines.lineStart(l), lines.lineEnd(l));
      if (RULE_LINE.test(s)) return true;
      if (/\S/.test(s)) break;
    }
  }
  return false;
}

/** The dated line of a heading block whose other lines are rules or blank, if it has one. */
function datedHeadingLine(prose: string, lines: LineIndex, block: Span): Span | undefined {
  let found: Span | undefined;
  for (const { start, end } of blockLines(lines, block)) {
    const content = prose.slice(start, end);
    if (!/\S/.test(content) || RULE_LINE.test(content)) continue;
    if (found || !datedHeading(content)) return undefined;
    found = { start, end };
  }
  return found;
}

/**
 * Marks a dated visit line drawn as a separator (a heading, or rule characters around it or next
 * to it): it opens a visit even where a history section came before, since no record a history
 * lists is drawn that way.
 */
const DATED_RULE_KIND = "dated-rule" as SectionKind;

/**
 * Where a label in capitals ends ("PAIN:", "PSYCH/RISK SCREEN:", "GOALS (agreed w/ pt):"): a name of
 * at most five words, its letters capitals outside a trailing parenthesis, one word of three
 * letters or more, then a colon; never a header field ("DOS: 03/16/2015", "CLAIM #:").
 */
function capitalsLabelEnd(content: string): number | undefined {
  const colon = LABEL_COLON.exec(content);
  if (!colon) return undefined;
  const raw = colon[1].trim();
  const name = raw.replace(/(?<!\s)\s*\([^()]*\)\s*$/, "").trim();
  if (!name || name.split(/\s+/).length > 5 || !/^[A-Z][A-Z0-9 /&.,-]*$/.test(name) || !/[A-Z]{3}/.test(name)) return undefined;
  if (isField(name, content.slice(colon[0].length))) return undefined;
  return colon[0].length;
}

/** Marks a label in capitals of no known kind: it ends a history section ("other" from there), else nothing. */
const CAPS_LABEL_KIND = "caps-label" as SectionKind;

/** A run-in label closed by a comma, as dictation writes it ("Plan, ..."); only label words before it. */
const RUN_IN_COMMA = /^[ \t]*([A-Za-z][A-Za-z /&-]{0,30}?),[ \t]+(?=\S)/;

/** Marks a heading of no known kind: "other" after a section, ignored before the first one. */
const UNKNOWN_HEADING = "unknown-heading" as SectionKind;

/**
 * Marks a dated visit heading: it ends the section before it ("other" from there, where visits.ts
 * starts a visit), except inside a history section, where dated lines are the records it lists.
 */
const DATED_HEADING_KIND = "dated-heading" as SectionKind;

function buildSections(prose: string, labels: Array<{ kind: SectionKind; label: Span }>, blocks: Block[], previous: Section[] = []): Section[] {
  const starts: Array<{ kind: SectionKind; label: Span }> = [];
  for (const l of labels) {
    if (l.kind === DATED_RULE_KIND) starts.push({ kind: "other", label: l.label });
    else if (l.kind === CAPS_LABEL_KIND) {
      // A history section ends at the next label that is not history's own.
      if (starts.at(-1)?.kind === "history") starts.push({ kind: "other", label: l.label });
    }
    else if (l.kind === DATED_HEADING_KIND) {
      if (starts.at(-1)?.kind !== "history") starts.push({ kind: "other", label: l.label });
    } else if (l.kind !== UNKNOWN_HEADING) starts.push(l);
    else if (starts.length) starts.push({ kind: "other", label: l.label });
  }
  const sections: Section[] = [];
  // The previous note's section objects are reused by position (the sentences refer to them).
  const add = (kind: SectionKind, start: number, end: number, label: Span) => {
    const section = previous[sections.length];
    if (!section) sections.push({ kind, start, end, label, contentEnd: label.end });
    else {
      section.kind = kind;
      section.start = start;
      section.end = end;
      section.label = label;
      section.contentEnd = label.end;
      sections.push(section);
    }
  };
  const firstStart = starts.length ? starts[0].label.start : prose.length;
  add("header", 0, firstStart, { start: 0, end: 0 });
  starts.forEach((s, i) => add(s.kind, s.label.start, i + 1 < starts.length ? starts[i + 1].label.start : prose.length, s.label));
  // The end of each section's last block (one pass: blocks and sections are both sorted).
  const ends = sections.map((s) => s.label.end);
  let si = 0;
  for (const block of blocks) {
    while (si < sections.length && block.start >= sections[si].end) si++;
    if (si >= sections.length) break;
    const section = sections[si];
    if (block.start >= section.start) ends[si] = Math.max(ends[si], Math.min(block.end, section.end));
  }
  sections.forEach((section, i) => {
    let contentEnd = ends[i];
    // Trim trailing line endings and blanks.
    while (contentEnd > section.label.end && /\s/.test(prose[contentEnd - 1])) contentEnd--;
    section.contentEnd = contentEnd;
  });
  return sections;
}

const derivedByNote = new WeakMap<Note, Map<object, unknown>>();

/**
 * What `derive` reads from prose alone (the dates), computed chunk by chunk, kept with each chunk
 * (chunkDerived) and shifted to the note's offsets: a session re-derives only the chunks an edit
 * touched. `derive` must read nothing across a blank line (chunks end at blank lines), and be the
 * same function on every call: it is the cache key.
 */
export function perChunk<T extends Span>(note: Note, derive: (prose: string) => T[]): T[] {
  readDerived(derive);
  let byNote = derivedByNote.get(note);
  if (!byNote) derivedByNote.set(note, (byNote = new Map()));
  const cached = byNote.get(derive) as T[] | undefined;
  if (cached) return cached;
  let out: T[];
  if (!note.parts) out = derive(note.prose);
  else {
    out = [];
    for (const part of note.parts) {
      const local = chunkDerived(part.data, derive);
      for (const item of local) out.push({ ...item, start: item.start + part.start, end: item.end + part.start });
    }
  }
  byNote.set(derive, out);
  return out;
}

const readingsBySentence = new WeakMap<Sentence, Map<object, unknown>>();

/**
 * What `read` finds in a sentence's text, kept with the sentence: a session moves a sentence with
 * its chunk, so a keystroke reads again only the sentences it touched. `read` must depend on the
 * text alone and be the same function on every call (it is the cache key).
 */
export function sentenceReading<T>(note: Note, sentence: Sentence, read: (text: string) => T): T {
  let byRead = readingsBySentence.get(sentence);
  if (!byRead) readingsBySentence.set(sentence, (byRead = new Map()));
  if (byRead.has(read)) return byRead.get(read) as T;
  const value = read(note.prose.slice(sentence.start, sentence.end));
  byRead.set(read, value);
  return value;
}

/**
 * What `derive` reads from one chunk (its prose, blocks and labels), in the chunk's offsets, kept
 * with the chunk: every note holding the chunk shares it (callers never change it).
 */
export function chunkDerived<T>(data: ChunkData, derive: (prose: string, data: ChunkData) => T[]): T[] {
  const memo = (data.memo.derived ??= new Map());
  let local = memo.get(derive) as T[] | undefined;
  if (!local) memo.set(derive, (local = derive(data.prose, data)));
  return local;
}

export function sectionAt(sections: Section[], offset: number): Section {
  return sections[Math.max(0, lastStartingAt(sections, offset))];
}

// ---------------------------------------------------------------------------------------------
// Sentences: split at . ! ? followed by space (not decimals or abbreviations), ; and line ends.

const TITLES = /\b(?:dr|mr|mrs|ms|prof)$/i;
const ABBREVIATIONS = /(?:\b(?:dr|mr|mrs|ms|vs|etc|approx|e\.g|i\.e|no|st|jr|sr|pt|hx|tx|dx|rx|fx|sx|yo|y\/o|p|pp|ch|sec|inc|min|max|wk|wks|mo|mos|yr|yrs|bilat|lt|rt|l|r|a|b|c|d)|\d)$/i;

function splitSentences(
  prose: string,
  blocks: ReadonlyArray<{ start: number; end: number; kind: BlockKind }>,
): Array<{ start: number; end: number; block: number }> {
  const out: Array<{ start: number; end: number; block: number }> = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    let start = block.start;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(prose[s])) s++;
      while (e > s && /\s/.test(prose[e - 1])) e--;
      if (e > s) {
        // A label line ("Plan / RFA 9-9-2015:") starts a new section mid-block: the section is
        // attributed by the sentence's start when the note is assembled.
        out.push({ start: s, end: e, block: bi });
      }
      start = end;
    };
    for (let i = block.start; i < block.end; i++) {
      const c = prose[i];
      if (c === "\n" || c === "\r") {
        if (block.kind !== "row") push(i + 1);
        continue;
      }
      if (c === ";" || c === "!" || c === "?") {
        if (c === "?" && i > block.start && /\w/.test(prose[i - 1]) && !/\s/.test(prose[i + 1] ?? " ")) continue;
        push(i + 1);
        continue;
      }
      if (c === ".") {
        const next = prose[i + 1] ?? " ";
        if (!/\s/.test(next)) continue;
        const before = prose.slice(Math.max(block.start, i - 8), i);
        if (TITLES.test(before)) continue;
        if (ABBREVIATIONS.test(before) && /[a-z0-9]/.test(lookNextWord(prose, i + 1, block.end))) continue;
        push(i + 1);
      }
    }
    push(block.end);
  }
  return out;
}

function lookNextWord(prose: string, from: number, end: number): string {
  let i = from;
  while (i < end && /\s/.test(prose[i])) i++;
  return prose[i] ?? "";
}

export function sentenceAt(note: Note, offset: number): Sentence | undefined {
  const i = spanIndexAt(note.sentences, offset);
  return i < 0 ? undefined : note.sentences[i];
}

export function blockAt(note: Note, offset: number): Block | undefined {
  const i = spanIndexAt(note.blocks, offset);
  return i < 0 ? undefined : note.blocks[i];
}
