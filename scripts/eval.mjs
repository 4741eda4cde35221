// npm run eval: builds, then scores the checker on both visible labelled sets with the shared
// scorer (../shared/eval/score.mjs): the seed IMR cases and the development set. Prints each set's
// misses and false flags, then one score line per set. Exit 0 when both ran (the scorer's own
// thresholds are reported, not enforced: the figures are what matters here).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const shared = join(root, "..", "shared", "eval");
const scorer = join(shared, "score.mjs");
if (!existsSync(scorer)) {
  console.error("eval: ../shared/eval/score.mjs not found (the shared folder must sit beside the project)");
  process.exit(2);
}
execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
const lines = [];
let failed = false;
for (const [name, dir] of [["seed cases", "cases"], ["dev", "dev"]]) {
  const r = spawnSync(process.execPath, [scorer, join(shared, dir), "--cli", "node dist/cli.js", "--verbose"], { cwd: root, encoding: "utf8" });
  const out = (r.stdout ?? "").trim().split("\n");
  const score = out.pop() ?? "";
  if (!/^recall /.test(score)) failed = true;
  console.log(`## ${name} (../shared/eval/${dir})`);
  if (out.length) console.log(out.join("\n"));
  lines.push(`${name.padEnd(10)} ${score}`);
}
console.log(`\n${lines.join("\n")}`);
process.exit(failed ? 2 : 0);
