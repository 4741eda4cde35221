// Shared readings found missing on fresh synthetic notes (EHR exports, case files, mirror pairs),
// each proved with sentences written for this file: reduced medication use as one fact, the
// failed-care fact reading a symptom that persisted after the care, a drug that stays with another
// clinician, "ordered" labels heading the plan, a field's dash and answer, a sentence framed in the
// past, TENS use as ranges, text copied forward, a checklist's title, and a table's pain columns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { functionGains, functionStalls, medicationReductions } from "../../src/core/facts/measures";
import { readFailedCare } from "../../src/core/facts/exam";
import { EXAM_FACT_CONCEPTS } from "../../src/core/facts/exam";
import { classifyLabel, parseNote } from "../../src/core/note";
import { assessInSentence } from "../../src/core/context";
import { tableFieldDurations, tableFieldPainPairs, tablePainPairs } from "../../src/core/facts/tables";
import { parseCounts, parseRegimen } from "../../src/core/extract/quantity";
import { analyze } from "../../src/core/index";

const reduced = (t: string) => medicationReductions(t).length > 0;

test("reduced medication use: counts that went down, or a drug reduced, tapered or stopped", () => {
  assert.ok(reduced("Since the block she takes her hydrocodone from four tablets daily down to two."));
  assert.ok(reduced("Percocet 6/day -> 3/day over the following month."));
  assert.ok(reduced("He dropped to one gabapentin at bedtime (was three)."));
  assert.ok(reduced("Uses fewer tablets on work days."));
  assert.ok(reduced("Her naproxen intake was halved."));
  assert.ok(reduced("No longer needs the oxycodone after the second week."));
  const pair = medicationReductions("Tramadol went from five a day to two.")[0];
  assert.deepEqual([pair?.earlier, pair?.later], [5, 2]);
});

test("reduced medication use: not a goal, an increase, a pain score, function, or numbers with no drug", () => {
  assert.ok(!reduced("Goal is to bring the hydrocodone from four tablets daily down to two."));
  assert.ok(!reduced("Percocet 3/day -> 6/day because the pain flared."));
  assert.ok(!reduced("Pain went from 7/10 to 4/10 on the hydrocodone."));
  assert.ok(!reduced("Standing went from 15 to 45 minutes on the hydrocodone."));
  assert.ok(!reduced("It went from five to two."));
});

/** A repeat ESI request whose history tells of the prior injection in `prior`. */
const repeatEsiNote = (prior: string, planTail = "") =>
  "# PR-2\nDate of service: 03/10/2022\n\n## Subjective\nLeft leg pain down the shin to the big toe, L5 pattern, since a fall 06/2021. " +
  "Six weeks of therapy and celecoxib did not help; the leg pain persisted.\n\n" +
  `${prior}\n\n` +
  "## Exam\nSLR positive on the left at 45 degrees; EHL 4/5 on the left; decreased sensation over the dorsum of the left foot.\n\n" +
  "## Imaging\nMRI 08/2021: left L4-5 foraminal disc herniation compressing the exiting left L4 and traversing L5 root.\n\n" +
  "## Assessment\nLumbar radiculopathy, left L5 (M54.16).\n\n" +
  `## Plan\n1. Repeat left L4-5 transforaminal ESI under fluoroscopy, one level (64483).${planTail}\n`;
const esiIds = (text: string) => analyze(text, { today: "2026-11-23" }).findings.map((f) => f.criterion);

test("a repeat ESI whose prior relief came with less of a drug, in numbers only, is documented for the reduction", () => {
  const prior = (effect: string) => `Prior injection: left L5 transforaminal ESI 11/02/2021 with about 60% relief for 9 weeks; ${effect}; she was back to full shifts.`;
  assert.ok(!esiIds(repeatEsiNote(prior("her oxycodone went from three pills a day to one"))).includes("esi.repeat-relief"));
  assert.ok(esiIds(repeatEsiNote(prior("her oxycodone use stayed at three pills a day"))).includes("esi.repeat-relief"));
});

test("failed care: a symptom that persisted after the care counts, whichever comes first in the clause", () => {
  const failed = EXAM_FACT_CONCEPTS.find((c) => c.id === "fact.failed-care")!;
  const find = (t: string) => failed.scan!.find(t, [{ start: 0, end: t.length }]);
  // The symptom first, then the verb: not this file's own pattern, but the shared outcome reading.
  const text = "She went through eight sessions of aquatic therapy and a month of diclofenac, and the buttock pain persisted all along.";
  assert.deepEqual(readFailedCare(text), []);
  assert.equal(find(text).length, 1);
  // Planned or conditional care is no trial.
  assert.deepEqual(find("We will start aquatic therapy; if the buttock pain persists, diclofenac next."), []);
  // A trial that helped is no failure.
  assert.deepEqual(find("Eight sessions of aquatic therapy gave lasting relief of the buttock pain."), []);
});

const plan = (line: string) =>
  "# PR-2\nDate of service: 05/04/2023\n\n## Subjective\nLow back pain, unchanged.\n\n## Assessment\nLumbar strain (S39.012D).\n\n" + `## Plan\n${line}\n`;
const requested = (line: string) => analyze(plan(line), { today: "2026-11-23" }).requests.map((r) => r.service);

test("a drug that stays with another clinician is not our order; one we continue is", () => {
  assert.deepEqual(requested("- Duloxetine remains with her psychiatrist."), []);
  assert.deepEqual(requested("- The oxycodone stays under the pain clinic's care."), []);
  assert.ok(requested("- Continue oxycodone 5 mg q8h prn, #90.").includes("opioids"));
});

test("'ordered' labels head the plan; 'ordered' in a sentence does not make one", () => {
  assert.equal(classifyLabel("PROCEDURES ORDERED / PERFORMED TODAY"), "plan");
  assert.equal(classifyLabel("Tests ordered"), "plan");
  const note =
    "# PR-2\nDate of service: 05/04/2023\n\n## Subjective\nRight neck pain since 2021.\n\n**IMAGING ORDERED:**\n- MRI cervical spine without contrast\n";
  assert.ok(analyze(note, { today: "2026-11-23" }).requests.some((r) => r.service === "imaging"));
  const history =
    "# PR-2\nDate of service: 05/04/2023\n\n## History\nAn MRI of the cervical spine was ordered in 2021 by the urgent care and was normal.\n";
  assert.deepEqual(analyze(history, { today: "2026-11-23" }).requests, []);
});

const opioidNote = (monitoring: string, fn: string) =>
  "# PR-2\nDate of service: 02/11/2020\n\n## Subjective\nLow back pain since a fall at work in 2017. " +
  "Pain 7/10 without hydrocodone and 3/10 with it, relief starts in 30 minutes and lasts about 5 hours. " +
  `${fn} Denies sedation; constipation managed with fiber. No early refills, one pharmacy; CURES reviewed today. Opioid agreement signed 2018, on file.\n\n` +
  `## Monitoring\n${monitoring}\n\n## Assessment\nChronic lumbar strain (M54.5).\n\n## Plan\n1. Refill hydrocodone/APAP 5/325 mg 1 tab BID prn, #60, 30 days.\n`;
const opioidIds = (monitoring: string, fn: string) => analyze(opioidNote(monitoring, fn), { today: "2026-11-23" }).findings.map((f) => f.criterion);
const GAIN = "On hydrocodone she walks 40 minutes now vs 10 without it.";

test("a field's dash passes its value to the test it names: 'UDS - will obtain' is planned, 'UDS - consistent' is a result", () => {
  assert.ok(opioidIds("- UDS - will obtain at the next visit.", GAIN).includes("opioids.urine-drug-screen"));
  assert.ok(opioidIds("- UDS - to be collected.", GAIN).includes("opioids.urine-drug-screen"));
  assert.ok(!opioidIds("- UDS - consistent with hydrocodone, 12/2019.", GAIN).includes("opioids.urine-drug-screen"));
  // A dash inside a sentence is still a clause break: "a UDS was sent - will review" keeps the test done.
  assert.ok(!opioidIds("- A UDS was collected in 12/2019 - will review it next time.", GAIN).includes("opioids.urine-drug-screen"));
});

test("a sentence framed in the past ('Back in 2017, ...') is history, unless it brings a value to the present", () => {
  const uds = "- UDS 12/2019 consistent with hydrocodone.";
  assert.ok(opioidIds(uds, "Back in 2017, on hydrocodone she walked 40 minutes vs 10 without it.").includes("opioids.functional-benefit"));
  assert.ok(opioidIds(uds, "Function: back when she started the hydrocodone she walked 40 minutes vs 10 without it.").includes("opioids.functional-benefit"));
  assert.ok(!opioidIds(uds, GAIN).includes("opioids.functional-benefit"));
  assert.ok(!opioidIds(uds, "Back in 2017 she could walk 10 minutes; now, on hydrocodone, she walks 40 minutes vs 10 without it.").includes("opioids.functional-benefit"));
});

const ptNote = (hep: string) =>
  "# PR-2\nDate of service: 09/14/2021\n\n## Subjective\nLow back pain since a lifting injury 03/2021. Completed 6 PT visits; ODI 44% -> 30%, sitting 15 -> 40 minutes.\n\n" +
  `${hep}\n\n## Exam\nLumbar flexion 50 degrees, limited by pain; lifting limited to 15 lb.\n\n## Assessment\nLumbar strain (S39.012D).\n\n` +
  "## Plan\n1. Physical therapy 2x/week x 2 weeks for the lumbar spine, 4 visits.\n";
const ptStatus = (hep: string) => analyze(ptNote(hep), { today: "2026-11-23" }).reports[0]?.criteria.find((c) => c.criterion === "pt.home-exercise")?.status;

test("a field named by a mention reads its answer: 'not doing it' and 'none' negate it, 'N/A' leaves it open, a value affirms it", () => {
  assert.equal(ptStatus("Home exercise program: not doing it since the move."), "contradicted");
  assert.equal(ptStatus("Home exercises: none at present."), "contradicted");
  assert.equal(ptStatus("Home exercise compliance: N/A"), "missing");
  assert.equal(ptStatus("Home exercise program: daily bridges and planks, log reviewed."), "documented");
  // The field must open its line: a colon later in a sentence is no field of the mention.
  assert.equal(ptStatus("She keeps up her home exercise program; what she skips: none."), "documented");
});

const tensNote = (trial: string, assessment = "Complex regional pain syndrome type II, left upper limb (G56.42).") =>
  "# PR-2\nDate of service: 06/08/2016\n\n## Subjective\nBurning left hand pain since a crush injury in 2014; OT and gabapentin tried, still 7/10.\n" +
  `${trial}\n\n## Assessment\n${assessment}\n\n## Plan\n1. RFA: purchase TENS unit, 2-lead (E0720), for G56.42, with his home OT program.\n`;
const tens = (trial: string, assessment?: string) => analyze(tensNote(trial, assessment), { today: "2026-11-23" }).findings;
const trialGap = (trial: string) => tens(trial).find((f) => f.criterion === "tens.one-month-trial")?.message ?? "";

test("TENS use written as a range of times or minutes is how often it was used; the body part comes from a limb diagnosis", () => {
  const used = "The 30-day rental ran 04/01-04/30/2016: used 3-4 times a day, 20-30 minutes each; pain 7/10 before, 4/10 after, and he types 20 minutes (was 5).";
  const unsaid = "The 30-day rental ran 04/01-04/30/2016; pain 7/10 before, 4/10 after, and he types 20 minutes (was 5).";
  assert.doesNotMatch(trialGap(used), /missing: how often/);
  assert.match(trialGap(unsaid), /missing: how often it was used/);
  const ids = (trial: string, assessment?: string) => tens(trial, assessment).map((f) => f.criterion);
  assert.ok(!ids(used).includes("rfa.specific-request"));
  assert.ok(ids(used, "Complex regional pain syndrome type II (G56.42).").includes("rfa.specific-request"));
});


/** The assertion of the first occurrence of `term` in a note, in its sentence. */
function assertionOf(markdown: string, term: string) {
  const note = parseNote(markdown);
  const start = note.prose.indexOf(term);
  const sentence = note.sentences.find((s) => s.start <= start && start < s.end);
  return assessInSentence(note.prose, { start, end: start + term.length }, sentence);
}

test("text copied forward from an earlier note is that note's, in its block only", () => {
  const block = "> Carried forward from the 03/2021 visit:\n> New weakness of the left ankle, foot drop suspected.\n\nToday the ankle is strong.\n";
  assert.equal(assertionOf(block, "New weakness").historical, true);
  assert.equal(assertionOf(block, "ankle is strong").historical, false);
  assert.equal(assertionOf("Copied from the prior note: new weakness of the left ankle.\n", "new weakness").historical, true);
  assert.equal(assertionOf("New weakness of the left ankle since Monday.\n", "New weakness").historical, false);
});

test("a checklist's title reads as its answer: none checked is none found, one checked is found", () => {
  const none = "**Warning signs**\n- [ ] Fever\n- [ ] Night pain\n- [ ] Weight loss\n";
  assert.equal(assertionOf(none, "Warning signs").negated, true);
  const one = "**Warning signs**\n- [ ] Fever\n- [x] Night pain\n- [ ] Weight loss\n";
  assert.equal(assertionOf(one, "Warning signs").negated, false);
  // A sentence above a checklist is no title.
  const sentence = "Warning signs were reviewed with her today.\n- [ ] Fever\n- [ ] Night pain\n";
  assert.equal(assertionOf(sentence, "Warning signs").negated, false);
});

test("a table's pain row pairs the columns its header contrasts", () => {
  const pairs = (md: string) => tablePainPairs(parseNote(md).prose);
  const dose = pairs("| | Off oxycodone | On oxycodone |\n|---|---|---|\n| Back pain (0-10) | 8 | 3 |\n");
  assert.deepEqual(dose.map((p) => [p.high, p.low, p.dose]), [[8, 3, true]]);
  const response = pairs("| Measure | Before pregabalin | Now |\n|---|---|---|\n| Foot pain NRS | 6/10 | 3/10 |\n");
  assert.deepEqual(response.map((p) => [p.high, p.low, p.dose, p.reliefPercent]), [[6, 3, false, 50]]);
  // A course without a drug in the header, a goal column, or a row that is no pain: no pair.
  assert.deepEqual(pairs("| Measure | At intake | Now |\n|---|---|---|\n| Foot pain NRS | 6/10 | 3/10 |\n"), []);
  assert.deepEqual(pairs("| Measure | Before pregabalin | Goal |\n|---|---|---|\n| Foot pain NRS | 6/10 | 3/10 |\n"), []);
  assert.deepEqual(pairs("| Measure | Before pregabalin | Now |\n|---|---|---|\n| Walking (min) | 10 | 30 |\n"), []);
});

test("a label line heads the table and lines under it: relief written after 'Response to the ESI:' is the ESI's", () => {
  const prior = (label: string) =>
    `${label}\n| Week | Leg pain |\n|---|---|\n| 0 | 8/10 |\n| 6 | 3/10 |\n\n` +
    "About 60% relief for 9 weeks; her oxycodone went from three pills a day to one, and she was back to full shifts.";
  const ids = (label: string) => esiIds(repeatEsiNote(prior(label), " Prior left L4-5 TFESI 11/02/2021."));
  assert.ok(!ids("After the 11/02/2021 transforaminal ESI:").includes("esi.repeat-relief"));
  // Under a label naming other care, the relief is that care's.
  assert.ok(ids("After the aquatic therapy course:").includes("esi.repeat-relief"));
});

test("a trigger point table: the twitch and referral columns answer per row; the header only names them", () => {
  const note = (rows: string) =>
    "# PR-2\nDate of service: 02/09/2016\n\n## Subjective\nRight neck and shoulder blade pain since a fall in 2015; stretching, PT 8 visits, naproxen and tizanidine gave no lasting relief. No arm symptoms.\n\n" +
    `## Exam\n| Muscle | Band | Twitch (LTR) | Referred to |\n|---|---|---|---|\n${rows}\nSpurling negative; sensation and reflexes intact.\n\n` +
    "## Assessment\nMyofascial pain syndrome, right levator scapulae (M79.18).\n\n## Plan\n1. Trigger point injections x2, right levator scapulae and rhomboid, lidocaine 1%.\n";
  const ids = (rows: string) => analyze(note(rows), { today: "2026-11-23" }).findings.map((f) => f.criterion);
  assert.ok(!ids("| Levator scapulae | taut band | + | base of skull |\n| Rhomboid | taut band | yes | medial scapula |\n").includes("tpi.trigger-points-documented"));
  assert.ok(ids("| Levator scapulae | taut band | - | none |\n| Rhomboid | taut band | no | none |\n").includes("tpi.trigger-points-documented"));
  // The column names alone, with the answers left blank, document nothing.
  assert.ok(ids("| Levator scapulae | taut band |  |  |\n").includes("tpi.trigger-points-documented"));
});


test("prescription abbreviations: 'RF' is refills on a drug line, 'inj' counts injections", () => {
  assert.equal(parseRegimen("eszopiclone 2 mg qhs #30 + 3 RF").refills, 3);
  assert.equal(parseRegimen("eszopiclone 2 mg qhs #30, RF x1").refills, 1);
  assert.equal(parseRegimen("eszopiclone 2 mg qhs #30, no RF").refills, 0);
  assert.equal(parseRegimen("eszopiclone 2 mg qhs #30").refills, undefined);
  assert.equal(parseCounts("TPI to the gluteus medius and piriformis, 5 inj total").injections, 5);
});

test("ballot boxes are check boxes: '☐ consult' is not a consult, '☑ consult' is", () => {
  assert.equal(assertionOf("☐ Pain management consult re: dose\n", "Pain management consult").negated, true);
  assert.equal(assertionOf("☑ Pain management consult re: dose\n", "Pain management consult").negated, false);
});


test("one side against the other is no change over time; the same numbers over time are", () => {
  assert.deepEqual(functionStalls("Grip 28 kg right versus 41 kg left."), []);
  assert.deepEqual(functionStalls("Shoulder abduction R 90 vs L 170 degrees."), []);
  assert.equal(functionStalls("Lifting 20 lb now versus 30 lb at intake.").length, 1);
  assert.equal(functionGains("Grip on the right went from 28 kg to 41 kg.").length, 1);
});

test("a compound's ingredient row and the patient's own supply are no orders; a plain order is", () => {
  assert.deepEqual(requested("| Ingredient | Strength |\n|---|---|\n| Baclofen | 2% |\n| Ketoprofen | 10% |"), []);
  assert.deepEqual(requested("- Naproxen: uses his own leftover bottle from the urgent care; nothing prescribed today."), []);
  assert.deepEqual(requested("- Meloxicam not refilled today."), []);
  assert.ok(requested("- Baclofen 10 mg TID #90 for spasm.").includes("muscle-relaxant"));
  assert.ok(requested("- Naproxen 500 mg BID #60.").includes("nsaid-ppi"));
});

test("a field named as done carries a result, not 'not done': 'CURES reviewed 03/2025: no other prescribers'", () => {
  assert.equal(assertionOf("- CURES reviewed 03/20/2025: no other prescribers found.\n", "CURES").negated, false);
  assert.equal(assertionOf("- CURES: not reviewed yet.\n", "CURES").negated, true);
});

test("a two-column table is a set of fields: 'Off the drug | 8' and 'On the drug | 3' pair; 'Relief lasts | about 5 h' is a duration", () => {
  const table = (rows: string) => `Pain today\n| | NRS (0-10) |\n|---|---|\n${rows}\n`;
  const pairs = (md: string) => tableFieldPainPairs(parseNote(md).prose);
  assert.deepEqual(pairs(table("| Off tapentadol | 8 |\n| On tapentadol | 3 |")).map((p) => [p.high, p.low]), [[8, 3]]);
  // Only one side of the pair, or a goal, is no pair.
  assert.deepEqual(pairs(table("| Right now | 6 |\n| Goal | 3 |")), []);
  assert.deepEqual(pairs(table("| Off tapentadol | 8 |\n| Average | 5 |")), []);
  const lasting = (md: string) => tableFieldDurations(parseNote(md).prose);
  assert.equal(lasting(table("| Relief lasts | about 5 h |")).length, 1);
  assert.equal(lasting(table("| Sits | about 5 h |")).length, 0);
});
