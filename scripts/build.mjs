// Bundles the core library, the CLI and the extension with esbuild.
// `node scripts/build.mjs` builds with sourcemaps; `--production` minifies.
import * as esbuild from "esbuild";

const production = process.argv.includes("--production");

const common = {
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  legalComments: "none",
  logLevel: "warning",
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ["src/core/index.ts"], outfile: "dist/core.js" }),
  esbuild.build({
    ...common,
    entryPoints: ["src/cli/main.ts"],
    outfile: "dist/cli.js",
    banner: { js: "#!/usr/bin/env node" },
  }),
  esbuild.build({
    ...common,
    entryPoints: ["src/extension/extension.ts"],
    outfile: "dist/extension.js",
    external: ["vscode"],
  }),
]);
