// The analysis worker and its host-side client: results equal the core's, a cancelled run stops
// early and keeps what it parsed (a run cancelled again and again still gets done), and a worker
// that fails, exits or stops answering is replaced without the caller hanging.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AnalysisCancelled, analyze, createSession } from "../../src/core/index";
import { splitChunks } from "../../src/core/chunks";
import { headerDiagnostics } from "../../src/core/frontmatter";
import { RunCancelled, type AnalysisClient as Client } from "../../src/extension/analysisClient";
import { bundleGlue } from "./fake-vscode";
// @ts-expect-error: a plain ES module of the benchmark (seeded synthetic notes, no real patient)
import { generateNote } from "../../scripts/bench/generate.mjs";

let dir = "";
let AnalysisClient: typeof Client;
let RunCancelledClass: typeof RunCancelled;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "rfa-worker-"));
  bundleGlue("analysisWorker.ts", join(dir, "analysis-worker.js"));
  bundleGlue("analysisClient.ts", join(dir, "analysisClient.js"));
  // The bundled client (the one the extension ships), not the TypeScript source.
  const mod = require(join(dir, "analysisClient.js")) as typeof import("../../src/extension/analysisClient");
  AnalysisClient = mod.AnalysisClient;
  RunCancelledClass = mod.RunCancelled;
});

const note = (bytes: number, seed = 7) => generateNote(bytes, seed) as string;

/** Cancels after `n` checks: the core asks between chunks and between requests. */
function cancelAfter(n: number) {
  let asked = 0;
  return () => ++asked > n;
}

test("a cancelled session run throws AnalysisCancelled; the next run equals analyze", () => {
  const text = note(30_000);
  const session = createSession();
  assert.throws(() => session.analyze(text, cancelAfter(2)), AnalysisCancelled);
  assert.deepEqual(session.analyze(text), analyze(text));
  // Without a check, or a check that never fires, nothing changes.
  assert.deepEqual(session.analyze(text, () => false), analyze(text));
});

/** A check that never cancels and counts how often it was asked. */
function counter() {
  const check = () => {
    check.asked++;
    return false;
  };
  check.asked = 0;
  return check;
}

test("a cancelled run keeps what the session held: the next run parses only what changed", () => {
  const text = note(60_000, 11);
  const chunks = splitChunks(text, 2048).length;
  assert.ok(chunks > 10, `enough chunks to matter (${chunks})`);
  const requests = analyze(text).requests.length;
  const session = createSession();
  // Cold: one check per chunk parsed, one after parsing, one per request.
  const cold = counter();
  session.analyze(text, cold);
  assert.ok(cold.asked >= chunks + 1 + requests - 2, `cold run asked ${cold.asked} times`);

  // Edits in the first two chunks; the run is cancelled when it reaches the second, before it
  // visited any later chunk. Were those unvisited chunks dropped with the cancelled run, the next
  // run would parse them all again.
  const second = splitChunks(text, 2048)[1].start;
  const lineEnd = (from: number) => text.indexOf("\n", from) + 1;
  const edited =
    text.slice(0, lineEnd(0)) + "Interval note.\n" + text.slice(lineEnd(0), lineEnd(second)) + "Interval note.\n" + text.slice(lineEnd(second));
  assert.throws(() => session.analyze(edited, cancelAfter(1)), AnalysisCancelled);
  const next = counter();
  const result = session.analyze(edited, next);
  assert.ok(next.asked <= 1 + requests + 1, `after the cancelled run: ${next.asked} checks for ${chunks} chunks and ${requests} requests`);
  assert.deepEqual(result, analyze(edited));
});

test("the worker's results equal the core's, per document session and per options", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const text = note(10_000, 3);
    const first = await client.call("analyze", { key: "a", options: {}, text }).promise;
    assert.deepEqual(first.result, analyze(text));
    assert.deepEqual(first.header, first.result.requests.length ? headerDiagnostics(text) : []);
    const edited = text.replace("Plan", "Plan ");
    assert.deepEqual((await client.call("analyze", { key: "a", options: {}, text: edited }).promise).result, analyze(edited));
    const options = { disable: ["opioids"] };
    assert.deepEqual((await client.call("analyze", { key: "a", options, text }).promise).result, analyze(text, options));
    const services = await client.call("services", {}).promise;
    assert.ok(services.some((s) => s.key === "tpi"));
    await assert.rejects(client.call("nope" as "services", {}).promise, /^AnalysisError: AnalysisError E_METHOD$/);
    await assert.rejects(client.call("toString" as "services", {}).promise, /E_METHOD/);
    assert.equal(client.busy, 0);
  } finally {
    client.dispose();
  }
});

test("cancel stops a long run early; the worker then serves the next request", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const big = note(1_000_000, 5);
    const small = note(5_000, 5);
    const long = client.call("analyze", { key: "big", options: {}, text: big });
    const next = client.call("analyze", { key: "small", options: {}, text: small });
    setTimeout(() => client.cancel(long.id), 50);
    await assert.rejects(long.promise, (error) => error instanceof RunCancelledClass);
    assert.deepEqual((await next.promise).result, analyze(small));
  } finally {
    client.dispose();
  }
});

test("a worker that exits, fails or stops answering is replaced; callers never hang", async () => {
  const restarts: string[] = [];
  const exits = join(dir, "exits.js");
  writeFileSync(exits, "process.exit(3);\n");
  const exiting = new AnalysisClient({ script: exits, onRestart: (r) => restarts.push(r) });
  await assert.rejects(exiting.call("services", {}).promise, /AnalysisError E_CRASH \(exit 3\)/);
  // The next call starts a new worker (which exits again here) rather than waiting on the old one.
  await assert.rejects(exiting.call("services", {}).promise, /AnalysisError E_CRASH \(exit 3\)/);
  exiting.dispose();

  const throws = join(dir, "throws.js");
  writeFileSync(throws, "throw new TypeError('bad start');\n");
  const failing = new AnalysisClient({ script: throws, onRestart: (r) => restarts.push(r) });
  await assert.rejects(failing.call("services", {}).promise, /AnalysisError E_CRASH \(failed TypeError\)/);
  failing.dispose();

  const silent = join(dir, "silent.js");
  writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => {});\n");
  const stalled = new AnalysisClient({ script: silent, stallMs: 200, onRestart: (r) => restarts.push(r) });
  await assert.rejects(stalled.call("services", {}).promise, /AnalysisError E_STALLED/);
  stalled.dispose();
  assert.equal(restarts.length, 4, restarts.join("; "));
  for (const reason of restarts) assert.match(reason, /^AnalysisError E_[A-Z]+: /);

  // After a failure the next call starts a fresh worker.
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js"), stallMs: 60_000 });
  try {
    const text = note(3_000, 9);
    assert.deepEqual((await client.call("analyze", { key: "k", options: {}, text }).promise).result, analyze(text));
  } finally {
    client.dispose();
  }
  await assert.rejects(client.call("services", {}).promise, /E_DISPOSED/);
});

// ---------------------------------------------------------------------------------------
// The watchdog: one bad note never blocks the others.

/**
 * A stand-in worker speaking the protocol with a stubbed core: a note holding "SLOWLINE" is never
 * finished (the worker first says which chunk it is in: that line), one holding "SLOWNOTE" is
 * never finished either (and says nothing of where), one holding "THROWS" makes the core throw an
 * error quoting the note; any other note is answered at once with an empty result.
 */
const STUB = `
const { parentPort, workerData } = require("node:worker_threads");
const progress = new Int32Array(workerData.progress);
const cancel = new Int32Array(workerData.cancel);
parentPort.on("message", (request) => {
  parentPort.postMessage({ id: request.id, started: true });
  Atomics.store(progress, 0, request.id);
  Atomics.store(progress, 1, -1);
  Atomics.store(progress, 2, -1);
  const text = (request.params && request.params.text) || "";
  if (text.includes("SLOWLINE")) {
    const start = text.lastIndexOf("\\n", text.indexOf("SLOWLINE")) + 1;
    const end = text.indexOf("\\n", start) + 1 || text.length;
    Atomics.store(progress, 1, start);
    Atomics.store(progress, 2, end);
    for (;;) {}
  }
  if (text.includes("SLOWNOTE")) for (;;) {}
  if (text.includes("STUCK")) for (;;) {} // ignores its cancellation too
  if (text.includes("THROWS")) {
    parentPort.postMessage({ id: request.id, error: { name: "TypeError", code: "E_CORE" } });
    return;
  }
  if (Atomics.load(cancel, request.id % 1024) === request.id) {
    parentPort.postMessage({ id: request.id, cancelled: true });
    return;
  }
  parentPort.postMessage({ id: request.id, result: { result: { requests: [], findings: [], reports: [], notices: [], text: text.length }, header: [] } });
});
`;

function stubScript(): string {
  const file = join(dir, "stub-worker.js");
  writeFileSync(file, STUB);
  return file;
}

const ORDINARY = "# PR-2\nDate of service: 01/02/2025\n\nPlan: continue home exercise.\n";
const HOSTILE = "# PR-2\nDate of service: 01/02/2025\n\nFirst line.\nSecond line SLOWLINE here.\nThird line.\n";

test("a run past its budget is stopped: the note names the lines, the other note is checked meanwhile", async (t) => {
  const restarts: string[] = [];
  const client = new AnalysisClient({ script: stubScript(), budgetMs: 400, maxWorkers: 2, onRestart: (r) => restarts.push(r) });
  try {
    // Both notes were checked before (each has its worker, started).
    await Promise.all(["hostile", "ordinary"].map((key) => client.call("analyze", { key, options: {}, text: ORDINARY }).promise));
    assert.equal(client.workers, 2);
    const t0 = performance.now();
    const order: string[] = [];
    const hostile = client.call("analyze", { key: "hostile", options: {}, text: HOSTILE }).promise.then((r) => (order.push("hostile"), r));
    // Let the hostile run start first: the ordinary note must not wait for it.
    await new Promise((r) => setTimeout(r, 50));
    const ordinary = client.call("analyze", { key: "ordinary", options: {}, text: ORDINARY }).promise.then((r) => (order.push("ordinary"), r));
    const ok = await ordinary;
    const ordinaryMs = performance.now() - t0;
    assert.equal(ok.result.notices.length, 0);
    const stopped = await hostile;
    const hostileMs = performance.now() - t0;
    assert.deepEqual(order, ["ordinary", "hostile"], "the ordinary note did not wait for the hostile one");
    assert.equal(stopped.result.findings.length, 0);
    assert.equal(stopped.result.notices.length, 1);
    const notice = stopped.result.notices[0];
    assert.equal(notice.kind, "not-checked");
    assert.match(notice.message, /^RFA Ready could not check line 5 in time \(over 0\.4 s\)/);
    assert.deepEqual(notice.range, { start: { line: 5, column: 1 }, end: { line: 5, column: "Second line SLOWLINE here.".length + 1 } });
    assert.equal(restarts.length, 1);
    assert.match(restarts[0], /^AnalysisError E_TIMEOUT: a analyze run passed its 0\.4 s budget/);
    t.diagnostic(`stub core, budget 400 ms: ordinary note answered after ${ordinaryMs.toFixed(0)} ms, hostile note's "could not check" after ${hostileMs.toFixed(0)} ms`);

    // The same note's next version (queued behind the stopped run) goes to a fresh worker.
    const again = client.call("analyze", { key: "hostile", options: {}, text: HOSTILE.replace("SLOWLINE", "fine") });
    assert.equal((await again.promise).result.notices.length, 0);
    assert.equal(client.busy, 0);
  } finally {
    client.dispose();
  }
});

test("unknown lines: 'could not check this note in time'; requests queued behind a stopped run are served", async () => {
  // One worker only: everything queues behind the stopped run.
  const client = new AnalysisClient({ script: stubScript(), budgetMs: 300, maxWorkers: 1 });
  try {
    const slow = client.call("analyze", { key: "a", options: {}, text: "SLOWNOTE\n" });
    const queued = [
      client.call("analyze", { key: "a", options: {}, text: "edited\n" }),
      client.call("analyze", { key: "b", options: {}, text: ORDINARY }),
      client.call("services", {}),
    ];
    const stopped = await slow.promise;
    assert.equal(stopped.result.notices[0].message, "RFA Ready could not check this note in time (over 0.3 s); nothing in it was checked.");
    for (const call of queued) await call.promise;
    // A note's runs stopped in a row get twice, then four times the budget (a stopped run loses
    // its session); a run that gets done resets it.
    const first = await client.call("analyze", { key: "z", options: {}, text: "SLOWNOTE\n" }).promise;
    assert.match(first.result.notices[0].message, /in time \(over 0\.3 s\)/);
    const second = await client.call("analyze", { key: "z", options: {}, text: "SLOWNOTE again\n" }).promise;
    assert.match(second.result.notices[0].message, /in time \(over 0\.6 s\)/);
    const third = await client.call("analyze", { key: "z", options: {}, text: "SLOWNOTE and again\n" }).promise;
    assert.match(third.result.notices[0].message, /in time \(over 1\.2 s\)/);
    const fourth = await client.call("analyze", { key: "z", options: {}, text: "SLOWNOTE once more\n" }).promise;
    assert.match(fourth.result.notices[0].message, /in time \(over 1\.2 s\)/, "at most four times");
    assert.equal((await client.call("analyze", { key: "z", options: {}, text: ORDINARY }).promise).result.notices.length, 0);
    const again = await client.call("analyze", { key: "z", options: {}, text: "SLOWNOTE at last\n" }).promise;
    assert.match(again.result.notices[0].message, /in time \(over 0\.3 s\)/);
    assert.deepEqual(stopped.result.notices[0].range, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
    assert.equal(client.busy, 0);
  } finally {
    client.dispose();
  }
});

test("the budget runs from the start of a run: requests arriving all the while never re-arm it", async () => {
  const client = new AnalysisClient({ script: stubScript(), budgetMs: 300, maxWorkers: 1 });
  try {
    let settled = false;
    const slow = client.call("analyze", { key: "slow", options: {}, text: "SLOWNOTE\n" }).promise.then((r) => ((settled = true), r));
    // Another request every 50 ms (typing in other notes), far longer than the budget if need be.
    const others: Promise<unknown>[] = [];
    for (let i = 0; i < 100 && !settled; i++) {
      others.push(client.call("analyze", { key: `other-${i % 3}`, options: {}, text: `${ORDINARY}${i}\n` }).promise.catch(() => undefined));
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(settled, "the slow run was stopped while requests kept coming");
    assert.match((await slow).result.notices[0].message, /could not check this note in time/);
    await Promise.all(others);
  } finally {
    client.dispose();
  }
});

test("a cancelled run that never reaches a checkpoint is stopped after the grace; the next version runs", async () => {
  const restarts: string[] = [];
  const client = new AnalysisClient({ script: stubScript(), budgetMs: 60_000, cancelGraceMs: 200, onRestart: (r) => restarts.push(r) });
  try {
    const stuck = client.call("analyze", { key: "a", options: {}, text: "STUCK\n" });
    await new Promise((r) => setTimeout(r, 50));
    client.cancel(stuck.id);
    const next = client.call("analyze", { key: "a", options: {}, text: ORDINARY });
    await assert.rejects(stuck.promise, (error) => error instanceof RunCancelledClass);
    assert.equal((await next.promise).result.notices.length, 0);
    assert.match(restarts.join("\n"), /outdated run did not stop within 0\.2 s/);
  } finally {
    client.dispose();
  }
});

test("a failing core reaches the host as a class and a code, never as text", async () => {
  const client = new AnalysisClient({ script: stubScript() });
  try {
    const failure = await client.call("analyze", { key: "a", options: {}, text: "THROWS Jane Sample\n" }).promise.then(
      () => undefined,
      (error: Error) => error,
    );
    assert.ok(failure);
    assert.equal(failure.message, "AnalysisError E_CORE (TypeError)");
    assert.equal((failure as Error & { code?: string }).code, "E_CORE");
  } finally {
    client.dispose();
  }
  // The real worker: an error inside the core is sent as its class only.
  const real = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const error = await real.call("draftRfa", { text: null as unknown as string, options: {} }).promise.then(
      () => undefined,
      (e: Error) => e,
    );
    if (error) assert.match(error.message, /^AnalysisError E_CORE \([A-Za-z]+\)$/);
  } finally {
    real.dispose();
  }
});

test("the real worker: a note past a low budget is marked, an ordinary note beside it is checked", async (t) => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js"), budgetMs: 1000 });
  try {
    // Warm two workers up: the ordinary note is then checked by a worker whose core has run.
    const small = note(4_000, 21);
    await Promise.all(["w1", "w2"].map((key) => client.call("analyze", { key, options: {}, text: small }).promise));
    const big = note(1_900_000, 21);
    const t0 = performance.now();
    const hostile = client.call("analyze", { key: "big", options: {}, text: big }).promise.then((r) => ({ r, ms: performance.now() - t0 }));
    await new Promise((r) => setTimeout(r, 20));
    const ordinary = client.call("analyze", { key: "small", options: {}, text: small }).promise.then((r) => ({ r, ms: performance.now() - t0 }));
    const [h, o] = await Promise.all([hostile, ordinary]);
    assert.equal(o.r.result.notices.length, 0, `the ordinary note was checked (${o.ms.toFixed(0)} ms; ${h.ms.toFixed(0)} ms)`);
    assert.deepEqual(o.r.result, analyze(small));
    assert.equal(h.r.result.findings.length, 0);
    assert.match(h.r.result.notices[0].message, /^RFA Ready could not check (?:lines? [\d-]+|this note) in time/);
    assert.ok(o.ms < h.ms, "the ordinary note was answered before the hostile one was stopped");
    t.diagnostic(`real core, budget 1000 ms, 1.9 MB note: ordinary note (4 KB) answered after ${o.ms.toFixed(0)} ms; hostile note "${h.r.result.notices[0].message.slice(0, 60)}…" after ${h.ms.toFixed(0)} ms`);
    assert.equal(client.busy, 0);
  } finally {
    client.dispose();
  }
});

test("the worker's session tells which chunk it parses; its results equal the core's", async () => {
  const { createTrackedSession } = await import("../../src/extension/analysisWorker");
  const text = note(40_000, 13);
  const progress = new Int32Array(3);
  const session = createTrackedSession({}, progress);
  const starts = new Set(splitChunks(text, 2048).map((c) => c.start));
  const seen: Array<[number, number]> = [];
  const result = session.analyze(text, () => {
    if (progress[1] >= 0) seen.push([progress[1], progress[2]]);
    return false;
  });
  assert.deepEqual(result, analyze(text));
  assert.ok(seen.length >= starts.size - 1, `${seen.length} chunk positions for ${starts.size} chunks`);
  for (const [start, end] of seen) {
    assert.ok(starts.has(start), `a chunk starts at ${start}`);
    assert.ok(end > start && end <= text.length);
  }
  assert.deepEqual([progress[1], progress[2]], [-1, -1], "nothing is being parsed after the run");
  // Incremental like createSession: a second run of an edit parses only what changed.
  const edited = text.replace("Plan", "Plan ");
  const checks: number[] = [];
  assert.deepEqual(session.analyze(edited, () => (checks.push(progress[1]), false)), analyze(edited));
  assert.ok(checks.filter((s) => s >= 0).length <= 2, `re-parsed ${checks.filter((s) => s >= 0).length} chunks`);
});

test("stopped runs name their lines from the note's text", async () => {
  const { notChecked } = await import("../../src/extension/analysisClient");
  const text = "one\ntwo\nthree\nfour\n\nfive\n";
  const span = { start: text.indexOf("two"), end: text.indexOf("five") };
  const { result } = notChecked(text, span, "in time (over 1 s)");
  assert.equal(result.notices[0].message, "RFA Ready could not check lines 2-4 in time (over 1 s), so nothing in this note was checked.");
  assert.deepEqual(result.notices[0].range, { start: { line: 2, column: 1 }, end: { line: 4, column: 5 } });
  assert.match(notChecked(text, undefined, "in time (over 1 s)").result.notices[0].message, /could not check this note in time/);
  // A span past the text (a stale report) is not trusted.
  assert.match(notChecked("short", { start: 2, end: 99 }, "x").result.notices[0].message, /this note/);
});
