// npm run bench: how fast RFA Ready is on notes of 2 KB to 1 MB, against remark-parse alone
// (CommonMark, no extensions: the baseline) and markdownlint's default rules (a linter users know);
// for reference, remark-parse with GFM's syntax (the notes' tables need it).
// One process, medians after warm-up; activation and retained memory in fresh child processes.
// Prints a table and writes bench/results.json. Usage: node scripts/bench/run.mjs [--quick]
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { lint } from "markdownlint/sync";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { generateNote } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const quick = process.argv.includes("--quick");
const buildDir = join(root, "bench", "results", "build");
mkdirSync(buildDir, { recursive: true });

// Production bundles, as shipped (minified), outside dist/.
execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), "--production", "--outdir", buildDir], { cwd: root, stdio: "inherit" });
const require = createRequire(import.meta.url);
const core = require(join(buildDir, "core.js"));

const SIZES = [
  ["2 KB", 2_000],
  ["10 KB", 10_000],
  ["30 KB", 30_000],
  ["100 KB", 100_000],
  ["1 MB", 1_000_000],
  // Running case files whose visits start at dated headings ("## Visit 3 — 07/12/2025",
  // "### 02/10/2025") instead of "Date of service" lines: history visits, one requesting latest visit.
  ["case file 100 KB", 100_000, "dated-headings"],
  ["case file 1 MB", 1_000_000, "dated-headings"],
];

/** Median of `runs` timed calls after `warm` untimed ones. */
function median(fn, { warm, runs }) {
  for (let i = 0; i < warm; i++) fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(warm + i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const remark = unified().use(remarkParse);
// Not a target, for reference: remark-parse with GFM's syntax (what remark-gfm adds), which the
// notes' medication tables need. The core parses each chunk with the part of it the chunk uses.
const remarkWithGfm = unified()
  .use(remarkParse)
  .use(function gfmSyntax() {
    const data = this.data();
    data.micromarkExtensions = [gfmAutolinkLiteral(), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
    data.fromMarkdownExtensions = [gfmAutolinkLiteralFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
  });
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

const rows = [];
for (const [label, bytes, style] of SIZES) {
  const text = generateNote(bytes, 20261123, { style });
  const big = bytes >= 1_000_000;
  const plan = quick ? { warm: 1, runs: big ? 1 : 3 } : big ? { warm: 1, runs: 5 } : bytes >= 100_000 ? { warm: 2, runs: 11 } : { warm: 5, runs: 21 };
  const remarkMs = median(() => remark.parse(text), plan);
  const remarkGfmMs = median(() => remarkWithGfm.parse(text), plan);
  const lintMs = median(() => lint({ strings: { note: text } }), plan);
  const analyzeMs = median(() => core.analyze(text), plan);
  const result = core.analyze(text);

  // A keystroke in the middle of the note: alternate between inserting and removing one character.
  const mid = Math.floor(text.length / 2);
  const edited = text.slice(0, mid) + "x" + text.slice(mid);
  const session = core.createSession();
  session.analyze(text);
  const keyPlan = quick ? { warm: 2, runs: 5 } : { warm: 5, runs: 31 };
  const keystrokeMs = median((i) => session.analyze(i % 2 === 0 ? edited : text), keyPlan);

  rows.push({
    size: label,
    chars: text.length,
    requests: result.requests.length,
    findings: result.findings.length,
    remarkMs: round(remarkMs),
    remarkGfmMs: round(remarkGfmMs),
    markdownlintMs: round(lintMs),
    analyzeMs: round(analyzeMs),
    keystrokeMs: round(keystrokeMs, 2),
    analyzeVsRemark: round(analyzeMs / remarkMs, 2),
    analyzeVsRemarkGfm: round(analyzeMs / remarkGfmMs, 2),
    analyzeVsMarkdownlint: round(analyzeMs / lintMs, 2),
    keystrokeVsMarkdownlint: round(keystrokeMs / lintMs, 3),
  });
  console.error(`measured ${label}`);
}

/** Runs a small script in a fresh node process and returns its stdout as JSON. */
function child(source, args = []) {
  return JSON.parse(execFileSync(process.execPath, [...args, "-e", source], { cwd: root, encoding: "utf8" }));
}

/** The median `ms` a source reports, each run in a fresh process. */
function childMedianMs(source) {
  const times = [];
  for (let i = 0; i < (quick ? 3 : 11); i++) times.push(child(source).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Activation: require the production extension bundle with a stub `vscode`, in fresh processes.
// The stub: every name the vscode API exports (read from @types/vscode), each a do-anything proxy.
const vscodeNames = [
  ...new Set(
    [...readFileSync(join(root, "node_modules", "@types", "vscode", "index.d.ts"), "utf8").matchAll(/^\s{1,8}export (?:class|enum|namespace|const|function|let) (\w+)/gm)].map((m) => m[1]),
  ),
];
const activationSource = `
const Module = require("node:module");
const load = Module._load;
const any = new Proxy(function () {}, { get: (t, p) => (p === Symbol.toPrimitive ? () => "" : any), apply: () => any, construct: () => any });
const stub = Object.fromEntries(${JSON.stringify(vscodeNames)}.map((name) => [name, any]));
Module._load = function (request, ...rest) {
  if (request === "vscode") return stub;
  return load.call(this, request, ...rest);
};
const t0 = performance.now();
const ext = require(${JSON.stringify(join(buildDir, "extension.js"))});
const ms = performance.now() - t0;
if (typeof ext.activate !== "function") throw new Error("no activate");
process.stdout.write(JSON.stringify({ ms }));`;
const activationMs = childMedianMs(activationSource);

// The analysis worker's start: from creating the thread (it loads the core) to its first answer.
// It runs beside the extension host's thread, not on it, but a first check waits for it.
const workerSource = `
const { Worker } = require("node:worker_threads");
const t0 = performance.now();
const worker = new Worker(${JSON.stringify(join(buildDir, "analysis-worker.js"))}, { workerData: { cancel: new SharedArrayBuffer(4096) } });
let answered = false;
worker.on("message", (reply) => {
  // Its answer, not the notice that it started the request.
  if (answered || !reply || !("result" in reply || "error" in reply)) return;
  answered = true;
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }));
  worker.terminate();
});
worker.postMessage({ id: 1, method: "services", params: {} });`;
const workerStartMs = childMedianMs(workerSource);

// Memory retained for a 1 MB note: what a session keeps between keystrokes (its chunks, their
// prose, sentences and concept matches), and apart from it the result object the caller holds.
const memorySource = `
const core = require(${JSON.stringify(join(buildDir, "core.js"))});
const { generateNote } = await import(${JSON.stringify(join(root, "scripts", "bench", "generate.mjs"))});
const text = generateNote(1_000_000, 20261123);
core.analyze("warm up: Norco 10 mg");
// Several collections with turns of the event loop between them: weak maps settle only then.
const heap = async () => { for (let i = 0; i < 6; i++) { gc(); await new Promise((r) => setImmediate(r)); } return process.memoryUsage().heapUsed; };
const before = await heap();
const result = core.analyze(text);
const withResult = await heap();
const session = core.createSession();
session.analyze(text);
const withSession = await heap();
globalThis.keep = [session, result];
process.stdout.write(JSON.stringify({ sessionMb: (withSession - withResult) / 1048576, resultMb: (withResult - before) / 1048576 }));`;
const memory = child(`(async () => {${memorySource}})()`, ["--expose-gc"]);
const retainedMb = memory.sessionMb;

const bundleKb = statSync(join(buildDir, "extension.js")).size / 1024;
const workerKb = statSync(join(buildDir, "analysis-worker.js")).size / 1024;
const at = (label) => rows.find((r) => r.size === label);
// The baseline is remark-parse with GFM's syntax: the notes' medication tables need it, and any
// remark-based tool a user has (markdownlint too) parses it. remark-parse alone is for reference.
const targets = {
  "cold analyze / remark-parse + GFM, 10 KB (<= 1.0)": at("10 KB").analyzeVsRemarkGfm,
  "cold analyze / remark-parse + GFM, 100 KB (<= 0.6)": at("100 KB").analyzeVsRemarkGfm,
  "cold analyze / remark-parse + GFM, case file 100 KB (<= 0.6)": at("case file 100 KB").analyzeVsRemarkGfm,
  "cold analyze / remark-parse alone, 10 KB (not a target)": at("10 KB").analyzeVsRemark,
  "1 MB / 100 KB analyze time (<= 11)": round(at("1 MB").analyzeMs / at("100 KB").analyzeMs, 2),
  "case file 1 MB / 100 KB analyze time (<= 11)": round(at("case file 1 MB").analyzeMs / at("case file 100 KB").analyzeMs, 2),
  "keystroke re-analysis, 1 MB, ms (<= 10)": at("1 MB").keystrokeMs,
  "keystroke re-analysis, case file 1 MB, ms (<= 10)": at("case file 1 MB").keystrokeMs,
  "extension activation, ms (<= 25)": round(activationMs, 1),
  "extension bundle, KB minified (<= 250)": round(bundleKb, 1),
  "analysis worker start (own thread), ms (not a target)": round(workerStartMs, 1),
  "analysis worker bundle, KB minified (not a target)": round(workerKb, 1),
  "memory a session retains for a 1 MB note, MB (<= 30)": round(retainedMb, 1),
  "memory of the 1 MB note's result object, MB (not a target)": round(memory.resultMb, 1),
};

const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  quick,
  rows,
  activationMs: round(activationMs, 1),
  bundleKb: round(bundleKb, 1),
  workerStartMs: round(workerStartMs, 1),
  workerKb: round(workerKb, 1),
  retainedMb: round(retainedMb, 1),
  resultMb: round(memory.resultMb, 1),
  targets,
};
writeFileSync(join(root, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");

const table = [
  "| note | chars | requests | remark-parse ms | remark-parse + GFM ms | markdownlint ms | analyze ms | analyze / remark | analyze / remark + GFM | analyze / markdownlint | keystroke ms |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${r.size} | ${r.chars} | ${r.requests} | ${r.remarkMs} | ${r.remarkGfmMs} | ${r.markdownlintMs} | ${r.analyzeMs} | ${r.analyzeVsRemark} | ${r.analyzeVsRemarkGfm} | ${r.analyzeVsMarkdownlint} | ${r.keystrokeMs} |`,
  ),
];
console.log(table.join("\n"));
console.log(`\nactivation ${out.activationMs} ms, bundle ${out.bundleKb} KB, worker start ${out.workerStartMs} ms, worker bundle ${out.workerKb} KB, session retains ${out.retainedMb} MB for 1 MB (result object ${out.resultMb} MB)`);
for (const [k, v] of Object.entries(targets)) console.log(`${k}: ${v}`);
console.log(`\nwrote bench/results.json`);
