// "RFA Ready: Draft RFA": the DWC Form RFA drafted from the note, opened as markdown beside it,
// and written as a PDF next to the note (or where a save dialog says, for untitled notes). Also
// the RFA header's missing fields as diagnostics (code `rfa-header.<field>`, outside the criterion
// registry) with quick fixes that insert each field in the front matter.
import * as path from "node:path";
import * as vscode from "vscode";
import type { RfaDraft } from "../core";
import type { HeaderDiagnostic } from "../core/rfa/frontmatter";
import type { AnalysisClient } from "./analysisClient";
import type { DraftReply } from "./analysisProtocol";
import { readSettings } from "./config";
import { SOURCE, toVsPosition } from "./convert";
import { isNote, type DiagnosticsController } from "./diagnostics";
import { errorMessage, type Logger } from "./log";
import { toAnalyzeOptions } from "./settingsSchema";

type PdfWriter = (draft: RfaDraft) => Promise<Uint8Array>;

// A require the bundler leaves alone: the PDF writer (dist/rfa-pdf.js) is loaded on first use only.
const lazyRequire: NodeRequire = require;
let pdfWriter: PdfWriter | undefined;
function loadPdfWriter(): PdfWriter {
  pdfWriter ??= (lazyRequire(path.join(__dirname, "rfa-pdf.js")) as { writeRfaPdf: PdfWriter }).writeRfaPdf;
  return pdfWriter;
}

/** The PDF next to a saved note: `note.md` → `note.rfa.pdf`. */
export function pdfPathFor(notePath: string): string {
  const parsed = path.posix.parse(notePath);
  return path.posix.join(parsed.dir, `${parsed.name}.rfa.pdf`);
}

export async function draftRfaCommand(analysis: AnalysisClient, log: Logger): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage("RFA Ready: open a markdown progress note to draft its RFA.");
    return;
  }
  const document = editor.document;
  const started = performance.now();
  let reply: DraftReply;
  try {
    reply = await analysis.call("draftRfa", { text: document.getText(), options: toAnalyzeOptions(readSettings(document)) }).promise;
  } catch (error) {
    log.error(`drafting the RFA failed: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage("RFA Ready: the RFA could not be drafted; see the RFA Ready log.");
    return;
  }
  const draft = reply.draft;
  const missing = draft.missing.header.length + draft.missing.lines.length;

  const markdown = await vscode.workspace.openTextDocument({ language: "markdown", content: reply.markdown });
  await vscode.window.showTextDocument(markdown, { viewColumn: vscode.ViewColumn.Beside, preview: false });

  let target: vscode.Uri | undefined;
  if (document.uri.scheme === "untitled" || document.isUntitled) {
    target = await vscode.window.showSaveDialog({
      title: "Save the RFA PDF",
      saveLabel: "Save RFA PDF",
      filters: { PDF: ["pdf"] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]
        ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, "rfa.pdf")
        : undefined,
    });
  } else {
    target = document.uri.with({ path: pdfPathFor(document.uri.path) });
  }
  if (!target) {
    log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields; no PDF written (save dialog cancelled)`);
    return;
  }
  try {
    const bytes = await loadPdfWriter()(draft);
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    log.error(`writing the RFA PDF failed: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage("RFA Ready: the RFA PDF could not be written; see the RFA Ready log.");
    return;
  }
  log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields, PDF written in ${(performance.now() - started).toFixed(0)} ms`);
  const name = path.posix.basename(target.path);
  const summary = missing ? `${missing} field${missing === 1 ? "" : "s"} still missing (listed on its last page)` : "every field filled";
  const open = "Open PDF";
  const choice = await vscode.window.showInformationMessage(`RFA Ready: wrote ${name}: ${draft.lines.length} request${draft.lines.length === 1 ? "" : "s"}, ${summary}.`, open);
  if (choice === open) await vscode.env.openExternal(target);
}

// ---------------------------------------------------------------------------------------------
// Header diagnostics and their quick fixes.

export const HEADER_CODE_PREFIX = "rfa-header.";

/** Publishes the header gaps of notes that request something, after each published check. */
export class RfaHeaderDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("rfaReadyHeader");
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly log: Logger,
  ) {
    this.subscription = diagnostics.onDidUpdate((uri) => {
      try {
        this.update(uri);
      } catch (error) {
        this.log.error(`publishing the RFA header diagnostics failed: ${errorMessage(error)}`);
      }
    });
  }

  private update(uri: vscode.Uri): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const result = document && !document.isClosed ? this.diagnostics.current(document) : undefined;
    const settings = document ? readSettings(document) : undefined;
    const off = !settings?.enable || settings.disabledCriteria.includes("rfa") || settings.severity["rfa"] === "off";
    if (!document || !result || off || result.requests.length === 0) {
      if (this.collection.has(uri)) this.collection.delete(uri);
      return;
    }
    const list = this.diagnostics.headerOf(result).map((h) => {
      const line = Math.max(0, Math.min(document.lineCount - 1, h.line - 1));
      const d = new vscode.Diagnostic(document.lineAt(line).range, h.message, vscode.DiagnosticSeverity.Information);
      d.source = SOURCE;
      d.code = h.code;
      return d;
    });
    if (list.length) this.collection.set(uri, list);
    else if (this.collection.has(uri)) this.collection.delete(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

const SPECIFIC = "rfa.specific-request";

/**
 * Quick fixes of the RFA parts: each missing header field inserted in the front matter, and
 * "Complete the RFA line" appending what a request line lacks (rfa.specific-request) at its end.
 */
export class RfaHeaderCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly drafts = new WeakMap<vscode.TextDocument, { version: number; draft: Promise<DraftReply> }>();

  /**
   * `published` gives the header gaps published with the document's current check, if any: the
   * fixes then come at once, without waiting behind a check in the worker.
   */
  constructor(
    private readonly analysis: AnalysisClient,
    private readonly published: (document: vscode.TextDocument) => HeaderDiagnostic[] | undefined = () => undefined,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    const header = context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === "string" && d.code.startsWith(HEADER_CODE_PREFIX));
    const planned = header.length
      ? (this.published(document) ?? (await this.analysis.call("headerDiagnostics", { text: document.getText() }).promise))
      : [];
    for (const diagnostic of header) {
      const plan = planned.find((p) => p.code === diagnostic.code);
      for (const fix of plan?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        edit.set(document.uri, [vscode.SnippetTextEdit.insert(toVsPosition(fix.insertAt), new vscode.SnippetString(fix.snippet))]);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    const lines = context.diagnostics.filter(
      (d) => d.source === SOURCE && typeof d.code === "object" && d.code !== null && d.code.value === SPECIFIC,
    );
    if (lines.length) {
      const { draft, completions } = await this.draftFor(document);
      for (const diagnostic of lines) {
        const index = draft.lines.findIndex((l) => l.line === diagnostic.range.start.line + 1);
        const line = draft.lines[index];
        const snippet = completions[index];
        if (!line || !snippet) continue;
        const action = new vscode.CodeAction(`Complete the RFA line: ${line.missing.join(", ")}`, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        const end = document.lineAt(diagnostic.range.start.line).range.end;
        edit.set(document.uri, [vscode.SnippetTextEdit.insert(end, new vscode.SnippetString(snippet))]);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }

  private draftFor(document: vscode.TextDocument): Promise<DraftReply> {
    const cached = this.drafts.get(document);
    if (cached && cached.version === document.version) return cached.draft;
    const draft = this.analysis.call("draftRfa", { text: document.getText(), options: toAnalyzeOptions(readSettings(document)) }).promise;
    this.drafts.set(document, { version: document.version, draft });
    draft.catch(() => this.drafts.delete(document));
    return draft;
  }
}
