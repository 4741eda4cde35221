// Quick fixes for RFA Ready diagnostics: write the missing documentation (snippet with tab
// stops), fill everything missing for a request, or turn a criterion off in this note.
// Actions are matched to diagnostics by source + code (and range), never by message.
// The menu: one "Add documentation: ..." per diagnostic, exactly one of them preferred (so Auto
// Fix applies it without asking), at most one "Don't check ..." entry, and after a fix the
// cursor sits on the first tab stop, revealed.
import * as vscode from "vscode";
import type { AnalyzeResult, Finding } from "../core/types";
import { criterionOf, diagnosticMatches, toVsPosition, toVsRange } from "./convert";
import type { DiagnosticsController } from "./diagnostics";
import { COMMANDS } from "./commandIds";
import { disableTitle, documentTitle } from "./render";
import { bulkFindings, planBulkSnippets, planDisableDirective } from "./fixes";

/** A criterion's title as the result's reports give it (its ID when no report lists it). */
export function criterionTitle(result: AnalyzeResult, id: string): string {
  for (const report of result.reports) {
    const status = report.criteria.find((c) => c.criterion === id);
    if (status) return status.title;
  }
  return id;
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * The RFA line criterion: its preferred fix is "Complete the RFA line" (draftRfa.ts's provider).
 * When it is in the menu, no fix of this provider is preferred, so the menu keeps exactly one.
 */
const RFA_LINE_CRITERION = "rfa.specific-request";

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
    const matched: { diagnostic: vscode.Diagnostic; finding: Finding; order: number }[] = [];
    for (const diagnostic of ours) {
      const order = result.findings.findIndex((f) => diagnosticMatches(diagnostic, f));
      if (order >= 0) matched.push({ diagnostic, finding: result.findings[order], order });
    }
    if (matched.length === 0) return [];
    // The preferred fix: documenting the most severe gap, the first the core reports among equals.
    const rank = (m: (typeof matched)[number]) => SEVERITY_RANK[m.finding.severity] ?? 9;
    const rfaLineHere = matched.some((m) => m.finding.criterion === RFA_LINE_CRITERION);
    const preferred = rfaLineHere
      ? undefined
      : matched.filter((m) => m.finding.fix).sort((a, b) => rank(a) - rank(b) || a.order - b.order)[0];
    const actions: vscode.CodeAction[] = [];
    const bulkDone = new Set<number>();
    const documented = new Set<string>();
    for (const m of matched) {
      const title = criterionTitle(result, m.finding.criterion);
      const key = `${m.finding.criterion}@${m.finding.request.range.start.line}`;
      if (!documented.has(key)) {
        documented.add(key);
        const fix = this.documentAction(document, m.finding, title, m.diagnostic, m === preferred);
        if (fix) actions.push(fix);
      }
    }
    for (const m of matched) {
      const bulk = this.bulkAction(document, result, m.finding, bulkDone);
      if (bulk) actions.push(bulk);
    }
    const disable = this.disableAction(document, result, matched);
    if (disable) actions.push(disable);
    return actions;
  }

  private documentAction(
    document: vscode.TextDocument,
    finding: Finding,
    title: string,
    diagnostic: vscode.Diagnostic,
    preferred: boolean,
  ): vscode.CodeAction | undefined {
    const edit = documentEdit(document.uri, finding);
    if (!edit || !finding.fix) return undefined;
    const action = new vscode.CodeAction(documentTitle(title), vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    // After the edit: the cursor on the first tab stop, scrolled into view.
    const at = toVsPosition(finding.fix.insertAt);
    action.command = {
      command: COMMANDS.revealFix,
      title: "Reveal the inserted documentation",
      arguments: [document.uri.toString(), at.line, at.character, finding.fix.snippet.split("\n").length],
    };
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

  /**
   * At most one "Don't check" entry: for one diagnostic it writes the directive itself; for
   * several on the same spot it asks which criterion.
   */
  private disableAction(
    document: vscode.TextDocument,
    result: AnalyzeResult,
    matched: { diagnostic: vscode.Diagnostic; finding: Finding }[],
  ): vscode.CodeAction | undefined {
    const ids = [...new Set(matched.map((m) => m.finding.criterion))].filter((id) => planDisableDirective(document.getText(), id));
    if (ids.length === 0) return undefined;
    const diagnostics = matched.filter((m) => ids.includes(m.finding.criterion)).map((m) => m.diagnostic);
    if (ids.length === 1) {
      const plain = planDisableDirective(document.getText(), ids[0])!;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, toVsRange(plain.range), plain.text);
      const action = new vscode.CodeAction(disableTitle(criterionTitle(result, ids[0])), vscode.CodeActionKind.QuickFix);
      action.edit = edit;
      action.diagnostics = diagnostics;
      // Turning a check off is a deliberate choice, never the preferred (auto) fix.
      return action;
    }
    const action = new vscode.CodeAction("Don't check one of these in this note…", vscode.CodeActionKind.QuickFix);
    action.command = {
      command: COMMANDS.disableCriterion,
      title: "Don't check in this note",
      arguments: [document.uri.toString(), document.version, ids.map((id) => ({ id, title: criterionTitle(result, id) }))],
    };
    action.diagnostics = diagnostics;
    return action;
  }
}

export function shorten(text: string, max = 48): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
