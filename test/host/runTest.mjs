// Runs the real-editor suites: @vscode/test-electron's runTests() starts our
// stand-in for the VS Code executable (scripts/host/code-stand-in.mjs), which
// runs code-server under headless Chromium. Needs scripts/host/setup.sh once,
// `npm run build` (dist/extension.js) and scripts/host/build-suite.mjs.
//
// RFA_HOST_EXTENSION=<dir> tests another extension folder than the repo root
// (used to check the harness itself).
import { chmodSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "@vscode/test-electron";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const standIn = join(root, "scripts", "host", "code-stand-in.mjs");
const extensionDevelopmentPath = process.env.RFA_HOST_EXTENSION ? resolve(process.env.RFA_HOST_EXTENSION) : root;
const extensionTestsPath = join(root, "out", "host-suite", "index.js");
const workspace = join(root, "test", "host", "workspace");
const hostDir = process.env.RFA_HOST_DIR ? resolve(process.env.RFA_HOST_DIR) : join(root, ".vscode-host");

for (const [file, hint] of [
  [join(hostDir, "code-server", "node_modules", "code-server", "package.json"), "bash scripts/host/setup.sh"],
  [join(extensionDevelopmentPath, "package.json"), "check RFA_HOST_EXTENSION"],
  ...(extensionDevelopmentPath === root ? [[join(root, "dist", "extension.js"), "npm run build"]] : []),
  [extensionTestsPath, "node scripts/host/build-suite.mjs"],
]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: run \`${hint}\` first`);
    process.exit(1);
  }
}
chmodSync(standIn, 0o755); // a checkout may lose the executable bit
// The suites read fixtures and the built core from the repository, whichever extension folder
// is under test (the stand-in passes its environment on to the extension host).
process.env.RFA_REPO_ROOT = root;

const started = Date.now();
try {
  await runTests({
    vscodeExecutablePath: standIn,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [workspace, "--disable-extensions"],
  });
  console.log(`real-editor tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`real-editor tests failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${err?.message ?? err}`);
  process.exit(1);
}
