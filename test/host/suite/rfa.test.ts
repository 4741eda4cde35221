/// <reference types="mocha" />
// "Draft RFA" in the real editor: from a saved note with front matter it opens the RFA as a
// read-only markdown document beside the note and writes <note>.rfa.pdf next to it (timed, logged
// as [rfa-timing]); what opening a PDF can do in browser VS Code ([rfa-open]); a note without front
// matter gets the form-field diagnostic whose quick fix inserts the header block.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { closeAll, codeActions, criterionId, extension, repoRoot, screenshot, waitForDiagnostics } from "./harness";

/** Resolves with the next RFA draft document the editor opens (a read-only virtual document). */
function nextDraft(): Promise<vscode.TextDocument> {
  return new Promise((resolve) => {
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      // The draft is a read-only virtual document (never checked), not an untitled buffer.
      if (d.uri.scheme === "rfa-ready-draft" && /Request for Authorization/i.test(d.getText())) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** Resolves when `pdf` is created or changed. */
function pdfWritten(folder: vscode.Uri, pdf: vscode.Uri): { written: Promise<void>; dispose(): void } {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, "*.rfa.pdf"));
  const written = new Promise<void>((resolve) => {
    const done = (u: vscode.Uri) => u.toString() === pdf.toString() && resolve();
    watcher.onDidCreate(done);
    watcher.onDidChange(done);
  });
  return { written, dispose: () => watcher.dispose() };
}

async function isPdf(uri: vscode.Uri): Promise<boolean> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-" && bytes.length > 10_000;
}

/** Opens a saved note and waits until its check is published (as a physician reading it before drafting). */
async function openChecked(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const ext = extension();
  const api = (ext.isActive ? ext.exports : await ext.activate()) as { checkedVersion(uri: vscode.Uri): number | undefined };
  const deadline = Date.now() + 30_000;
  while (api.checkedVersion(uri) !== document.version) {
    assert.ok(Date.now() < deadline, "the note's check was published within 30 s");
    await new Promise((r) => setTimeout(r, 25));
  }
}

// The "replace the existing PDF?" question has no real-editor test: the workbench under test
// refuses every modal dialog ("DialogService: refused to show dialog in tests", its promise
// rejected), so it cannot be answered here. Its answers, and a refused question, are unit-tested
// in test/unit/rfa-extension.test.ts.
suite("RFA draft", () => {
  teardown(closeAll);

  test("Draft RFA opens the draft beside the note and writes the PDF next to it (timed: right after the check, and warm)", async function () {
    this.timeout(120_000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, `rfa-${process.pid}.md`);
    const pdf = vscode.Uri.joinPath(folder, `rfa-${process.pid}.rfa.pdf`);
    const text = fs.readFileSync(path.join(repoRoot(), "test", "fixtures", "rfa", "complete.md"), "utf8");
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      await openChecked(uri);
      const times: string[] = [];
      for (const run of ["right after the check", "warm"]) {
        const draftOpened = nextDraft();
        const watch = pdfWritten(folder, pdf);
        const t0 = Date.now();
        // The command ends with a notification that waits for the user: do not await it.
        void vscode.commands.executeCommand("rfaReady.draftRfa");
        const draft = await draftOpened;
        const opened = Date.now() - t0;
        for (const field of ["Sample, Jane Q.", "WC-0012345", "1234567893", "Example Claims Services"]) {
          assert.ok(draft.getText().includes(field), `the draft shows ${field}`);
        }
        await watch.written;
        const written = Date.now() - t0;
        watch.dispose();
        assert.ok(await isPdf(pdf), "a PDF file");
        times.push(`${run}: draft open ${opened} ms, PDF written ${written} ms`);
        // The next run finds no PDF to replace (no question asked).
        await vscode.workspace.fs.delete(pdf);
        await vscode.commands.executeCommand("workbench.action.closeNotifications").then(undefined, () => undefined);
      }
      console.log(`[rfa-timing] Draft RFA on a 1.5 KB note: ${times.join("; ")}`);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(pdf).then(undefined, () => undefined);
    }
  });

  test("Open PDF in browser VS Code: the PDF can be selected in the Explorer and given to the browser with Download", async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const pdf = vscode.Uri.joinPath(folder, `open-${process.pid}.rfa.pdf`);
    await vscode.workspace.fs.writeFile(pdf, Buffer.from("%PDF-1.7\n%%EOF\n"));
    try {
      const commands = await vscode.commands.getCommands(true);
      const seen = [`uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? "Web" : "Desktop"}`, `remoteName ${vscode.env.remoteName ?? "none"}`];
      assert.ok(commands.includes("revealInExplorer"), "revealInExplorer exists");
      seen.push(`explorer.download ${commands.includes("explorer.download") ? "registered" : "missing"}`);
      await vscode.commands.executeCommand("revealInExplorer", pdf);
      if (vscode.env.uiKind === vscode.UIKind.Web) {
        assert.ok(commands.includes("explorer.download"), "the Explorer's Download exists in browser VS Code");
        await vscode.commands.executeCommand("explorer.download", pdf);
        seen.push("explorer.download ran without error");
      }
      const external = await Promise.resolve(vscode.env.openExternal(pdf)).then(String, (e: Error) => `threw ${e.name}`);
      seen.push(`openExternal(file URI) -> ${external}`);
      await screenshot("/tmp/rfa-open-pdf.png");
      console.log(`[rfa-open] ${seen.join("; ")}`);
    } finally {
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
