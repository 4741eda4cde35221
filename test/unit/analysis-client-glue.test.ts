// The bundled extension against the fake `vscode` API, with change events as VS Code sends them
// (offset, length replaced, new text): after the first check only edits go to the worker, the
// diagnostics equal the core's on the new text, a moved finding keeps its Diagnostic object
// (its range shifted), and a check that changes nothing leaves the collection as it is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";
import { FakeDocument, Uri, createFake, loadExtension, until, type Fake } from "./fake-vscode";

// A synthetic note (no real patient) whose plan lacks documentation.
const NOTE = `# PR-2 progress report
Date of service: 04/05/2025

## Subjective
Neck pain since a fall at work, worse when turning the head.

## Objective
Tenderness over the left trapezius.

## Plan / Request for Authorization
1. Trigger point injections x2, left trapezius
2. MRI cervical spine
`;

function activate(fake: Fake) {
  const ext = loadExtension(fake);
  const subscriptions: { dispose(): void }[] = [];
  ext.activate({ subscriptions, extensionUri: Uri.file("/ext/rfa-ready"), extension: { packageJSON: { version: "0.0.0-test" } } });
  return () => {
    for (const s of subscriptions) s.dispose();
    ext.deactivate();
  };
}

/** Replaces `length` characters at `offset` and fires the change event VS Code would. */
function edit(fake: Fake, doc: FakeDocument, offset: number, length: number, text: string) {
  doc.text = doc.text.slice(0, offset) + text + doc.text.slice(offset + length);
  doc.version++;
  fake.events.change.fire({ document: doc, contentChanges: [{ rangeOffset: offset, rangeLength: length, text }] });
}

/** The log line with the phases of the check of `version`. */
async function phases(fake: Fake, version: number): Promise<string> {
  const find = () => fake.log.find((l) => new RegExp(`phases (?:untitled )?note #\\d+ v${version}:`).test(l));
  await until(() => find() !== undefined);
  return find()!;
}

const OPTIONS = { maxChars: 2_000_000, disable: [], severity: {} };

test("edits go to the worker; findings equal the core's; moved findings keep their objects; nothing changed sets nothing", async () => {
  const fake = createFake();
  fake.settings["rfaReady.debounceMs"] = 5;
  const dispose = activate(fake);
  try {
    const doc = new FakeDocument(Uri.parse("untitled:Untitled-7"), NOTE);
    fake.documents.push(doc);
    fake.events.open.fire(doc);
    assert.match(await phases(fake, 1), /; text; /, "the first check sends the text");
    const first = fake.published.get(doc.uri.toString())!;
    const expected = analyze(NOTE, OPTIONS).findings;
    assert.ok(expected.length > 0, "the note has gaps");
    assert.equal(first.length, expected.length);

    // A line added below the title: every finding moves down one line, as the same object.
    edit(fake, doc, NOTE.indexOf("\n") + 1, 0, "Interval history reviewed.\n");
    const line = await phases(fake, 2);
    assert.match(line, /; 1 edits; /, "the second check sends the edit");
    assert.doesNotMatch(line, /; text/);
    const second = fake.published.get(doc.uri.toString())!;
    const now = analyze(doc.text, OPTIONS).findings;
    assert.deepEqual(
      second.map((d) => [d.code?.value, d.range.start.line]),
      now.map((f) => [f.criterion, f.range.start.line - 1]),
      "the core's findings on the new text",
    );
    assert.ok(
      second.every((d) => first.includes(d)),
      "each moved finding kept its Diagnostic object",
    );

    // A space at the end of the subjective line: the same findings at the same places.
    const at = doc.text.indexOf("turning the head.") + "turning the head.".length;
    edit(fake, doc, at, 0, " ");
    assert.match(await phases(fake, 3), /set skipped/, "nothing changed: the collection is not set");
    assert.equal(fake.published.get(doc.uri.toString()), second, "the published array is the one before");
    assert.deepEqual(
      second.map((d) => [d.code?.value, d.range.start.line]),
      analyze(doc.text, OPTIONS).findings.map((f) => [f.criterion, f.range.start.line - 1]),
    );

    // A change event without offsets (or a version skipped): the whole text.
    doc.text = doc.text.replace("Tenderness", "Marked tenderness");
    doc.version++;
    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    assert.match(await phases(fake, 4), /; text; /);
    doc.version += 2;
    edit(fake, doc, 0, 0, "");
    assert.match(await phases(fake, doc.version), /; text; /, "a version skipped sends the text");
    // The log names no text of the note.
    for (const l of fake.log) assert.doesNotMatch(l, /trapezius|Neck pain|Interval history/);
  } finally {
    dispose();
  }
});
