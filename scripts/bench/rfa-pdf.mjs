// Times the RFA PDF writer (dist/rfa-pdf.js) on three synthetic notes: the example note, the same
// note with one 1,000-character token in a request line, and with a 500-character patient name in
// its front matter. Prints, per case, the draft (core) time and the PDF time: the first call (cold,
// module load included) and the median of the next runs; then the PDF as Draft RFA writes it, on a
// fresh worker thread (dist/pdf-worker.js) per draft, start to bytes received; then "Draft RFA"
// end to end outside the editor on four ordinary notes (the example note, two RFA fixtures, a
// generated 10 KB note): as the command did before (the note analysed again for the draft, a
// fresh PDF thread per draft) and as it does now (the published check reused, one warm RFA
// thread drafting, rendering the markdown and writing the PDF), file write included. The editor
// adds opening the draft and its own messages (the real-editor test reports the whole command).
// Usage: npm run build && node scripts/bench/rfa-pdf.mjs [runs]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const runs = Number(process.argv[2] ?? 5);
const ordinary = readFileSync(join(root, "examples", "progress-note.md"), "utf8");
const token = "x".repeat(1000);
const name = "N".repeat(500);
const cases = [
  ["ordinary note", ordinary],
  ["1,000-char token in a request line", ordinary.replace("#90", `#90 ${token}`)],
  ["500-char patient name", `---\npatient: ${name}\n---\n${ordinary}`],
];

const loadStart = performance.now();
const { draftRfa, analyze, renderRfaMarkdown } = require(join(root, "dist", "core.js"));
const { writeRfaPdf } = require(join(root, "dist", "rfa-pdf.js"));
const loadMs = performance.now() - loadStart;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`modules loaded in ${loadMs.toFixed(0)} ms; ${runs} runs after the first`);
for (const [label, text] of cases) {
  const draftTimes = [];
  const pdfTimes = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const draft = draftRfa(text, { today: "2026-10-20" });
    const t1 = performance.now();
    const pdf = await writeRfaPdf(draft);
    const t2 = performance.now();
    draftTimes.push(t1 - t0);
    pdfTimes.push(t2 - t1);
    bytes = pdf.length;
  }
  const [d0, ...dRest] = draftTimes;
  const [p0, ...pRest] = pdfTimes;
  console.log(
    `${label.padEnd(36)} draft first ${d0.toFixed(0)} ms, median ${median(dRest.length ? dRest : [d0]).toFixed(0)} ms; ` +
      `PDF first ${p0.toFixed(0)} ms, median ${median(pRest.length ? pRest : [p0]).toFixed(0)} ms (${bytes} bytes)`,
  );
}

/** One draft's PDF on a fresh thread, as the extension writes it: milliseconds from start to bytes. */
function onThread(draft) {
  const t0 = performance.now();
  const worker = new Worker(join(root, "dist", "pdf-worker.js"));
  return new Promise((resolve, reject) => {
    worker.once("message", (reply) => {
      void worker.terminate();
      if (reply.kind === "pdf") resolve({ ms: performance.now() - t0, bytes: reply.bytes.length });
      else reject(new Error(reply.error));
    });
    worker.once("error", reject);
    worker.postMessage({ id: 1, kind: "pdf", draft });
  });
}

console.log("on a fresh worker thread per draft (Draft RFA in the editor):");
for (const [label, text] of cases) {
  const draft = draftRfa(text, { today: "2026-10-20" });
  const times = [];
  for (let i = 0; i <= runs; i++) times.push((await onThread(draft)).ms);
  console.log(`${label.padEnd(36)} thread start to PDF: first ${times[0].toFixed(0)} ms, median ${median(times.slice(1).length ? times.slice(1) : times).toFixed(0)} ms`);
}

// ---------------------------------------------------------------------------------------------
// Draft RFA end to end (outside the editor).
const { generateNote } = await import("./generate.mjs");
const notes = [
  ["example note", ordinary],
  ["fixture: complete header", readFileSync(join(root, "test", "fixtures", "rfa", "complete.md"), "utf8")],
  ["fixture: spine procedures", readFileSync(join(root, "test", "fixtures", "rfa", "spine-procedures.md"), "utf8")],
  ["generated 10 KB note", generateNote(10_000, 7)],
];
const out = mkdtempSync(join(tmpdir(), "rfa-bench-"));
const options = { today: "2026-10-20" };

/** As before: a fresh PDF thread started with the command, the note analysed again for the draft (warm core). */
async function before(text, file) {
  const t0 = performance.now();
  const worker = new Worker(join(root, "dist", "pdf-worker.js"));
  const bytes = new Promise((resolve, reject) => {
    worker.once("message", (reply) => (reply.kind === "pdf" ? resolve(reply.bytes) : reject(new Error(reply.error))));
    worker.once("error", reject);
  });
  const draft = draftRfa(text, options);
  renderRfaMarkdown(draft);
  const tDraft = performance.now() - t0;
  worker.postMessage({ id: 1, kind: "pdf", draft });
  writeFileSync(file, await bytes);
  void worker.terminate();
  return { draft: tDraft, total: performance.now() - t0 };
}

/** Now: the warm RFA thread, given the published check; the draft first, then the PDF. */
function makeWarm() {
  const worker = new Worker(join(root, "dist", "pdf-worker.js"));
  let id = 0;
  const waiting = new Map();
  worker.on("message", (reply) => waiting.get(reply.id)?.(reply));
  const ask = (request, kinds) =>
    new Promise((resolve, reject) => {
      const got = {};
      waiting.set(request.id, (reply) => {
        if (reply.kind === "error") return reject(new Error(reply.error));
        got[reply.kind] = { at: performance.now(), reply };
        if (kinds.every((k) => got[k])) {
          waiting.delete(request.id);
          resolve(got);
        }
      });
      worker.postMessage(request);
    });
  return {
    warm: () => ask({ id: ++id, kind: "warm" }, ["warm"]),
    async draft(text, analysed, file) {
      const t0 = performance.now();
      const got = await ask({ id: ++id, kind: "draft", text, options, analysed, pdf: true }, ["draft", "pdf"]);
      writeFileSync(file, got.pdf.reply.bytes);
      return { draft: got.draft.at - t0, total: performance.now() - t0 };
    },
    end: () => worker.terminate(),
  };
}

// A Draft RFA asked for before the thread is warm (right after the note opens): a fresh thread per run.
{
  const cold = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
    const fresh = makeWarm();
    cold.push(await fresh.draft(ordinary, analyze(ordinary, options), join(out, "cold.rfa.pdf")));
    await fresh.end();
  }
  console.log(
    `cold RFA thread (a draft before the warm-up), example note: draft in hand after ${median(cold.map((c) => c.draft)).toFixed(0)} ms, ` +
      `PDF file written after ${median(cold.map((c) => c.total)).toFixed(0)} ms (median of ${cold.length})`,
  );
}
const warm = makeWarm();
const w0 = performance.now();
const warmed = await warm.warm();
console.log(`RFA thread start and warm-up: ${(performance.now() - w0).toFixed(0)} ms (warm-up draft and PDF ${warmed.warm.reply.ms.toFixed(0)} ms on the thread); done after a note with requests is checked, before any Draft RFA`);
console.log("Draft RFA end to end, outside the editor (draft to PDF file written), median of runs; \"before\" is the old path on this build, whose thread also loads the core:");
const rows = [];
for (const [label, text] of notes) {
  const analysed = analyze(text, options);
  const file = join(out, "draft.rfa.pdf");
  const b = [];
  const a = [];
  for (let i = 0; i <= runs; i++) {
    b.push(await before(text, file));
    a.push(await warm.draft(text, analysed, file));
  }
  const med = (xs, k) => median(xs.slice(1).map((x) => x[k]));
  rows.push({ label, chars: text.length, before: med(b, "total"), beforeDraft: med(b, "draft"), after: med(a, "total"), afterDraft: med(a, "draft") });
  console.log(
    `${label.padEnd(28)} ${String(text.length).padStart(6)} chars  before ${med(b, "total").toFixed(0).padStart(4)} ms (draft ${med(b, "draft").toFixed(0)} ms)  ` +
      `now ${med(a, "total").toFixed(0).padStart(4)} ms (draft in hand after ${med(a, "draft").toFixed(0)} ms)`,
  );
}
await warm.end();
rmSync(out, { recursive: true, force: true });
