// Hover on a requested service: its readiness checklist from the core's reports.
import * as vscode from "vscode";
import { listServices } from "../core";
import { toVsRange } from "./convert";
import type { DiagnosticsController } from "./diagnostics";
import { hoverMarkdown, type RenderContext } from "./render";

export function renderContext(): RenderContext {
  let titles: Map<string, string> | undefined;
  return {
    serviceTitle: (key) => {
      if (!titles) {
        try {
          titles = new Map(listServices().map((s) => [s.key, s.title]));
        } catch {
          titles = new Map();
        }
      }
      return titles.get(key);
    },
  };
}

export class RfaHoverProvider implements vscode.HoverProvider {
  private readonly context = renderContext();

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.diagnostics.resultFor(document);
    if (!result) return undefined;
    const report = result.reports.find((r) => toVsRange(r.request.range).contains(position));
    if (!report) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(report, this.context), true);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, toVsRange(report.request.range));
  }
}
