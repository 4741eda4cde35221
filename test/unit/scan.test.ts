// Scan detectors (concepts.ts): structured patterns read per sentence, window or line, chunk by
// chunk, placed and read in context like term matches; and the detectors built on them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, createSession } from "../../src/core/index";
import { scanSpans, type Scan } from "../../src/core/concepts";

const sentences = (prose: string, spans: Array<[number, number, number]>) => spans.map(([start, end, block]) => ({ start, end, block }));

test("a window scan reads each sentence, and two sentences of one block joined, never across blocks", () => {
  const prose = "8/10 without. 4/10 with.\nNext block.";
  const seen: string[] = [];
  const scan: Scan = {
    unit: "window",
    find: (text, units) => {
      seen.push(`${units.length}:${text}`);
      return text.includes("without") && text.includes("with.") ? [{ start: 0, end: text.length }] : [];
    },
  };
  const spans = scanSpans(scan, prose, sentences(prose, [[0, 13, 0], [14, 24, 0], [25, 36, 1]]));
  assert.deepEqual(seen, ["1:8/10 without.", "2:8/10 without. 4/10 with.", "1:4/10 with.", "1:Next block."]);
  assert.deepEqual(spans, [{ start: 0, end: 24 }]);
});

test("a line scan reads every non-blank line in the text's offsets", () => {
  const prose = "first line\n\n  second 5%\n";
  const spans = scanSpans({ unit: "line", find: (t) => (t.includes("%") ? [{ start: t.indexOf("5"), end: t.length }] : []) }, prose, []);
  assert.deepEqual(spans, [{ start: prose.indexOf("5%"), end: prose.indexOf("5%") + 2 }]);
});

const NORCO = (pain: string) =>
  `Date of service: 03/02/2026\n\nSUBJECTIVE:\n${pain}\n\nPLAN:\n1. Refill Norco 10/325 mg #60, 1 tab q12h prn. UDS 01/2026 consistent. Opioid agreement on file. No aberrant behavior. Relief lasts about 4 hours. Walking tolerance from 10 to 30 minutes.\n`;
const findingIds = (text: string) => analyze(text, { today: "2026-03-10" }).findings.map((f) => f.criterion);

test("paired pain scores are found in a window of two sentences of one block, not across blocks", () => {
  assert.ok(!findingIds(NORCO("Pain 8/10 without medications. 4/10 with Norco.")).includes("opioids.pain-scores"));
  assert.ok(findingIds(NORCO("Pain 8/10 without medications.\n\nHe walks daily. 4/10 with Norco.")).includes("opioids.pain-scores"));
});

test("a session re-reads scans only in the chunk an edit touched, with the same result as a fresh analysis", () => {
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: tolerating home exercise, no new complaints.`).join("\n\n");
  const before = NORCO(`${filler}\n\nPain 8/10 without medications. 4/10 with Norco.`);
  const after = before.replace("4/10 with Norco.", "4/10.");
  const session = createSession({ today: "2026-03-10" });
  session.analyze(before);
  const incremental = session.analyze(after);
  assert.deepEqual(incremental, analyze(after, { today: "2026-03-10" }));
  assert.ok(incremental.findings.some((f) => f.criterion === "opioids.pain-scores"));
});

const SIJ = (exam: string) =>
  `Date of service: 03/02/2026\n\nEXAM:\n${exam}\n\nPLAN:\n1. Right SI joint injection under fluoroscopy.\n`;
const sijKinds = (exam: string) =>
  analyze(SIJ(exam), { today: "2026-03-10" })
    .findings.filter((f) => f.criterion === "sij.three-positive-tests")
    .map((f) => f.kind);

test("SI provocation tests: three distinct positive tests, a written count, two negatives, and hypothetical tests", () => {
  assert.deepEqual(sijKinds("Right FABER, Gaenslen and thigh thrust tests were positive."), []);
  assert.deepEqual(sijKinds("FABER positive. FABER positive again on repeat."), ["missing"]);
  assert.deepEqual(sijKinds("SI provocation: 3/5 tests positive on the right."), []);
  assert.deepEqual(sijKinds("FABER negative, Gaenslen negative."), ["contradicted"]);
  assert.deepEqual(sijKinds("If FABER, Gaenslen and thigh thrust are positive, consider an SI joint injection."), ["missing"]);
});
