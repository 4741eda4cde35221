// The RFA PDF: for every fixture note, the text extracted from the PDF (Debian poppler-utils
// `pdftotext`; `bash scripts/test-setup.sh` installs it) holds every field of the draft: the header
// values, each line's diagnosis, ICD-10 code, service, CPT/HCPCS code and other information, the
// dates, and the readiness summary on the attachment page.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { draftRfa, type RfaDraft } from "../../src/core/index";
import { codeText, diagnosisText, formDate, icdText, otherInformation } from "../../src/core/rfa/draft";
import { writeRfaPdf } from "../../src/core/rfa/pdf";
import { fontsFromPackage } from "../../src/core/rfa/fonts";

const dir = join(__dirname, "..", "fixtures", "rfa");
const tmp = mkdtempSync(join(tmpdir(), "rfa-pdf-"));
const fonts = fontsFromPackage();

function pdftotext(file: string, ...args: string[]): string {
  const r = spawnSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });
  if (r.error) throw new Error("pdftotext is not installed: run `bash scripts/test-setup.sh` (Debian poppler-utils)");
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

before(() => {
  // Fails loudly, with the fix, when poppler-utils is missing.
  if (spawnSync("pdftotext", ["-v"]).error) throw new Error("pdftotext is not installed: run `bash scripts/test-setup.sh` (Debian poppler-utils)");
});

function fieldsOf(d: RfaDraft): string[] {
  const values = [
    ...Object.values(d.header.employee),
    ...Object.values(d.header.physician),
    ...Object.values(d.header.claimsAdministrator),
  ].filter((v): v is string => typeof v === "string");
  for (const l of d.lines) values.push(diagnosisText(l), icdText(l), l.procedure, codeText(l), otherInformation(l));
  if (d.dateOfService) values.push(formDate(d.dateOfService));
  if (d.requestDate) values.push(formDate(d.requestDate));
  return values.filter(Boolean);
}

const TODAY: Record<string, string> = {};
for (const f of readdirSync(dir).filter((x) => x.endsWith(".expected.json"))) {
  TODAY[f.replace(/\.expected\.json$/, ".md")] = (JSON.parse(readFileSync(join(dir, f), "utf8")) as { today: string }).today;
}

describe("RFA PDF text", () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    test(`${name}: every field is in the PDF's text`, async () => {
      const draft = draftRfa(readFileSync(join(dir, name), "utf8"), { today: TODAY[name] ?? "2026-10-20" });
      const bytes = await writeRfaPdf(draft, fonts);
      const file = join(tmp, name.replace(/\.md$/, ".pdf"));
      writeFileSync(file, bytes);
      assert.equal(Buffer.from(bytes.slice(0, 5)).toString("latin1"), "%PDF-");

      const first = norm(pdftotext(file, "-f", "1", "-l", "1"));
      const all = norm(pdftotext(file));
      for (const heading of ["REQUEST FOR AUTHORIZATION", "DWC Form RFA", "New Request", "Resubmission – Change in Material Facts", "Expedited Review", "Employee Information", "Requesting Physician Information", "Claims Administrator Information", "Requested Treatment", "Requesting Physician Signature"]) {
        assert.ok(first.includes(heading), `page 1 has "${heading}"`);
      }
      for (const value of fieldsOf(draft)) assert.ok(all.includes(norm(value)), `the PDF holds "${value}"`);
      // The attachment: every gap of every request, by criterion ID, and every missing field.
      assert.ok(all.includes("Attachment: readiness summary"));
      for (const r of draft.readiness) for (const g of r.gaps) assert.ok(all.includes(g.criterion), g.criterion);
      for (const g of draft.missing.header) assert.ok(all.includes(g.label), g.label);
      // The attachment starts on its own page.
      assert.ok(!first.includes("Attachment: readiness summary"));
    });
  }

  test("characters the font lacks are replaced, never dropped silently or thrown", async () => {
    const draft = draftRfa("---\npatient: 王小明 🙂 O'Brien\n---\n## Plan\n1. Massage therapy 4 visits, lumbar\n", { today: "2026-10-20" });
    const file = join(tmp, "glyphs.pdf");
    writeFileSync(file, await writeRfaPdf(draft, fonts));
    assert.match(norm(pdftotext(file)), /\?+ \?+ O'Brien/);
  });

  test("a long request list continues on further pages with the table header repeated", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `${i + 1}. Norco 10/325 mg, 1 tab TID prn pain, #${60 + i}`);
    const draft = draftRfa(`Date of service: 10/01/2026\n\n## Assessment\n1. Lumbar strain (S39.012D)\n\n## Plan\n${lines.join("\n")}\n`, { today: "2026-10-02" });
    assert.equal(draft.lines.length, 30);
    const file = join(tmp, "long.pdf");
    writeFileSync(file, await writeRfaPdf(draft, fonts));
    const text = norm(pdftotext(file));
    assert.ok((text.match(/Diagnosis \(required\)/g) ?? []).length >= 2, "the header repeats on the next page");
    for (let i = 0; i < 30; i++) assert.ok(text.includes(`#${60 + i}`), `line ${i + 1}`);
  });
});

test("a warm writer (fonts parsed and compressed once per thread) writes the same bytes as a fresh one", async () => {
  const note = readFileSync(join(dir, "complete.md"), "utf8");
  const draft = draftRfa(note, { today: "2026-10-20" });
  const first = await writeRfaPdf(draft, fonts);
  const again = await writeRfaPdf(draft, fonts);
  // Fresh copies of the font files: nothing cached applies to them.
  const fresh = await writeRfaPdf(draft, { regular: Uint8Array.from(fonts.regular), bold: Uint8Array.from(fonts.bold) });
  assert.ok(Buffer.from(first).equals(Buffer.from(again)), "the second PDF from the same fonts is identical");
  assert.ok(Buffer.from(first).equals(Buffer.from(fresh)), "identical to a PDF written with freshly read fonts");
  const other = await writeRfaPdf(draftRfa(note.replace("Sample, Jane Q.", "Other, Ann"), { today: "2026-10-20" }), fonts);
  assert.ok(!Buffer.from(first).equals(Buffer.from(other)), "a different draft gives a different PDF");
  const file = join(tmp, "warm.pdf");
  writeFileSync(file, again);
  assert.match(norm(pdftotext(file)), /REQUEST FOR AUTHORIZATION/);
});
