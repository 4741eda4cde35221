// Privacy, tested. (1) The shipped bundles hold no network code: no http, https, http2, net, tls
// or dgram module, no fetch, WebSocket or XMLHttpRequest. (2) The extension writes no note text to
// its log (the output channel), to the messages it shows, to diagnostics messages, to the console
// or to files: the glue is driven end to end (open, type, save, hover, quick fixes, report,
// settings, close) with a note carrying a unique marker, and every line it wrote is searched for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs, { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Module from "node:module";
import { buildSync } from "esbuild";

const root = join(__dirname, "..", "..");

// ---------------------------------------------------------------------------------------
// (1) No network code in the bundles.

const NETWORK = [
  /require\(\s*["'`](?:node:)?(?:http|https|http2|net|tls|dgram)["'`]\s*\)/,
  /import\(\s*["'`](?:node:)?(?:http|https|http2|net|tls|dgram)["'`]\s*\)/,
  /from\s*["'`](?:node:)?(?:http|https|http2|net|tls|dgram)["'`]/,
  /\bfetch\s*\(/,
  /\bWebSocket\b/,
  /\bXMLHttpRequest\b/,
];

test("the production bundles (and dist/, when built) contain no network code", () => {
  const out = mkdtempSync(join(tmpdir(), "rfa-privacy-"));
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), "--production", "--outdir", out], { cwd: root, stdio: "pipe" });
  const bundles = ["extension.js", "cli.js", "core.js"].flatMap((name) => [join(out, name), ...(existsSync(join(root, "dist", name)) ? [join(root, "dist", name)] : [])]);
  for (const file of bundles) {
    const code = readFileSync(file, "utf8");
    assert.ok(code.length > 10_000, `${file} looks empty`);
    for (const pattern of NETWORK) assert.doesNotMatch(code, pattern, `${file} contains ${pattern}`);
  }
  // The check itself finds network code when it is there.
  assert.ok(NETWORK.some((p) => p.test('var h=require("node:https");')));
  assert.ok(NETWORK.some((p) => p.test("await fetch(url)")));
});

// ---------------------------------------------------------------------------------------
// (2) No note text in anything the extension writes.

// ---------------------------------------------------------------------------------------
// A minimal fake of the vscode API (only what the glue uses).

type Listener<T> = (e: T) => void;
class EventEmitter<T> {
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

class Position {
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
class Range {
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
class Uri {
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
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  get fsPath() {
    return this.path;
  }
}
class CodeActionKind {
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
class SnippetString {
  constructor(readonly value: string) {}
}
class SnippetTextEdit {
  constructor(
    readonly range: Range,
    readonly snippet: SnippetString,
  ) {}
  static insert(p: Position, s: SnippetString) {
    return new SnippetTextEdit(new Range(p, p), s);
  }
}
class WorkspaceEdit {
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
class Diagnostic {
  source?: string;
  code?: any;
  relatedInformation?: any[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}
class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind: CodeActionKind,
  ) {}
}
class MarkdownString {
  isTrusted = false;
  constructor(
    readonly value: string,
    readonly supportThemeIcons = false,
  ) {}
}

function lineStarts(text: string) {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") s.push(i + 1);
  return s;
}

class FakeDocument {
  version = 1;
  isClosed = false;
  constructor(
    readonly uri: Uri,
    public text: string,
    readonly languageId = "markdown",
  ) {}
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

function createFake() {
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
      createDiagnosticCollection: () => ({
        set: (uri: Uri, d: Diagnostic[]) => {
          published.set(uri.toString(), d);
          events.diagnostics.fire();
        },
        delete: (uri: Uri) => {
          published.delete(uri.toString());
          events.diagnostics.fire();
        },
        has: (uri: Uri) => published.has(uri.toString()),
        dispose: () => published.clear(),
      }),
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
      getConfiguration: (section: string) => ({
        get: (key: string) => settings[`${section}.${key}`],
        inspect: (key: string) => ({ key, globalValue: settings[`${section}.${key}`] }),
      }),
      openTextDocument: async () => {
        throw new Error("not in the fake");
      },
      fs: {
        writeFile: async (_uri: Uri, bytes: Uint8Array) => void written.push(Buffer.from(bytes).toString("latin1")),
      },
    },
    window,
    commands: {
      registerCommand: (id: string, fn: (...args: any[]) => any) => (commands.set(id, fn), { dispose() {} }),
    },
  };
  return { vscode, events, published, settings, log, messages, written, providers, commands, documents, statusItem, webviews, window };
}

type Fake = ReturnType<typeof createFake>;

function loadExtension(fake: Fake) {
  const out = join(mkdtempSync(join(tmpdir(), "rfa-privacy-")), "extension.js");
  const built = buildSync({
    entryPoints: [join(root, "src", "extension", "extension.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    write: false,
    logLevel: "silent",
  });
  writeFileSync(out, built.outputFiles[0].text);
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") return fake.vscode;
    return original.call(this, request, ...rest);
  };
  try {
    return require(out) as { activate(ctx: unknown): void; deactivate(): void };
  } finally {
    M._load = original;
  }
}

/** Resolves once `condition` holds (polled each turn of the event loop), or rejects after `ms`. */
async function until(condition: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const MARKER = "ZQX7PRIVACYMARKER";
// A synthetic note (no real patient): the marker sits in the header, the history, the exam, a
// medication, the plan's request lines and a comment.
const NOTE = `# PR-2 progress report ${MARKER}
Date of service: 09/09/2015
Patient: Jane ${MARKER} Sample

## Subjective
Neck pain 7/10 without and 4/10 with Norco ${MARKER}; walking improved from 10 to 30 minutes.

## Treatment to date
Physical therapy 12 visits, no lasting relief ${MARKER}.

## Objective
- Taut band in the right upper trapezius ${MARKER}.

## Medications
Norco 10/325 mg TID, Xanax 0.5 mg ${MARKER}

## Plan / Request for Authorization
1. Trigger point injections x5, right trapezius ${MARKER}
2. Norco 10/325 mg 1 tab QID prn pain #120 ${MARKER}
3. Xanax 0.5 mg 1 tab TID prn #90 ${MARKER}
<!-- ${MARKER} -->
`;

test("the extension writes no note text to its log, messages, diagnostics, the console or files", async () => {
  const fake = createFake();
  const consoleLines: string[] = [];
  const fileWrites: string[] = [];
  const restore: Array<() => void> = [];
  const spy = (target: any, name: string, record: (args: unknown[]) => void) => {
    const original = target[name];
    target[name] = function (...args: unknown[]) {
      record(args);
      return original.apply(this, args);
    };
    restore.push(() => (target[name] = original));
  };
  for (const name of ["log", "info", "warn", "error", "debug"]) spy(console, name, (args) => consoleLines.push(args.map(String).join(" ")));
  for (const name of ["writeFileSync", "appendFileSync", "writeFile", "appendFile", "createWriteStream"]) {
    spy(fs, name, (args) => fileWrites.push(`${String(args[0])} ${typeof args[1] === "string" || Buffer.isBuffer(args[1]) ? String(args[1]) : ""}`));
  }
  spy(fs.promises, "writeFile", (args) => fileWrites.push(`${String(args[0])} ${String(args[1])}`));
  spy(fs.promises, "appendFile", (args) => fileWrites.push(`${String(args[0])} ${String(args[1])}`));

  const ext = loadExtension(fake);
  const subscriptions: { dispose(): void }[] = [];
  try {
    ext.activate({ subscriptions, extensionUri: Uri.file("/ext/rfa-ready"), extension: { packageJSON: { version: "0.0.0-test" } } });
    // The file name carries the marker too: logs name notes "note #n", never by path.
    const doc = new FakeDocument(Uri.parse(`untitled:${MARKER}-note.md`), NOTE);
    fake.documents.push(doc);
    fake.window.activeTextEditor = { document: doc, selection: new Range(0, 0, 0, 0) };
    fake.events.open.fire(doc);
    await until(() => (fake.published.get(doc.uri.toString()) ?? []).length > 0);

    // Typing, saving, hovering, asking for fixes, the report, a settings change.
    doc.text = NOTE.replace("QID", "TID");
    doc.version++;
    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    fake.events.save.fire(doc);
    await until(() => fake.log.some((l) => l.includes(`v${doc.version}`)));
    const diagnostics = fake.published.get(doc.uri.toString()) ?? [];
    for (const d of diagnostics) {
      await fake.providers.hover?.provideHover(doc, d.range.start, {});
      await fake.providers.codeActions?.provideCodeActions(doc, d.range, { diagnostics: [d], triggerKind: 1 }, {});
    }
    for (const id of ["rfaReady.showReport", "rfaReady.showLog"]) await fake.commands.get(id)?.();
    fake.settings["rfaReady.severity"] = { tpi: "off" };
    fake.events.config.fire({ affectsConfiguration: (s: string) => s.startsWith("rfaReady") });
    await until(() => fake.log.some((l) => l.includes("settings changed")));
    // A note too large for the cap: the notice tells the user, the log gives sizes only.
    fake.settings["rfaReady.maxNoteSize"] = 1000;
    fake.events.config.fire({ affectsConfiguration: (s: string) => s.startsWith("rfaReady") });
    await until(() => (fake.published.get(doc.uri.toString()) ?? []).some((d) => /limit/.test(d.message)));
    fake.events.close.fire(doc);
    doc.isClosed = true;

    const diagnosticText = diagnostics.flatMap((d) => [d.message, ...(d.relatedInformation ?? []).map((r: any) => r.message)]);
    const everything = { log: fake.log, messages: fake.messages, diagnostics: diagnosticText, console: consoleLines, files: [...fileWrites, ...fake.written], status: [String(fake.statusItem.text ?? ""), String(fake.statusItem.tooltip ?? "")] };
    assert.ok(fake.log.length >= 3, "the log was exercised");
    assert.ok(diagnosticText.length >= 3, "diagnostics were published");
    for (const [where, lines] of Object.entries(everything)) {
      for (const line of lines) assert.ok(!line.includes(MARKER), `note text in ${where}: ${line.slice(0, 120)}`);
      // Not even a fragment of a note line (beyond single words shared with rule messages).
      for (const line of lines) assert.ok(!line.includes("Jane") && !line.includes("walking improved"), `note text in ${where}`);
    }
  } finally {
    for (const s of subscriptions) s.dispose();
    ext.deactivate();
    for (const r of restore.reverse()) r();
  }
});
