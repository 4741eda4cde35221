// Spinal levels, laterality and injection approach in a request line: "bilateral L4-5, L5-S1 MBB",
// "R L5/S1 TFESI", "L3-S1 RFA" (a range: 3 levels), "C5-6 interlaminar ESI", "L4, L5 TF ESI" (two
// nerve roots), "L3, L4, L5 medial branches" (three nerves, two joints). Pure text in, numbers out.

export type Approach = "transforaminal" | "interlaminar" | "caudal";
export type Laterality = "left" | "right" | "bilateral";

export interface LevelReading {
  /** Motion segments named, ranges expanded, in spine order: "L4-L5", "L5-S1". */
  segments: string[];
  /** Single vertebrae or nerve roots named alone ("L5", "S1"), in spine order. */
  roots: string[];
  /**
   * Spinal levels: the segments when any are named, else the roots. Medial branch nerves named
   * alone (with "medial branch", MBB or RF in the text) count as the joints they cover (n - 1).
   */
  levels: number;
  laterality?: Laterality;
  /** Sides: 2 when bilateral, else 1. */
  sides: number;
  /** Levels × sides (a bilateral two-level block is four injections or joints). */
  joints: number;
  /** The approach when exactly one is named. */
  approach?: Approach;
  /** Every approach named. */
  approaches: Approach[];
}

// Vertebrae in spine order: C1-C7 = 1-7, T1-T12 = 8-19, L1-L5 = 20-24, S1-S5 = 25-29.
const REGION_BASE: Record<string, number> = { C: 0, T: 7, L: 19, S: 24 };
const REGION_MAX: Record<string, number> = { C: 7, T: 12, L: 5, S: 5 };

function ordinal(region: string, n: number): number | undefined {
  const r = region.toUpperCase();
  if (!(r in REGION_BASE) || n < 1 || n > REGION_MAX[r]) return undefined;
  return REGION_BASE[r] + n;
}

function nameOf(ord: number): string {
  if (ord <= 7) return `C${ord}`;
  if (ord <= 19) return `T${ord - 7}`;
  if (ord <= 24) return `L${ord - 19}`;
  return `S${ord - 24}`;
}

/** "L4-5", "L4-L5", "L5/S1", "L5-S1", "T12-L1", "C5-6", ranges "L3-S1", "L3 to S1", "L3 through L5". */
const SEGMENT = /(?<![A-Za-z0-9.#])([CTLS])(\d{1,2})\s*(?:-|–|\/|\bto\b|\bthrough\b|\bthru\b)\s*([CTLS])?(\d{1,2})(?![0-9]|\.\d)/gi;
/** A vertebra or root named alone: "L5", "S1", "C6" (not ICD codes like S33.5 or T14.8). */
const ROOT = /(?<![A-Za-z0-9./#-])([CTLS])(\d{1,2})(?![0-9]|\.\d)/gi;

const BILATERAL = /\b(?:bilateral(?:ly)?|bilat\b\.?|b\/l\b|both sides|(?:left|right) and (?:left|right)|(?:lt|rt) and (?:lt|rt))/i;
const BILATERAL_EXACT = /(?<![A-Za-z0-9/])(?:L and R|R and L|L\/R|R\/L)(?![A-Za-z0-9/])/;
const LEFT = /\b(?:left|lt)\b\.?/i;
const RIGHT = /\b(?:right|rt)\b\.?/i;
/** Capital L or R standing alone ("R L5-S1", "L TFESI") or in RLE/LUE. */
const LEFT_EXACT = /(?<![A-Za-z0-9/.'-])L(?:LE|UE)?(?![A-Za-z0-9/'-])(?!\s*\d)/;
const RIGHT_EXACT = /(?<![A-Za-z0-9/.'-])R(?:LE|UE)?(?![A-Za-z0-9/'-])(?!\s*\d)/;

const APPROACHES: Array<[Approach, RegExp]> = [
  ["transforaminal", /\b(?:trans-?foraminal|tf(?:[- ]?esis?)?|tfesis?|snrbs?|selective nerve root blocks?|nerve root blocks?)\b/i],
  ["interlaminar", /\b(?:inter-?laminar|translaminar|il(?:[- ]?esis?)?|ilesis?)\b/i],
  ["caudal", /\bcaudal\b/i],
];
/** CPT codes as weaker evidence, used only when no approach is named in words. */
const APPROACH_CODES: Array<[Approach, RegExp]> = [
  ["transforaminal", /\b6448[0-4]\b|\b64479\b/],
  ["interlaminar", /\b6232[0-3]\b/],
];

const MEDIAL_BRANCH_CONTEXT = /\b(?:medial branch(?:es)?|mbbs?|dorsal ram(?:us|i)|rf|rfa|radiofrequency|rhizotomy|neurotomy|denervation)\b/i;

/** Reads the spinal levels, sides and approach written in a piece of text (a request line). */
export function parseLevels(text: string): LevelReading {
  const segs = new Set<number>(); // keyed by the upper vertebra's ordinal
  let masked = text;
  SEGMENT.lastIndex = 0;
  for (let m = SEGMENT.exec(text); m; m = SEGMENT.exec(text)) {
    const upper = ordinal(m[1], Number(m[2]));
    const lower = ordinal(m[3] ?? m[1], Number(m[4]));
    if (upper === undefined || lower === undefined || lower <= upper || lower - upper > 12) continue;
    for (let o = upper; o < lower; o++) segs.add(o);
    masked = masked.slice(0, m.index) + " ".repeat(m[0].length) + masked.slice(m.index + m[0].length);
  }
  const roots = new Set<number>();
  ROOT.lastIndex = 0;
  for (let m = ROOT.exec(masked); m; m = ROOT.exec(masked)) {
    const o = ordinal(m[1], Number(m[2]));
    if (o !== undefined) roots.add(o);
  }

  const segments = [...segs].sort((a, b) => a - b).map((o) => `${nameOf(o)}-${nameOf(o + 1)}`);
  const rootNames = [...roots].sort((a, b) => a - b).map(nameOf);
  let levels = segments.length;
  if (!levels && rootNames.length) {
    levels = MEDIAL_BRANCH_CONTEXT.test(text) ? Math.max(1, rootNames.length - 1) : rootNames.length;
  }

  const laterality = readLaterality(text);
  const sides = laterality === "bilateral" ? 2 : 1;

  let approaches = APPROACHES.filter(([, re]) => re.test(text)).map(([a]) => a);
  if (!approaches.length) approaches = APPROACH_CODES.filter(([, re]) => re.test(text)).map(([a]) => a);
  return {
    segments,
    roots: rootNames,
    levels,
    laterality,
    sides,
    joints: levels * sides,
    approach: approaches.length === 1 ? approaches[0] : undefined,
    approaches,
  };
}

/** Left, right or bilateral; "left and right" (or both named) is bilateral. */
export function readLaterality(text: string): Laterality | undefined {
  if (BILATERAL.test(text) || BILATERAL_EXACT.test(text)) return "bilateral";
  const left = LEFT.test(text) || LEFT_EXACT.test(text);
  const right = RIGHT.test(text) || RIGHT_EXACT.test(text);
  if (left && right) return "bilateral";
  if (left) return "left";
  if (right) return "right";
  return undefined;
}

/** Segments shared by two readings (for "not at a fused level"). */
export function sharedSegments(a: LevelReading, b: LevelReading): string[] {
  const set = new Set(b.segments);
  return a.segments.filter((s) => set.has(s));
}

/** Words and marks that end the stretch of text a level belongs to ("MBB L3-4 above the L4-S1 fusion"). */
const NEAR_BREAK = /[;().:\n]|\b(?:above|below|adjacent|superior|inferior|than|except|but|however|whereas|not)\b/gi;

/**
 * Levels written next to a mention at [start, end) of `text`: up to `reach` characters on each
 * side, stopping at clause marks and relational words, so "MBB L3-4 above the L4-S1 fusion" gives
 * L4-S1 for the fusion.
 */
export function levelsNear(text: string, start: number, end: number, reach = 30): LevelReading {
  let from = Math.max(0, start - reach);
  const before = text.slice(from, start);
  NEAR_BREAK.lastIndex = 0;
  for (let m = NEAR_BREAK.exec(before); m; m = NEAR_BREAK.exec(before)) from = Math.max(from, start - before.length + m.index + m[0].length);
  let to = Math.min(text.length, end + reach);
  const after = text.slice(end, to);
  NEAR_BREAK.lastIndex = 0;
  const stop = NEAR_BREAK.exec(after);
  if (stop) to = end + stop.index;
  return parseLevels(text.slice(from, start) + " " + text.slice(end, to));
}
