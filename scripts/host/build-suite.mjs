// Bundles the real-editor suites (test/host/suite/*.ts) to out/host-suite/
// as CommonJS for the extension host; `vscode` and `mocha` stay external.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const srcDir = join(root, "test", "host", "suite");
const outDir = join(root, "out", "host-suite");

const entryPoints = readdirSync(srcDir)
  .filter((f) => f === "index.ts" || f.endsWith(".test.ts"))
  .map((f) => join(srcDir, f));

rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  external: ["vscode", "mocha"],
  logLevel: "warning",
});
console.log(`built ${entryPoints.length} file(s) to ${outDir}`);
