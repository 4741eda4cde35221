// Pure, vscode-free rendering of the status text, the request hover and the readiness
// report, from an AnalyzeResult. Everything taken from the note is escaped.
import { EVIDENCE_LINES, type AnalyzeResult, type CriterionStatus, type Finding, type Range, type RequestReport } from "../core/types";
import { splitLines } from "./positions";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function shortText(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A criterion title inside a sentence: "Trigger points ..." → "trigger points ...", "TENS ..." kept. */
export function inSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title[0].toLowerCase() + title.slice(1) : title;
}

/** The quick fix that documents a criterion: "Add documentation: trigger points with twitch response ...". */
export function documentTitle(title: string): string {
  return `Add documentation: ${shortText(inSentence(title), 64)}`;
}

/** The quick fix that turns a criterion off in one note: `Don't check “...” in this note`. */
export function disableTitle(title: string): string {
  return `Don't check “${shortText(inSentence(title), 48)}” in this note`;
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
  exceeds: "over the limit",
  "not-applicable": "not applicable",
  disabled: "turned off",
};

const STATUS_ICON: Record<CriterionStatus["status"], string> = {
  documented: "$(pass-filled)",
  missing: "$(error)",
  contradicted: "$(warning)",
  exceeds: "$(warning)",
  "not-applicable": "$(circle-outline)",
  disabled: "$(circle-slash)",
};

/** Icon of a criterion satisfied only because nothing in the note contradicts it. */
const NO_CONFLICT_ICON = "$(pass)";

export function statusLabel(status: CriterionStatus["status"]): string {
  return STATUS_LABEL[status];
}

/**
 * True when a criterion counts as met only because nothing contradicts it (a "forbid" check such as
 * "no imaging guidance"): the note never states it, so the report must not say "documented".
 */
export function isNoConflict(c: CriterionStatus): boolean {
  return c.status === "documented" && c.evidence.length === 0;
}

/** "documented", "no conflict found", "missing", "over the limit", ... */
export function statusPhrase(c: CriterionStatus): string {
  return isNoConflict(c) ? "no conflict found" : STATUS_LABEL[c.status];
}

function isGap(c: CriterionStatus): boolean {
  return c.status === "missing" || c.status === "contradicted" || c.status === "exceeds";
}

/** How many criteria of a request are gaps (missing, contradicted, over the limit). */
export function gapsOf(report: RequestReport): number {
  return report.criteria.filter(isGap).length;
}

/** "ready" or "3 gaps". */
export function readiness(report: RequestReport): string {
  const gaps = gapsOf(report);
  return gaps === 0 ? "ready" : plural(gaps, "gap", "gaps");
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
 * criterion on thousands of lines; the core lists the latest ones (the current visit is the last)
 * and counts the rest (CriterionStatus.earlierLines).
 */
export const SHOWN_EVIDENCE_LINES = EVIDENCE_LINES;

/** The latest lines of a status's evidence to show, and how many earlier ones are left out. */
export function shownLines(c: Pick<CriterionStatus, "evidence" | "earlierLines">): { shown: number[]; earlier: number } {
  const lines = evidenceLines(c.evidence);
  const cut = Math.max(0, lines.length - SHOWN_EVIDENCE_LINES);
  return { shown: lines.slice(cut), earlier: cut + (c.earlierLines ?? 0) };
}

function lineRef(c: CriterionStatus): string {
  const { shown, earlier } = shownLines(c);
  if (shown.length === 0) return "";
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
  /** Link to a criterion's page (a command URI); titles stay plain text without it. */
  criterionLink?: (id: string) => string;
  /** Link to a note line (a command URI); line numbers stay plain text without it. */
  lineLink?: (line: number) => string;
}

/** Markdown link target with a tooltip; parentheses and quotes escaped. */
function mdLink(text: string, target: string, tooltip?: string): string {
  const t = tooltip ? ` "${tooltip.replace(/["\\]/g, "\\$&")}"` : "";
  return `[${text}](${target.replace(/[()]/g, (ch) => encodeURIComponent(ch))}${t})`;
}

/**
 * Markdown for the hover over a request: its readiness checklist, one line per criterion, gaps
 * first: "missing", "over the limit", "contradicted (line 12)", "documented (line 9)", "no
 * conflict found". Not applicable and turned-off criteria are counted on one closing line. The
 * request itself is the hovered text and is not repeated. Uses codicons (`$(pass-filled)`), so the
 * MarkdownString needs `supportThemeIcons`.
 */
export function hoverMarkdown(report: RequestReport, context: RenderContext = {}): string {
  const { request } = report;
  const family = context.serviceTitle?.(request.service) ?? request.service;
  const out: string[] = [];
  out.push(`**${escapeMarkdown(family)}**: ${readiness(report)}`);
  out.push("");
  let notApplicable = 0;
  let off = 0;
  for (const c of sortedCriteria(report)) {
    if (c.status === "not-applicable") {
      notApplicable++;
      continue;
    }
    if (c.status === "disabled") {
      off++;
      continue;
    }
    const where = lineRef(c);
    // Evidence of a missing criterion is partial documentation (e.g. one of two limbs).
    const detail = where ? ` (${c.status === "missing" ? "partly documented, " : ""}${where})` : "";
    const title = context.criterionLink
      ? mdLink(escapeMarkdown(c.title), context.criterionLink(c.criterion), `${c.citation} · ${c.criterion}`)
      : escapeMarkdown(c.title);
    const icon = isNoConflict(c) ? NO_CONFLICT_ICON : STATUS_ICON[c.status];
    out.push(`- ${icon} ${title}: ${statusPhrase(c)}${detail}`);
  }
  const rest = [notApplicable ? `${notApplicable} not applicable` : "", off ? `${off} turned off` : ""].filter(Boolean);
  if (rest.length) out.push("", `_${rest.join(" · ")}_`);
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

/**
 * The readiness report as a self-contained HTML page (for a webview without scripts): a summary
 * per request ("ready" / "3 gaps") linking to its section, then each request's criteria, gaps
 * first, each with its status ("documented (line 12)", "no conflict found", "missing", ...), the
 * finding's message, the evidence lines (linked to the note) and a link to the criterion's page.
 * One column, so it reads at half width.
 */
export function reportHtml(result: AnalyzeResult, meta: ReportMeta, context: RenderContext = {}): string {
  const lines = splitLines(meta.text);
  const e = escapeHtml;
  const lineAnchor = (n: number, label = `line ${n}`) =>
    context.lineLink ? `<a href="${e(context.lineLink(n))}" title="Show line ${n} in the note">${e(label)}</a>` : e(label);
  const body: string[] = [];
  body.push(`<h1>RFA readiness</h1>`);
  body.push(
    `<p class="meta">${e(meta.name)}${result.noteDate ? ` · date of service ${e(result.noteDate)}` : ""}` +
      `${meta.generatedAt ? ` · checked ${e(meta.generatedAt)}` : ""}</p>`,
  );
  if (meta.unavailable) body.push(`<p class="notice">${e(meta.unavailable)}</p>`);
  for (const notice of result.notices) body.push(`<p class="notice">${e(notice.message)}</p>`);
  if (result.reports.length === 0 && !meta.unavailable) {
    body.push(`<p>No requested service was found in the plan or RFA section of this note.</p>`);
  }
  if (result.reports.length > 0) {
    const ready = result.reports.filter((r) => gapsOf(r) === 0).length;
    body.push(
      `<p class="summary">${e(plural(result.reports.length, "request", "requests"))}: ${ready} ready, ` +
        `${result.reports.length - ready} with gaps</p>`,
    );
    body.push(`<ul class="requests">`);
    result.reports.forEach((report, i) => {
      const gaps = gapsOf(report);
      body.push(
        `<li><a href="#request-${i + 1}">${e(excerpt(report.request.text, 80))}</a> ` +
          `<span class="badge ${gaps === 0 ? "ready" : "gaps"}">${e(readiness(report))}</span></li>`,
      );
    });
    body.push(`</ul>`);
  }
  result.reports.forEach((report, i) => {
    const { request } = report;
    const family = context.serviceTitle?.(request.service) ?? request.service;
    const gaps = gapsOf(report);
    body.push(`<section id="request-${i + 1}">`);
    body.push(`<h2>${e(request.text)}</h2>`);
    body.push(
      `<p class="meta">${e(family)} · ${lineAnchor(request.line)} · ` +
        `<span class="badge ${gaps === 0 ? "ready" : "gaps"}">${e(readiness(report))}</span></p>`,
    );
    body.push(`<ul class="criteria">`);
    for (const c of sortedCriteria(report)) {
      const { shown, earlier } = shownLines(c);
      const noConflict = isNoConflict(c);
      let status = statusPhrase(c);
      if (c.status === "documented" && shown.length > 0) status = `documented (${shown.length === 1 ? `line ${shown[0]}` : `lines ${shown.join(", ")}`})`;
      else if (c.status === "missing" && shown.length > 0) status = "missing (partly documented)";
      const title = context.criterionLink
        ? `<a href="${e(context.criterionLink(c.criterion))}" title="Open the criterion page">${e(c.title)}</a>`
        : e(c.title);
      const finding = c.status === "documented" ? undefined : findingFor(result, report, c);
      const parts = [`<div class="head"><span class="status">${e(status)}</span> ${title}</div>`];
      if (finding) parts.push(`<div class="message">${e(finding.message)}</div>`);
      if (noConflict) parts.push(`<div class="message">The note states nothing that conflicts with this; it does not document it either.</div>`);
      if (earlier) parts.push(`<div class="earlier">${e(plural(earlier, "earlier line", "earlier lines"))} not shown</div>`);
      for (const n of shown) parts.push(`<div class="evidence">${lineAnchor(n)}: <q>${e(excerpt(lines[n - 1]))}</q></div>`);
      parts.push(`<div class="cite">${e(c.citation)} · <code>${e(c.criterion)}</code></div>`);
      const cls = noConflict ? "no-conflict" : c.status;
      body.push(`<li class="${cls}">${parts.join("")}</li>`);
    }
    body.push(`</ul>`);
    body.push(`</section>`);
  });
  body.push(
    `<p class="footer">Generated locally by RFA Ready from the note as it is now. Nothing was sent anywhere. ` +
      `Criteria follow the MTUS as IMR reviewers cite it; this report is a documentation checklist, not medical advice.</p>`,
  );
  const style = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; line-height: 1.45; overflow-wrap: anywhere; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin: 1.4em 0 0.2em; }
a { color: var(--vscode-textLink-foreground); }
ul.requests, ul.criteria { list-style: none; padding: 0; margin: 0.4em 0; }
ul.requests li { margin: 0.2em 0; }
ul.criteria li { border-left: 3px solid var(--vscode-panel-border, #8884); padding: 0.3em 0 0.3em 0.6em; margin: 0.45em 0; }
ul.criteria li.missing, ul.criteria li.contradicted, ul.criteria li.exceeds { border-left-color: var(--vscode-errorForeground, #f14c4c); }
ul.criteria li.documented { border-left-color: var(--vscode-testing-iconPassed, #73c991); }
.status { font-weight: 600; }
li.missing .status, li.contradicted .status, li.exceeds .status { color: var(--vscode-errorForeground, #f14c4c); }
li.documented .status { color: var(--vscode-testing-iconPassed, #73c991); }
.badge { border-radius: 0.6em; padding: 0 0.5em; font-size: 0.85em; border: 1px solid currentColor; white-space: nowrap; }
.badge.ready { color: var(--vscode-testing-iconPassed, #73c991); }
.badge.gaps { color: var(--vscode-errorForeground, #f14c4c); }
.meta, .cite, .footer, .earlier, .summary { opacity: 0.8; font-size: 0.9em; }
.notice { border-left: 3px solid var(--vscode-editorInfo-foreground, #3794ff); padding-left: 0.6em; }
.message, .evidence, .cite, .earlier { margin-top: 0.2em; }
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
