// Running case files: only the visit with the latest date of service requests anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";

const visit = (dos: string, plan: string) =>
  `# Primary Treating Physician's Progress Report (PR-2)\n\n**Date of service:** ${dos}\n**Date of injury:** 03/02/2024\n\n## Subjective\nLow back pain.\n\n## Plan\n1. ${plan}\n`;

const services = (text: string) => analyze(text, { today: "2026-11-23" }).requests.map((r) => r.service);

test("a case file of several visits: only the latest visit's plan is requested", () => {
  const file = [visit("01/05/2026", "Massage therapy x6 to the lumbar paraspinals"), visit("03/09/2026", "Trigger point injections x2")].join("\n---\n\n");
  assert.deepEqual(services(file), ["tpi"]);
  // Newest first (reverse chronological files) works the same way.
  const reversed = [visit("03/09/2026", "Trigger point injections x2"), visit("01/05/2026", "Massage therapy x6 to the lumbar paraspinals")].join("\n---\n\n");
  assert.deepEqual(services(reversed), ["tpi"]);
  // The note's date is the current visit's.
  assert.equal(analyze(reversed, { today: "2026-11-23" }).noteDate, "2026-03-09");
});

test("one visit stays whole: a repeated date of service, or earlier dates quoted in the history", () => {
  const signed = visit("03/09/2026", "Trigger point injections x2") + "\n---\n\n**Date of service:** 03/09/2026\nSigned electronically.\n";
  assert.deepEqual(services(signed), ["tpi"]);
  const quoted =
    "# PR-2\n\n**Date of service:** 03/09/2026\n\n## History\nDate of service: 01/05/2026\nMassage therapy x6 was given.\n\n## Plan\n1. Trigger point injections x2\n";
  assert.deepEqual(services(quoted), ["tpi"]);
});

test("the same service requested at every visit of a case file: the current visit's request is the one evaluated", () => {
  const file = [
    visit("01/05/2026", "Trigger point injections x5"),
    visit("03/09/2026", "Trigger point injections x2"),
    visit("02/02/2026", "Trigger point injections x6"),
  ].join("\n---\n\n");
  const r = analyze(file, { today: "2026-11-23" });
  assert.equal(r.requests.length, 1);
  assert.equal(r.requests[0].text, "Trigger point injections x2");
  assert.equal(r.findings.some((f) => f.criterion === "tpi.max-injections"), false, "x2 is within the limit; x5 and x6 are history");
});

/** A visit of a case file under a dated heading of some style, with its own plan. */
const dated = (heading: string, plan: string) => `${heading}\nS: Aching right knee, worse on stairs.\nP: ${plan}\n`;

test("visits start at dated headings of any style: only the latest one requests", () => {
  const styles: Array<(date: string, n: number) => string> = [
    (d, n) => `## Visit ${n} — ${d}`,
    (d) => `### ${d}`,
    (d) => `**DOS ${d}**`,
    (d) => `--- ${d} ---`,
    (d) => `=== Visit ${d} ===`,
    (d) => d,
  ];
  for (const style of styles) {
    const file = ["# Case file: right knee", "", dated(style("02/03/2026", 1), "Massage therapy x6 to the right quadriceps."), dated(style("04/07/2026", 2), "Trigger point injections x2, right vastus lateralis.")].join("\n");
    const r = analyze(file, { today: "2026-11-23" });
    assert.deepEqual(r.requests.map((q) => q.service), ["tpi"], style("02/03/2026", 1));
    assert.equal(r.noteDate, "2026-04-07");
  }
  // Written dates and a suffix naming the visit.
  const written = [dated("### Feb 3, 2026 (initial evaluation)", "Massage therapy x6 to the right quadriceps."), dated("### Apr 7, 2026 (current)", "Trigger point injections x2, right vastus lateralis.")].join("\n");
  assert.deepEqual(services(written), ["tpi"]);
});

test("a dated heading that is the only visit keeps the whole note; a dated sentence is no visit (mirrors)", () => {
  assert.deepEqual(services(dated("### 04/07/2026", "Massage therapy x6 to the right quadriceps.")), ["massage"]);
  // "02/03/2026: massage started" is a history line, not a visit's heading.
  const lines = "S: Aching right knee.\n\n02/03/2026: massage started at another clinic, four visits so far\n\nP: Massage therapy x6 to the right quadriceps.\n";
  assert.deepEqual(services(lines), ["massage"]);
});

test("an earlier visit's plan under a dated line is history even inside a plan section", () => {
  const file = "--- 02/03/2026 ---\nPlan: Massage therapy x6 to the right quadriceps.\n--- 04/07/2026 ---\nPlan: Trigger point injections x2, right vastus lateralis.\n";
  assert.deepEqual(services(file), ["tpi"]);
});

test("dated lines under a records label are the records' dates, not visits (mirror)", () => {
  const note = "DOS: 05/04/2026\nS: Aching right knee.\n\nRecords reviewed:\n03/02/2026\nMRI right knee: small effusion.\n\nP: Trigger point injections x2, right vastus lateralis.\n";
  const r = analyze(note, { today: "2026-11-23" });
  assert.deepEqual(r.requests.map((q) => q.service), ["tpi"]);
  assert.equal(r.noteDate, "2026-05-04");
});

test("a visit label opening a paragraph starts a visit even where the last visit's plan ran on; one in a history section does not", () => {
  // Encounter lines of an export: each visit's label opens a paragraph right after the previous plan.
  const file =
    "Visit log — Example Clinic\n\nEncounter date: 03/02/2017 | follow-up\nS: Aching left knee after a fall at work.\nPlan: knee brace; discuss physical therapy.\n\n" +
    "Encounter date: 04/20/2017 | follow-up\nS: Knee still aches on stairs.\nPlan: RFA acupuncture x6 for the left knee.\n";
  assert.deepEqual(services(file), ["acupuncture"]);
  // The same label quoted in a history section is earlier care, not a visit: the note stays one visit.
  const history =
    "# PR-2\nDate of service: 04/20/2017\n\n## History\nEncounter date: 03/02/2017 — seen in urgent care, brace given.\n\n## Plan\nRFA acupuncture x6 for the left knee.\n";
  assert.deepEqual(services(history), ["acupuncture"]);
});
