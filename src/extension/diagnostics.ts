// Publishes the core's findings as diagnostics: one collection, a per-document debounce,
// onType/onSave, stale results dropped by document version and settings generation. Each open
// document has its own incremental session (createSession): a keystroke re-parses only the
// markdown chunk it touched. A run starts only when no newer keystroke is waiting, and its result
// is published only if the document is still at the version it read.
import * as vscode from "vscode";
import { createSession, type Session } from "../core";
import type { AnalyzeResult } from "../core/types";
import { readSettings } from "./config";
import { findingToDiagnostic, noticeToDiagnostic } from "./convert";
import { errorMessage, type Logger } from "./log";
import { Debouncer, ResultCache } from "./scheduling";
import { toAnalyzeOptions } from "./settingsSchema";

/** URI schemes of documents a physician edits; others (git, output, our report) are skipped. */
const CHECKED_SCHEMES = new Set(["file", "untitled", "vscode-remote", "vscode-vfs"]);

export function isNote(document: vscode.TextDocument): boolean {
  return document.languageId === "markdown" && CHECKED_SCHEMES.has(document.uri.scheme);
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
  /** One session per open document, for the current settings (dropped on close or change). */
  private readonly sessions = new Map<string, { session: Session; options: string }>();

  /** Fires after a document's diagnostics were published or cleared. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.updated,
      ws.onDidOpenTextDocument((d) => this.request(d, "open")),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.request(e.document, "change");
      }),
      ws.onDidSaveTextDocument((d) => this.request(d, "save")),
      ws.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && !this.collection.has(editor.document.uri)) this.request(editor.document, "open");
      }),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("rfaReady")) this.rerunAll();
      }),
    );
    for (const document of ws.textDocuments) this.request(document, "open");
  }

  /** The analysis of this exact document version, if it has been done. */
  current(document: vscode.TextDocument): AnalyzeResult | undefined {
    return this.cache.get(document.uri.toString(), document.version);
  }

  /**
   * The analysis of the document as it is now: cached, or computed synchronously (hovers,
   * fixes and commands need results for the current version; never older ones).
   */
  resultFor(document: vscode.TextDocument): AnalyzeResult | undefined {
    if (!isNote(document)) return undefined;
    const cached = this.current(document);
    if (cached) return cached;
    const settings = readSettings(document);
    if (!settings.enable) return undefined;
    const result = this.analyzeSafely(document, settings);
    if (result) this.cache.set(document.uri.toString(), document.version, this.cache.generation, document.version, result);
    return result;
  }

  /** Schedules a check according to `rfaReady.run` and `rfaReady.debounceMs`. */
  private request(document: vscode.TextDocument, reason: "open" | "change" | "save"): void {
    if (!isNote(document)) return;
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

  private analyzeSafely(document: vscode.TextDocument, settings = readSettings(document)): AnalyzeResult | undefined {
    const started = performance.now();
    try {
      const text = document.getText();
      const result = this.sessionFor(document, settings).analyze(text);
      this.log.info(
        `checked ${this.label(document)} v${document.version}: ${text.length} chars, ` +
          `${result.requests.length} requests, ${result.findings.length} findings in ${(performance.now() - started).toFixed(1)} ms`,
      );
      return result;
    } catch (error) {
      this.log.error(`analysis failed for ${this.label(document)} v${document.version}: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** The document's session, new when the settings that shape the analysis changed. */
  private sessionFor(document: vscode.TextDocument, settings: ReturnType<typeof readSettings>): Session {
    const key = document.uri.toString();
    const options = toAnalyzeOptions(settings);
    const optionsKey = JSON.stringify(options);
    let entry = this.sessions.get(key);
    if (!entry || entry.options !== optionsKey) {
      entry = { session: createSession(options), options: optionsKey };
      this.sessions.set(key, entry);
    }
    return entry.session;
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !isNote(document)) return;
    // A newer keystroke is already waiting for its own run: this one would be outdated.
    if (this.debouncer.isPending(document.uri.toString())) return;
    const settings = readSettings(document);
    if (!settings.enable) {
      this.clear(document.uri);
      return;
    }
    const key = document.uri.toString();
    const version = document.version;
    const generation = this.cache.generation;
    const result = await Promise.resolve(this.analyzeSafely(document, settings));
    if (!result) return;
    if (document.isClosed || !this.cache.set(key, version, generation, document.version, result)) {
      this.log.info(`dropped stale result for ${this.label(document)} v${version}`);
      return;
    }
    try {
      const diagnostics = [
        ...result.notices.map((n) => noticeToDiagnostic(n, document)),
        ...result.findings.map((f) => findingToDiagnostic(f, document, this.extensionUri)),
      ];
      this.collection.set(document.uri, diagnostics);
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
    this.sessions.delete(key);
    if (this.collection.has(uri)) {
      this.collection.delete(uri);
      this.updated.fire(uri);
    }
  }

  private rerunAll(): void {
    const generation = this.cache.nextGeneration();
    this.sessions.clear();
    this.log.info(`settings changed (generation ${generation}); re-checking open notes`);
    for (const document of vscode.workspace.textDocuments) {
      if (!isNote(document)) continue;
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
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}
