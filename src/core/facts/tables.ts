// Tables read with their header's meaning: a row's values take the anchor of their column, as a
// score in a sentence takes the cue before it ("| Pain | Without meds | With meds |", "| Leg pain
// NRS | Before gabapentin | Today |"). Read from the prose of one chunk: a table's rows are its
// lines that start with a pipe, the delimiter row blanked (tables never cross a chunk's blank line).
import type { Span } from "../text";
import { perChunk, type Note } from "../note";
import { cueAnchor, reliefDurations, type Anchor } from "./measures";
import { medWord } from "./vocab";

export interface TablePainPair extends Span {
  /** The scores of the higher (without, before) and lower (with, after, now) column. */
  high: number;
  low: number;
  reliefPercent: number;
  /** The columns contrast a treatment's presence (with / without, before / after a dose), not only a before and a now. */
  dose: boolean;
}

const MAX_COLUMNS = 12;
const PAIN_ROW = /\b(?:pain|nrs|nprs|vas|pain score)\b/i;
const SCORE_CELL = /^~?\s{0,2}(\d{1,2}(?:\.\d)?)\s{0,2}(?:\/\s{0,2}10)?(?![\d.%]|\s{0,2}mm)/;
const HIGH = new Set<Anchor>(["without", "before", "baseline"]);
const LOW_DOSE = new Set<Anchor>(["with", "after"]);

/** Pain scores of a table row paired across columns whose headers contrast (at most one pair a row). */
export function tablePainPairs(prose: string): TablePainPair[] {
  const out: TablePainPair[] = [];
  for (const t of tablesIn(prose)) {
    const anchors = t.header.cells.map((c) => (c.text ? cueAnchor(c.text) : undefined));
    const med = medWord().test(t.header.cells.map((c) => c.text).join(" "));
    for (const row of t.rows) {
      if (!PAIN_ROW.test(row.cells[0]?.text ?? "")) continue;
      let high: number | undefined;
      let low: number | undefined;
      let dose = false;
      for (let i = 1; i < row.cells.length; i++) {
        const anchor = anchors[i];
        const m = SCORE_CELL.exec(row.cells[i]!.text);
        if (!m || !anchor) continue;
        const v = Number(m[1]);
        if (v > 10) continue;
        if (HIGH.has(anchor) && high === undefined) high = v;
        else if (LOW_DOSE.has(anchor)) {
          low = v;
          dose = true;
        } else if (anchor === "now" && med && low === undefined) low = v;
      }
      if (high !== undefined && low !== undefined && high > 0) {
        out.push({ start: row.start, end: row.end, high, low, reliefPercent: Math.round(((high - low) / high) * 100), dose });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A table's structure: its header row and data rows with their cells, in the prose's offsets.

export interface Cell extends Span {
  text: string;
}
export interface TableRow extends Span {
  cells: Cell[];
}
export interface Table {
  header: TableRow;
  rows: TableRow[];
}

function rowOf(prose: string, start: number, end: number): TableRow {
  const cells: Cell[] = [];
  let from = prose.indexOf("|", start) + 1;
  while (from > 0 && from <= end) {
    const bar = prose.indexOf("|", from);
    const to = bar < 0 || bar > end ? end : bar;
    const raw = prose.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    // The last cell of "| a | b |" is empty: dropped; an empty cell inside the row is kept (a blank answer).
    if (text || (bar >= 0 && bar <= end)) cells.push({ start: from + lead, end: from + lead + text.length, text });
    if (bar < 0 || bar >= end) break;
    from = bar + 1;
  }
  return { start, end, cells };
}

/** The tables of a chunk's prose: runs of lines opening with a pipe, the first one the header. */
export function tablesIn(prose: string): Table[] {
  const out: Table[] = [];
  let current: Table | undefined;
  let pos = 0;
  while (pos <= prose.length) {
    const nl = prose.indexOf("\n", pos);
    const end = nl < 0 ? prose.length : nl;
    if (/^\s{0,3}\|/.test(prose.slice(pos, Math.min(end, pos + 8)))) {
      const row = rowOf(prose, pos, end);
      if (row.cells.length <= MAX_COLUMNS) {
        if (!current) out.push((current = { header: row, rows: [] }));
        else current.rows.push(row);
      } else current = undefined;
    } else if (/\S/.test(prose.slice(pos, end))) current = undefined;
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

/** The header rows of a chunk's tables: column names, never findings. */
export function tableHeaders(prose: string): Span[] {
  return tablesIn(prose).map((t) => ({ start: t.header.start, end: t.header.end }));
}

const TWITCH_COLUMN = /\btwitch|\bltrs?\b|\bjump sign\b/i;
const REFERRAL_COLUMN = /\brefer\w*|\bradiat\w*|\bpain pattern\b/i;
const YES_CELL = /^(?:y|yes|\+|\+{2,3}|present|positive|pos|✓|✔|x|noted|elicited)\b|^\+/i;
const NO_CELL = /^(?:n|no|none|-|–|—|absent|negative|neg|not (?:elicited|present|reproduced)|n\/a|na|0)\.?$/i;

/** A trigger point table's twitch and referral cells that say yes (a twitch "+" or "Y"; a referral area written). */
function tableFrameCells(prose: string, part: "twitch" | "referral"): Span[] {
  const out: Span[] = [];
  for (const t of tablesIn(prose)) {
    const column = t.header.cells.findIndex((c) => (part === "twitch" ? TWITCH_COLUMN : REFERRAL_COLUMN).test(c.text));
    if (column < 1) continue;
    for (const row of t.rows) {
      const cell = row.cells[column];
      if (!cell || !cell.text || !row.cells[0]?.text) continue;
      const yes = part === "twitch" ? YES_CELL.test(cell.text) : !NO_CELL.test(cell.text) && /[a-z]/i.test(cell.text);
      if (yes) out.push({ start: cell.start, end: cell.end });
    }
  }
  return out;
}

export const tableTwitches = (prose: string): Span[] => tableFrameCells(prose, "twitch");
export const tableReferrals = (prose: string): Span[] => tableFrameCells(prose, "referral");

// ---------------------------------------------------------------------------------------------
// Two-column tables are fields: "| Without meds (AM before dose) | 9 |", "| IR relief lasts | ~4 h |".
// Each row reads as its name followed by its value, under the header that names the scale.

const SCALE_HEADER = /\b(?:pain|scores?|nrs|nprs|vas)\b|0\s?-\s?10|\/\s?10/i;

/** The rows of the tables with two columns, each as "name value" in the row's offsets. */
function fieldRows(prose: string): Array<{ table: Table; row: TableRow; name: string; value: string }> {
  const out: Array<{ table: Table; row: TableRow; name: string; value: string }> = [];
  for (const t of tablesIn(prose)) {
    for (const row of t.rows) {
      const cells = row.cells.filter((c) => c.text);
      if (cells.length !== 2 || row.cells.length > 3) continue;
      out.push({ table: t, row, name: cells[0]!.text, value: cells[1]!.text });
    }
  }
  return out;
}

/** A field table of pain scores: a row "without" (or before) and a row "with" (or after) the drug. */
export function tableFieldPainPairs(prose: string): TablePainPair[] {
  const out: TablePainPair[] = [];
  let current: Table | undefined;
  let high: { v: number; row: TableRow } | undefined;
  let low: { v: number; row: TableRow } | undefined;
  const flush = () => {
    if (high && low && high.v > 0) {
      const start = Math.min(high.row.start, low.row.start);
      const end = Math.max(high.row.end, low.row.end);
      out.push({ start, end, high: high.v, low: low.v, reliefPercent: Math.round(((high.v - low.v) / high.v) * 100), dose: true });
    }
    high = low = undefined;
  };
  for (const f of fieldRows(prose)) {
    if (f.table !== current) {
      flush();
      current = f.table;
    }
    if (!SCALE_HEADER.test(f.table.header.cells.map((c) => c.text).join(" ")) && !PAIN_ROW.test(f.name)) continue;
    const anchor = cueAnchor(f.name);
    const m = SCORE_CELL.exec(f.value);
    if (!anchor || !m) continue;
    const v = Number(m[1]);
    if (v > 10) continue;
    if ((anchor === "without" || anchor === "before") && !high) high = { v, row: f.row };
    else if (LOW_DOSE.has(anchor) && !low) low = { v, row: f.row };
  }
  flush();
  return out;
}

/** A field row saying how long relief lasts: "| IR relief lasts | ~4 h |". */
export function tableFieldDurations(prose: string): Span[] {
  const out: Span[] = [];
  for (const f of fieldRows(prose)) if (reliefDurations(`${f.name} ${f.value}`).length) out.push({ start: f.row.start, end: f.row.end });
  return out;
}

/**
 * A fact read in prose and in tables, in note order: the prose mentions (outside the tables' header
 * rows, which name columns and state nothing, when `headers` is "skip") and a table reader's spans
 * over the note (`perChunk`).
 */
export function withTables(note: Note, prose: readonly Span[], tables: readonly Span[], headers: "keep" | "skip" = "keep"): Span[] {
  const skip = headers === "skip" ? perChunk(note, tableHeaders) : [];
  const out: Span[] = [];
  for (const m of prose) if (!skip.some((h) => m.start >= h.start && m.start < h.end)) out.push({ start: m.start, end: m.end });
  for (const c of tables) out.push({ start: c.start, end: c.end });
  return out.sort((a, b) => a.start - b.start);
}
