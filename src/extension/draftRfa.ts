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
import type { HeaderDiagnostic } from "../core/frontmatter";
import type { AnalyzeOptions, AnalyzeResult } from "../core/types";
import type { AnalysisClient } from "./analysisClient";
import type { DraftReply } from "./analysisProtocol";
import { readSettings } from "./config";
import { SOURCE, toVsPosition } from "./convert";
import { isNote, type DiagnosticsController } from "./diagnostics";
import type { Logger } from "./log";
import { DelayedProgress, PROGRESS_DELAY_MS, type ProgressView } from "./draftProgress";
import type { RfaThreadReply, RfaThreadRequest } from "./pdfWorker";
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

export interface RfaThreadOptions {
  /** The worker script (default: pdf-worker.js beside this bundle). */
  script?: string;
  /** A request still unanswered after this long ends the thread (default 60 s). */
  timeoutMs?: number;
  /** The thread ends after this long without a request (default 10 min); the next use starts it again. */
  idleMs?: number;
}

/** A draft made on the RFA thread: the draft and its markdown, then its PDF. */
export interface DraftJob {
  draft: Promise<{ draft: RfaDraft; markdown: string; ms: number }>;
  /** Rejects with PdfCancelled when the job is cancelled; never rejects unobserved. */
  pdf: Promise<{ bytes: Uint8Array; ms: number }>;
}

type Listener = { timer: ReturnType<typeof setTimeout>; onReply(reply: RfaThreadReply): void; onFail(error: Error): void };

/**
 * The RFA thread (pdf-worker.js), kept warm: started and warmed on a tiny note before the first
 * Draft RFA (see `prewarm`), then reused, so a draft waits neither for the writer's 4 MB module
 * and fonts to load nor for its first, slow run. A failed, timed-out or idle thread is ended; the
 * next request starts a new one. Cancelling a request stops waiting for it (the thread finishes
 * its work and the answer is dropped).
 */
export class RfaThread {
  private worker: Worker | undefined;
  private warmed: Promise<number | undefined> | undefined;
  private readonly listeners = new Map<number, Listener>();
  private nextId = 1;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: RfaThreadOptions = {}) {}

  /** The running thread's id (tests: the same thread served two drafts). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** True while a thread is running (started, maybe still warming). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts and warms the thread if it is not running; resolves with the warm-up's time (ms). */
  prewarm(): Promise<number | undefined> {
    if (this.worker && this.warmed) return this.warmed;
    const id = this.nextId++;
    const warmed = new Promise<number | undefined>((resolve) => {
      this.send({ id, kind: "warm" }, { onReply: (r) => resolve(r.kind === "warm" ? r.ms : undefined), onFail: () => resolve(undefined) });
    });
    this.warmed = warmed;
    return warmed;
  }

  /** Drafts a note on the thread (with its analysis when given); the PDF too when `pdf`. */
  draft(params: { text: string; options: AnalyzeOptions; analysed?: AnalyzeResult; pdf: boolean }, token?: vscode.CancellationToken): DraftJob {
    const id = this.nextId++;
    let settleDraft!: { resolve: (v: { draft: RfaDraft; markdown: string; ms: number }) => void; reject: (e: Error) => void };
    let settlePdf!: { resolve: (v: { bytes: Uint8Array; ms: number }) => void; reject: (e: Error) => void };
    const draft = new Promise<{ draft: RfaDraft; markdown: string; ms: number }>((resolve, reject) => (settleDraft = { resolve, reject }));
    const pdf = new Promise<{ bytes: Uint8Array; ms: number }>((resolve, reject) => (settlePdf = { resolve, reject }));
    // Neither is left unhandled when the caller stops early (the other is awaited or dropped).
    draft.catch(() => undefined);
    pdf.catch(() => undefined);
    const fail = (error: Error) => {
      settleDraft.reject(error);
      settlePdf.reject(error);
    };
    const cancelled = token?.onCancellationRequested(() => {
      this.forget(id);
      fail(new PdfCancelled());
    });
    const end = () => cancelled?.dispose();
    this.send(
      { id, kind: "draft", ...params },
      {
        onReply: (reply) => {
          if (reply.kind === "draft") {
            settleDraft.resolve({ draft: reply.draft, markdown: reply.markdown, ms: reply.ms });
            if (params.pdf) return false;
            settlePdf.reject(new PdfCancelled());
          } else if (reply.kind === "pdf") settlePdf.resolve({ bytes: reply.bytes, ms: reply.ms });
          else if (reply.kind === "error") fail(new PdfWriteError(reply.stage === "draft" ? `drafting: ${reply.error}` : reply.error));
          end();
          return true;
        },
        onFail: (error) => {
          end();
          fail(error);
        },
      },
    );
    return { draft, pdf };
  }

  /** Writes a draft's PDF on the thread. */
  writePdf(draft: RfaDraft, token?: vscode.CancellationToken): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const cancelled = token?.onCancellationRequested(() => {
        this.forget(id);
        reject(new PdfCancelled());
      });
      this.send(
        { id, kind: "pdf", draft },
        {
          onReply: (reply) => {
            cancelled?.dispose();
            if (reply.kind === "pdf") resolve(reply.bytes);
            else reject(new PdfWriteError(reply.kind === "error" ? reply.error : "unexpected reply"));
            return true;
          },
          onFail: (error) => {
            cancelled?.dispose();
            reject(error);
          },
        },
      );
    });
  }

  /** Ends the thread and fails what it was doing (the extension's deactivation, or a test). */
  dispose(): void {
    this.disposed = true;
    this.end(new PdfCancelled());
  }

  private send(request: RfaThreadRequest, listener: { onReply(reply: RfaThreadReply): boolean | void; onFail(error: Error): void }): void {
    if (this.disposed) return listener.onFail(new PdfCancelled());
    const timer = setTimeout(() => this.end(new PdfWriteError("timed out")), this.options.timeoutMs ?? 60_000);
    this.listeners.set(request.id, {
      timer,
      onReply: (reply) => {
        // A draft answers twice (draft, then PDF): the listener says when it is done.
        if (listener.onReply(reply) !== false) this.forget(request.id);
      },
      onFail: (error) => listener.onFail(error),
    });
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    try {
      this.start().postMessage(request);
    } catch (error) {
      this.forget(request.id);
      listener.onFail(new PdfWriteError(errorClass(error)));
    }
  }

  /** Stops waiting for request `id` (answered or cancelled); an idle thread ends after a while. */
  private forget(id: number): void {
    const listening = this.listeners.get(id);
    if (listening) clearTimeout(listening.timer);
    this.listeners.delete(id);
    if (this.listeners.size === 0 && this.worker) {
      if (this.idle) clearTimeout(this.idle);
      this.idle = setTimeout(() => {
        if (this.listeners.size === 0) this.end(new PdfCancelled());
      }, this.options.idleMs ?? 10 * 60_000);
      this.idle.unref?.();
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script ?? path.join(__dirname, "pdf-worker.js"), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    // Never keeps the host (or a test run) alive by itself.
    worker.unref();
    this.worker = worker;
    this.warmed = undefined;
    worker.on("message", (reply: RfaThreadReply) => this.listeners.get(reply.id)?.onReply(reply));
    // An early failure (a missing writer) fails what was asked; nothing is thrown unhandled.
    worker.on("error", (error) => this.end(new PdfWriteError(errorClass(error)), worker));
    worker.on("exit", (code) => this.end(new PdfWriteError(`exited with code ${code}`), worker));
    return worker;
  }

  /** Ends the thread (this one, when `which` is given) and fails every request still waiting. */
  private end(error: Error, which?: Worker): void {
    const worker = this.worker;
    if (!worker || (which && which !== worker)) return;
    this.worker = undefined;
    this.warmed = undefined;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    void worker.terminate();
    const waiting = [...this.listeners.values()];
    this.listeners.clear();
    for (const l of waiting) {
      clearTimeout(l.timer);
      l.onFail(error);
    }
  }
}

/** Writes the draft's PDF on a thread of its own (started now, ended after). */
export async function writePdfOffThread(draft: RfaDraft, options: RfaThreadOptions = {}): Promise<Uint8Array> {
  const thread = new RfaThread(options);
  try {
    return await thread.writePdf(draft);
  } finally {
    thread.dispose();
  }
}

let shared: RfaThread | undefined;

/** The extension's RFA thread (one per extension host). */
export function rfaThread(): RfaThread {
  shared ??= new RfaThread();
  return shared;
}

/** Ends the extension's RFA thread (deactivation). */
export function disposeRfaThread(): void {
  shared?.dispose();
  shared = undefined;
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
  // A question the workbench cannot show (it refuses modal dialogs in its test mode, for one) is
  // no answer: the existing file is kept.
  const choice = await Promise.resolve(
    vscode.window.showWarningMessage(
      isFile ? `RFA Ready: ${name} already exists. Replace it with the new draft?` : `RFA Ready: ${name} exists and is not a file. Save the PDF elsewhere?`,
      { modal: true, detail: isFile ? "The PDF next to the note is the previous draft of this RFA; replacing it cannot be undone." : undefined },
      ...(isFile ? [REPLACE, SAVE_AS] : [SAVE_AS]),
    ),
  ).then(undefined, () => undefined);
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

/** The workbench's "Download…" of the Explorer's selection (browser VS Code: the file goes to the browser). */
export const DOWNLOAD_COMMAND = "explorer.download";

/**
 * Opens the PDF: in the editor when a PDF viewer extension is installed (desktop and browser);
 * else with the system's viewer on a local desktop. In a browser-based VS Code (code-server,
 * vscode.dev) a file URI cannot be handed to the user's machine, and VS Code has no PDF viewer of
 * its own: the PDF is selected in the Explorer and given to the browser with the Explorer's own
 * Download (the browser's PDF viewer or downloads then open it); nothing goes anywhere but the
 * user's own browser. Where that command is missing (or in a remote desktop window), the PDF is
 * selected and the message says how to get it.
 */
export async function openPdf(target: vscode.Uri): Promise<void> {
  if (pdfEditorInstalled()) {
    await vscode.commands.executeCommand("vscode.open", target);
    return;
  }
  const local = vscode.env.uiKind !== vscode.UIKind.Web && !vscode.env.remoteName && target.scheme === "file";
  if (local && (await vscode.env.openExternal(target))) return;
  const name = path.posix.basename(target.path);
  await vscode.commands.executeCommand("revealInExplorer", target);
  // The Explorer's Download takes the Explorer's selection (not an argument): only a PDF inside
  // the workspace, which revealInExplorer has just selected, is handed to it.
  if (vscode.env.uiKind === vscode.UIKind.Web && vscode.workspace.getWorkspaceFolder(target)) {
    const commands = await Promise.resolve(vscode.commands.getCommands(true)).then(undefined, () => [] as string[]);
    if (commands.includes(DOWNLOAD_COMMAND)) {
      // A download that fails says so at once; one still going after a moment is under way.
      const failed = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand(DOWNLOAD_COMMAND, target)).then(() => false, () => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_500)),
      ]);
      if (!failed) {
        void vscode.window.showInformationMessage(`RFA Ready: ${name} was given to your browser: open it from the browser's downloads (it stays next to the note too).`);
        return;
      }
    }
  }
  void vscode.window.showInformationMessage(`RFA Ready: ${name} is selected in the Explorer: right-click it and choose Download to open it on this computer.`);
}

// ---------------------------------------------------------------------------------------------
// The command.

type Outcome =
  | { kind: "stopped" }
  | { kind: "no-pdf"; draft: RfaDraft }
  | { kind: "written"; draft: RfaDraft; target: vscode.Uri };

export const OPEN_PDF = "Open PDF";

/** Where the command's time went (ms), for the log line: never any text of the note. */
export interface DraftTimings {
  total: number;
  /** Waiting for the note's analysis: 0 when the published check of this version was there. */
  analysis: number;
  analysisReused: boolean;
  /** The thread drafting (its own clock), and from asking to the draft in hand. */
  draftOnThread: number;
  draft: number;
  open: number;
  /** Waiting for the user (replace? / save dialog). */
  asking: number;
  /** The PDF writer on the thread (its own clock), and the wait for it after the draft opened. */
  pdfOnThread: number;
  pdfWait: number;
  write: number;
}

/** The analysis the command reuses: the editor's published check (DiagnosticsController.resultFor). */
export interface DraftSource {
  resultFor(document: vscode.TextDocument): Promise<AnalyzeResult | undefined>;
}

export interface DraftCommandOptions {
  thread?: RfaThread;
  /** The progress notification shows after this long (default 300 ms; 0: at once). */
  progressDelayMs?: number;
  /** Called with the timings when the command ends (tests, the log). */
  onTimings?: (timings: DraftTimings) => void;
}

/** The progress notification behind a DelayedProgress: shown through withProgress, cancellable. */
function notification(cancel: vscode.CancellationTokenSource): (message: string | undefined) => ProgressView {
  return (message) => {
    let close!: () => void;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const reports: string[] = message ? [message] : [];
    let progress: vscode.Progress<{ message?: string }> | undefined;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "RFA Ready: drafting the RFA", cancellable: true },
      (p, token) => {
        progress = p;
        for (const m of reports.splice(0)) p.report({ message: m });
        const sub = token.onCancellationRequested(() => cancel.cancel());
        return closed.finally(() => sub.dispose());
      },
    );
    return {
      report: (m) => (progress ? progress.report({ message: m }) : reports.push(m)),
      close,
    };
  };
}

/** True when a published result covers the whole note (not one a time budget stopped). */
function complete(result: AnalyzeResult | undefined): result is AnalyzeResult {
  return !!result && !result.notices.some((n) => (n.kind as string) === "not-checked");
}

async function draftAndWrite(
  document: vscode.TextDocument,
  source: DraftSource,
  log: Logger,
  ui: DelayedProgress,
  token: vscode.CancellationToken,
  thread: RfaThread,
  t: DraftTimings,
): Promise<Outcome> {
  const version = document.version;
  const text = document.getText();
  const options = toAnalyzeOptions(readSettings(document));
  ui.step("reading the note…");
  let t0 = performance.now();
  // The published check of this version (or the run doing it): the thread does not analyse again.
  const published = await source.resultFor(document).then(undefined, () => undefined);
  t.analysis = performance.now() - t0;
  const analysed = complete(published) && document.version === version ? published : undefined;
  t.analysisReused = analysed !== undefined;
  if (token.isCancellationRequested) return { kind: "stopped" };

  ui.step("drafting…");
  t0 = performance.now();
  const job = thread.draft({ text, options, analysed, pdf: true }, token);
  let reply: { draft: RfaDraft; markdown: string; ms: number };
  try {
    reply = await job.draft;
  } catch (error) {
    // A cancelled run (the progress notification's Cancel) ends quietly.
    if (!(error instanceof PdfCancelled)) {
      log.error(`drafting the RFA failed (${errorClass(error)})`);
      void vscode.window.showErrorMessage("RFA Ready: the RFA could not be drafted; see the RFA Ready log.");
    }
    return { kind: "stopped" };
  }
  t.draft = performance.now() - t0;
  t.draftOnThread = reply.ms;
  if (token.isCancellationRequested) return { kind: "stopped" };
  const draft = reply.draft;

  ui.step("opening the draft…");
  t0 = performance.now();
  const noteName = path.posix.parse(document.uri.path).name || "note";
  const shown = await vscode.workspace.openTextDocument(draftDocuments().add(noteName, reply.markdown));
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  t.open = performance.now() - t0;

  // The PDF is being written meanwhile; the question (if any) waits for the user, not counted.
  t0 = performance.now();
  const release = ui.hold();
  let target: vscode.Uri | undefined;
  try {
    target = await chooseTarget(document);
  } finally {
    release();
  }
  t.asking = performance.now() - t0;
  if (!target || token.isCancellationRequested) return { kind: "no-pdf", draft };
  ui.step("writing the PDF…");
  try {
    t0 = performance.now();
    const pdf = await job.pdf;
    t.pdfWait = performance.now() - t0;
    t.pdfOnThread = pdf.ms;
    // From here the file is written whatever the notification's Cancel says (never half a file).
    t0 = performance.now();
    await writeAtomically(target, pdf.bytes);
    t.write = performance.now() - t0;
  } catch (error) {
    if (error instanceof PdfCancelled) return { kind: "no-pdf", draft };
    log.error(`writing the RFA PDF failed (${errorClass(error)})`);
    void vscode.window.showErrorMessage("RFA Ready: the RFA PDF could not be written; see the RFA Ready log.");
    return { kind: "stopped" };
  }
  return { kind: "written", draft, target };
}

function timingLine(t: DraftTimings): string {
  const ms = (x: number) => x.toFixed(0);
  return (
    `in ${ms(t.total - t.asking)} ms (analysis ${t.analysisReused ? "reused" : "on the RFA thread"} ${ms(t.analysis)}, ` +
    `draft ${ms(t.draft)} [thread ${ms(t.draftOnThread)}], opening ${ms(t.open)}, PDF wait ${ms(t.pdfWait)} [thread ${ms(t.pdfOnThread)}], ` +
    `file ${ms(t.write)}; ${ms(t.asking)} ms asking not counted)`
  );
}

export async function draftRfaCommand(source: DraftSource, log: Logger, options: DraftCommandOptions = {}): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage("RFA Ready: open a markdown progress note to draft its RFA.");
    return;
  }
  const document = editor.document;
  const started = performance.now();
  const thread = options.thread ?? rfaThread();
  const cancel = new vscode.CancellationTokenSource();
  const ui = new DelayedProgress(notification(cancel), options.progressDelayMs ?? PROGRESS_DELAY_MS);
  const t: DraftTimings = { total: 0, analysis: 0, analysisReused: false, draftOnThread: 0, draft: 0, open: 0, asking: 0, pdfOnThread: 0, pdfWait: 0, write: 0 };
  let outcome: Outcome;
  try {
    outcome = await draftAndWrite(document, source, log, ui, cancel.token, thread, t);
  } finally {
    ui.finish();
    cancel.dispose();
    t.total = performance.now() - started;
  }
  options.onTimings?.(t);
  if (outcome.kind === "stopped") return;
  const draft = outcome.draft;
  const missing = draft.missing.header.length + draft.missing.lines.length;
  if (outcome.kind === "no-pdf") {
    log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields; no PDF written`);
    return;
  }
  log.info(`drafted RFA: ${draft.lines.length} lines, ${missing} missing fields, PDF written ${timingLine(t)}`);
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

/** How long after a note's check the RFA thread starts (the editor renders the check first). */
const PREWARM_DELAY_MS = 300;

/** Publishes the header gaps of notes that request something, after each published check. */
export class RfaHeaderDiagnostics implements vscode.Disposable {
  private warming: ReturnType<typeof setTimeout> | undefined;
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
    // A note that requests something may be drafted next: have the RFA thread warm by then.
    this.prewarm();
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

  /**
   * Starts the RFA thread a moment after a check was published (never competing with the check
   * itself), once per thread: the first Draft RFA then finds the writer loaded and warm.
   */
  private prewarm(): void {
    if (this.warming || rfaThread().running) return;
    this.warming = setTimeout(() => {
      this.warming = undefined;
      const started = performance.now();
      void rfaThread()
        .prewarm()
        .then((ms) => {
          if (ms === undefined) this.log.warn("the RFA thread did not start; Draft RFA will start it");
          else this.log.info(`RFA thread warm in ${(performance.now() - started).toFixed(0)} ms (warm-up draft and PDF ${ms.toFixed(0)} ms)`);
        });
    }, PREWARM_DELAY_MS);
    this.warming.unref?.();
  }

  dispose(): void {
    if (this.warming) clearTimeout(this.warming);
    this.subscription.dispose();
    this.collection.dispose();
    disposeRfaThread();
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
