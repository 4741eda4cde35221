// Times the hostile inputs of issue #16 against a built core (dist/core.js by default), each in a
// child process of its own with a time limit: wall time of one analyze() and the child's peak
// resident memory. Usage:
//   node scripts/hostile.mjs [--core PATH/core.js] [--timeout SECONDS] [--only NAME[,NAME...]] [--json]
// The inputs are synthetic; nothing here reads a note.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The hostile inputs, each a function building the text (sizes as in the issue). */
export const HOSTILE = {
  // A capitals label line, 20,000 spaces, a letter.
  "capitals+spaces": () => `ASSESSMENT AND PLAN${" ".repeat(20_000)}x\n`,
  // One plan holding 8,000 opioid order lines (about 344 KB).
  "8000 opioid lines": () => `Plan:\n${Array.from({ length: 8000 }, (_, i) => `- Norco 10/325 mg 1 tab PO q6h prn pain #${100 + (i % 60)}\n`).join("")}`,
  // "*a" 40,000 times in one paragraph.
  "*a x 40000": () => `${"*a".repeat(40_000)}\n`,
  // A list 1,000 deep in 10 lines: each line indented to the previous content and 100 markers deeper.
  "1000-deep list": () => nestedLines(10),
  // The same, 4,000 deep (40 lines).
  "depth 4000": () => nestedLines(40),
  // One marker a line, each line indented two more spaces: a 1,000-level list of about 1 MB.
  "1 MB 1000-level list": () => Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- x\n`).join(""),
  // Digit runs (20,000 digits) after the words that start the number patterns, and digits with separators.
  "digit runs": () =>
    [
      `Walking tolerance ${"1".repeat(20_000)} x`,
      `Reduced from ${"1".repeat(20_000)} x`,
      `Pain ${"1".repeat(20_000)}/x with medication`,
      `ODI ${"1".repeat(20_000)} x`,
      `Plan: Norco 10 mg. Norco ${"1".repeat(20_000)} mg daily.`,
      `Walking ${"1 ".repeat(10_000)}x`,
      `Walking ${"1.".repeat(10_000)}x`,
      `Walking ${"1/".repeat(10_000)}x`,
      `Walking ${"1-".repeat(10_000)}x`,
    ].join("\n\n") + "\n",
  // 200,000 one-letter lines (400 KB).
  "200000 one-letter lines": () => "a\n".repeat(200_000),
  // A table 20 rows high and 2,000 columns wide (about 376 KB).
  "20x2000 table": () => {
    const row = (cell) => `|${Array.from({ length: 2000 }, () => cell).join("|")}|\n`;
    return row(" head ") + row(" --- ") + Array.from({ length: 18 }, () => row(" cell ")).join("");
  },
  // 3,000 lines of block quote, nesting one deeper each line up to 100, then again.
  "3000 quoted lines": () => Array.from({ length: 3000 }, (_, i) => `${"> ".repeat(1 + (i % 100))}quoted line ${i}\n`).join(""),
};

function nestedLines(count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(`${" ".repeat(200 * i)}${"- ".repeat(100)}x\n`);
  return lines.join("");
}

const CHILD = `
const [core, name, script] = process.argv.slice(1);
const { HOSTILE } = await import(script);
const { analyze } = await import(core);
const text = HOSTILE[name]();
const t0 = performance.now();
const result = analyze(text);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, size: text.length, rssMB: process.resourceUsage().maxRSS / 1024, findings: result.findings.length, notices: result.notices.map((n) => n.kind) }));
`;

function main() {
  const args = process.argv.slice(2);
  const opt = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const here = fileURLToPath(new URL(".", import.meta.url));
  const core = resolve(opt("--core", resolve(here, "..", "dist", "core.js")));
  const timeout = Number(opt("--timeout", "60"));
  const only = opt("--only", "")?.split(",").filter(Boolean);
  const rows = [];
  for (const name of Object.keys(HOSTILE)) {
    if (only?.length && !only.includes(name)) continue;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, core, name, fileURLToPath(import.meta.url)], {
      encoding: "utf8",
      timeout: timeout * 1000,
      maxBuffer: 1 << 20,
    });
    let row;
    if (run.error || run.status !== 0) row = { name, error: run.error?.code === "ETIMEDOUT" ? `> ${timeout} s (killed)` : (run.stderr || String(run.error)).split("\n").find((l) => /Error/.test(l)) ?? `exit ${run.status}` };
    else row = { name, ...JSON.parse(run.stdout) };
    rows.push(row);
    if (!args.includes("--json")) {
      const cell = row.error ? row.error : `${(row.ms / 1000).toFixed(2)} s, peak ${row.rssMB.toFixed(0)} MB, ${row.findings} findings, notices [${row.notices.join(", ")}]`;
      console.log(`${name.padEnd(26)} ${cell}`);
    }
  }
  if (args.includes("--json")) console.log(JSON.stringify(rows, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
