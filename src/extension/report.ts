// The readiness report: a webview without scripts under a strict CSP, rendered locally
// from the core's result. Nothing is loaded from or sent to anywhere.
import * as vscode from "vscode";
import type { DiagnosticsController } from "./diagnostics";
import { LINK_COMMANDS, renderContext } from "./hover";
import { reportHtml } from "./render";

/** A fresh CSP nonce (Web Crypto: no module to load at activation). */
function nonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

function displayName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf("/") + 1) || "note";
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.disposables.push(
      diagnostics.onDidUpdate((uri) => {
        const panel = this.panels.get(uri.toString());
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (panel && document) void this.render(panel, document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.panels.get(d.uri.toString())?.dispose()),
    );
  }

  /** Opens (or reveals) the document's report; resolves once it is rendered. */
  show(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      panel = vscode.window.createWebviewPanel(
        "rfaReady.report",
        `RFA readiness: ${displayName(document)}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // No scripts; links may only open criterion pages and note lines.
        { enableScripts: false, enableCommandUris: LINK_COMMANDS, localResourceRoots: [], enableFindWidget: true },
      );
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
    }
    return this.render(panel, document);
  }

  private async render(panel: vscode.WebviewPanel, document: vscode.TextDocument): Promise<void> {
    const result = await this.diagnostics.resultFor(document);
    const context = renderContext(await this.diagnostics.titles(), document);
    if (!this.panels.has(document.uri.toString())) return; // closed meanwhile
    if (!result) {
      panel.webview.html = reportHtml(
        { requests: [], findings: [], reports: [], notices: [] },
        {
          name: displayName(document),
          text: "",
          nonce: nonce(),
          unavailable:
            "RFA Ready did not check this file: it does not read as a progress note (rfaReady.noteDetection, " +
            "rfaReady.files), it holds <!-- rfa-ready-disable-file -->, checking is off (rfaReady.enable), " +
            "or the check failed (see the RFA Ready log).",
        },
        context,
      );
      return;
    }
    panel.webview.html = reportHtml(
      result,
      {
        name: displayName(document),
        text: document.getText(),
        nonce: nonce(),
        generatedAt: new Date().toLocaleString(),
      },
      context,
    );
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
