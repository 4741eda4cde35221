// Request items: one plan line read as a head (the service or drug asked for) and its arguments:
// body part, levels, laterality, approach, quantity, frequency and duration, and the codes written
// on it (CPT/HCPCS, ICD-10, ICD-9). A pure function of the line; the diagnosis linked from the
// assessment stays with the RFA line resolver (facts/rfa-line.ts), which reads the same arguments.
import type { Block, Mention } from "../note";
import type { ServiceKey } from "../types";
import { parseLevels, type Approach, type Laterality } from "../extract/levels";
import { parseCounts, parseSpan } from "../extract/quantity";

/** A request item's head: the service or drug, where it is asked for, and the lines that repeat it (requests.ts finds them). */
export interface FoundRequest {
  service: ServiceKey;
  /** The drug's generic name for drug families. */
  item?: string;
  /** The first mention that makes the request. */
  mention: Mention;
  block: Block;
  /** Other lines that repeat the same request. */
  others: Mention[];
}

export interface RequestCodes {
  cpt: string[];
  icd10: string[];
  icd9: string[];
}

export interface RequestItem {
  /** The service or drug as written: the line's words before its first argument. */
  head: string;
  bodyParts: string[];
  /** Spinal segments ("L4-5") or, when none, roots ("L5"). */
  levels: string[];
  laterality?: Laterality;
  approach?: Approach;
  /** Visits, sessions or injections asked for. */
  quantity?: number;
  perWeek?: number;
  weeks?: number;
  days?: number;
  codes: RequestCodes;
  /** "prn", "as needed", "ongoing", "TBD": no bound on the quantity. */
  openEnded: boolean;
}

/** ICD-10-CM applies to dates of service from 1 Oct 2015; before that ICD-9-CM is the code of record. */
export const ICD10_FROM = "2015-10-01";

export function codingSystem(dateOfService: string | undefined): "ICD-9" | "ICD-10" {
  return dateOfService !== undefined && dateOfService < ICD10_FROM ? "ICD-9" : "ICD-10";
}

const ICD10 = /(?<![A-Za-z0-9])[A-TV-Z]\d{2}\.[0-9A-Z]{1,4}(?![A-Za-z0-9])/g;
/** ICD-9-CM: 3-digit categories with decimals (722.52, 847.0), V and E codes. */
const ICD9 = /(?<![\w.])(?:\d{3}\.\d{1,2}|V\d{2}\.\d{1,2}|E\d{3}\.\d)(?![\w.])/g;
const CPT = /(?<![\w./-])(?:\d{4}[0-9T]|[A-V]\d{4})(?![\w/.-])/g;

const unique = (xs: string[]) => [...new Set(xs)];

export function icd9Codes(text: string): string[] {
  return unique(text.match(ICD9) ?? []);
}

/** Codes written on a line. A five-digit number counts as CPT/HCPCS only on a line that says "CPT" or "HCPCS", or in the procedure code ranges. */
export function readCodes(line: string): RequestCodes {
  const labelled = /\b(?:cpt|hcpcs)\b/i.test(line);
  const cpt = (line.match(CPT) ?? []).filter((c) => labelled || /^(?:2\d{4}|6\d{4}|7\d{4}|9\d{4}|[A-V]\d{4})$/.test(c));
  return { cpt: unique(cpt), icd10: unique((line.match(ICD10) ?? []).map((c) => c.toUpperCase())), icd9: icd9Codes(line) };
}

/** A diagnosis code of the coding system in force on the date of service. */
export function diagnosisCoded(codes: RequestCodes, dateOfService: string | undefined): boolean {
  return codes.icd10.length > 0 || (codingSystem(dateOfService) === "ICD-9" && codes.icd9.length > 0);
}

const BODY_PARTS =
  /\b(?:cervical|thoracic|lumbar|lumbosacral|sacroiliac|si joints?|sacr(?:um|al)|neck|(?:low(?:er)?|upper|mid) back|shoulders?|elbows?|wrists?|hands?|hips?|knees?|ankles?|feet|foot|trapezius|paraspinals?|gluteus (?:medius|maximus|minimus)|piriformis|quadratus lumborum|levator scapulae|rhomboids?|upper extremit(?:y|ies)|lower extremit(?:y|ies))\b/gi;
const OPEN_ENDED = /\b(?:prn|p\.r\.n\.?|as needed|as necessary|tbd|to be determined|ongoing|open[- ]ended|indefinite(?:ly)?|monthly (?:supportive|maintenance) care)\b/i;
/** Where the head ends: the first argument (a level, a side, a body part, a number, a code, "for", "at", "to"). */
const FIRST_ARGUMENT =
  /(?:\b(?:[CTLS][1-8]\b|left|right|bilateral(?:ly)?|bilat|for|at|to|of the|x\s*\d|cpt|hcpcs|under|with|per|prn|as needed|once|twice)\b|\d|\(|,|;|:|--|—)/i;
/** Arguments written before the head ("Right L4-5 and L5-S1 transforaminal ESI"). */
const LEADING_ARGUMENTS = /^(?:\s|,|\band\b|\b(?:left|right|bilateral(?:ly)?|bilat|[CTLS][1-8](?:\s{0,10}[-/]\s{0,10}[CTLS]?[1-8])?)\b)+/i;

/** Reads one request line into its head and arguments. */
export function readRequestItem(line: string): RequestItem {
  const text = line
    .replace(/^\s*(?:\d+[.)]|[-*+•])\s*/, "")
    .replace(/^\s*(?:rfa|request(?:ing)?(?: authorization)?(?: for)?|requested|order)\s*(?:[:-]\s*)?/i, "");
  const lead = LEADING_ARGUMENTS.exec(text)?.[0].length ?? 0;
  const rest = text.slice(lead);
  const cut = FIRST_ARGUMENT.exec(rest);
  const head = (cut ? rest.slice(0, cut.index) : rest).replace(/\s+/g, " ").trim();
  const levels = parseLevels(text);
  const counts = parseCounts(text);
  const span = parseSpan(text);
  const quantity = counts.visits ?? counts.sessions ?? counts.injections ?? (span.perWeek !== undefined && span.weeks !== undefined ? span.perWeek * span.weeks : undefined);
  const item: RequestItem = {
    head,
    bodyParts: unique((text.match(BODY_PARTS) ?? []).map((p) => p.toLowerCase())),
    levels: levels.segments.length ? levels.segments : levels.roots,
    codes: readCodes(text),
    openEnded: OPEN_ENDED.test(text),
  };
  if (levels.laterality) item.laterality = levels.laterality;
  if (levels.approach) item.approach = levels.approach;
  if (quantity !== undefined) item.quantity = quantity;
  if (span.perWeek !== undefined) item.perWeek = span.perWeek;
  if (span.weeks !== undefined) item.weeks = span.weeks;
  if (span.days !== undefined) item.days = span.days;
  return item;
}
