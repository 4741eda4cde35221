// `rfa-ready rfa` as a user runs it (the built dist/cli.js; npm test builds first): PDF, JSON and
// markdown output, exit codes, usage errors; and the PDF writer kept out of the CLI and extension
// bundles (dist/rfa-pdf.js is loaded only when a PDF is written).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli.js");
const fixture = (name: string) => join(root, "test", "fixtures", "rfa", name);
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8", cwd: root });
const tmp = mkdtempSync(join(tmpdir(), "rfa-cli-"));

test("rfa --out writes the PDF and a one-line summary; exit 0 when every field is filled", () => {
  const out = join(tmp, "complete.pdf");
  const r = run(["rfa", fixture("complete.md"), "--out", out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /^wrote .*complete\.pdf: 4 requests, every field filled\n$/);
  assert.equal(readFileSync(out).subarray(0, 5).toString("latin1"), "%PDF-");
});

test("rfa --format json prints the draft; exit 1 when fields are missing", () => {
  const r = run(["rfa", "--format", "json", "--today", "2026-11-10", fixture("labelled-lines.md")]);
  assert.equal(r.status, 1);
  const d = JSON.parse(r.stdout);
  assert.equal(d.version, 1);
  assert.equal(d.header.employee.claimNumber, "00-778899");
  assert.deepEqual(d.lines.map((l: { service: string }) => l.service), ["tpi", "opioids", "massage"]);
  assert.ok(d.missing.header.some((g: { key: string }) => g.key === "physician.license"));
  assert.ok(Array.isArray(d.readiness) && d.readiness.length === 3);
});

test("rfa prints the markdown draft by default and reads stdin with -", () => {
  const r = run(["rfa", "-"], readFileSync(fixture("complete.md"), "utf8"));
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^# Request for Authorization \(DWC Form RFA\): draft/);
  assert.match(r.stdout, /\| 2 \| Lumbar radiculopathy, left L5 \| M54\.16 \|/);
});

test("rfa usage errors exit 2 with one message and no stack trace", () => {
  for (const args of [["rfa"], ["rfa", "a.md", "b.md"], ["rfa", "--format", "pdf", fixture("complete.md")], ["rfa", "--today", "yesterday", fixture("complete.md")], ["rfa", "--bogus", fixture("complete.md")], ["rfa", join(tmp, "missing.md")]]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(" "));
    assert.ok(r.stderr.startsWith("rfa-ready: "), args.join(" "));
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  }
  const bin = join(tmp, "scan.md");
  writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
  assert.match(run(["rfa", bin]).stderr, /binary file/);
});

test("check still works and its help names both commands", () => {
  assert.equal(run(["check", fixture("complete.md")]).status, 1);
  const help = run(["--help"]);
  assert.match(help.stdout, /rfa-ready check/);
  assert.match(help.stdout, /rfa-ready rfa .*--out RFA\.pdf/);
});

test("the PDF writer lives in dist/rfa-pdf.js only", () => {
  assert.ok(existsSync(join(root, "dist", "rfa-pdf.js")));
  for (const bundle of ["cli.js", "extension.js", "core.js"]) {
    const text = readFileSync(join(root, "dist", bundle), "utf8");
    assert.doesNotMatch(text, /PDFDocument|fontkit/, `${bundle} does not bundle pdf-lib`);
  }
});
