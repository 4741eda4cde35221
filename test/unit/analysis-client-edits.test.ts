// Edits instead of texts (textSync.ts): applying a change event's edits, the host's log of
// edits by version, the decision to send edits or the whole text, and the worker's copy that
// asks for the whole text on any mismatch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EditLog, TextCopy, applyEdits, editsFor, lengthAfter, toEdits, type TextEdit } from "../../src/extension/textSync";

/** A seeded generator (no Math.random: failures repeat). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A change event as VS Code gives one for several edits made at once: non-overlapping
 * replacements listed from the end of the text backwards, so that each offset holds both in the
 * original text and in the text the previous ones left.
 */
function changeEvent(text: string, random: () => number): { changes: Array<{ rangeOffset: number; rangeLength: number; text: string }>; result: string } {
  const n = 1 + Math.floor(random() * 3);
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  let limit = text.length;
  for (let i = 0; i < n && limit > 0; i++) {
    const end = Math.floor(random() * limit);
    const start = Math.max(0, end - Math.floor(random() * 6));
    const inserted = ["", "x", "new line\n", "\n\n", "é€"][Math.floor(random() * 5)];
    cuts.push({ start, end, text: inserted });
    limit = start; // the next one lies before this one
  }
  let result = text;
  for (const c of cuts) result = result.slice(0, c.start) + c.text + result.slice(c.end);
  return { changes: cuts.map((c) => ({ rangeOffset: c.start, rangeLength: c.end - c.start, text: c.text })), result };
}

test("a change event's edits are applied in their order, each to the text the previous left", () => {
  // Typed "x" then "y" at the same place in one event: the second offset counts the first.
  assert.equal(applyEdits("ab", [{ offset: 1, length: 0, text: "x" }, { offset: 2, length: 0, text: "y" }]), "axyb");
  // VS Code's order for two cursors: from the end backwards.
  assert.equal(applyEdits("one two", [{ offset: 4, length: 3, text: "2" }, { offset: 0, length: 3, text: "1" }]), "1 2");
  // Outside the text: no result (the whole text goes instead).
  assert.equal(applyEdits("abc", [{ offset: 2, length: 5, text: "" }]), undefined);
  assert.equal(applyEdits("abc", [{ offset: -1, length: 0, text: "" }]), undefined);
  assert.equal(lengthAfter(10, [{ offset: 0, length: 3, text: "abcdef" }, { offset: 2, length: 2, text: "" }]), 11);
});

test("change events without offsets are not edits", () => {
  assert.deepEqual(toEdits([{ rangeOffset: 3, rangeLength: 1, text: "z" }]), [{ offset: 3, length: 1, text: "z" }]);
  assert.equal(toEdits([{}]), undefined);
  assert.equal(toEdits([{ rangeOffset: 1.5, rangeLength: 0, text: "" }]), undefined);
  assert.equal(toEdits([{ rangeOffset: 1, rangeLength: 0 }]), undefined);
});

test("the log's edits between two versions rebuild the later text from the earlier (random events)", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const random = rng(seed);
    const texts = ["# Visit\nLow back pain 6/10. Plan: physical therapy 2x3.\n\nMRI lumbar spine.\n"];
    const log = new EditLog();
    log.restart(1);
    for (let version = 2; version <= 30; version++) {
      const { changes, result } = changeEvent(texts[texts.length - 1], random);
      log.record(version, changes);
      texts.push(result);
    }
    for (let base = 1; base <= 30; base += 3) {
      for (let target = base; target <= 30; target += 4) {
        const edits = log.between(base, target);
        assert.ok(edits, `seed ${seed}: edits ${base}->${target} known`);
        assert.equal(applyEdits(texts[base - 1], edits), texts[target - 1], `seed ${seed}: ${base}->${target}`);
        assert.equal(lengthAfter(texts[base - 1].length, edits), texts[target - 1].length);
      }
    }
  }
});

test("a version skipped, a change without offsets or a pruned log gives no edits", () => {
  const edit = { rangeOffset: 0, rangeLength: 0, text: "a" };
  const log = new EditLog();
  // Nothing known before the log starts.
  log.record(5, [edit]);
  assert.equal(log.between(4, 5), undefined);
  assert.deepEqual(log.between(5, 5), []);
  log.record(6, [edit]);
  assert.deepEqual(log.between(5, 6), [{ offset: 0, length: 0, text: "a" }]);
  // Version 7 never came: the log starts again at 8.
  log.record(8, [edit]);
  assert.equal(log.between(6, 8), undefined);
  assert.deepEqual(log.between(8, 8), []);
  log.record(9, [{}]);
  assert.equal(log.between(8, 9), undefined);
  assert.deepEqual(log.between(9, 9), []);
  // Asking for a version the log has not reached.
  assert.equal(log.between(9, 10), undefined);
  assert.equal(log.between(9, 8), undefined);
  // Pruning forgets what is before.
  log.record(10, [edit]);
  log.record(11, [edit]);
  log.prune(10);
  assert.equal(log.between(9, 11), undefined);
  assert.equal(log.between(10, 11)?.length, 1);
  // Limits: too many events or too much inserted text drop the oldest.
  const small = new EditLog(2, 100);
  small.restart(0);
  for (let v = 1; v <= 4; v++) small.record(v, [edit]);
  assert.equal(small.between(1, 4), undefined);
  assert.equal(small.between(2, 4)?.length, 2);
  small.record(5, [{ rangeOffset: 0, rangeLength: 0, text: "x".repeat(150) }]);
  assert.equal(small.between(4, 5), undefined, "an event over the character limit is not kept");
});

test("edits go only to the worker that holds this document's text under the same options", () => {
  const workerA = {};
  const workerB = {};
  const edits: TextEdit[] = [{ offset: 0, length: 0, text: "a" }];
  const since = (base: number) => (base >= 3 ? edits : undefined);
  const held = { worker: workerA, options: "{}", version: 4, length: 10 };
  assert.deepEqual(editsFor(held, { worker: workerA, options: "{}", version: 5 }, since), { base: 4, edits });
  // First run: nothing held.
  assert.equal(editsFor(undefined, { worker: workerA, options: "{}", version: 5 }, since), undefined);
  // Another (or a restarted) worker, other options.
  assert.equal(editsFor(held, { worker: workerB, options: "{}", version: 5 }, since), undefined);
  assert.equal(editsFor(held, { worker: workerA, options: '{"a":1}', version: 5 }, since), undefined);
  // Edits since the held version not known.
  assert.equal(editsFor({ ...held, version: 2 }, { worker: workerA, options: "{}", version: 5 }, since), undefined);
  // The worker holds a later version than the one asked for.
  assert.equal(editsFor({ ...held, version: 6 }, { worker: workerA, options: "{}", version: 5 }, since), undefined);
});

test("the worker's copy applies edits from its version, and asks for the text on any mismatch", () => {
  const copy = new TextCopy();
  // Nothing held yet.
  assert.equal(copy.update({ base: 1, version: 2, edits: [], length: 0 }), "resync");
  assert.deepEqual(copy.update({ text: "abc", version: 1 }), { text: "abc" });
  assert.deepEqual(copy.update({ base: 1, version: 2, edits: [{ offset: 3, length: 0, text: "d" }], length: 4 }), { text: "abcd" });
  assert.equal(copy.version, 2);
  // Not at the base version.
  assert.equal(copy.update({ base: 1, version: 3, edits: [], length: 4 }), "resync");
  assert.equal(copy.text, undefined, "a mismatch drops the copy");
  copy.update({ text: "abcd", version: 2 });
  // The length after the edits is not the host's.
  assert.equal(copy.update({ base: 2, version: 3, edits: [{ offset: 0, length: 1, text: "" }], length: 4 }), "resync");
  assert.equal(copy.text, undefined);
  copy.update({ text: "abcd", version: 2 });
  // Edits outside the text.
  assert.equal(copy.update({ base: 2, version: 3, edits: [{ offset: 9, length: 0, text: "x" }], length: 5 }), "resync");
  // A text without a version: any edits after it resync.
  copy.update({ text: "abcd" });
  assert.equal(copy.update({ base: 2, version: 3, edits: [], length: 4 }), "resync");
});
