// Pure, vscode-free rendering of the status text, the request hover and the readiness
// report, from an AnalyzeResult. Everything taken from the note is escaped.
import type { AnalyzeResult, CriterionStatus, Finding, Range, RequestReport } from "../core/types";
import { splitLines } from "./positions";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Findings that count as gaps: everything the core reports (missing, contradicted, exceeds). */
export function gapCount(result: AnalyzeResult): number {
  return result.findings.length;
}

/** "RFA: 2 requests, 5 gaps". */
export function statusText(result: AnalyzeResult): string {
  if (result.requests.length === 0) return "RFA: no requests";
  return `RFA: ${plural(result.requests.length, "request", "requests")}, ${plural(gapCount(result), "gap", "gaps")}`;
}

export function statusTooltip(result: AnalyzeResult): string {
  const notices = result.notices.map((n) => n.message);
  const base =
    result.requests.length === 0
      ? "RFA Ready found no requested service in this note."
      : "RFA Ready: click to open the readiness report.";
  return [base, ...notices].join("\n");
}

const STATUS_LABEL: Record<CriterionStatus["status"], string> = {
  documented: "documented",
  missing: "missing",
  contradicted: "contradicted",
  exceeds: "exceeds the limit",
  "not-applicable": "not applicable",
  disabled: "disabled",
};

const STATUS_ICON: Record<CriterionStatus["status"], string> = {
  documented: "$(pass-filled)",
  missing: "$(error)",
  contradicted: "$(warning)",
  exceeds: "$(warning)",
  "not-applicable": "$(circle-outline)",
  disabled: "$(circle-slash)",
};

export function statusLabel(status: CriterionStatus["status"]): string {
  return STATUS_LABEL[status];
}

/** Escapes markdown syntax (and HTML) so note text renders literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (ch) => `\\${ch}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** Distinct 1-based lines of evidence ranges, ascending. */
export function evidenceLines(evidence: Range[]): number[] {
  return [...new Set(evidence.map((r) => r.start.line))].sort((a, b) => a - b);
}

/**
 * How many evidence lines a hover or the report shows. A running case file can document a
 * criterion on thousands of lines; the latest ones (the current visit is the last) are shown.
 */
export const SHOWN_EVIDENCE_LINES = 6;

/** The latest lines to show, and how many earlier ones are left out. */
export function shownLines(lines: number[]): { shown: number[]; earlier: number } {
  const earlier = Math.max(0, lines.length - SHOWN_EVIDENCE_LINES);
  return { shown: lines.slice(earlier), earlier };
}

function lineRef(lines: number[]): string {
  if (lines.length === 0) return "";
  const { shown, earlier } = shownLines(lines);
  const ref = shown.length === 1 ? `line ${shown[0]}` : `lines ${shown.join(", ")}`;
  return earlier ? `${ref} and ${plural(earlier, "earlier line", "earlier lines")}` : ref;
}

/** Order in which statuses are listed: problems first, then documented, then the rest. */
const ORDER: CriterionStatus["status"][] = ["contradicted", "exceeds", "missing", "documented", "not-applicable", "disabled"];

export function sortedCriteria(report: RequestReport): CriterionStatus[] {
  return [...report.criteria].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
}

export interface RenderContext {
  /** Title of a service family, e.g. "Trigger point injections". */
  serviceTitle?: (key: string) => string | undefined;
}

/**
 * Markdown for the hover over a request: its readiness checklist. Uses codicons
 * (`$(pass-filled)`), so the MarkdownString needs `supportThemeIcons`.
 */
export function hoverMarkdown(report: RequestReport, context: RenderContext = {}): string {
  const { request } = report;
  const family = context.serviceTitle?.(request.service) ?? request.service;
  const problems = report.criteria.filter((c) => c.status === "missing" || c.status === "contradicted" || c.status === "exceeds").length;
  const out: string[] = [];
  out.push(`**RFA Ready** · ${escapeMarkdown(family)} · ${problems === 0 ? "ready for review" : plural(problems, "gap", "gaps")}`);
  out.push("");
  for (const c of sortedCriteria(report)) {
    const where = lineRef(evidenceLines(c.evidence));
    // Evidence of a missing criterion is partial documentation (e.g. one of two limbs).
    const detail = where ? ` (${c.status === "missing" ? "partly, " : ""}${where})` : "";
    out.push(`- ${STATUS_ICON[c.status]} **${escapeMarkdown(c.title)}**: ${STATUS_LABEL[c.status]}${detail}  `);
    out.push(`  _${escapeMarkdown(c.citation)}_ · \`${c.criterion}\``);
  }
  return out.join("\n");
}

export interface ReportMeta {
  /** A display name for the note (file name or "Untitled-1"). */
  name: string;
  /** The note's text, to quote evidence lines. */
  text: string;
  /** Content-Security-Policy nonce for the style element. */
  nonce: string;
  /** When the note was checked, shown in the header. */
  generatedAt?: string;
  /** Shown instead of findings when the note could not be checked (disabled, failed). */
  unavailable?: string;
}

function excerpt(line: string | undefined, max = 120): string {
  if (line === undefined) return "";
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function findingFor(result: AnalyzeResult, report: RequestReport, c: CriterionStatus): Finding | undefined {
  return result.findings.find(
    (f) => f.criterion === c.criterion && f.request.range.start.line === report.request.range.start.line,
  );
}

/** The strict Content-Security-Policy of the report: no scripts, no network, one nonce'd style. */
export function reportCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; connect-src 'none'; form-action 'none'; frame-src 'none'`;
}

/** The readiness report as a self-contained HTML page (for a webview without scripts). */
export function reportHtml(result: AnalyzeResult, meta: ReportMeta, context: RenderContext = {}): string {
  const lines = splitLines(meta.text);
  const e = escapeHtml;
  const body: string[] = [];
  body.push(`<h1>RFA readiness report</h1>`);
  body.push(
    `<p class="meta">Note: ${e(meta.name)}${result.noteDate ? ` · date of service ${e(result.noteDate)}` : ""}` +
      `${meta.generatedAt ? ` · checked ${e(meta.generatedAt)}` : ""}</p>`,
  );
  if (meta.unavailable) body.push(`<p class="notice">${e(meta.unavailable)}</p>`);
  else body.push(`<p class="summary">${e(statusText(result))}</p>`);
  for (const notice of result.notices) body.push(`<p class="notice">${e(notice.message)}</p>`);
  if (result.reports.length === 0 && !meta.unavailable) {
    body.push(`<p>No requested service was found in the plan or RFA section of this note.</p>`);
  }
  for (const report of result.reports) {
    const { request } = report;
    const family = context.serviceTitle?.(request.service) ?? request.service;
    body.push(`<h2>${e(request.text)}</h2>`);
    body.push(`<p class="meta">${e(family)} · line ${request.line}</p>`);
    body.push(`<table><thead><tr><th>Criterion</th><th>Status</th><th>Evidence</th><th>Citation</th></tr></thead><tbody>`);
    for (const c of sortedCriteria(report)) {
      const { shown, earlier } = shownLines(evidenceLines(c.evidence));
      const evidence =
        (earlier ? `<div class="earlier">${e(plural(earlier, "earlier line", "earlier lines"))}</div>` : "") +
        shown.map((n) => `<div>line ${n}: <q>${e(excerpt(lines[n - 1]))}</q></div>`).join("");
      const finding = c.status === "documented" ? undefined : findingFor(result, report, c);
      const message = finding ? `<div class="message">${e(finding.message)}</div>` : "";
      body.push(
        `<tr class="${c.status}"><td><strong>${e(c.title)}</strong><div class="id">${e(c.criterion)}</div>${message}</td>` +
          `<td class="status">${e(STATUS_LABEL[c.status])}</td><td>${evidence}</td><td>${e(c.citation)}</td></tr>`,
      );
    }
    body.push(`</tbody></table>`);
  }
  body.push(
    `<p class="footer">Generated locally by RFA Ready from the note as it is now. Nothing was sent anywhere. ` +
      `Criteria follow the MTUS as IMR reviewers cite it; this report is a documentation checklist, not medical advice.</p>`,
  );
  const style = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
.meta, .id, .footer, .earlier { opacity: 0.75; font-size: 0.9em; }
.notice { border-left: 3px solid var(--vscode-editorInfo-foreground, #3794ff); padding-left: 0.6em; }
tr.missing .status, tr.contradicted .status, tr.exceeds .status { color: var(--vscode-errorForeground, #f14c4c); font-weight: 600; }
tr.documented .status { color: var(--vscode-testing-iconPassed, #73c991); }
.message { margin-top: 0.3em; }
q { font-style: italic; }`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(meta.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>RFA readiness report</title>
<style nonce="${meta.nonce}">${style}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
