// Range conversion and text-edit helpers of the extension glue (vscode-free).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  applyEdits,
  fromZeroPosition,
  lineStarts,
  offsetAt,
  rangeContains,
  rangesEqual,
  toZeroPosition,
  toZeroRange,
} from "../../src/extension/positions";

test("1-based core ranges become 0-based editor ranges", () => {
  assert.deepEqual(toZeroRange({ start: { line: 1, column: 1 }, end: { line: 3, column: 8 } }), {
    start: { line: 0, character: 0 },
    end: { line: 2, character: 7 },
  });
  assert.deepEqual(toZeroPosition({ line: 12, column: 4 }), { line: 11, character: 3 });
  // Never negative, even for a malformed position.
  assert.deepEqual(toZeroPosition({ line: 0, column: 0 }), { line: 0, character: 0 });
});

test("editor positions round-trip to core positions", () => {
  for (const p of [{ line: 0, character: 0 }, { line: 5, character: 17 }]) {
    assert.deepEqual(toZeroPosition(fromZeroPosition(p)), p);
  }
});

test("rangeContains includes both ends (cursor right after a word)", () => {
  const r = { start: { line: 4, column: 3 }, end: { line: 4, column: 10 } };
  assert.equal(rangeContains(r, { line: 4, column: 3 }), true);
  assert.equal(rangeContains(r, { line: 4, column: 10 }), true);
  assert.equal(rangeContains(r, { line: 4, column: 11 }), false);
  assert.equal(rangeContains(r, { line: 3, column: 5 }), false);
  assert.equal(rangeContains(r, { line: 5, column: 1 }), false);
});

test("rangesEqual compares all four coordinates", () => {
  const a = toZeroRange({ start: { line: 1, column: 1 }, end: { line: 1, column: 5 } });
  assert.equal(rangesEqual(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }), true);
  assert.equal(rangesEqual(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }), false);
});

test("lineStarts handles \\n, \\r\\n and lone \\r like VS Code", () => {
  assert.deepEqual(lineStarts("a\nbc\r\nd\re"), [0, 2, 6, 8]);
  assert.deepEqual(lineStarts(""), [0]);
});

test("offsetAt clamps to the line and the text (UTF-16 columns)", () => {
  const text = "ab\r\n😀x\nlast";
  assert.equal(offsetAt(text, { line: 1, column: 1 }), 0);
  assert.equal(offsetAt(text, { line: 1, column: 99 }), 2); // before \r\n
  assert.equal(offsetAt(text, { line: 2, column: 3 }), 6); // the emoji is two code units
  assert.equal(offsetAt(text, { line: 3, column: 5 }), text.length);
  assert.equal(offsetAt(text, { line: 9, column: 1 }), text.length);
});

test("applyEdits applies bottom-up and keeps the order of inserts at one point", () => {
  const text = "one\ntwo\nthree\n";
  const out = applyEdits(text, [
    { range: { start: { line: 1, column: 4 }, end: { line: 1, column: 4 } }, text: "!" },
    { range: { start: { line: 3, column: 1 }, end: { line: 3, column: 1 } }, text: "A " },
    { range: { start: { line: 3, column: 1 }, end: { line: 3, column: 1 } }, text: "B " },
    { range: { start: { line: 2, column: 1 }, end: { line: 2, column: 4 } }, text: "TWO" },
  ]);
  assert.equal(out, "one!\nTWO\nA B three\n");
});

test("applyEdits rejects overlapping edits", () => {
  assert.throws(() =>
    applyEdits("abcdef", [
      { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } }, text: "x" },
      { range: { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } }, text: "y" },
    ]),
  );
});
