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
import { headerDiagnostics } from "../../src/core/rfa/frontmatter";
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

function createFake(document: FakeDocument, saveTo?: Uri) {
  const record = { opened: [] as string[], shownBeside: false, written: new Map<string, Uint8Array>(), info: [] as string[], dialogs: 0, log: [] as string[] };
  const vscode = {
    Uri,
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
    EventEmitter,
    env: { openExternal: async () => true },
    languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, has: () => false, dispose() {} }) },
    window: {
      activeTextEditor: { document },
      showInformationMessage: async (m: string) => (record.info.push(m), undefined),
      showErrorMessage: async (m: string) => (record.info.push(m), undefined),
      showTextDocument: async (_d: unknown, options: { viewColumn?: number }) => {
        record.shownBeside = options?.viewColumn === -2;
      },
      showSaveDialog: async () => (record.dialogs++, saveTo),
    },
    workspace: {
      workspaceFolders: [{ uri: Uri.file("/ws") }],
      textDocuments: [document],
      getConfiguration: () => ({ get: () => undefined }),
      openTextDocument: async (options: { content: string; language: string }) => {
        assert.equal(options.language, "markdown");
        record.opened.push(options.content);
        return {};
      },
      fs: { writeFile: async (uri: Uri, bytes: Uint8Array) => void record.written.set(uri.toString(), bytes) },
    },
  };
  const logger = { info: (m: string) => record.log.push(m), warn: (m: string) => record.log.push(m), error: (m: string) => record.log.push(m), show() {}, dispose() {} };
  return { vscode, record, logger };
}

let dir = "";
let analysis: import("../../src/extension/analysisClient").AnalysisClient;
before(() => {
  // The command's bundle and the PDF writer side by side, as dist/extension.js and dist/rfa-pdf.js.
  dir = mkdtempSync(join(tmpdir(), "rfa-ext-"));
  const pdf = join(root, "dist", "rfa-pdf.js");
  assert.ok(existsSync(pdf), "dist/rfa-pdf.js (npm run build)");
  copyFileSync(pdf, join(dir, "rfa-pdf.js"));
  bundleGlue("draftRfa.ts", join(dir, "draftRfa.js"));
  bundleGlue("analysisWorker.ts", join(dir, "analysis-worker.js"));
  bundleGlue("analysisClient.ts", join(dir, "analysisClient.js"));
  const { AnalysisClient } = require(join(dir, "analysisClient.js")) as typeof import("../../src/extension/analysisClient");
  analysis = new AnalysisClient({ script: join(dir, "analysis-worker.js") });
});

after(() => analysis.dispose());

type DraftModule = typeof import("../../src/extension/draftRfa");
function load(fake: ReturnType<typeof createFake>): DraftModule {
  return requireWithVscode(join(dir, "draftRfa.js"), fake.vscode) as DraftModule;
}

test("Draft RFA on a saved note: markdown beside it, note.rfa.pdf next to it, a PHI-free log", async () => {
  const doc = new LinedDocument(Uri.file("/ws/notes/visit-1.md"), complete);
  const fake = createFake(doc);
  const mod = load(fake);
  await mod.draftRfaCommand(analysis as never, fake.logger as never);
  assert.equal(fake.record.opened.length, 1);
  assert.match(fake.record.opened[0], /^# Request for Authorization \(DWC Form RFA\): draft/);
  assert.ok(fake.record.shownBeside, "opened beside the note");
  assert.deepEqual([...fake.record.written.keys()], ["file:///ws/notes/visit-1.rfa.pdf"]);
  const bytes = fake.record.written.get("file:///ws/notes/visit-1.rfa.pdf")!;
  assert.equal(Buffer.from(bytes.slice(0, 5)).toString("latin1"), "%PDF-");
  assert.equal(fake.record.dialogs, 0);
  assert.match(fake.record.info[0], /wrote visit-1\.rfa\.pdf: 4 requests, every field filled/);
  const log = fake.record.log.join("\n");
  for (const phi of ["Sample", "WC-0012345", "Norco", "Example Logistics"]) assert.ok(!log.includes(phi), `log leaks ${phi}`);
});

test("Draft RFA on an untitled note asks where to save; cancelling still opens the draft", async () => {
  const doc = new LinedDocument(Uri.parse("untitled:Untitled-1"), labelled);
  const target = Uri.file("/ws/out.pdf");
  const fake = createFake(doc, target);
  await load(fake).draftRfaCommand(analysis as never, fake.logger as never);
  assert.equal(fake.record.dialogs, 1);
  assert.deepEqual([...fake.record.written.keys()], ["file:///ws/out.pdf"]);
  assert.match(fake.record.info[0], /fields still missing/);

  const cancelled = createFake(new LinedDocument(Uri.parse("untitled:Untitled-2"), labelled), undefined);
  await load(cancelled).draftRfaCommand(analysis as never, cancelled.logger as never);
  assert.equal(cancelled.record.opened.length, 1);
  assert.equal(cancelled.record.written.size, 0);
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
