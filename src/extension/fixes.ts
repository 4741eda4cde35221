// Pure, vscode-free planning of the glue's edits: where a disable directive goes, how a
// bulk "document everything" edit is assembled (live snippets, tab stops numbered across them),
// and snippet → plain text.
// No clinical logic: what to insert and where comes from the core's findings.
import { disableDirective, DIRECTIVE_NAME } from "../core/directives";
import type { Finding, Position } from "../core/types";
import { eolOf, splitLines, type PlainEdit } from "./positions";

/**
 * The 1-based line after a YAML front-matter block (`---` … `---`/`...` starting on the
 * first line), or 1 when the note has none or the block is never closed.
 */
export function lineAfterFrontMatter(text: string): number {
  const lines = splitLines(text.replace(/^\uFEFF/, ""));
  if (lines[0]?.trimEnd() !== "---") return 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line === "---" || line === "...") return i + 2;
  }
  return 1;
}

const EXISTING_DIRECTIVE_RE = new RegExp(`^(\\s*)<!--\\s*${DIRECTIVE_NAME}\\s+([^>]*?)\\s*-->\\s*$`);

/**
 * The edit that disables one criterion in the note: a directive at the top of the note
 * (after any front matter). When a directive naming other criteria already sits there,
 * the ID is added to it instead of stacking another comment. Returns undefined when that
 * directive already names the ID.
 */
export function planDisableDirective(text: string, id: string): PlainEdit | undefined {
  const line = lineAfterFrontMatter(text);
  const lines = splitLines(text);
  const current = lines[line - 1];
  // Column 1 of line 1 sits after a BOM: keep the BOM first.
  const column = line === 1 && text.startsWith("\uFEFF") ? 2 : 1;
  const existing = current !== undefined ? EXISTING_DIRECTIVE_RE.exec(current.replace(/^\uFEFF/, "")) : null;
  const names = existing ? existing[2].split(/[\s,]+/).filter(Boolean) : [];
  // A bare directive disables everything; extending it would narrow it, so insert instead.
  if (existing && names.length > 0) {
    if (names.includes(id)) return undefined;
    const start = { line, column };
    const end = { line, column: current.length + 1 };
    return { range: { start, end }, text: existing[1] + disableDirective([...names, id].join(", ")) };
  }
  const at = { line, column };
  return { range: { start: at, end: at }, text: disableDirective(id) + eolOf(text) };
}

/**
 * Converts VS Code snippet syntax to the text it expands to without an editor:
 * `${1:default}` → `default`, `${1|a,b|}` → `a`, `$1`/`${1}`/`$0` → nothing, `\$` → `$`.
 */
export function snippetToPlainText(snippet: string): string {
  let out = "";
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let acc = "";
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === "\\" && i + 1 < snippet.length && "$}\\,|".includes(snippet[i + 1])) {
        acc += snippet[i + 1];
        i += 2;
      } else if (stopAtBrace && ch === "}") {
        return acc;
      } else if (ch === "$" && /\d/.test(snippet[i + 1] ?? "")) {
        i++;
        while (/\d/.test(snippet[i] ?? "")) i++;
      } else if (ch === "$" && snippet[i + 1] === "{") {
        const tail = snippet.slice(i + 2);
        const tabstop = /^(\d+)(?=[:}|])/.exec(tail);
        const variable = /^([A-Za-z_][A-Za-z0-9_]*)(?=[:}])/.exec(tail);
        const head = tabstop ?? variable;
        if (!head) {
          acc += ch;
          i++;
          continue;
        }
        i += 2 + head[1].length;
        if (snippet[i] === "}") {
          i++;
        } else if (snippet[i] === ":") {
          i++;
          acc += parse(true);
          i++; // the closing brace
        } else if (snippet[i] === "|") {
          const close = snippet.indexOf("|}", i + 1);
          const choices = snippet.slice(i + 1, close < 0 ? snippet.length : close);
          acc += choices.split(/(?<!\\),/)[0]?.replace(/\\(.)/g, "$1") ?? "";
          i = close < 0 ? snippet.length : close + 2;
        }
      } else {
        acc += ch;
        i++;
      }
    }
    return acc;
  };
  out = parse(false);
  return out;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.column === b.column;
}

/** The findings "Document everything missing for <request>" fills: missing ones with a template. */
export function bulkFindings(findings: Finding[], requestLine: number): Finding[] {
  return findings.filter(
    (f) => f.kind === "missing" && f.fix !== undefined && f.request.range.start.line === requestLine,
  );
}

/** One insertion of a bulk edit: a snippet (VS Code syntax) at a 1-based position. */
export interface SnippetInsert {
  at: Position;
  snippet: string;
}

/**
 * Shifts every tab stop of a snippet by `offset` ($1 → $(1 + offset), ${2:x} → ${(2 + offset):x},
 * choices too) and drops a bare final tab stop ($0, ${0}), so several snippets can be inserted in one
 * snippet session without linking one template's $1 to another's. Escapes are kept as written.
 * Returns the snippet and its highest tab stop before shifting (0 when it has none).
 */
export function shiftTabStops(snippet: string, offset: number): { snippet: string; stops: number } {
  let out = "";
  let stops = 0;
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === "\\" && i + 1 < snippet.length) {
      out += ch + snippet[++i];
      continue;
    }
    const m = ch === "$" ? /^(\{?)(\d+)/.exec(snippet.slice(i + 1)) : null;
    if (!m) {
      out += ch;
      continue;
    }
    const n = Number(m[2]);
    i += m[0].length;
    if (n === 0) {
      // $0 and ${0} are dropped (each template's own end); ${0:text} is kept as written.
      if (!m[1]) continue;
      if (snippet[i + 1] === "}") {
        i++;
        continue;
      }
      out += "${0";
      continue;
    }
    stops = Math.max(stops, n);
    out += "$" + m[1] + (n + offset);
  }
  return { snippet: out, stops };
}

/**
 * The snippets that insert the templates of several findings at once. Findings that insert at
 * the same point are merged into one snippet, in the core's order; when several of them create
 * the same section, its heading is written once. Tab stops are numbered across all of them from
 * the top of the note down (each template keeps its own, unlinked). Returned bottom-up.
 */
export function planBulkSnippets(findings: Finding[]): SnippetInsert[] {
  const groups = groupBulk(findings, (snippet) => snippet);
  groups.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  let offset = 0;
  const inserts = groups.map((g) => {
    let snippet = "";
    for (const part of g.parts) {
      const shifted = shiftTabStops(part, offset);
      offset += shifted.stops;
      snippet += shifted.snippet;
    }
    return { at: g.at, snippet };
  });
  return inserts.reverse();
}

/**
 * Plain-text edits that insert the templates of several findings at once (their placeholders'
 * default text). Findings that insert at the same point are merged into one edit, in the core's
 * order; when several of them create the same section, its heading is written once. Returned bottom-up.
 */
export function planBulkEdits(findings: Finding[]): PlainEdit[] {
  return groupBulk(findings, snippetToPlainText)
    .map((g) => ({ range: { start: g.at, end: g.at }, text: g.parts.join("") }))
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.column - a.range.start.column);
}

function groupBulk(findings: Finding[], render: (snippet: string) => string): { at: Position; parts: string[] }[] {
  const groups: { at: Position; parts: string[]; headings: Set<string> }[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix) continue;
    let group = groups.find((g) => samePosition(g.at, fix.insertAt));
    if (!group) {
      group = { at: fix.insertAt, parts: [], headings: new Set() };
      groups.push(group);
    }
    let text = render(fix.snippet);
    if (fix.createsSection) {
      // The core writes "## Heading\n…" (or "\n\n## Heading\n…" at the end of the note).
      const heading = /^((?:\r?\n)*)(#{1,6}[ \t][^\r\n]*)\r?\n/.exec(text);
      if (heading) {
        const key = heading[2].trim().toLowerCase();
        if (group.headings.has(key)) text = heading[1] + text.slice(heading[0].length);
        else group.headings.add(key);
      }
    }
    group.parts.push(text);
  }
  return groups;
}
