// Quick-fix planning of the extension glue: directive insertion point, bulk edits, snippets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDirectives } from "../../src/core/directives";
import type { Finding } from "../../src/core/types";
import {
  bulkFindings,
  lineAfterFrontMatter,
  planBulkEdits,
  planBulkSnippets,
  planDisableDirective,
  shiftTabStops,
  snippetToPlainText,
} from "../../src/extension/fixes";
import { applyEdits } from "../../src/extension/positions";

const range = (line: number, from = 1, to = 20) => ({ start: { line, column: from }, end: { line, column: to } });

function finding(over: Partial<Finding> & Pick<Finding, "criterion">): Finding {
  return {
    service: "tpi",
    kind: "missing",
    severity: "warning",
    message: "m",
    citation: "CPMTG 2009 p.122",
    range: range(10),
    request: { text: "Trigger point injections x3", range: range(10) },
    ...over,
  };
}

test("front matter: the directive goes after the closing fence", () => {
  assert.equal(lineAfterFrontMatter("---\ntitle: x\n---\n# Note\n"), 4);
  assert.equal(lineAfterFrontMatter("---\r\ntitle: x\r\n...\r\nbody"), 4);
  assert.equal(lineAfterFrontMatter("# Note\n---\n"), 1);
  assert.equal(lineAfterFrontMatter("---\nnever closed\n"), 1);
  assert.equal(lineAfterFrontMatter("\uFEFF---\na: 1\n---\nx"), 4);
  assert.equal(lineAfterFrontMatter(""), 1);
});

test("disable directive is inserted at the top and the core honours it", () => {
  const text = "---\ndos: 2015-09-09\n---\n# PR-2\nPlan: TPI x3\n";
  const edit = planDisableDirective(text, "tpi.max-injections");
  assert.ok(edit);
  const out = applyEdits(text, [edit]);
  assert.equal(out, "---\ndos: 2015-09-09\n---\n<!-- rfa-ready-disable tpi.max-injections -->\n# PR-2\nPlan: TPI x3\n");
  assert.deepEqual([...parseDirectives(out).names], ["tpi.max-injections"]);
  assert.equal(parseDirectives(out).all, false);
});

test("disable directive keeps CRLF notes CRLF and a BOM first", () => {
  const out = applyEdits("\uFEFF# Note\r\nbody\r\n", [planDisableDirective("\uFEFF# Note\r\nbody\r\n", "opioids.uds")!]);
  assert.equal(out, "\uFEFF<!-- rfa-ready-disable opioids.uds -->\r\n# Note\r\nbody\r\n");
});

test("a second disable extends the existing directive instead of stacking", () => {
  const text = "<!-- rfa-ready-disable tpi.max-injections -->\n# Note\n";
  const edit = planDisableDirective(text, "opioids.uds")!;
  const out = applyEdits(text, [edit]);
  assert.equal(out, "<!-- rfa-ready-disable tpi.max-injections, opioids.uds -->\n# Note\n");
  assert.deepEqual([...parseDirectives(out).names].sort(), ["opioids.uds", "tpi.max-injections"]);
  assert.equal(planDisableDirective(out, "opioids.uds"), undefined, "already disabled: no edit");
});

test("a bare disable-all directive is not extended (it would narrow it)", () => {
  const text = "<!-- rfa-ready-disable -->\n# Note\n";
  const out = applyEdits(text, [planDisableDirective(text, "opioids.uds")!]);
  assert.equal(out, "<!-- rfa-ready-disable opioids.uds -->\n<!-- rfa-ready-disable -->\n# Note\n");
  assert.equal(parseDirectives(out).all, true);
});

test("snippetToPlainText expands placeholders, choices and escapes", () => {
  assert.equal(snippetToPlainText("Pain ${1:7}/10 before, ${2:3}/10 after$0"), "Pain 7/10 before, 3/10 after");
  assert.equal(snippetToPlainText("${1|left,right|} side; $2 \\$5 copay ${3}"), "left side;  $5 copay ");
  assert.equal(snippetToPlainText("${1:outer ${2:inner} end}"), "outer inner end");
  assert.equal(snippetToPlainText("## Exam\n- ${1:finding}\n"), "## Exam\n- finding\n");
  assert.equal(snippetToPlainText("${TM_FILENAME:note}"), "note");
  assert.equal(snippetToPlainText("costs $ and {braces}"), "costs $ and {braces}");
});

test("bulk: only missing findings with a template, for that request", () => {
  const fix = { insertAt: { line: 5, column: 1 }, snippet: "x\n", section: "exam" as const, createsSection: false };
  const all = [
    finding({ criterion: "tpi.a", fix }),
    finding({ criterion: "tpi.b", kind: "exceeds", fix }),
    finding({ criterion: "tpi.c" }),
    finding({ criterion: "opioids.d", fix, request: { text: "Norco", range: range(11) } }),
  ];
  assert.deepEqual(bulkFindings(all, 10).map((f) => f.criterion), ["tpi.a"]);
  assert.deepEqual(bulkFindings(all, 11).map((f) => f.criterion), ["opioids.d"]);
});

test("bulk edits merge inserts at one point, write a created heading once, and apply bottom-up", () => {
  const text = "# Note\nS: pain\n\nPlan:\n1. TPI x3\n";
  const examHeading = { line: 3, column: 1 };
  const findings = [
    finding({
      criterion: "tpi.twitch",
      fix: { insertAt: examHeading, snippet: "## Exam\n- Twitch ${1:present}\n", section: "exam", createsSection: true },
    }),
    finding({
      criterion: "tpi.referred",
      fix: { insertAt: examHeading, snippet: "## Exam\n- Referred pain ${1:yes}\n", section: "exam", createsSection: true },
    }),
    finding({
      criterion: "tpi.failed",
      fix: { insertAt: { line: 2, column: 9 }, snippet: " Failed ${1:PT}.", section: "history", createsSection: false },
    }),
  ];
  const edits = planBulkEdits(findings);
  assert.equal(edits.length, 2);
  assert.ok(edits[0].range.start.line > edits[1].range.start.line, "bottom-up");
  const out = applyEdits(text, edits);
  assert.equal(out, "# Note\nS: pain Failed PT.\n## Exam\n- Twitch present\n- Referred pain yes\n\nPlan:\n1. TPI x3\n");
  assert.equal(out.match(/## Exam/g)?.length, 1);
});

test("bulk edits at the end of the note keep the blank line and write the heading once", () => {
  const text = "# Note\nPain.";
  const at = { line: 2, column: 6 };
  const mk = (criterion: string, body: string): Finding =>
    finding({ criterion, fix: { insertAt: at, snippet: `\n\n## Plan / Request for Authorization\n${body}`, section: "plan", createsSection: true } });
  const out = applyEdits(text, planBulkEdits([mk("a.one", "UDS ${1:date}"), mk("a.two", "CURES ${1:checked}")]));
  assert.equal(out, "# Note\nPain.\n\n## Plan / Request for Authorization\nUDS date\n\nCURES checked");
});

test("shiftTabStops renumbers placeholders, choices and bare stops, keeps escapes, drops a bare $0", () => {
  assert.deepEqual(shiftTabStops("Pain ${1:‹before›}→${2:‹now›}; ${3|‹side?›,R,L|} $4 \\$5 \\${6} $0", 10), {
    snippet: "Pain ${11:‹before›}→${12:‹now›}; ${13|‹side?›,R,L|} $14 \\$5 \\${6} ",
    stops: 4,
  });
  assert.deepEqual(shiftTabStops("no stops, $ alone", 3), { snippet: "no stops, $ alone", stops: 0 });
  assert.deepEqual(shiftTabStops("${1:a} ${1:a} ${0}", 2), { snippet: "${3:a} ${3:a} ", stops: 1 }, "mirrors stay mirrors");
});

test("bulk snippets: live tab stops numbered once, top to bottom, and the same text as the plain edits", () => {
  const text = "# Note\nS: pain\n\nPlan:\n1. TPI x3\n";
  const exam = { line: 3, column: 1 };
  const findings = [
    finding({ criterion: "tpi.twitch", fix: { insertAt: exam, snippet: "## Exam\n- Twitch ${1|‹twitch?›,present,absent|} in ${2:‹muscle›}\n", section: "exam", createsSection: true } }),
    finding({ criterion: "tpi.referred", fix: { insertAt: exam, snippet: "## Exam\n- Referred to ${1:‹area›}\n", section: "exam", createsSection: true } }),
    finding({ criterion: "tpi.failed", fix: { insertAt: { line: 2, column: 9 }, snippet: " Failed ${1:‹treatments›}.", section: "history", createsSection: false } }),
  ];
  const inserts = planBulkSnippets(findings);
  assert.equal(inserts.length, 2);
  assert.ok(inserts[0].at.line > inserts[1].at.line, "bottom-up");
  assert.equal(inserts[1].snippet, " Failed ${1:‹treatments›}.", "the first insertion in the note holds $1");
  assert.equal(inserts[0].snippet, "## Exam\n- Twitch ${2|‹twitch?›,present,absent|} in ${3:‹muscle›}\n- Referred to ${4:‹area›}\n", "one heading; stops go on");
  const asPlain = applyEdits(text, inserts.map((s) => ({ range: { start: s.at, end: s.at }, text: snippetToPlainText(s.snippet) })));
  assert.equal(asPlain, applyEdits(text, planBulkEdits(findings)));
});
