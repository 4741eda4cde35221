// The core reads one way: note model → context → facts → requests → rules → findings, each layer
// importing only from the layers below it (type-only imports included), and nothing in the core
// importing vscode, the extension or the CLI. The table names every module's layer; a module the
// table does not place fails the test, so a new file is placed on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const CORE = path.join(import.meta.dirname, "..", "..", "src", "core");

/** Layers from the bottom up; a module belongs to the first layer with a matching path prefix. */
const LAYERS: ReadonlyArray<{ name: string; modules: readonly string[] }> = [
  { name: "shared", modules: ["types", "text", "cancel", "bounds", "defuse", "reads", "abbreviations", "placeholders", "noteKind", "directives", "skeleton"] },
  { name: "note model", modules: ["chunks", "note", "frontmatter"] },
  { name: "context", modules: ["context", "visits", "extract/dates"] },
  { name: "facts", modules: ["extract/", "facts/", "lexicon", "prefilter", "concepts"] },
  { name: "requests", modules: ["requests"] },
  { name: "rules", modules: ["rules/", "evaluate", "fixes"] },
  { name: "findings", modules: ["analyze", "reuse", "session"] },
  { name: "RFA draft", modules: ["rfa/"] },
  { name: "entry", modules: ["index"] },
];

function layerOf(module: string): number {
  return LAYERS.findIndex((l) => l.modules.some((m) => (m.endsWith("/") ? module.startsWith(m) : module === m)));
}

function coreModules(dir = CORE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return coreModules(p);
    return /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [path.relative(CORE, p).replace(/\.ts$/, "").split(path.sep).join("/")] : [];
  });
}

/** Every module specifier a file names in an import or export ... from, or a dynamic import(). */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
}

const modules = coreModules();

test("every core module has a layer", () => {
  assert.ok(modules.length > 40, `read ${modules.length} modules`);
  assert.deepEqual(modules.filter((m) => layerOf(m) < 0), []);
});

/** Imports that go up a layer, or out of the core, in modules given as module → source. */
function violations(sources: ReadonlyMap<string, string>): string[] {
  const wrong: string[] = [];
  for (const [m, source] of sources) {
    for (const spec of specifiers(source)) {
      if (spec === "vscode" || /(^|\/)(extension|cli)(\/|$)/.test(spec)) {
        wrong.push(`${m} imports ${spec}`);
        continue;
      }
      if (!spec.startsWith(".")) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(m), spec)).replace(/\.(ts|js)$/, "");
      const resolved = sources.has(target) ? target : `${target}/index`;
      if (layerOf(resolved) > layerOf(m)) wrong.push(`${m} (${LAYERS[layerOf(m)]!.name}) imports ${resolved} (${LAYERS[layerOf(resolved)]?.name})`);
    }
  }
  return wrong;
}

test("core modules import only from their own layer or those below it, never vscode, the extension or the CLI", () => {
  const sources = new Map(modules.map((m) => [m, fs.readFileSync(path.join(CORE, m + ".ts"), "utf8")]));
  assert.deepEqual(violations(sources), []);
});

test("the layer check reports an upward import, a type-only one included, and vscode", () => {
  const sources = new Map([
    ["facts/measures", `import type { AnalyzeResult } from "../types";\nimport type { Reuse } from "../reuse";`],
    ["note", `import { analyze } from "./analyze";\nexport { x } from "./text";`],
    ["rules/tpi", `const v = await import("vscode");`],
    ["reuse", ""],
    ["analyze", ""],
  ]);
  assert.deepEqual(violations(sources), [
    "facts/measures (facts) imports reuse (findings)",
    "note (note model) imports analyze (findings)",
    "rules/tpi imports vscode",
  ]);
});
