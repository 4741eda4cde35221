// Tables read with their header's meaning: a row's values take the anchor of their column, as a
// score in a sentence takes the cue before it ("| Pain | Without meds | With meds |", "| Leg pain
// NRS | Before gabapentin | Today |"). Read from the prose of one chunk: a table's rows are its
// lines that start with a pipe, the delimiter row blanked (tables never cross a chunk's blank line).
import type { Span } from "../text";
import { cueAnchor, type Anchor } from "./measures";
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

function cells(line: string): string[] {
  const parts = line.split("|");
  // "| a | b |" splits into an empty first and last part.
  return parts.slice(1, parts.length > 2 && !parts[parts.length - 1]!.trim() ? -1 : undefined).map((c) => c.trim());
}

/** Pain scores of a table row paired across columns whose headers contrast (at most one pair a row). */
export function tablePainPairs(prose: string): TablePainPair[] {
  const out: TablePainPair[] = [];
  let header: { anchors: Array<Anchor | undefined>; med: boolean } | undefined;
  let pos = 0;
  while (pos <= prose.length) {
    const nl = prose.indexOf("\n", pos);
    const end = nl < 0 ? prose.length : nl;
    const line = prose.slice(pos, end);
    if (!/^\s{0,3}\|/.test(line)) {
      // A blanked delimiter row keeps the table open; any other line ends it.
      if (/\S/.test(line)) header = undefined;
    } else {
      const row = cells(line);
      if (row.length > MAX_COLUMNS) header = undefined;
      else if (!header) {
        const text = row.join(" ");
        header = { anchors: row.map((c) => (c ? cueAnchor(c) : undefined)), med: medWord().test(text) };
      } else if (PAIN_ROW.test(row[0] ?? "")) {
        let high: number | undefined;
        let low: number | undefined;
        let dose = false;
        for (let i = 1; i < row.length; i++) {
          const anchor = header.anchors[i];
          const m = SCORE_CELL.exec(row[i]!);
          if (!m || !anchor) continue;
          const v = Number(m[1]);
          if (v > 10) continue;
          if (HIGH.has(anchor) && high === undefined) high = v;
          else if (LOW_DOSE.has(anchor)) {
            low = v;
            dose = true;
          } else if (anchor === "now" && header.med && low === undefined) low = v;
        }
        if (high !== undefined && low !== undefined && high > 0) {
          out.push({ start: pos, end, high, low, reliefPercent: Math.round(((high - low) / high) * 100), dose });
        }
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}
