// The CLI against hostile input and careless use, as a user runs it (the built dist/cli.js; npm
// test builds first): a note that was not checked never exits 0; devices and endless input are
// refused at once; options are validated; --out never destroys a file; a closed pipe or a full
// disk ends with one line, never a stack trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeNote } from "../../src/cli/decode";
import { isCalendarDate, parseOptions } from "../../src/cli/options";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli.js");
const fixture = (name: string) => join(root, "test", "fixtures", "rfa", name);
const run = (args: string[], opts: { input?: string | Buffer; cwd?: string } = {}) =>
  spawnSync(process.execPath, [cli, ...args], { input: opts.input, encoding: "utf8", cwd: opts.cwd ?? root, timeout: 60_000 });
const shell = (script: string, cwd = root) => spawnSync("bash", ["-c", script], { encoding: "utf8", cwd, timeout: 60_000 });
const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at |Error:|node:internal/, stderr);
const tmp = mkdtempSync(join(tmpdir(), "rfa-cli-safety-"));
const NOTE = "## Plan\n1. Trigger point injections x5 to the trapezius\n";
const dir = (name: string) => {
  const d = join(tmp, name);
  mkdirSync(d);
  return d;
};

test("a device is refused without being read: /dev/zero ends at once with exit 2", () => {
  const r = run(["check", "/dev/zero"]);
  assert.equal(r.status, 2);
  assert.equal(r.signal, null);
  assert.match(r.stderr, /\/dev\/zero: not a regular file/);
  assert.match(r.stdout, /1 file not checked/);
  noStack(r.stderr);
});

test("endless stdin stops at the byte cap: not checked, exit 2", () => {
  const r = shell(`head -c 8000000 /dev/zero | tr '\\0' 'a' | node ${JSON.stringify(cli)} check -`);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /<stdin>: over the size limit/);
});

test("a named FIFO is refused without waiting for a writer", () => {
  const fifo = join(dir("fifo"), "note.md");
  assert.equal(shell(`mkfifo ${JSON.stringify(fifo)}`).status, 0);
  const r = run(["check", fifo]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a regular file/);
});

test("a note over the character limit is not checked: exit 2, the other notes still checked", () => {
  const d = dir("big");
  const big = join(d, "big.md");
  writeFileSync(big, `## Plan\n1. TPI x5\n${"x".repeat(2_000_100)}\n`);
  const ok = join(d, "ok.md");
  writeFileSync(ok, NOTE);
  const r = run(["check", "--format", "json", big, ok]);
  assert.equal(r.status, 2);
  const files = JSON.parse(r.stdout).files;
  assert.equal(files[0].checked, false);
  assert.match(files[0].error, /limit/);
  assert.equal(files[1].checked, true);
  assert.ok(files[1].findings.some((f: { criterion: string }) => f.criterion === "tpi.max-injections"));
  assert.match(r.stderr, /big\.md: .*limit/);
});

test("NUL bytes anywhere, UTF-32 and invalid UTF-8 are not checked: exit 2 with a reason", () => {
  const d = dir("enc");
  const late = join(d, "late-nul.md");
  writeFileSync(late, Buffer.concat([Buffer.from(`${NOTE}${"y".repeat(20_000)}`), Buffer.from([0]), Buffer.from("tail\n")]));
  const u32 = join(d, "u32.md");
  writeFileSync(u32, Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(NOTE, "utf16le")]));
  for (const [path, reason] of [
    [late, /binary file/],
    [u32, /UTF-32/],
  ] as const) {
    const r = run(["check", path]);
    assert.equal(r.status, 2, path);
    assert.match(r.stderr, reason);
    noStack(r.stderr);
  }
  // UTF-16 with a BOM is still read.
  const u16 = join(d, "u16.md");
  writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, "utf16le")]));
  assert.equal(run(["check", u16]).status, 1);
});

test("decodeNote: NUL after the first 8 KB, UTF-32 both orders, UTF-16 with NUL characters", () => {
  assert.ok("error" in decodeNote(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])));
  assert.ok("error" in decodeNote(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61])));
  assert.ok("error" in decodeNote(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\u0000b", "utf16le")])));
  assert.deepEqual(decodeNote(Buffer.from("plain\n")), { text: "plain\n" });
});

test("unknown options are usage errors, never file names; -- ends the options", () => {
  for (const args of [["check", "-x", fixture("complete.md")], ["check", "--bogus", fixture("complete.md")], ["rfa", "-x", fixture("complete.md")]]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(" "));
    assert.match(r.stderr, /unknown option '-(x|-bogus)'/);
    assert.doesNotMatch(r.stderr, /no such file/);
  }
  const d = dir("dash");
  writeFileSync(join(d, "-x.md"), NOTE);
  const r = run(["check", "--", "-x.md"], { cwd: d });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(run(["check", "--format"]).status, 2);
  assert.equal(run(["rfa", fixture("complete.md"), "--out"]).status, 2);
});

test("parseOptions: values, repeats, flags and errors", () => {
  const specs = [
    { name: "out", short: "o", value: true },
    { name: "disable", value: true, repeat: true },
    { name: "force", value: false },
  ];
  const p = parseOptions(["-o", "a.pdf", "--disable=x", "--disable", "y", "--force", "n.md", "-"], specs);
  assert.ok(!("error" in p));
  assert.deepEqual([...p.options], [["out", ["a.pdf"]], ["disable", ["x", "y"]], ["force", [""]]]);
  assert.deepEqual(p.files, ["n.md", "-"]);
  assert.deepEqual(parseOptions(["--out", "a", "--out", "b"], specs), { error: "--out given twice" });
  assert.deepEqual(parseOptions(["--force=yes"], specs), { error: "--force takes no value" });
  assert.deepEqual(parseOptions(["--out="], specs), { error: "--out needs a value" });
});

test("--today must be a calendar date", () => {
  for (const bad of ["2026-13-45", "2026-02-30", "2025-02-29", "26-01-01", "today"]) {
    assert.equal(isCalendarDate(bad), false, bad);
    const r = run(["rfa", "--today", bad, fixture("complete.md")]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--today must be a calendar date/);
  }
  for (const good of ["2024-02-29", "2026-12-31", "2026-01-01"]) assert.equal(isCalendarDate(good), true, good);
  assert.equal(run(["rfa", "--today", "2024-02-29", fixture("complete.md")]).status, 0);
});

test("rfa --out refuses the note itself, a symlink, a directory and an existing file; --force replaces only a file", () => {
  const d = dir("out");
  const note = join(d, "note.md");
  const original = readFileSync(fixture("complete.md"));
  writeFileSync(note, original);
  const self = run(["rfa", "--force", "--out", note, note]);
  assert.equal(self.status, 2);
  assert.match(self.stderr, /is the note being read/);
  assert.deepEqual(readFileSync(note), original);

  const target = join(d, "precious.txt");
  writeFileSync(target, "keep me");
  const link = join(d, "link.pdf");
  symlinkSync(target, link);
  const viaLink = run(["rfa", "--force", "--out", link, note]);
  assert.equal(viaLink.status, 2);
  assert.match(viaLink.stderr, /symbolic link/);
  assert.equal(readFileSync(target, "utf8"), "keep me");
  assert.ok(lstatSync(link).isSymbolicLink());

  assert.match(run(["rfa", "--out", d, note]).stderr, /is a directory/);

  const pdf = join(d, "draft.pdf");
  assert.equal(run(["rfa", "--out", pdf, note]).status, 0);
  writeFileSync(pdf, "an older draft");
  const again = run(["rfa", "--out", pdf, note]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /already exists; use --force/);
  assert.equal(readFileSync(pdf, "utf8"), "an older draft");
  assert.equal(run(["rfa", "--force", "--out", pdf, note]).status, 0);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString("latin1"), "%PDF-");
  // No temporary file is left beside the output.
  assert.deepEqual(readdirSync(d).filter((f) => f.endsWith(".tmp")), []);
});

test("rfa --out - writes the PDF to stdout and no file named -", () => {
  const d = dir("stdout");
  const r = spawnSync(process.execPath, [cli, "rfa", "--out", "-", fixture("complete.md")], { cwd: d });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.subarray(0, 5).toString("latin1"), "%PDF-");
  assert.equal(existsSync(join(d, "-")), false);
  assert.equal(run(["rfa", "--out", "-", "--format", "json", fixture("complete.md")]).status, 2);
});

test("a closed pipe ends quietly; a full disk prints one line and exits non-zero", () => {
  const many = Array.from({ length: 40 }, () => join(root, "test", "fixtures", "seeds", "seed-004", "note.md"));
  const piped = shell(`node ${JSON.stringify(cli)} check ${many.map((m) => JSON.stringify(m)).join(" ")} | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`);
  assert.match(piped.stderr, /^status=[01]\n$/);
  noStack(piped.stderr);

  const full = shell(`node ${JSON.stringify(cli)} check ${JSON.stringify(fixture("complete.md"))} > /dev/full`);
  assert.notEqual(full.status, 0);
  assert.equal(full.stderr.trim().split("\n").length, 1, full.stderr);
  assert.match(full.stderr, /no space left/);
  noStack(full.stderr);

  const dev = run(["rfa", "--out", "/dev/full", fixture("complete.md")]);
  assert.equal(dev.status, 2);
  assert.match(dev.stderr, /not a regular file/);
});
