// Scan detectors (concepts.ts): structured patterns read per sentence, window or line, chunk by
// chunk, placed and read in context like term matches; and the detectors built on them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, createSession } from "../../src/core/index";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { scanKeys, scanSpans, type Scan } from "../../src/core/concepts";
import { parseNote } from "../../src/core/note";
import { keyReaders, readerOffsets } from "../../src/core/prefilter";
import { ALL_CONCEPTS } from "../../src/core/rules/registry";
// @ts-expect-error: a plain .mjs script without type declarations
import { generateNote } from "../../scripts/bench/generate.mjs";

const ROOT = join(__dirname, "..", "..");

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

// ---------------------------------------------------------------------------------------------
// `Scan.needs`: a detector is read only in the units where the token index finds what it needs.
// Sound only if every unit where `find` matches holds `needs` at a word's start: checked here on
// every note the tests know, on the bench's generated notes, and on random sentences built from
// the detectors' own words, by comparing the filtered scan with the unfiltered one.

const SCANS = [...ALL_CONCEPTS.values()].filter((c) => c.scan?.needs !== undefined);

/** The ascending offsets where a scan's `needs` may begin in a text, as the matcher reads them. */
function whereNeeded(scan: Scan, prose: string): number[] {
  return readerOffsets(prose, keyReaders([scanKeys(scan)!]), 1)[0] ?? [];
}

/** Chunk texts with their sentences, as the matcher reads them. */
function chunksOf(text: string) {
  return parseNote(text).parts!.map((p) => p.data);
}

function assertSameWithNeeds(text: string, label: string): number {
  let units = 0;
  for (const data of chunksOf(text)) {
    for (const c of SCANS) {
      const scan = c.scan!;
      const all = scanSpans(scan, data.prose, data.sentences);
      const filtered = scanSpans(scan, data.prose, data.sentences, whereNeeded(scan, data.prose));
      assert.deepEqual(filtered, all, `${c.id} in ${label}`);
      units += all.length;
    }
  }
  return units;
}

test("every scan that names what it needs gets index keys for it (else it would read every unit)", () => {
  assert.ok(SCANS.length >= 10, `scans with needs: ${SCANS.length}`);
  for (const c of SCANS) assert.ok(scanKeys(c.scan!)?.length, `${c.id}: needs ${c.scan!.needs} has no index keys`);
});

test("a scan reads only the units holding what it needs: a unit without it is never read", () => {
  const seen: string[] = [];
  const scan: Scan = { unit: "sentence", needs: "%", find: (t) => (seen.push(t), t.includes("%") ? [{ start: 0, end: t.length }] : []) };
  const prose = "No numbers here. Relief 60% for weeks. Nothing else.";
  const spans = scanSpans(scan, prose, sentences(prose, [[0, 16, 0], [17, 38, 0], [39, 52, 0]]), whereNeeded(scan, prose));
  assert.deepEqual(seen, ["Relief 60% for weeks."]);
  assert.deepEqual(spans, [{ start: 17, end: 38 }]);
});

test("scans filtered by what they need find the same spans as unfiltered scans, on every fixture, case and example note", () => {
  const dirs = ["test/fixtures/notes", "examples"].map((d) => join(ROOT, d));
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".md")).map((f) => join(d, f)));
  const cases = join(ROOT, "..", "shared", "eval", "cases");
  if (existsSync(cases)) for (const c of readdirSync(cases)) if (existsSync(join(cases, c, "note.md"))) files.push(join(cases, c, "note.md"));
  assert.ok(files.length > 60, `notes: ${files.length}`);
  let found = 0;
  for (const f of files) found += assertSameWithNeeds(readFileSync(f, "utf8"), f);
  // The corpus exercises the detectors: a filter that dropped their spans would show.
  assert.ok(found > 200, `spans found: ${found}`);
});

test("scans filtered by what they need find the same spans as unfiltered scans, on the bench's generated notes", () => {
  for (const seed of [1, 20261123]) assertSameWithNeeds(generateNote(30_000, seed), `generated ${seed}`);
});

test("scans filtered by what they need find the same spans on random sentences of the detectors' words (property)", () => {
  const WORDS = [
    "8/10", "4 / 10", "10/10", "VAS", "7", "60%", "60 %", "50", "%", "relief", "pain", "improvement", "reduction", "better", "less", "decreased", "reduced",
    "by", "x", "×", "6", "weeks", "for", "lasting", "months", "hours", "without", "with", "medication", "meds", "Norco", "off", "before", "from", "to", "→", "->",
    "walking", "standing", "tolerance", "minutes", "blocks", "returned to work", "modified duty", "ODI", "no longer", "fewer", "increased",
    "MRI", "EMG", "shows", "L5", "nerve root", "compression", "foraminal stenosis", "normal", "unremarkable", "negative", "positive", "+", "-",
    "FABER", "Gaenslen", "thigh thrust", "distraction", "PT", "physical therapy", "NSAIDs", "home exercise", "3/5", "tests", "were",
    "Lidocaine", "5%", "cream", "compound", "compounded", "ketoprofen", "10%", "gabapentin", "6%", "patch", "Voltaren", "gel", "topical", "TPI", "injection",
  ];
  const SEPARATORS = [" ", " ", " ", "", ", ", ". ", "; ", ": ", "\n", "\n\n", "\n- "];
  const note = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 60 })
    .map((parts) => parts.map(([w, s]) => w + s).join(""));
  fc.assert(
    fc.property(note, (text) => {
      assertSameWithNeeds(text, "random");
    }),
    { numRuns: 300 },
  );
});
