// Publishes the core's findings as diagnostics: one collection, a per-document debounce,
// onType/onSave, stale results dropped by document version and settings generation. The core runs
// in the analysis worker (analysisClient.ts), one incremental session per open document: a
// keystroke re-parses only the markdown chunk it touched. A run starts only when no newer
// keystroke is waiting; a run still going when a newer version is checked is cancelled (it stops
// at its next chunk and keeps what it parsed); a result is published only if the document is
// still at the version it read.
import * as vscode from "vscode";
import type { AnalyzeResult } from "../core/types";
import type { HeaderDiagnostic } from "../core/rfa/frontmatter";
import { RunCancelled, type AnalysisClient } from "./analysisClient";
import { readSettings } from "./config";
import { findingToDiagnostic, noticeToDiagnostic } from "./convert";
import { errorMessage, type Logger } from "./log";
import { Debouncer, ResultCache } from "./scheduling";
import { toAnalyzeOptions } from "./settingsSchema";
import { matchesAnyGlob } from "./glob";
import { noteKind, optedOut } from "../core/noteKind";

/** URI schemes of documents a physician edits; others (git, output, our criterion pages) are skipped. */
const CHECKED_SCHEMES = new Set(["file", "untitled", "vscode-remote", "vscode-vfs"]);

/** A markdown document of a scheme a physician edits: one that may be a note. */
export function isMarkdownCandidate(document: vscode.TextDocument): boolean {
  return document.languageId === "markdown" && CHECKED_SCHEMES.has(document.uri.scheme);
}

/** Folders never checked (the extension's own docs folder, with its criterion pages). */
const excludedRoots: string[] = [];
/** Per document: whether its version was found to be a note. */
const noteVerdicts = new Map<string, { version: number; note: boolean }>();
/** Documents once seen as notes stay notes while open (a heading being retyped keeps its squiggles). */
const knownNotes = new Set<string>();

/** Keeps documents under this folder from ever being checked. */
export function excludeFolder(uri: vscode.Uri): void {
  excludedRoots.push(uri.toString().replace(/\/?$/, "/"));
}

/** Forgets what was decided about a document (closed) or every document (settings changed). */
export function forgetNoteVerdict(uri?: vscode.Uri): void {
  if (!uri) {
    noteVerdicts.clear();
    return;
  }
  noteVerdicts.delete(uri.toString());
  knownNotes.delete(uri.toString());
}

/** The path `rfaReady.files` globs are matched against: inside its workspace folder when in one. */
function pathsOf(document: vscode.TextDocument): { relative: string; absolute: string } {
  const absolute = document.uri.path;
  const folder = typeof vscode.workspace.getWorkspaceFolder === "function" ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  if (folder && absolute.startsWith(folder.uri.path.replace(/\/?$/, "/"))) {
    return { relative: absolute.slice(folder.uri.path.replace(/\/?$/, "/").length), absolute };
  }
  return { relative: absolute.replace(/^\/+/, ""), absolute };
}

function decideNote(document: vscode.TextDocument): boolean {
  const key = document.uri.toString();
  if (excludedRoots.some((root) => key.startsWith(root))) return false;
  const settings = readSettings(document);
  if (document.uri.scheme !== "untitled") {
    const { relative, absolute } = pathsOf(document);
    if (!matchesAnyGlob(settings.files, relative, absolute)) return false;
  }
  const text = document.getText();
  // A note stays a note while open: only an opt-out (the directive) can end that, and looking
  // for it is cheap, so typing in a long note never re-reads its structure.
  const kind = knownNotes.has(key) && settings.noteDetection === "auto" ? (optedOut(text) ?? "note") : noteKind(text);
  if (kind === "disabled" || kind === "generated") {
    knownNotes.delete(key);
    return false;
  }
  if (settings.noteDetection === "off" || kind === "note") {
    knownNotes.add(key);
    return true;
  }
  return knownNotes.has(key);
}

/**
 * True when RFA Ready checks this document: markdown of an edited scheme, matched by
 * `rfaReady.files`, read as a progress note (`rfaReady.noteDetection`), without the
 * `<!-- rfa-ready-disable-file -->` directive, and not one of the extension's own documents.
 * Decided once per document version.
 */
export function isNote(document: vscode.TextDocument): boolean {
  try {
    return isNoteOrThrow(document);
  } catch {
    return false;
  }
}

/** isNote, throwing when the document's text cannot be read (the check logs it). */
function isNoteOrThrow(document: vscode.TextDocument): boolean {
  if (!isMarkdownCandidate(document)) return false;
  const key = document.uri.toString();
  const verdict = noteVerdicts.get(key);
  if (verdict && verdict.version === document.version) return verdict.note;
  const note = decideNote(document);
  noteVerdicts.set(key, { version: document.version, note });
  return note;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("rfaReady");
  private readonly debouncer = new Debouncer();
  private readonly cache = new ResultCache();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Short, PHI-free labels for log lines ("note #3"), never file names. */
  private readonly labels = new Map<string, number>();
  private labelCounter = 0;
  /** The run in progress per document (at most one; a newer version cancels it). */
  private readonly running = new Map<string, { version: number; generation: number; id: number; promise: Promise<AnalyzeResult | undefined> }>();
  private serviceTitles: Promise<Map<string, string>> | undefined;
  /** The RFA header gaps found with each result (draftRfa.ts publishes them with the result). */
  private readonly headers = new WeakMap<AnalyzeResult, HeaderDiagnostic[]>();
  /** The open document object per URI (a reopened URI is a new document). */
  private readonly documents = new Map<string, vscode.TextDocument>();

  /** Fires after a document's diagnostics were published or cleared. */
  readonly onDidUpdate = this.updated.event;
  /** The document version whose diagnostics were published last, per URI (the extension's API). */
  private readonly publishedVersions = new Map<string, number>();

  /** The version of `uri` whose check was published last (undefined: none, or cleared). */
  checkedVersion(uri: vscode.Uri): number | undefined {
    return this.publishedVersions.get(uri.toString());
  }

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
    /** The worker the core runs in (shared with the RFA commands). */
    readonly analysis: AnalysisClient,
  ) {
    // The installed criterion pages (also when opened as files). Only docs/: in development the
    // extension folder is the repository, whose test notes are checked.
    excludeFolder(vscode.Uri.joinPath(extensionUri, "docs"));
  }

  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.updated,
      ws.onDidOpenTextDocument((d) => {
        // A new document under the URI of one closed a moment ago (untitled notes reuse
        // "Untitled-1"): nothing of the old one applies, whichever order the events arrive in.
        const key = d.uri.toString();
        const previous = this.documents.get(key);
        if (previous && previous !== d) {
          this.clear(d.uri);
          forgetNoteVerdict(d.uri);
        }
        this.documents.set(key, d);
        this.request(d, "open");
      }),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.request(e.document, "change");
      }),
      ws.onDidSaveTextDocument((d) => this.request(d, "save")),
      ws.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        const current = this.documents.get(key);
        if (current && current !== d) return; // a newer document with this URI is open
        this.documents.delete(key);
        this.clear(d.uri);
        forgetNoteVerdict(d.uri);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && !this.collection.has(editor.document.uri)) this.request(editor.document, "open");
      }),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("rfaReady")) this.rerunAll();
      }),
    );
    for (const document of ws.textDocuments) {
      this.documents.set(document.uri.toString(), document);
      this.request(document, "open");
    }
  }

  /** The analysis of this exact document version, if it has been done. */
  current(document: vscode.TextDocument): AnalyzeResult | undefined {
    return this.cache.get(document.uri.toString(), document.version);
  }

  /** The RFA header gaps of a result (empty when the note requests nothing). */
  headerOf(result: AnalyzeResult): HeaderDiagnostic[] {
    return this.headers.get(result) ?? [];
  }

  /**
   * The analysis of the document as it is now: cached, the run in progress for this version, or
   * a new run (hovers, reports and commands need results for the current version, never older).
   */
  resultFor(document: vscode.TextDocument): Promise<AnalyzeResult | undefined> {
    if (!isNote(document)) return Promise.resolve(undefined);
    const cached = this.current(document);
    if (cached) return Promise.resolve(cached);
    const settings = readSettings(document);
    if (!settings.enable) return Promise.resolve(undefined);
    return this.analyzeVersion(document, settings);
  }

  /** Service family titles by key (from the worker, once). */
  titles(): Promise<Map<string, string>> {
    this.serviceTitles ??= this.analysis.call("services", {}).promise.then(
      (services) => new Map(services.map((s) => [s.key as string, s.title])),
      (error) => {
        this.serviceTitles = undefined;
        this.log.error(`reading the service titles failed: ${errorMessage(error)}`);
        return new Map<string, string>();
      },
    );
    return this.serviceTitles;
  }

  /** Schedules a check according to `rfaReady.run` and `rfaReady.debounceMs`. */
  private request(document: vscode.TextDocument, reason: "open" | "change" | "save"): void {
    // Whether the text reads as a note is decided in run(), after the debounce.
    if (!isMarkdownCandidate(document)) return;
    const key = document.uri.toString();
    const settings = readSettings(document);
    if (!settings.enable) {
      this.clear(document.uri);
      return;
    }
    if (reason === "change" && settings.run === "onSave") {
      // Edits after the last check invalidate the cached result; diagnostics stay until save.
      return;
    }
    if (reason !== "change" && this.current(document) && this.collection.has(document.uri)) {
      return; // this version is already checked and published
    }
    const delay = reason === "change" ? settings.debounceMs : 0;
    this.debouncer.schedule(key, delay, () => void this.run(document));
  }

  /**
   * Analyses the document's current version in the worker, or joins the run already doing it. A
   * run for an older version is cancelled first. Caches the result; undefined when the run failed
   * or was cancelled (logged, without note text).
   */
  private analyzeVersion(document: vscode.TextDocument, settings = readSettings(document)): Promise<AnalyzeResult | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const generation = this.cache.generation;
    const running = this.running.get(key);
    if (running && running.version === version && running.generation === generation) return running.promise;
    if (running) this.analysis.cancel(running.id);
    const started = performance.now();
    let text: string;
    try {
      text = document.getText();
    } catch (error) {
      this.log.error(`analysis failed for ${this.label(document)} v${version}: ${errorMessage(error)}`);
      return Promise.resolve(undefined);
    }
    const call = this.analysis.call("analyze", { key, options: toAnalyzeOptions(settings), text });
    const promise = call.promise.then(
      ({ result, header }) => {
        this.headers.set(result, header);
        this.log.info(
          `checked ${this.label(document)} v${version}: ${text.length} chars, ` +
            `${result.requests.length} requests, ${result.findings.length} findings in ${(performance.now() - started).toFixed(1)} ms`,
        );
        if (!document.isClosed) this.cache.set(key, version, generation, document.version, result);
        return result;
      },
      (error: unknown) => {
        if (error instanceof RunCancelled) this.log.info(`cancelled the outdated check of ${this.label(document)} v${version}`);
        else this.log.error(`analysis failed for ${this.label(document)} v${version}: ${errorMessage(error)}`);
        return undefined;
      },
    );
    const entry = { version, generation, id: call.id, promise };
    this.running.set(key, entry);
    void promise.then(() => {
      if (this.running.get(key) === entry) this.running.delete(key);
    });
    return promise;
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    let note: boolean;
    try {
      note = isNoteOrThrow(document);
    } catch (error) {
      this.log.error(`analysis failed for ${this.label(document)} v${document.version}: ${errorMessage(error)}`);
      return;
    }
    if (!note) {
      // Not (or no longer) a note: a README, a to-do list, a file that opted out.
      if (this.collection.has(document.uri) || this.current(document)) this.clear(document.uri);
      return;
    }
    // A newer keystroke is already waiting for its own run: this one would be outdated.
    if (this.debouncer.isPending(document.uri.toString())) return;
    const settings = readSettings(document);
    if (!settings.enable) {
      this.clear(document.uri);
      return;
    }
    const version = document.version;
    const generation = this.cache.generation;
    // analyzeVersion caches a result that is still current; publish only such a result.
    const result = await this.analyzeVersion(document, settings);
    if (!result) return;
    if (document.isClosed || !this.cache.isCurrent(version, generation, document.version)) {
      this.log.info(`dropped stale result for ${this.label(document)} v${version}`);
      return;
    }
    try {
      const diagnostics = [
        ...result.notices.map((n) => noticeToDiagnostic(n, document)),
        ...result.findings.map((f) => findingToDiagnostic(f, document, this.extensionUri)),
      ];
      this.collection.set(document.uri, diagnostics);
      this.publishedVersions.set(document.uri.toString(), version);
      this.updated.fire(document.uri);
    } catch (error) {
      this.log.error(`publishing diagnostics failed: ${errorMessage(error)}`);
    }
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.cache.delete(key);
    this.labels.delete(key);
    this.publishedVersions.delete(key);
    const running = this.running.get(key);
    if (running) this.analysis.cancel(running.id);
    this.running.delete(key);
    this.analysis.call("forget", { key }).promise.catch(() => undefined);
    if (this.collection.has(uri)) {
      this.collection.delete(uri);
      this.updated.fire(uri);
    }
  }

  private rerunAll(): void {
    const generation = this.cache.nextGeneration();
    for (const running of this.running.values()) this.analysis.cancel(running.id);
    this.running.clear();
    this.analysis.call("forgetAll", {}).promise.catch(() => undefined);
    forgetNoteVerdict();
    this.log.info(`settings changed (generation ${generation}); re-checking open notes`);
    for (const document of vscode.workspace.textDocuments) {
      if (!isMarkdownCandidate(document)) continue;
      this.debouncer.cancel(document.uri.toString());
      if (readSettings(document).enable) this.debouncer.schedule(document.uri.toString(), 0, () => void this.run(document));
      else this.clear(document.uri);
    }
  }

  private label(document: vscode.TextDocument): string {
    const key = document.uri.toString();
    let n = this.labels.get(key);
    if (n === undefined) {
      n = ++this.labelCounter;
      this.labels.set(key, n);
    }
    return `${document.uri.scheme === "untitled" ? "untitled " : ""}note #${n}`;
  }

  dispose(): void {
    this.debouncer.dispose();
    this.running.clear();
    for (const d of this.disposables) d.dispose();
  }
}
