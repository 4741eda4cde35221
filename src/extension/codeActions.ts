// Quick fixes for RFA Ready diagnostics: write the missing documentation (snippet with tab
// stops), fill everything missing for a request, or disable a criterion in this note.
// Actions are matched to diagnostics by source + code (and range), never by message.
import * as vscode from "vscode";
import type { AnalyzeResult, Finding } from "../core/types";
import { criterionOf, diagnosticMatches, toVsPosition, toVsRange } from "./convert";
import type { DiagnosticsController } from "./diagnostics";
import { bulkFindings, planBulkSnippets, planDisableDirective } from "./fixes";

/** A criterion's title as the result's reports give it (its ID when no report lists it). */
export function criterionTitle(result: AnalyzeResult, id: string): string {
  for (const report of result.reports) {
    const status = report.criteria.find((c) => c.criterion === id);
    if (status) return status.title;
  }
  return id;
}

/** A WorkspaceEdit inserting a finding's template with live tab stops. */
export function documentEdit(uri: vscode.Uri, finding: Finding): vscode.WorkspaceEdit | undefined {
  if (!finding.fix) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [vscode.SnippetTextEdit.insert(toVsPosition(finding.fix.insertAt), new vscode.SnippetString(finding.fix.snippet))]);
  return edit;
}

export class RfaCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => criterionOf(d) !== undefined);
    if (ours.length === 0) return [];
    // Only the published result for this exact document version: while a check is pending
    // (or the note changed since) the diagnostics are stale and get no fix.
    const result = this.diagnostics.current(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    const bulkDone = new Set<number>();
    const disableDone = new Set<string>();
    for (const diagnostic of ours) {
      const finding = result.findings.find((f) => diagnosticMatches(diagnostic, f));
      if (!finding) continue;
      const title = criterionTitle(result, finding.criterion);
      const fix = this.documentAction(document, finding, title, diagnostic);
      if (fix) actions.push(fix);
      const bulk = this.bulkAction(document, result, finding, bulkDone);
      if (bulk) actions.push(bulk);
      if (!disableDone.has(finding.criterion)) {
        disableDone.add(finding.criterion);
        const disable = this.disableAction(document, finding, diagnostic);
        if (disable) actions.push(disable);
      }
    }
    return actions;
  }

  private documentAction(
    document: vscode.TextDocument,
    finding: Finding,
    title: string,
    diagnostic: vscode.Diagnostic,
  ): vscode.CodeAction | undefined {
    const edit = documentEdit(document.uri, finding);
    if (!edit) return undefined;
    const action = new vscode.CodeAction(`Document: ${title}`, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return action;
  }

  private bulkAction(
    document: vscode.TextDocument,
    result: AnalyzeResult,
    finding: Finding,
    done: Set<number>,
  ): vscode.CodeAction | undefined {
    const requestLine = finding.request.range.start.line;
    if (done.has(requestLine)) return undefined;
    done.add(requestLine);
    const findings = bulkFindings(result.findings, requestLine);
    if (findings.length < 2) return undefined;
    // Live snippets, one per insertion point, their tab stops numbered across the whole edit.
    const edit = new vscode.WorkspaceEdit();
    edit.set(
      document.uri,
      planBulkSnippets(findings).map((s) => vscode.SnippetTextEdit.insert(toVsPosition(s.at), new vscode.SnippetString(s.snippet))),
    );
    const action = new vscode.CodeAction(
      `Document everything missing for ${shorten(finding.request.text)} (${findings.length})`,
      vscode.CodeActionKind.QuickFix,
    );
    action.edit = edit;
    const ours = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => findings.some((f) => diagnosticMatches(d, f)));
    action.diagnostics = ours;
    return action;
  }

  private disableAction(
    document: vscode.TextDocument,
    finding: Finding,
    diagnostic: vscode.Diagnostic,
  ): vscode.CodeAction | undefined {
    const plain = planDisableDirective(document.getText(), finding.criterion);
    if (!plain) return undefined;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, toVsRange(plain.range), plain.text);
    const action = new vscode.CodeAction(`Disable ${finding.criterion} in this note`, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    // Disabling is a deliberate choice, never the preferred (auto) fix.
    return action;
  }
}

export function shorten(text: string, max = 48): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
