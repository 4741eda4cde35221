// Command handlers: new PR-2 note, readiness report, insert documentation for the request
// under the cursor, don't check this file / a criterion, open a criterion page, and the
// helpers quick fixes and the report run (reveal an inserted fix, go to a note line).
// The edits they make come from the core's findings.
import * as vscode from "vscode";
import type { Finding } from "../core/types";
import { criterionTitle } from "./codeActions";
import { COMMANDS } from "./commandIds";
import { fromVsPosition, toVsPosition } from "./convert";
import { isNote, type DiagnosticsController } from "./diagnostics";
import type { Logger } from "./log";
import { rangeContains } from "./positions";
import type { ReportPanels } from "./report";
import { progressNoteSnippet } from "./templates";
import { draftRfaCommand } from "./draftRfa";
import { CriterionPages } from "./criterionPages";
import { DISABLE_FILE_DIRECTIVE } from "../core/noteKind";
import { lineAfterFrontMatter, planDisableDirective } from "./fixes";
import { eolOf } from "./positions";
import { toVsRange } from "./convert";

export function registerCommands(
  diagnostics: DiagnosticsController,
  reports: ReportPanels,
  log: Logger,
): vscode.Disposable[] {
  const pages = new CriterionPages(diagnostics.extensionUri, log);
  return [
    pages,
    vscode.commands.registerCommand(COMMANDS.disableFile, () => disableFile()),
    vscode.commands.registerCommand(COMMANDS.markdownSuggestions, enableMarkdownSuggestions),
    vscode.commands.registerCommand(COMMANDS.openCriterion, (id?: unknown) => pages.open(typeof id === "string" ? id : "README")),
    vscode.commands.registerCommand(COMMANDS.disableCriterion, disableCriterion),
    vscode.commands.registerCommand(COMMANDS.revealFix, revealFix),
    vscode.commands.registerCommand(COMMANDS.revealLine, revealLine),
    vscode.commands.registerCommand(COMMANDS.newNote, newProgressNote),
    vscode.commands.registerCommand(COMMANDS.showReport, (uri?: vscode.Uri) => showReport(diagnostics, reports, uri)),
    vscode.commands.registerCommand(COMMANDS.insertDocumentation, () => insertDocumentation(diagnostics)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.draftRfa, () => draftRfaCommand(diagnostics, log)),
  ];
}

async function newProgressNote(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: "markdown", content: "" });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(progressNoteSnippet(new Date())), new vscode.Position(0, 0));
}

async function showReport(diagnostics: DiagnosticsController, reports: ReportPanels, uri?: vscode.Uri): Promise<void> {
  let document = vscode.window.activeTextEditor?.document;
  if (uri instanceof vscode.Uri) document = await vscode.workspace.openTextDocument(uri);
  if (!document || !isNote(document)) {
    void vscode.window.showInformationMessage(
      document?.languageId === "markdown"
        ? "RFA Ready does not check this file: it does not read as a progress note (see the rfaReady.noteDetection setting)."
        : "RFA Ready: open a markdown progress note to see its readiness report.",
    );
    return;
  }
  await reports.show(document);
}

interface FindingPick extends vscode.QuickPickItem {
  finding: Finding;
}

async function insertDocumentation(diagnostics: DiagnosticsController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage("RFA Ready: open a markdown progress note first.");
    return;
  }
  const document = editor.document;
  const version = document.version;
  const result = await diagnostics.resultFor(document);
  if (!result || result.reports.length === 0) {
    void vscode.window.showInformationMessage("RFA Ready: no requested service found in this note.");
    return;
  }
  const cursor = fromVsPosition(editor.selection.active);
  let report = result.reports.find((r) => rangeContains(r.request.range, cursor));
  if (!report && result.reports.length === 1) report = result.reports[0];
  if (!report) {
    const picked = await vscode.window.showQuickPick(
      result.reports.map((r) => ({ label: r.request.text, description: `line ${r.request.line}`, report: r })),
      { placeHolder: "Which request? (place the cursor on a request line to skip this step)" },
    );
    if (!picked) return;
    report = picked.report;
  }
  const line = report.request.range.start.line;
  const items: FindingPick[] = result.findings
    .filter((f) => f.fix && f.request.range.start.line === line)
    .map((f) => ({
      label: criterionTitle(result, f.criterion),
      description: f.kind,
      detail: `${f.criterion} · ${f.citation}`,
      finding: f,
    }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage("RFA Ready: nothing left to document for this request.");
    return;
  }
  const choice = await vscode.window.showQuickPick(items, {
    placeHolder: `Insert documentation for ${report.request.text}`,
    matchOnDetail: true,
  });
  if (!choice?.finding.fix) return;
  if (document.isClosed || document.version !== version) {
    void vscode.window.showWarningMessage("RFA Ready: the note changed while choosing; run the command again.");
    return;
  }
  const target = vscode.window.visibleTextEditors.find((e) => e.document === document) ?? editor;
  await target.insertSnippet(new vscode.SnippetString(choice.finding.fix.snippet), toVsPosition(choice.finding.fix.insertAt));
}

function findDocument(uri: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
}

/** Writes `<!-- rfa-ready-disable-file -->` at the top of the note (after any front matter). */
async function disableFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "markdown") {
    void vscode.window.showInformationMessage("RFA Ready: open the markdown file RFA Ready should not check.");
    return;
  }
  const document = editor.document;
  const text = document.getText();
  if (text.includes(DISABLE_FILE_DIRECTIVE)) return;
  const line = lineAfterFrontMatter(text) - 1;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), DISABLE_FILE_DIRECTIVE + eolOf(text));
  if (await vscode.workspace.applyEdit(edit)) {
    void vscode.window.showInformationMessage(
      `RFA Ready will not check this file. Delete the ${DISABLE_FILE_DIRECTIVE} line to check it again.`,
    );
  }
}

interface CriterionChoice {
  id: string;
  title: string;
}

/** Writes the disable directive for one criterion; asks which when a quick fix offers several. */
async function disableCriterion(uri: string, version: number, choices: CriterionChoice[]): Promise<void> {
  const document = findDocument(uri);
  if (!document || !Array.isArray(choices) || choices.length === 0) return;
  let choice: CriterionChoice | undefined = choices[0];
  if (choices.length > 1) {
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.title, description: c.id, choice: c })),
      { placeHolder: "Which check should RFA Ready skip in this note?" },
    );
    choice = picked?.choice;
  }
  if (!choice) return;
  if (document.isClosed || document.version !== version) {
    void vscode.window.showWarningMessage("RFA Ready: the note changed meanwhile; open the quick fix again.");
    return;
  }
  const plain = planDisableDirective(document.getText(), choice.id);
  if (!plain) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, toVsRange(plain.range), plain.text);
  await vscode.workspace.applyEdit(edit);
}

/**
 * Run right after an "Add documentation" fix: the snippet edit has put the cursor on its first tab
 * stop (VS Code's snippet session, which this must not disturb); scroll the inserted text into
 * view, its first lines when it is long.
 */
async function revealFix(uri: string, line: number, _character: number, lines = 1): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const start = editor.document.validatePosition(new vscode.Position(line, 0));
  const end = editor.document.validatePosition(new vscode.Position(line + Math.min(Math.max(1, lines), 8), 0));
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Shows a note line (1-based), from the readiness report's links. */
async function revealLine(uri: string, line: number): Promise<void> {
  const document = findDocument(uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const at = document.validatePosition(new vscode.Position(Math.max(0, Number(line) - 1), 0));
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(at, at),
  });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
}

/**
 * VS Code keeps quick suggestions off in markdown, so typing `pr2` or `tpi-` shows nothing until
 * Ctrl+Space. RFA Ready does not change that for every markdown file; this command turns them on
 * for markdown in this workspace (or for the user without a workspace) when the physician asks.
 */
async function enableMarkdownSuggestions(): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace
    .getConfiguration("editor", { languageId: "markdown" })
    .update("quickSuggestions", { other: "on", comments: "off", strings: "off" }, target, true);
  void vscode.window.showInformationMessage(
    `RFA Ready: markdown now suggests snippets while typing (${target === vscode.ConfigurationTarget.Workspace ? "this workspace" : "user settings"}, "[markdown]": editor.quickSuggestions).`,
  );
}
