// The exam and study facts (src/core/facts/exam.ts, studies.ts): exam tests with side, level,
// result and whether they were done; trigger points as a frame; failed conservative care; care
// durations; studies read normal or with a root finding. Mirror pairs in invented sentences, then
// the criteria that select these facts, on short synthetic notes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  careDurations,
  formChoices,
  isNormalNeuro,
  isRadicularSign,
  readCareWeeks,
  readExamFindings,
  readFailedCare,
  readTriggerPoint,
  uncheckedBefore,
} from "../../src/core/facts/exam";
import { orphanRootFindings, readStudy, studyHeader } from "../../src/core/facts/studies";
import { codingSystem, diagnosisCoded, readCodes, readRequestItem } from "../../src/core/facts/request-items";
import { analyze } from "../../src/core/index";

const one = (text: string) => {
  const found = readExamFindings(text);
  assert.equal(found.length, 1, `one finding in ${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  return found[0];
};

test("exam tests: positive and negative results are both tests done; side and level are read", () => {
  const pos = one("Seated straight leg raise on the left brings on her calf pain at 45 degrees.");
  assert.equal(pos.test, "slr");
  assert.equal(pos.result, "abnormal");
  assert.equal(pos.side, "left");
  assert.ok(pos.performed);
  const neg = one("Straight leg raise is negative on both sides.");
  assert.equal(neg.result, "normal");
  assert.equal(neg.side, "bilateral");
  assert.ok(neg.performed, "a negative test is a test done");
  assert.equal(one("Spurling maneuver: R negative").result, "normal");
  assert.equal(one("+ Spurling on the right").result, "abnormal");
  assert.equal(one("Positive slump test").result, "abnormal");
});

test("the patient's own account is not an exam test; the examiner's finding is", () => {
  const told = readExamFindings("She says her straight leg raise was positive at the urgent care.");
  assert.equal(told.length, 1);
  assert.equal(told[0].reported, true);
  assert.ok(!isRadicularSign(told[0]));
  const examined = readExamFindings("Straight leg raise was positive on the left at 50 degrees.");
  assert.ok(isRadicularSign(examined[0]));
  assert.ok(!readExamFindings("Patient states sensation is normal now.").some(isNormalNeuro));
});

test("exam tests not done: deferred, not repeated, unable to perform", () => {
  for (const text of ["SLR deferred because of acute pain.", "Gaenslen not performed today.", "I did not repeat the FABER test this visit."]) {
    const f = readExamFindings(text);
    assert.ok(f.length >= 1, text);
    assert.ok(f.every((x) => !x.performed), text);
  }
});

test("neurological findings: deficits versus intact, reflex grades, strength grades", () => {
  const sens = one("Light touch reduced over the lateral foot (S1).");
  assert.equal(sens.test, "sensation");
  assert.equal(sens.result, "abnormal");
  assert.ok(isRadicularSign(sens));
  assert.equal(one("Diminished pinprick in the L5 dermatome on the right.").result, "abnormal");
  const intact = one("Sensation is intact in both hands.");
  assert.equal(intact.result, "normal");
  assert.ok(isNormalNeuro(intact));
  assert.equal(one("Knee jerk 1+ on the left vs 2+ on the right.").result, "abnormal");
  assert.equal(one("Ankle jerks 2+ and symmetric.").result, "normal");
  const weak = one("Ankle dorsiflexion on the left 4/5, the rest 5/5.");
  assert.equal(weak.test, "strength");
  assert.equal(weak.result, "abnormal");
  assert.equal(one("Grip strength is 5/5 bilaterally.").result, "normal");
  assert.equal(one("Toe walking is weak on the left.").result, "abnormal");
  const neuro = one("Neurologically she is intact in the lower limbs.");
  assert.equal(neuro.test, "neuro");
  assert.ok(isNormalNeuro(neuro));
  assert.ok(!isRadicularSign(neuro));
});

test("a run of tests shares one result; each SI test is its own finding", () => {
  const run = readExamFindings("Compression, distraction and Gaenslen all negative on the left.");
  assert.deepEqual(
    run.map((f) => [f.test, f.result]),
    [
      ["si-provocation", "normal"],
      ["si-provocation", "normal"],
      ["si-provocation", "normal"],
    ],
  );
  const mixed = readExamFindings("Gaenslen recreates his usual buttock ache; thigh thrust: pressure only.");
  assert.deepEqual(
    mixed.map((f) => f.result),
    ["abnormal", "normal"],
  );
});

test("template forms: the checked choice is the result, an unchecked option is nothing", () => {
  assert.equal(formChoices("[ ] pos [x] neg").trim(), "neg");
  assert.equal(formChoices("[x] pos [ ] neg").trim(), "pos");
  assert.equal(one("SLR: L [ ] pos [x] neg").result, "normal");
  assert.equal(one("SLR: L [x] pos [ ] neg").result, "abnormal");
  const motor = readExamFindings("Motor L2-S1: [x] 5/5 both legs   [ ] weakness: ____");
  assert.ok(motor.every((f) => f.result !== "abnormal"), JSON.stringify(motor));
  assert.equal(formChoices("[ ] Twitch response").trim(), "");
});

test("trigger points as a frame, recognised without the key words", () => {
  const frame = readTriggerPoint(
    "In the left infraspinatus there is a pea-sized knot inside a cord-like band; flicking it makes the muscle jump and sends an ache over the back of the shoulder.",
  );
  assert.ok(frame);
  assert.equal(frame.twitch?.present, true);
  assert.equal(frame.referral?.present, true);
  const keyWords = readTriggerPoint("Trigger points in the right rhomboid with a local twitch response and pain referred to the medial scapula.");
  assert.equal(keyWords?.twitch?.present, true);
  assert.equal(keyWords?.referral?.present, true);
  // Negated: the band is there, the twitch and the referral are not.
  const negated = readTriggerPoint("A taut band in the left trapezius, no twitch on snapping palpation, and pressing it does not reproduce any referred pain.");
  assert.equal(negated?.twitch?.present, false);
  assert.equal(negated?.referral?.present, false);
  // Tenderness without a band or nodule is no frame.
  assert.equal(readTriggerPoint("Tender to palpation over the upper trapezius, pain spreads to the neck."), undefined);
  // Unchecked boxes are nothing.
  assert.equal(readTriggerPoint("[x] Trigger points in the paraspinals [ ] Twitch response [ ] Referred pain")?.twitch, undefined);
});

test("failed conservative care: a tried element with a persisting symptom, in its sentence or the next", () => {
  const failed = [
    "Eight weeks of physiotherapy made no appreciable difference.",
    "Naproxen upset her stomach and did nothing for the pain; it did not help.",
    "He remains symptomatic on tizanidine and home stretching.",
    "She finished the aquatic program in May. None of it has really changed the leg pain.",
    "Chiropractic adjustments helped only briefly, back still 7/10 most days.",
    "PT 12 sessions -- plateaued, pain unchanged.",
  ];
  for (const text of failed) assert.equal(readFailedCare(text).length, 1, text);
  const notFailed = [
    "Physical therapy has given her lasting relief and she walks an hour now.",
    "She will start physical therapy next week.",
    "Meloxicam works well for her knee.",
    "The pain is unchanged.",
  ];
  for (const text of notFailed) assert.equal(readFailedCare(text).length, 0, text);
});

test("care durations: written durations and date ranges", () => {
  assert.deepEqual(
    careDurations("PT twice weekly for six weeks").map((d) => d.days),
    [42],
  );
  const range = careDurations("physiotherapy 02/2016-04/2016");
  assert.equal(range.length, 1);
  assert.ok(range[0].days >= 28, String(range[0].days));
  assert.ok(careDurations("chiropractic between 03/01/2016 and 04/15/2016")[0].days >= 28);
  assert.equal(readCareWeeks("home stretching for two weeks").length, 0);
  assert.equal(readCareWeeks("home stretching for two months").length, 1);
  assert.equal(readCareWeeks("she was off work from 01/2016-05/2016").length, 0, "a range without care is not a course of care");
});

test("studies: normal reads, negated findings, root findings with levels", () => {
  assert.equal(readStudy("NCS of both arms -- within normal limits.")?.normal, true);
  assert.equal(readStudy("MRI cervical spine read as normal by radiology.")?.normal, true);
  assert.equal(readStudy("EMG (bilateral lowers) - unremarkable")?.modality, "emg");
  const neg = readStudy("MRI L-spine 2015: no disc herniation, no foraminal stenosis, no nerve root impingement.");
  assert.ok(neg);
  assert.deepEqual(
    neg.findings.filter((f) => f.kind === "root"),
    [],
  );
  const pos = readStudy("MRI lumbar 03/02/2016: mild DDD; L5-S1 right paracentral protrusion contacting the traversing right S1 root.");
  assert.ok(pos);
  assert.equal(pos.normal, false);
  assert.equal(pos.date, "2016-03-02");
  const root = pos.findings.filter((f) => f.kind === "root");
  assert.ok(root.length >= 1);
  assert.ok(root.some((f) => f.levels.includes("L5-S1")));
  assert.equal(readStudy("EMG/NCS: chronic left L5 radiculopathy.")?.findings.some((f) => f.kind === "root"), true);
  assert.equal(readStudy("Request MRI to rule out a herniated disc.")?.findings.length ?? 0, 0, "a study to rule out a finding found none");
  // A quoted impression under its study's line.
  assert.equal(studyHeader("CT myelogram 05/2016, impression:").length, 1);
  assert.equal(orphanRootFindings("> 2. Right foraminal protrusion at C5-6 compressing the exiting C6 root.").length >= 1, true);
});

// ---------------------------------------------------------------------------------------------
// The criteria that read these facts.

const TODAY = "2016-06-01";
const kinds = (text: string, id: string) =>
  analyze(text, { today: TODAY })
    .findings.filter((f) => f.criterion === id)
    .map((f) => f.kind);
const visit = (sections: string) => `Date of service: 05/16/2016\nDate of injury: 01/04/2015\n\n${sections}\n`;

test("tpi.trigger-points-documented: the frame counts in the exam; negated or another clinician's does not", () => {
  const plan = "PLAN:\nTrigger point injections, left trapezius, 2 sites, lidocaine only, by palpation.";
  const assessment = "ASSESSMENT:\nMyofascial pain syndrome, left trapezius (M79.18).";
  const frame = "EXAM:\nA firm nodule within a ropy band of the left upper trapezius; a snap across it makes the muscle jump and pressure sends pain up behind the ear.";
  assert.deepEqual(kinds(visit(`${frame}\n\n${assessment}\n\n${plan}`), "tpi.trigger-points-documented"), []);
  const negated = "EXAM:\nA firm nodule within a ropy band of the left upper trapezius; no twitch with snapping and pressure does not refer pain.";
  assert.deepEqual(kinds(visit(`${negated}\n\n${assessment}\n\n${plan}`), "tpi.trigger-points-documented"), ["missing"]);
});

test("esi.radiculopathy-documented: exam signs without the RAD-PAT words and a study line corroborate", () => {
  const body = [
    "HISTORY:\nLeft leg pain for 5 months. Physical therapy 10 visits and ibuprofen for 8 weeks; none of it changed the leg pain.",
    "EXAM:\nHeel walking is weak on the left. Pinprick is blunted over the left first web space. Knee reflexes 2+ and symmetric.",
    "MRI L-spine 01/10/2016: L4-5 mild DDD; L4-5 left foraminal protrusion contacting the exiting left L4 root; L5-S1 normal.",
    "ASSESSMENT:\nLeft L5 radiculopathy (M54.16).",
    "PLAN:\nLeft L4-5 transforaminal ESI under fluoroscopy, one level (CPT 64483).",
  ].join("\n\n");
  assert.deepEqual(kinds(visit(body), "esi.radiculopathy-documented"), []);
  assert.deepEqual(kinds(visit(body), "esi.failed-conservative"), []);
  const normalExam = body.replace(
    "Heel walking is weak on the left. Pinprick is blunted over the left first web space. Knee reflexes 2+ and symmetric.",
    "Straight leg raise is negative on both sides. Sensation intact. Knee reflexes 2+ and symmetric.",
  );
  assert.deepEqual(kinds(visit(normalExam), "esi.radiculopathy-documented"), ["contradicted"]);
});

test("failed conservative care for ESI, facet, SI: any element with a persisting symptom; a plan is not a trial", () => {
  const facet = (history: string) =>
    visit(
      [
        `HISTORY:\n${history}`,
        "EXAM:\nFacet loading reproduces the pain on both sides. SLR negative bilaterally.",
        "ASSESSMENT:\nLumbar facet arthropathy (M47.816).",
        "PLAN:\nBilateral L4-5 medial branch blocks under fluoroscopy.",
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(facet("Chiropractic care 01/2016-03/2016; the back pain is no better."), "facet.failed-conservative"), []);
  assert.deepEqual(kinds(facet("Chiropractic care was recommended; she has not started it."), "facet.failed-conservative"), ["missing"]);
  assert.deepEqual(kinds(facet("Chiropractic care for two weeks; the back pain is no better."), "facet.failed-conservative"), ["missing"]);
});

test("facet.non-radicular and tpi.no-radiculopathy: a normal neuro exam written as sentences documents it", () => {
  const text = visit(
    [
      "HISTORY:\nBelt-line pain for a year, nothing goes into the legs.",
      "EXAM:\nStraight leg raise is negative on both sides. Neurologically he is intact in both legs.",
      "ASSESSMENT:\nLumbar facet arthropathy (M47.816).",
      "PLAN:\nBilateral L4-5 medial branch blocks under fluoroscopy.",
    ].join("\n\n"),
  );
  assert.deepEqual(kinds(text, "facet.non-radicular"), []);
});

test("rfa.specific-request: ICD-9 completes the diagnosis before 1 Oct 2015, ICD-10 from then; no CPT code is required", () => {
  const gaps = (dos: string, dx: string, line: string) =>
    analyze(`Date of service: ${dos}\n\n## Assessment\n1. ${dx}\n\n## Plan\n1. ${line}\n`, { today: "2026-10-02" })
      .findings.filter((f) => f.criterion === "rfa.specific-request")
      .map((f) => f.message);
  const massage = "Massage therapy 4 visits, lumbar paraspinals";
  assert.deepEqual(gaps("06/15/2015", "Lumbar sprain (847.2)", massage), [], "an ICD-9 code in the ICD-9 era");
  const [late] = gaps("11/15/2015", "Lumbar sprain (847.2)", massage);
  assert.match(late ?? "", /ICD-10/, "after 1 Oct 2015 the ICD-9 code no longer completes the line");
  assert.deepEqual(gaps("11/15/2015", "Lumbar sprain (S33.5XXA)", massage), []);
  assert.match(gaps("06/15/2015", "Lumbar sprain", massage)[0] ?? "", /diagnosis/, "no code at all is still a gap");
  // A request whose code the line does not determine (an ESI without its approach) is complete without one.
  assert.deepEqual(gaps("11/15/2015", "Lumbar radiculopathy (M54.16)", "Lumbar ESI at L5-S1, right, under fluoroscopy, x1"), []);
});

test("rfa.specific-request: an open-ended plan line is a gap; a specific one, or the phrase outside the plan, is not", () => {
  const note = (plan: string, history = "") =>
    `Date of service: 03/02/2016\n\n## History\n${history || "Neck pain since 2014."}\n\n## Assessment\n1. Cervical strain (S16.1XXD)\n\n## Plan\n1. Naproxen 500 mg PO BID #60 for the cervical strain (S16.1XXD).\n${plan}\n`;
  const gaps = (text: string) =>
    analyze(text, { today: "2016-03-03" })
      .findings.filter((f) => f.criterion === "rfa.specific-request")
      .map((f) => f.message);
  assert.deepEqual(gaps(note("")), []);
  assert.equal(gaps(note("2. Continue all other medications as before.")).length, 1);
  assert.equal(gaps(note("2. Resume weekly maintenance care afterwards.")).length, 1);
  assert.deepEqual(gaps(note("", "He used to continue his medications as before without review.")), [], "history is not a request");
});

test("the lidocaine patch under the topical criteria: not for non-neuropathic pain, and after failed first-line drugs", () => {
  const note = (assessment: string, history: string) =>
    `Date of service: 04/04/2016\n\n## History\n${history}\n\n## Assessment\n1. ${assessment}\n\n## Plan\n1. Lidoderm 5% patch to the area, 12 h on / 12 h off, #30.\n`;
  const found = (text: string, id: string) =>
    analyze(text, { today: "2016-04-05" })
      .findings.filter((f) => f.criterion === id)
      .map((f) => f.kind);
  const axial = note("Axial low back pain (M54.5)", "Ache across the belt line, nothing into the legs.");
  assert.deepEqual(found(axial, "topical.not-recommended-ingredient"), ["contradicted"]);
  assert.deepEqual(found(axial, "topical.failed-first-line"), ["missing"]);
  const neuropathic = note(
    "Post-herpetic neuralgia, left T6 dermatome (B02.29)",
    "Burning neuropathic pain along the left T6 band. Gabapentin was tried for 3 months and failed; nortriptyline was not tolerated because of sedation.",
  );
  assert.deepEqual(found(neuropathic, "topical.not-recommended-ingredient"), []);
  assert.deepEqual(found(neuropathic, "topical.failed-first-line"), []);
});

test("mri.indication and mri.repeat read exam facts, failed care and surgical intent", () => {
  const note = (exam: string, history: string, plan = "1. MRI lumbar spine without contrast (CPT 72148), x1.") =>
    `Date of service: 02/02/2016\nDate of injury: 06/01/2015\n\nHISTORY:\n${history}\n\nEXAM:\n${exam}\n\nASSESSMENT:\nRight L5 radiculopathy (M54.16).\n\nPLAN:\n${plan}\n`;
  const found = (text: string, id: string) =>
    analyze(text, { today: "2016-02-03" })
      .findings.filter((f) => f.criterion === id)
      .map((f) => f.kind);
  const history = "Right leg pain for 4 months; not improving with 10 physical therapy visits and naproxen. He wants surgery if a compressive lesion is found.";
  const deficit = "Heel walking is weak on the right. Great toe extension on the right 4/5. Knee reflexes 2+ and symmetric.";
  assert.deepEqual(found(note(deficit, history), "mri.indication"), []);
  const normal = "Heel and toe walking normal. Strength 5/5 in both legs. Knee reflexes 2+ and symmetric. Straight leg raise is negative on both sides.";
  assert.deepEqual(found(note(normal, history), "mri.indication"), ["contradicted"]);
  const noSurgery = history.replace("He wants surgery if a compressive lesion is found.", "He does not want surgery.");
  assert.equal(found(note(deficit, noSurgery), "mri.indication").length, 1, "without surgical intent the deficit alone is no indication");
  const repeat = "1. Repeat MRI lumbar spine without contrast (CPT 72148), x1: progressive motor deficit since the prior MRI of 05/2015.";
  assert.deepEqual(found(note(deficit, `${history} MRI lumbar spine 05/2015 showed a small L4-5 bulge.`, repeat), "mri.repeat"), []);
});

test("topical.nsaid-site: a compound with an NSAID ingredient is a topical NSAID; the knee passes, the spine does not", () => {
  const note = (line: string) => `Date of service: 04/04/2016\n\n## Assessment\n1. Knee osteoarthritis (M17.11); lumbar strain (S39.012D)\n\n## Plan\n1. ${line}\n`;
  const found = (text: string) =>
    analyze(text, { today: "2016-04-05" })
      .findings.filter((f) => f.criterion === "topical.nsaid-site")
      .map((f) => f.kind);
  assert.deepEqual(found(note("Compounded cream: ketoprofen 10% / menthol 2%, 120 g; apply to the lower back twice daily.")), ["contradicted"]);
  assert.deepEqual(found(note("Compounded cream: flurbiprofen 10% / menthol 2%, 120 g; apply to the right knee twice daily.")), []);
  assert.deepEqual(found(note("Voltaren 1% gel 100 g, 2 g to the lumbar spine QID.")), ["contradicted"]);
  assert.deepEqual(found(note("Voltaren 1% gel 100 g, 4 g to the right knee QID x 4 weeks.")), []);
  assert.deepEqual(found(note("Compounded cream: lidocaine 5% / menthol 2%, 120 g; apply to the lower back twice daily.")), [], "no NSAID in it: not applicable");
});

test("partial evidence: the message says what is missing, not the whole criterion", () => {
  const messages = (text: string, id: string) =>
    analyze(text, { today: "2016-06-01" })
      .findings.filter((f) => f.criterion === id)
      .map((f) => f.message);
  const esi = (history: string, imaging: string) =>
    visit(
      [
        `HISTORY:\n${history}`,
        "EXAM:\nStraight leg raise on the right brings on the calf pain at 40 degrees. Pinprick reduced over the right lateral foot.",
        imaging,
        "ASSESSMENT:\nRight S1 radiculopathy (M54.17).",
        "PLAN:\nRight L5-S1 transforaminal ESI under fluoroscopy, one level (CPT 64483).",
      ].join("\n\n"),
    );
  const mri = "MRI L-spine 01/10/2016: L5-S1 right paracentral protrusion compressing the traversing right S1 root.";
  const [noOutcome] = messages(esi("Physical therapy 10 visits in 2015.", mri), "esi.failed-conservative");
  assert.match(noOutcome ?? "", /^Conservative care is documented, but not that it failed/);
  const [noCare] = messages(esi("Leg pain since last year.", mri), "esi.failed-conservative");
  assert.match(noCare ?? "", /^No conservative care trial/);
  const [noStudy] = messages(esi("Physical therapy 10 visits; still has the leg pain.", ""), "esi.radiculopathy-documented");
  assert.match(noStudy ?? "", /^Radicular signs are documented on exam, but no MRI/);
  const [normalStudy] = messages(esi("Physical therapy 10 visits; still has the leg pain.", "MRI L-spine 01/10/2016: unremarkable."), "esi.radiculopathy-documented");
  assert.match(normalStudy ?? "", /documented as normal/);

  const sij = (exam: string) =>
    visit(
      [
        "HISTORY:\nRight buttock pain for 8 months; PT 12 visits over 8 weeks and a home program failed.",
        `EXAM:\n${exam}`,
        "ASSESSMENT:\nRight sacroiliac joint dysfunction (M53.3).",
        "PLAN:\nRight SI joint injection under fluoroscopy (CPT 27096).",
      ].join("\n\n"),
    );
  assert.match(messages(sij("Gaenslen positive on the right. Tender over the sulcus."), "sij.three-positive-tests")[0] ?? "", /^Only one or two positive/);
  assert.match(messages(sij("Tender over the sulcus."), "sij.three-positive-tests")[0] ?? "", /^Fewer than three/);
  assert.deepEqual(messages(sij("FABER positive, Gaenslen positive and thigh thrust positive on the right."), "sij.three-positive-tests"), []);
});

test("esi.no-series: both sides of one level in one session are one level, not a series", () => {
  const note = (plan: string) =>
    visit(
      [
        "HISTORY:\nBack and both legs for a year; PT 12 visits over 8 weeks, still has the leg pain.",
        "EXAM:\nStraight leg raise positive on both sides at 45 degrees. Pinprick reduced over both lateral feet.",
        "MRI L-spine 01/10/2016: L5-S1 broad protrusion compressing both traversing S1 roots.",
        "ASSESSMENT:\nBilateral S1 radiculopathy (M54.17).",
        `PLAN:\n${plan}`,
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(note("L5-S1 transforaminal ESI x 2, right and left, one session, under fluoroscopy."), "esi.no-series"), []);
  assert.deepEqual(kinds(note("Two transforaminal ESIs at L5-S1, left and right, under fluoroscopy."), "esi.no-series"), []);
  assert.deepEqual(kinds(note("L5-S1 transforaminal ESI x 3, right and left, under fluoroscopy."), "esi.no-series"), ["exceeds"], "more injections than sides × levels");
  assert.deepEqual(kinds(note("Right L5-S1 transforaminal ESI x 2, two weeks apart, under fluoroscopy."), "esi.no-series"), ["exceeds"], "one side, two visits");
  assert.deepEqual(kinds(note("Bilateral L5-S1 transforaminal ESI x 2, then repeat in 4 weeks, under fluoroscopy."), "esi.no-series"), ["exceeds"]);
});

test("relief durations with hedged numbers: 'for roughly ten weeks' is a duration, '(80%) for about 3 h' a bare relief", () => {
  const note = (hx: string) =>
    visit(
      [
        `HISTORY:\nRight buttock pain for 2 years; physical therapy 12 visits over 8 weeks did not help.\n\n${hx}`,
        "EXAM:\nFABER positive, Gaenslen positive and thigh thrust positive on the right. SLR negative on both sides.",
        "ASSESSMENT:\nRight sacroiliac joint dysfunction (M53.3).",
        "PLAN:\nRepeat right SI joint injection under fluoroscopy (CPT 27096).",
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(note("She had a right SI joint injection on 01/12/2016 with 80% relief, which held for roughly ten weeks."), "sij.repeat-relief"), []);
  assert.equal(kinds(note("She had a right SI joint injection on 01/12/2016 with 80% relief."), "sij.repeat-relief").length, 1, "no duration: still a gap");
});

test("facet.block-response: block results listed under a lead line that names the blocks", () => {
  const note = (results: string) =>
    visit(
      [
        `HISTORY:\nBelt-line pain for 2 years, nothing into the legs.\nMedial branch blocks, left L4-5 and L5-S1:\n${results}`,
        "PT 10 visits in 2015 -- no lasting gain.",
        "EXAM:\nFacet loading reproduces the pain on the left. SLR negative on both sides.",
        "ASSESSMENT:\nLumbar facet arthropathy (M47.816).",
        "PLAN:\nLeft L4-5 and L5-S1 radiofrequency neurotomy under fluoroscopy (CPT 64635, 64636).",
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(note("- 02/01/2016, lidocaine: NRS 7 -> 1 (85%) for about 2 h\n- 03/01/2016, bupivacaine: NRS 7 -> 2 (72%) for about 5 h"), "facet.block-response"), []);
  assert.deepEqual(kinds(note("- 02/01/2016, lidocaine: NRS 7 -> 5 (30%) for about 2 h"), "facet.block-response"), ["contradicted"]);
});

test("exam tables: the test in the first cell, one result per side; '+/-' is no result", () => {
  const row = (text: string) => readExamFindings(text).map((f) => [f.test, f.result]);
  assert.deepEqual(row("| Straight leg raise | neg | + at 35 deg |"), [["slr", "abnormal"]]);
  assert.deepEqual(row("| Achilles reflex | 2+ | 2+ |"), [["reflex", "normal"]]);
  assert.deepEqual(row("| Achilles reflex | 2+ | trace |"), [["reflex", "abnormal"]]);
  assert.deepEqual(row("| Great toe extension | 5/5 | 4+/5 |"), [["strength", "abnormal"]]);
  assert.deepEqual(row("| Thigh thrust | +/- | - |"), [["si-provocation", "unknown"]]);
  assert.deepEqual(row("| Distraction | - | - |"), [["si-provocation", "normal"]]);
  // Nerve-root compression on a study is no SI compression test.
  assert.deepEqual(row("MRI: no nerve root compression."), []);
});

test("sij.three-positive-tests: an exam table of SI tests counts its positive rows", () => {
  const table = (right: [string, string, string, string]) =>
    [
      "EXAM:",
      "",
      "| SI test | Left | Right |",
      "|---|---|---|",
      `| FABER | neg | ${right[0]} |`,
      `| Gaenslen | neg | ${right[1]} |`,
      `| Thigh thrust | neg | ${right[2]} |`,
      `| Compression | neg | ${right[3]} |`,
    ].join("\n");
  const note = (exam: string) =>
    visit(
      [
        "HISTORY:\nRight buttock pain for 8 months; PT 12 visits over 8 weeks and a home program failed.",
        exam,
        "ASSESSMENT:\nRight sacroiliac joint dysfunction (M53.3).",
        "PLAN:\nRight SI joint injection under fluoroscopy (CPT 27096).",
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(note(table(["pos", "pos", "reproduces her pain", "neg"])), "sij.three-positive-tests"), []);
  assert.equal(kinds(note(table(["pos", "neg", "neg", "neg"])), "sij.three-positive-tests").length, 1);
});

test("request items: a plan line read as its head and arguments", () => {
  const esi = readRequestItem("1. Left C6-7 interlaminar epidural steroid injection under fluoroscopy (CPT 62321) x1, for cervical radiculopathy (M54.12)");
  assert.equal(esi.head, "interlaminar epidural steroid injection");
  assert.deepEqual(esi.levels, ["C6-C7"]);
  assert.equal(esi.laterality, "left");
  assert.equal(esi.approach, "interlaminar");
  assert.deepEqual(esi.codes.cpt, ["62321"]);
  assert.deepEqual(esi.codes.icd10, ["M54.12"]);
  const pt = readRequestItem("- Aquatic therapy, lumbar spine, 3x/week x 4 weeks");
  assert.equal(pt.head, "Aquatic therapy");
  assert.deepEqual(pt.bodyParts, ["lumbar"]);
  assert.equal(pt.quantity, 12);
  assert.equal(pt.perWeek, 3);
  assert.equal(pt.weeks, 4);
  assert.equal(pt.openEnded, false);
  const open = readRequestItem("Massage as needed for the neck");
  assert.equal(open.head, "Massage");
  assert.equal(open.openEnded, true);
  assert.equal(open.quantity, undefined);
  // A dose is not a code; an ICD-9 code is read as such.
  assert.deepEqual(readCodes("Naproxen 500 mg BID #60 for lumbar sprain (847.2)"), { cpt: [], icd10: [], icd9: ["847.2"] });
});

test("coding era: ICD-9 before 1 Oct 2015, ICD-10 from then (and when the date is unknown)", () => {
  assert.equal(codingSystem("2015-09-30"), "ICD-9");
  assert.equal(codingSystem("2015-10-01"), "ICD-10");
  assert.equal(codingSystem(undefined), "ICD-10");
  const icd9 = readCodes("for lumbar sprain (847.2)");
  assert.equal(diagnosisCoded(icd9, "2014-05-01"), true);
  assert.equal(diagnosisCoded(icd9, "2016-05-01"), false);
  assert.equal(diagnosisCoded(readCodes("for lumbar sprain (S33.5XXA)"), "2016-05-01"), true);
});

test("mirror pairs through the criteria: another clinician's frame, a planned or hoped-for failure", () => {
  const tpiNote = (records: string, exam: string) =>
    visit(
      [
        `RECORDS REVIEWED:\n${records}`,
        `EXAM:\n${exam}`,
        "ASSESSMENT:\nMyofascial pain syndrome, right trapezius (M79.18).",
        "PLAN:\nTrigger point injections, right trapezius, 2 sites, bupivacaine only, by palpation.",
      ].join("\n\n"),
    );
  const frame = "A tight knot in a cord-like band of the right trapezius; a snap across it makes the muscle jump and pressure sends pain up into the temple.";
  assert.deepEqual(kinds(tpiNote("PT discharge summary of 01/2016 reviewed.", frame), "tpi.trigger-points-documented"), []);
  assert.deepEqual(kinds(tpiNote(`PT discharge summary of 01/2016: ${frame}`, "Tender over the right trapezius."), "tpi.trigger-points-documented"), ["missing"]);

  const esiNote = (history: string) =>
    visit(
      [
        `HISTORY:\n${history}`,
        "EXAM:\nStraight leg raise on the right brings on the calf pain at 40 degrees.",
        "MRI L-spine 01/10/2016: L5-S1 right protrusion compressing the traversing right S1 root.",
        "ASSESSMENT:\nRight S1 radiculopathy (M54.17).",
        "PLAN:\nRight L5-S1 transforaminal ESI under fluoroscopy, one level (CPT 64483).",
      ].join("\n\n"),
    );
  assert.deepEqual(kinds(esiNote("Physical therapy 8 visits; the leg pain has not settled."), "esi.failed-conservative"), []);
  assert.deepEqual(kinds(esiNote("Physical therapy 8 visits so far. If the leg pain does not settle we will consider more PT."), "esi.failed-conservative"), ["missing"]);
});

test("form boxes: an unchecked care option is no trial, a checked one is", () => {
  assert.equal(uncheckedBefore("  [ ] Muscle relaxant", 6), true);
  assert.equal(uncheckedBefore("  [x] PT  [ ] Chiro", 6), false);
  assert.equal(uncheckedBefore("  [x] PT  [ ] Chiro", 15), true);
  const form = (relaxant: string) =>
    visit(
      [
        "TREATMENT TO DATE:",
        "[x] Physical therapy -- 10 visits, no lasting relief",
        "[x] NSAID -- naproxen 500 mg BID x 2 months, minimal relief",
        "[x] Home stretching -- daily",
        relaxant,
        "",
        "EXAM:\nA ropy band in the right trapezius; snapping it makes the muscle jump and pressure sends pain to the temple.",
        "",
        "ASSESSMENT:\nMyofascial pain syndrome, right trapezius (M79.18).",
        "",
        "PLAN:\nTrigger point injections, right trapezius, 2 sites, lidocaine only, by palpation.",
      ].join("\n"),
    );
  assert.deepEqual(kinds(form("[ ] Muscle relaxant"), "tpi.failed-conservative"), ["missing"]);
  assert.deepEqual(kinds(form("[x] Muscle relaxant -- cyclobenzaprine x 3 weeks, no benefit"), "tpi.failed-conservative"), []);
});
