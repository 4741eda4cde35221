/// <reference types="mocha" />
// Typing into a 1 MB note (a running case file of progress reports): diagnostics keep arriving
// after every edit. The time from an edit to its diagnostics is measured and printed, not asserted
// (speed goals live in `npm run bench`).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { closeAll, nextChange, repoRoot, waitForDiagnostics } from "./harness";

suite("typing in a 1 MB note", () => {
  teardown(closeAll);

  test("every edit gets fresh diagnostics; edit-to-diagnostics time is reported", async function () {
    this.timeout(600_000);
    const visit = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      // Earlier visits: dated in the past, so the file reads like a case history.
      const part = visit.replace(/03\/14\/2025/g, `0${1 + (i % 9)}/1${i % 10}/20${10 + (i % 14)}`);
      parts.push(part);
      size += part.length;
    }
    const text = parts.join("\n\n---\n\n");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const started = Date.now();
    const first = waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 300_000);
    const editor = await vscode.window.showTextDocument(doc);
    const initial = await first;
    const coldMs = Date.now() - started;
    assert.ok(initial.length > 0);

    const times: number[] = [];
    // Alternately add and remove a line at the top: every finding moves, so each edit's own
    // diagnostics are recognisable (an unchanged set could not be told from no re-check).
    for (let i = 0; i < 8; i++) {
      const next = nextChange(doc.uri, 300_000);
      const t0 = Date.now();
      await editor.edit((b) =>
        i % 2 === 0 ? b.insert(new vscode.Position(1, 0), "Addendum.\n") : b.delete(new vscode.Range(1, 0, 2, 0)),
      );
      const after = await next;
      times.push(Date.now() - t0);
      assert.ok(after.length > 0, `diagnostics after edit ${i + 1}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `typing: ${(text.length / 1e6).toFixed(2)} MB note, ${initial.length} diagnostics; first check ${coldMs} ms after open; ` +
        `edit-to-diagnostics median ${median} ms (min ${sorted[0]}, max ${sorted[sorted.length - 1]}, includes the ${
          vscode.workspace.getConfiguration("rfaReady").get("debounceMs") ?? 250
        } ms debounce)`,
    );
  });
});
