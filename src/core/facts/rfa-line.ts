// One DWC Form RFA line per request: the diagnosis from the assessment matched to the request
// (with its ICD-10 code), the service with its CPT/HCPCS code, frequency, duration and quantity
// from the quantity grammar, and body part, spinal levels and laterality. The same resolution
// feeds the draft and the rfa.specific-request criterion, so the two always agree.
import { parseCounts, daysSupply, parseRegimen, type Regimen } from "../extract/quantity";
import { parseLevels, readLaterality } from "../extract/levels";
import { chunkDerived, type ChunkData, type Note } from "../note";
import { readValue } from "../reads";
import { LineIndex, blockLines, lastStartingAt, type Span } from "../text";
import type { FoundRequest } from "../facts/request-items";
import type { ServiceKey } from "../types";
import { DRUG_SERVICES, resolveCodes, type CodeDef, type CodeFacts } from "./codes";

export interface Diagnosis {
  /** The diagnosis as written, without its numbering and codes (shown on the form). */
  text: string;
  /** ICD-10 codes written with it. */
  icd10: string[];
  /** 1-based line. */
  line: number;
}

export type DiagnosisMatch = "request line" | "service and body region" | "service" | "body region" | "only diagnosis" | "primary diagnosis";

export interface RfaLine {
  service: ServiceKey;
  /** The service as the form's "Service/Good Requested" (the request line, trimmed). */
  procedure: string;
  /** The drug's generic name for drug requests. */
  item?: string;
  /** 1-based line of the request in the note. */
  line: number;
  diagnosis?: Diagnosis & { matchedBy: DiagnosisMatch };
  codes: CodeDef[];
  /** True for drugs: no CPT/HCPCS code is expected. */
  codeNotApplicable: boolean;
  /** What the line must say for a code to be chosen. */
  codeNeeds?: string;
  bodyPart?: string;
  levels: string[];
  laterality?: "left" | "right" | "bilateral";
  frequency?: string;
  duration?: string;
  quantity?: string;
  /** A number for the quantity (visits, units dispensed, injections, studies). */
  quantityValue?: number;
  /** Form elements still missing for this line ("the CPT/HCPCS code", ...), in form order. */
  missing: string[];
}

// ---------------------------------------------------------------------------------------------
// Diagnoses.

const ICD10 = /(?<![A-Za-z0-9])([A-TV-Z]\d{2}\.[0-9A-Z]{1,4}|[A-TV-Z]\d{2}(?=\)))(?![A-Za-z0-9])/g;

export function icd10Codes(text: string): string[] {
  ICD10.lastIndex = 0;
  const out: string[] = [];
  for (let m = ICD10.exec(text); m; m = ICD10.exec(text)) if (!out.includes(m[1].toUpperCase())) out.push(m[1].toUpperCase());
  return out;
}

function cleanDiagnosis(text: string): string {
  return text
    .replace(ICD10, " ")
    .replace(/\b(?:icd[- ]?10(?:[- ]?cm)?|icd)\s*:?/gi, " ")
    .replace(/\(\s*(?:[,;/]\s*)?\)/g, " ")
    .replace(/^\s*(?:\d+[.)]|[-*+•])\s*/, "")
    .replace(/^\s*(?:dx|diagnos[ie]s|impression|assessment)\s*:\s*/i, "")
    .replace(/(?<![\s,;:–-])[\s,;:–-]+$/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 140);
}

/** A note's diagnoses, and what matching reads from each (same order). */
const diagnosesCache = new WeakMap<Note, { list: Diagnosis[]; infos: DxInfo[]; key: string }>();

/** A line of a block that may state a diagnosis: where its text starts after a label, and its codes. */
interface DiagnosisLine extends Span {
  /** Local offset where the diagnosis starts (after a section label on the line). */
  body: number;
  icd10: string[];
  /** The diagnosis without its numbering and codes, read on first use ("" when there is none). */
  text?: string;
  /** What matching reads from the text, filled on first use (kept with the chunk, like the line). */
  info?: DxInfo;
}

/** Per diagnosis, read once: its regions, laterality and which services' keywords it matches. */
interface DxInfo {
  regions: Set<Region>;
  laterality?: string;
  keywords: Map<ServiceKey, boolean>;
}

function readDxInfo(text: string): DxInfo {
  return { regions: regionsOf(text, []), laterality: readLaterality(text), keywords: new Map() };
}

const NO_CODES: string[] = Object.freeze([]) as unknown as string[];

/**
 * One chunk's candidate lines (every line of every block but headings), read once per chunk: what
 * follows a section label written on the line ("Assessment: ..."), cleaned, and its ICD-10 codes.
 * The sections (known only for the whole note) are applied by `noteDiagnoses`.
 */
function diagnosisLines(prose: string, data: ChunkData): DiagnosisLine[] {
  const out: DiagnosisLine[] = [];
  const lines = new LineIndex(prose);
  const labels = data.labels.map((l) => l.label).sort((a, b) => a.start - b.start);
  for (const block of data.blocks) {
    if (block.kind === "heading") continue;
    for (const { start: ls, end: le } of blockLines(lines, block)) {
      if (!/\S/.test(prose.slice(ls, le))) continue;
      // A label on this line opens the section the line is in: the diagnosis is what follows it.
      const label = labels[lastStartingAt(labels, ls)];
      const body = label && ls < label.end && label.end <= le ? label.end : ls;
      const codes = icd10Codes(prose.slice(body, le));
      out.push({ start: ls, end: le, body, icd10: codes.length ? codes : NO_CODES });
    }
  }
  return out;
}

/** Diagnoses of the note: the assessment's lines, and lines elsewhere (not the plan) that carry an ICD-10 code. */
function noteDiagnoses(note: Note): { list: Diagnosis[]; infos: DxInfo[] } {
  const result = diagnosesOf(note);
  // What a request's line reads of them: their texts and codes (not their lines).
  readValue(diagnosesKey, result.key);
  return result;
}

/** The note's diagnoses as one string, equal when their texts and codes are (reads.ts). */
function diagnosesKey(note: Note): string {
  return diagnosesOf(note).key;
}

function diagnosesOf(note: Note): { list: Diagnosis[]; infos: DxInfo[]; key: string } {
  const cached = diagnosesCache.get(note);
  if (cached) return cached;
  const out: Diagnosis[] = [];
  const infos: DxInfo[] = [];
  const seen = new Set<number>();
  const sections = note.sections;
  let si = 0;
  for (const part of note.parts ?? []) {
    for (const candidate of chunkDerived(part.data, diagnosisLines)) {
      // Candidates come in order: the section is found by walking the sections along.
      const start = candidate.start + part.start;
      while (si + 1 < sections.length && sections[si + 1].start <= start) si++;
      const section = sections[si];
      if (section.kind === "plan") continue;
      if (section.kind !== "assessment" && candidate.icd10.length === 0) continue;
      const text = (candidate.text ??= cleanDiagnosis(part.data.prose.slice(candidate.body, candidate.end)));
      if (!text || text.length < 3) continue;
      const line = note.lines.position(start).line;
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({ text, icd10: candidate.icd10, line });
      infos.push((candidate.info ??= readDxInfo(text)));
    }
  }
  const result = { list: out, infos, key: JSON.stringify(out.map((d) => [d.text, d.icd10])) };
  diagnosesCache.set(note, result);
  return result;
}

/** What each service is usually requested for (matching a diagnosis to a request). */
const SERVICE_DX: Partial<Record<ServiceKey, RegExp>> = {
  tpi: /myofascial|trigger point|myalgia|myositis|M79\.1/i,
  esi: /radicul|sciatica|stenosis|herniat|\bhnp\b|disc|disk|M54\.1|M51\.1|M50\.1|M48\.0/i,
  facet: /facet|spondylosis|arthropathy|axial|M47\.8|M47\.2/i,
  sij: /sacroili|\bsi joint|M53\.3|M46\.1|S33\.6/i,
  massage: /strain|sprain|myofascial|spasm|myalgia|pain/i,
  pt: /strain|sprain|pain|weakness|stiffness|tendin|bursitis|impingement|radicul|myofascial/i,
  chiro: /strain|sprain|segmental|subluxation|pain|M99/i,
  acupuncture: /pain|strain|sprain|myofascial/i,
  opioids: /pain|radicul|neuropath|strain|sprain|G89/i,
  "muscle-relaxant": /spasm|strain|sprain|myofascial/i,
  benzodiazepines: /anxiety|panic|insomnia|spasm/i,
  "nsaid-ppi": /gerd|reflux|gastritis|dyspepsia|ulcer|K21|K29|K30|pain|arthritis|strain|sprain/i,
  topical: /pain|neuropath|arthritis|strain|sprain/i,
  aed: /neuropath|radicul|neuralgia|G89|M54\.1/i,
  "sleep-aid": /insomnia|sleep|G47|F51/i,
  imaging: /radicul|stenosis|herniat|disc|pain|tear|injury|neuropath/i,
  tens: /pain|radicul|neuropath/i,
  frp: /chronic pain|G89|pain syndrome/i,
};

type Region = "cervical" | "thoracic" | "lumbar" | "sacral" | "pelvic";

const REGION_WORDS: Array<[Region, RegExp]> = [
  ["cervical", /\b(?:cervical|neck|c-spine|cervicothoracic|trapezius|levator scapulae|scalenes?|suboccipital)\b/i],
  ["thoracic", /\b(?:thoracic|mid[- ]back|upper back|t-spine|thoracolumbar|cervicothoracic|rhomboids?)\b/i],
  ["lumbar", /\b(?:lumbar|lumbosacral|low(?:er)? back|l-spine|thoracolumbar|quadratus lumborum|lbp)\b/i],
  ["sacral", /\b(?:sacral|sacrum|lumbosacral|coccy\w*)\b/i],
  ["pelvic", /\b(?:pelvi\w*|sacroiliac|si joints?|piriformis|gluteal|gluteus)\b/i],
];

const PARTS =
  /\b(?:(?:bilateral|left|right|lt|rt)\s+)?(?:cervical(?: spine| paraspinals?)?|neck|thoracic(?: spine)?|mid[- ]back|upper back|lumbar(?: spine| paraspinals?)?|lumbosacral(?: spine)?|low(?:er)? back|sacroiliac joints?|si joints?|sacrum|shoulders?|knees?|hips?|wrists?|hands?|elbows?|ankles?|feet|foot|(?:upper|lower) (?:extremit(?:y|ies)|limbs?)|arms?|legs?|trapezius|levator scapulae|rhomboids?|paraspinals?|quadratus lumborum|gluteus (?:medius|maximus|minimus)|gluteals?|piriformis|tibialis anterior|infraspinatus|supraspinatus|scalenes?|splenius(?: capitis)?|sternocleidomastoid|latissimus(?: dorsi)?|erector spinae|multifidus|suboccipitals?|teres (?:major|minor)|deltoid|pectoralis(?: major| minor)?|iliopsoas|tensor fasciae? latae?)\b/gi;

const MUSCLES =
  /\b(?:trapezius|levator scapulae|rhomboids?|paraspinals?|quadratus lumborum|gluteus (?:medius|maximus|minimus)|piriformis|tibialis anterior|infraspinatus|supraspinatus|scalenes?|splenius(?: capitis)?|sternocleidomastoid|latissimus(?: dorsi)?|erector spinae|multifidus|suboccipitals?|teres (?:major|minor)|deltoid|pectoralis(?: major| minor)?|iliopsoas|tensor fasciae? latae?)\b/gi;

function regionsOf(text: string, levelLetters: string[]): Set<Region> {
  const out = new Set<Region>();
  for (const [r, re] of REGION_WORDS) if (re.test(text)) out.add(r);
  for (const l of levelLetters) {
    if (l === "C") out.add("cervical");
    if (l === "T") out.add("thoracic");
    if (l === "L") out.add("lumbar");
    if (l === "S") out.add("sacral");
  }
  return out;
}

function keywordMatch(service: ServiceKey, d: Diagnosis, info: DxInfo): boolean {
  let hit = info.keywords.get(service);
  if (hit === undefined) {
    const keyword = SERVICE_DX[service];
    hit = !!keyword && (keyword.test(d.text) || d.icd10.some((c) => keyword.test(c)));
    info.keywords.set(service, hit);
  }
  return hit;
}

function matchDiagnosis(
  service: ServiceKey,
  lineText: string,
  lineRegions: Set<Region>,
  lateral: string | undefined,
  { list: dxs, infos }: { list: Diagnosis[]; infos: DxInfo[] },
): (Diagnosis & { matchedBy: DiagnosisMatch }) | undefined {
  // A diagnosis written in the request line itself wins.
  const inLine = icd10Codes(lineText);
  if (inLine.length) {
    const known = dxs.find((d) => d.icd10.some((c) => inLine.includes(c)));
    const forPhrase = /\bfor\s+([^();,]{3,80}?)\s*(?:\(|$|;|,)/i.exec(lineText.replace(ICD10, "").replace(/\(\s*\)/g, ""))?.[1];
    return { text: known?.text ?? cleanDiagnosis(forPhrase ?? "") ?? "", icd10: inLine, line: known?.line ?? 0, matchedBy: "request line" };
  }
  if (!dxs.length) return undefined;
  let best: { d: Diagnosis; score: number; by: DiagnosisMatch } | undefined;
  const regions = [...lineRegions];
  for (let i = 0; i < dxs.length; i++) {
    const d = dxs[i];
    const info = infos[i];
    let score = 0;
    const kw = keywordMatch(service, d, info);
    if (kw) score += 2;
    const dxRegions = info.regions;
    const shared = regions.some((r) => dxRegions.has(r));
    const conflict = lineRegions.size > 0 && dxRegions.size > 0 && !shared;
    if (shared) score += 2;
    if (conflict) score -= 3;
    const dxLat = info.laterality;
    if (lateral && dxLat && (dxLat === lateral || dxLat === "bilateral" || lateral === "bilateral")) score += 1;
    if (d.icd10.length) score += 0.5;
    const by: DiagnosisMatch = kw && shared ? "service and body region" : kw ? "service" : shared ? "body region" : "primary diagnosis";
    if (score >= 2 && (!best || score > best.score)) best = { d, score, by };
  }
  if (best) return { ...best.d, matchedBy: best.by };
  // Nothing matches: the only diagnosis, or the first coded one (the physician confirms it).
  const coded = dxs.findIndex((d) => d.icd10.length);
  const at = dxs.length === 1 || coded < 0 ? 0 : coded;
  const fallback = dxs[at];
  const dxRegions = infos[at].regions;
  if (lineRegions.size > 0 && dxRegions.size > 0 && ![...lineRegions].some((r) => dxRegions.has(r))) return undefined;
  return { ...fallback, matchedBy: dxs.length === 1 ? "only diagnosis" : "primary diagnosis" };
}

// ---------------------------------------------------------------------------------------------
// Frequency, duration, quantity.

const VISIT_SERVICES: ReadonlySet<ServiceKey> = new Set(["pt", "chiro", "acupuncture", "massage", "frp"]);
/** Services requested as one procedure or item unless the line says otherwise. */
const ONE_OFF_SERVICES: ReadonlySet<ServiceKey> = new Set(["esi", "facet", "sij", "imaging", "tens", "tpi"]);
const OPEN_ENDED = /\b(?:prn|p\.r\.n\.?|as needed|as necessary|tbd|to be determined|as tolerated|ongoing|open[- ]ended|indefinite(?:ly)?|until (?:better|improved)|when needed)\b/i;

const NUM = "(\\d{1,2}|one|two|three|four|five|six|twice|once)";
const WEEKLY = new RegExp(`\\b${NUM}\\s*(?:(?:x|×|times)\\s*)?(?:\\/\\s*|a\\s+|per\\s+|each\\s+)?(?:w(?:ee)?k|weekly)\\b|\\b(twice|once)\\s+(?:a\\s+|per\\s+)?week(?:ly)?\\b`, "i");
const FXW = /\b(\d{1,2})\s*(?:x|×)\s*(\d{1,2})(?!\s*(?:mm|cm|mg|ml|\/|\d))\b/i;
const DURATION = /(?:\bx\s*|\bfor\s+|\bover\s+)(\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)\s*(w(?:ee)?ks?|weeks?|months?|mos?|days?)\b/i;
const WORDS: Record<string, number> = { one: 1, once: 1, two: 2, twice: 2, three: 3, four: 4, five: 5, six: 6, eight: 8, ten: 10, twelve: 12 };
const n = (s: string) => WORDS[s.toLowerCase()] ?? Number(s);

function plural(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
}

function unitName(u: string): string {
  if (/^w/i.test(u)) return "week";
  if (/^mo/i.test(u)) return "month";
  return "day";
}

interface Qfd {
  frequency?: string;
  duration?: string;
  quantity?: string;
  quantityValue?: number;
}

function visitsQfd(text: string): Qfd {
  const out: Qfd = {};
  const counts = parseCounts(text);
  const weekly = WEEKLY.exec(text);
  const fxw = FXW.exec(text);
  const dur = DURATION.exec(text);
  if (weekly) out.frequency = `${n(weekly[1] ?? weekly[2])}x/week`;
  else if (fxw) out.frequency = `${Number(fxw[1])}x/week`;
  if (dur) out.duration = plural(n(dur[1]), unitName(dur[2]));
  else if (fxw && !weekly) out.duration = plural(Number(fxw[2]), "week");
  if (counts.visits !== undefined) {
    out.quantityValue = counts.visits;
    out.quantity = plural(counts.visits, "visit");
  } else if (weekly && dur) {
    const weeks = /^w/i.test(dur[2]) ? n(dur[1]) : /^mo/i.test(dur[2]) ? n(dur[1]) * 4 : undefined;
    if (weeks) {
      out.quantityValue = n(weekly[1] ?? weekly[2]) * weeks;
      out.quantity = plural(out.quantityValue, "visit");
    }
  }
  return out;
}

function drugQfd(regimen: Regimen): Qfd {
  const out: Qfd = {};
  const perDose = regimen.unitsPerDose;
  if (regimen.dosesPerDay !== undefined) {
    const times = regimen.dosesPerDay === 1 ? "once a day" : regimen.dosesPerDay === 2 ? "twice a day" : `${regimen.dosesPerDay} times a day`;
    out.frequency = [perDose ? `${perDose} per dose` : undefined, times, regimen.prn ? "as needed" : undefined].filter(Boolean).join(", ");
  } else if (regimen.prn) out.frequency = "as needed";
  const supply = daysSupply(regimen);
  if (regimen.courseDays !== undefined && regimen.quantity === undefined) out.duration = plural(Math.round(regimen.courseDays), "day");
  else if (supply !== undefined) out.duration = `${supply}-day supply`;
  if (regimen.quantity !== undefined) {
    out.quantityValue = regimen.quantity;
    out.quantity = `#${regimen.quantity}${regimen.refills ? `, ${plural(regimen.refills, "refill")}` : ""}`;
  }
  return out;
}

function procedureQfd(service: ServiceKey, text: string, levels: number, sides: number, muscles: number | undefined): Qfd {
  const out: Qfd = {};
  const counts = parseCounts(text);
  // "TPIs prn", "injections as needed": open-ended unless a number of sessions is written.
  const open = OPEN_ENDED.test(text) && counts.sessions === undefined;
  const parts: string[] = [];
  if (counts.sessions !== undefined) parts.push(plural(counts.sessions, "session"));
  else if (!open) parts.push(service === "imaging" ? "1 study" : service === "tens" ? "1 unit" : "1 session");
  if (service === "tpi") {
    if (counts.injections !== undefined) parts.push(plural(counts.injections, "injection"));
    else if (muscles) parts.push(plural(muscles, "muscle"));
  } else if ((service === "esi" || service === "facet") && levels) {
    parts.push(`${plural(levels, "level")}${sides === 2 ? ", bilateral" : ""}`);
  }
  if (open) out.frequency = "as needed";
  else out.quantityValue = counts.sessions ?? 1;
  if (parts.length) out.quantity = parts.join(", ");
  const dur = DURATION.exec(text);
  if (dur) out.duration = plural(n(dur[1]), unitName(dur[2]));
  if (/\brent(?:al)?\b/i.test(text)) out.frequency = "rental";
  else if (/\bpurchase\b/i.test(text)) out.frequency = "purchase";
  return out;
}

// ---------------------------------------------------------------------------------------------

function countMuscles(text: string, bilateral: boolean): number | undefined {
  const found = new Set<string>();
  MUSCLES.lastIndex = 0;
  for (let m = MUSCLES.exec(text); m; m = MUSCLES.exec(text)) found.add(m[0].toLowerCase().replace(/s$/, ""));
  if (!found.size) return undefined;
  return found.size * (bilateral ? 2 : 1);
}

function bodyPartsOf(text: string): string | undefined {
  const parts: string[] = [];
  PARTS.lastIndex = 0;
  for (let m = PARTS.exec(text); m; m = PARTS.exec(text)) {
    const p = m[0].replace(/\s+/g, " ").trim();
    if (!parts.some((x) => x.toLowerCase() === p.toLowerCase())) parts.push(p);
  }
  return parts.length ? parts.join(", ") : undefined;
}

/** The request line's text: the block of the request, as prose. */
export function requestLineText(note: Note, r: FoundRequest): string {
  return note.prose.slice(r.block.start, r.block.end).replace(/\s+/g, " ").trim();
}

/** Resolves the RFA line of one request. `regimen` is the drug's merged regimen (drug requests). */
export function resolveLine(note: Note, r: FoundRequest, regimen?: Regimen): RfaLine {
  const text = requestLineText(note, r);
  const service = r.service;
  const reading = parseLevels(text);
  const levelLetters = [...reading.segments, ...reading.roots].map((s) => s[0]);
  const regions = regionsOf(text, levelLetters);
  const drug = DRUG_SERVICES.has(service);
  const laterality = reading.laterality;
  const muscles = service === "tpi" ? countMuscles(text, laterality === "bilateral") : undefined;
  const counts = parseCounts(text);
  const facts: CodeFacts = {
    text,
    regions,
    approach: reading.approach,
    levels: reading.levels,
    muscles,
    injections: counts.injections,
  };
  const diagnosis = matchDiagnosis(service, text, regions, laterality, noteDiagnoses(note));
  // The body part: named in the line, else the levels' region, else the diagnosis's region.
  let bodyPart = bodyPartsOf(text);
  if (!bodyPart && regions.size) bodyPart = [...regions].join(", ");
  if (!bodyPart && diagnosis && !drug) {
    const dxRegions = regionsOf(diagnosis.text, []);
    bodyPart = bodyPartsOf(diagnosis.text) ?? (dxRegions.size ? [...dxRegions].join(", ") : undefined);
    if (dxRegions.size) for (const r2 of dxRegions) facts.regions.add(r2);
  }
  const resolution = resolveCodes(service, facts);
  const qfd = drug
    ? drugQfd(regimen ?? parseRegimen(text))
    : VISIT_SERVICES.has(service)
      ? visitsQfd(text)
      : ONE_OFF_SERVICES.has(service)
        ? procedureQfd(service, text, reading.levels, reading.sides, muscles)
        : {};
  const levels = reading.segments.length ? reading.segments : reading.roots;

  const missing: string[] = [];
  if (!diagnosis || !diagnosis.icd10.length) missing.push("a diagnosis with its ICD-10 code");
  if (!resolution.notApplicable && !resolution.codes.length) missing.push("the CPT/HCPCS code");
  const drugSpecific = drug && (qfd.quantityValue !== undefined || (regimen?.dosesPerDay !== undefined && regimen?.courseDays !== undefined));
  const visitsSpecific = VISIT_SERVICES.has(service) && qfd.quantityValue !== undefined;
  const procSpecific = ONE_OFF_SERVICES.has(service) && qfd.quantityValue !== undefined;
  if (!(drugSpecific || visitsSpecific || procSpecific)) missing.push("the quantity, frequency and duration");
  if (!drug && !bodyPart && !levels.length) missing.push("the body part");

  const line: RfaLine = {
    service,
    procedure: text.replace(/^\s*(?:\d+[.)]|[-*+•])\s*/, "").replace(/^(?:rfa|request(?:ing)?(?: authorization)?(?: for)?)\s*(?::\s*)?/i, "").slice(0, 200),
    line: note.lines.position(r.mention.start).line,
    codes: resolution.codes,
    codeNotApplicable: !!resolution.notApplicable,
    levels,
    missing,
  };
  if (r.item) line.item = r.item;
  if (diagnosis) line.diagnosis = diagnosis;
  if (resolution.needs) line.codeNeeds = resolution.needs;
  if (bodyPart) line.bodyPart = bodyPart;
  if (laterality) line.laterality = laterality;
  if (qfd.frequency) line.frequency = qfd.frequency;
  if (qfd.duration) line.duration = qfd.duration;
  if (qfd.quantity) line.quantity = qfd.quantity;
  if (qfd.quantityValue !== undefined) line.quantityValue = qfd.quantityValue;
  return line;
}

/** The numbers the rfa.specific-request criterion reads (a fact is absent when the element is missing). */
export function lineFacts(line: RfaLine): { rfaCode?: number; rfaDiagnosis?: number; rfaQuantity?: number; rfaBodyPart?: number } {
  const out: { rfaCode?: number; rfaDiagnosis?: number; rfaQuantity?: number; rfaBodyPart?: number } = {};
  if (line.codeNotApplicable) out.rfaCode = 0;
  else if (line.codes.length) out.rfaCode = line.codes.length;
  if (line.diagnosis?.icd10.length) out.rfaDiagnosis = line.diagnosis.icd10.length;
  if (!line.missing.includes("the quantity, frequency and duration")) out.rfaQuantity = line.quantityValue ?? 1;
  if (!line.missing.includes("the body part")) out.rfaBodyPart = DRUG_SERVICES.has(line.service) ? 0 : 1;
  return out;
}

/**
 * Text (a VS Code snippet) that completes a request line with what it lacks, appended at the end of
 * the line: the diagnosis with its ICD-10 code, the CPT/HCPCS code, the quantity with frequency and
 * duration, the body part. Defaults are descriptions (or the note's own diagnosis), never invented
 * codes. Undefined when nothing is missing.
 */
export function completionSnippet(line: RfaLine): string | undefined {
  if (!line.missing.length) return undefined;
  let n = 0;
  const stop = (label: string) => `\${${++n}:${label.replace(/[$}\\]/g, "")}}`;
  const parts: string[] = [];
  for (const m of line.missing) {
    if (m.startsWith("a diagnosis")) parts.push(`for ${stop(line.diagnosis?.text || "diagnosis")} (${stop("ICD-10 code")})`);
    else if (m.startsWith("the CPT")) parts.push(`CPT ${stop(line.codeNeeds ? `code: ${line.codeNeeds}` : "code")}`);
    else if (m.startsWith("the quantity")) {
      if (DRUG_SERVICES.has(line.service)) parts.push(`${stop("sig")} #${stop("quantity")}`);
      else if (ONE_OFF_SERVICES.has(line.service)) parts.push(`x${stop("1")} session`);
      else parts.push(`${stop("quantity")} ${stop("frequency")} x ${stop("duration")}`);
    }
    else if (m.startsWith("the body part")) parts.push(stop("body part, level, side"));
  }
  return `; ${parts.join("; ")}`;
}
