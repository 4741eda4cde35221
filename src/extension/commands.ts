// Command handlers: new PR-2 note, readiness report, insert documentation for the request
// under the cursor. The edits they make come from the core's findings.
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

export function registerCommands(
  diagnostics: DiagnosticsController,
  reports: ReportPanels,
  log: Logger,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.newNote, newProgressNote),
    vscode.commands.registerCommand(COMMANDS.showReport, (uri?: vscode.Uri) => showReport(diagnostics, reports, uri)),
    vscode.commands.registerCommand(COMMANDS.insertDocumentation, () => insertDocumentation(diagnostics)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.draftRfa, () => draftRfaCommand(diagnostics.analysis, log)),
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
    void vscode.window.showInformationMessage("RFA Ready: open a markdown progress note to see its readiness report.");
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
