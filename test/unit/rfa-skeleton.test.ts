// The one note skeleton: the "New progress note" command and the pr2 / rfa-note snippet share it
// (the snippet file is what scripts/gen-snippets.mjs makes from it), it carries the RFA front
// matter with placeholders only, and the RFA drafted from a note made from it, its placeholders
// filled by this test with synthetic values, misses no header field the skeleton filled.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { analyze, draftRfa, HEADER_FIELDS } from "../../src/core/index";
import { FIELD_PLACEHOLDERS } from "../../src/core/skeleton";
import { progressNoteSnippet, progressNoteSnippetBody, SNIPPET_DATE } from "../../src/extension/templates";

const root = path.resolve(__dirname, "../..");
const snippetFile = path.join(root, "snippets", "progress-note.code-snippets");

interface Gen {
  renderProgressNote(current: string, body: string[]): string;
  checkSnippetBody(body: string[]): string[];
  SKELETON_SNIPPET: string;
}
let gen: Gen;
before(async () => {
  gen = (await import(pathToFileURL(path.join(root, "scripts/gen-snippets.mjs")).href)) as Gen;
});

/** Synthetic header values, by field key (no real person, practice or claim). */
const VALUES: Record<string, string> = {
  patient: "Quillfeather, Odessa M",
  date_of_birth: "04/17/1969",
  date_of_injury: "11/03/2024",
  claim_number: "ZX-0070021",
  employer: "Tidewater Bakery Supply",
  "physician.name": "Ramon Vieira, DO",
  "physician.practice": "Delta Spine and Rehab",
  "physician.address": "41 Levee Rd, Stockton, CA 95202",
  "physician.phone": "(209) 555-0142",
  "physician.fax": "(209) 555-0143",
  "physician.specialty": "Physical Medicine and Rehabilitation",
  "physician.license": "G 998877",
  "physician.npi": "1598765430",
  "claims_administrator.name": "Orchard Claims Group",
  "claims_administrator.adjuster": "Tess Marlowe",
  "claims_administrator.address": "PO Box 77, Modesto, CA 95353",
  "claims_administrator.phone": "(209) 555-0177",
  "claims_administrator.fax": "(209) 555-0178",
};

/** Synthetic body text, by placeholder (what a physician might write; not from any note). */
const BODY: Record<string, string> = {
  "body parts accepted on the claim": "lumbar spine",
  "TTD, modified duty or full duty, with restrictions": "modified duty, no lifting over 15 lb",
  "Chief complaint and interval history.": "Low back ache after a fall from a step stool.",
  n: "5",
  duration: "3 hours",
  "activity or work status, before → now, with numbers": "standing at the counter 10 → 25 min",
  treatment: "Chiropractic care",
  dates: "early 2025",
  "number of visits": "6 visits",
  "result (% relief, how long it lasted, functional change)": "brief relief only",
  "Findings by body part: inspection, ROM in degrees, palpation, neurologic exam.": "Lumbar flexion 50 degrees, paraspinal tenderness.",
  diagnosis: "Sprain of ligaments of lumbar spine",
  "ICD-10": "S33.5XXA",
  drug: "Ibuprofen",
  strength: "600 mg",
  sig: "1 tab TID",
  qty: "90",
  date: "10/01/2026",
  service: "Physical therapy",
  "body part/level": "lumbar spine",
  "qty/frequency/duration": "2x/week x 4 weeks",
  code: "97110",
};

const FM_KEYS = Object.keys(FIELD_PLACEHOLDERS);

/** The snippet as VS Code inserts it, each tab stop answered by `fill(number, placeholder)`. */
function insert(snippet: string, fill: (n: number, placeholder: string) => string): string {
  return snippet.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, p: string) => fill(Number(n), p)).replace(/\$0/g, "");
}

const skeleton = () => progressNoteSnippet(new Date(2026, 9, 14));
const filled = (skip: string[] = []) =>
  insert(skeleton(), (n, p) => {
    const key = FM_KEYS[n - 1];
    if (n <= FM_KEYS.length) return skip.includes(key) ? p : VALUES[key];
    return BODY[p] ?? p;
  });

describe("one skeleton", () => {
  test("the snippet file's pr2 / rfa-note entry is the command's skeleton (regenerate with node scripts/gen-snippets.mjs)", () => {
    const current = fs.readFileSync(snippetFile, "utf8");
    assert.equal(current, gen.renderProgressNote(current, progressNoteSnippetBody()), "snippets/progress-note.code-snippets is up to date");
    const entry = JSON.parse(current)[gen.SKELETON_SNIPPET] as { prefix: string[]; body: string[] };
    assert.deepEqual([...entry.prefix].sort(), ["pr2", "rfa-note"]);
    const date = "10/14/2026";
    assert.equal(entry.body.join("\n").split(SNIPPET_DATE).join(date) + "\n", skeleton(), "same text, but for the date");
    assert.deepEqual(gen.checkSnippetBody(entry.body), []);
  });

  test("it opens with the RFA front matter: every header key, each value a placeholder naming what to write", () => {
    const lines = skeleton().split("\n");
    assert.equal(lines[0], "---");
    const close = lines.indexOf("---", 1);
    assert.ok(close > 0);
    const block = lines.slice(1, close);
    for (const f of HEADER_FIELDS) {
      const leaf = f.key.split(".").at(-1)!;
      assert.ok(block.some((l) => new RegExp(`^\\s*${leaf}: "?\\$\\{\\d+:${FIELD_PLACEHOLDERS[f.key].replace(/[()]/g, "\\$&")}\\}"?$`).test(l)), `${f.key} is a placeholder`);
    }
    // No digit in any front matter placeholder but the NPI's length: no value.
    for (const p of Object.values(FIELD_PLACEHOLDERS)) assert.ok(!/\d/.test(p.replace("10-digit", "")), p);
  });

  test("left unfilled it raises nothing and gives no header value", () => {
    const text = insert(skeleton(), (_, p) => p);
    const result = analyze(text);
    assert.deepEqual(result.findings.map((f) => f.criterion), []);
    assert.deepEqual(result.notices, []);
    const d = draftRfa(text, { today: "2026-10-14" });
    assert.deepEqual(
      d.missing.header.map((g) => g.key),
      HEADER_FIELDS.filter((f) => f.required).map((f) => f.key),
      "every required field is still missing",
    );
  });
});

describe("the RFA of a note made from the skeleton", () => {
  test("filled: no header field missing, each as written, and the request line read", () => {
    const text = filled();
    const d = draftRfa(text, { today: "2026-10-14" });
    assert.deepEqual(d.missing.header, [], "no header field missing");
    const h = d.header;
    const got: Record<string, string | undefined> = {
      patient: h.employee.name,
      date_of_birth: h.employee.dateOfBirth,
      date_of_injury: h.employee.dateOfInjury,
      claim_number: h.employee.claimNumber,
      employer: h.employee.employer,
      "physician.name": h.physician.name,
      "physician.practice": h.physician.practice,
      "physician.address": h.physician.address,
      "physician.phone": h.physician.phone,
      "physician.fax": h.physician.fax,
      "physician.specialty": h.physician.specialty,
      "physician.license": h.physician.license,
      "physician.npi": h.physician.npi,
      "claims_administrator.name": h.claimsAdministrator.name,
      "claims_administrator.adjuster": h.claimsAdministrator.adjuster,
      "claims_administrator.address": h.claimsAdministrator.address,
      "claims_administrator.phone": h.claimsAdministrator.phone,
      "claims_administrator.fax": h.claimsAdministrator.fax,
    };
    assert.deepEqual(got, VALUES);
    assert.equal(d.dateOfService, "2026-10-14");
    const [line] = d.lines;
    assert.equal(line?.service, "pt");
    assert.deepEqual(line.diagnosis?.icd10, ["S33.5XXA"]);
    assert.equal(line.diagnosis?.matchedBy, "request line");
  });

  test("partly filled: exactly the fields left as placeholders are missing", () => {
    const skip = ["physician.fax", "claims_administrator.adjuster", "date_of_birth"];
    const d = draftRfa(filled(skip), { today: "2026-10-14" });
    assert.deepEqual(d.missing.header.map((g) => g.key).sort(), [...skip].sort());
    assert.equal(d.header.physician.phone, VALUES["physician.phone"]);
  });
});
