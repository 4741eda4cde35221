// analyze(): directives, options, determinism, and bad input that must never throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, disableDirective, listCriteria, parseDirectives } from "../../src/core/index";

const TPI5 = "## Plan\n1. Trigger point injections x5\n";

test("an in-note directive disables a criterion or a family", () => {
  assert.ok(analyze(TPI5).findings.some((f) => f.criterion === "tpi.max-injections"));
  const off = analyze(`${disableDirective("tpi.max-injections")}\n${TPI5}`);
  assert.ok(!off.findings.some((f) => f.criterion === "tpi.max-injections"));
  assert.ok(off.findings.some((f) => f.criterion === "tpi.trigger-points-documented"));
  const status = off.reports[0].criteria.find((c) => c.criterion === "tpi.max-injections");
  assert.equal(status?.status, "disabled");
  assert.equal(analyze(`<!-- rfa-ready-disable tpi -->\n${TPI5}`).findings.length, 0);
  assert.deepEqual([...parseDirectives("<!-- rfa-ready-disable a.b, c -->").names], ["a.b", "c"]);
  // A directive inside a code block is text, not a directive.
  assert.ok(analyze("```\n<!-- rfa-ready-disable tpi -->\n```\n" + TPI5).findings.length > 0);
});

test("severity options: per criterion, per family, and off", () => {
  const r = analyze(TPI5, { severity: { tpi: "error", "tpi.max-injections": "hint", "tpi.failed-conservative": "off" } });
  assert.equal(r.findings.find((f) => f.criterion === "tpi.max-injections")?.severity, "hint");
  assert.equal(r.findings.find((f) => f.criterion === "tpi.trigger-points-documented")?.severity, "error");
  assert.ok(!r.findings.some((f) => f.criterion === "tpi.failed-conservative"));
});

test("effective dates: CURES applies to notes from 2 Oct 2018 only", () => {
  const note = (date: string) => `Date of service: ${date}\n\n## Plan\n1. Norco 10/325 1 tab TID #90\n`;
  assert.ok(!analyze(note("01/05/2015")).findings.some((f) => f.criterion === "opioids.cures"));
  assert.ok(analyze(note("01/05/2025")).findings.some((f) => f.criterion === "opioids.cures"));
});

test("findings carry a fix that inserts the template in its section, or creates the section", () => {
  const text = "## Objective\n- Tender trapezius\n\n## Plan\n1. Trigger point injections x2\n";
  const f = analyze(text).findings.find((x) => x.criterion === "tpi.trigger-points-documented");
  assert.ok(f?.fix);
  assert.equal(f.fix.section, "exam");
  assert.equal(f.fix.createsSection, false);
  assert.deepEqual(f.fix.insertAt, { line: 2, column: 19 });
  assert.match(f.fix.snippet, /^\n- Exam: \$\{1\|‹trigger point\?›,/);
  const g = analyze("## Plan\n1. Trigger point injections x2\n").findings.find((x) => x.criterion === "tpi.myofascial-diagnosis");
  assert.equal(g?.fix?.createsSection, true);
  assert.match(g!.fix!.snippet, /^## Assessment\n/);
  assert.deepEqual(g!.fix!.insertAt, { line: 1, column: 1 });
});

test("every criterion has an ID, citation, message template and a snippet template", () => {
  const list = listCriteria();
  assert.ok(list.length >= 38);
  assert.equal(new Set(list.map((c) => c.id)).size, list.length);
  for (const c of list) {
    assert.match(c.id, /^[a-z-]+\.[a-z0-9-]+$/);
    assert.ok(c.citation && c.title && c.template && c.kinds.length, c.id);
    assert.ok(c.description && c.howToDocument, c.id);
  }
});

test("deterministic: the same text gives the same result", () => {
  const text = "DOS 01/01/2020\n## Plan\n1. Norco 10/325 QID #120\n2. Xanax 1 mg TID #90\n3. TPI x5\n";
  assert.deepEqual(analyze(text), analyze(text));
});

test("bad input never throws: empty, NUL, odd unicode, deep nesting, huge notes", () => {
  assert.deepEqual(analyze("").findings, []);
  const nul = analyze("## Plan\n1. TPI x5\u0000");
  assert.equal(nul.notices[0].kind, "not-text");
  const odd = analyze("## Plan\n1. TPI x5 \ud800 \u202e\u200b é ﬁ 𝒯𝒫𝐼\n");
  assert.ok(odd.findings.length > 0);
  assert.doesNotThrow(() => analyze(`${"> ".repeat(3000)}TPI\n${"- ".repeat(2000)}x\n${"[".repeat(5000)}`));
  const big = analyze("x".repeat(50), { maxChars: 10 });
  assert.equal(big.notices[0].kind, "size-limit");
  assert.match(big.notices[0].message, /limit/);
  for (const f of odd.findings) assert.ok(f.range.start.line >= 1 && f.range.end.line <= 3);
});

test("HEP is a home exercise program, Hep C is hepatitis (shared conservative-care concepts)", () => {
  const adjunct = (tail: string) =>
    analyze(`## Plan\n1. Massage therapy x4 to the lumbar paraspinals for lumbar strain (S39.012A), ${tail}\n`).findings.filter(
      (f) => f.criterion === "massage.adjunct-to-active",
    );
  assert.equal(adjunct("with HEP daily.").length, 0);
  assert.equal(adjunct("patient has Hep C.").length, 1);
  assert.equal(adjunct("hep B vaccine up to date.").length, 1);
});

test("refills written on a new prescription are not prior use; a reported UDS result is not a UDS request", () => {
  const zolpidem = analyze("## Plan\n1. Zolpidem 5 mg qhs #30 with 2 refills.\n").findings.filter((f) => f.criterion === "zolpidem.short-term");
  assert.deepEqual(zolpidem.map((f) => f.kind), ["exceeds"], "90 days of supply, not 'continued from prior use'");
  assert.match(zolpidem[0].message, /90 days/);
  const uds = (line: string) =>
    analyze(`## Plan\n1. Norco 10/325 1 tab q6h prn #120; ${line}\n`).findings.filter((f) => f.criterion === "opioids.uds-frequency");
  assert.equal(uds("UDS 08/2026 consistent.").length, 0);
  assert.equal(uds("UDS today.").length, 1);
});

test("a criterion documented on many lines lists the latest lines' evidence and counts the earlier lines", () => {
  const visit = (i: number) => `Week ${i}: stretching and a home exercise program gave no lasting relief.`;
  const note = (n: number) =>
    `## History\n${Array.from({ length: n }, (_, i) => visit(i + 1)).join("\n\n")}\n\n## Plan\n1. Trigger point injections x2\n`;
  // Range lines count from 1.
  const linesOf = (text: string) => text.split("\n").flatMap((l, i) => (l.startsWith("Week ") ? [i + 1] : []));
  const status = (text: string) => analyze(text).reports[0].criteria.find((c) => c.criterion === "tpi.failed-conservative")!;
  const ten = note(10);
  const s = status(ten);
  assert.deepEqual([...new Set(s.evidence.map((e) => e.start.line))].sort((a, b) => a - b), linesOf(ten).slice(4));
  assert.equal(s.earlierLines, 4);
  const finding = analyze(ten).findings.find((f) => f.criterion === "tpi.failed-conservative");
  assert.equal(finding?.earlierLines, 4);
  // Six lines or fewer are all listed, with no count.
  const six = status(note(6));
  assert.equal(new Set(six.evidence.map((e) => e.start.line)).size, 6);
  assert.equal(six.earlierLines, undefined);
});
