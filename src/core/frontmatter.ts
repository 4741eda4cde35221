// The RFA header: who the employee, the requesting physician and the claims administrator are.
// Read from a YAML front matter block at the top of the note (documented schema below, parsed
// with js-yaml under the failsafe schema, every scalar kept as a string so claim numbers keep their zeros), and,
// for fields the front matter does not give, from the labelled lines notes commonly carry
// ("Claim #:", "DOI:", "Employer:"). Pure: text in, plain data out.
//
// ---
// patient: Jane Q. Sample            # employee name
// date_of_birth: 01/31/1970
// date_of_injury: 03/02/2025
// claim_number: ABC-0012345
// employer: Example Logistics Inc.
// date_of_service: 10/14/2026         # optional (else read from the note)
// rfa_date: 10/16/2026                # optional: the date of the request
// request: new                        # new | resubmission; optional
// expedited: false                    # optional
// oral_confirmation: false            # optional: written confirmation of an oral request
// physician:
//   name: Alex Example, MD
//   practice: Example Pain Medicine
//   address: 100 Main St, Sacramento, CA 95814
//   phone: (916) 555-0100
//   fax: (916) 555-0101
//   specialty: Physical Medicine and Rehabilitation
//   license: A 123456
//   npi: "1234567893"
// claims_administrator:
//   name: Example Claims Services
//   adjuster: Pat Adjuster
//   address: PO Box 1, Fresno, CA 93701
//   phone: (559) 555-0102               # optional
//   fax: (559) 555-0103
// ---
import { FAILSAFE_SCHEMA, load } from "js-yaml";
import type { Position } from "./types";
import { FIELD_PLACEHOLDERS, frontMatterSnippet } from "./skeleton";

export { FIELD_PLACEHOLDERS, frontMatterSnippet } from "./skeleton";

export type HeaderGroup = "employee" | "physician" | "claimsAdministrator";

export interface HeaderFieldDef {
  /** Stable key, e.g. "claim_number", "physician.npi". Diagnostics use `rfa-header.<key>`. */
  key: string;
  group: HeaderGroup;
  /** The field's name on the DWC Form RFA. */
  label: string;
  /** Required for a complete form (phone of the claims administrator is optional). */
  required: boolean;
  /** Front matter aliases (normalised: lower case, spaces and dashes as underscores). */
  aliases: string[];
  /** Labels of lines in the note that carry the field ("Claim #:"). Regex sources, case-insensitive. */
  labels: string[];
}

/** The schema, in the form's order. */
export const HEADER_FIELDS: readonly HeaderFieldDef[] = [
  { key: "patient", group: "employee", label: "Employee name", required: true, aliases: ["patient", "employee", "patient_name", "employee_name", "name", "applicant", "claimant"], labels: ["patient(?: name)?", "employee(?: name)?", "applicant", "claimant", "injured worker", "pt name"] },
  { key: "date_of_birth", group: "employee", label: "Date of birth", required: true, aliases: ["date_of_birth", "dob", "birth_date", "birthdate"], labels: ["dob", "d\\.o\\.b\\.?", "date of birth", "birth ?date"] },
  { key: "date_of_injury", group: "employee", label: "Date of injury", required: true, aliases: ["date_of_injury", "doi", "injury_date"], labels: ["doi", "d\\.o\\.i\\.?", "date of injury", "injury date", "date of loss"] },
  { key: "claim_number", group: "employee", label: "Claim number", required: true, aliases: ["claim_number", "claim", "claim_no", "claim_num", "claim_#", "claimno", "wc_claim"], labels: ["claim ?(?:#|no\\.?|num(?:ber)?|number)", "claim", "wc claim ?#?"] },
  { key: "employer", group: "employee", label: "Employer", required: true, aliases: ["employer", "employer_name"], labels: ["employer"] },
  { key: "physician.name", group: "physician", label: "Physician name", required: true, aliases: ["physician", "physician_name", "provider", "provider_name", "doctor", "treating_physician", "requesting_physician"], labels: ["(?:treating |requesting |primary treating )?physician", "provider(?: name)?", "ptp", "doctor"] },
  { key: "physician.practice", group: "physician", label: "Practice name", required: true, aliases: ["practice", "practice_name", "clinic", "physician_practice"], labels: ["practice(?: name)?", "clinic"] },
  { key: "physician.address", group: "physician", label: "Physician address", required: true, aliases: ["address", "physician_address", "practice_address", "provider_address"], labels: ["(?:practice |provider |physician |office )?address"] },
  { key: "physician.phone", group: "physician", label: "Physician phone", required: true, aliases: ["phone", "telephone", "tel", "physician_phone", "provider_phone", "practice_phone"], labels: ["(?:practice |provider |physician |office )?(?:phone|tel(?:ephone)?|ph)"] },
  { key: "physician.fax", group: "physician", label: "Physician fax", required: true, aliases: ["fax", "physician_fax", "provider_fax", "practice_fax"], labels: ["(?:practice |provider |physician |office )?fax"] },
  { key: "physician.specialty", group: "physician", label: "Specialty", required: true, aliases: ["specialty", "speciality", "physician_specialty"], labels: ["speciality", "specialty"] },
  { key: "physician.license", group: "physician", label: "State license number", required: true, aliases: ["license", "license_number", "licence", "state_license", "lic", "lic_no", "physician_license"], labels: ["(?:state )?licen[cs]e(?: ?(?:#|no\\.?|number))?", "lic\\.? ?#?"] },
  { key: "physician.npi", group: "physician", label: "NPI number", required: true, aliases: ["npi", "npi_number", "physician_npi"], labels: ["npi(?: ?(?:#|no\\.?|number))?"] },
  { key: "claims_administrator.name", group: "claimsAdministrator", label: "Claims administrator", required: true, aliases: ["claims_administrator", "claims_admin", "carrier", "insurer", "tpa", "insurance", "administrator", "company", "name"], labels: ["claims? administrator", "claims admin", "carrier", "insurer", "insurance(?: carrier)?", "tpa"] },
  { key: "claims_administrator.adjuster", group: "claimsAdministrator", label: "Adjuster", required: true, aliases: ["adjuster", "adjustor", "contact", "contact_name", "adjuster_name"], labels: ["adjust[eo]r(?: name)?", "claims examiner", "examiner"] },
  { key: "claims_administrator.address", group: "claimsAdministrator", label: "Claims administrator address", required: true, aliases: ["address", "adjuster_address", "carrier_address", "claims_address"], labels: ["(?:adjust[eo]r|carrier|insurer|claims(?: administrator)?|tpa) address"] },
  { key: "claims_administrator.phone", group: "claimsAdministrator", label: "Claims administrator phone", required: false, aliases: ["phone", "telephone", "tel", "adjuster_phone", "carrier_phone"], labels: ["(?:adjust[eo]r|carrier|insurer|claims(?: administrator)?|tpa) (?:phone|tel(?:ephone)?|ph)"] },
  { key: "claims_administrator.fax", group: "claimsAdministrator", label: "Claims administrator fax", required: true, aliases: ["fax", "adjuster_fax", "carrier_fax", "claims_fax"], labels: ["(?:adjust[eo]r|carrier|insurer|claims(?: administrator)?|tpa) fax"] },
];

export interface FrontMatter {
  /** The block's source span, `---` to `---` inclusive (offsets into the note). */
  start: number;
  end: number;
  /** Offset just before the closing `---` line (where a key is appended). */
  insertAt: number;
  /** Parsed top-level mapping (strings, nested mappings); undefined when the YAML is not a mapping. */
  data?: Record<string, unknown>;
  /** One line describing why nothing could be read, when nothing could (never quotes the note). */
  error?: string;
  /**
   * Fields that could not be read (an unknown tag such as `!custom`, a syntax error), each by its
   * key ("employer", "physician.npi") and 1-based line in the note; the other fields are kept.
   */
  badFields?: Array<{ key: string; line: number }>;
}

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/m;
const YAML_OPTIONS = { schema: FAILSAFE_SCHEMA, json: true } as const;

/** Finds the front matter block: `---` on the first line, closed by `---` or `...` (LF, CRLF or CR line ends). */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const bodyStart = open[0].length;
  const rest = text.slice(bodyStart);
  const close = CLOSE.exec(rest);
  if (!close) return undefined;
  const insertAt = bodyStart + close.index;
  const end = insertAt + close[0].length;
  const fm: FrontMatter = { start: 0, end, insertAt };
  const yamlText = text.slice(bodyStart, insertAt);
  try {
    const value: unknown = load(yamlText, YAML_OPTIONS);
    if (isMapping(value)) fm.data = value;
    else if (value !== null && value !== undefined) fm.error = "the front matter is not a list of `key: value` lines";
  } catch {
    // One bad field must not lose the others: read the block field by field.
    const firstLine = lineCount(text.slice(0, bodyStart)) + 1;
    const read = readFieldByField(yamlText.split(/\r\n|\r|\n/), firstLine);
    if (read.bad.length) fm.badFields = read.bad;
    if (Object.keys(read.data).length) fm.data = read.data;
    else fm.error = "the front matter is not valid YAML";
  }
  return fm;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function lineCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === "\n" || (s[i] === "\r" && s[i + 1] !== "\n")) n++;
  return n;
}

/** The key a YAML entry line starts with ("employer" for `employer: !custom x`), for the report. */
function entryKey(line: string): string {
  const m = /^\s*(?:"([^"]{1,60})"|'([^']{1,60})'|([^:#\s][^:#]{0,59}?))\s*:/.exec(line);
  const key = m?.[1] ?? m?.[2] ?? m?.[3];
  return key ? norm(key).slice(0, 40) : "";
}

/**
 * Reads `lines` (a YAML mapping) one entry at a time: an entry is a line at the block's indent with
 * the lines indented under it. An entry that fails is read again child by child (a group such as
 * `physician:`), so only the bad leaf is lost. Linear in the lines: each is parsed at most twice.
 */
function readFieldByField(lines: string[], firstLine: number, prefix = ""): { data: Record<string, unknown>; bad: Array<{ key: string; line: number }> } {
  const data: Record<string, unknown> = {};
  const bad: Array<{ key: string; line: number }> = [];
  const indentOf = (l: string) => /^[ \t]*/.exec(l)![0].length;
  const content = (l: string) => /\S/.test(l) && !/^\s*#/.test(l);
  const first = lines.findIndex(content);
  if (first < 0) return { data, bad };
  const indent = indentOf(lines[first]);
  let i = first;
  while (i < lines.length) {
    if (!content(lines[i]) || indentOf(lines[i]) !== indent) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && (!content(lines[j]) || indentOf(lines[j]) > indent)) j++;
    const entry = lines.slice(i, j).map((l) => l.slice(Math.min(indent, indentOf(l))));
    const key = entryKey(lines[i]);
    try {
      const value: unknown = load(entry.join("\n"), YAML_OPTIONS);
      if (!isMapping(value)) throw new Error("not a mapping");
      for (const [k, v] of Object.entries(value)) if (!(k in data)) data[k] = v;
    } catch {
      const children = entry.slice(1);
      const head = /^([^:#]*[^:#\s]|\s)\s*:\s*(?:#.*)?$/.exec(entry[0]);
      if (head && children.some(content) && !prefix) {
        // A group (one level, as in the schema): its children one by one.
        const inner = readFieldByField(children, firstLine + i + 1, `${prefix}${key}.`);
        bad.push(...inner.bad);
        if (Object.keys(inner.data).length && !(head[1].trim() in data)) data[head[1].trim()] = inner.data;
      } else {
        bad.push({ key: `${prefix}${key || `line ${firstLine + i}`}`, line: firstLine + i });
      }
    }
    i = j;
  }
  return { data, bad };
}

/** The note with its front matter blanked (same length, line breaks kept) so offsets stay valid. */
export function maskFrontMatter(text: string): string {
  const fm = findFrontMatter(text);
  if (!fm) return text;
  return text.slice(0, fm.end).replace(/[^\r\n]/g, " ") + text.slice(fm.end);
}

function norm(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    const s = v.replace(/\s+/g, " ").trim();
    return s ? s : undefined;
  }
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

function normalisedMap(v: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, val] of Object.entries(v)) out.set(norm(k), val);
  return out;
}

const GROUP_KEYS: Record<HeaderGroup, string[]> = {
  employee: ["employee", "patient"],
  physician: ["physician", "provider", "requesting_physician", "treating_physician", "doctor"],
  claimsAdministrator: ["claims_administrator", "claims_admin", "carrier", "insurer", "administrator", "tpa"],
};

export interface HeaderValue {
  value: string;
  source: "front-matter" | "note";
  /** 1-based line of the value in the note. */
  line?: number;
}

/** Keys that name a different thing in each group: never read flat at the top level. */
const AMBIGUOUS = new Set(["name", "address", "phone", "telephone", "tel", "fax", "company", "contact", "contact_name", "administrator", "insurance"]);

/** Values read from the front matter, by field key (plus the optional request fields). */
export function frontMatterValues(fm: FrontMatter | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!fm?.data) return out;
  const top = normalisedMap(fm.data);
  for (const field of HEADER_FIELDS) {
    const [groupKey, leafKey] = field.key.includes(".") ? field.key.split(".") : [undefined, field.key];
    let value: string | undefined;
    if (groupKey) {
      for (const g of GROUP_KEYS[field.group]) {
        const group = top.get(g);
        if (group && typeof group === "object") {
          const map = normalisedMap(group);
          for (const alias of [leafKey, ...field.aliases]) value ??= scalar(map.get(alias));
        } else if (leafKey === "name") {
          // A scalar group key is the name: `physician: Alex Example, MD`.
          value ??= scalar(group);
        }
      }
      // Flat keys: physician_npi, claims_administrator_fax, npi, adjuster.
      for (const alias of [`${groupKey}_${leafKey}`, ...field.aliases]) {
        if (AMBIGUOUS.has(alias) || GROUP_KEYS[field.group].includes(alias)) continue;
        value ??= scalar(top.get(alias));
      }
    } else {
      for (const alias of [leafKey, ...field.aliases]) {
        if (alias === "name") continue;
        const v = top.get(alias);
        value ??= scalar(v);
        // `patient: { name: ... }` or `employee: { name: ... }`
        if (!value && v && typeof v === "object") value = scalar(normalisedMap(v).get("name"));
      }
    }
    if (value) out.set(field.key, value);
  }
  // Employee fields nested under `patient:` / `employee:`.
  for (const g of GROUP_KEYS.employee) {
    const group = top.get(g);
    if (!group || typeof group !== "object") continue;
    const map = normalisedMap(group);
    for (const field of HEADER_FIELDS.filter((f) => f.group === "employee")) {
      if (out.has(field.key)) continue;
      for (const alias of [field.key, ...field.aliases]) {
        const v = scalar(map.get(alias));
        if (v) {
          out.set(field.key, v);
          break;
        }
      }
    }
  }
  for (const k of ["date_of_service", "dos", "visit_date", "rfa_date", "date_of_request", "request_date", "request", "request_type", "expedited", "oral_confirmation"]) {
    const v = scalar(top.get(k));
    if (v) out.set(k, v);
  }
  return out;
}

const NEUTRAL_GROUP_LABEL = /^(?:address|phone|tel(?:ephone)?|ph|fax)$/i;
const GROUP_OPENERS: Array<[HeaderGroup, RegExp]> = [
  ["claimsAdministrator", /^(?:claims? administrator|claims admin|carrier|insurer|insurance(?: carrier)?|tpa|adjust[eo]r(?: name)?|claims examiner)$/i],
  ["physician", /^(?:(?:treating |requesting |primary treating )?physician|provider(?: name)?|ptp|doctor|practice(?: name)?|clinic)$/i],
  ["employee", /^(?:patient(?: name)?|employee(?: name)?|applicant|claimant|injured worker|employer)$/i],
];

const LABEL_LINE = /^[ \t>*_-]*(?:\d+[.)]\s*[*_]*)?([A-Za-z][A-Za-z .#/'()-]{0,40}?)[*_]*\s*(?::|#(?!\s*(?:[*_]+\s*)?:))\s*(?:[*_]+\s*)?(\S[^\n\r]*?)\s*$/;

/**
 * Labels written without a colon before a value that shows what it is: "DOI 10-1-2014",
 * "D.O.B. 01/31/1970", "Claim No. WC-12", "Claim # 12345". Bounded quantifiers only.
 */
const DATE_LABEL_NO_COLON = /^[ \t>*_-]{0,8}[*_]{0,3}(dob|d\.o\.b\.?|date of birth|doi|d\.o\.i\.?|date of injury)[*_]{0,3}[ \t]{1,8}(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})(?![\w/.-])[^\n\r]{0,200}$/i;
const CLAIM_NO_COLON = /^[ \t>*_-]{0,8}[*_]{0,3}(claim ?(?:no\.?|num(?:ber)?|#)|wc claim ?#?)[*_]{0,3}[ \t]{1,8}([A-Za-z0-9][A-Za-z0-9-]{0,40}\d[A-Za-z0-9-]{0,40})[ \t]{0,8}$/i;
/** Where a line splits into labelled parts: runs of spaces, tabs, " | ", ";" and ",". */
const SEPARATOR = /[ \t]{0,8}[;,][ \t]{0,8}|[ \t]{3,}|\t|[ \t]{1,8}\|[ \t]{1,8}/g;

const squash = (t: string) => t.replace(/\s+/g, " ").trim().toLowerCase();

/** Placeholder texts of the templates and of the header fixes (which name the field's label). */
const PLACEHOLDERS = new Set<string>([
  ...Object.values(FIELD_PLACEHOLDERS).map(squash),
  ...HEADER_FIELDS.map((f) => squash(f.label)),
  "mm/dd/yyyy",
  "date",
]);

/** True for a value that is a template's placeholder left as it was ("MM/DD/YYYY", "claim number"). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDERS.has(squash(value));
}

interface Segment {
  label: string;
  value: string;
}

/** Strips HTML comments from a line without a backtracking pattern (an unclosed one runs to the end). */
function stripComments(line: string): string {
  let out = "";
  let at = 0;
  for (let open = line.indexOf("<!--"); open >= 0; open = line.indexOf("<!--", at)) {
    out += line.slice(at, open);
    const close = line.indexOf("-->", open + 4);
    at = close < 0 ? line.length : close + 3;
  }
  return out + line.slice(at);
}

/**
 * A line's labelled parts: "Patient: Roe, Ann; DOB: 01/31/1970; DOI: 03/02/2025; Claim #: 12"
 * gives four. A part starts a new label after ";", tabs, wide spaces or " | " when it reads as
 * "Label: value" (or a no-colon date or claim label), and after "," only when its label is one the
 * header knows; anything else belongs to the value before it ("Roe, Ann").
 */
function segmentsOf(line: string, known: (label: string) => boolean): Segment[] {
  const pieces: Array<{ sep: string; text: string }> = [];
  let at = 0;
  let sep = "";
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(line); m; m = SEPARATOR.exec(line)) {
    if (m[0].length === 0) {
      SEPARATOR.lastIndex++;
      continue;
    }
    pieces.push({ sep, text: line.slice(at, m.index) });
    sep = m[0];
    at = m.index + m[0].length;
  }
  pieces.push({ sep, text: line.slice(at) });
  const out: Array<Segment & { raw: string }> = [];
  for (const piece of pieces) {
    const seg = readSegment(piece.text);
    const comma = piece.sep.includes(",");
    if (seg && (out.length === 0 || !comma || known(seg.label))) out.push({ ...seg, raw: piece.text });
    else if (out.length) {
      const last = out[out.length - 1];
      const joined = `${last.raw}${piece.sep}${piece.text}`;
      const reread = readSegment(joined);
      out[out.length - 1] = { ...(reread ?? last), raw: joined };
    } else if (piece.text.trim()) out.push({ label: "", value: piece.text.trim(), raw: piece.text });
  }
  return out.filter((s) => s.label).map(({ label, value }) => ({ label, value }));
}

let fields: Array<{ f: (typeof HEADER_FIELDS)[number]; res: RegExp[] }> | undefined;
function compiledFields(): Array<{ f: (typeof HEADER_FIELDS)[number]; res: RegExp[] }> {
  return (fields ??= HEADER_FIELDS.map((f) => ({ f, res: f.labels.map((l) => new RegExp(`^(?:${l})$`, "i")) })));
}

function knownLabel(label: string): boolean {
  return NEUTRAL_GROUP_LABEL.test(label) || GROUP_OPENERS.some(([, re]) => re.test(label)) || compiledFields().some(({ res }) => res.some((re) => re.test(label)));
}

/**
 * A line's labelled segments, which depend on its text alone: kept per line text, so that the
 * check run after every edit reads again only the lines it has not seen (a case file repeats many).
 */
const segmentsByLine = new Map<string, readonly Segment[]>();
const MAX_KEPT_LINES = 50_000;
function lineSegments(raw: string): readonly Segment[] {
  let segments = segmentsByLine.get(raw);
  if (!segments) {
    segments = segmentsOf(stripComments(raw), knownLabel);
    if (segmentsByLine.size >= MAX_KEPT_LINES) segmentsByLine.clear();
    // The key copied through JSON: a line sliced from a note would keep the whole note alive.
    segmentsByLine.set(raw.length > 12 ? (JSON.parse(JSON.stringify(raw)) as string) : raw, JSON.parse(JSON.stringify(segments)) as Segment[]);
  }
  return segments;
}

function readSegment(part: string): Segment | undefined {
  const m = LABEL_LINE.exec(part);
  if (m) return { label: m[1].replace(/[*_]/g, "").replace(/\s+/g, " ").trim(), value: m[2].replace(/(?<![*_`])[*_`]+$/g, "").replace(/^[*_`]+/g, "").trim() };
  const d = DATE_LABEL_NO_COLON.exec(part) ?? CLAIM_NO_COLON.exec(part);
  if (d) return { label: d[1].replace(/\s+/g, " ").trim(), value: part.slice(part.toLowerCase().indexOf(d[1].toLowerCase()) + d[1].length).replace(/^[*_ \t]+/, "").trim() };
  return undefined;
}

/**
 * Labelled lines ("Claim #: 123", "**DOI:** 01/02/2020", "DOI 10-1-2014", several on one line
 * separated by ";") in the note's header part (before the first clinical section) and, for
 * unambiguous labels, anywhere in the note. Placeholders left from a template are not values.
 */
export function labelledValues(text: string, headerEnd: number): Map<string, HeaderValue> {
  const out = new Map<string, HeaderValue>();
  let group: HeaderGroup | undefined;
  const compiled = compiledFields();
  const breaks = /\r\n|\r|\n/g;
  let offset = 0;
  for (let i = 0; offset <= text.length; i++) {
    breaks.lastIndex = offset;
    const br = breaks.exec(text);
    const raw = text.slice(offset, br ? br.index : text.length);
    const inHeader = offset < headerEnd;
    offset = br ? br.index + br[0].length : text.length + 1;
    if (!raw.trim()) continue;
    for (const { label, value } of lineSegments(raw)) {
      if (!value || /^(?:n\/?a|none|unknown|tbd|-+)$/i.test(value) || isPlaceholder(value)) continue;
      for (const [g, re] of GROUP_OPENERS) if (re.test(label)) group = g;
      const neutral = NEUTRAL_GROUP_LABEL.test(label);
      if (!inHeader && neutral) continue;
      if (neutral) {
        // "Address:", "Phone:", "Fax:" belong to the block they follow (the physician's by default).
        const leaf = /^fax$/i.test(label) ? "fax" : /^address$/i.test(label) ? "address" : "phone";
        const key = `${group === "claimsAdministrator" ? "claims_administrator" : "physician"}.${leaf}`;
        if (!out.has(key)) out.set(key, { value, source: "note", line: i + 1 });
        continue;
      }
      for (const { f, res } of compiled) {
        if (!res.some((re) => re.test(label))) continue;
        // Generic labels count only in the header part of the note.
        if (!inHeader && !/^(?:claim_number|date_of_birth|date_of_injury|employer|physician\.npi|physician\.license|claims_administrator\.(?:name|adjuster|fax|address))$/.test(f.key)) continue;
        if (!out.has(f.key)) out.set(f.key, { value, source: "note", line: i + 1 });
      }
    }
  }
  return out;
}

export interface HeaderGap {
  key: string;
  label: string;
  group: HeaderGroup;
  /** Where to insert the missing field and the text to insert (plain text, not a snippet). */
  fix: { insertAt: Position; text: string; snippet: string };
}

export interface RfaHeader {
  employee: { name?: string; dateOfBirth?: string; dateOfInjury?: string; claimNumber?: string; employer?: string };
  physician: { name?: string; practice?: string; address?: string; phone?: string; fax?: string; specialty?: string; license?: string; npi?: string };
  claimsAdministrator: { name?: string; adjuster?: string; address?: string; phone?: string; fax?: string };
  request: { type: "new" | "resubmission"; expedited: boolean; oralConfirmation: boolean };
  /** Dates written in the front matter (as written). */
  dateOfService?: string;
  rfaDate?: string;
  /** Where each value came from. */
  sources: Record<string, HeaderValue>;
  /** Required fields not found, each with an insertion fix. */
  missing: HeaderGap[];
  frontMatter?: { error?: string; badFields?: Array<{ key: string; line: number }>; range: { start: Position; end: Position } };
}

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The text of a missing field for the front matter (nested under its group when that exists). */
function gapText(field: HeaderFieldDef, fm: FrontMatter | undefined): { text: string; snippet: string } {
  const leaf = field.key.includes(".") ? field.key.split(".")[1] : field.key;
  const group = field.key.includes(".") ? field.key.split(".")[0] : undefined;
  const hasGroup = !!(group && fm?.data && normalisedMap(fm.data).get(group) && typeof normalisedMap(fm.data).get(group) === "object");
  const line = group ? (hasGroup ? `  ${leaf}: ` : `${group}:\n  ${leaf}: `) : `${leaf}: `;
  return { text: `${line.trimEnd()}\n`, snippet: `${line}\${1:${field.label.toLowerCase()}}\n` };
}

/** The front matter template with every field (a snippet with tab stops). */
export function frontMatterTemplate(): string {
  return frontMatterSnippet(1).text;
}

/** Reads the RFA header from a note; `headerEnd` is the offset where the clinical sections begin. */
export function readHeader(text: string, headerEnd = 1500): RfaHeader {
  const fm = findFrontMatter(text);
  const fromFm = frontMatterValues(fm);
  const masked = fm ? maskFrontMatter(text) : text;
  const fromNote = labelledValues(masked, Math.max(headerEnd, fm?.end ?? 0));
  const sources: Record<string, HeaderValue> = {};
  const get = (key: string): string | undefined => {
    const v = fromFm.get(key);
    if (v && !isPlaceholder(v)) {
      sources[key] = { value: v, source: "front-matter" };
      return v;
    }
    const n = fromNote.get(key);
    if (n) {
      sources[key] = n;
      return n.value;
    }
    return undefined;
  };
  const header: RfaHeader = {
    employee: {
      name: get("patient"),
      dateOfBirth: get("date_of_birth"),
      dateOfInjury: get("date_of_injury"),
      claimNumber: get("claim_number"),
      employer: get("employer"),
    },
    physician: {
      name: get("physician.name"),
      practice: get("physician.practice"),
      address: get("physician.address"),
      phone: get("physician.phone"),
      fax: get("physician.fax"),
      specialty: get("physician.specialty"),
      license: get("physician.license"),
      npi: get("physician.npi"),
    },
    claimsAdministrator: {
      name: get("claims_administrator.name"),
      adjuster: get("claims_administrator.adjuster"),
      address: get("claims_administrator.address"),
      phone: get("claims_administrator.phone"),
      fax: get("claims_administrator.fax"),
    },
    request: {
      type: /^resub/i.test(fromFm.get("request") ?? fromFm.get("request_type") ?? "") ? "resubmission" : "new",
      expedited: /^(?:true|yes|y|1)$/i.test(fromFm.get("expedited") ?? ""),
      oralConfirmation: /^(?:true|yes|y|1)$/i.test(fromFm.get("oral_confirmation") ?? ""),
    },
    sources,
    missing: [],
  };
  const dos = fromFm.get("date_of_service") ?? fromFm.get("dos") ?? fromFm.get("visit_date");
  if (dos) header.dateOfService = dos;
  const rfaDate = fromFm.get("rfa_date") ?? fromFm.get("date_of_request") ?? fromFm.get("request_date");
  if (rfaDate) header.rfaDate = rfaDate;
  if (fm) {
    header.frontMatter = { range: { start: positionAt(text, fm.start), end: positionAt(text, fm.end) } };
    if (fm.error) header.frontMatter.error = fm.error;
    if (fm.badFields?.length) header.frontMatter.badFields = fm.badFields;
  }

  for (const field of HEADER_FIELDS) {
    if (!field.required || sources[field.key]) continue;
    if (fm && !fm.error) {
      const t = gapText(field, fm);
      header.missing.push({ key: field.key, label: field.label, group: field.group, fix: { insertAt: nestedInsertAt(text, fm, field), ...t } });
    } else {
      // No (usable) front matter: the fix inserts a front matter block holding this field.
      const t = gapText(field, undefined);
      header.missing.push({
        key: field.key,
        label: field.label,
        group: field.group,
        fix: { insertAt: { line: 1, column: 1 }, text: `---\n${t.text}---\n`, snippet: `---\n${t.snippet}---\n` },
      });
    }
  }
  return header;
}

/** Where a missing field goes: after its group's last line when the group exists, else before `---`. */
function nestedInsertAt(text: string, fm: FrontMatter, field: HeaderFieldDef): Position {
  const group = field.key.includes(".") ? field.key.split(".")[0] : undefined;
  if (group) {
    const body = text.slice(0, fm.insertAt);
    const lines = body.split("\n");
    const idx = lines.findIndex((l) => new RegExp(`^${group}\\s*:\\s*$`, "i").test(l.trimEnd()));
    if (idx >= 0) {
      let last = idx;
      for (let i = idx + 1; i < lines.length; i++) {
        if (/^\s+\S/.test(lines[i])) last = i;
        else if (lines[i].trim() === "") continue;
        else break;
      }
      return { line: last + 2, column: 1 };
    }
  }
  return positionAt(text, fm.insertAt);
}

// ---------------------------------------------------------------------------------------------
// Header gaps as editor diagnostics (the extension shows them with code `rfa-header.<key>`; they
// are not catalogue criteria and never enter the criterion registry).

const SECTION_START = /^(?:#{1,6}\s{0,20})?(?:\*\*)?\s{0,20}(?:subjective|s|hpi|history(?: of present illness)?|interval history|chief complaints?|cc|objective|o|exam(?:ination)?|physical exam(?:ination)?|assessment|a|impressions?|diagnos[ie]s|dx|plan|p|treatment plan|request(?:s)? for authori[sz]ation|rfa|medications?|meds|current medications|review of systems|ros|treatment to date)\b\s*(?:\*\*\s*)?(?::|$|\/)/im;

/** Offset where the note's clinical sections begin (labelled header lines are read before it). */
export function headerEndOffset(text: string): number {
  const fm = findFrontMatter(text);
  const from = fm?.end ?? 0;
  const rest = text.slice(from);
  let offset = 0;
  for (const line of rest.split("\n")) {
    if (SECTION_START.test(line.trim())) return from + offset;
    offset += line.length + 1;
  }
  return text.length;
}

export interface HeaderDiagnostic {
  /** `rfa-header.<field key>`, or `rfa-header.front-matter` when the note has no front matter. */
  code: string;
  message: string;
  /** 1-based line of the diagnostic (the front matter's first line, or line 1). */
  line: number;
  fixes: Array<{ title: string; insertAt: Position; snippet: string }>;
}

const GROUP_NAMES: Record<HeaderGroup, string> = {
  employee: "employee",
  physician: "requesting physician",
  claimsAdministrator: "claims administrator",
};

/**
 * The header's missing fields as diagnostics: one per field when the note has front matter (each
 * with a fix inserting the key), else one for the whole block with a fix inserting a front matter
 * block that holds every missing field.
 */
export function headerDiagnostics(text: string): HeaderDiagnostic[] {
  const header = readHeader(text, headerEndOffset(text));
  const fm = header.frontMatter;
  if (!header.missing.length && !fm?.error && !fm?.badFields?.length) return [];
  if (fm?.error) {
    return [{ code: "rfa-header.front-matter", message: `RFA header: ${fm.error}; the DWC Form RFA fields cannot be read from it.`, line: fm.range.start.line, fixes: [] }];
  }
  if (fm) {
    const bad = fm.badFields ?? [];
    // A field that is written but unreadable is reported as such, not also as missing.
    const unreadable = (key: string) => bad.some((b) => key === b.key || key.startsWith(`${b.key}.`) || fieldByAlias(b.key) === key);
    return [
      ...bad.map((b) => ({
        code: "rfa-header.front-matter",
        message: `RFA header: the front matter field \`${b.key}\` could not be read (an unknown YAML tag such as !custom, or invalid YAML); the other fields are used.`,
        line: b.line,
        fixes: [],
      })),
      ...header.missing
        .filter((g) => !unreadable(g.key))
        .map((g) => ({
          code: `rfa-header.${g.key}`,
          message: `RFA header: ${g.label} is missing (${GROUP_NAMES[g.group]} block of the DWC Form RFA).`,
          line: fm.range.start.line,
          fixes: [{ title: `Insert ${g.label} in the front matter`, insertAt: g.fix.insertAt, snippet: g.fix.snippet }],
        })),
    ];
  }
  const labels = header.missing.map((g) => g.label.toLowerCase());
  const shown = labels.length > 4 ? `${labels.slice(0, 4).join(", ")} and ${labels.length - 4} more` : labels.join(", ");
  return [
    {
      code: "rfa-header.front-matter",
      message: `RFA header: ${header.missing.length} field${header.missing.length === 1 ? "" : "s"} of the DWC Form RFA not found (${shown}); add a front matter block.`,
      line: 1,
      fixes: [{ title: "Insert the RFA front matter with the missing fields", insertAt: { line: 1, column: 1 }, snippet: missingFrontMatter(header) }],
    },
  ];
}

/**
 * headerDiagnostics for the successive versions of one note. An edit confined to one line after
 * the header part, on a line that holds no labelled field before or after it (and is no front
 * matter fence), cannot change what the header reads: the previous answer is kept. Anything else
 * reads the header again. The answer always equals headerDiagnostics(text).
 */
export interface HeaderReader {
  read(text: string): HeaderDiagnostic[];
  /** How many reads kept the previous answer. */
  readonly kept: number;
}

export function createHeaderReader(): HeaderReader {
  let last: { text: string; headerEnd: number; result: HeaderDiagnostic[] } | undefined;
  let kept = 0;
  return {
    read(text) {
      if (last && (last.text === text || outsideHeader(last.text, text, last.headerEnd))) {
        kept++;
        last = { ...last, text };
        return last.result;
      }
      last = { text, headerEnd: headerEndOffset(text), result: headerDiagnostics(text) };
      return last.result;
    },
    get kept() {
      return kept;
    },
  };
}

const isBreak = (c: number) => c === 10 || c === 13;

/** Whether `after` differs from `before` only inside one line past `headerEnd` that holds no field either way. */
function outsideHeader(before: string, after: string, headerEnd: number): boolean {
  const shortest = Math.min(before.length, after.length);
  let p = 0;
  while (p < shortest && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let q = 0;
  while (q < shortest - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  // The changed parts, [p, length - q) of each, hold no line break; nor may they split a CRLF.
  for (const [t, end] of [[before, before.length - q], [after, after.length - q]] as const) {
    for (let i = p; i < end; i++) if (isBreak(t.charCodeAt(i))) return false;
  }
  if (p > 0 && before.charCodeAt(p - 1) === 13 && before.charCodeAt(before.length - q) === 10) return false;
  let lineStart = p;
  while (lineStart > 0 && !isBreak(before.charCodeAt(lineStart - 1))) lineStart--;
  if (lineStart <= headerEnd) return false;
  const lineOf = (t: string, from: number) => {
    let end = from;
    while (end < t.length && !isBreak(t.charCodeAt(end))) end++;
    return t.slice(lineStart, end);
  };
  const lines = [lineOf(before, p), lineOf(after, p)];
  return lines.every((line) => !CLOSE.test(line) && lineSegments(line).length === 0);
}

/** The field a top-level front matter key stands for ("dob" → "date_of_birth"), if one. */
function fieldByAlias(key: string): string | undefined {
  return HEADER_FIELDS.find((f) => !f.key.includes(".") && (f.key === key || f.aliases.includes(key)))?.key;
}

/** A front matter block (snippet) holding only the missing fields, nested by group. */
function missingFrontMatter(header: RfaHeader): string {
  let n = 0;
  const lines = ["---"];
  const groups = new Map<string, string[]>();
  for (const g of header.missing) {
    const [group, leaf] = g.key.includes(".") ? g.key.split(".") : [undefined, g.key];
    const line = `${group ? "  " : ""}${leaf}: \${${++n}:${g.label.toLowerCase()}}`;
    if (!group) lines.push(line);
    else groups.set(group, [...(groups.get(group) ?? []), line]);
  }
  for (const [group, ls] of groups) lines.push(`${group}:`, ...ls);
  lines.push("---", "");
  return lines.join("\n");
}
