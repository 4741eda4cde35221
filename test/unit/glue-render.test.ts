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

test("hover: one compact line per criterion, gaps first, with its evidence line; not applicable counted", () => {
  const md = hoverMarkdown(RESULT.reports[0], {
    serviceTitle: (k) => (k === "tpi" ? "Trigger point injections" : undefined),
    criterionLink: (id) => `command:open?${encodeURIComponent(JSON.stringify([id]))}`,
  });
  const lines = md.split("\n");
  assert.match(lines[0], /^\*\*Trigger point injections\*\*: 1 gap$/, "the family and its readiness, not the request again");
  const exceeds = lines.findIndex((l) => l.includes("Injections per session"));
  const documented = lines.findIndex((l) => l.includes("Trigger points with twitch response"));
  assert.ok(exceeds > 0 && exceeds < documented, "order: gaps, then documented");
  assert.match(lines[documented], /: documented \(line 2\)$/);
  assert.match(lines[exceeds], /: over the limit$/);
  // Each title links to its page, the citation and ID in the link's tooltip; no second line per criterion.
  assert.match(lines[exceeds], /\[Injections per session\]\(command:open\?%5B%22tpi\.max-injections%22%5D "CPMTG 2009 p\.122 · tpi\.max-injections"\)/);
  assert.equal(lines.filter((l) => l.startsWith("- ")).length, 2, "not applicable is not listed...");
  assert.match(md, /_1 not applicable_/, "...but counted");
  const partial = hoverMarkdown({ request: tpiRequest, criteria: [{ ...RESULT.reports[0].criteria[0], status: "missing" }] });
  assert.match(partial, /missing \(partly documented, line 2\)/);
  // Without links (no context), titles are plain text.
  assert.doesNotMatch(hoverMarkdown(RESULT.reports[0]), /\]\(/);
});

test("a criterion met only because nothing contradicts it says so, not documented", () => {
  const noConflict = { criterion: "tpi.image-guidance", title: "No imaging guidance", citation: "p.122", status: "documented" as const, evidence: [] };
  const report = { request: tpiRequest, criteria: [noConflict, RESULT.reports[0].criteria[0]] };
  const md = hoverMarkdown(report);
  assert.match(md, /No imaging guidance: no conflict found$/m);
  assert.doesNotMatch(md, /No imaging guidance: documented/);
  assert.match(md, /Trigger points with twitch response: documented \(line 2\)/);
  const html = reportHtml({ requests: [tpiRequest], findings: [], reports: [report], notices: [] }, { name: "n.md", text: NOTE, nonce: "n" });
  assert.match(html, /<li class="no-conflict"><div class="head"><span class="status">no conflict found<\/span> No imaging guidance/);
  assert.match(html, /<span class="status">documented \(line 2\)<\/span> Trigger points with twitch response/);
});

test("hover for a fully documented request says it is ready", () => {
  const report = { request: tpiRequest, criteria: [RESULT.reports[0].criteria[0]] };
  assert.match(hoverMarkdown(report), /: ready$/m);
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
  assert.equal((html.match(/<div class="evidence">line \d+:/g) ?? []).length, 6);
  assert.match(html, /<div class="earlier">14 earlier lines not shown<\/div><div class="evidence">line 80: <q>line 80 text<\/q>/);
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

test("report: a summary per request, every criterion with status, evidence, citation, and links", () => {
  const html = reportHtml(RESULT, { name: "note.md", text: NOTE, nonce: "abc123" }, {
    criterionLink: (id) => `command:open?${encodeURIComponent(JSON.stringify([id]))}`,
    lineLink: (line) => `command:line?${encodeURIComponent(JSON.stringify(["untitled:n", line]))}`,
  });
  // Summary: each request with "ready" or its gap count, linking to its section.
  assert.match(html, /2 requests: 0 ready, 2 with gaps/);
  assert.match(html, /<li><a href="#request-1">Trigger point injections x3 sets<\/a> <span class="badge gaps">1 gap<\/span><\/li>/);
  assert.match(html, /<section id="request-2">/);
  for (const report of RESULT.reports) {
    assert.ok(html.includes(`<h2>${report.request.text}</h2>`), report.request.text);
    for (const c of report.criteria) {
      assert.ok(html.includes(c.title), c.title);
      assert.ok(html.includes(c.criterion), c.criterion);
      assert.ok(html.includes(c.citation), c.citation);
      assert.ok(html.includes(`<li class="${c.status}">`), c.status);
      assert.ok(html.includes(`href="command:open?${encodeURIComponent(JSON.stringify([c.criterion]))}"`), `link to ${c.criterion}`);
    }
  }
  // Evidence lines link to the note; the request line too.
  const lineHref = (n: number) => `command:line?${encodeURIComponent(JSON.stringify(["untitled:n", n]))}`;
  assert.ok(html.includes(`<a href="${lineHref(2)}" title="Show line 2 in the note">line 2</a>: <q>Exam: taut band with twitch response, trapezius.</q>`));
  assert.ok(html.includes(`<a href="${lineHref(6)}"`), "the request line");
  assert.match(html, /<span class="status">documented \(line 2\)<\/span>/);
  assert.match(html, /<span class="status">over the limit<\/span>/);
  assert.match(html, /No urine drug screen documented/);
  assert.match(html, /date of service 2015-09-09/);
  assert.ok(!/<table/.test(html), "one column: readable at half width");
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
