// The benchmark's note generator (scripts/bench/generate.mjs): seeded and deterministic, of the size
// asked, and realistic enough that the analysis finds requests of several families in it. The
// benchmark itself is `npm run bench`; nothing here is timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";
// @ts-expect-error: a plain .mjs script without type declarations
import { generateNote } from "../../scripts/bench/generate.mjs";

const generate = generateNote as (bytes: number, seed?: number) => string;

test("the generator is deterministic per seed and varies across seeds", () => {
  assert.equal(generate(10_000, 7), generate(10_000, 7));
  assert.notEqual(generate(10_000, 7), generate(10_000, 8));
});

test("notes come out near the size asked, with sections, tables, lists and an RFA block", () => {
  for (const bytes of [10_000, 30_000, 100_000]) {
    const text = generate(bytes, 3);
    assert.ok(text.length >= bytes && text.length < bytes * 1.2, `${bytes}: ${text.length} chars`);
    for (const part of ["## Subjective", "## Objective", "## Medications", "| --- |", "## Plan / Request for Authorization", "\n- ", "\n1. "]) {
      assert.ok(text.includes(part), `${bytes}: no ${JSON.stringify(part)}`);
    }
  }
  const small = generate(2_000, 3);
  assert.ok(small.length < 5_000, `2 KB note has ${small.length} chars`);
});

test("the analysis finds requests of several families in a generated note", () => {
  // A case file requests only in its latest visit; a single visit is one progress report.
  for (const bytes of [2_000, 30_000]) {
    const result = analyze(generate(bytes, 20261123), { today: "2026-11-23" });
    const services = new Set(result.requests.map((r) => r.service));
    assert.ok(services.size >= 2, `${bytes}: only ${[...services].join(", ")}`);
    assert.ok(result.findings.length > 0);
  }
});

test("every size requests the same: the latest visit is one report, dated after the history", () => {
  // The bench compares sizes (1 MB / 100 KB): the same requests over more text, not other ones.
  const requests = (bytes: number) => {
    const text = generate(bytes, 20261123);
    const result = analyze(text, { today: "2026-12-31" });
    // Every request is in the note's last visit (after the last separator between visits).
    const lastVisitLine = text.slice(0, text.lastIndexOf("\n---\n")).split("\n").length;
    for (const r of result.requests) assert.ok(r.line > lastVisitLine, `${bytes}: ${r.service} on line ${r.line}`);
    return result.requests.map((r) => `${r.service}: ${r.text}`);
  };
  const small = requests(10_000);
  assert.ok(small.length >= 3, small.join("; "));
  assert.deepEqual(requests(100_000), small);
});
