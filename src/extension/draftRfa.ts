// "RFA Ready: Draft RFA": the DWC Form RFA drafted from the note, opened read-only beside it (a
// virtual document of its own scheme, which the checker never checks), and written as a PDF next
// to the note (or where a save dialog says, for untitled notes) on a worker thread, never on the
// extension host's. An existing PDF is replaced only when the user says so; the write goes to a
// temporary file renamed into place. Progress shows from the start. Also the RFA header's missing
// fields as diagnostics (code `rfa-header.<field>`, outside the criterion registry) with quick
// fixes that insert each field in the front matter.
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import * as vscode from "vscode";
import type { RfaDraft } from "../core";
import type { HeaderDiagnostic } from "../core/rfa/frontmatter";
import type { AnalysisClient } from "./analysisClient";
import type { DraftReply } from "./analysisProtocol";
import { readSettings } from "./config";
import { SOURCE, toVsPosition } from "./convert";
import { isNote, type DiagnosticsController } from "./diagnostics";
import type { Logger } from "./log";
import type { PdfWorkerReply } from "./pdfWorker";
import { toAnalyzeOptions } from "./settingsSchema";

/** The PDF next to a saved note: `note.md` → `note.rfa.pdf`. */
export function pdfPathFor(notePath: string): string {
  const parsed = path.posix.parse(notePath);
  return path.posix.join(parsed.dir, `${parsed.name}.rfa.pdf`);
}

/** An error's class and code, never its message (which can name the file or quote the note). */
export function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code) ? `${error.name} ${code}` : error.name;
}

// ---------------------------------------------------------------------------------------------
// The PDF, written on a worker thread.

/** The PDF thread failed (its error class only) or ran out of time. */
export class PdfWriteError extends Error {
  constructor(reason: string) {
    super(`the PDF writer failed: ${reason}`);
    this.name = "PdfWriteError";
  }
}

export class PdfCancelled extends Error {
  constructor() {
    super("the PDF was cancelled");
    this.name = "PdfCancelled";
  }
}

export interface PdfThreadOptions {
  /** The worker script (default: pdf-worker.js beside this bundle). */
  script?: string;
  /** The thread is ended after this long (default 60 s). */
  timeoutMs?: number;
  token?: vscode.CancellationToken;
}

export interface PdfThread {
  /** Writes the draft's PDF; the thread ends when it answers, fails, times out or is cancelled. */
  write(draft: RfaDraft): Promise<Uint8Array>;
  /** Ends the thread (a PDF no longer wanted). */
  dispose(): void;
}

/**
 * Starts a thread for one PDF. Started when the command starts, it loads the writer while the
 * draft is made and the user is asked where to save, so only the writing itself is waited for.
 */
export function startPdfThread(options: PdfThreadOptions = {}): PdfThread {
  const worker = new Worker(options.script ?? path.join(__dirname, "pdf-worker.js"), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  let failed: Error | undefined;
  let settle: ((error: Error | undefined, bytes?: Uint8Array) => void) | undefined;
  const end = (error: Error) => {
    failed ??= error;
    settle?.(error);
  };
  // An early failure (a missing writer) is kept for write(); nothing is thrown unhandled.
  worker.on("error", (error) => end(new PdfWriteError(errorClass(error))));
  worker.on("exit", (code) => end(new PdfWriteError(`exited with code ${code}`)));
  return {
    write(draft) {
      return new Promise<Uint8Array>((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => settle?.(new PdfWriteError("timed out")), options.timeoutMs ?? 60_000);
        const cancelled = options.token?.onCancellationRequested(() => settle?.(new PdfCancelled()));
        settle = (error, bytes) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          cancelled?.dispose();
          void worker.terminate();
          if (error) reject(error);
          else resolve(bytes!);
        };
        if (failed) return settle(failed);
        worker.once("message", (reply: PdfWorkerReply) => (reply.ok ? settle?.(undefined, reply.bytes) : settle?.(new PdfWriteError(reply.error))));
        worker.postMessage(draft);
      });
    },
    dispose() {
      void worker.terminate();
    },
  };
}

/** Writes the draft's PDF on a thread of its own (started now). */
export function writePdfOffThread(draft: RfaDraft, options: PdfThreadOptions = {}): Promise<Uint8Array> {
  return startPdfThread(options).write(draft);
}

// ---------------------------------------------------------------------------------------------
// The markdown draft, read-only.

export const DRAFT_SCHEME = "rfa-ready-draft";

/** The drafts' text by URI (the latest few), served read-only to the editor. */
class DraftDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "This RFA draft is no longer kept: run RFA Ready: Draft RFA again.\n";
  }

  add(noteName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DRAFT_SCHEME, path: `/${noteName} (RFA draft).md`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

let drafts: { provider: DraftDocuments; registration: vscode.Disposable } | undefined;

function draftDocuments(): DraftDocuments {
  if (!drafts) {
    const provider = new DraftDocuments();
    drafts = { provider, registration: vscode.workspace.registerTextDocumentContentProvider(DRAFT_SCHEME, provider) };
  }
  return drafts.provider;
}

/** Unregisters the drafts' scheme (the extension's deactivation; a later draft registers it again). */
export function disposeDraftDocuments(): void {
  drafts?.registration.dispose();
  drafts?.provider.dispose();
  drafts = undefined;
}

// ---------------------------------------------------------------------------------------------
// Where the PDF goes, and how it is written and opened.

async function exists(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

function saveDialog(defaultUri: vscode.Uri | undefined): Thenable<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({ title: "Save the RFA PDF", saveLabel: "Save RFA PDF", filters: { PDF: ["pdf"] }, defaultUri });
}

export const REPLACE = "Replace";
export const SAVE_AS = "Save As…";

/** The PDF's place: next to a saved note unless a file is there and the user picks another or cancels. */
async function chooseTarget(document: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  if (document.uri.scheme === "untitled" || document.isUntitled) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    // The dialog itself asks before replacing a file.
    return saveDialog(folder ? vscode.Uri.joinPath(folder.uri, "rfa.pdf") : undefined);
  }
  const target = document.uri.with({ path: pdfPathFor(document.uri.path) });
  const stat = await exists(target);
  if (!stat) return target;
  const name = path.posix.basename(target.path);
  const isFile = (stat.type & vscode.FileType.File) !== 0 && (stat.type & vscode.FileType.Directory) === 0;
  const choice = await vscode.window.showWarningMessage(
    isFile ? `RFA Ready: ${name} already exists. Replace it with the new draft?` : `RFA Ready: ${name} exists and is not a file. Save the PDF elsewhere?`,
    { modal: true, detail: isFile ? "The PDF next to the note is the previous draft of this RFA; replacing it cannot be undone." : undefined },
    ...(isFile ? [REPLACE, SAVE_AS] : [SAVE_AS]),
  );
  if (choice === REPLACE) return target;
  if (choice === SAVE_AS) return saveDialog(target);
  return undefined;
}

/** Writes to a temporary file beside the target, then renames it into place. */
async function writeAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const dir = path.posix.dirname(target.path);
  const temp = target.with({ path: path.posix.join(dir, `.${path.posix.basename(target.path)}.${process.pid}-${Date.now().toString(36)}.tmp`) });
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
    throw error;
  }
}

/** True when an installed extension opens PDFs in the editor (a custom editor for *.pdf). */
function pdfEditorInstalled(): boolean {
  for (const ext of vscode.extensions?.all ?? []) {
    const editors = (ext.packageJSON as { contributes?: { customEditors?: Array<{ selector?: Array<{ filenamePattern?: string }> }> } } | undefined)?.contributes?.customEditors;
    if (editors?.some((e) => e.selector?.some((s) => /\.pdf$/i.test(s.filenamePattern ?? "")))) return true;
  }
  return false;
}

/**
 * Opens the PDF: in the editor when a PDF viewer extension is installed (desktop and browser);
 * else with the system's viewer on a local desktop; else (a browser or a remote window, where a
 * file URI cannot be handed to the user's machine) revealed in the Explorer, whose Download
 * gives it to the browser.
 */
export async function openPdf(target: vscode.Uri): Promise<void> {
  if (pdfEditorInstalled()) {
    await vscode.commands.executeCommand("vscode.open", target);
    return;
  }
  const local = vscode.env.uiKind !== vscode.UIKind.Web && !vscode.env.remoteName && target.scheme === "file";
  if (local && (await vscode.env.openExternal(target))) return;
  await vscode.commands.executeCommand("revealInExplorer", target);
  void vscode.window.showInformationMessage("RFA Ready: the PDF is selected in the Explorer: right-click it and choose Download to open it in your browser's PDF viewer.");
}

// ---------------------------------------------------------------------------------------------
// The command.

type Outcome =
  | { kind: "stopped" }
  | { kind: "no-pdf"; draft: RfaDraft }
  | { kind: "written"; draft: RfaDraft; target: vscode.Uri };

export const OPEN_PDF = "Open PDF";

async function draftAndWrite(
  document: vscode.TextDocument,
  analysis: AnalysisClient,
  log: Logger,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
  thread: PdfThread,
): Promise<Outcome> {
  const call = analysis.call("draftRfa", { text: document.getText(), options: toAnalyzeOptions(readSettings(document)) });
  const stop = token.onCancellationRequested(() => analysis.cancel(call.id));
  let reply: DraftReply;
  try {
    reply = await call.promise;
  } catch (error) {
    // A cancelled run (the progress notification's Cancel) ends quietly.
    if (!(error instanceof Error && error.name === "RunCancelled")) {
      log.error(`drafting the RFA failed (${errorClass(error)})`);
      void vscode.window.showErrorMessage("RFA Ready: the RFA could not be drafted; see the RFA Ready log.");
    }
    return { kind: "stopped" };
  } finally {
    stop.dispose();
  }
  if (token.isCancellationRequested) return { kind: "stopped" };
  const draft = reply.draft;

  progress.report({ message: "opening the draft…" });
  const noteName = path.posix.parse(document.uri.path).name || "note";
  const shown = await vscode.workspace.openTextDocument(draftDocuments().add(noteName, reply.markdown));
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

  const target = await chooseTarget(document);
  if (!target || token.isCancellationRequested) return { kind: "no-pdf", draft };
  progress.report({ message: "writing the PDF…" });
  try {
    const bytes = await thread.write(draft);
    await writeAtomically(target, bytes);
  } catch (error) {
    if (error instanceof PdfCancelled) return { kind: "no-pdf", draft };
    log.error(`writing the RFA PDF failed (${errorClass(error)})`);
    void vscode.window.showErrorMessage("RFA Ready: the RFA PDF could not be written; see the RFA Ready log.");
    return { kind: "stopped" };
  }
  return { kind: "written", draft, target };
}


export async function draftRfaCommand(analysis: AnalysisClient, log: Logger): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage("RFA Ready: open a markdown progress note to draft its RFA.");
    return;
  }
  const document = editor.document;
  const started = performance.now();
  const outcome = await vscode.window.withProgress<Outcome>(
    { location: vscode.ProgressLocation.Notification, title: "RFA Ready: drafting the RFA", cancellable: true },
    async (progress, token) => {
      progress.report({ message: "reading the note…" });
      const thread = startPdfThread({ token });
      try {
        return await draftAndWrite(document, analysis, log, progress, token, thread);
      } finally {
        thread.dispose();
      }
    },
  );
  if (outcome.kind === "stopped") return;
  const draft = outcome.draft;
  const missing = draft.missing.header.length + draft.missing.lines.length;
  if (outcome.kind === "no-pdf") {
    log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields; no PDF written`);
    return;
  }
  log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields, PDF written in ${(performance.now() - started).toFixed(0)} ms`);
  const name = path.posix.basename(outcome.target.path);
  const summary = missing ? `${missing} field${missing === 1 ? "" : "s"} still missing (listed on its last page)` : "every field filled";
  const choice = await vscode.window.showInformationMessage(
    `RFA Ready: wrote ${name}: ${draft.lines.length} request${draft.lines.length === 1 ? "" : "s"}, ${summary}.`,
    OPEN_PDF,
  );
  if (choice === OPEN_PDF) await openPdf(outcome.target);
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
        this.log.error(`publishing the RFA header diagnostics failed (${errorClass(error)})`);
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
