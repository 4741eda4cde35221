// Edits, not texts, to the analysis worker (the bundled worker and client): after the first
// check a document's checks send the edits since the version its session holds, the results
// equal the core's on the whole text, and every case where the session may not hold that text
// (a wrong length, other options, a forgotten session, a new worker) sends the whole text.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "../../src/core/index";
import type { AnalysisClient as Client, CallTrace, DocumentSource } from "../../src/extension/analysisClient";
import { EditLog } from "../../src/extension/textSync";
import { bundleGlue } from "./fake-vscode";
// @ts-expect-error: a plain ES module of the benchmark (seeded synthetic notes, no real patient)
import { generateNote } from "../../scripts/bench/generate.mjs";

let dir = "";
let AnalysisClient: typeof Client;
let RunCancelled: typeof import("../../src/extension/analysisClient").RunCancelled;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "rfa-worker-edits-"));
  bundleGlue("analysisWorker.ts", join(dir, "analysis-worker.js"));
  bundleGlue("analysisClient.ts", join(dir, "analysisClient.js"));
  const mod = require(join(dir, "analysisClient.js")) as typeof import("../../src/extension/analysisClient");
  AnalysisClient = mod.AnalysisClient;
  RunCancelled = mod.RunCancelled;
});

/** A document's texts by version, with its edit log (as the host keeps it). */
class Doc {
  readonly texts: string[] = [];
  readonly log = new EditLog();
  constructor(text: string) {
    this.texts[1] = text;
    this.log.restart(1);
  }
  get version() {
    return this.texts.length - 1;
  }
  get text() {
    return this.texts[this.version];
  }
  /** One change event: replacements listed from the end backwards (VS Code's order). */
  change(...edits: Array<{ at: number; remove?: number; insert?: string }>) {
    let text = this.text;
    const changes = edits.map((e) => ({ rangeOffset: e.at, rangeLength: e.remove ?? 0, text: e.insert ?? "" }));
    for (const c of changes) text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
    this.texts.push(text);
    this.log.record(this.version, changes);
  }
  source(length?: number): DocumentSource {
    const version = this.version;
    return {
      version,
      length: length ?? this.texts[version].length,
      edits: (base) => this.log.between(base, version),
      text: () => this.texts[version],
    };
  }
}

const lineStart = (text: string, near: number) => text.lastIndexOf("\n", near) + 1;

test("after the first check, edits go instead of the text, and the results equal the core's", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const doc = new Doc(generateNote(40_000, 5) as string);
    const check = async (length?: number) => {
      const trace: CallTrace = {};
      const checked = await client.analyze("a", {}, doc.source(length), trace).promise;
      assert.deepEqual(checked.result, analyze(doc.text), `v${doc.version}: the core's result on the whole text`);
      return trace;
    };
    assert.equal((await check()).full, true, "first check: the whole text");
    assert.equal(client.heldVersion("a"), 1);

    // A line added near the top, then a keystroke mid-note, then two edits in one event.
    doc.change({ at: lineStart(doc.text, 200), insert: "Interval note: seen for follow-up.\n" });
    let trace = await check();
    assert.equal(trace.full, false, "a line added: edits");
    doc.change({ at: Math.floor(doc.text.length / 2), insert: "x" });
    doc.change({ at: Math.floor(doc.text.length / 2), remove: 1 });
    trace = await check();
    assert.equal(trace.full, false, "two versions' edits at once");
    const mid = lineStart(doc.text, doc.text.length / 2);
    doc.change({ at: mid, insert: "Addendum: home exercise going well.\n\n" }, { at: 10, remove: 3, insert: "" });
    assert.equal((await check()).full, false, "an event of two changes");
    assert.equal(client.heldVersion("a"), doc.version);

    // The host's length is not the worker's: the worker asks for the text, and gets it at once.
    doc.change({ at: 0, insert: "# " });
    trace = await check(doc.text.length + 1);
    assert.equal(trace.resynced, true, "a length mismatch resyncs");
    assert.equal(trace.full, true);
    doc.change({ at: 5, insert: "y" });
    assert.equal((await check()).full, false, "edits again after the resync");

    // Other options: a new session, so the whole text.
    doc.change({ at: 5, remove: 1 });
    const other = await client.analyze("a", { disable: ["rfa"] }, doc.source(), (trace = {})).promise;
    assert.equal(trace.full, true, "options changed: the whole text");
    assert.deepEqual(other.result, analyze(doc.text, { disable: ["rfa"] }));
    doc.change({ at: 7, insert: "z" });
    const again = await client.analyze("a", { disable: ["rfa"] }, doc.source(), (trace = {})).promise;
    assert.equal(trace.full, false);
    assert.deepEqual(again.result, analyze(doc.text, { disable: ["rfa"] }));

    // A forgotten session (the document closed, settings changed): the whole text.
    await client.call("forget", { key: "a" }).promise;
    doc.change({ at: 7, remove: 1 });
    assert.equal((await check()).full, true, "after forget: the whole text");
    doc.change({ at: 9, insert: "w" });
    assert.equal((await check()).full, false);
    await client.call("forgetAll", {}).promise;
    doc.change({ at: 9, remove: 1 });
    assert.equal((await check()).full, true, "after forgetAll: the whole text");

    // A worker that stopped (crashed, or stopped over its budget): its sessions are gone.
    const slots = (client as unknown as { slots: Array<{ worker?: { terminate(): Promise<number> } }> }).slots;
    const exited = new Promise((resolve) => setTimeout(resolve, 50));
    await slots.find((s) => s.worker)!.worker!.terminate();
    await exited;
    assert.equal(client.heldVersion("a"), undefined, "a stopped worker holds nothing");
    doc.change({ at: 11, insert: "v" });
    assert.equal((await check()).full, true, "a new worker: the whole text");
  } finally {
    client.dispose();
  }
});

test("a cancelled run's edits were applied: the next check sends only the edits after it", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const doc = new Doc(generateNote(60_000, 9) as string);
    await client.analyze("c", {}, doc.source()).promise;
    doc.change({ at: lineStart(doc.text, 1000), insert: "Interval note.\n" });
    // Sent at once (the worker is free), then cancelled: the worker applies the edits first.
    const call = client.analyze("c", {}, doc.source());
    client.cancel(call.id);
    await assert.rejects(call.promise, RunCancelled);
    assert.equal(client.heldVersion("c"), doc.version, "the session holds the cancelled run's version");
    doc.change({ at: lineStart(doc.text, 3000), insert: "Another line.\n" });
    const trace: CallTrace = {};
    const checked = await client.analyze("c", {}, doc.source(), trace).promise;
    assert.equal(trace.full, false);
    assert.deepEqual(checked.result, analyze(doc.text));
  } finally {
    client.dispose();
  }
});

test("a document past the version when its whole text is needed: the check is outdated", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    const gone: DocumentSource = { version: 3, length: 10, edits: () => undefined, text: () => undefined };
    await assert.rejects(client.analyze("d", {}, gone).promise, RunCancelled);
    assert.equal(client.heldVersion("d"), undefined);
    // A run stopped over its budget names its lines from the text, read on the host only then.
    const slow = new AnalysisClient({ script: join(dir, "analysis-worker.js"), budgetMs: 1 });
    try {
      const doc = new Doc(generateNote(200_000, 3) as string);
      let reads = 0;
      const source = doc.source();
      const counted: DocumentSource = { ...source, text: () => (reads++, source.text()) };
      const checked = await slow.analyze("e", {}, counted).promise;
      assert.equal(checked.result.notices[0]?.kind, "not-checked");
      assert.ok(reads >= 1, "the text was read");
      assert.equal(slow.heldVersion("e"), undefined, "the stopped worker's session is gone");
    } finally {
      slow.dispose();
    }
  } finally {
    client.dispose();
  }
});

test("warm() starts one worker before any check, and the first check runs in it", async () => {
  const client = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  try {
    assert.equal(client.workers, 0, "nothing runs before");
    client.warm();
    assert.equal(client.workers, 1, "one worker started");
    client.warm();
    assert.equal(client.workers, 1, "warming again starts no other");
    const slots = (client as unknown as { slots: Array<{ worker?: unknown }> }).slots;
    const warmed = slots[0].worker;
    const doc = new Doc(generateNote(10_000, 2) as string);
    const checked = await client.analyze("w", {}, doc.source()).promise;
    assert.deepEqual(checked.result, analyze(doc.text));
    assert.equal(client.workers, 1);
    assert.equal(slots[0].worker, warmed, "the check ran in the warmed worker");
  } finally {
    client.dispose();
  }
  // A disposed client starts nothing.
  client.warm();
  assert.equal(client.workers, 0);
});
