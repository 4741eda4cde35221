// Core results → VS Code objects. The 1-based → 0-based conversion itself lives in
// positions.ts (`toZeroRange`); this file only wraps it.
import * as vscode from "vscode";
import type { Finding, Notice, Position, Range, Severity } from "../core/types";
import { fromZeroPosition, toZeroPosition, toZeroRange } from "./positions";

export const SOURCE = "RFA Ready";

export function toVsPosition(position: Position): vscode.Position {
  const p = toZeroPosition(position);
  return new vscode.Position(p.line, p.character);
}

export function toVsRange(range: Range): vscode.Range {
  const r = toZeroRange(range);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromVsPosition(position: vscode.Position): Position {
  return fromZeroPosition({ line: position.line, character: position.character });
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVsSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return SEVERITY[severity] ?? vscode.DiagnosticSeverity.Warning;
}

/** The installed page that documents a criterion: docs/criteria/<ID>.md. */
export function criterionDocUri(extensionUri: vscode.Uri, id: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "docs", "criteria", `${id}.md`);
}

/** The URI scheme of the read-only criterion pages (criterionPages.ts serves them). */
export const DOCS_SCHEME = "rfa-ready-docs";

/** A criterion's page as a read-only document (`README` is the index of all criteria). */
export function criterionPageUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`${DOCS_SCHEME}:/docs/criteria/${encodeURIComponent(id)}.md`);
}

/** The criterion ID a diagnostic carries, when it is one of ours. */
export function criterionOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === "object" && code !== null && typeof code.value === "string") return code.value;
  return undefined;
}

export function findingToDiagnostic(
  finding: Finding,
  document: vscode.TextDocument,
  _extensionUri: vscode.Uri,
): vscode.Diagnostic {
  const range = document.validateRange(toVsRange(finding.range));
  const diagnostic = new vscode.Diagnostic(range, finding.message, toVsSeverity(finding.severity));
  diagnostic.source = SOURCE;
  // The page opens read-only (never the editable installed file, never checked).
  diagnostic.code = { value: finding.criterion, target: criterionPageUri(finding.criterion) };
  // Related information only when it points elsewhere: a finding away from its request line
  // (a contradiction in the exam, say) points back at the request.
  const requestRange = document.validateRange(toVsRange(finding.request.range));
  if (requestRange.start.line !== range.start.line) {
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, requestRange), "Requested here"),
    ];
  }
  return diagnostic;
}

export function noticeToDiagnostic(notice: Notice, document: vscode.TextDocument): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    document.validateRange(toVsRange(notice.range)),
    notice.message,
    vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = SOURCE;
  diagnostic.code = notice.kind;
  return diagnostic;
}

/** True when a diagnostic was published for exactly this finding (same criterion and range). */
export function diagnosticMatches(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return criterionOf(diagnostic) === finding.criterion && diagnostic.range.isEqual(toVsRange(finding.range));
}
