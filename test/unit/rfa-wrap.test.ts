// The PDF writer's word wrap: every line fits its column at the font's real (shaped) width, no
// character is lost or reordered, a token wider than the column is broken between characters, and
// the work is linear in the text (counted as characters handed to the font's measure, not timed).
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { deflateSync } from "node:zlib";
import { join } from "node:path";
import { PDFDocument, type PDFFont } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import { draftRfa } from "../../src/core/index";
import { embedPdfFonts, wrapText, writeRfaPdf } from "../../src/core/rfa/pdf";
import { fontsFromPackage } from "../../src/core/rfa/fonts";

const fonts = fontsFromPackage();
let regular: PDFFont;
let bold: PDFFont;

before(async () => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  ({ regular, bold } = await embedPdfFonts(doc, fonts));
});

const squeeze = (s: string) => s.replace(/\s+/g, "");

function assertWrapped(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines = wrapText(text, font, size, width);
  for (const [i, line] of lines.entries()) {
    assert.ok(font.widthOfTextAtSize(line, size) <= width + 1e-9, `line ${i + 1} (${line.length} chars) is wider than ${width}`);
    assert.ok(line.length > 0 || lines.length === 1, `line ${i + 1} is empty`);
  }
  assert.equal(squeeze(lines.join("")), squeeze(text), "every character kept, in order");
  return lines;
}

describe("word wrap", () => {
  test("ordinary words stay whole, one space between them", () => {
    const text = "Trigger point injections to the right trapezius and levator scapulae, one session,\tunder  palpation.";
    const lines = assertWrapped(text, regular, 8.5, 120);
    assert.ok(lines.length >= 3);
    assert.equal(lines.join(" "), text.replace(/\s+/g, " "));
  });

  test("a 1,000-character token is broken into lines that each fit", () => {
    const token = "x".repeat(1000);
    const lines = assertWrapped(token, regular, 8.5, 138);
    assert.ok(lines.length > 10, `${lines.length} lines`);
    assert.equal(lines.join(""), token);
    // Filled lines: each but the last would overflow with one more character.
    for (const line of lines.slice(0, -1)) assert.ok(regular.widthOfTextAtSize(`${line}x`, 8.5) > 138);
  });

  test("a 500-character name of mixed widths, in bold and regular, in a narrow column", () => {
    const name = Array.from({ length: 500 }, (_, i) => "WiMl.-0Q"[i % 8]).join("");
    for (const font of [regular, bold]) assertWrapped(`Name: ${name} (verify)`, font, 9.5, 96);
  });

  test("a token after words starts on a line of its own; words after it continue its last line", () => {
    const lines = assertWrapped(`Norco 10/325 mg #90 ${"y".repeat(300)} then taper`, regular, 9, 150);
    assert.equal(lines[0], "Norco 10/325 mg #90");
    assert.match(lines.at(-1)!, /^y+ then taper$/);
  });

  test("a column narrower than one glyph still gets one character per line, none lost", () => {
    assert.deepEqual(wrapText("WWW", regular, 12, 2), ["W", "W", "W"]);
  });

  test("empty and whitespace-only text give one empty line", () => {
    assert.deepEqual(wrapText("", regular, 9, 100), [""]);
    assert.deepEqual(wrapText(" \t ", regular, 9, 100), [""]);
  });

  test("the work is linear: the font measures about as many characters as the text holds", () => {
    let measured = 0;
    const counting = Object.create(regular) as PDFFont;
    counting.widthOfTextAtSize = (t: string, size: number) => ((measured += t.length), regular.widthOfTextAtSize(t, size));
    for (const length of [1000, 20000]) {
      measured = 0;
      const token = "ab".repeat(length / 2);
      wrapText(token, counting, 8.5, 100);
      assert.ok(measured <= 2 * length + 16, `${measured} characters measured for ${length}`);
    }
  });
});

describe("the PDF with hostile lengths", () => {
  test("a 500-character patient name and a 1,000-character token in a request line are written and readable", async (t) => {
    if (spawnSync("pdftotext", ["-v"]).error) throw new Error("pdftotext is not installed: run `bash scripts/test-setup.sh` (Debian poppler-utils)");
    const name = "Q".repeat(500);
    const token = "z".repeat(1000);
    const note = `---\npatient: ${name}\n---\nDate of service: 10/01/2026\n\n## Assessment\n1. Lumbar strain (S39.012D)\n\n## Plan\n1. Physical therapy 2x/week x 6 weeks, lumbar spine ${token}\n`;
    const draft = draftRfa(note, { today: "2026-10-02" });
    const file = join(mkdtempSync(join(tmpdir(), "rfa-wrap-")), "long.pdf");
    // Compressed with Node's zlib, as dist/rfa-pdf.js writes it.
    writeFileSync(file, await writeRfaPdf(draft, fonts, { deflate: (b) => deflateSync(b) }));
    const r = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const text = squeeze(r.stdout);
    // The attachment page repeats the request line whole, broken over lines.
    assert.ok(text.includes(token), "the token is in the PDF, whole once the line breaks are removed");
    assert.ok(text.includes("Q".repeat(200)), "the name is in the PDF");
    t.diagnostic(`${draft.lines.length} request line(s)`);
  });
});
