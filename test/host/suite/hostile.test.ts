/// <reference types="mocha" />
// One bad note never blocks the others, in the real editor: a note whose check takes longer than
// its time budget (lowered for this suite through RFA_READY_BUDGET_MS, which the extension's
// analysis client reads at each run, in this same extension host process) is opened beside an
// ordinary note. The ordinary one gets its usual diagnostics, before the hostile one is stopped;
// the hostile one gets one "could not check ... in time" diagnostic. Times are printed.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { closeAll, fingerprint, ourDiagnostics, repoRoot, setSetting, waitForDiagnostics } from "./harness";

const BUDGET_MS = 2000;
const STOPPED = /^RFA Ready could not check (?:lines? \d+(?:-\d+)?|this note) in time \(over 2 s\)/;
/** The hostile note's size: its cold check takes several times the budget. */
const HOSTILE_CHARS = 5_000_000;

suite("a hostile note beside an ordinary one", () => {
  let saved: string | undefined;
  suiteSetup(async () => {
    saved = process.env.RFA_READY_BUDGET_MS;
    process.env.RFA_READY_BUDGET_MS = String(BUDGET_MS);
    // A note larger than the default size limit, so that it is checked (and takes long).
    await setSetting("maxNoteSize", HOSTILE_CHARS + 100_000);
  });
  suiteTeardown(async () => {
    if (saved === undefined) delete process.env.RFA_READY_BUDGET_MS;
    else process.env.RFA_READY_BUDGET_MS = saved;
    await setSetting("maxNoteSize", undefined);
  });
  teardown(closeAll);

  test("the ordinary note is checked as usual; the hostile one is marked 'could not check in time'", async function () {
    this.timeout(300_000);
    const visit = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");

    // The ordinary note alone: its usual diagnostics and time.
    let t0 = Date.now();
    const alone = await vscode.workspace.openTextDocument({ language: "markdown", content: visit });
    const aloneFirst = waitForDiagnostics(alone.uri, (ds) => ds.length > 0, 60_000);
    await vscode.window.showTextDocument(alone);
    const usual = await aloneFirst;
    const usualMs = Date.now() - t0;
    await closeAll();

    // A running case file of 5 MB: its cold check takes seconds, several times the budget.
    const parts: string[] = [];
    let size = 0;
    while (size + visit.length + 7 < HOSTILE_CHARS) {
      const part = visit.replace(/03\/14\/2025/g, `0${1 + (parts.length % 9)}/1${parts.length % 10}/20${10 + (parts.length % 14)}`);
      parts.push(part);
      size += part.length + 7;
    }
    // Both opened at once: each is checked as soon as it is open, the ordinary one while the
    // hostile one's run is under way.
    t0 = Date.now();
    const [hostile, ordinary] = await Promise.all([
      vscode.workspace.openTextDocument({ language: "markdown", content: parts.join("\n\n---\n\n") }),
      vscode.workspace.openTextDocument({ language: "markdown", content: visit }),
    ]);
    const seen: string[] = [];
    const stopped = waitForDiagnostics(hostile.uri, (ds) => ds.some((d) => STOPPED.test(d.message)), 120_000).then((ds) => {
      seen.push("hostile");
      return { ds, ms: Date.now() - t0 };
    });
    const checked = waitForDiagnostics(ordinary.uri, (ds) => ds.length > 0, 120_000).then((ds) => {
      seen.push("ordinary");
      return { ds, ms: Date.now() - t0 };
    });
    await vscode.window.showTextDocument(hostile);
    await vscode.window.showTextDocument(ordinary, vscode.ViewColumn.Beside);
    const [h, o] = await Promise.all([stopped, checked]);

    assert.equal(fingerprint(o.ds), fingerprint(usual), "the ordinary note's usual diagnostics");
    assert.deepEqual(seen, ["ordinary", "hostile"], `the ordinary note (${o.ms} ms) did not wait for the hostile one (${h.ms} ms)`);
    const ours = ourDiagnostics(hostile.uri);
    assert.equal(ours.length, 1, "one diagnostic on the hostile note");
    assert.equal(String(ours[0].code), "not-checked");
    console.log(
      `hostile: budget ${BUDGET_MS} ms; ordinary note alone: diagnostics ${usualMs} ms after open; beside a ${(hostile.getText().length / 1e6).toFixed(2)} MB note (both opened at once): ` +
        `${o.ms} ms after opening; the hostile note's "${ours[0].message.slice(0, 50)}..." ${h.ms} ms after opening`,
    );
  });
});
