// Hover on a requested service: its readiness checklist from the core's reports.
import * as vscode from "vscode";
import { toVsRange } from "./convert";
import type { DiagnosticsController } from "./diagnostics";
import { hoverMarkdown, type RenderContext } from "./render";

/** How hovers and reports name service families (titles from the worker's catalogue). */
export function renderContext(titles: Map<string, string>): RenderContext {
  return { serviceTitle: (key) => titles.get(key) };
}

export class RfaHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const result = await this.diagnostics.resultFor(document);
    if (!result) return undefined;
    const report = result.reports.find((r) => toVsRange(r.request.range).contains(position));
    if (!report) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(report, renderContext(await this.diagnostics.titles())), true);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, toVsRange(report.request.range));
  }
}
