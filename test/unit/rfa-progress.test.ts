// When Draft RFA's progress notification shows (src/extension/draftProgress.ts), driven by the
// node test runner's fake timers: not before 300 ms, then with the current step; never after the
// command finished; the time a question waits for the user is not counted.
import { test, mock, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { DelayedProgress, PROGRESS_DELAY_MS } from "../../src/extension/draftProgress";

interface Shown {
  first: string | undefined;
  reports: string[];
  closed: boolean;
}

function recorder() {
  const shown: Shown[] = [];
  const show = (first: string | undefined) => {
    const view: Shown = { first, reports: [], closed: false };
    shown.push(view);
    return { report: (m: string) => view.reports.push(m), close: () => (view.closed = true) };
  };
  return { shown, show };
}

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "Date"], now: 0 }));
afterEach(() => mock.timers.reset());

test("the delay is 300 ms", () => {
  assert.equal(PROGRESS_DELAY_MS, 300);
});

test("a command that finishes within 300 ms shows nothing, then or later", () => {
  const { shown, show } = recorder();
  const p = new DelayedProgress(show);
  p.step("reading the note…");
  mock.timers.tick(150);
  p.step("drafting…");
  mock.timers.tick(149);
  p.finish();
  mock.timers.tick(10_000);
  assert.equal(shown.length, 0);
  assert.equal(p.shown, false);
});

test("after 300 ms the notification shows with the step the command is on, then follows the steps and closes at the end", () => {
  const { shown, show } = recorder();
  const p = new DelayedProgress(show);
  p.step("reading the note…");
  mock.timers.tick(100);
  p.step("drafting…");
  mock.timers.tick(199);
  assert.equal(shown.length, 0, "not at 299 ms");
  mock.timers.tick(1);
  assert.equal(shown.length, 1, "at 300 ms");
  assert.equal(shown[0].first, "drafting…", "the latest step, not the first");
  p.step("writing the PDF…");
  assert.deepEqual(shown[0].reports, ["writing the PDF…"]);
  assert.equal(shown[0].closed, false);
  p.finish();
  assert.equal(shown[0].closed, true);
  p.step("late");
  p.finish();
  assert.deepEqual(shown[0].reports, ["writing the PDF…"], "nothing after finish");
  assert.equal(shown.length, 1, "shown once");
});

test("the time a question waits for the user is held: the countdown resumes with what was left", () => {
  const { shown, show } = recorder();
  const p = new DelayedProgress(show);
  mock.timers.tick(200);
  const release = p.hold();
  mock.timers.tick(5_000);
  assert.equal(shown.length, 0, "nothing while the user is asked");
  release();
  release(); // a second release changes nothing
  mock.timers.tick(99);
  assert.equal(shown.length, 0, "100 ms were left");
  mock.timers.tick(1);
  assert.equal(shown.length, 1);
});

test("nested holds resume only when the last is released; a hold after showing keeps it shown", () => {
  const { shown, show } = recorder();
  const p = new DelayedProgress(show);
  const a = p.hold();
  const b = p.hold();
  a();
  mock.timers.tick(1_000);
  assert.equal(shown.length, 0);
  b();
  mock.timers.tick(300);
  assert.equal(shown.length, 1);
  const c = p.hold();
  mock.timers.tick(1_000);
  c();
  assert.equal(shown.length, 1);
  assert.equal(shown[0].closed, false);
});

test("finishing while held never shows; a delay of 0 shows at once", () => {
  const { shown, show } = recorder();
  const p = new DelayedProgress(show);
  const release = p.hold();
  p.finish();
  release();
  mock.timers.tick(10_000);
  assert.equal(shown.length, 0);

  const now = recorder();
  const q = new DelayedProgress(now.show, 0);
  assert.equal(now.shown.length, 1);
  assert.equal(q.shown, true);
});
