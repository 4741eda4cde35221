// The DWC Form RFA draft: fixture notes (test/fixtures/rfa/*.md, front matter or labelled lines)
// against their expected fields (<name>.expected.json); the front matter reader and its header
// diagnostics with fixes; the code table; the general rules rfa.specific-request and
// rfa.documentation-30-days.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, draftRfa, getCriterion, renderRfaMarkdown, type RfaDraft } from "../../src/core/index";
import { findFrontMatter, headerDiagnostics, headerEndOffset, maskFrontMatter, readHeader } from "../../src/core/frontmatter";
import { CODES, codesInText, resolveCodes, type CodeFacts } from "../../src/core/facts/codes";
import { completionSnippet } from "../../src/core/facts/rfa-line";

const dir = join(__dirname, "..", "fixtures", "rfa");
const seedsDir = join(__dirname, "..", "fixtures", "seeds");
const read = (name: string) => readFileSync(join(dir, name), "utf8");

interface Expected {
  today: string;
  header: Record<string, unknown>;
  dateOfService?: string;
  requestDate?: string;
  lines: Array<Record<string, unknown>>;
  missingHeader: string[];
  rfaFindings: Array<{ id: string; line: number }>;
}

function project(d: RfaDraft) {
  const { sources: _s, missing: _m, frontMatter: _f, ...header } = d.header;
  return {
    header: JSON.parse(JSON.stringify(header)) as Record<string, unknown>,
    dateOfService: d.dateOfService,
    requestDate: d.requestDate,
    lines: d.lines.map((l) => ({
      line: l.line,
      service: l.service,
      diagnosis: l.diagnosis ? { text: l.diagnosis.text, icd10: l.diagnosis.icd10 } : null,
      codes: l.codes.map((c) => c.code),
      quantity: l.quantity ?? null,
      frequency: l.frequency ?? null,
      duration: l.duration ?? null,
      bodyPart: l.bodyPart ?? null,
      levels: l.levels,
      laterality: l.laterality ?? null,
      missing: l.missing,
    })),
    missingHeader: d.missing.header.map((g) => g.key),
  };
}

const fixtures = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();

describe("fixture notes → RFA fields", () => {
  test("the folder holds fixtures, each with its expectation", () => {
    assert.ok(fixtures.length >= 3);
    for (const f of fixtures) assert.doesNotThrow(() => read(f.replace(/\.md$/, ".expected.json")), f);
  });
  for (const name of fixtures) {
    test(name, () => {
      const text = read(name);
      const exp = JSON.parse(read(name.replace(/\.md$/, ".expected.json"))) as Expected;
      const got = project(draftRfa(text, { today: exp.today }));
      assert.deepEqual(got.header, exp.header, "header");
      assert.equal(got.dateOfService, exp.dateOfService, "date of service");
      assert.equal(got.requestDate, exp.requestDate, "request date");
      assert.deepEqual(got.lines, exp.lines, "lines");
      assert.deepEqual(got.missingHeader, exp.missingHeader, "missing header fields");
      const rfa = analyze(text, { today: exp.today })
        .findings.filter((f) => f.criterion.startsWith("rfa."))
        .map((f) => ({ id: f.criterion, line: f.range.start.line }));
      assert.deepEqual(rfa, exp.rfaFindings, "rfa.* findings");
    });
  }
});

describe("front matter and labelled lines", () => {
  test("nested and flat keys; every scalar stays a string (leading zeros kept)", () => {
    const h = readHeader("---\npatient: Roe, Ann\nclaim_number: 0001234\nphysician_npi: 0123456789\nclaims_administrator:\n  name: Acme TPA\n  adjustor: Lee\n---\n# Note\n");
    assert.equal(h.employee.name, "Roe, Ann");
    assert.equal(h.employee.claimNumber, "0001234");
    assert.equal(h.physician.npi, "0123456789");
    assert.equal(h.claimsAdministrator.name, "Acme TPA");
    assert.equal(h.claimsAdministrator.adjuster, "Lee");
    assert.equal(h.sources["employee" in h ? "claim_number" : ""].source, "front-matter");
  });

  test("a scalar group key is the name; ambiguous top-level keys are not guessed", () => {
    const h = readHeader("---\nphysician: Dr. Example\naddress: 1 Main St\nfax: 555-0000\n---\n");
    assert.equal(h.physician.name, "Dr. Example");
    assert.equal(h.physician.address, undefined);
    assert.equal(h.claimsAdministrator.fax, undefined);
  });

  test("labelled lines: several on one line, bold labels, fax attributed to the block it follows", () => {
    const text = [
      "# PR-2",
      "**DOB:** 1/2/1970   **DOI:** 3/4/2024   **Claim #:** 0042",
      "Fax: (916) 555-0101",
      "Carrier: Example Mutual",
      "Fax: (559) 555-0199",
      "",
      "## Subjective",
      "Phone: not a header line here",
    ].join("\n");
    const h = readHeader(text, headerEndOffset(text));
    assert.equal(h.employee.dateOfBirth, "1/2/1970");
    assert.equal(h.employee.dateOfInjury, "3/4/2024");
    assert.equal(h.employee.claimNumber, "0042");
    assert.equal(h.physician.fax, "(916) 555-0101");
    assert.equal(h.claimsAdministrator.name, "Example Mutual");
    assert.equal(h.claimsAdministrator.fax, "(559) 555-0199");
    assert.equal(h.physician.phone, undefined, "generic labels count only before the clinical sections");
  });

  test("front matter values win over labelled lines", () => {
    const h = readHeader("---\nclaim_number: FM-1\n---\nClaim #: NOTE-2\n");
    assert.equal(h.employee.claimNumber, "FM-1");
  });

  test("masking keeps offsets and line breaks; a note without front matter is unchanged", () => {
    const text = read("complete.md");
    const masked = maskFrontMatter(text);
    assert.equal(masked.length, text.length);
    assert.equal(masked.split("\n").length, text.split("\n").length);
    assert.doesNotMatch(masked.slice(0, findFrontMatter(text)!.end), /\S/);
    const plain = "# Note\n---\nnot front matter\n---\n";
    assert.equal(maskFrontMatter(plain), plain);
  });

  test("invalid YAML is reported, never thrown", () => {
    const text = "---\nclaim_number: [unclosed\n---\n## Plan\n1. Massage therapy 4 visits, lumbar\n";
    const h = readHeader(text);
    assert.ok(h.frontMatter?.error);
    const diags = headerDiagnostics(text);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, "rfa-header.front-matter");
  });

  test("front matter dates feed the checks (injury date for symptoms over 3 months)", () => {
    const text = "---\ndate_of_injury: 01/05/2025\ndate_of_service: 09/01/2025\n---\n## Plan\n1. Trigger point injections x2, right trapezius\n";
    const r = analyze(text, { today: "2025-09-02" });
    assert.equal(r.noteDate, "2025-09-01");
    assert.ok(!r.findings.some((f) => f.criterion === "tpi.symptoms-over-3-months"));
  });
});

describe("header diagnostics and their fixes", () => {
  const fill = (snippet: string) => snippet.replace(/\$\{\d+:([^}]*)\}/g, (_, p: string) => `Value ${p}`).replace(/\$0/g, "");
  const insert = (text: string, at: { line: number; column: number }, s: string) => {
    const lines = text.split("\n");
    const offset = lines.slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0) + at.column - 1;
    return text.slice(0, offset) + s + text.slice(offset);
  };

  test("a note without front matter gets one diagnostic whose fix inserts every missing field", () => {
    const text = read("labelled-lines.md");
    const diags = headerDiagnostics(text);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, "rfa-header.front-matter");
    assert.match(diags[0].message, /10 fields/);
    const fixed = insert(text, diags[0].fixes[0].insertAt, fill(diags[0].fixes[0].snippet));
    assert.deepEqual(readHeader(fixed, headerEndOffset(fixed)).missing, [], "after the fix nothing is missing");
    assert.equal(readHeader(fixed, headerEndOffset(fixed)).employee.claimNumber, "00-778899", "labelled values still read");
  });

  test("with front matter: one diagnostic per missing field, each fix inserts its key in the right group", () => {
    const text = "---\npatient: Roe, Ann\nphysician:\n  name: Dr. Example\n  npi: \"1234567893\"\nclaims_administrator:\n  name: Acme\n---\n# Note\n";
    const diags = headerDiagnostics(text);
    const codes = diags.map((d) => d.code);
    assert.ok(codes.includes("rfa-header.claim_number"));
    assert.ok(codes.includes("rfa-header.physician.license"));
    assert.ok(!codes.includes("rfa-header.physician.npi"));
    assert.ok(!codes.includes("rfa-header.claims_administrator.phone"), "the claims administrator's phone is optional");
    for (const d of diags) {
      assert.equal(d.fixes.length, 1, d.code);
      const fixed = insert(text, d.fixes[0].insertAt, fill(d.fixes[0].snippet));
      const key = d.code.slice("rfa-header.".length);
      const after = readHeader(fixed);
      assert.ok(!after.missing.some((g) => g.key === key), `${d.code}: fixed`);
      assert.equal(after.missing.length, diags.length - 1, `${d.code}: nothing else changed`);
      assert.equal(after.frontMatter?.error, undefined, `${d.code}: still valid YAML`);
    }
  });

  test("a complete header has no diagnostic", () => {
    assert.deepEqual(headerDiagnostics(read("complete.md")), []);
  });
});

describe("code table", () => {
  const facts = (text: string, over: Partial<CodeFacts> = {}): CodeFacts => ({ text, regions: new Set(), levels: 0, ...over });

  test("every code has a descriptor and a source, and a well-formed code", () => {
    for (const [code, def] of Object.entries(CODES)) {
      assert.equal(def.code, code);
      assert.match(code, def.system === "CPT" ? /^\d{5}$/ : /^[A-V]\d{4}$/);
      assert.ok(def.description.length > 5 && def.source.length > 10, code);
    }
  });

  test("TPI: by muscles, 20552 for 1-2 and 20553 for 3 or more; unknown muscles is a gap", () => {
    assert.deepEqual(resolveCodes("tpi", facts("TPI", { muscles: 2 })).codes.map((c) => c.code), ["20552"]);
    assert.deepEqual(resolveCodes("tpi", facts("TPI", { muscles: 3 })).codes.map((c) => c.code), ["20553"]);
    assert.deepEqual(resolveCodes("tpi", facts("TPI x1", { injections: 1 })).codes.map((c) => c.code), ["20552"]);
    const five = resolveCodes("tpi", facts("TPI x5", { injections: 5 }));
    assert.equal(five.codes.length, 0, "five injections may be in 2 muscles or 5");
    assert.match(five.needs!, /muscles/);
  });

  test("ESI: region and approach choose the code; additional levels add the add-on code", () => {
    const lumbar = new Set(["lumbar"] as const);
    const cervical = new Set(["cervical"] as const);
    const code = (f: CodeFacts) => resolveCodes("esi", f).codes.map((c) => c.code);
    assert.deepEqual(code(facts("", { regions: new Set(lumbar), approach: "transforaminal", levels: 1 })), ["64483"]);
    assert.deepEqual(code(facts("", { regions: new Set(lumbar), approach: "transforaminal", levels: 2 })), ["64483", "64484"]);
    assert.deepEqual(code(facts("", { regions: new Set(cervical), approach: "transforaminal", levels: 1 })), ["64479"]);
    assert.deepEqual(code(facts("", { regions: new Set(cervical), approach: "interlaminar", levels: 1 })), ["62321"]);
    assert.deepEqual(code(facts("", { regions: new Set(lumbar), approach: "caudal", levels: 0 })), ["62323"]);
    assert.match(resolveCodes("esi", facts("", { regions: new Set(lumbar), levels: 1 })).needs!, /approach/);
    assert.match(resolveCodes("esi", facts("", { approach: "interlaminar", levels: 1 })).needs!, /region/);
  });

  test("facet: blocks by level count, radiofrequency by joint; chiro by regions; TENS by leads", () => {
    const lumbar = () => new Set(["lumbar"] as const) as CodeFacts["regions"];
    assert.deepEqual(resolveCodes("facet", facts("L4-5, L5-S1 MBB", { regions: lumbar(), levels: 2 })).codes.map((c) => c.code), ["64493", "64494"]);
    assert.deepEqual(resolveCodes("facet", facts("L3-S1 MBB", { regions: lumbar(), levels: 3 })).codes.map((c) => c.code), ["64493", "64494", "64495"]);
    assert.deepEqual(resolveCodes("facet", facts("L5-S1 radiofrequency ablation", { regions: lumbar(), levels: 1 })).codes.map((c) => c.code), ["64635"]);
    assert.deepEqual(resolveCodes("chiro", facts("", { regions: new Set(["cervical", "thoracic", "lumbar"]) })).codes.map((c) => c.code), ["98941"]);
    assert.match(resolveCodes("chiro", facts("chiropractic 2x4")).needs!, /regions/);
    assert.deepEqual(resolveCodes("tens", facts("TENS unit, 4 lead, purchase")).codes.map((c) => c.code), ["E0730"]);
    assert.match(resolveCodes("tens", facts("TENS unit")).needs!, /leads/);
  });

  test("drugs need no code; codes written in the line win over the table", () => {
    assert.equal(resolveCodes("opioids", facts("Norco 10/325 #90")).notApplicable, true);
    const written = resolveCodes("tpi", facts("TPI x5 (CPT 20553)", { injections: 5 }));
    assert.deepEqual(written.codes.map((c) => c.code), ["20553"]);
    assert.equal(written.fromNote, true);
    assert.deepEqual(codesInText("ZIP 95814, visit 12345"), [], "unlabelled numbers are not codes");
    assert.deepEqual(codesInText("CPT 99213").map((c) => c.code), ["99213"]);
  });
});

describe("rfa.specific-request", () => {
  const plan = (line: string, extra = "") => `Date of service: 10/01/2026\n\n## Assessment\n1. Lumbar strain (S39.012D)\n${extra}\n## Plan\n1. ${line}\n`;
  const gaps = (text: string) => analyze(text, { today: "2026-10-02" }).findings.filter((f) => f.criterion === "rfa.specific-request");

  test("a specific line passes: service, body part, coded diagnosis, quantity", () => {
    assert.deepEqual(gaps(plan("Massage therapy 4 visits, lumbar paraspinals")), []);
  });

  test("open-ended requests are not specific, and the message names what is missing", () => {
    const [pt] = gaps(plan("Physical therapy"));
    assert.ok(pt, "PT without visits");
    assert.match(pt.message, /quantity, frequency and duration/);
    assert.doesNotMatch(pt.message, /ICD-10|body part/, "the assessment's coded lumbar diagnosis gives both");
    const [noRegion] = gaps(plan("Physical therapy 2x/week x 4 weeks").replace("Lumbar strain (S39.012D)", "Myalgia (M79.10)"));
    assert.match(noRegion.message, /lacks the body part;/);
    const [tpi] = gaps(plan("Trigger point injections prn, lumbar paraspinals"));
    assert.match(tpi.message, /quantity/);
    const [norco] = gaps(plan("Continue Norco 10/325 mg"));
    assert.match(norco.message, /quantity/);
    assert.doesNotMatch(norco.message, /CPT|body part/, "a drug needs no CPT code or body part");
  });

  test("a diagnosis without an ICD-10 code is a gap; a code in the request line satisfies it", () => {
    const text = "Date of service: 10/01/2026\n\n## Assessment\n1. Lumbar strain\n\n## Plan\n1. Massage therapy 4 visits, lumbar paraspinals\n";
    assert.match(gaps(text)[0].message, /ICD-10/);
    assert.deepEqual(gaps(text.replace("lumbar paraspinals", "lumbar paraspinals for lumbar strain (S39.012D)")), []);
  });

  test("the finding is about its request, carries the citation, default severity info", () => {
    const [f] = gaps(plan("Physical therapy"));
    assert.equal(f.service, "rfa");
    assert.match(f.request.text, /Physical therapy/);
    assert.equal(f.request.range.start.line, 7);
    assert.equal(f.severity, "info");
    assert.match(f.citation, /9792\.6\.1/);
    assert.equal(f.fix, undefined, "no template in another line: the request line itself must change");
    assert.equal(getCriterion("rfa.specific-request")?.service, "rfa");
  });

  test("the line completion (the extension's quick fix) appends what is missing; filled in, the line passes", () => {
    const values: Record<string, string> = { quantity: "12 visits", frequency: "2x/week", duration: "6 weeks", "ICD-10 code": "M62.830", "body part, level, side": "lumbar paraspinals", sig: "1 tab daily", code: "97110" };
    const fill = (snippet: string) =>
      snippet.replace(/\$\{\d+:([^}]*)\}/g, (_, label: string) => values[label] ?? (label.startsWith("code") ? "20552" : label));
    for (const [request, assessment] of [
      ["Physical therapy", "Lumbar strain (S39.012D)"],
      ["Physical therapy", "Myalgia (M79.10)"],
      ["Trigger point injections prn", "Myofascial pain"],
      ["Continue Norco 10/325 mg", "Lumbar strain (S39.012D)"],
    ]) {
      const text = `Date of service: 10/01/2026\n\n## Assessment\n1. ${assessment}\n\n## Plan\n1. ${request}\n`;
      const line = draftRfa(text, { today: "2026-10-02" }).lines[0];
      const snippet = completionSnippet(line);
      assert.ok(snippet, request);
      const fixed = text.replace(`1. ${request}\n`, `1. ${request}${fill(snippet)}\n`);
      assert.deepEqual(gaps(fixed).map((f) => f.message), [], `${request} / ${assessment}: ${fill(snippet)}`);
    }
    assert.equal(completionSnippet(draftRfa(plan("Massage therapy 4 visits, lumbar paraspinals"), { today: "2026-10-02" }).lines[0]), undefined);
  });

  test("turning off the rfa family, the criterion or the request's own family silences it", () => {
    const text = plan("Physical therapy");
    assert.equal(analyze(text, { today: "2026-10-02", disable: ["rfa"] }).findings.filter((f) => f.service === "rfa").length, 0);
    assert.equal(analyze(text, { today: "2026-10-02", disable: ["rfa.specific-request"] }).findings.filter((f) => f.criterion === "rfa.specific-request").length, 0);
    assert.equal(analyze(text, { today: "2026-10-02", disable: ["pt"] }).findings.length, 0);
    assert.equal(analyze(`<!-- rfa-ready-disable rfa -->\n${text}`, { today: "2026-10-02" }).findings.filter((f) => f.service === "rfa").length, 0);
  });

  test("the hover checklist of each request lists the rfa criteria", () => {
    const r = analyze(plan("Massage therapy 4 visits, lumbar paraspinals"), { today: "2026-10-02" });
    const ids = r.reports[0].criteria.map((c) => c.criterion);
    assert.ok(ids.includes("rfa.specific-request") && ids.includes("rfa.documentation-30-days"));
  });
});

describe("RFA line quantities", () => {
  const line = (request: string) =>
    draftRfa(`Date of service: 10/01/2026\n\n## Assessment\n1. Myofascial pain syndrome, cervical (M79.18)\n\n## Plan\n1. ${request}\n`, { today: "2026-10-02" }).lines[0];

  test("a single procedure is one session; counts, muscles and sets are read", () => {
    assert.equal(line("Trigger point injections, right trapezius").quantity, "1 session, 1 muscle");
    assert.equal(line("Trigger point injections x4, bilateral trapezius").quantity, "1 session, 4 injections");
    assert.deepEqual(line("Trigger point injections, bilateral trapezius and rhomboids").codes.map((c) => c.code), ["20553"], "2 muscles x 2 sides");
    assert.equal(line("Trigger point injections x3 sets, cervical").quantity, "3 sessions");
  });

  test("as needed is open-ended even with a count, unless sessions are written", () => {
    assert.ok(line("Trigger point injections x4 prn, trapezius").missing.includes("the quantity, frequency and duration"));
    assert.ok(!line("Trigger point injections x4 prn, trapezius; x1 session").missing.includes("the quantity, frequency and duration"));
  });

  test("drugs: quantity, sig and days supply from the request line", () => {
    const l = line("Cyclobenzaprine 10 mg, 1 tab qhs, #30");
    assert.equal(l.quantity, "#30");
    assert.equal(l.frequency, "1 per dose, once a day");
    assert.equal(l.duration, "30-day supply");
    assert.ok(l.codeNotApplicable);
  });
});

describe("rfa.documentation-30-days", () => {
  const note = (dos: string, rfa: string) => read("complete.md").replace("date_of_service: 10/14/2026", `date_of_service: ${dos}`).replace("rfa_date: 10/16/2026", `rfa_date: ${rfa}`);
  const flagged = (text: string, today = "2026-11-23") => analyze(text, { today }).findings.filter((f) => f.criterion === "rfa.documentation-30-days");

  test("a note 45 days older than the RFA is flagged once, with the number of days", () => {
    const f = flagged(note("05/01/2026", "06/15/2026"));
    assert.equal(f.length, 1);
    assert.equal(f[0].kind, "missing");
    assert.match(f[0].message, /45 days/);
  });

  test("exactly 30 days is within the rule", () => {
    assert.deepEqual(flagged(note("05/16/2026", "06/15/2026")), []);
  });

  test("RFAs before 1 April 2026 are not subject to it (report says not applicable)", () => {
    const text = note("12/01/2025", "03/20/2026");
    assert.deepEqual(flagged(text), []);
    const status = analyze(text, { today: "2026-11-23" }).reports[0].criteria.find((c) => c.criterion === "rfa.documentation-30-days");
    assert.equal(status?.status, "not-applicable");
  });

  test("without an RFA date the note is compared with today", () => {
    const text = read("complete.md").replace(/rfa_date: .*\n/, "");
    assert.deepEqual(flagged(text, "2026-11-10"), [], "27 days");
    assert.match(flagged(text, "2026-11-20")[0].message, /37 days/);
  });

  test("an undated note is flagged as undated once the rule is in force", () => {
    const text = "## Plan\n1. Massage therapy 4 visits, lumbar paraspinals\n";
    assert.match(flagged(text, "2026-11-23")[0].message, /no date of service/);
    assert.deepEqual(flagged(text, "2026-01-15"), []);
  });

  test("the 2014-2016 seed notes never get it (their dates predate the rule), even checked today", () => {
    for (const seed of readdirSync(seedsDir)) {
      const text = readFileSync(join(seedsDir, seed, "note.md"), "utf8");
      assert.deepEqual(flagged(text), [], seed);
    }
  });
});

describe("markdown draft", () => {
  test("holds every header value, every line and the readiness summary", () => {
    const d = draftRfa(read("complete.md"), { today: "2026-10-20" });
    const md = renderRfaMarkdown(d);
    for (const v of [...Object.values(d.header.employee), ...Object.values(d.header.physician), ...Object.values(d.header.claimsAdministrator)]) {
      assert.ok(md.includes(String(v)), String(v));
    }
    for (const l of d.lines) {
      assert.ok(md.includes(l.procedure));
      for (const c of l.codes) assert.ok(md.includes(c.code));
      for (const icd of l.diagnosis?.icd10 ?? []) assert.ok(md.includes(icd));
    }
    assert.match(md, /\[x\] New request/);
    assert.match(md, /Nothing: every field of the form is filled/);
    assert.match(md, /## Attachment: readiness summary/);
    // The fixture documents the trigger points (taut band, twitch, referral); its conservative care is a gap.
    assert.match(md, /`tpi\.failed-conservative`/);
  });

  test("never throws on odd input", () => {
    for (const t of ["", "---", "---\n---\n", "\u0000binary", "x".repeat(10)]) {
      assert.doesNotThrow(() => renderRfaMarkdown(draftRfa(t, { today: "2026-10-20" })));
    }
    assert.equal(draftRfa("a".repeat(50), { maxChars: 10 }).lines.length, 0);
  });
});
