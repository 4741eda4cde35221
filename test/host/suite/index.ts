// Entry point of the real-editor suites: VS Code (code-server) loads this file
// in the extension host because runTest.mjs passes it as extensionTestsPath.
// It runs every compiled `*.test.js` beside it with mocha (TDD interface) and
// ends with a plain `N passed, N failed` line that CI reads.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: "tdd",
    color: false,
    reporter: "spec",
    timeout: Number(process.env.RFA_HOST_TEST_TIMEOUT ?? 60_000),
    grep: process.env.RFA_HOST_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".test.js"))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        console.log(`${passed} passed, ${failed} failed`);
        if (failures > 0 || files.length === 0) {
          reject(new Error(files.length === 0 ? "no *.test.js suites found" : `${failures} test(s) failed`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      console.log("0 passed, 1 failed");
      reject(err);
    }
  });
}
