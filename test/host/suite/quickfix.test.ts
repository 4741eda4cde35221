/// <reference types="mocha" />
// Quick fixes in the real editor: the preferred "Document:" fix inserts its snippet (live tab
// stops) in the section the criterion belongs to; left unedited (prompts only, never a clinical
// value) the diagnostic stays; "Document everything missing" inserts all of a request's missing
// templates as live snippets, which leave those findings standing until they are filled in; a
// screenshot of the workbench with squiggles, the Problems panel and the quick-fix menu open.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { closeAll, codeActions, core, repoRoot, screenshot, waitForDiagnostics, withId } from "./harness";

/** Headings a physician uses for each section kind the core places templates in. */
const HEADING: Record<string, RegExp> = {
  exam: /exam|objective|physical/i,
  history: /history|treatment to date|prior|subjective/i,
  subjective: /subjective|history/i,
  plan: /plan|request|rfa|authori[sz]ation/i,
  medications: /medication/i,
  assessment: /assessment|diagnos|impression/i,
};

function headingBefore(text: string, offset: number): string | undefined {
  const before = text.slice(0, offset).split(/\r?\n/);
  for (let i = before.length - 1; i >= 0; i--) if (/^#{1,6}\s/.test(before[i])) return before[i];
  return undefined;
}

async function openWorkspaceNote(): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; diags: vscode.Diagnostic[] }> {
  const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
  const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor, diags: await arrived };
}

suite("quick fixes", () => {
  teardown(closeAll);

  // Every criterion the workspace note misses that has a template: the preferred fix goes in
  // the section it belongs to. The inserted template holds prompts ("‹muscle›", "‹twitch
  // response?›"), not findings, so until they are filled in the criterion stays reported.
  const TPI = ["tpi.trigger-points-documented", "tpi.failed-conservative", "tpi.no-radiculopathy"];

  /** Resolves when the editor shows `id` where the core reports it for the document's text now. */
  const settled = (doc: vscode.TextDocument, id: string) => {
    const expected = core().analyze(doc.getText()).findings;
    const lines = expected.filter((f) => f.criterion === id).map((f) => f.range.start.line - 1);
    assert.ok(lines.length > 0, `the core still reports ${id}`);
    return waitForDiagnostics(doc.uri, (ds) => lines.every((l) => withId(ds, id).some((d) => d.range.start.line === l)));
  };

  test("the preferred Document fix lands in the criterion's section with tab stops; unedited, the diagnostic stays", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const findings = core().analyze(text).findings.filter((f) => f.kind === "missing" && f.fix);
    const criteria = [...new Set(findings.map((f) => f.criterion))];
    assert.ok(criteria.length >= 3, "several missing criteria with templates");
    for (const c of TPI) assert.ok(criteria.includes(c), `the workspace note misses ${c}`);
    for (const id of criteria) {
      const finding = findings.find((f) => f.criterion === id)!;
      const { doc, editor, diags } = await openWorkspaceNote();
      const diag = withId(diags, id).find((d) => d.range.start.line === finding.range.start.line - 1)!;
      assert.ok(diag, `diagnostic for ${id}`);
      const actions = await codeActions(doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      // The lightbulb on the request line offers one preferred "Document:" fix per criterion there.
      const title = `Document: ${core().getCriterion(id)!.title}`;
      const documentFixes = actions.filter((a) => a.title === title);
      assert.equal(documentFixes.length, 1, `one "${title}" fix`);
      assert.equal(documentFixes[0].isPreferred, true, "it is the preferred fix");
      assert.ok(actions.some((a) => a.title === `Disable ${id} in this note` && !a.isPreferred), "disable is offered, not preferred");

      // Apply it as the lightbulb does: a snippet edit, so its tab stops become a live session.
      const before = doc.getText();
      assert.ok(await vscode.workspace.applyEdit(documentFixes[0].edit!));
      const after = doc.getText();
      assert.ok(after.length > before.length, "text inserted");
      let at = [...before].findIndex((_, i) => before[i] !== after[i]);
      if (at < 0) at = before.length;
      const heading = headingBefore(after, at + 1) ?? "";
      const fix = finding.fix as { section: string };
      assert.match(heading, HEADING[fix.section] ?? /./, `${id} inserted under "${heading}" (expected a ${fix.section} section)`);
      assert.ok(!/\$\{\d/.test(after), "snippet syntax is expanded, not inserted literally");
      assert.ok(!editor.selection.isEmpty, "the first placeholder is selected (live tab stop)");
      assert.ok(after.includes("‹"), "the template writes prompts");
      await settled(doc, id);
      await closeAll();
    }
  });

  test("Document everything missing for a request inserts all its missing templates as live snippets", async () => {
    const { doc, diags } = await openWorkspaceNote();
    const tpi = withId(diags, "tpi.trigger-points-documented")[0];
    assert.ok(tpi, "the TPI request is flagged");
    const bulk = (await codeActions(doc.uri, tpi.range, undefined, (as) => as.some((a) => a.title.startsWith("Document everything missing for ")))).find((a) =>
      a.title.startsWith("Document everything missing for "),
    );
    assert.ok(bulk?.edit, "a bulk fix is offered on the request");
    const count = Number(/\((\d+)\)$/.exec(bulk.title)?.[1]);
    const missing = core()
      .analyze(doc.getText())
      .findings.filter((f) => f.kind === "missing" && f.fix && f.request.range.start.line === tpi.range.start.line + 1);
    assert.equal(count, missing.length, "it covers every missing criterion of the request that has a template");
    assert.ok(count >= 3);
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(bulk.edit));
    // Snippets expanded (no snippet syntax left), their prompts written, once per criterion.
    assert.ok(!/\$\{\d/.test(doc.getText()));
    assert.ok(doc.getText().length > before.length);
    assert.ok(doc.getText().split("‹").length - before.split("‹").length >= count, "each template writes its prompts");
    // Unedited, every one of those criteria is still reported.
    for (const f of missing) await settled(doc, f.criterion);
  });

  test("screenshot: squiggles, Problems panel and the quick-fix menu", async function () {
    if (!process.env.RFA_SCREENSHOT) this.skip();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await arrived;
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await vscode.window.showTextDocument(editor.document);
    const target = diags[0];
    editor.selection = new vscode.Selection(target.range.start, target.range.start);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand("editor.action.quickFix");
    const saved = await screenshot("docs/screenshot.png", ".action-widget");
    assert.ok(saved === undefined || saved === "skipped" || saved.endsWith("docs/screenshot.png"), String(saved));
  });
});
