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

import { FakeDocument, Range, Uri, bundleGlue, createFake, loadExtension, requireWithVscode, root, until } from "./fake-vscode";
// @ts-expect-error: a plain ES module of the benchmark (seeded synthetic notes, no real patient)
import { generateNote } from "../../scripts/bench/generate.mjs";

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

// ---------------------------------------------------------------------------------------
// (3) Hostile runs leave nothing of the note behind: a run past its time budget, errors whose
// messages quote the note or name its file (as VS Code's do), a note over the size limit.

test("after hostile runs nothing of a note or its file name reaches the log, notifications or status", async (t) => {
  const fake = createFake();
  fake.settings["rfaReady.debounceMs"] = 5;
  const budget = process.env.RFA_READY_BUDGET_MS;
  // A low budget, read by the extension's analysis client at each run.
  process.env.RFA_READY_BUDGET_MS = "1500";
  const consoleLines: string[] = [];
  const originals = (["log", "info", "warn", "error", "debug"] as const).map((name) => [name, console[name]] as const);
  for (const [name, original] of originals) console[name] = (...args: unknown[]) => (consoleLines.push(args.map(String).join(" ")), original(...args));
  const ext = loadExtension(fake);
  const subscriptions: { dispose(): void }[] = [];
  try {
    ext.activate({ subscriptions, extensionUri: Uri.file("/ext/rfa-ready"), extension: { packageJSON: { version: "0.0.0-test" } } });
    const folder = `/home/doctor/${MARKER}-cases`;
    const open = (name: string, text: string) => {
      const doc = new FakeDocument(Uri.file(`${folder}/${name}`), text);
      fake.documents.push(doc);
      fake.events.open.fire(doc);
      return doc;
    };
    const diagnostics = (doc: FakeDocument) => fake.published.get(doc.uri.toString()) ?? [];
    const t0 = performance.now();
    // A running case file of 1.9 MB: its cold check takes seconds, past the 1.5 s budget.
    const hostile = open(`hostile-${MARKER}.md`, `${NOTE}\n${generateNote(1_900_000, 29) as string}`);
    fake.window.activeTextEditor = { document: hostile, selection: new Range(0, 0, 0, 0) };
    fake.events.activeEditor.fire(fake.window.activeTextEditor);
    await new Promise((r) => setTimeout(r, 50));
    const ordinary = open(`ordinary-${MARKER}.md`, NOTE);
    const times: Record<string, number> = {};
    const ordinaryDone = until(() => diagnostics(ordinary).length > 0, 60_000).then(() => (times.ordinary = performance.now() - t0));
    const hostileDone = until(() => diagnostics(hostile).some((d) => d.code === "not-checked"), 60_000).then(() => (times.hostile = performance.now() - t0));
    // Errors that quote the note and name its file, as VS Code's own do.
    const thrower = open(`thrower-${MARKER}.md`, NOTE);
    thrower.getText = () => {
      throw new Error(`cannot read ${folder}/thrower-${MARKER}.md: Patient: Jane ${MARKER} Sample`);
    };
    const missing = open(`missing-${MARKER}.md`, NOTE);
    missing.getText = () => {
      throw Object.assign(new Error(`Unable to read file 'file://${folder}/missing-${MARKER}.md' (Error: Unable to resolve nonexistent file)`), {
        name: "EntryNotFound (FileSystemError)",
        code: "FileNotFound",
      });
    };
    for (const doc of [thrower, missing]) {
      doc.version++;
      fake.events.change.fire({ document: doc, contentChanges: [{}] });
    }
    // Over the size limit.
    const huge = open(`huge-${MARKER}.md`, NOTE + `\nPadding ${MARKER}.`.repeat(110_000));
    await Promise.all([ordinaryDone, hostileDone]).catch((error) => {
      throw new Error(`${error.message}; log: ${fake.log.join(" | ").slice(0, 2000)}; hostile: ${JSON.stringify(diagnostics(hostile).map((d) => [d.code, d.message.slice(0, 40)]))}`);
    });
    await until(() => diagnostics(huge).some((d) => /limit/.test(d.message)), 60_000);
    await until(() => fake.log.filter((l) => l.startsWith("error ")).length >= 2, 60_000);

    assert.ok(times.ordinary < times.hostile, `the ordinary note (${times.ordinary} ms) did not wait for the hostile one (${times.hostile} ms)`);
    const stopped = diagnostics(hostile);
    assert.equal(stopped.length, 1, "one diagnostic on the note that could not be checked");
    assert.match(stopped[0].message, /^RFA Ready could not check (?:lines? [\d-]+|this note) in time \(over 1\.5 s\)/);
    assert.equal(fake.statusItem.text, "$(warning) RFA: not checked (too slow)");
    assert.ok(fake.log.some((l) => /^warn AnalysisError E_TIMEOUT: a analyze run passed its 1\.5 s budget/.test(l)), fake.log.join("\n"));
    assert.ok(fake.log.some((l) => l.endsWith(": Error E_UNKNOWN")), "the thrown error by its class");
    assert.ok(fake.log.some((l) => l.endsWith(": FileSystemError FileNotFound")), "VS Code's error by its class and code");
    t.diagnostic(`fake editor, budget 1.5 s: ordinary note's diagnostics after ${times.ordinary.toFixed(0)} ms; hostile 1.9 MB note's "could not check" after ${times.hostile.toFixed(0)} ms (${stopped[0].message.slice(0, 50)}…)`);

    // Typing in the hostile note: its next version is checked in its turn (with twice the budget,
    // stopped or not); the other note keeps its checks.
    const published = fake.published.get(hostile.uri.toString());
    hostile.text = hostile.text.replace("QID", "TID");
    hostile.version++;
    fake.events.change.fire({ document: hostile, contentChanges: [{}] });
    await until(() => fake.published.get(hostile.uri.toString()) !== published, 120_000);
    assert.ok(diagnostics(ordinary).length > 1);

    const everything = {
      log: fake.log,
      notifications: fake.messages,
      console: consoleLines,
      status: [String(fake.statusItem.text ?? ""), String(fake.statusItem.tooltip ?? "")],
      diagnostics: [...fake.published.values()].flat().map((d) => d.message),
    };
    for (const [where, lines] of Object.entries(everything)) {
      for (const line of lines) {
        for (const secret of [MARKER, "Jane", "doctor", "hostile-", "thrower", "missing-", "nonexistent"]) {
          assert.ok(!line.includes(secret), `${secret} in ${where}: ${line.slice(0, 160)}`);
        }
      }
    }
  } finally {
    for (const s of subscriptions) s.dispose();
    ext.deactivate();
    for (const [name, original] of originals) console[name] = original;
    if (budget === undefined) delete process.env.RFA_READY_BUDGET_MS;
    else process.env.RFA_READY_BUDGET_MS = budget;
  }
});

/** One glue module, bundled and loaded against the fake vscode. */
function glue(entry: string): unknown {
  const file = join(mkdtempSync(join(tmpdir(), "rfa-glue-")), entry.replace(/\.ts$/, ".js"));
  bundleGlue(entry, file);
  return requireWithVscode(file, createFake().vscode);
}

test("errors are logged as a class and a code, never their message", async () => {
  const { errorMessage } = glue("log.ts") as typeof import("../../src/extension/log");
  const secret = `${MARKER} /home/doctor/note.md`;
  const cases: Array<[unknown, string]> = [
    [new TypeError(secret), "TypeError E_UNKNOWN"],
    [Object.assign(new Error(secret), { name: "EntryNotFound (FileSystemError)", code: "FileNotFound" }), "FileSystemError FileNotFound"],
    [Object.assign(new Error(secret), { code: "ENOENT" }), "Error ENOENT"],
    [Object.assign(new Error(secret), { name: secret, code: secret }), "Error E_UNKNOWN"],
    [secret, "string E_UNKNOWN"],
    [{ name: "AnalysisError", message: "AnalysisError E_TIMEOUT" }, "AnalysisError E_TIMEOUT"],
    [{ name: "AnalysisError", message: `AnalysisError ${secret}` }, "AnalysisError E_UNKNOWN"],
  ];
  for (const [error, expected] of cases) assert.equal(errorMessage(error), expected);
});

// ---------------------------------------------------------------------------------------
// (4) Trust: checks run in Restricted Mode, where a folder cannot switch them off; a folder that
// turns checks or criteria off is shown in the status item.

test("package.json: limited support in untrusted and virtual workspaces; every setting that could hide findings is restricted", async () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const { HIDING_SETTINGS } = glue("config.ts") as typeof import("../../src/extension/config");
  const trust = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, "limited");
  assert.ok(typeof trust.description === "string" && trust.description.length > 20);
  const restricted: string[] = trust.restrictedConfigurations;
  assert.deepEqual([...restricted].sort(), HIDING_SETTINGS.map((k) => `rfaReady.${k}`).sort());
  // Every contributed setting is restricted unless it cannot hide a finding (a debounce only delays).
  const harmless = new Set(["rfaReady.debounceMs"]);
  for (const name of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(restricted.includes(name) || harmless.has(name), `${name} is neither restricted nor known to be harmless`);
  }
  for (const name of restricted) assert.ok(name in manifest.contributes.configuration.properties, `${name} is a setting`);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
});

test("status item: a folder that turns checks or criteria off says so; Restricted Mode ignores it and checks", async () => {
  const fake = createFake();
  fake.settings["rfaReady.debounceMs"] = 5;
  const ext = loadExtension(fake);
  const subscriptions: { dispose(): void }[] = [];
  const changed = () => fake.events.config.fire({ affectsConfiguration: (s: string) => s === "rfaReady" || s.startsWith("rfaReady.") });
  try {
    ext.activate({ subscriptions, extensionUri: Uri.file("/ext/rfa-ready"), extension: { packageJSON: { version: "0.0.0-test" } } });
    const doc = new FakeDocument(Uri.parse("untitled:Untitled-1"), NOTE);
    fake.documents.push(doc);
    fake.window.activeTextEditor = { document: doc, selection: new Range(0, 0, 0, 0) };
    fake.events.open.fire(doc);
    await until(() => (fake.published.get(doc.uri.toString()) ?? []).length > 0);
    assert.match(fake.statusItem.text, /^\$\(checklist\) RFA: \d+ requests?, \d+ gaps?$/);

    // The folder disables a family and one criterion.
    const before = fake.published.get(doc.uri.toString())!;
    fake.folderSettings["rfaReady.disabledCriteria"] = ["benzodiazepines"];
    fake.folderSettings["rfaReady.severity"] = { "tpi.max-injections": "off" };
    changed();
    await until(() => fake.published.get(doc.uri.toString()) !== before && fake.statusItem.text.includes("folder setting"));
    assert.match(fake.statusItem.text, / · 2 off \(folder setting\)$/);
    assert.match(fake.statusItem.tooltip, /This folder's settings turn off: benzodiazepines, tpi\.max-injections\./);

    // The folder turns the checks off: no diagnostics, and the status item says why.
    fake.folderSettings["rfaReady.enable"] = false;
    changed();
    await until(() => !fake.published.has(doc.uri.toString()));
    assert.equal(fake.statusItem.text, "$(circle-slash) RFA Ready: off (folder setting)");
    assert.equal(fake.statusItem.visible, true);

    // Restricted Mode: the folder's restricted settings are ignored; the note is checked in full.
    fake.trust.isTrusted = false;
    changed();
    await until(() => (fake.published.get(doc.uri.toString()) ?? []).length > 0);
    await until(() => /^\$\(checklist\) RFA: /.test(fake.statusItem.text));
    assert.doesNotMatch(fake.statusItem.text, /folder setting/);
    assert.match(fake.statusItem.tooltip, /Restricted Mode: this folder's rfaReady\.enable, rfaReady\.severity, rfaReady\.disabledCriteria are ignored/);
    assert.equal(fake.published.get(doc.uri.toString())!.length, before.length, "every finding, as without the folder's settings");

    // The user's own setting off: nothing to point at, the item hides.
    fake.trust.isTrusted = true;
    for (const key of Object.keys(fake.folderSettings)) delete fake.folderSettings[key];
    fake.settings["rfaReady.enable"] = false;
    changed();
    await until(() => !fake.published.has(doc.uri.toString()) && !fake.statusItem.visible);
  } finally {
    for (const s of subscriptions) s.dispose();
    ext.deactivate();
  }
});
