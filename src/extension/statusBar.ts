// "RFA: 2 requests, 5 gaps" for the active markdown note; click opens the report.
import * as vscode from "vscode";
import { COMMANDS } from "./commandIds";
import { isNote, type DiagnosticsController } from "./diagnostics";
import { statusText, statusTooltip } from "./render";

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("rfaReady.status", vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.item.name = "RFA Ready";
    this.item.command = COMMANDS.showReport;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      diagnostics.onDidUpdate((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const result = document && isNote(document) ? this.diagnostics.current(document) : undefined;
    if (!result) {
      // Keep the last text while a check of the active note is pending; hide elsewhere.
      if (!document || !isNote(document)) this.item.hide();
      return;
    }
    this.item.text = `$(checklist) ${statusText(result)}`;
    this.item.tooltip = statusTooltip(result);
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
