// The note model: the markdown is parsed once (unified + remark-parse + remark-gfm) and reduced to
// prose with the same offsets as the source, split into sections, blocks, sentences and clauses.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root, RootContent } from "mdast";
import { LineIndex, type Span } from "./text";
import type { SectionKind } from "./types";

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
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parses a note. Never throws for any string input. */
export function parseNote(text: string): Note {
  const tree = parser.parse(text) as Root;
  const prose = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    prose[i] = c === "\n" || c === "\r" ? c : " ";
  }
  const blocks: Block[] = [];
  const comments: Span[] = [];

  const copy = (start: number, end: number) => {
    for (let i = start; i < end; i++) prose[i] = text[i];
  };
  const spanOf = (node: RootContent) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    return s === undefined || e === undefined ? undefined : { start: s, end: e };
  };

  // Iterative walk (notes can nest thousands deep): blocks keep their kind, inline text is copied.
  const stack: Array<{ node: RootContent; inList: boolean; inline: boolean }> = [];
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i], inList: false, inline: false });
  while (stack.length) {
    const { node, inList, inline } = stack.pop()!;
    const span = spanOf(node);
    if (node.type === "text" || node.type === "inlineCode") {
      if (span) copy(span.start, span.end);
      continue;
    }
    if (node.type === "html") {
      if (span) comments.push(span);
      continue;
    }
    if (inline) {
      if ("children" in node) pushChildren(node.children as RootContent[], inList, true);
      continue;
    }
    switch (node.type) {
      case "paragraph":
      case "heading":
        if (!span) break;
        blocks.push({ ...span, kind: node.type, listItem: inList });
        pushChildren(node.children, inList, true);
        break;
      case "table":
        for (const row of node.children) {
          const rowSpan = spanOf(row);
          if (!rowSpan) continue;
          for (const cell of row.children) {
            pushChildren(cell.children, false, true);
            // Cell boundaries end clauses: keep the delimiters around each cell.
            const cellSpan = spanOf(cell);
            if (cellSpan && text[cellSpan.end] === "|") prose[cellSpan.end] = "|";
            if (cellSpan && text[cellSpan.start] === "|") prose[cellSpan.start] = "|";
          }
          blocks.push({ ...rowSpan, kind: "row", listItem: false });
        }
        break;
      case "code":
      case "thematicBreak":
      case "definition":
        break;
      default:
        if ("children" in node) pushChildren(node.children as RootContent[], inList || node.type === "listItem", false);
    }
  }

  function pushChildren(children: RootContent[], inList: boolean, inline: boolean) {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inList, inline });
  }

  blocks.sort((a, b) => a.start - b.start);

  const proseText = prose.join("");
  const lines = new LineIndex(text);
  const sections = findSections(proseText, lines, blocks);
  const sentences = splitSentences(proseText, blocks, sections);
  return { text, prose: proseText, lines, sections, blocks, sentences, comments };
}

// ---------------------------------------------------------------------------------------------
// Sections: headings, "Label:" lines and all-caps label lines.

const SECTION_KEYWORDS: Array<[SectionKind, RegExp]> = [
  ["subjective", /\b(hpi|history of (the )?present illness|interval history)\b/i],
  ["plan", /\b(plan|request(s)? for authori[sz]ation|rfa|recommendations?|disposition|orders|requests?)\b|^p$/i],
  ["medications", /\b(med(s|ications?)|current meds|prescriptions|rx)\b/i],
  ["assessment", /\b(assessments?|impressions?|diagnos[ie]s|dx)\b|^a$/i],
  ["exam", /\b(objective|exam(ination)?|physical exam(ination)?|pe|findings)\b|^o$/i],
  ["ros", /\b(ros|review of systems)\b/i],
  [
    "history",
    /\b(history|hx|pmh|psh|treatments? (to date|so far)|tx (to date|so far)|prior (care|treatment)|records? (reviewed|review)|prior notes|previous treatment)\b/i,
  ],
  ["subjective", /\b(subjective|chief complaints?|cc|complaints?|symptoms)\b|^s$/i],
];

export function classifyLabel(label: string): SectionKind | undefined {
  const clean = label.replace(/[*_#`]/g, " ").replace(/\s+/g, " ").trim();
  if (!clean) return undefined;
  for (const [kind, re] of SECTION_KEYWORDS) if (re.test(clean)) return kind;
  return undefined;
}

/** A label at the start of a line: "Plan:", "S:", "Hx / tx so far:", or an all-caps line. */
const LABEL_COLON = /^[ \t]*([A-Za-z][A-Za-z0-9 /&().,#-]{0,38}?)[ \t]*:(?!\d)/;
const ALL_CAPS_LINE = /^[ \t]*([A-Z][A-Z0-9 /&().,-]{2,60})[ \t]*:?[ \t]*$/;

function findSections(prose: string, lines: LineIndex, blocks: Block[]): Section[] {
  const starts: Array<{ kind: SectionKind; label: Span }> = [];
  for (const block of blocks) {
    if (block.kind === "row") continue;
    const first = lines.position(block.start).line;
    const last = lines.position(block.end).line;
    for (let line = first; line <= last; line++) {
      const ls = Math.max(lines.lineStart(line), block.start);
      const le = Math.min(lines.lineEnd(line), block.end);
      const content = prose.slice(ls, le);
      if (block.kind === "heading" && line === first) {
        const kind = classifyLabel(content);
        // An unknown heading before any section (the report title) stays in the header.
        if (kind) starts.push({ kind, label: { start: ls, end: le } });
        else if (starts.length) starts.push({ kind: "other", label: { start: ls, end: le } });
        break;
      }
      const colon = LABEL_COLON.exec(content);
      if (colon) {
        const words = colon[1].trim().split(/\s+/).length;
        const kind = words <= 5 ? classifyLabel(colon[1]) : undefined;
        if (kind) {
          starts.push({ kind, label: { start: ls, end: ls + colon[0].length } });
          continue;
        }
      }
      const caps = ALL_CAPS_LINE.exec(content);
      if (caps && /[A-Z]{3}/.test(caps[1])) {
        const kind = classifyLabel(caps[1]);
        if (kind) starts.push({ kind, label: { start: ls, end: le } });
      }
    }
  }
  const sections: Section[] = [];
  const firstStart = starts.length ? starts[0].label.start : prose.length;
  sections.push({ kind: "header", start: 0, end: firstStart, label: { start: 0, end: 0 }, contentEnd: 0 });
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].label.start : prose.length;
    sections.push({ kind: s.kind, start: s.label.start, end, label: s.label, contentEnd: s.label.end });
  });
  for (const section of sections) {
    let contentEnd = section.label.end;
    for (const block of blocks) {
      if (block.start >= section.start && block.start < section.end) contentEnd = Math.max(contentEnd, Math.min(block.end, section.end));
    }
    // Trim trailing line endings and blanks.
    while (contentEnd > section.label.end && /\s/.test(prose[contentEnd - 1])) contentEnd--;
    section.contentEnd = contentEnd;
  }
  return sections;
}

export function sectionAt(sections: Section[], offset: number): Section {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return sections[lo];
}

// ---------------------------------------------------------------------------------------------
// Sentences: split at . ! ? followed by space (not decimals or abbreviations), ; and line ends.

const TITLES = /\b(?:dr|mr|mrs|ms|prof)$/i;
const ABBREVIATIONS = /(?:\b(?:dr|mr|mrs|ms|vs|etc|approx|e\.g|i\.e|no|st|jr|sr|pt|hx|tx|dx|rx|fx|sx|yo|y\/o|p|pp|ch|sec|inc|min|max|wk|wks|mo|mos|yr|yrs|bilat|lt|rt|l|r|a|b|c|d)|\d)$/i;

function splitSentences(prose: string, blocks: Block[], sections: Section[]): Sentence[] {
  const out: Sentence[] = [];
  for (const block of blocks) {
    let start = block.start;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(prose[s])) s++;
      while (e > s && /\s/.test(prose[e - 1])) e--;
      if (e > s) {
        // A label line ("Plan / RFA 9-9-2015:") starts a new section mid-block: attribute by start.
        out.push({ start: s, end: e, index: out.length, block, section: sectionAt(sections, s) });
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

/** Binary search in a sorted list of disjoint spans for the one holding an offset. */
function spanAt<T extends Span>(list: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export function sentenceAt(note: Note, offset: number): Sentence | undefined {
  return spanAt(note.sentences, offset);
}

export function blockAt(note: Note, offset: number): Block | undefined {
  return spanAt(note.blocks, offset);
}
