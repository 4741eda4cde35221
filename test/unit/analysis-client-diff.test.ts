// Diagnostics as a diff (diagnosticsDiff.ts): a finding that stayed keeps its diagnostic, one
// that moved is shifted, the rest are new, and nothing is published when nothing changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findingIdentity, noticeIdentity, rangeKey, reconcile, type Placed } from "../../src/extension/diagnosticsDiff";

const at = (identity: string, line: number, column = 1): Placed => ({ identity, range: [line, column, line, column + 10] });

test("the same findings at the same places: everything kept, nothing to publish", () => {
  const before = [at("a", 3), at("b", 9), at("c", 20)];
  const r = reconcile(before, [at("a", 3), at("b", 9), at("c", 20)]);
  assert.equal(r.changed, false);
  assert.deepEqual(r.matches, [
    { kind: "kept", from: 0 },
    { kind: "kept", from: 1 },
    { kind: "kept", from: 2 },
  ]);
  assert.deepEqual([r.kept, r.shifted, r.fresh], [3, 0, 0]);
  // Nothing before and nothing now: still equal.
  assert.equal(reconcile([], []).changed, false);
});

test("nothing published yet: publish, even an empty set", () => {
  assert.equal(reconcile(undefined, []).changed, true);
  assert.deepEqual(reconcile(undefined, [at("a", 1)]).matches, [{ kind: "new" }]);
});

test("a line added above: the findings below are shifted, those above kept", () => {
  const r = reconcile([at("a", 3), at("b", 9), at("c", 20)], [at("a", 3), at("b", 10), at("c", 21)]);
  assert.equal(r.changed, true);
  assert.deepEqual(r.matches, [
    { kind: "kept", from: 0 },
    { kind: "shifted", from: 1 },
    { kind: "shifted", from: 2 },
  ]);
});

test("a finding gone or a new one: the rest keep their diagnostics", () => {
  const gone = reconcile([at("a", 3), at("b", 9), at("c", 20)], [at("a", 3), at("c", 20)]);
  assert.equal(gone.changed, true);
  assert.deepEqual(gone.matches, [
    { kind: "kept", from: 0 },
    { kind: "kept", from: 2 },
  ]);
  const added = reconcile([at("a", 3), at("c", 20)], [at("a", 3), at("d", 12), at("c", 20)]);
  assert.equal(added.changed, true);
  assert.deepEqual(added.matches, [{ kind: "kept", from: 0 }, { kind: "new" }, { kind: "kept", from: 1 }]);
  // Another message (say, a different gap of the same criterion) is another finding.
  const other = reconcile([at("a", 3)], [at("a2", 3)]);
  assert.deepEqual(other.matches, [{ kind: "new" }]);
});

test("findings of one identity: the one at the same range is kept, the others pair in order", () => {
  // Two identical requests (same plan line twice); a line added between them moves the second.
  const r = reconcile([at("same", 4), at("same", 8)], [at("same", 4), at("same", 9)]);
  assert.deepEqual(r.matches, [
    { kind: "kept", from: 0 },
    { kind: "shifted", from: 1 },
  ]);
  // A line added above both: the first new one is at the second's old place (kept as that one,
  // which is the same finding as far as anyone can tell), the other shifted.
  const both = reconcile([at("same", 4), at("same", 5)], [at("same", 5), at("same", 6)]);
  assert.deepEqual(both.matches, [
    { kind: "kept", from: 1 },
    { kind: "shifted", from: 0 },
  ]);
  assert.equal(both.changed, true);
});

test("a new order is a change even when every finding is kept", () => {
  const r = reconcile([at("a", 3), at("b", 3)], [at("b", 3), at("a", 3)]);
  assert.deepEqual([r.kept, r.shifted, r.fresh], [2, 0, 0]);
  assert.equal(r.changed, true);
});

test("identity: criterion, request text, message, kind, severity; never the position", () => {
  const finding = {
    criterion: "tpi.trigger-points-documented",
    service: "tpi",
    kind: "missing",
    severity: "warning",
    message: "No twitch response or referred pain documented.",
    citation: "MTUS",
    request: { text: "Trigger point injections x2" },
  };
  const same = findingIdentity({ ...finding });
  assert.equal(findingIdentity(finding), same);
  for (const change of [
    { criterion: "tpi.other" },
    { kind: "contradicted" },
    { severity: "error" },
    { message: "Another gap." },
    { request: { text: "Trigger point injections x3" } },
  ]) {
    assert.notEqual(findingIdentity({ ...finding, ...change }), same, JSON.stringify(change));
  }
  assert.notEqual(noticeIdentity({ kind: "bounded", message: "m" }), noticeIdentity({ kind: "size-limit", message: "m" }));
  // The request's range is part of where a finding is: its "Requested here" moves with it.
  const range = { start: { line: 2, column: 1 }, end: { line: 2, column: 9 } };
  const request = { start: { line: 7, column: 1 }, end: { line: 7, column: 30 } };
  const movedRequest = { start: { line: 8, column: 1 }, end: { line: 8, column: 30 } };
  const r = reconcile([{ identity: same, range: rangeKey(range, request) }], [{ identity: same, range: rangeKey(range, movedRequest) }]);
  assert.deepEqual(r.matches, [{ kind: "shifted", from: 0 }]);
});
