// Status text, hover checklist and readiness report, rendered from a synthetic AnalyzeResult.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AnalyzeResult } from "../../src/core/types";
import {
  escapeHtml,
  escapeMarkdown,
  evidenceLines,
  hoverMarkdown,
  reportCsp,
  reportHtml,
  statusText,
} from "../../src/extension/render";
import { PR2_SECTIONS, progressNoteSnippet } from "../../src/extension/templates";

const r = (line: number, from: number, to: number) => ({ start: { line, column: from }, end: { line, column: to } });

const NOTE = [
  "# PR-2", // 1
  "Exam: taut band with twitch response, trapezius.", // 2
  "Pain 8/10 <script>alert(1)</script>", // 3
  "", // 4
  "Plan:", // 5
  "1. Trigger point injections x3 sets", // 6
  "2. Norco 10-325 #100", // 7
].join("\n");

const tpiRequest = { service: "tpi" as const, text: "Trigger point injections x3 sets", range: r(6, 4, 36), termRange: r(6, 4, 28), line: 6 };
const norcoRequest = { service: "opioids" as const, text: "Norco 10-325 #100", range: r(7, 4, 21), termRange: r(7, 4, 9), line: 7 };

const RESULT: AnalyzeResult = {
  noteDate: "2015-09-09",
  requests: [tpiRequest, norcoRequest],
  findings: [
    {
      criterion: "tpi.max-injections",
      service: "tpi",
      kind: "exceeds",
      severity: "warning",
      message: "3 sets requested; the guideline allows no repeat without 50% relief for 6 weeks.",
      citation: "CPMTG 2009 p.122",
      range: tpiRequest.range,
      request: { text: tpiRequest.text, range: tpiRequest.range },
    },
    {
      criterion: "opioids.uds",
      service: "opioids",
      kind: "missing",
      severity: "warning",
      message: "No urine drug screen documented; expected a recent UDS result.",
      citation: "CPMTG 2009 p.78",
      range: norcoRequest.range,
      request: { text: norcoRequest.text, range: norcoRequest.range },
    },
  ],
  reports: [
    {
      request: tpiRequest,
      criteria: [
        { criterion: "tpi.trigger-points", title: "Trigger points with twitch response", citation: "CPMTG 2009 p.122", status: "documented", evidence: [r(2, 7, 36), r(2, 38, 48)] },
        { criterion: "tpi.max-injections", title: "Injections per session", citation: "CPMTG 2009 p.122", status: "exceeds", evidence: [] },
        { criterion: "tpi.imaging", title: "No imaging guidance", citation: "ODG Pain, TPI", status: "not-applicable", evidence: [] },
      ],
    },
    {
      request: norcoRequest,
      criteria: [
        { criterion: "opioids.pain-scores", title: "Pain before/after", citation: "CPMTG 2009 p.78", status: "contradicted", evidence: [r(3, 1, 9)] },
        { criterion: "opioids.uds", title: "Urine drug screen", citation: "CPMTG 2009 p.78", status: "missing", evidence: [] },
        { criterion: "opioids.cures", title: "CURES report", citation: "LC 4610", status: "disabled", evidence: [] },
      ],
    },
  ],
  notices: [],
};

test("status text counts requests and gaps with plurals", () => {
  assert.equal(statusText(RESULT), "RFA: 2 requests, 2 gaps");
  assert.equal(statusText({ ...RESULT, requests: [tpiRequest], findings: [RESULT.findings[0]] }), "RFA: 1 request, 1 gap");
  assert.equal(statusText({ ...RESULT, findings: [] }), "RFA: 2 requests, 0 gaps");
  assert.equal(statusText({ requests: [], findings: [], reports: [], notices: [] }), "RFA: no requests");
});

test("hover lists every criterion with status, evidence line and citation, problems first", () => {
  const md = hoverMarkdown(RESULT.reports[0], { serviceTitle: (k) => (k === "tpi" ? "Trigger point injections" : undefined) });
  assert.match(md, /Trigger point injections · 1 gap/);
  const lines = md.split("\n");
  const exceeds = lines.findIndex((l) => l.includes("Injections per session"));
  const documented = lines.findIndex((l) => l.includes("Trigger points with twitch response"));
  const na = lines.findIndex((l) => l.includes("No imaging guidance"));
  assert.ok(exceeds > 0 && exceeds < documented && documented < na, "order: exceeds, documented, n/a");
  assert.match(lines[documented], /documented \(line 2\)/);
  assert.match(lines[exceeds], /exceeds the limit/);
  assert.match(lines[na], /not applicable/);
  assert.match(md, /_CPMTG 2009 p\\\.122_ · `tpi\.max-injections`/);
  assert.match(md, /ODG Pain, TPI/);
  const partial = hoverMarkdown({ request: tpiRequest, criteria: [{ ...RESULT.reports[0].criteria[0], status: "missing" }] });
  assert.match(partial, /missing \(partly, line 2\)/);
});

test("hover for a fully documented request says so", () => {
  const report = { request: tpiRequest, criteria: [RESULT.reports[0].criteria[0]] };
  assert.match(hoverMarkdown(report), /ready for review/);
});

test("a criterion documented on many lines shows the latest ones and counts the earlier ones", () => {
  // A running case file: the criterion is documented once per visit, 20 visits.
  const many = Array.from({ length: 20 }, (_, i) => r(10 + i * 5, 1, 4));
  const text = Array.from({ length: 120 }, (_, i) => `line ${i + 1} text`).join("\n");
  const report = { request: tpiRequest, criteria: [{ criterion: "tpi.trigger-points", title: "Trigger points", citation: "p.122", status: "documented" as const, evidence: many }] };
  const result: AnalyzeResult = { requests: [tpiRequest], findings: [], reports: [report], notices: [] };
  const hover = hoverMarkdown(report);
  assert.match(hover, /lines 80, 85, 90, 95, 100, 105 and 14 earlier lines/);
  assert.doesNotMatch(hover, /\b75\b/);
  const html = reportHtml(result, { name: "note.md", text, nonce: "n" });
  assert.equal((html.match(/<div>line \d+:/g) ?? []).length, 6);
  assert.match(html, /<div class="earlier">14 earlier lines<\/div><div>line 80: <q>line 80 text<\/q>/);
  // A few lines are all shown.
  assert.match(hoverMarkdown({ ...report, criteria: [{ ...report.criteria[0], evidence: many.slice(0, 3) }] }), /\(lines 10, 15, 20\)/);
});

test("evidenceLines is distinct and sorted", () => {
  assert.deepEqual(evidenceLines([r(9, 1, 2), r(3, 1, 2), r(9, 4, 5)]), [3, 9]);
});

test("escaping keeps note text literal", () => {
  assert.equal(escapeMarkdown("*x* [a](b) <i>"), "\\*x\\* \\[a\\]\\(b\\) \\<i\\>");
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});

test("report lists every request, criterion, status, evidence line and citation", () => {
  const html = reportHtml(RESULT, { name: "note.md", text: NOTE, nonce: "abc123" });
  for (const report of RESULT.reports) {
    assert.ok(html.includes(`<h2>${report.request.text}</h2>`), report.request.text);
    for (const c of report.criteria) {
      assert.ok(html.includes(c.title), c.title);
      assert.ok(html.includes(c.criterion), c.criterion);
      assert.ok(html.includes(c.citation), c.citation);
      assert.ok(html.includes(`<tr class="${c.status}">`), c.status);
    }
  }
  assert.match(html, /line 2: <q>Exam: taut band with twitch response, trapezius\.<\/q>/);
  assert.match(html, /No urine drug screen documented/);
  assert.match(html, /date of service 2015-09-09/);
  assert.match(html, /RFA: 2 requests, 2 gaps/);
});

test("report is inert: strict CSP, no scripts, note text escaped", () => {
  const html = reportHtml(RESULT, { name: "<b>n</b>.md", text: NOTE, nonce: "abc123" });
  assert.ok(html.includes(`content="${reportCsp("abc123")}"`));
  assert.match(reportCsp("abc123"), /default-src 'none'/);
  assert.match(reportCsp("abc123"), /script-src 'none'/);
  assert.ok(!/<script/i.test(html), "no script element, even from note text");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(html.includes("&lt;b&gt;n&lt;/b&gt;.md"));
  assert.ok(!/https?:\/\//.test(html), "nothing loaded from anywhere");
});

test("report shows notices and the unavailable state", () => {
  const html = reportHtml(
    { ...RESULT, notices: [{ kind: "size-limit", message: "Checked the first 2,000,000 characters only.", range: r(1, 1, 1) }] },
    { name: "n.md", text: NOTE, nonce: "n" },
  );
  assert.match(html, /class="notice">Checked the first 2,000,000 characters only\./);
  const off = reportHtml({ requests: [], findings: [], reports: [], notices: [] }, { name: "n.md", text: "", nonce: "n", unavailable: "disabled" });
  assert.match(off, /class="notice">disabled/);
  assert.ok(!off.includes("No requested service"));
});

test("the PR-2 skeleton has every section the rules look for, in order", () => {
  const snippet = progressNoteSnippet(new Date(2025, 0, 5));
  let last = -1;
  for (const section of PR2_SECTIONS) {
    const at = snippet.indexOf(`\n## ${section}\n`);
    assert.ok(at > last, section);
    last = at;
  }
  assert.match(snippet, /\*\*Date of service:\*\* \$\{\d+:01\/05\/2025\}/);
});
