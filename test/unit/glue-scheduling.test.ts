// Debounce and stale-result logic of the diagnostics (vscode-free).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AnalyzeResult } from "../../src/core/types";
import { Debouncer, ResultCache, type Timers } from "../../src/extension/scheduling";

/** Manual clock: timers fire only when advanced. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pendingCount: () => pending.size };
}

const empty = (): AnalyzeResult => ({ requests: [], findings: [], reports: [], notices: [] });

test("rapid typing runs the check once, after the quiet period", () => {
  const clock = fakeTimers();
  const debouncer = new Debouncer(clock.timers);
  const runs: string[] = [];
  for (let i = 0; i < 20; i++) {
    debouncer.schedule("a.md", 250, () => runs.push(`a${i}`));
    clock.advance(100);
  }
  assert.deepEqual(runs, []);
  clock.advance(150);
  assert.deepEqual(runs, ["a19"]);
  assert.equal(debouncer.isPending("a.md"), false);
});

test("documents are debounced independently; cancel and dispose stop pending checks", () => {
  const clock = fakeTimers();
  const debouncer = new Debouncer(clock.timers);
  const runs: string[] = [];
  debouncer.schedule("a", 250, () => runs.push("a"));
  debouncer.schedule("b", 250, () => runs.push("b"));
  debouncer.schedule("c", 250, () => runs.push("c"));
  debouncer.cancel("b");
  clock.advance(250);
  assert.deepEqual(runs.sort(), ["a", "c"]);
  debouncer.schedule("d", 10, () => runs.push("d"));
  debouncer.dispose();
  clock.advance(100);
  assert.equal(runs.includes("d"), false);
  assert.equal(clock.pendingCount(), 0);
});

test("a result for an older document version is dropped", () => {
  const cache = new ResultCache();
  const g = cache.generation;
  assert.equal(cache.set("u", 3, g, 4, empty()), false, "document moved on to v4");
  assert.equal(cache.get("u", 4), undefined);
  assert.equal(cache.set("u", 4, g, 4, empty()), true);
  assert.ok(cache.get("u", 4));
  assert.equal(cache.get("u", 5), undefined, "stale once the document changes");
});

test("a settings change invalidates cached and in-flight results", () => {
  const cache = new ResultCache();
  const g0 = cache.generation;
  cache.set("u", 1, g0, 1, empty());
  const g1 = cache.nextGeneration();
  assert.notEqual(g1, g0);
  assert.equal(cache.get("u", 1), undefined, "cleared");
  assert.equal(cache.set("u", 1, g0, 1, empty()), false, "computed under old settings");
  assert.equal(cache.set("u", 1, g1, 1, empty()), true);
});

test("an older version never overwrites a newer cached result", () => {
  const cache = new ResultCache();
  const g = cache.generation;
  const newer = empty();
  cache.set("u", 7, g, 7, newer);
  // A slow check of v6 completing while the document is (again) at v6 is impossible in
  // VS Code, but the cache still refuses to go backwards.
  assert.equal(cache.set("u", 6, g, 6, empty()), false);
  assert.equal(cache.get("u", 7), newer);
});
