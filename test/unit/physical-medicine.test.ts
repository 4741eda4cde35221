// Physical-medicine families (pt, chiro, acupuncture, tens, frp): the course grammar (frequency,
// weeks, days, hours, "6 of 6 completed"), visit counts written around the service's name, and the
// conditions the rules use (initial course, date of injury before the statutory cap, flare-ups).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCompletedCount, parseSpan } from "../../src/core/extract/quantity";
import { analyze } from "../../src/core/index";

test("parseSpan reads frequency, weeks, days and hours of a course", () => {
  assert.deepEqual(parseSpan("PT 2x/wk x 4 wk (8 visits)"), { perWeek: 2, weeks: 4 });
  assert.deepEqual(parseSpan("PT twice a week for 6 weeks"), { perWeek: 2, weeks: 6 });
  assert.deepEqual(parseSpan("acupuncture 1-2 times per week x 3 weeks"), { perWeek: 2, weeks: 3 });
  assert.deepEqual(parseSpan("chiro 2x6"), { perWeek: 2, weeks: 6 });
  assert.deepEqual(parseSpan("TENS 30-day rental"), { days: 30 });
  assert.deepEqual(parseSpan("TENS rental x 2 months"), { days: 60 });
  assert.deepEqual(parseSpan("FRP x 2 weeks (10 full days, 80 hours)"), { weeks: 2, days: 10, hours: 80 });
  assert.deepEqual(parseSpan("10 additional days (80 hours) to complete 20 days"), { days: 10, hours: 80 });
  assert.deepEqual(parseSpan("follow-up as needed"), {});
});

test("parseCompletedCount takes the completed number of 'N of M'", () => {
  assert.equal(parseCompletedCount("completed 6 of 6 authorized treatments"), 6);
  assert.equal(parseCompletedCount("attended 4 out of the 8 approved visits"), 4);
  assert.equal(parseCompletedCount("completed six visits"), undefined);
});

const note = (subjective: string, plan: string, doi = "06/10/2024") =>
  ["# PR-2", `**Date of service:** 03/02/2025 · **DOI:** ${doi}`, "## Subjective", subjective, "## Plan", `1. ${plan}`].join("\n");

const kinds = (text: string, id: string) =>
  analyze(text, { today: "2025-03-02" })
    .findings.filter((f) => f.criterion === id)
    .map((f) => f.kind);

test("a visit count written around the service's name is read ('8 more PT visits')", () => {
  const text = note("Lifting limited to 10 lb.", "Request 12 more PT visits for the lumbar spine, lumbar strain (S39.012D).");
  assert.deepEqual(kinds(text, "pt.visit-limit"), ["exceeds"]);
  const ok = note("Lifting limited to 10 lb.", "Request 8 more PT visits for the lumbar spine, lumbar strain (S39.012D).");
  assert.deepEqual(kinds(ok, "pt.visit-limit"), []);
});

test("the 24-visit cap counts prior visits, and a known injury date before 2004 lifts it", () => {
  const subjective = "Completed 20 PT visits in 2024 with lifting improved from 10 to 20 lb.";
  const plan = "Request PT 2x/wk x 3 wk for the lumbar spine, lumbar strain (S39.012D).";
  // The cap's own finding (26 visits past 24); the diagnosis allowance (prior + requested, §1) is another check.
  const cap = (text: string) =>
    analyze(text, { today: "2025-03-02" }).findings.filter((f) => f.criterion === "pt.visit-limit" && /24 visits per injury/.test(f.message)).map((f) => f.kind);
  assert.deepEqual(cap(note(subjective, plan)), ["exceeds"]);
  assert.deepEqual(cap(note(subjective, plan, "06/10/2003")), []);
  // Written employer authorization past the cap.
  assert.deepEqual(cap(note(`${subjective} The employer authorized additional visits in writing.`, plan)), []);
});

test("CRPS raises the PT allowance to 24 visits; post-operative PT is outside the chronic-pain allowance", () => {
  const plan = "Request PT 2x/wk x 8 wk (16 visits) for the right hand, CRPS type 1 (G90.511).";
  assert.deepEqual(kinds(note("Grip strength 20 lb.", plan), "pt.visit-limit"), []);
  const postOp = "Request post-op PT 3x/wk x 4 wk (12 visits) for the right knee after ACL reconstruction (S83.511A).";
  assert.deepEqual(kinds(note("Knee flexion 90 degrees.", postOp), "pt.visit-limit"), []);
});

test("an initial chiropractic trial is limited to 6 visits; a prior course switches to the 18-visit total", () => {
  const plan = "Request chiropractic manipulation 2x/wk x 4 wk (8 visits) to the lumbar spine, lumbar strain (S39.012A).";
  assert.deepEqual(kinds(note("Low back pain.", plan), "chiro.trial"), ["exceeds"]);
  const prior = note("Completed 6 chiropractic visits in 01/2025; standing improved from 10 to 30 minutes.", plan);
  assert.deepEqual(kinds(prior, "chiro.trial"), []);
  assert.deepEqual(kinds(prior, "chiro.functional-improvement"), []);
});

test("a flare-up limits chiropractic care to 1-2 visits only when the flare is current", () => {
  const plan = "Request chiropractic care 2x/wk x 2 wk (4 visits) to the lumbar spine, lumbar strain (S39.012A).";
  const prior = "Completed 6 chiropractic visits in 2024 and returned to full duty.";
  assert.deepEqual(kinds(note(`${prior} Flare of low back pain since 02/20/2025.`, plan), "chiro.flare-up"), ["exceeds"]);
  assert.deepEqual(kinds(note(`${prior} No flare since then.`, plan), "chiro.flare-up"), []);
});

test("a TENS rental longer than a month exceeds the trial; a 30-day rental does not", () => {
  const subjective = "Chronic neuropathic pain from diabetic peripheral neuropathy; failed gabapentin.";
  assert.deepEqual(kinds(note(subjective, "TENS unit rental x 3 months for the feet; goals: walk 20 minutes."), "tens.one-month-trial"), ["exceeds"]);
  assert.deepEqual(kinds(note(subjective, "TENS unit 30-day rental for the feet; goals: walk 20 minutes."), "tens.one-month-trial"), []);
});

test("a past FRP evaluation is not a prior course: the 2-week initial limit still applies", () => {
  const subjective =
    "FRP evaluation done 08/12/2025: FCE lift 10 lb. Motivated to return to work; negative predictors were addressed. Off work since 2023. Failed PT and ESIs; no other treatment options. Not a surgical candidate.";
  assert.deepEqual(kinds(note(subjective, "Request functional restoration program x 4 weeks (160 hours)."), "frp.duration"), ["exceeds"]);
  assert.deepEqual(kinds(note(subjective, "Request functional restoration program x 2 weeks (80 hours)."), "frp.duration"), []);
});

test("plan lines that narrate or decline a service are not requests", () => {
  const plan = (line: string) => analyze(note("Low back pain.", line), { today: "2025-03-02" }).requests.map((r) => r.service);
  assert.deepEqual(plan("Chiropractic records reviewed; no further chiro."), []);
  assert.deepEqual(plan("Physical therapy was denied by UR; appeal filed."), []);
  assert.deepEqual(plan("TENS unit: she already owns one."), []);
  assert.deepEqual(plan("PT completed 12 visits in 2024; request 6 more PT visits for the lumbar spine."), ["pt"]);
});
