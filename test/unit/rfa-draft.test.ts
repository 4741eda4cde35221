// What the drafted RFA says about itself: the attachment dated the day it is drafted (not the
// note's date), a diagnosis the draft had to pick from the assessment marked as a guess, and HTML
// written in the front matter or the note shown as text in the markdown draft.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, draftRfa, renderRfaMarkdown } from "../../src/core/index";
import { diagnosisGuessed, diagnosisText, GUESSED_DIAGNOSIS } from "../../src/core/rfa/draft";

const NOTE = [
  "Date of service: 09/28/2026",
  "RFA date: 09/29/2026",
  "",
  "## Assessment",
  "1. Chronic low back pain with spasm (M54.50)",
  "2. Myofascial pain syndrome, right upper trapezius (M79.18)",
  "",
  "## Plan",
  "1. Trigger point injections, right upper trapezius, 1 session",
  "2. Cyclobenzaprine 10 mg qhs #30",
  "3. Physical therapy 2x/week x 4 weeks, lumbar spine, for lumbar strain (S39.012D)",
  "",
].join("\n");

describe("the attachment's date", () => {
  test("dated the day of drafting; the request date stays what the criteria read", () => {
    const d = draftRfa(NOTE, { today: "2026-10-05" });
    assert.equal(d.draftedOn, "2026-10-05");
    assert.equal(d.requestDate, "2026-09-29");
    const md = renderRfaMarkdown(d);
    assert.match(md, /checked by RFA Ready on 10\/05\/2026 for the request dated 09\/29\/2026, against the progress note of 09\/28\/2026\./);
    assert.ok(!/checked by RFA Ready on 09\/2/.test(md), "not dated with the note's dates");
  });

  test("without options.today it is today's local date", () => {
    const d = draftRfa(NOTE);
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    assert.equal(d.draftedOn, local);
  });
});

describe("guessed diagnoses", () => {
  const d = draftRfa(NOTE, { today: "2026-10-05" });
  const by = (service: string) => d.lines.find((l) => l.service === service)!;

  test("a diagnosis written on the request line is the note's, not a guess", () => {
    const pt = by("pt");
    assert.equal(pt.diagnosis?.matchedBy, "request line");
    assert.equal(diagnosisGuessed(pt), false);
    assert.ok(!diagnosisText(pt).includes(GUESSED_DIAGNOSIS));
  });

  test("service and body region both matching is the note's own pairing", () => {
    const tpi = by("tpi");
    assert.equal(tpi.diagnosis?.matchedBy, "service and body region");
    assert.equal(diagnosisGuessed(tpi), false);
  });

  test("a drug row's diagnosis picked from the assessment is marked, in the markdown too", () => {
    const drug = by("muscle-relaxant");
    assert.ok(drug.diagnosis, "a diagnosis was picked");
    assert.notEqual(drug.diagnosis!.matchedBy, "request line");
    assert.ok(diagnosisGuessed(drug));
    assert.equal(diagnosisText(drug), `${drug.diagnosis!.text} ${GUESSED_DIAGNOSIS}`);
    const row = renderRfaMarkdown(d).split("\n").find((l) => l.includes("Cyclobenzaprine"))!;
    assert.ok(row.includes("(guessed from the assessment: verify)"), row);
  });
});

describe("HTML in the markdown draft", () => {
  test("tags and comments from the front matter and the note are escaped", () => {
    const note = [
      "---",
      'patient: "<img src=x onerror=alert(1)> Roe, Ann"',
      "employer: <script>alert(2)</script>",
      "physician:",
      "  name: <!-- hidden --> Lee, MD",
      "---",
      NOTE,
    ].join("\n");
    const md = renderRfaMarkdown(draftRfa(note, { today: "2026-10-05" }));
    assert.ok(!/<img|<script|<!--/i.test(md), "no raw HTML left");
    assert.ok(md.includes("&lt;img src=x onerror=alert(1)&gt; Roe, Ann"));
    assert.ok(md.includes("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert.ok(md.includes("&lt;!-- hidden --&gt; Lee, MD"));
  });
});

test("draftRfa with the note's analysis already done drafts the same as analysing it again, and uses what it is given", () => {
  const note = readFileSync(join(__dirname, "..", "fixtures", "rfa", "complete.md"), "utf8");
  const options = { today: "2026-10-20" };
  const analysed = analyze(note, options);
  assert.deepEqual(draftRfa(note, options, analysed), draftRfa(note, options));
  // The given result is what the readiness summary reads (no second analysis behind it).
  const none = { ...analysed, reports: [], findings: [] };
  assert.deepEqual(draftRfa(note, options, none).readiness, []);
  assert.ok(draftRfa(note, options).readiness.length > 0);
});
