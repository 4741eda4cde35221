/// <reference types="mocha" />
// Hover and commands in the real editor: the hover on a request shows its compact checklist,
// each criterion linked to its page (rendered read-only, never checked), with statuses and
// citations; the report's line links move the cursor; "New progress note" opens a PR-2 skeleton the core
// parses into the sections the rules look for, with no findings.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { closeAll, core, screenshot, waitForDiagnostics } from "./harness";

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n");
}

/** Synthetic answers to the skeleton's front matter, by field name (no real person). */
const FIELD_VALUES: Record<string, string> = {
  patient: "Marchetti, Ilse B",
  date_of_birth: "02/09/1971",
  date_of_injury: "06/30/2025",
  claim_number: "QT-4410027",
  employer: "Harborline Produce",
  name: "Dana Okafor, MD",
  practice: "Valley Occupational Spine",
  address: "12 Orchard Way, Modesto, CA 95354",
  phone: "(209) 555-0190",
  fax: "(209) 555-0191",
  specialty: "Occupational Medicine",
  license: "A 554433",
  npi: "1457390026",
  adjuster: "Rory Penn",
  "claims_administrator.name": "Orchard Claims Group",
};

suite("hover and commands", () => {
  teardown(closeAll);

  test("the hover on a requested service shows its readiness checklist", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await arrived;
    const result = core().analyze(doc.getText());
    const request = result.requests[0];
    assert.ok(request, "the note has a request");
    const at = new vscode.Position(request.range.start.line - 1, request.range.start.column);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, at);
    const text = hoverText(hovers ?? []);
    const mine = result.findings.filter((f) => f.request.range.start.line === request.range.start.line);
    assert.ok(mine.length > 0);
    for (const f of mine) {
      assert.ok(text.includes(encodeURIComponent(JSON.stringify([f.criterion]))), `hover links ${f.criterion} to its page`);
      assert.ok(text.includes(core().getCriterion(f.criterion)!.title.slice(0, 16)), `hover names ${f.criterion} by its title`);
    }
    assert.match(text, /MTUS|ODG|ACOEM|CCR/, "citations in the hover (link tooltips)");
    // Compact: one line per criterion, no "Requested here" and the request is not repeated.
    const items = text.split("\n").filter((l) => l.startsWith("- "));
    assert.ok(items.length >= mine.length);
    assert.ok(!text.includes("Requested here"));
    // No hover away from requests (line 0 is the title).
    const none = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, new vscode.Position(0, 2));
    assert.ok(!hoverText(none ?? []).includes(mine[0].criterion), "no checklist on the title");
  });

  test("in a long case file the hover shows a criterion's latest evidence lines and counts the earlier ones", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const visit = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, "progress-note.md")));
    // Twelve copies of one visit: what the visit documents is documented twelve times over.
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: Array.from({ length: 12 }, () => visit).join("\n\n") });
    const arrived = waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(doc);
    await arrived;
    const request = core().analyze(doc.getText()).requests[0];
    const at = new vscode.Position(request.range.start.line - 1, request.range.start.column);
    const text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at)) ?? []);
    const counted = /lines ((?:\d+, ){5}\d+) and (\d+) earlier lines/.exec(text);
    assert.ok(counted, "a criterion documented on many lines shows six and counts the rest");
    const shown = counted[1].split(", ").map(Number);
    assert.deepEqual(shown, [...shown].sort((a, b) => a - b), "the latest lines, in order");
  });

  test("screenshot: the hover on a request", async function () {
    if (!process.env.RFA_SCREENSHOT) this.skip();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await arrived;
    const request = core().analyze(editor.document.getText()).requests[0];
    const at = new vscode.Position(request.range.start.line - 1, request.range.start.column + 2);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand("editor.action.showHover");
    await screenshot("docs/screenshot-hover.png", ".monaco-hover");
  });

  test("criterion pages open as a rendered read-only preview and are never checked", async () => {
    const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/i.test(t.input.viewType);
    const opened = new Promise<vscode.Tab>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
        const tab = [...e.opened, ...e.changed].find(isPreview);
        if (tab) {
          sub.dispose();
          resolve(tab);
        }
      });
    });
    // What the report's and the hover's links run.
    await vscode.commands.executeCommand("rfaReady.openCriterion", "tpi.trigger-points-documented");
    const tab = await opened;
    assert.ok(isPreview(tab), "a markdown preview");
    const page = vscode.Uri.parse("rfa-ready-docs:/docs/criteria/tpi.trigger-points-documented.md");
    const doc = await vscode.workspace.openTextDocument(page);
    assert.match(doc.getText(), /^# tpi\.trigger-points-documented/m, "the page's content");
    assert.ok(!doc.getText().includes("Generated by"), "without the generator's marker");
    // Read-only: its scheme is served by RFA Ready, the installed file is not what opened.
    assert.equal(doc.uri.scheme, "rfa-ready-docs");
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === "file" && d.uri.path.endsWith("/docs/criteria/tpi.trigger-points-documented.md")));
    // Never checked: give the checker a debounce period, then no diagnostics.
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(vscode.languages.getDiagnostics(page), []);
  });

  test("the report's note-line links move the cursor to that line", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await arrived;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const request = core().analyze(editor.document.getText()).requests[0];
    await vscode.commands.executeCommand("rfaReady.revealLine", uri.toString(), request.range.start.line);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), uri.toString());
    assert.equal(active.selection.active.line, request.range.start.line - 1);
  });

  test("Show readiness report opens the report beside the note", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "progress-note.md");
    const arrived = waitForDiagnostics(uri, (ds) => ds.length > 0);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await arrived;
    const isReport = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.label.startsWith("RFA readiness: ");
    const opened = new Promise<vscode.Tab>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
        const tab = e.opened.find(isReport);
        if (tab) {
          sub.dispose();
          resolve(tab);
        }
      });
    });
    await vscode.commands.executeCommand("rfaReady.showReport");
    const tab = await opened;
    assert.match(tab.label, /progress-note\.md/, "the report names the note");
    assert.ok(tab.group.viewColumn !== vscode.window.activeTextEditor?.viewColumn, "beside the note");
    if (process.env.RFA_SCREENSHOT) {
      await new Promise((r) => setTimeout(r, 1000)); // the webview paints after the tab opens
      await screenshot("docs/screenshot-report.png", "iframe.webview.ready");
    }
  });

  test("New progress note opens a skeleton the core parses with no findings", async () => {
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && e.document.isUntitled && e.document.languageId === "markdown") {
          sub.dispose();
          resolve(e);
        }
      });
    });
    await vscode.commands.executeCommand("rfaReady.newProgressNote");
    const editor = await opened;
    // The snippet is inserted right after the editor opens: wait for that edit if it is not in yet.
    if (editor.document.getText().length === 0) {
      await new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeTextDocument((e) => {
          if (e.document === editor.document && e.document.getText().length > 0) {
            sub.dispose();
            resolve();
          }
        });
      });
    }
    const text = editor.document.getText();
    assert.ok(text.length > 200, "a skeleton was inserted");
    for (const heading of [/subjective/i, /exam|objective/i, /diagnos|assessment/i, /plan|request/i]) {
      assert.match(text, new RegExp(`^#{1,6} .*(?:${heading.source})`, "im"), `a heading for ${heading}`);
    }
    const result = core().analyze(text);
    assert.deepEqual(result.findings.map((f) => f.criterion), [], "an empty skeleton raises nothing");
    assert.deepEqual(result.notices, []);

    // The physician answers each front matter field in the editor (synthetic values); the RFA draft of
    // that note then misses no header field the skeleton asked for.
    const close = text.split("\n").indexOf("---", 1);
    assert.ok(text.startsWith("---\n") && close > 0, "the skeleton opens with front matter");
    const doc = editor.document;
    const answered = await editor.edit((b) => {
      let group = "";
      for (let line = 1; line < close; line++) {
        const m = /^(\s*)([a-z_]+):\s*(.*)$/.exec(doc.lineAt(line).text);
        if (!m) continue;
        if (!m[1] && !m[3]) group = m[2]!;
        if (!m[3]) continue;
        const value = FIELD_VALUES[m[1] ? `${group}.${m[2]}` : m[2]!] ?? FIELD_VALUES[m[2]!];
        if (!value) continue;
        const start = doc.lineAt(line).text.indexOf(m[3]!, m[1]!.length + m[2]!.length + 1);
        b.replace(new vscode.Range(line, start, line, doc.lineAt(line).text.length), `"${value}"`);
      }
    });
    assert.ok(answered, "the front matter was answered");
    const draft = core().draftRfa(doc.getText(), { today: "2026-10-14" });
    assert.deepEqual(draft.missing.header.map((g) => g.key), [], "no header field missing");
    assert.equal(draft.header.employee.claimNumber, FIELD_VALUES.claim_number);
  });
});
