// Hover on a requested service: its readiness checklist from the core's reports.
import * as vscode from "vscode";
import { toVsRange } from "./convert";
import type { DiagnosticsController } from "./diagnostics";
import { hoverMarkdown, type RenderContext } from "./render";
import { COMMANDS } from "./commandIds";

/** A command URI: `command:<id>?<url-encoded JSON arguments>`. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * How hovers and reports name service families (titles from the worker's catalogue) and link
 * criteria to their pages and evidence to the note's lines.
 */
export function renderContext(titles: Map<string, string>, document?: { uri: { toString(): string } }): RenderContext {
  return {
    serviceTitle: (key) => titles.get(key),
    criterionLink: (id) => commandUri(COMMANDS.openCriterion, [id]),
    lineLink: document ? (line) => commandUri(COMMANDS.revealLine, [document.uri.toString(), line]) : undefined,
  };
}

/** The only commands the hover's and report's links may run. */
export const LINK_COMMANDS: readonly string[] = [COMMANDS.openCriterion, COMMANDS.revealLine];

export class RfaHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const result = await this.diagnostics.resultFor(document);
    if (!result) return undefined;
    const report = result.reports.find((r) => toVsRange(r.request.range).contains(position));
    if (!report) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(report, renderContext(await this.diagnostics.titles())), true);
    // Links may open criterion pages, nothing else.
    markdown.isTrusted = { enabledCommands: [COMMANDS.openCriterion] };
    return new vscode.Hover(markdown, toVsRange(report.request.range));
  }
}
