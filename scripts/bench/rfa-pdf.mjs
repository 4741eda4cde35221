// Times the RFA PDF writer (dist/rfa-pdf.js) on three synthetic notes: the example note, the same
// note with one 1,000-character token in a request line, and with a 500-character patient name in
// its front matter. Prints, per case, the draft (core) time and the PDF time: the first call (cold,
// module load included) and the median of the next runs; then the PDF as Draft RFA writes it, on a
// fresh worker thread (dist/pdf-worker.js) per draft, start to bytes received.
// Usage: npm run build && node scripts/bench/rfa-pdf.mjs [runs]
import { readFileSync } from "node:fs";
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
const { draftRfa } = require(join(root, "dist", "core.js"));
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
      if (reply.ok) resolve({ ms: performance.now() - t0, bytes: reply.bytes.length });
      else reject(new Error(reply.error));
    });
    worker.once("error", reject);
    worker.postMessage(draft);
  });
}

console.log("on a fresh worker thread per draft (Draft RFA in the editor):");
for (const [label, text] of cases) {
  const draft = draftRfa(text, { today: "2026-10-20" });
  const times = [];
  for (let i = 0; i <= runs; i++) times.push((await onThread(draft)).ms);
  console.log(`${label.padEnd(36)} thread start to PDF: first ${times[0].toFixed(0)} ms, median ${median(times.slice(1).length ? times.slice(1) : times).toFixed(0)} ms`);
}
