// RFA Ready: activation only. Each concern lives in its own module.
import * as vscode from "vscode";
import { AnalysisClient } from "./analysisClient";
import { RfaCodeActionProvider } from "./codeActions";
import { registerCommands } from "./commands";
import { logSettingsSources } from "./config";
import { DiagnosticsController, isMarkdownCandidate, type CheckTimes } from "./diagnostics";
import { RfaHoverProvider } from "./hover";
import { createLogger } from "./log";
import { ReportPanels } from "./report";
import { StatusBar } from "./statusBar";
import { RfaHeaderCodeActions, RfaHeaderDiagnostics } from "./draftRfa";

const MARKDOWN: vscode.DocumentSelector = [
  { language: "markdown", scheme: "file" },
  { language: "markdown", scheme: "untitled" },
  { language: "markdown", scheme: "vscode-remote" },
  { language: "markdown", scheme: "vscode-vfs" },
];

/**
 * What the extension offers other extensions (and the real-editor tests): which version of a
 * document was checked last, and an event after each check is published. Never note text.
 */
export interface RfaReadyApi {
  checkedVersion(uri: vscode.Uri): number | undefined;
  onDidCheck: vscode.Event<vscode.Uri>;
  /** Where the time of the last published check of a document went (numbers only). */
  lastCheck(uri: vscode.Uri): CheckTimes | undefined;
  /** The diagnostics published last for a document: the very objects set in the collection. */
  publishedDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] | undefined;
}

export function activate(context: vscode.ExtensionContext): RfaReadyApi {
  const log = createLogger();
  const version = (context.extension.packageJSON as { version?: string }).version ?? "?";
  log.info(`RFA Ready ${version} activated (vscode ${vscode.version})`);
  logSettingsSources(log);

  // The core runs in a worker thread; activation loads only the glue. A run past its time budget
  // is stopped; the reason names a code, never the note.
  const analysis = new AnalysisClient({ onRestart: (reason) => log.warn(`${reason}; the next check starts a new worker`) });
  // One worker starts now, warmed on its own tiny synthetic note, once a markdown document is
  // open: the first check of a note then pays neither the thread's start nor the core's compile.
  if (vscode.workspace.textDocuments.some(isMarkdownCandidate)) analysis.warm();
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isMarkdownCandidate(d)) return;
      analysis.warm();
      opened.dispose();
    });
    context.subscriptions.push(opened);
  }
  const diagnostics = new DiagnosticsController(context.extensionUri, log, analysis);
  const reports = new ReportPanels(diagnostics);
  context.subscriptions.push(
    log,
    analysis,
    diagnostics,
    reports,
    new StatusBar(diagnostics),
    // RFA header gaps (own collection and quick fixes; not catalogue criteria).
    new RfaHeaderDiagnostics(diagnostics, log),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new RfaHeaderCodeActions(analysis, (document) => {
      const result = diagnostics.current(document);
      return result && diagnostics.headerOf(result);
    }), {
      providedCodeActionKinds: RfaHeaderCodeActions.providedCodeActionKinds,
    }),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new RfaCodeActionProvider(diagnostics), {
      providedCodeActionKinds: RfaCodeActionProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerHoverProvider(MARKDOWN, new RfaHoverProvider(diagnostics)),
    ...registerCommands(diagnostics, reports, log),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("rfaReady")) logSettingsSources(log);
    }),
  );
  diagnostics.start();
  return {
    checkedVersion: (uri) => diagnostics.checkedVersion(uri),
    onDidCheck: diagnostics.onDidUpdate,
    lastCheck: (uri) => diagnostics.lastCheck(uri),
    publishedDiagnostics: (uri) => diagnostics.publishedDiagnostics(uri),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
