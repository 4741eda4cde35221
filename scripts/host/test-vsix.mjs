// Runs the real-editor suites against the packaged extension: builds the .vsix (`npm run
// package`), unpacks it to out/vsix/ and starts test/host/runTest.mjs with that folder as the
// extension under development. Only what the .vsix ships is loaded (dist/extension.js, grammars,
// snippets, docs), so a file missing from the package fails here. The 1 MB typing suite runs
// against the development build only.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

run("npm", ["run", "-s", "package"]);
const vsix = readdirSync(root)
  .filter((f) => f.endsWith(".vsix"))
  .map((f) => ({ f, t: statSync(join(root, f)).mtimeMs }))
  .sort((a, b) => b.t - a.t)[0]?.f;
if (!vsix) throw new Error("npm run package produced no .vsix");
const out = join(root, "out", "vsix");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// A .vsix is a zip archive; python3's zipfile module unpacks it without extra packages.
run("python3", ["-m", "zipfile", "-e", join(root, vsix), out]);
console.log(`testing ${vsix} (${(statSync(join(root, vsix)).size / 1024).toFixed(0)} KB), unpacked in out/vsix/extension`);
run("node", ["scripts/host/build-suite.mjs"]);
run("node", ["test/host/runTest.mjs"], {
  RFA_HOST_EXTENSION: join(out, "extension"),
  // Everything but the 1 MB typing suite (mocha reads the pattern as a regular expression).
  RFA_HOST_GREP: process.env.RFA_HOST_GREP ?? "^(?!typing in a 1 MB note)",
});
