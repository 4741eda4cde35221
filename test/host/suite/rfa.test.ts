/// <reference types="mocha" />
// "Draft RFA" in the real editor: from a saved note with front matter it opens the RFA as a
// read-only markdown document beside the note and writes <note>.rfa.pdf next to it; a note without front
// matter gets the form-field diagnostic whose quick fix inserts the header block.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { closeAll, codeActions, criterionId, repoRoot, waitForDiagnostics } from "./harness";

suite("RFA draft", () => {
  teardown(closeAll);

  test("Draft RFA opens the draft beside the note and writes the PDF next to it", async function () {
    this.timeout(120_000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, `rfa-${process.pid}.md`);
    const pdf = vscode.Uri.joinPath(folder, `rfa-${process.pid}.rfa.pdf`);
    const text = fs.readFileSync(path.join(repoRoot(), "test", "fixtures", "rfa", "complete.md"), "utf8");
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const draftOpened = new Promise<vscode.TextDocument>((resolve) => {
        const sub = vscode.workspace.onDidOpenTextDocument((d) => {
          // The draft is a read-only virtual document (never checked), not an untitled buffer.
          if (d.uri.scheme === "rfa-ready-draft" && /Request for Authorization/i.test(d.getText())) {
            sub.dispose();
            resolve(d);
          }
        });
      });
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, "*.rfa.pdf"));
      const written = new Promise<void>((resolve) => {
        const done = (u: vscode.Uri) => u.toString() === pdf.toString() && resolve();
        watcher.onDidCreate(done);
        watcher.onDidChange(done);
      });
      // The command ends with a notification that waits for the user: do not await it.
      void vscode.commands.executeCommand("rfaReady.draftRfa");
      const draft = await draftOpened;
      for (const field of ["Sample, Jane Q.", "WC-0012345", "1234567893", "Example Claims Services"]) {
        assert.ok(draft.getText().includes(field), `the draft shows ${field}`);
      }
      await written;
      watcher.dispose();
      const bytes = await vscode.workspace.fs.readFile(pdf);
      assert.equal(Buffer.from(bytes.subarray(0, 5)).toString("latin1"), "%PDF-", "a PDF file");
      assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(pdf).then(undefined, () => undefined);
    }
  });

  test("a note without front matter gets the header diagnostic and its fix inserts the block", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.some((d) => criterionId(d)?.startsWith("rfa-header.")));
    await vscode.window.showTextDocument(doc);
    const header = (await arrived).find((d) => criterionId(d)?.startsWith("rfa-header."))!;
    const isFix = (a: vscode.CodeAction) => a.edit !== undefined && !a.title.startsWith("Disable ");
    const fix = (await codeActions(doc.uri, header.range, vscode.CodeActionKind.QuickFix.value, (as) => as.some(isFix))).find(isFix);
    assert.ok(fix?.edit, "a quick fix with an edit");
    const gone = waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && !ds.some((d) => criterionId(d) === criterionId(header)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().startsWith("---\n"), "front matter block at the top");
    await gone;
  });
});
