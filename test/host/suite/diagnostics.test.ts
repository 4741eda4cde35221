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
  screenshot,
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
      const findings = result.findings;
      for (const d of diags) {
        assert.equal(d.source, SOURCE);
        assert.equal(typeof d.code, "object", "code carries a target");
        const target = (d.code as { target: vscode.Uri }).target;
        // A read-only page of its own scheme, never the editable file in the install folder.
        assert.equal(target.scheme, "rfa-ready-docs", `target of ${criterionId(d)}`);
        assert.equal(target.path, `/docs/criteria/${criterionId(d)}.md`);
        assert.ok(fs.existsSync(path.join(repoRoot(), "docs", "criteria", `${criterionId(d)}.md`)), `the page of ${criterionId(d)} exists`);
        // Related information only when it points elsewhere than the diagnostic's own line.
        const f = findings.find((x) => x.criterion === criterionId(d) && x.range.start.line - 1 === d.range.start.line)!;
        if (f.request.range.start.line - 1 === d.range.start.line) assert.equal(d.relatedInformation?.length ?? 0, 0, "no 'Requested here' on its own line");
        else assert.equal(d.relatedInformation?.[0].location.range.start.line, f.request.range.start.line - 1);
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
    const title = core().getCriterion(id)!.title;
    // From the Problems panel (one diagnostic): one "Don't check" entry with a human title, writing the directive.
    const actions = await codeActions(doc.uri, victim.range, undefined, (as) => as.some((a) => a.title.startsWith("Don't check ")));
    const disables = actions.filter((a) => a.title.startsWith("Don't check "));
    assert.equal(disables.length, 1, "at most one disable entry");
    assert.ok(!disables[0].title.includes(id), `a human title, not the ID: ${disables[0].title}`);
    const changed = waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && withId(ds, id).length === 0);
    if (disables[0].edit) {
      assert.ok(disables[0].title.toLowerCase().includes(title.toLowerCase().slice(0, 20)), disables[0].title);
      assert.ok(await vscode.workspace.applyEdit(disables[0].edit));
    } else {
      // Several criteria on this spot: the entry asks which; answer with this one.
      const args = disables[0].command!.arguments as [string, number, Array<{ id: string; title: string }>];
      assert.ok(args[2].some((c) => c.id === id));
      await vscode.commands.executeCommand(disables[0].command!.command, args[0], args[1], args[2].filter((c) => c.id === id));
    }
    const after = await changed;
    assert.ok(doc.getText().startsWith(`<!-- rfa-ready-disable ${id} -->`), "directive at the top");
    assert.equal(after.length, diags.length - withId(diags, id).length, "only that criterion is gone");
  });

  test("a markdown file that is not a progress note gets no diagnostics; a note opened after it does", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const readme = vscode.Uri.joinPath(folder, `readme-${process.pid}.md`);
    // This project's own README: prose about progress notes, code blocks, tables, no visit.
    await vscode.workspace.fs.writeFile(readme, fs.readFileSync(path.join(repoRoot(), "README.md")));
    const todo = vscode.Uri.joinPath(folder, `todo-${process.pid}.md`);
    await vscode.workspace.fs.writeFile(todo, Buffer.from("# This week\n\n## History\n\nMoved offices.\n\n## Plan\n\n- [ ] order chairs\n- [ ] physical therapy for the office plant\n"));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(todo));
      // Checks run in order: once a note opened after them has its diagnostics, theirs would be there.
      const note = await vscode.workspace.openTextDocument({ language: "markdown", content: fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8") });
      const arrived = waitForDiagnostics(note.uri, (ds) => ds.length > 0);
      await vscode.window.showTextDocument(note);
      await arrived;
      assert.deepEqual(ourDiagnostics(readme), [], "the README gets no diagnostics");
      assert.deepEqual(ourDiagnostics(todo), [], "the to-do list gets no diagnostics");
      // Typing in it does not make it a note.
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(todo));
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), "Notes for Monday.\n"));
      const again = nextEvent(note.uri);
      const noteEditor = await vscode.window.showTextDocument(note);
      await noteEditor.edit((b) => b.insert(new vscode.Position(1, 0), "\n"));
      await again;
      assert.deepEqual(ourDiagnostics(todo), []);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme));
      await screenshot("docs/screenshot-readme.png");
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(readme);
      await vscode.workspace.fs.delete(todo);
    }
  });

  test("Don't check this file writes the directive and clears the note's diagnostics", async () => {
    const text = fs.readFileSync(path.join(repoRoot(), "test", "host", "workspace", "progress-note.md"), "utf8");
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: text });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(doc);
    await arrived;
    const cleared = waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    await vscode.commands.executeCommand("rfaReady.disableFile");
    await cleared;
    assert.ok(doc.getText().startsWith("<!-- rfa-ready-disable-file -->\n"), "the directive is the first line");
    // Removing it checks the note again.
    const back = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    await back;
  });

  test("rfaReady.files limits which files are checked", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await arrived;
    try {
      const cleared = waitForDiagnostics(uri, (ds) => ds.length === 0);
      await setSetting("files", ["notes/**/*.md"]);
      await cleared;
      const back = waitForDiagnostics(uri, (ds) => ds.length > 0);
      await setSetting("files", ["*.md"]);
      await back;
    } finally {
      await setSetting("files", undefined);
    }
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
    const lines = (ds: vscode.Diagnostic[], shift = 0) => criteriaOnly(ds).map((d) => d.range.start.line + shift).sort((x, y) => x - y);
    // Read before the edit: a finding that moves keeps its Diagnostic object, whose range shifts
    // in place (the objects `first` holds move with the text).
    const expected = lines(first, 1);
    const ids = first.map(criterionId).sort();
    // An edit that adds nothing a rule reads: the same findings come back for the new version.
    const next = nextChange(doc.uri);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), "\n"));
    const second = await next;
    assert.deepEqual(second.map(criterionId).sort(), ids);
    assert.deepEqual(lines(second), expected, "every range moved down one line with its text");
  });
});
