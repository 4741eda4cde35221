#!/usr/bin/env node
// Writes docs/criteria/<ID>.md, docs/criteria/README.md and the README's criteria table from the core's rule data
// (listCriteria/listServices), through src/extension/docsContent.ts. Stale generated pages
// (criteria no longer in the registry) are removed. `--check` writes nothing and exits 1
// on drift.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "docs", "criteria");
const check = process.argv.includes("--check");

const core = await tsImport("../src/core/index.ts", import.meta.url);
const docs = await tsImport("../src/extension/docsContent.ts", import.meta.url);

const files = docs.renderAllDocs(core.listCriteria(), core.listServices());
mkdirSync(outDir, { recursive: true });
const drift = [];
for (const [name, content] of files) {
  let current;
  try {
    current = readFileSync(join(outDir, name), "utf8");
  } catch {}
  if (current !== content) {
    drift.push(name);
    if (!check) writeFileSync(join(outDir, name), content);
  }
}
for (const name of readdirSync(outDir)) {
  if (!name.endsWith(".md") || files.has(name)) continue;
  const content = readFileSync(join(outDir, name), "utf8");
  if (!content.startsWith(docs.GENERATED_MARKER)) continue; // never delete hand-written pages
  drift.push(`${name} (stale)`);
  if (!check) rmSync(join(outDir, name));
}
// The README's table of families and criteria.
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const nextReadme = docs.replaceReadmeBlock(readme, docs.renderReadmeCriteria(core.listCriteria(), core.listServices()));
if (nextReadme !== readme) {
  drift.push("README.md (criteria table)");
  if (!check) writeFileSync(readmePath, nextReadme);
}
if (drift.length === 0) console.log(`docs/criteria up to date (${files.size} files)`);
else if (check) {
  console.error(`docs/criteria out of date: ${drift.join(", ")} (run: node scripts/gen-docs.mjs)`);
  process.exitCode = 1;
} else console.log(`wrote docs/criteria: ${drift.length} of ${files.size} files changed`);
