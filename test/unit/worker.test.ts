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
import { headerDiagnostics } from "../../src/core/rfa/frontmatter";
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
    await assert.rejects(client.call("nope" as "services", {}).promise, /unknown method/);
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
  await assert.rejects(exiting.call("services", {}).promise, /exited \(code 3\)/);
  // The next call starts a new worker (which exits again here) rather than waiting on the old one.
  await assert.rejects(exiting.call("services", {}).promise, /exited \(code 3\)/);
  exiting.dispose();

  const throws = join(dir, "throws.js");
  writeFileSync(throws, "throw new TypeError('bad start');\n");
  const failing = new AnalysisClient({ script: throws, onRestart: (r) => restarts.push(r) });
  await assert.rejects(failing.call("services", {}).promise, /failed \(TypeError\)/);
  failing.dispose();

  const silent = join(dir, "silent.js");
  writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => {});\n");
  const stalled = new AnalysisClient({ script: silent, stallMs: 200, onRestart: (r) => restarts.push(r) });
  await assert.rejects(stalled.call("services", {}).promise, /answered nothing/);
  stalled.dispose();
  assert.equal(restarts.length, 4, restarts.join("; "));

  // After a failure the next call starts a fresh worker.
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js"), stallMs: 60_000 });
  try {
    const text = note(3_000, 9);
    assert.deepEqual((await client.call("analyze", { key: "k", options: {}, text }).promise).result, analyze(text));
  } finally {
    client.dispose();
  }
  await assert.rejects(client.call("services", {}).promise, /disposed/);
});
