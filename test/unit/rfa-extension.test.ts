// "RFA Ready: Draft RFA" and the RFA quick fixes, driven in plain Node against a small fake of the
// `vscode` API (src/extension/draftRfa.ts bundled with esbuild, dist/rfa-pdf.js and the analysis
// worker beside it, as in dist/): the markdown draft opens beside the note, the PDF is written next to a saved note or
// where the save dialog says for an untitled one, the log names no note text; header and
// request-line fixes insert what is missing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "../../src/core/index";
import { headerDiagnostics } from "../../src/core/frontmatter";
import {
  bundleGlue,
  CodeAction,
  CodeActionKind,
  Diagnostic,
  EventEmitter,
  FakeDocument,
  lineStarts,
  Position,
  Range,
  requireWithVscode,
  root,
  SnippetString,
  SnippetTextEdit,
  Uri,
  WorkspaceEdit,
} from "./fake-vscode";

const complete = readFileSync(join(root, "test", "fixtures", "rfa", "complete.md"), "utf8");
const labelled = readFileSync(join(root, "test", "fixtures", "rfa", "labelled-lines.md"), "utf8");

/**
 * A document with lines, for the RFA header diagnostics. (The shared fake has none on purpose: its
 * diagnostic collections share one store, so header diagnostics would mix into the glue tests'.)
 */
class LinedDocument extends FakeDocument {
  get lineCount() {
    return lineStarts(this.text).length;
  }
  lineAt(line: number) {
    const text = this.text.split("\n")[line] ?? "";
    return { range: new Range(new Position(line, 0), new Position(line, text.length)), text };
  }
}

interface FakeOptions {
  /** What the save dialog answers. */
  saveTo?: Uri;
  /** Files already there (URI string → bytes). */
  files?: Map<string, Uint8Array>;
  /** What the modal "replace?" question answers (undefined: Cancel; "refuse": it rejects, as the workbench's test mode does). */
  replace?: string;
  uiKind?: number;
  remoteName?: string;
  /** Extensions' package.json (for a PDF viewer's custom editor). */
  extensions?: Array<{ packageJSON: unknown }>;
  /** What the "wrote …" notification answers. */
  written?: string;
  /** The commands the workbench has (commands.getCommands). */
  commands?: string[];
  /** The progress notification's Cancel is pressed when it shows. */
  cancelOnShow?: boolean;
}

function createFake(document: FakeDocument, opts: FakeOptions = {}) {
  const files = opts.files ?? new Map<string, Uint8Array>();
  const record = {
    events: [] as string[],
    opened: [] as string[],
    openedUris: [] as string[],
    shownBeside: false,
    files,
    info: [] as string[],
    warnings: [] as Array<{ message: string; modal: boolean; items: string[] }>,
    dialogs: [] as Array<string | undefined>,
    commands: [] as Array<[string, string]>,
    external: [] as string[],
    log: [] as string[],
    untitled: 0,
  };
  const providers = new Map<string, { provideTextDocumentContent(uri: Uri): string }>();
  const vscode = {
    Uri: { parse: Uri.parse, file: Uri.file, joinPath: Uri.joinPath, from: (c: { scheme: string; path: string; query?: string }) => Uri.parse(`${c.scheme}:${c.path}${c.query ? `?${c.query}` : ""}`) },
    Position,
    Range,
    CodeAction,
    CodeActionKind,
    SnippetString,
    WorkspaceEdit,
    Diagnostic,
    SnippetTextEdit,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ViewColumn: { Beside: -2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    UIKind: { Desktop: 1, Web: 2 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    EventEmitter,
    env: {
      uiKind: opts.uiKind ?? 1,
      remoteName: opts.remoteName,
      openExternal: async (uri: Uri) => (record.external.push(uri.toString()), true),
    },
    extensions: { all: opts.extensions ?? [] },
    commands: {
      executeCommand: async (id: string, uri: Uri) => void record.commands.push([id, uri.toString()]),
      getCommands: async () => opts.commands ?? ["revealInExplorer", "vscode.open"],
    },
    CancellationTokenSource: class {
      private listeners: Array<() => void> = [];
      token = {
        isCancellationRequested: false,
        onCancellationRequested: (l: () => void) => (this.listeners.push(l), { dispose() {} }),
      };
      cancel() {
        if (this.token.isCancellationRequested) return;
        this.token.isCancellationRequested = true;
        for (const l of this.listeners) l();
      }
      dispose() {}
    },
    languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, has: () => false, dispose() {} }) },
    window: {
      activeTextEditor: { document },
      withProgress: async (options: { location: number; title: string; cancellable?: boolean }, task: (p: unknown, t: unknown) => Promise<unknown>) => {
        record.events.push(`progress:${options.location}:${options.title}${options.cancellable ? ":cancellable" : ""}`);
        const listeners: Array<() => void> = [];
        const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose() {} }) };
        if (opts.cancelOnShow) queueMicrotask(() => ((token.isCancellationRequested = true), listeners.forEach((l) => l())));
        const result = await task({ report: (m: { message?: string }) => record.events.push(`report:${m.message}`) }, token);
        record.events.push("progress-end");
        return result;
      },
      showInformationMessage: async (m: string) => (record.info.push(m), m.startsWith("RFA Ready: wrote") ? opts.written : undefined),
      showErrorMessage: async (m: string) => (record.info.push(m), undefined),
      showWarningMessage: async (message: string, options: { modal?: boolean }, ...items: string[]) => {
        record.warnings.push({ message, modal: !!options?.modal, items });
        if (opts.replace === "refuse") throw new Error("DialogService: refused to show dialog in tests.");
        return opts.replace;
      },
      showTextDocument: async (_d: unknown, options: { viewColumn?: number }) => {
        record.shownBeside = options?.viewColumn === -2;
      },
      showSaveDialog: async (o: { defaultUri?: Uri }) => (record.dialogs.push(o.defaultUri?.toString()), opts.saveTo),
    },
    workspace: {
      workspaceFolders: [{ uri: Uri.file("/ws") }],
      getWorkspaceFolder: (uri: Uri) => (uri.path.startsWith("/ws/") ? { uri: Uri.file("/ws") } : undefined),
      textDocuments: [document],
      getConfiguration: () => ({ get: () => undefined }),
      registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent(uri: Uri): string }) => {
        providers.set(scheme, provider);
        return { dispose: () => providers.delete(scheme) };
      },
      openTextDocument: async (arg: Uri | { content: string; language: string }) => {
        if (arg instanceof Uri) {
          const provider = providers.get(arg.scheme);
          assert.ok(provider, `a content provider for ${arg.scheme}:`);
          record.openedUris.push(arg.toString());
          record.opened.push(provider.provideTextDocumentContent(arg));
          record.events.push("open-draft");
          return { uri: arg };
        }
        record.untitled++;
        return {};
      },
      fs: {
        stat: async (uri: Uri) => {
          if (!files.has(uri.toString())) throw Object.assign(new Error(`EntryNotFound: ${uri.path}`), { code: "FileNotFound" });
          return { type: 1, size: files.get(uri.toString())!.length };
        },
        writeFile: async (uri: Uri, bytes: Uint8Array) => {
          record.events.push(`write:${uri.path.split("/").pop()}`);
          files.set(uri.toString(), bytes);
        },
        rename: async (from: Uri, to: Uri, o: { overwrite?: boolean }) => {
          assert.ok(o?.overwrite || !files.has(to.toString()));
          record.events.push(`rename:${to.path.split("/").pop()}`);
          files.set(to.toString(), files.get(from.toString())!);
          files.delete(from.toString());
        },
        delete: async (uri: Uri) => void files.delete(uri.toString()),
      },
    },
  };
  const logger = { info: (m: string) => record.log.push(m), warn: (m: string) => record.log.push(m), error: (m: string) => record.log.push(m), show() {}, dispose() {} };
  return { vscode, record, logger };
}

let dir = "";
let analysis: import("../../src/extension/analysisClient").AnalysisClient;
/** One warm RFA thread for every draft of this file, as the extension keeps one. */
let thread: import("../../src/extension/draftRfa").RfaThread;
/** No published check: the RFA thread analyses the note itself. */
const unchecked = { resultFor: async () => undefined };
before(() => {
  // The command's bundle and the PDF writer side by side, as dist/extension.js and dist/rfa-pdf.js.
  dir = mkdtempSync(join(tmpdir(), "rfa-ext-"));
  const pdf = join(root, "dist", "rfa-pdf.js");
  assert.ok(existsSync(pdf), "dist/rfa-pdf.js (npm run build)");
  copyFileSync(pdf, join(dir, "rfa-pdf.js"));
  bundleGlue("draftRfa.ts", join(dir, "draftRfa.js"));
  bundleGlue("pdfWorker.ts", join(dir, "pdf-worker.js"));
  bundleGlue("analysisWorker.ts", join(dir, "analysis-worker.js"));
  bundleGlue("analysisClient.ts", join(dir, "analysisClient.js"));
  const { AnalysisClient } = require(join(dir, "analysisClient.js")) as typeof import("../../src/extension/analysisClient");
  analysis = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  const { RfaThread } = requireWithVscode(join(dir, "draftRfa.js"), createFake(new LinedDocument(Uri.file("/a.md"), "")).vscode) as typeof import("../../src/extension/draftRfa");
  thread = new RfaThread({ script: join(dir, "pdf-worker.js") });
});

after(() => {
  analysis.dispose();
  thread.dispose();
});

type DraftModule = typeof import("../../src/extension/draftRfa");
function load(fake: ReturnType<typeof createFake>): DraftModule {
  // Each fake gets its own draft scheme registration (the module keeps one per load).
  return requireWithVscode(join(dir, "draftRfa.js"), fake.vscode) as DraftModule;
}

const NOTE_PDF = "file:///ws/notes/visit-1.rfa.pdf";

test("Draft RFA on a saved note: progress first, a read-only draft beside it, the PDF written off the host thread, a PHI-free log", async () => {
  const doc = new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete);
  const fake = createFake(doc);
  const mod = load(fake);
  await mod.draftRfaCommand(unchecked, fake.logger as never, { thread, progressDelayMs: 0 });
  await new Promise((resolve) => setImmediate(resolve)); // the notification closes as the command ends
  const { record } = fake;
  assert.match(record.events[0], /^progress:15:RFA Ready: drafting the RFA:cancellable$/, "with no delay the notification opens before anything else");
  assert.equal(record.events[1], "report:reading the note…");
  assert.ok(record.events.includes("report:writing the PDF…"));
  assert.ok(record.events.indexOf("progress-end") > record.events.indexOf("rename:visit-1.rfa.pdf"), "it closes after the PDF is in place");
  // The draft: a virtual document of the extension's own scheme (read-only, never checked), not an untitled buffer.
  assert.equal(record.untitled, 0, "no untitled buffer");
  assert.equal(record.openedUris.length, 1);
  assert.match(record.openedUris[0], /^rfa-ready-draft:/);
  assert.match(record.opened[0], /^# Request for Authorization \(DWC Form RFA\): draft/);
  assert.ok(record.shownBeside, "opened beside the note");
  // Written to a temporary file, renamed into place; no question asked when no PDF was there.
  assert.deepEqual([...record.files.keys()], [NOTE_PDF]);
  const writes = record.events.filter((e) => e.startsWith("write:") || e.startsWith("rename:"));
  assert.equal(writes.length, 2);
  assert.match(writes[0], /^write:\.visit-1\.rfa\.pdf\..*\.tmp$/);
  assert.equal(writes[1], "rename:visit-1.rfa.pdf");
  const bytes = record.files.get(NOTE_PDF)!;
  assert.equal(Buffer.from(bytes.slice(0, 5)).toString("latin1"), "%PDF-");
  assert.deepEqual(record.warnings, []);
  assert.deepEqual(record.dialogs, []);
  assert.match(record.info[0], /wrote visit-1\.rfa\.pdf: 4 requests, every field filled/);
  // The PDF writer never ran on this (the host's) thread.
  assert.ok(!Object.keys(require.cache).some((f) => f.endsWith("rfa-pdf.js")), "rfa-pdf.js was not loaded on the host thread");
  const log = record.log.join("\n");
  for (const phi of ["Sample", "WC-0012345", "Norco", "Example Logistics", "visit-1"]) assert.ok(!log.includes(phi), `log leaks ${phi}`);
});

test("an existing PDF is replaced only when the user says so: Cancel keeps it, Replace replaces it, Save As… asks where", async () => {
  const old = new Uint8Array([1, 2, 3]);
  const doc = () => new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete);

  const cancel = createFake(doc(), { files: new Map([[NOTE_PDF, old]]) });
  await load(cancel).draftRfaCommand(unchecked, cancel.logger as never, { thread });
  assert.equal(cancel.record.warnings.length, 1);
  const asked = cancel.record.warnings[0];
  assert.ok(asked.modal, "a modal question");
  assert.deepEqual(asked.items, ["Replace", "Save As…"], "Replace, Save As… (and the modal's own Cancel)");
  assert.match(asked.message, /visit-1\.rfa\.pdf already exists/);
  assert.equal(cancel.record.files.get(NOTE_PDF), old, "the old PDF is untouched");
  assert.equal(cancel.record.files.size, 1, "no temporary file left");
  assert.equal(cancel.record.opened.length, 1, "the draft still opens");

  // A question the workbench refuses to show (its test mode) is no answer: the file is kept, nothing fails.
  const refused = createFake(doc(), { files: new Map([[NOTE_PDF, old]]), replace: "refuse" });
  await load(refused).draftRfaCommand(unchecked, refused.logger as never, { thread });
  assert.equal(refused.record.warnings.length, 1);
  assert.equal(refused.record.files.get(NOTE_PDF), old, "a refused question keeps the old PDF");
  assert.equal(refused.record.files.size, 1);
  assert.equal(refused.record.opened.length, 1, "the draft still opens");
  assert.deepEqual(refused.record.info, [], "no error message");

  const replace = createFake(doc(), { files: new Map([[NOTE_PDF, old]]), replace: "Replace" });
  await load(replace).draftRfaCommand(unchecked, replace.logger as never, { thread });
  const replaced = replace.record.files.get(NOTE_PDF)!;
  assert.notEqual(replaced, old);
  assert.equal(Buffer.from(replaced.slice(0, 5)).toString("latin1"), "%PDF-");
  assert.equal(replace.record.files.size, 1);

  const elsewhere = Uri.file("/ws/notes/visit-1 second.pdf");
  const saveAs = createFake(doc(), { files: new Map([[NOTE_PDF, old]]), replace: "Save As…", saveTo: elsewhere });
  await load(saveAs).draftRfaCommand(unchecked, saveAs.logger as never, { thread });
  assert.deepEqual(saveAs.record.dialogs, [NOTE_PDF], "the dialog starts at the PDF next to the note");
  assert.equal(saveAs.record.files.get(NOTE_PDF), old);
  assert.ok(saveAs.record.files.has(elsewhere.toString()));
});

test("Draft RFA on an untitled note asks where to save; cancelling still opens the draft", async () => {
  const doc = new LinedDocument(Uri.parse("untitled:Untitled-1"), labelled);
  const target = Uri.file("/ws/out.pdf");
  const fake = createFake(doc, { saveTo: target });
  await load(fake).draftRfaCommand(unchecked, fake.logger as never, { thread });
  assert.equal(fake.record.dialogs.length, 1);
  assert.deepEqual([...fake.record.files.keys()], ["file:///ws/out.pdf"]);
  assert.match(fake.record.info[0], /fields still missing/);

  const cancelled = createFake(new LinedDocument(Uri.parse("untitled:Untitled-2"), labelled));
  await load(cancelled).draftRfaCommand(unchecked, cancelled.logger as never, { thread });
  assert.equal(cancelled.record.opened.length, 1);
  assert.equal(cancelled.record.files.size, 0);
});

test("Open PDF: the system viewer on a local desktop, the Explorer (Download) in a browser or remote window, the editor with a PDF viewer installed", async () => {
  const run = async (opts: FakeOptions) => {
    const fake = createFake(new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete), { ...opts, written: "Open PDF" });
    await load(fake).draftRfaCommand(unchecked, fake.logger as never, { thread });
    return fake.record;
  };
  const desktop = await run({ uiKind: 1 });
  assert.deepEqual(desktop.external, [NOTE_PDF]);
  assert.deepEqual(desktop.commands, []);

  const browser = await run({ uiKind: 2, remoteName: "localhost", commands: ["revealInExplorer", "explorer.download"] });
  assert.deepEqual(browser.external, [], "no file URI handed to the browser");
  assert.deepEqual(browser.commands, [["revealInExplorer", NOTE_PDF], ["explorer.download", NOTE_PDF]], "selected, then given to the browser");
  assert.ok(browser.info.some((m) => /given to your browser/.test(m)), "says where the PDF went");

  // Outside the workspace the Explorer cannot select it, and Download would take whatever is selected: not used.
  const outside = createFake(new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete), { uiKind: 2, remoteName: "localhost", commands: ["revealInExplorer", "explorer.download"] });
  await load(outside).openPdf(Uri.file("/elsewhere/visit-1.rfa.pdf") as never);
  assert.deepEqual(outside.record.commands, [["revealInExplorer", "file:///elsewhere/visit-1.rfa.pdf"]]);
  assert.ok(outside.record.info.some((m) => /choose Download/.test(m)));

  const noDownload = await run({ uiKind: 2, remoteName: "localhost" });
  assert.deepEqual(noDownload.commands, [["revealInExplorer", NOTE_PDF]]);
  assert.ok(noDownload.info.some((m) => /choose Download/.test(m)), "says how to get the PDF");

  const remoteDesktop = await run({ uiKind: 1, remoteName: "ssh-remote" });
  assert.deepEqual(remoteDesktop.commands, [["revealInExplorer", NOTE_PDF]]);

  const viewer = { packageJSON: { contributes: { customEditors: [{ viewType: "x.pdf", selector: [{ filenamePattern: "*.pdf" }] }] } } };
  const withViewer = await run({ uiKind: 2, remoteName: "localhost", extensions: [viewer] });
  assert.deepEqual(withViewer.commands, [["vscode.open", NOTE_PDF]]);
});

test("writePdfOffThread: a failing writer is reported by its error class only, and the thread ends", async () => {
  const fake = createFake(new LinedDocument(Uri.file("/a.md"), ""));
  const mod = load(fake);
  // A draft the writer cannot read (no header): the thread answers with the error's class, no text.
  await assert.rejects(mod.writePdfOffThread({ secret: "Patient Roe" } as never, { script: join(dir, "pdf-worker.js") }), (error: Error) => {
    assert.equal(error.name, "PdfWriteError");
    assert.match(error.message, /^the PDF writer failed: [A-Za-z]+Error$/);
    assert.ok(!error.message.includes("Roe"));
    return true;
  });
  await assert.rejects(mod.writePdfOffThread({} as never, { script: join(dir, "pdf-worker.js"), timeoutMs: 1 }), /timed out|failed/);
  // A thread whose script is missing fails its requests, quietly until then, every time.
  const missing = new mod.RfaThread({ script: join(dir, "no-such-worker.js") });
  assert.equal(await missing.prewarm(), undefined, "the warm-up fails quietly");
  await assert.rejects(missing.writePdf({} as never), (error: Error) => error.name === "PdfWriteError" && !error.message.includes(dir));
  await assert.rejects(missing.draft({ text: "x", options: {}, pdf: true }).draft, (error: Error) => error.name === "PdfWriteError");
  missing.dispose();
});

test("a fast draft shows no progress notification; the notification's Cancel stops the draft before anything opens or is written", async () => {
  const quiet = createFake(new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete));
  await load(quiet).draftRfaCommand(unchecked, quiet.logger as never, { thread, progressDelayMs: 60_000 });
  assert.ok(!quiet.record.events.some((e) => e.startsWith("progress")), "no notification before its delay");
  assert.ok(quiet.record.files.has(NOTE_PDF), "and the PDF is written");

  const cancelled = createFake(new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete), { cancelOnShow: true });
  await load(cancelled).draftRfaCommand(unchecked, cancelled.logger as never, { thread, progressDelayMs: 0 });
  assert.equal(cancelled.record.opened.length, 0, "no draft opened");
  assert.equal(cancelled.record.files.size, 0, "no file written");
  assert.deepEqual(cancelled.record.info, [], "no error, no summary");
});

test("the editor's published check is reused (the note is not analysed again), never one of an older version; one warm thread serves every draft", async () => {
  const doc = new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete);
  // A published result without requests: the draft's readiness summary is read from it, not from a second analysis.
  const published = { ...analyze(complete, {}), reports: [], findings: [] };
  const fake = createFake(doc);
  const timings: Array<import("../../src/extension/draftRfa").DraftTimings> = [];
  await load(fake).draftRfaCommand({ resultFor: async () => published as never }, fake.logger as never, { thread, onTimings: (t) => timings.push(t) });
  const before = thread.threadId;
  assert.ok(before !== undefined, "the thread stays up after the draft");
  assert.equal(timings[0].analysisReused, true);
  assert.match(fake.record.opened[0], /## Attachment: readiness summary\n\n[^\n]*\n\nNo request was found\./, "the summary comes from the published check");
  assert.match(fake.record.log.join("\n"), /analysis reused/);

  // The note changed while the check was awaited: that result is not this text's.
  const stale = createFake(doc);
  const changing = { resultFor: async () => ((doc.version += 1), published as never) };
  await load(stale).draftRfaCommand(changing, stale.logger as never, { thread, onTimings: (t) => timings.push(t) });
  assert.equal(timings[1].analysisReused, false);
  assert.match(stale.record.opened[0], /criteria documented/, "the thread analysed the note itself");
  assert.equal(thread.threadId, before, "the same warm thread");
});

test("pdfPathFor keeps the folder and replaces the extension", () => {
  const fake = createFake(new LinedDocument(Uri.file("/a.md"), ""));
  const mod = load(fake);
  assert.equal(mod.pdfPathFor("/c:/notes/visit 2.md"), "/c:/notes/visit 2.rfa.pdf");
  assert.equal(mod.pdfPathFor("/notes/visit.note.markdown"), "/notes/visit.note.rfa.pdf");
});

test("quick fixes: a header field into the front matter, and the request line completed", async () => {
  const text = complete.replace(/  npi: .*\n/, "");
  const doc = new LinedDocument(Uri.file("/ws/n.md"), text);
  const fake = createFake(doc);
  const mod = load(fake);
  const provider = new mod.RfaHeaderCodeActions(analysis as never);
  const header = new Diagnostic(new Range(new Position(0, 0), new Position(0, 3)), "RFA header: NPI number is missing", 2);
  header.source = "RFA Ready";
  header.code = "rfa-header.physician.npi";
  const [fix] = await provider.provideCodeActions(doc as never, header.range as never, { diagnostics: [header] } as never);
  assert.equal(fix.title, "Insert NPI number in the front matter");
  const edit = (fix.edit as unknown as WorkspaceEdit).edits[0];
  assert.equal(edit.snippet, "  npi: ${1:npi number}\n");
  assert.equal(text.split("\n")[edit.range.start.line].trim(), "claims_administrator:", "inserted at the end of the physician block");

  // With the header gaps published with the current check, the fix comes from them and never
  // waits for the worker (a disposed client here: asking it would fail).
  const { AnalysisClient } = require(join(dir, "analysisClient.js")) as typeof import("../../src/extension/analysisClient");
  const gone = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
  gone.dispose();
  const published = new mod.RfaHeaderCodeActions(gone as never, () => headerDiagnostics(text));
  const [same] = await published.provideCodeActions(doc as never, header.range as never, { diagnostics: [header] } as never);
  assert.deepEqual((same.edit as unknown as WorkspaceEdit).edits[0], edit);

  const plan = "Date of service: 10/01/2026\n\n## Assessment\n1. Lumbar strain (S39.012D)\n\n## Plan\n1. Physical therapy\n";
  const pt = new LinedDocument(Uri.file("/ws/p.md"), plan);
  const finding = analyze(plan, {}).findings.find((f) => f.criterion === "rfa.specific-request")!;
  const d = new Diagnostic(new Range(new Position(finding.range.start.line - 1, 3), new Position(finding.range.end.line - 1, 20)), finding.message, 2);
  d.source = "RFA Ready";
  d.code = { value: "rfa.specific-request" };
  const [completion] = await provider.provideCodeActions(pt as never, d.range as never, { diagnostics: [d] } as never);
  assert.match(completion.title, /^Complete the RFA line: the quantity, frequency and duration/);
  const e = (completion.edit as unknown as WorkspaceEdit).edits[0];
  assert.deepEqual([e.range.start.line, e.range.start.character], [6, "1. Physical therapy".length], "at the end of the request line");
  assert.equal(e.snippet, "; ${1:quantity} ${2:frequency} x ${3:duration}");
});
