// Public types of the analysis core. Plain data only: no `vscode` here.

/** A 1-based position; `column` counts UTF-16 code units, as editors do. */
export interface Position {
  line: number;
  column: number;
}

/** A half-open range: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export type FindingKind = "missing" | "contradicted" | "exceeds";
export type Severity = "error" | "warning" | "info" | "hint";

/** Service family keys, as in ../shared/criteria.md and the evaluation labels. */
export type ServiceKey =
  | "tpi"
  | "opioids"
  | "benzodiazepines"
  | "muscle-relaxant"
  | "massage"
  | "sij"
  | "pt"
  | "acupuncture"
  | "chiro"
  | "esi"
  | "facet"
  | "imaging"
  | "nsaid-ppi"
  | "topical"
  | "aed"
  | "sleep-aid"
  | "tens"
  | "frp"
  | "rfa";

/** Where a documentation template belongs in a progress note. */
export type SectionKind =
  | "header"
  | "subjective"
  | "history"
  | "ros"
  | "exam"
  | "assessment"
  | "medications"
  | "plan"
  | "other";

export interface Fix {
  /** Where to insert the snippet (1-based). */
  insertAt: Position;
  /** VS Code snippet syntax (`${1:placeholder}`); includes a heading when the section is absent. */
  snippet: string;
  /** The section the snippet belongs in. */
  section: SectionKind;
  /** True when the snippet creates the section heading because the note lacks it. */
  createsSection: boolean;
}

export interface RequestRef {
  text: string;
  range: Range;
}

export interface Finding {
  /** Catalogue ID, e.g. `tpi.trigger-points-documented`. A contract: never renamed. */
  criterion: string;
  service: ServiceKey;
  kind: FindingKind;
  severity: Severity;
  /** One line: what is missing and what is expected. Never quotes note text. */
  message: string;
  citation: string;
  /** The request (missing, exceeds) or the contradicting text (contradicted). */
  range: Range;
  request: RequestRef;
  /** Ranges of text that satisfied part of the criterion or contradicted it: those on the latest EVIDENCE_LINES lines. */
  evidence?: Range[];
  /** How many earlier lines also hold such text (not listed in `evidence`). */
  earlierLines?: number;
  fix?: Fix;
}

export interface Request {
  service: ServiceKey;
  /** The requested item as written (the plan line, trimmed). */
  text: string;
  range: Range;
  /** Range of the service term itself inside the line. */
  termRange: Range;
  /** 1-based line of the request. */
  line: number;
}

/** How one criterion fared for one request: the basis of hovers and readiness reports. */
export interface CriterionStatus {
  criterion: string;
  title: string;
  citation: string;
  status: "documented" | "not-applicable" | "disabled" | FindingKind;
  /**
   * Ranges of text that documented (or contradicted) the criterion, on the latest EVIDENCE_LINES
   * lines that hold any: a running case file can document a criterion on thousands of lines, and
   * the current visit is the last.
   */
  evidence: Range[];
  /** How many earlier lines also document (or contradict) it, not listed in `evidence`. */
  earlierLines?: number;
}

/** How many lines of evidence a criterion's status and a finding list: the latest ones (analyze.ts, latestEvidence). */
export const EVIDENCE_LINES = 6;

export interface RequestReport {
  request: Request;
  criteria: CriterionStatus[];
}

export interface AnalyzeOptions {
  /** Criterion IDs or family keys to skip (also settable in the note with a directive). */
  disable?: string[];
  /** Severity per criterion ID or family key; "off" disables. Criterion IDs win over families. */
  severity?: Record<string, Severity | "off">;
  /** The date used when the note carries none (ISO yyyy-mm-dd). Defaults to today. */
  today?: string;
  /** Analysis stops past this many characters, with a notice. Default 2,000,000. */
  maxChars?: number;
}

export interface Notice {
  /** "bounded": lines read as plain text or not read, past a parser limit (bounds.ts). */
  kind: "size-limit" | "not-text" | "bounded";
  message: string;
  range: Range;
}

export interface AnalyzeResult {
  requests: Request[];
  findings: Finding[];
  /** Per request, every criterion's status (documented, missing, ...). */
  reports: RequestReport[];
  /** Conditions that stopped or limited analysis, to be shown to the user. */
  notices: Notice[];
  /** The note's service date as parsed (ISO), when found. */
  noteDate?: string;
}

/** What the extension, the docs generator and the snippets generator need to know of a criterion. */
export interface CriterionInfo {
  id: string;
  service: ServiceKey;
  /** Short title, e.g. "Trigger points with twitch response and referred pain". */
  title: string;
  /** What the guideline asks, one or two sentences. */
  description: string;
  citation: string;
  /** Which finding kinds this criterion can produce. */
  kinds: FindingKind[];
  /** What counts as documentation, in a physician's words. */
  howToDocument: string;
  /** One-line VS Code snippet (tab stops) that documents the criterion. */
  template: string;
  section: SectionKind;
  defaultSeverity: Severity;
  /** ISO date from which the criterion applies (by note date), when it is not always in force. */
  effectiveFrom?: string;
}

export interface ServiceInfo {
  key: ServiceKey;
  title: string;
  /** Guideline chapter the family rests on. */
  source: string;
}

/** How a mention is asserted in its clause (context.ts reads it). */
export interface Assertion {
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  hypothetical: boolean;
  family: boolean;
  /** Attributed to another clinician or outside record ("per QME", "according to Dr"). */
  otherSource: boolean;
}

/** Numbers a rule can compare, computed once per request. */
export type FactName =
  | "injectionsPerSession"
  | "visitsRequested"
  | "visitsTotal"
  | "priorCount"
  | "daysSupply"
  | "mmePerDay"
  | "daysSinceLastProcedure"
  | "symptomDays"
  | "sessionsRequested"
  | "priorWithinYear"
  /** An explicit course length written with the drug ("x 4 weeks", "for 10 days"). */
  | "courseDays"
  /** Days supply counting refills: days supply × (1 + refills). */
  | "supplyDaysWithRefills"
  /** Spinal levels named in the request line ("L4-5, L5-S1" = 2; "L3-S1" = 3); see extract/levels.ts. */
  | "levelsRequested"
  /** Levels × sides (bilateral doubles): joints or injections. */
  | "jointsRequested"
  /** Days from the latest dated prior mention of a concept (e.g. a prior RF ablation) to the visit. */
  | `daysSinceLast:${string}`
  /** Requested segments that also stand next to an affirmed mention of a concept (e.g. a fusion). */
  | `levelOverlap:${string}`
  /** Frequency and span of a requested course (extract/quantity.ts parseSpan): visits per week, weeks, days, hours. */
  | "visitsPerWeek"
  | "weeksRequested"
  | "daysRequested"
  | "hoursRequested"
  /** Requested days or hours plus those of prior courses ("completed 10 days (80 hours) of FRP"). */
  | "daysTotal"
  | "hoursTotal"
  /** RFA line (src/core/facts/rfa-line.ts): codes on the line (0: a drug, none needed); absent when a code is needed and unknown. */
  | "rfaCode"
  /** RFA line: ICD-10 codes of the diagnosis matched to the request; absent when none. */
  | "rfaDiagnosis"
  /** RFA line: the quantity (visits, units, injections, 1 for a single procedure); absent when open-ended. */
  | "rfaQuantity"
  /** RFA line: 1 when a body part or level is known, 0 for a drug; absent when missing. */
  | "rfaBodyPart"
  /** Days from the note's date of service to the RFA date (or today when the RFA is undated). */
  | "documentationAgeDays"
  /** Requested visits plus those of a recent prior course of the same service (ended within 120 days, or undated). */
  | "visitsInCourse"
  /** Urine drug screens per year asked for by a UDS line of the plan ("monthly" = 12, "every 3 months" = 4). */
  | "udsPerYear";
