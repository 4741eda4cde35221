import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { classifyLabel, parseNote } from "../../src/core/note";
import { LineIndex } from "../../src/core/text";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

test("sections from markdown headings, Label: lines and ALL-CAPS lines", () => {
  const note = parseNote(
    ["# PR-2", "DOS 01/02/2024", "", "## Subjective", "Neck pain.", "", "O:", "- twitch", "", "DIAGNOSES", "1. MPS", "", "Plan / RFA 9-9-2015:", "1. TPI x3"].join("\n"),
  );
  assert.deepEqual(
    note.sections.map((s) => s.kind),
    // The dated line opens an "other" section (a visit's heading in a case file).
    ["header", "other", "subjective", "exam", "assessment", "plan"],
  );
});

test("label classification", () => {
  assert.equal(classifyLabel("Treatment plan / Request for Authorization"), "plan");
  assert.equal(classifyLabel("Hx / tx so far"), "history");
  assert.equal(classifyLabel("History of present illness"), "subjective");
  assert.equal(classifyLabel("ROS/psych"), "ros");
  assert.equal(classifyLabel("Current medications"), "medications");
  assert.equal(classifyLabel("S"), "subjective");
  assert.equal(classifyLabel("Work status"), undefined);
});

test("prose keeps offsets and blanks markup, code and comments", () => {
  const text = "**Plan:** `TPI` <!-- hidden -->\n\n```\ncode TPI\n```\n";
  const note = parseNote(text);
  assert.equal(note.prose.length, text.length);
  assert.ok(!note.prose.includes("**"));
  assert.ok(!note.prose.includes("hidden"));
  assert.ok(!note.prose.includes("code TPI"));
  assert.equal(note.prose.indexOf("TPI"), text.indexOf("TPI"));
  assert.equal(note.comments.length, 1);
});

test("sentences split at periods, semicolons and line ends, not decimals or abbreviations", () => {
  const note = parseNote("Xanax 0.5 mg daily. Dr. Smith saw her; pain 8/10\nnext line");
  const texts = note.sentences.map((s) => note.prose.slice(s.start, s.end));
  assert.deepEqual(texts, ["Xanax 0.5 mg daily.", "Dr. Smith saw her;", "pain 8/10", "next line"]);
});

test("table rows are blocks; cells end clauses", () => {
  const note = parseNote("| Modality | Amount |\n|---|---|\n| Massage | 6 visits |\n");
  const rows = note.blocks.filter((b) => b.kind === "row");
  assert.equal(rows.length, 2);
  assert.ok(note.prose.slice(rows[1].start, rows[1].end).includes("|"));
});

test("line index handles LF, CRLF and CR", () => {
  const idx = new LineIndex("a\r\nb\rc\nd");
  assert.deepEqual(idx.position(3), { line: 2, column: 1 });
  assert.deepEqual(idx.position(5), { line: 3, column: 1 });
  assert.deepEqual(idx.position(7), { line: 4, column: 1 });
  assert.equal(idx.lineEnd(1), 1);
});

test("line index positions equal counting line endings from the start, whatever order offsets come in (property)", () => {
  // position() searches onward from the last line it found: the answer must not depend on it.
  const count = (text: string, offset: number) => {
    const o = Math.max(0, Math.min(offset, text.length));
    let line = 1;
    let column = 1;
    for (let i = 0; i < o; i++) {
      const c = text[i];
      if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
        line++;
        column = 1;
      } else column++;
    }
    return { line, column };
  };
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom("a", "bb", "\n", "\r", "\r\n", "\n\n"), { maxLength: 80 }),
      fc.array(fc.integer({ min: -3, max: 200 }), { maxLength: 40 }),
      (pieces, offsets) => {
        const text = pieces.join("");
        const index = new LineIndex(text);
        for (const o of offsets) assert.deepEqual(index.position(o), count(text, o));
        for (const o of [...offsets].sort((a, b) => a - b)) assert.deepEqual(index.position(o), count(text, o));
      },
    ),
    { numRuns: 2000, seed: 7 },
  );
});

test("CRLF notes give the same sections as LF notes", () => {
  const lf = "S: pain\n\nO: exam\n\nP:\n1. TPI\n";
  const a = parseNote(lf).sections.map((s) => s.kind);
  const b = parseNote(lf.replace(/\n/g, "\r\n")).sections.map((s) => s.kind);
  assert.deepEqual(a, b);
});

test("nesting deep enough to overflow the stack in GFM's recursive tree transform still parses", () => {
  // A small stack makes a 600-deep list overflow where a default stack needs thousands: the
  // parser falls back to the same syntax without the tree transforms instead of throwing.
  const dir = mkdtempSync(join(tmpdir(), "rfa-stack-"));
  const script = join(dir, "deep.ts");
  const core = join(__dirname, "..", "..", "src", "core", "index.ts");
  writeFileSync(
    script,
    `import { analyze } from ${JSON.stringify(core)};\n` +
      `const text = "- ".repeat(600) + "item www.example.com\\n\\n## Plan\\n1. Trigger point injections x2\\n";\n` +
      `console.log(JSON.stringify(analyze(text, { today: "2026-11-23" }).requests.map((r) => r.service)));\n`,
  );
  const out = execFileSync(process.execPath, ["--stack-size=120", "--import", "tsx", script], { encoding: "utf8" });
  assert.deepEqual(JSON.parse(out.trim()), ["tpi"]);
});
