// Robustness: analyze and the session never throw, keep every range inside the note, are
// deterministic, agree with each other, and take time in proportion to parsing the same text,
// on random text (any UTF-16, lone surrogates, CR/CRLF, NUL), random markdown and the shapes that
// break linters: 100 000 lines, one 1 MB line, nesting thousands deep, thousands of requests.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { analyze, createSession } from "../../src/core/index";
import type { AnalyzeResult, Range } from "../../src/core/types";

/** Every range of a result lies inside the text (1-based lines, columns up to the line's end + 1). */
function assertRangesInside(text: string, result: AnalyzeResult): number {
  const lines = text.split(/\r\n|\r|\n/);
  let n = 0;
  const check = (r: Range) => {
    n++;
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} outside 1..${lines.length}`);
      assert.ok(p.column >= 1 && p.column <= lines[p.line - 1].length + 1, `column ${p.column} outside line ${p.line}`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.column <= r.end.column), "range ends before it starts");
  };
  for (const req of result.requests) {
    check(req.range);
    check(req.termRange);
  }
  for (const f of result.findings) {
    check(f.range);
    check(f.request.range);
    for (const e of f.evidence ?? []) check(e);
    if (f.fix) check({ start: f.fix.insertAt, end: f.fix.insertAt });
  }
  for (const rep of result.reports) for (const c of rep.criteria) for (const e of c.evidence) check(e);
  for (const notice of result.notices) check(notice.range);
  return n;
}

let analyses = 0;
let ranges = 0;

/** The checks every input gets: no throw, ranges inside, deterministic, session agrees. */
function robust(text: string) {
  const first = analyze(text, { today: "2026-11-23" });
  analyses++;
  ranges += assertRangesInside(text, first);
  assert.deepEqual(analyze(text, { today: "2026-11-23" }), first, "not deterministic");
  const session = createSession({ today: "2026-11-23" });
  assert.deepEqual(session.analyze(text), first, "the session disagrees");
  analyses += 2;
}

const PIECES = [
  "# ", "## Plan\n", "Plan:", "PLAN\n", "- ", "  - ", "1. ", "> ", "```\n", "~~~\n", "    ", "\t", "| a | b |\n|---|---|\n", "<!--", "-->",
  "<pre>", "[x]: /u\n", "[x]", "[^1]", "***", "---\n", "===\n", "\n", "\n\n", "\r\n", "\r", "Norco 10/325 mg #90", "TPI x3", "Xanax 0.5 mg",
  "massage therapy 2x3", "SI joint injection", "ESI L4-5", "not ", "denies ", "history of ", "7/10 without, 4/10 with Norco", "60% relief x 8 weeks",
  "Date of service: 10/14/2026", "DOI 03/02/2025", ":", ";", ".", "*", "_", "`", "\\", "&amp;", "\u00a0", "\u2028", "\ud800", "\udfff", "\ud83d\ude00",
];

test("random text of any UTF-16 code units: never throws, ranges inside, deterministic (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => robust(text)),
    { numRuns: 150, seed: 1 },
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("\ud800", "\udc00", "\r", "\n", "a", " ", "\u0000", "#", "-", "|"), maxLength: 200 }), (text) => robust(text)),
    { numRuns: 100, seed: 2 },
  );
});

test("random markdown and note fragments: never throws, ranges inside, deterministic (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), { maxLength: 120 }), (parts) =>
      robust(parts.join("")),
    ),
    { numRuns: 200, seed: 3 },
  );
});

test("NUL bytes and over-long notes stop with a notice, never a throw", () => {
  const nul = analyze("Plan: TPI x3\u0000");
  assert.equal(nul.notices[0]?.kind, "not-text");
  const long = analyze("Plan: TPI x3\n".repeat(100), { maxChars: 1000 });
  assert.equal(long.notices[0]?.kind, "size-limit");
  assert.match(long.notices[0].message, /limit/);
});

// ---------------------------------------------------------------------------------------------
// Pathological shapes, each against the time remark-parse alone needs for the same text.

const remark = unified().use(remarkParse);

/** Generous: the analysis may take this many times the bare parse (plus a fixed allowance). */
const MULTIPLE = 12;
const ALLOWANCE_MS = 1500;

function bounded(name: string, text: string) {
  const t0 = performance.now();
  remark.parse(text);
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const result = analyze(text, { today: "2026-11-23" });
  const analyzeMs = performance.now() - t1;
  analyses++;
  ranges += assertRangesInside(text, result);
  assert.ok(
    analyzeMs <= MULTIPLE * parseMs + ALLOWANCE_MS,
    `${name}: analyze took ${analyzeMs.toFixed(0)} ms, parsing alone ${parseMs.toFixed(0)} ms`,
  );
  return result;
}

const VISIT = [
  "## Subjective",
  "Neck pain 7/10 without and 4/10 with Norco; walking improved from 10 to 30 minutes.",
  "## Objective",
  "- Taut band with twitch response and referred pain, right trapezius.",
  "## Plan",
  "1. Trigger point injections x3, right trapezius",
  "2. Norco 10/325 mg 1 tab TID #90",
  "",
].join("\n");

test("pathological shapes: 100 000 lines, a 1 MB line, deep nesting, thousands of requests", () => {
  bounded("100 000 short lines", Array.from({ length: 100_000 }, (_, i) => (i % 4 === 3 ? "" : `line ${i} pain`)).join("\n"));
  bounded("a single 1 MB line", "pain 5/10 and walking tolerance of 10 minutes; ".repeat(21_000));
  bounded("blockquotes 5 000 deep", ">".repeat(5_000) + " Plan: TPI x3\n");
  bounded("lists 3 000 deep", "- ".repeat(3_000) + "Plan: TPI x3\n");
  bounded("ordered lists and quotes 2 000 deep", "1. > ".repeat(2_000) + "Norco 10 mg #60\n");
  bounded("20 000 open brackets", "[".repeat(20_000) + "Norco" + "]".repeat(20_000));
  bounded("20 000 emphasis markers", "*".repeat(20_000) + "Norco 10 mg" + "_".repeat(20_000));
  bounded("10 000 backtick runs", "`".repeat(10_000) + " x " + "``".repeat(5_000));
  const many = bounded("2 000 requests", "## Plan\n" + Array.from({ length: 2_000 }, (_, i) => `${i + 1}. Norco 10/325 mg 1 tab TID #90 and TPI x3`).join("\n") + "\n");
  assert.ok(many.requests.length >= 2_000);
  bounded("100 visits", Array.from({ length: 100 }, () => VISIT).join("\n"));
});

test("fuzz counts", () => {
  // Reported in the closing note; the assertions live in the tests above.
  assert.ok(analyses > 500, `${analyses} analyses`);
  console.log(`fuzz: ${analyses} analyses, ${ranges} ranges checked`);
});
