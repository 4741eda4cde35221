// Bundles the core library, the CLI and the extension with esbuild.
// `node scripts/build.mjs` builds with sourcemaps; `--production` minifies; `--outdir DIR` writes
// elsewhere than dist/ (the benchmark measures production bundles without touching dist/);
// `--metafile` writes DIR/meta.json for a size breakdown (npx esbuild --analyze style).
import * as esbuild from "esbuild";
import { writeFileSync } from "node:fs";

const production = process.argv.includes("--production");
const outIndex = process.argv.indexOf("--outdir");
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : "dist";
const metafile = process.argv.includes("--metafile");

/**
 * micromark only needs to know whether "&name;" is a named character reference: the note model
 * copies source text, never decoded values. The bundles therefore carry the 2,125 names, not the
 * full name-to-character table (35 KB).
 */
const entityNames = {
  name: "entity-names",
  setup(build) {
    build.onResolve({ filter: /^decode-named-character-reference$/ }, () => ({ path: "decode-named-character-reference", namespace: "entity-names" }));
    build.onLoad({ filter: /.*/, namespace: "entity-names" }, async () => {
      const { characterEntities } = await import("character-entities");
      const names = Object.keys(characterEntities).join(" ");
      return {
        contents: `const names = new Set(${JSON.stringify(names)}.split(" "));
export function decodeNamedCharacterReference(value) { return names.has(value) ? "\uFFFD" : false; }`,
        loader: "js",
      };
    });
  },
};

const common = {
  plugins: [entityNames],
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  legalComments: "none",
  logLevel: "warning",
};

const results = await Promise.all([
  esbuild.build({ ...common, entryPoints: ["src/core/index.ts"], outfile: `${outdir}/core.js` }),
  esbuild.build({
    ...common,
    entryPoints: ["src/cli/main.ts"],
    outfile: `${outdir}/cli.js`,
    banner: { js: "#!/usr/bin/env node" },
  }),
  // The analysis worker (the core on its own thread), started by the extension on first check.
  esbuild.build({ ...common, entryPoints: ["src/extension/analysisWorker.ts"], outfile: `${outdir}/analysis-worker.js` }),
  esbuild.build({
    ...common,
    entryPoints: ["src/extension/extension.ts"],
    outfile: `${outdir}/extension.js`,
    external: ["vscode"],
    metafile,
  }),
  // The RFA PDF writer with its fonts inlined, loaded lazily by the CLI and the extension.
  esbuild.build({
    ...common,
    entryPoints: ["src/core/rfa/pdf-entry.ts"],
    outfile: `${outdir}/rfa-pdf.js`,
    sourcemap: false,
    loader: { ".ttf": "binary" },
    banner: { js: "/* Embeds the Inter typeface, Copyright 2020 The Inter Project Authors, under the SIL Open Font License 1.1. */" },
  }),
  // The thread Draft RFA writes the PDF on (it loads rfa-pdf.js from beside it), off the extension host's thread.
  esbuild.build({ ...common, entryPoints: ["src/extension/pdfWorker.ts"], outfile: `${outdir}/pdf-worker.js` }),
]);

if (metafile) {
  writeFileSync(`${outdir}/meta.json`, JSON.stringify(results[3].metafile));
  console.log(await esbuild.analyzeMetafile(results[3].metafile, { verbose: false }));
}
