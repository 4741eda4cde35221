/// <reference types="mocha" />
// Smoke test of the real-editor harness: the extension activates on a note in
// the workspace and publishes diagnostics whose code is a criterion ID.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { criterionId, screenshot, SOURCE, waitForDiagnostics } from "./harness";

const CRITERION_ID = /^[a-z-]+\.[a-z0-9-]+$/;

suite("smoke", () => {
  test("a workspace note gets RFA Ready diagnostics with criterion IDs", async function () {
    this.timeout(90_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the test workspace folder is open");
    const uri = vscode.Uri.joinPath(folder.uri, "progress-note.md");

    // Subscribe (inside waitForDiagnostics) before opening, so no event is missed.
    const arrived = waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => CRITERION_ID.test(criterionId(d) ?? "")),
      60_000,
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const diags = await arrived;

    assert.ok(diags.length > 0, "at least one diagnostic");
    for (const d of diags) assert.equal(d.source, SOURCE);
    const ids = diags.map(criterionId);
    assert.ok(ids.some((id) => CRITERION_ID.test(id ?? "")), `a criterion ID among ${ids.join(", ")}`);
    console.log(`smoke: ${diags.length} diagnostic(s): ${ids.join(", ")}`);

    // Picture of the workbench (only saved when RFA_SCREENSHOT is set).
    editor.revealRange(diags[0].range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await screenshot("out/host-suite/smoke.png", ".squiggly-error, .squiggly-warning, .squiggly-info");
  });
});
