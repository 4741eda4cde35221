// The CLI as a user runs it: the built dist/cli.js (npm test builds first), exit codes and formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli.js");
const seed = (n: number) => join(root, "test", "fixtures", "seeds", `seed-00${n}`, "note.md");
const run = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8", cwd: root });
const tmp = mkdtempSync(join(tmpdir(), "rfa-cli-"));
const file = (name: string, content: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

test("check seed-004: the reviewer's gaps with citations, exit 1", () => {
  const r = run(["check", seed(4)]);
  assert.equal(r.status, 1);
  for (const id of ["tpi.trigger-points-documented", "tpi.repeat-relief", "opioids.pain-scores", "opioids.urine-drug-screen", "benzo.short-term"]) {
    assert.match(r.stdout, new RegExp(`\\[${id.replace(".", "\\.")}\\]`));
  }
  assert.match(r.stdout, /seed-004\/note\.md:\d+:\d+ {2}warning {2}/);
  assert.match(r.stdout, /CPMTG 2009/);
  assert.match(r.stdout, /\d+ findings for 3 requests in 1 file\n$/);
  assert.equal(r.stderr, "");
});

test("json format has the documented shape", () => {
  const r = run(["check", "--format", "json", seed(2), seed(3)]);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.equal(out.files.length, 2);
  const f = out.files[0];
  assert.deepEqual(Object.keys(f).slice(0, 3), ["path", "requests", "findings"]);
  assert.deepEqual(Object.keys(f.requests[0]).sort(), ["line", "service", "text"]);
  const finding = f.findings[0];
  for (const k of ["criterion", "service", "kind", "severity", "message", "citation", "range", "request"]) assert.ok(k in finding, k);
  assert.ok(finding.range.start.line >= 1 && finding.range.start.column >= 1);
});

test("a note with no requests exits 0; stdin with -", () => {
  const r = run(["check", "-"], "## Subjective\nNeck pain, doing well.\n");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /0 findings for 0 requests in 1 file/);
});

test("empty, CRLF, CR-only and very long-line notes are handled", () => {
  assert.equal(run(["check", file("empty.md", "")]).status, 0);
  const crlf = run(["check", "--format", "json", file("crlf.md", "## Plan\r\n1. Trigger point injections x5\r\n")]);
  assert.equal(crlf.status, 1);
  assert.equal(JSON.parse(crlf.stdout).files[0].findings.find((f: { criterion: string }) => f.criterion === "tpi.max-injections").range.start.line, 2);
  assert.equal(run(["check", file("cr.md", "## Plan\r1. Trigger point injections x5\r")]).status, 1);
  const long = run(["check", file("long.md", `## Plan\n1. TPI x5 ${"word ".repeat(200_000)}\n`)]);
  assert.equal(long.status, 1);
});

test("binary and invalid UTF-8 files: one line on stderr naming the file, others still checked, exit 2", () => {
  const bin = file("scan.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  const latin = file("latin1.md", Buffer.from([0x50, 0x6c, 0x61, 0x6e, 0xe9, 0x0a]));
  const r = run(["check", "--format", "json", bin, latin, seed(0)]);
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /scan\.md: binary file/);
  assert.match(lines[1], /latin1\.md: not valid UTF-8/);
  const files = JSON.parse(r.stdout).files;
  assert.deepEqual(files.map((f: { checked: boolean }) => f.checked), [false, false, true]);
  assert.match(files[0].error, /binary file/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/); // no stack trace
});

test("usage errors exit 2 with one message", () => {
  assert.equal(run([]).status, 2);
  assert.equal(run(["lint", "x.md"]).status, 2);
  assert.equal(run(["check"]).status, 2);
  assert.equal(run(["check", "--format", "xml", seed(0)]).status, 2);
  const missing = run(["check", join(tmp, "nope.md")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.md: no such file/);
  assert.equal(run(["--help"]).status, 0);
});

test("--disable silences a criterion or a family", () => {
  const all = JSON.parse(run(["check", "--format", "json", seed(4)]).stdout).files[0].findings;
  const some = JSON.parse(run(["check", "--format", "json", "--disable", "opioids,tpi.repeat-relief", seed(4)]).stdout).files[0].findings;
  assert.ok(all.some((f: { service: string }) => f.service === "opioids"));
  assert.ok(!some.some((f: { service: string }) => f.service === "opioids"));
  assert.ok(!some.some((f: { criterion: string }) => f.criterion === "tpi.repeat-relief"));
  assert.ok(some.some((f: { criterion: string }) => f.criterion === "tpi.trigger-points-documented"));
});

test("messages never quote note text", () => {
  const marker = "Zyxwvut";
  const r = run(["check", "--format", "json", "-"], `# ${marker}\n## Plan\n1. Trigger point injections x5 for ${marker}\n2. Norco 10/325 #90 ${marker}\n`);
  const out = JSON.parse(r.stdout);
  for (const f of out.files[0].findings) assert.ok(!f.message.includes(marker) && !f.citation.includes(marker));
});
