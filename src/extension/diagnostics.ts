// Publishes the core's findings as diagnostics: one collection, a per-document debounce,
// onType/onSave, stale results dropped by document version and settings generation. The core runs
// in the analysis worker (analysisClient.ts), one incremental session per open document: a
// keystroke re-parses only the markdown chunk it touched. A run starts only when no newer
// keystroke is waiting; a run still going when a newer version is checked is cancelled (it stops
// at its next chunk and keeps what it parsed); a result is published only if the document is
// still at the version it read. Each document's change events are logged by version, so that a
// check sends the worker only the edits since the text its session holds. A check is published
// as a diff against the last (diagnosticsDiff.ts): a finding that stayed keeps its Diagnostic
// object, one that moved keeps it with its range shifted, and an unchanged set is not set again.
import * as vscode from "vscode";
import type { AnalyzeResult } from "../core/types";
import type { HeaderDiagnostic } from "../core/frontmatter";
import { RunCancelled, type AnalysisClient, type CallTrace, type DocumentSource } from "./analysisClient";
import type { RunStats } from "./analysisProtocol";
import { readSettings } from "./config";
import { findingToDiagnostic, noticeToDiagnostic } from "./convert";
import { errorMessage, type Logger } from "./log";
import { Debouncer, ResultCache } from "./scheduling";
import { toAnalyzeOptions } from "./settingsSchema";
import { matchesAnyGlob } from "./glob";
import { noteKind, optedOut } from "../core/noteKind";
import { findingIdentity, noticeIdentity, rangeKey, reconcile, type Placed } from "./diagnosticsDiff";
import { EditLog } from "./textSync";

/**
 * Where the time of one check went, in ms (numbers only: the log and the extension's API). From
 * the end of the debounce: deciding it is a note, reading what to send (the edits or the text),
 * waiting for the worker, the worker's own phases, the reply's trip back (copying the result
 * included), converting the findings and setting the collection.
 */
export interface CheckTimes {
  version: number;
  chars: number;
  /** The worker got the whole text (else the edits since its version). */
  full: boolean;
  resynced: boolean;
  noteMs: number;
  readMs: number;
  /**
   * From the change event that produced this version to the check's start (the debounce, and any
   * wait for the extension host's thread); undefined for a version no change event announced.
   */
  waitMs?: number;
  /** From reading to the request being posted (a busy worker). */
  queueMs: number;
  /** From posting to the worker saying it started. */
  startMs: number;
  worker?: RunStats;
  /** From the worker's start to its reply on the host, less the worker's own phases. */
  replyMs: number;
  convertMs: number;
  setMs: number;
  /** Whether the collection was set (a check that changed nothing sets nothing). */
  set: boolean;
  /** Diagnostics kept as they were, shifted, and new. */
  kept: number;
  shifted: number;
  fresh: number;
  totalMs: number;
}

/** When one run was read, sent and answered (shared by whoever joins the run). */
interface RunTrace {
  read?: number;
  call?: CallTrace;
  stats?: RunStats;
  chars?: number;
}

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

/** A document's length in characters, from its line offsets (no copy of its text). */
function documentLength(document: vscode.TextDocument): number {
  if (typeof document.lineAt === "function" && typeof document.lineCount === "number" && document.lineCount > 0) {
    return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  }
  return document.getText().length;
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
  private readonly running = new Map<
    string,
    { version: number; generation: number; id: number; promise: Promise<AnalyzeResult | undefined>; trace: RunTrace }
  >();
  private serviceTitles: Promise<Map<string, string>> | undefined;
  /** The RFA header gaps found with each result (draftRfa.ts publishes them with the result). */
  private readonly headers = new WeakMap<AnalyzeResult, HeaderDiagnostic[]>();
  /** The open document object per URI (a reopened URI is a new document). */
  private readonly documents = new Map<string, vscode.TextDocument>();

  /** Fires after a document's diagnostics were published or cleared. */
  readonly onDidUpdate = this.updated.event;
  /** The document version whose diagnostics were published last, per URI (the extension's API). */
  private readonly publishedVersions = new Map<string, number>();
  /** Per URI, the phases of the check published last (the extension's API, the log). */
  private readonly times = new Map<string, CheckTimes>();
  /** When the latest change event of each document arrived, and the version it produced. */
  private readonly changedAt = new Map<string, { version: number; at: number }>();
  /** Per URI, the diagnostics published last, each with what identifies it and where it is. */
  private readonly published = new Map<string, Array<{ placed: Placed; diagnostic: vscode.Diagnostic }>>();
  /** Per URI, the version and settings generation published last. */
  private readonly publishedStamps = new Map<string, string>();
  /** Per open markdown document, its edits by version (the worker gets edits, not texts). */
  private readonly editLogs = new Map<string, EditLog>();

  /** The diagnostics published last for `uri` (the very objects set in the collection). */
  publishedDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] | undefined {
    return this.published.get(uri.toString())?.map((e) => e.diagnostic);
  }

  /** Where the time of the last published check of `uri` went. */
  lastCheck(uri: vscode.Uri): CheckTimes | undefined {
    return this.times.get(uri.toString());
  }

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
        this.startLog(d);
        this.request(d, "open");
      }),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (isMarkdownCandidate(e.document)) this.logOf(e.document).record(e.document.version, e.contentChanges);
        this.changedAt.set(e.document.uri.toString(), { version: e.document.version, at: performance.now() });
        this.request(e.document, "change");
      }),
      ws.onDidSaveTextDocument((d) => this.request(d, "save")),
      ws.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        const current = this.documents.get(key);
        if (current && current !== d) return; // a newer document with this URI is open
        this.documents.delete(key);
        this.clear(d.uri);
        this.editLogs.delete(key);
        this.changedAt.delete(key);
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
      this.startLog(document);
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
  private analyzeVersion(
    document: vscode.TextDocument,
    settings = readSettings(document),
    join?: (trace: RunTrace) => void,
  ): Promise<AnalyzeResult | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const generation = this.cache.generation;
    const running = this.running.get(key);
    if (running && running.version === version && running.generation === generation) {
      join?.(running.trace);
      return running.promise;
    }
    const trace: RunTrace = {};
    join?.(trace);
    if (running) this.analysis.cancel(running.id);
    const started = performance.now();
    let source: DocumentSource;
    try {
      source = this.sourceOf(document);
    } catch (error) {
      this.log.error(`analysis failed for ${this.label(document)} v${version}: ${errorMessage(error)}`);
      return Promise.resolve(undefined);
    }
    trace.read = performance.now();
    trace.call = {};
    trace.chars = source.length;
    const call = this.analysis.analyze(key, toAnalyzeOptions(settings), source, trace.call);
    const promise = call.promise.then(
      ({ result, header, stats }) => {
        this.headers.set(result, header);
        // Edits up to the version the worker holds are no longer needed.
        const held = this.analysis.heldVersion(key);
        if (held !== undefined) this.editLogs.get(key)?.prune(held);
        trace.stats = stats;
        this.log.info(
          `checked ${this.label(document)} v${version}: ${source.length} chars, ` +
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
    const entry = { version, generation, id: call.id, promise, trace };
    this.running.set(key, entry);
    void promise.then(() => {
      if (this.running.get(key) === entry) this.running.delete(key);
    });
    return promise;
  }

  /** A document's edit log from its version now (opened, or first seen). */
  private startLog(document: vscode.TextDocument): void {
    if (!isMarkdownCandidate(document)) return;
    const log = new EditLog();
    log.restart(document.version);
    this.editLogs.set(document.uri.toString(), log);
  }

  private logOf(document: vscode.TextDocument): EditLog {
    const key = document.uri.toString();
    let log = this.editLogs.get(key);
    if (!log) this.editLogs.set(key, (log = new EditLog()));
    return log;
  }

  /**
   * What a check of the document's current version sends, read when the request goes out: the
   * edits since the version the worker holds (from the edit log), or the whole text, read only
   * then and only while the document is still at this version.
   */
  private sourceOf(document: vscode.TextDocument): DocumentSource {
    const version = document.version;
    const log = this.editLogs.get(document.uri.toString());
    return {
      version,
      length: documentLength(document),
      edits: (base) => log?.between(base, version),
      text: () => (document.isClosed || document.version !== version ? undefined : document.getText()),
    };
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const t0 = performance.now();
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
    const t1 = performance.now();
    let trace: RunTrace = {};
    // analyzeVersion caches a result that is still current; publish only such a result.
    const result = await this.analyzeVersion(document, settings, (t) => (trace = t));
    if (!result) return;
    if (document.isClosed || !this.cache.isCurrent(version, generation, document.version)) {
      this.log.info(`dropped stale result for ${this.label(document)} v${version}`);
      return;
    }
    // Two runs joined one check (the note opened and became the active editor): publish it once.
    const stamp = `${version}:${generation}`;
    if (this.publishedStamps.get(document.uri.toString()) === stamp && this.collection.has(document.uri)) return;
    try {
      const t2 = performance.now();
      const { diagnostics, entries, changed, kept, shifted, fresh } = this.diff(document, result);
      const t3 = performance.now();
      // Nothing changed (an edit that moved no finding): the collection keeps what it shows.
      const set = changed || !this.collection.has(document.uri);
      if (set) this.collection.set(document.uri, diagnostics);
      this.published.set(document.uri.toString(), entries);
      this.publishedStamps.set(document.uri.toString(), stamp);
      const t4 = performance.now();
      this.publishedVersions.set(document.uri.toString(), version);
      this.recordTimes(document, { t0, t1, trace, t2, t3, t4, version, set, kept, shifted, fresh });
      this.updated.fire(document.uri);
    } catch (error) {
      this.log.error(`publishing diagnostics failed: ${errorMessage(error)}`);
    }
  }

  /**
   * The diagnostics of `result` against those published last: a finding that stayed keeps its
   * diagnostic object, one that moved keeps it with its range (and "Requested here") shifted,
   * the others are new (diagnosticsDiff.ts).
   */
  private diff(document: vscode.TextDocument, result: AnalyzeResult) {
    const previous = this.published.get(document.uri.toString());
    const placed: Placed[] = [];
    for (const n of result.notices) placed.push({ identity: noticeIdentity(n), range: rangeKey(n.range) });
    for (const f of result.findings) placed.push({ identity: findingIdentity(f), range: rangeKey(f.range, f.request.range) });
    const r = reconcile(
      previous?.map((e) => e.placed),
      placed,
    );
    const notices = result.notices.length;
    const convert = (j: number) =>
      j < notices ? noticeToDiagnostic(result.notices[j], document) : findingToDiagnostic(result.findings[j - notices], document, this.extensionUri);
    const entries = placed.map((p, j) => {
      const m = r.matches[j];
      if (m.kind === "new") return { placed: p, diagnostic: convert(j) };
      const diagnostic = previous![m.from].diagnostic;
      if (m.kind === "shifted") {
        const moved = convert(j);
        diagnostic.range = moved.range;
        diagnostic.relatedInformation = moved.relatedInformation;
      }
      return { placed: p, diagnostic };
    });
    return { diagnostics: entries.map((e) => e.diagnostic), entries, changed: r.changed, kept: r.kept, shifted: r.shifted, fresh: r.fresh };
  }

  /** The wait from the change event of `version` to a check's start at `t0`, if one announced it. */
  private waitOf(document: vscode.TextDocument, version: number, t0: number): { waitMs?: number } {
    const changed = this.changedAt.get(document.uri.toString());
    return changed && changed.version === version ? { waitMs: Math.max(0, t0 - changed.at) } : {};
  }

  /** Keeps (API) and logs where the time of a published check went. Numbers only. */
  private recordTimes(
    document: vscode.TextDocument,
    m: {
      t0: number;
      t1: number;
      trace: RunTrace;
      t2: number;
      t3: number;
      t4: number;
      version: number;
      set: boolean;
      kept: number;
      shifted: number;
      fresh: number;
    },
  ): void {
    const call = m.trace.call ?? {};
    const stats = m.trace.stats;
    const read = m.trace.read ?? m.t1;
    const workerMs = stats ? stats.syncMs + stats.analyzeMs + stats.headerMs : 0;
    const d = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? Math.max(0, b - a) : 0);
    const times: CheckTimes = {
      version: m.version,
      chars: m.trace.chars ?? 0,
      full: call.full ?? true,
      resynced: call.resynced ?? false,
      ...this.waitOf(document, m.version, m.t0),
      noteMs: m.t1 - m.t0,
      readMs: d(m.t1, read),
      queueMs: d(read, call.posted),
      startMs: d(call.posted, call.started),
      worker: stats,
      replyMs: Math.max(0, d(call.started, call.replied) - workerMs),
      convertMs: m.t3 - m.t2,
      setMs: m.t4 - m.t3,
      set: m.set,
      kept: m.kept,
      shifted: m.shifted,
      fresh: m.fresh,
      totalMs: m.t4 - m.t0,
    };
    this.times.set(document.uri.toString(), times);
    const f = (n: number) => n.toFixed(1);
    this.log.info(
      `phases ${this.label(document)} v${m.version}: note ${f(times.noteMs)} ms, read ${f(times.readMs)}, queue ${f(times.queueMs)}, ` +
        `start ${f(times.startMs)}, worker ${stats ? `${f(stats.syncMs)}+${f(stats.analyzeMs)}+${f(stats.headerMs)} (cpu ${f(stats.cpuMs)})` : "-"}, ` +
        `reply ${f(times.replyMs)}, convert ${f(times.convertMs)}, set ${times.set ? f(times.setMs) : "skipped"}; ` +
        `${times.full ? (times.resynced ? "text (resync)" : "text") : `${stats?.edits ?? 0} edits`}; ` +
        `${times.kept} kept, ${times.shifted} shifted, ${times.fresh} new; total ${f(times.totalMs)} ms`,
    );
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.cache.delete(key);
    this.labels.delete(key);
    this.publishedVersions.delete(key);
    this.times.delete(key);
    this.published.delete(key);
    this.publishedStamps.delete(key);
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
