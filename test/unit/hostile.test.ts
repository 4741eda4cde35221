// Hostile notes (issue #16): what remark-parse cannot take in linear time or memory never reaches
// it (bounds.ts): such lines are read as plain text, or a block of too many lines is not read, and
// a notice names the lines. Ordinary notes are far from every limit and parse as before. The
// analysis can be cancelled inside one chunk, and what a note keeps in memory stays within a small
// multiple of its size. Inputs are synthetic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalysisCancelled, analyze, createSession } from "../../src/core/index";
import { bound, MAX_BLOCK_LINES, MAX_INDENT_COLUMNS, MAX_INLINE_DELIMITERS, MAX_LINE_CHARS, MAX_TABLE_COLUMNS } from "../../src/core/bounds";
import { splitChunks } from "../../src/core/chunks";
import { parseNote } from "../../src/core/note";
// @ts-expect-error: a plain ES module of the benchmark (seeded synthetic notes, no real patient)
import { generateNote } from "../../scripts/bench/generate.mjs";
// @ts-expect-error: a plain ES module (the hostile inputs of issue #16, also timed by scripts/hostile.mjs)
import { HOSTILE } from "../../scripts/hostile.mjs";

const hostile = HOSTILE as Record<string, () => string>;
const root = join(__dirname, "..", "..");

/** A small ordinary note of our own around a hostile middle. */
const around = (middle: string) =>
  [
    "Date of service: 03/02/2026",
    "",
    "Subjective: Low back pain for four months, worse with lifting.",
    "",
    middle,
    "",
    "Plan: Request physical therapy 2x6 for the lumbar spine.",
    "",
  ].join("\n");

test("ordinary notes reach the parser whole: no chunk of them is bounded", () => {
  const notes = [readFileSync(join(root, "examples", "progress-note.md"), "utf8"), generateNote(200_000, 5) as string, generateNote(1_000_000, 9) as string];
  for (const text of notes) {
    for (const { start, end } of splitChunks(text, 2048)) {
      const chunk = text.slice(start, end);
      const b = bound(chunk, start === 0 ? 5000 : 0);
      assert.equal(b.ranges.length, 0, JSON.stringify(b.ranges[0]));
      assert.equal(b.source, chunk);
    }
    assert.deepEqual(
      analyze(text).notices.filter((n) => n.kind === "bounded"),
      [],
    );
  }
});

test("each hostile input is bounded and its notice names the lines", () => {
  for (const [name, make] of Object.entries(hostile)) {
    if (name === "capitals+spaces") continue; // a section-label pattern, not the parser (structure tests)
    if (name === "digit runs") continue; // patterns only (regex-safety.test.ts); its long lines are plain text
    const text = make();
    const result = analyze(text);
    const notices = result.notices.filter((n) => n.kind === "bounded");
    assert.ok(notices.length > 0, `${name}: no notice`);
    for (const n of notices) assert.match(n.message, /^RFA Ready (?:read lines? [\d,-]+ as plain text|did not check lines? [\d,-]+) \(/, name);
  }
});

test("a line past a limit is cut out of the parser's input and read as plain text; the lines around it keep their place", () => {
  const shapes: Record<string, string> = {
    long: "word ".repeat(MAX_LINE_CHARS / 4),
    indent: `${" ".repeat(MAX_INDENT_COLUMNS + 2)}- deep item`,
    table: `|${" c |".repeat(MAX_TABLE_COLUMNS + 5)}`,
    delimiters: "*b".repeat(MAX_INLINE_DELIMITERS + 1),
  };
  for (const [name, middle] of Object.entries(shapes)) {
    const text = around(middle);
    const b = bound(text);
    assert.equal(b.ranges.length, 1, name);
    const [r] = b.ranges;
    assert.equal(r.mode, "plain", name);
    assert.equal(text.slice(r.start, r.end), middle, name);
    assert.ok(!b.source.includes(middle), `${name}: the parser still gets the line`);
    // Offsets map back around the cut.
    assert.equal(b.toStart(b.source.indexOf("Plan:")), text.indexOf("Plan:"), name);
    assert.equal(b.toEnd(b.source.indexOf("Subjective:") + 11), text.indexOf("Subjective:") + 11, name);

    const note = parseNote(text);
    // The bounded line is prose as it is written, one paragraph of its own.
    const start = text.indexOf(middle) + (middle.length - middle.trimStart().length);
    assert.equal(note.prose.slice(start, start + 20), text.slice(start, start + 20), name);
    assert.ok(note.blocks.some((bl) => bl.start === start && bl.kind === "paragraph"), name);
    // The ordinary lines parse as they do without it.
    const plain = parseNote(around("Middle line."));
    assert.deepEqual(
      note.sections.map((s) => s.kind),
      plain.sections.map((s) => s.kind),
      name,
    );
    const result = analyze(text);
    const expected = analyze(around("Middle line."));
    assert.deepEqual(
      result.requests.map((q) => q.text),
      expected.requests.map((q) => q.text),
      name,
    );
    const line = text.slice(0, text.indexOf("Plan:")).split("\n").length;
    assert.equal(result.requests[0]?.range.start.line, line, name);
    const notice = result.notices.find((n) => n.kind === "bounded");
    assert.equal(notice?.range.start.line, 5, name);
    assert.match(notice!.message, /^RFA Ready read line 5 as plain text/, name);
  }
});

test("a block of more lines than a note holds is not read, and said so", () => {
  const middle = "x\n".repeat(MAX_BLOCK_LINES + 1).trimEnd();
  const text = around(middle);
  const result = analyze(text);
  const notice = result.notices.find((n) => n.kind === "bounded");
  assert.match(notice?.message ?? "", new RegExp(`^RFA Ready did not check lines 5-${5 + MAX_BLOCK_LINES} \\(`));
  assert.equal(result.requests.length, 1);
  // Nothing of it is prose.
  const note = parseNote(text);
  const start = text.indexOf(middle);
  assert.equal(note.prose.slice(start, start + middle.length).trim(), "");
});

test("bounding is a function of the chunk: a session that edits around a hostile block equals a fresh analysis", () => {
  const base = around(hostile["3000 quoted lines"]().slice(0, 60_000));
  const session = createSession();
  let text = base;
  for (let i = 0; i < 6; i++) {
    const at = (i * 7919) % text.length;
    text = text.slice(0, at) + (i % 2 ? "\n\n" : "Norco 10 mg ") + text.slice(at);
    assert.deepEqual(session.analyze(text), analyze(text), `edit ${i}`);
  }
});

/** The fastest of three runs, in ms. */
function timed(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test("hostile shapes grow about linearly (catastrophic growth would be 16x or more at 4x the size)", () => {
  const shapes: Record<string, (n: number) => string> = {
    "*a in one line": (n) => "*a".repeat(n),
    "*a over lines": (n) => "*a*a*a*a*a\n".repeat(n / 5),
    "nested quotes": (n) => Array.from({ length: n / 50 }, (_, i) => `${"> ".repeat(1 + (i % 60))}q\n`).join(""),
    "indented list": (n) => Array.from({ length: n / 100 }, (_, i) => `${"  ".repeat(i % 400)}- x\n`).join(""),
    "wide table": (n) => {
      const row = `|${" c |".repeat(n / 40)}\n`;
      return row + row.replace(/ c /g, "---") + row.repeat(8);
    },
    // One plan of drug order lines, each its own request (n / 10 lines: 1,000 and 4,000).
    "order lines in one plan": (n) => `Plan:\n${Array.from({ length: n / 10 }, (_, i) => `- Norco 10/325 mg 1 tab PO q6h prn pain #${100 + (i % 60)}\n`).join("")}`,
    "digit runs": (n) => `Walking ${"1".repeat(n)} blocks.\nPlan: Norco ${"1".repeat(n)} mg daily.\nReduced from ${"1".repeat(n)} x.`,
  };
  const slow: string[] = [];
  for (const [name, make] of Object.entries(shapes)) {
    const small = make(10_000);
    const large = make(40_000);
    const a = Math.max(timed(() => analyze(small)), 20);
    const b = timed(() => analyze(large));
    if (b / a > 8 || b > 10_000) slow.push(`${name}: ${a.toFixed(0)} ms -> ${b.toFixed(0)} ms`);
  }
  assert.deepEqual(slow, []);
});

test("the analysis is cancellable inside one chunk", () => {
  // One chunk (no blank line), no request: before, the check was asked once before the chunk and once after it.
  const text = Array.from({ length: 4000 }, (_, i) => `- Walked ${i % 50} blocks in the park with the dog today`).join("\n");
  assert.equal(splitChunks(text, 2048).length, 1);
  let asked = 0;
  analyze(text, {}, undefined, () => (asked++, false));
  assert.ok(asked > 2, `asked ${asked} times`);
  let left = 2;
  assert.throws(() => analyze(text, {}, undefined, () => left-- <= 0), AnalysisCancelled);
  // A session cancelled inside the chunk still gets the right answer afterwards.
  const session = createSession();
  left = 2;
  assert.throws(() => session.analyze(text, () => left-- <= 0), AnalysisCancelled);
  assert.deepEqual(session.analyze(text), analyze(text));
});

test("memory kept for a hostile note stays within a small multiple of its size", () => {
  // In a child process with a collectable heap: heap after gc, before and after a session analysed the note.
  const script = `
    (async () => {
      const core = await import(${JSON.stringify(join(root, "src", "core", "session.ts"))});
      const { createSession } = core.createSession ? core : core.default;
      const { generateNote } = await import(${JSON.stringify(join(root, "scripts", "bench", "generate.mjs"))});
      const { HOSTILE } = await import(${JSON.stringify(join(root, "scripts", "hostile.mjs"))});
      const out = {};
      // The module's one-time caches (compiled patterns, lexicons) are made on first use: made
      // here, on a small ordinary note, so that what follows measures what a session keeps.
      createSession().analyze(generateNote(20000, 5));
      for (const name of ["200000 one-letter lines", "20x2000 table", "3000 quoted lines", "ordinary"]) {
        const text = name === "ordinary" ? generateNote(300000, 4) : HOSTILE[name]();
        gc(); gc();
        const before = process.memoryUsage().heapUsed;
        globalThis.keep = createSession();
        globalThis.keep.analyze(text);
        gc(); gc();
        out[name] = (process.memoryUsage().heapUsed - before) / text.length;
        globalThis.keep = undefined;
      }
      process.stdout.write(JSON.stringify(out));
    })();
  `;
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "-e", script], { encoding: "utf8", cwd: root });
  assert.equal(run.status, 0, run.stderr);
  const perChar = JSON.parse(run.stdout) as Record<string, number>;
  // Bytes kept per character of the note: an ordinary note keeps about 30; the bound is generous.
  for (const [name, bytes] of Object.entries(perChar)) assert.ok(bytes < 80, `${name}: ${bytes.toFixed(1)} bytes kept per character`);
});
