// The RFA header's sources, read robustly: front matter with any line ending, one unreadable field
// (an unknown YAML tag) reported while the others are kept, placeholders left from a template
// never taken for values, and the label forms notes carry in their body.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { draftRfa } from "../../src/core/index";
import { createHeaderReader, findFrontMatter, headerDiagnostics, isPlaceholder, labelledValues, readHeader } from "../../src/core/frontmatter";

const BLOCK = [
  "---",
  "patient: Roe, Ann",
  "date_of_birth: 02/03/1971",
  "claim_number: 0004567",
  "employer: Harbor Freight Co.",
  "physician:",
  "  name: Kim Lee, MD",
  "  npi: \"1234567893\"",
  "claims_administrator:",
  "  name: Valley TPA",
  "---",
  "# PR-2",
  "",
  "## Plan",
  "1. Massage therapy 4 visits, lumbar",
  "",
];

describe("line endings", () => {
  for (const [name, eol] of [["LF", "\n"], ["CRLF", "\r\n"], ["CR", "\r"]] as const) {
    test(`${name}: the block is found and every field read`, () => {
      const text = BLOCK.join(eol);
      const fm = findFrontMatter(text);
      assert.ok(fm?.data, "front matter found");
      assert.equal(fm.error, undefined);
      assert.equal(text.slice(fm.insertAt, fm.insertAt + 3), "---", "insertAt is the closing line");
      const h = readHeader(text);
      assert.equal(h.employee.name, "Roe, Ann");
      assert.equal(h.employee.claimNumber, "0004567");
      assert.equal(h.physician.npi, "1234567893");
      assert.equal(h.claimsAdministrator.name, "Valley TPA");
      assert.deepEqual(h.frontMatter?.range.end, { line: 12, column: 1 }, "the range counts lines the same for every ending");
    });
  }

  test("labelled lines with CR-only endings keep their line numbers", () => {
    const text = ["Patient: Roe, Ann", "Claim #: 778", "Employer: Bay Foods"].join("\r");
    const values = labelledValues(text, text.length);
    assert.deepEqual(values.get("claim_number"), { value: "778", source: "note", line: 2 });
    assert.equal(values.get("employer")?.line, 3);
  });
});

describe("one unreadable field", () => {
  test("an unknown tag loses only its own field; the field is reported, the rest kept", () => {
    const text = BLOCK.join("\n").replace("employer: Harbor Freight Co.", "employer: !custom Harbor Freight Co.");
    const fm = findFrontMatter(text)!;
    assert.equal(fm.error, undefined);
    assert.deepEqual(fm.badFields, [{ key: "employer", line: 5 }]);
    const h = readHeader(text);
    assert.equal(h.employee.name, "Roe, Ann");
    assert.equal(h.employee.dateOfBirth, "02/03/1971");
    assert.equal(h.physician.name, "Kim Lee, MD");
    assert.equal(h.employee.employer, undefined);
    const diags = headerDiagnostics(text);
    const bad = diags.filter((d) => /could not be read/.test(d.message));
    assert.equal(bad.length, 1);
    assert.equal(bad[0].line, 5);
    assert.match(bad[0].message, /`employer`/);
    assert.ok(!diags.some((d) => d.code === "rfa-header.employer"), "not also reported as missing");
    assert.ok(diags.some((d) => d.code === "rfa-header.physician.practice"), "the other gaps are still reported");
    for (const d of diags) assert.ok(!d.message.includes("Harbor"), "the value is never quoted");
  });

  test("a bad field inside a group loses only that field", () => {
    const text = BLOCK.join("\n").replace('  npi: "1234567893"', "  npi: !weird 1234567893\n  practice: Bay Spine");
    const fm = findFrontMatter(text)!;
    assert.deepEqual(fm.badFields, [{ key: "physician.npi", line: 8 }]);
    const h = readHeader(text);
    assert.equal(h.physician.name, "Kim Lee, MD");
    assert.equal(h.physician.practice, "Bay Spine");
    assert.equal(h.physician.npi, undefined);
    assert.equal(h.claimsAdministrator.name, "Valley TPA");
  });

  test("the draft keeps every readable field", () => {
    const text = BLOCK.join("\r").replace("claim_number: 0004567", "claim_number: !!binary 0004567\rdate_of_injury: 05/06/2024");
    const d = draftRfa(text, { today: "2026-10-01" });
    assert.equal(d.header.employee.name, "Roe, Ann");
    assert.equal(d.header.employee.dateOfInjury, "05/06/2024");
    assert.equal(d.header.employee.claimNumber, undefined);
  });

  test("nothing readable is still one error", () => {
    const fm = findFrontMatter("---\n: : :\n  - [\n---\n")!;
    assert.equal(fm.data, undefined);
    assert.match(fm.error ?? "", /not valid YAML/);
  });
});

describe("placeholders are not values", () => {
  test("an unfilled template leaves every field missing", () => {
    const text = "---\npatient: Last, First Middle\ndate_of_birth: MM/DD/YYYY\nclaim_number: claim number\nphysician:\n  npi: \"10-digit NPI\"\n---\n# PR-2\n";
    const h = readHeader(text);
    assert.equal(h.employee.name, undefined);
    assert.equal(h.employee.dateOfBirth, undefined);
    assert.equal(h.employee.claimNumber, undefined);
    assert.equal(h.physician.npi, undefined);
    assert.ok(h.missing.some((g) => g.key === "patient"));
    assert.ok(isPlaceholder(" MM/DD/YYYY "));
    assert.ok(!isPlaceholder("Roe, Ann"));
  });
});

describe("label forms in the body", () => {
  const header = (body: string) => readHeader(`# PR-2\n${body}\n\n## Subjective\nPain.\n`);

  test('"Patient: …; DOB: …; DOI: …; Claim #: …" on one line gives four fields, not one name', () => {
    const h = header("Patient: Roe, Ann; DOB: 02/03/1971; DOI: 05/06/2024; Claim #: WC-778");
    assert.equal(h.employee.name, "Roe, Ann");
    assert.equal(h.employee.dateOfBirth, "02/03/1971");
    assert.equal(h.employee.dateOfInjury, "05/06/2024");
    assert.equal(h.employee.claimNumber, "WC-778");
  });

  test("commas split only before a known label", () => {
    const h = header("Patient: Roe, Ann, DOB: 02/03/1971\nAddress: 12 Oak St, Suite 4, Fresno, CA 93701");
    assert.equal(h.employee.name, "Roe, Ann");
    assert.equal(h.employee.dateOfBirth, "02/03/1971");
    assert.equal(h.physician.address, "12 Oak St, Suite 4, Fresno, CA 93701");
  });

  test('"DOI 10-1-2014", "D.O.B.", "Claim No." with and without colons', () => {
    const a = header("DOI 10-1-2014\nD.O.B. 7/8/1966\nClaim No. ABC-99812");
    assert.equal(a.employee.dateOfInjury, "10-1-2014");
    assert.equal(a.employee.dateOfBirth, "7/8/1966");
    assert.equal(a.employee.claimNumber, "ABC-99812");
    const b = header("D.O.B.: 7/8/1966   Claim No.: 55120   DOI: 10/01/2014");
    assert.equal(b.employee.dateOfBirth, "7/8/1966");
    assert.equal(b.employee.claimNumber, "55120");
    assert.equal(b.employee.dateOfInjury, "10/01/2014");
  });

  test("a sentence mentioning a claim is not a label", () => {
    const h = header("The claim was accepted for the lumbar spine.");
    assert.equal(h.employee.claimNumber, undefined);
  });
});

describe("the header read again after edits", () => {
  // A small deterministic generator (mulberry32), so a failure replays.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const body = [
    "## Subjective",
    "Neck pain since the fall; sleeps poorly.",
    "",
    "## Plan",
    "1. Acupuncture 6 sessions, cervical",
    "Adjuster: to be confirmed",
    "",
  ];
  const notes: Array<[string, string]> = [
    ["front matter", ["---", "patient: Roe, Ann", "physician:", "  name: Kim Lee, MD", "---", "# PR-2", ...body].join("\n")],
    ["labelled lines, CRLF", ["PR-2 progress report", "Patient: Roe, Ann", "Claim #: WC-1", ...body].join("\r\n")],
    ["an open fence never closed", ["---", "patient: Roe, Ann", ...body].join("\n")],
    ["no header at all", body.join("\n")],
  ];
  const pieces = ["x", " ", "\n", "\r", "---", "DOB: 02/03/1971", "Employer: Acme", ":", "## Plan", "Claim", "...", "\r\n"];
  for (const [name, base] of notes) {
    test(`${name}: every answer equals a fresh read, and edits in the body keep it`, () => {
      const next = random(name.length * 7919);
      const reader = createHeaderReader();
      let text = base;
      for (let step = 0; step < 400; step++) {
        const at = Math.floor(next() * (text.length + 1));
        if (next() < 0.5) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        if (next() < 0.3) {
          // A keystroke in the body's first sentence, if it is still there.
          const s = text.indexOf("sleeps poorly");
          if (s >= 0) {
            text = text.slice(0, s) + "z" + text.slice(s);
            assert.deepEqual(reader.read(text), headerDiagnostics(text), `step ${step}`);
          }
        }
        assert.deepEqual(reader.read(text), headerDiagnostics(text), `step ${step}`);
      }
      assert.ok(reader.kept > 0, "some edits kept the previous answer");
    });
  }
});
