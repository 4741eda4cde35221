// Privacy, tested. (1) The shipped bundles hold no network code: no http, https, http2, net, tls
// or dgram module, no fetch, WebSocket or XMLHttpRequest. (2) The extension writes no note text to
// its log (the output channel), to the messages it shows, to diagnostics messages, to the console
// or to files: the glue is driven end to end (open, type, save, hover, quick fixes, report,
// settings, close) with a note carrying a unique marker, and every line it wrote is searched for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs, { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { FakeDocument, Range, Uri, createFake, loadExtension, root, until } from "./fake-vscode";

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
  const bundles = ["extension.js", "analysis-worker.js", "cli.js", "core.js"].flatMap((name) => [join(out, name), ...(existsSync(join(root, "dist", name)) ? [join(root, "dist", name)] : [])]);
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
