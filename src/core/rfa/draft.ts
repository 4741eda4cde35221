// draftRfa(text, options): the DWC Form RFA as plain data, drafted from a progress note: the
// header (front matter, else labelled lines), one line per request the core detects, what is still
// missing, and the readiness summary (every criterion gap per request) for the attachment page.
// renderRfaMarkdown(draft) lays the same data out as a markdown document. Pure: no I/O.
import { analyze, drugRegimen } from "../analyze";
import { Matcher } from "../concepts";
import { noteDates } from "../extract/dates";
import { parseNote } from "../note";
import { maskPlaceholders } from "../placeholders";
import { findRequests } from "../requests";
import { ALL_CONCEPTS, FAMILIES, listServices } from "../rules/registry";
import type { AnalyzeOptions, AnalyzeResult, Notice, ServiceKey } from "../types";
import { applyFrontMatterDates } from "../facts/rfa";
import { maskFrontMatter, readHeader, type HeaderGap, type RfaHeader } from "../frontmatter";
import { resolveLine, type RfaLine } from "../facts/rfa-line";
import { currentVisit } from "../visits";

export type { RfaLine, Diagnosis, DiagnosisMatch } from "../facts/rfa-line";
export type { RfaHeader, HeaderGap } from "../frontmatter";
export type { CodeDef } from "../facts/codes";

export type DraftOptions = AnalyzeOptions;

export interface ReadinessGap {
  criterion: string;
  kind: "missing" | "contradicted" | "exceeds";
  message: string;
  citation: string;
}

export interface ReadinessItem {
  service: ServiceKey;
  /** The request line as written. */
  request: string;
  line: number;
  /** Criteria documented / checked for this request (not counting disabled or not applicable ones). */
  documented: number;
  checked: number;
  gaps: ReadinessGap[];
}

export interface RfaDraft {
  version: 1;
  header: RfaHeader;
  /** ISO date of service of the note, when known. */
  dateOfService?: string;
  /** ISO date of the request when the note or the front matter gives one (else left for the signature). */
  requestDate?: string;
  /** The date the readiness was checked against (the request date, else today). */
  checkedOn: string;
  /** The day the draft was made (today, or `options.today`): the attachment's date. */
  draftedOn: string;
  lines: RfaLine[];
  /** Everything still missing before the form can be sent. */
  missing: { header: HeaderGap[]; lines: Array<{ line: number; service: ServiceKey; procedure: string; missing: string[]; codeNeeds?: string }> };
  readiness: ReadinessItem[];
  notices: Notice[];
}

/** Today's date where the draft is made (local, not UTC: an evening in California is still today). */
function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Drafts the DWC Form RFA from one progress note. Never throws on any string. `analysed`, when
 * given, is `analyze(text, options)` already done (the editor's published check of this exact
 * text and these options): the note is then not analysed a second time.
 */
export function draftRfa(text: string, options: DraftOptions = {}, analysed?: AnalyzeResult): RfaDraft {
  const source = typeof text === "string" ? text : "";
  const result = analysed ?? analyze(source, options);
  const stopped = result.notices.some((n) => n.kind === "size-limit" || n.kind === "not-text");
  const note = parseNote(stopped ? "" : maskPlaceholders(maskFrontMatter(source)));
  const headerEnd = note.sections[1]?.start ?? note.prose.length;
  const header = readHeader(stopped ? "" : source, headerEnd);
  const dates = applyFrontMatterDates(noteDates(note), stopped ? "" : source);
  const current = currentVisit(note);
  if (current) dates.service = current.date;
  const today = options.today ?? todayIso();

  const lines: RfaLine[] = [];
  if (!stopped) {
    const matcher = new Matcher(note, ALL_CONCEPTS);
    const visit = currentVisit(note);
    const found = FAMILIES.flatMap((family) => findRequests(note, matcher, family, visit).map((r) => ({ family, r }))).sort(
      (a, b) => a.r.mention.start - b.r.mention.start,
    );
    for (const { family, r } of found) lines.push(resolveLine(note, r, r.item ? drugRegimen(note, matcher, r) : undefined));
  }

  const readiness: ReadinessItem[] = result.reports.map((rep) => {
    const gaps = rep.criteria
      .filter((c) => c.status === "missing" || c.status === "contradicted" || c.status === "exceeds")
      .map((c) => {
        const f = result.findings.find((x) => x.criterion === c.criterion && x.request.range.start.line === rep.request.range.start.line);
        return { criterion: c.criterion, kind: c.status as ReadinessGap["kind"], message: f?.message ?? c.title, citation: c.citation };
      });
    const counted = rep.criteria.filter((c) => c.status !== "disabled" && c.status !== "not-applicable");
    return {
      service: rep.request.service,
      request: rep.request.text,
      line: rep.request.line,
      documented: counted.filter((c) => c.status === "documented").length,
      checked: counted.length,
      gaps,
    };
  });

  const draft: RfaDraft = {
    version: 1,
    header,
    checkedOn: dates.rfa?.iso ?? today,
    draftedOn: today,
    lines,
    missing: {
      header: header.missing,
      lines: lines
        .filter((l) => l.missing.length)
        .map((l) => ({ line: l.line, service: l.service, procedure: l.procedure, missing: l.missing, ...(l.codeNeeds ? { codeNeeds: l.codeNeeds } : {}) })),
    },
    readiness,
    notices: result.notices,
  };
  if (dates.service?.iso) draft.dateOfService = dates.service.iso;
  if (dates.rfa?.iso) draft.requestDate = dates.rfa.iso;
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Shared wording for the markdown and the PDF.

/** MM/DD/YYYY as on the form. */
export function formDate(iso: string | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

/** "Other information": frequency, duration, quantity, body part, levels, laterality. */
export function otherInformation(l: RfaLine): string {
  const parts: string[] = [];
  if (l.quantity) parts.push(`Quantity: ${l.quantity}`);
  if (l.frequency) parts.push(`Frequency: ${l.frequency}`);
  if (l.duration) parts.push(`Duration: ${l.duration}`);
  if (l.bodyPart) parts.push(`Body part: ${l.bodyPart}`);
  if (l.levels.length) parts.push(`Levels: ${l.levels.join(", ")}`);
  if (l.laterality) parts.push(`Laterality: ${l.laterality}`);
  return parts.join("; ");
}

export function codeText(l: RfaLine): string {
  if (l.codes.length) return l.codes.map((c) => c.code).join(", ");
  if (l.codeNotApplicable) return "n/a (drug)";
  return "";
}

/** What the form shows after a diagnosis the note did not write for this request. */
export const GUESSED_DIAGNOSIS = "(guessed from the assessment: verify)";

/**
 * True when the line's diagnosis was chosen from the assessment rather than written for the
 * request: written on the request line, or matching both the service and the body region, it is
 * the note's; matched on one of them only, or taken as the only or first coded diagnosis, it is a guess.
 */
export function diagnosisGuessed(l: RfaLine): boolean {
  const by = l.diagnosis?.matchedBy;
  return !!l.diagnosis?.text && by !== undefined && by !== "request line" && by !== "service and body region";
}

export function diagnosisText(l: RfaLine): string {
  const text = l.diagnosis?.text ?? "";
  return text && diagnosisGuessed(l) ? `${text} ${GUESSED_DIAGNOSIS}` : text;
}

export function icdText(l: RfaLine): string {
  return l.diagnosis?.icd10.join(", ") ?? "";
}

export const SERVICE_TITLES: Partial<Record<ServiceKey, string>> = Object.fromEntries(listServices().map((s) => [s.key, s.title]));

const BLANK = "—";

/**
 * Text from the note made inert in markdown: `<` and `>` as character references, so HTML written
 * in the front matter or the note (a tag, a comment, a script) shows as text and never renders.
 */
export function escapeMarkdownText(s: string): string {
  return s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cell(s: string | undefined): string {
  const t = escapeMarkdownText(s ?? "").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
  return t || BLANK;
}

/** One line of note text in the markdown draft (outside a table). */
function inline(s: string): string {
  return escapeMarkdownText(s).replace(/\s+/g, " ").trim();
}

const HEADER_ROWS: Array<[string, Array<[string, (h: RfaHeader) => string | undefined]>]> = [
  [
    "Employee information",
    [
      ["Name (Last, First, Middle)", (h) => h.employee.name],
      ["Date of birth", (h) => h.employee.dateOfBirth],
      ["Date of injury", (h) => h.employee.dateOfInjury],
      ["Claim number", (h) => h.employee.claimNumber],
      ["Employer", (h) => h.employee.employer],
    ],
  ],
  [
    "Requesting physician information",
    [
      ["Name", (h) => h.physician.name],
      ["Practice name", (h) => h.physician.practice],
      ["Address", (h) => h.physician.address],
      ["Phone", (h) => h.physician.phone],
      ["Fax", (h) => h.physician.fax],
      ["Specialty", (h) => h.physician.specialty],
      ["State license number", (h) => h.physician.license],
      ["NPI number", (h) => h.physician.npi],
    ],
  ],
  [
    "Claims administrator information",
    [
      ["Company name", (h) => h.claimsAdministrator.name],
      ["Contact name (adjuster)", (h) => h.claimsAdministrator.adjuster],
      ["Address", (h) => h.claimsAdministrator.address],
      ["Phone", (h) => h.claimsAdministrator.phone],
      ["Fax", (h) => h.claimsAdministrator.fax],
    ],
  ],
];

/** The form's header blocks as (section, [label, value]) rows, in the form's order. */
export function headerRows(h: RfaHeader): Array<{ section: string; rows: Array<{ label: string; value: string }> }> {
  return HEADER_ROWS.map(([section, rows]) => ({ section, rows: rows.map(([label, get]) => ({ label, value: get(h) ?? "" })) }));
}

/**
 * The attachment's dateline: dated the day the draft is made, checked against the request date
 * when the note gives one (the criteria of the 30-day rule read that date).
 */
export function attachmentLine(d: RfaDraft): string {
  const against = d.requestDate && d.requestDate !== d.draftedOn ? ` for the request dated ${formDate(d.requestDate)}` : "";
  const note = d.dateOfService ? ` of ${formDate(d.dateOfService)}` : "";
  return `Guideline criteria checked by RFA Ready on ${formDate(d.draftedOn)}${against}, against the progress note${note}.`;
}

/** The draft as a markdown document (opened beside the note by the extension). */
export function renderRfaMarkdown(d: RfaDraft): string {
  const out: string[] = [];
  const box = (on: boolean) => (on ? "[x]" : "[ ]");
  out.push("# Request for Authorization (DWC Form RFA): draft");
  out.push("");
  out.push("> Drafted by RFA Ready from the progress note. Check every field, then sign and date before sending; attach the PR-2 or narrative report that substantiates the request.");
  out.push("");
  out.push(`- ${box(d.header.request.type === "new")} New request`);
  out.push(`- ${box(d.header.request.type === "resubmission")} Resubmission – change in material facts`);
  out.push(`- ${box(d.header.request.expedited)} Expedited review: imminent and serious threat to the employee's health`);
  out.push(`- ${box(d.header.request.oralConfirmation)} Written confirmation of a prior oral request`);
  out.push("");
  for (const block of headerRows(d.header)) {
    out.push(`## ${block.section}`, "", "| Field | Value |", "|---|---|");
    for (const r of block.rows) out.push(`| ${r.label} | ${cell(r.value)} |`);
    out.push("");
  }
  out.push("## Requested treatment", "");
  if (!d.lines.length) out.push("No request was found in the note's plan.", "");
  else {
    out.push("| # | Diagnosis | ICD-10 | Service / good requested | CPT/HCPCS | Other information |", "|---|---|---|---|---|---|");
    d.lines.forEach((l, i) =>
      out.push(`| ${i + 1} | ${cell(diagnosisText(l))} | ${cell(icdText(l))} | ${cell(l.procedure)} | ${cell(codeText(l))} | ${cell(otherInformation(l))} |`),
    );
    out.push("");
  }
  out.push(`Date of service of the substantiating note: ${formDate(d.dateOfService) || BLANK}`, "");
  out.push(`Date of request: ${formDate(d.requestDate) || "________"}    Requesting physician signature: ____________________`, "");

  out.push("## Missing before sending", "");
  const missingCount = d.missing.header.length + d.missing.lines.length;
  if (!missingCount) out.push("Nothing: every field of the form is filled.");
  for (const g of d.missing.header) out.push(`- ${g.label} (${g.group === "employee" ? "employee" : g.group === "physician" ? "requesting physician" : "claims administrator"})`);
  for (const l of d.missing.lines) {
    const needs = l.codeNeeds && l.missing.includes("the CPT/HCPCS code") ? ` (code: state ${l.codeNeeds})` : "";
    out.push(`- Line ${l.line}, ${SERVICE_TITLES[l.service] ?? l.service}: ${l.missing.join(", ")}${needs}`);
  }
  out.push("");

  out.push("## Attachment: readiness summary", "");
  out.push(`${attachmentLine(d)}`, "");
  if (!d.readiness.length) out.push("No request was found.");
  d.readiness.forEach((r, i) => {
    out.push(`### ${i + 1}. ${SERVICE_TITLES[r.service] ?? r.service} (line ${r.line})`, "");
    out.push(`${r.documented} of ${r.checked} criteria documented.`, "");
    for (const g of r.gaps) out.push(`- **${g.kind}** \`${g.criterion}\`: ${inline(g.message)} (${g.citation})`);
    if (r.gaps.length) out.push("");
  });
  for (const n of d.notices) out.push(`> ${inline(n.message)}`, "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
