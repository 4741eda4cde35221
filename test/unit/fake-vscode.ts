// A minimal fake of the vscode API (only what the glue uses), the extension bundled from
// src/extension/extension.ts and loaded against it, and small waiting helpers. Shared by the glue
// tests (glue-host) and the privacy test. Not a test file itself.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Module from "node:module";
import { buildSync } from "esbuild";

export const root = join(__dirname, "..", "..");

// ---------------------------------------------------------------------------------------
// A minimal fake of the vscode API (only what the glue uses).

export type Listener<T> = (e: T) => void;
export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(o: Position) {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isEqual(o: Position) {
    return this.line === o.line && this.character === o.character;
  }
}
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: any, b: any, c?: any, d?: any) {
    this.start = a instanceof Position ? a : new Position(a, b);
    this.end = a instanceof Position ? b : new Position(c, d);
  }
  contains(p: Position) {
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
  isEqual(o: Range) {
    return this.start.isEqual(o.start) && this.end.isEqual(o.end);
  }
}
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(s: string) {
    const i = s.indexOf(":");
    return new Uri(s.slice(0, i), s.slice(i + 1).replace(/^\/\//, ""));
  }
  static file(p: string) {
    return new Uri("file", p);
  }
  static joinPath(base: Uri, ...parts: string[]) {
    return new Uri(base.scheme, [base.path.replace(/\/$/, ""), ...parts].join("/"));
  }
  with(change: { path?: string }) {
    return new Uri(this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  get fsPath() {
    return this.path;
  }
}
export class CodeActionKind {
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  static readonly Source = new CodeActionKind("source");
  static readonly SourceFixAll = new CodeActionKind("source.fixAll");
  constructor(readonly value: string) {}
  contains(o: CodeActionKind) {
    return this.value === o.value || this.value === "" || o.value.startsWith(this.value + ".");
  }
  intersects(o: CodeActionKind) {
    return this.contains(o) || o.contains(this);
  }
}
export class SnippetString {
  constructor(readonly value: string) {}
}
export class SnippetTextEdit {
  constructor(
    readonly range: Range,
    readonly snippet: SnippetString,
  ) {}
  static insert(p: Position, s: SnippetString) {
    return new SnippetTextEdit(new Range(p, p), s);
  }
}
export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; text?: string; snippet?: string }[] = [];
  set(uri: Uri, edits: SnippetTextEdit[]) {
    for (const e of edits) this.edits.push({ uri, range: e.range, snippet: e.snippet.value });
  }
  replace(uri: Uri, range: Range, text: string) {
    this.edits.push({ uri, range, text });
  }
  insert(uri: Uri, p: Position, text: string) {
    this.replace(uri, new Range(p, p), text);
  }
}
export class Diagnostic {
  source?: string;
  code?: any;
  relatedInformation?: any[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}
export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly title: string,
    readonly kind: CodeActionKind,
  ) {}
}
export class MarkdownString {
  isTrusted: boolean | { enabledCommands: readonly string[] } = false;
  constructor(
    readonly value: string,
    readonly supportThemeIcons = false,
  ) {}
}

export function lineStarts(text: string) {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") s.push(i + 1);
  return s;
}

export class FakeDocument {
  version = 1;
  isClosed = false;
  constructor(
    readonly uri: Uri,
    public text: string,
    readonly languageId = "markdown",
  ) {}
  get isUntitled() {
    return this.uri.scheme === "untitled";
  }
  getText() {
    return this.text;
  }
  offsetAt(p: Position) {
    const starts = lineStarts(this.text);
    const line = Math.min(p.line, starts.length - 1);
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : this.text.length;
    return Math.min(starts[line] + p.character, end);
  }
  positionAt(offset: number) {
    const starts = lineStarts(this.text);
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return new Position(line, offset - starts[line]);
  }
  validateRange(r: Range) {
    return new Range(this.positionAt(this.offsetAt(r.start)), this.positionAt(this.offsetAt(r.end)));
  }
}

export function createFake() {
  const events = {
    open: new EventEmitter<FakeDocument>(),
    change: new EventEmitter<any>(),
    save: new EventEmitter<FakeDocument>(),
    close: new EventEmitter<FakeDocument>(),
    config: new EventEmitter<any>(),
    activeEditor: new EventEmitter<any>(),
    diagnostics: new EventEmitter<void>(),
  };
  const published = new Map<string, Diagnostic[]>();
  const settings: Record<string, unknown> = {};
  // The folder's own settings (workspace folder level), and whether the folder is trusted: in
  // Restricted Mode the folder's values of package.json's restrictedConfigurations are ignored.
  const folderSettings: Record<string, unknown> = {};
  const trust = { isTrusted: true };
  const restricted = new Set<string>(
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")).capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [],
  );
  const log: string[] = [];
  const messages: string[] = [];
  const written: string[] = [];
  const providers: { codeActions?: any; hover?: any } = {};
  const commands = new Map<string, (...args: any[]) => any>();
  const documents: FakeDocument[] = [];
  const statusItem: any = { text: "", visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
  const webviews: any[] = [];
  const window: any = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: events.activeEditor.event,
    createOutputChannel: () => ({
      info: (m: string) => log.push(`info ${m}`),
      warn: (m: string) => log.push(`warn ${m}`),
      error: (m: string) => log.push(`error ${m}`),
      show() {},
      dispose() {},
    }),
    createStatusBarItem: () => statusItem,
    createWebviewPanel: (_type: string, title: string) => {
      const disposeEmitter = new EventEmitter<void>();
      const panel = { title, webview: { html: "" }, reveal() {}, onDidDispose: disposeEmitter.event, dispose: () => disposeEmitter.fire() };
      webviews.push(panel);
      return panel;
    },
    showInformationMessage: async (m: string) => (messages.push(m), undefined),
    showWarningMessage: async (m: string) => (messages.push(m), undefined),
    showErrorMessage: async (m: string) => (messages.push(m), undefined),
    showQuickPick: async () => undefined,
  };
  const vscode = {
    version: "1.90.0-fake",
    Position,
    Range,
    Selection: Range,
    Uri,
    CodeActionKind,
    SnippetString,
    SnippetTextEdit,
    WorkspaceEdit,
    Diagnostic,
    CodeAction,
    MarkdownString,
    Hover: class {
      constructor(
        readonly contents: MarkdownString,
        readonly range: Range,
      ) {}
    },
    Location: class {
      constructor(
        readonly uri: Uri,
        readonly range: Range,
      ) {}
    },
    DiagnosticRelatedInformation: class {
      constructor(
        readonly location: any,
        readonly message: string,
      ) {}
    },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Beside: -2 },
    EventEmitter,
    languages: {
      // `published` is the checks' own collection ("rfaReady"); others (the RFA header's) keep theirs.
      createDiagnosticCollection: (name?: string) => {
        const map = name === undefined || name === "rfaReady" ? published : new Map<string, Diagnostic[]>();
        return {
          set: (uri: Uri, d: Diagnostic[]) => {
            map.set(uri.toString(), d);
            events.diagnostics.fire();
          },
          delete: (uri: Uri) => {
            map.delete(uri.toString());
            events.diagnostics.fire();
          },
          has: (uri: Uri) => map.has(uri.toString()),
          dispose: () => map.clear(),
        };
      },
      getDiagnostics: (uri: Uri) => published.get(uri.toString()) ?? [],
      registerCodeActionsProvider: (_sel: unknown, p: unknown) => ((providers.codeActions = p), { dispose() {} }),
      registerHoverProvider: (_sel: unknown, p: unknown) => ((providers.hover = p), { dispose() {} }),
    },
    workspace: {
      get textDocuments() {
        return documents.filter((d) => !d.isClosed);
      },
      onDidOpenTextDocument: events.open.event,
      onDidChangeTextDocument: events.change.event,
      onDidSaveTextDocument: events.save.event,
      onDidCloseTextDocument: events.close.event,
      onDidChangeConfiguration: events.config.event,
      get isTrusted() {
        return trust.isTrusted;
      },
      getConfiguration: (section: string) => ({
        get: (key: string) => {
          const name = `${section}.${key}`;
          const ignored = !trust.isTrusted && restricted.has(name);
          return folderSettings[name] !== undefined && !ignored ? folderSettings[name] : settings[name];
        },
        inspect: (key: string) => ({ key, globalValue: settings[`${section}.${key}`], workspaceFolderValue: folderSettings[`${section}.${key}`] }),
      }),
      openTextDocument: async () => {
        throw new Error("not in the fake");
      },
      registerTextDocumentContentProvider: () => ({ dispose() {} }),
      fs: {
        writeFile: async (_uri: Uri, bytes: Uint8Array) => void written.push(Buffer.from(bytes).toString("latin1")),
      },
    },
    window,
    commands: {
      registerCommand: (id: string, fn: (...args: any[]) => any) => (commands.set(id, fn), { dispose() {} }),
    },
  };
  return { vscode, events, published, settings, folderSettings, trust, log, messages, written, providers, commands, documents, statusItem, webviews, window };
}

export type Fake = ReturnType<typeof createFake>;

/** Bundles one glue entry point (src/extension/...) to `file`, `vscode` left external, as the build does. */
export function bundleGlue(entry: string, file: string): void {
  const built = buildSync({
    entryPoints: [join(root, "src", "extension", entry)],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    write: false,
    logLevel: "silent",
  });
  writeFileSync(file, built.outputFiles[0].text);
}

export function loadExtension(fake: Fake) {
  const dir = mkdtempSync(join(tmpdir(), "rfa-fake-vscode-"));
  const out = join(dir, "extension.js");
  bundleGlue("extension.ts", out);
  // The analysis worker beside it, as dist/analysis-worker.js beside dist/extension.js.
  bundleGlue("analysisWorker.ts", join(dir, "analysis-worker.js"));
  return requireWithVscode(out, fake.vscode) as { activate(ctx: unknown): void; deactivate(): void };
}

/** Requires a bundled file (fresh) with `require("vscode")` answered by a fake. */
export function requireWithVscode(file: string, vscode: unknown): unknown {
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") return vscode;
    return original.call(this, request, ...rest);
  };
  try {
    delete require.cache[file];
    return require(file);
  } finally {
    M._load = original;
  }
}

/** Resolves once `condition` holds (polled each turn of the event loop), or rejects after `ms`. */
export async function until(condition: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 5));
  }
}
