/// <reference types="mocha" />
// Diagnostics in the real editor: the seed notes of the fixtures show exactly the core's
// findings (code, source, severity, range) including the reviewers' cited gaps; untitled notes
// are checked; closing clears; the disable directive, a severity setting and `run: onSave`.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  closeAll,
  codeActions,
  core,
  criterionId,
  fingerprint,
  nextChange,
  nextEvent,
  ourDiagnostics,
  repoRoot,
  setSetting,
  SEVERITY,
  SOURCE,
  toRange,
  waitForDiagnostics,
  withId,
} from "./harness";

/** Diagnostics for guideline criteria (the core's findings); RFA form-field diagnostics are apart. */
const criteriaOnly = (ds: vscode.Diagnostic[]) => ds.filter((d) => core().getCriterion(criterionId(d) ?? "") !== undefined);

const key = (id: string | undefined, severity: vscode.DiagnosticSeverity, r: vscode.Range) =>
  `${id} ${severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

suite("diagnostics", () => {
  teardown(closeAll);

  const seedsDir = () => path.join(repoRoot(), "test", "fixtures", "seeds");
  for (const seed of ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]) {
    test(`${seed}: the core's findings arrive with code, source, severity and range`, async () => {
      const file = path.join(seedsDir(), seed, "note.md");
      const text = fs.readFileSync(file, "utf8");
      const result = core().analyze(text);
      const expected = result.findings.map((f) => key(f.criterion, SEVERITY[f.severity], toRange(f.range))).sort();
      assert.ok(expected.length > 0, "the seed note has findings");
      const uri = vscode.Uri.file(file);
      const arrived = waitForDiagnostics(uri, (ds) => criteriaOnly(ds).length === expected.length);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diags = criteriaOnly(await arrived);
      assert.deepEqual(diags.map((d) => key(criterionId(d), d.severity, d.range)).sort(), expected);
      for (const d of diags) {
        assert.equal(d.source, SOURCE);
        assert.equal(typeof d.code, "object", "code carries a target");
        const target = (d.code as { target: vscode.Uri }).target;
        assert.ok(target.path.endsWith(`/docs/criteria/${criterionId(d)}.md`), `target of ${criterionId(d)}`);
        assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} exists`);
        assert.equal(d.relatedInformation?.length, 1, "related information points at the request");
      }
      // The reviewer's cited gaps (labels.json) are among them.
      const labels = JSON.parse(fs.readFileSync(path.join(seedsDir(), seed, "labels.json"), "utf8")) as {
        services: Array<{ must_flag: Array<{ id: string }> }>;
      };
      const ids = new Set(diags.map(criterionId));
      for (const gap of labels.services.flatMap((s) => s.must_flag)) assert.ok(ids.has(gap.id), `cited gap ${gap.id} shown`);
    });
  }

  test("an untitled note is checked, and closing it clears its diagnostics", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(doc);
    const diags = await arrived;
    assert.equal(criteriaOnly(diags).length, core().analyze(text).findings.length);
    const cleared = waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    await cleared;
    assert.equal(ourDiagnostics(doc.uri).length, 0);
  });

  test("the disable directive silences one criterion", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(doc);
    const diags = await arrived;
    const victim = diags[0];
    const id = criterionId(victim)!;
    const disable = (await codeActions(doc.uri, victim.range)).find((a) => a.title === `Disable ${id} in this note`);
    assert.ok(disable?.edit, "a disable action with an edit");
    const changed = waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && withId(ds, id).length === 0);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const after = await changed;
    assert.ok(doc.getText().startsWith(`<!-- rfa-ready-disable ${id} -->`), "directive at the top");
    assert.equal(after.length, diags.length - withId(diags, id).length, "only that criterion is gone");
  });

  test("a severity setting changes a diagnostic's severity", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(doc);
    const diags = await arrived;
    const target = diags.find((d) => d.severity !== vscode.DiagnosticSeverity.Error)!;
    const id = criterionId(target)!;
    try {
      const raised = waitForDiagnostics(doc.uri, (ds) => withId(ds, id).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      await setSetting("severity", { [id]: "error" });
      await raised;
      const off = waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && withId(ds, id).length === 0);
      await setSetting("severity", { [id]: "off" });
      await off;
    } finally {
      await setSetting("severity", undefined);
    }
    await waitForDiagnostics(doc.uri, (ds) => withId(ds, id).some((d) => d.severity === target.severity));
  });

  test("run: onSave checks a saved note only when it is saved", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, `on-save-${process.pid}.md`);
    const base = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    await vscode.workspace.fs.writeFile(uri, Buffer.from(base));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
      const editor = await vscode.window.showTextDocument(doc);
      const before = await arrived;
      // A settings change re-checks open notes once; let that re-check publish before typing.
      const rechecked = nextEvent(uri);
      await setSetting("run", "onSave");
      await rechecked;
      // A new request (massage x12) would add findings; in onSave mode nothing changes while typing.
      const line = "4. Massage therapy x12 visits to the low back.\n";
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), line));
      // A negative check needs a window: several debounce periods (250 ms default).
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(doc.isDirty, true, "the edit is not saved yet");
      assert.equal(fingerprint(ourDiagnostics(uri)), fingerprint(before), "no check while typing in onSave mode");
      const saved = waitForDiagnostics(uri, (ds) => ds.some((d) => criterionId(d)?.startsWith("massage.")));
      await doc.save();
      const after = await saved;
      assert.ok(after.length > before.length, "the saved text is checked");
    } finally {
      await setSetting("run", undefined);
      await closeAll();
      await vscode.workspace.fs.delete(uri);
    }
  });

  test("an edit re-checks the note and the ranges follow the text", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    const editor = await vscode.window.showTextDocument(doc);
    const first = await arrived;
    // An edit that adds nothing a rule reads: the same findings come back for the new version.
    const next = nextChange(doc.uri);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), "\n"));
    const second = await next;
    assert.deepEqual(second.map(criterionId).sort(), first.map(criterionId).sort());
    const lines = (ds: vscode.Diagnostic[], shift = 0) => criteriaOnly(ds).map((d) => d.range.start.line + shift).sort((x, y) => x - y);
    assert.deepEqual(lines(second), lines(first, 1), "every range moved down one line with its text");
  });
});
