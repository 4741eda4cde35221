// "RFA: 2 requests, 5 gaps" for the active markdown note; click opens the report. It also says
// when the folder's own settings hide findings ("RFA Ready: off (folder setting)", "3 off (folder
// setting)"), when Restricted Mode ignores them, and when the note could not be checked in time.
import * as vscode from "vscode";
import { COMMANDS } from "./commandIds";
import { folderOverrides, readSettings } from "./config";
import { isNote, type DiagnosticsController } from "./diagnostics";
import { NOT_CHECKED } from "./analysisProtocol";
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
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("rfaReady")) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isNote(document)) {
      this.item.hide();
      return;
    }
    const folder = folderOverrides(document);
    if (!readSettings(document).enable) {
      // Turned off by the user: nothing to show. Turned off by the folder: say so.
      if (!folder.off) {
        this.item.hide();
        return;
      }
      this.item.text = "$(circle-slash) RFA Ready: off (folder setting)";
      this.item.tooltip = "This folder's settings turn RFA Ready off (rfaReady.enable): its notes are not checked.";
      this.item.command = { title: "Open settings", command: "workbench.action.openWorkspaceSettings" };
      this.item.show();
      return;
    }
    const result = this.diagnostics.current(document);
    // Keep the last text while a check of the active note is pending.
    if (!result) return;
    this.item.command = COMMANDS.showReport;
    const stopped = result.notices.find((n) => (n.kind as string) === NOT_CHECKED);
    let text = stopped ? "$(warning) RFA: not checked (too slow)" : `$(checklist) ${statusText(result)}`;
    const tooltip = [statusTooltip(result)];
    if (folder.disabled.length) {
      text += ` · ${folder.disabled.length} off (folder setting)`;
      tooltip.push(`This folder's settings turn off: ${folder.disabled.join(", ")}.`);
    }
    if (folder.changed.length) tooltip.push(`This folder's settings change: ${folder.changed.join(", ")}.`);
    if (folder.ignored.length) tooltip.push(`Restricted Mode: this folder's ${folder.ignored.join(", ")} ${folder.ignored.length === 1 ? "is" : "are"} ignored; your own settings apply.`);
    this.item.text = text;
    this.item.tooltip = tooltip.join("\n");
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
