// The facts layer at the fact level: measures, episodes and outcome polarity, each with mirror pairs
// (documented vs goal, negated, historical, planned, another person's). Sentences are invented here.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  conservativeFailures,
  episodeCounts,
  functionGains,
  functionStalls,
  longSymptomDurations,
  painMeasures,
  painPairs,
  polarity,
  reliefDurations,
} from "../../src/core/facts";
import { nameTypos, withinOneEdit } from "../../src/core/facts/typos";
import { analyze } from "../../src/core/analyze";
import { Matcher } from "../../src/core/concepts";
import { parseNote } from "../../src/core/note";
import { ALL_CONCEPTS } from "../../src/core/rules/registry";

test("pain scores: x/10, ranges, VAS millimetres and bare scores in pain talk", () => {
  assert.deepEqual(
    painMeasures("He puts it at 6-7 out of 10 this morning.").map((m) => m.value),
    [6.5],
  );
  assert.deepEqual(
    painMeasures("VAS 64 mm on arrival.").map((m) => m.value),
    [6.4],
  );
  assert.deepEqual(
    painMeasures("Her knee pain sits at about a 5 most evenings.").map((m) => m.value),
    [5],
  );
  // A bare number outside pain talk is not a score; a strength or a weight never is.
  assert.equal(painMeasures("She walked a 5 km loop.").length, 0);
  assert.equal(painMeasures("Pain is better; lifts a 10 lb bag.").length, 0);
});

test("pain pair: without vs with a drug, before vs after a dose, from-to and arrows", () => {
  const pairs = (s: string) => painPairs(s).map((p) => p.reliefPercent);
  assert.deepEqual(pairs("Off the oxycodone her pain reaches 9/10; on it, 4/10."), [56]);
  assert.deepEqual(pairs("His pain slides from roughly an 8 to a 3 once the tablet kicks in."), [63]);
  assert.deepEqual(pairs("Pain 7 -> 2 about forty minutes after the dose."), [71]);
  assert.deepEqual(pairs("VAS 80 mm before the morning capsule and 35 mm an hour after."), [56]);
  assert.deepEqual(pairs("Scores it 9-10 out of 10 without the patch and 5-6 with it."), [42]);
});

test("pain pair mirrors: a goal, an activity and a single score never pair", () => {
  assert.equal(painPairs("Goal for this trial: pain 3/10 with the medication.").length, 0);
  assert.equal(painPairs("Pain 8/10 with prolonged sitting, 4/10 lying down; no medication today.").length, 0);
  assert.equal(painPairs("Pain 6/10 today on her current medication.").length, 0);
});

test("relief duration: hours and minutes, number words, verbs of lasting; standing time is not relief", () => {
  assert.deepEqual(reliefDurations("Each dose keeps the pain down for about three hours.").map((d) => d.hours), [3]);
  assert.deepEqual(reliefDurations("Relief lasts 90 minutes.").map((d) => d.hours), [1.5]);
  assert.deepEqual(reliefDurations("The tablet is good for six to eight hours.").map((d) => d.hours), [7]);
  assert.equal(reliefDurations("She can stand for 30 minutes at work.").length, 0);
  assert.equal(reliefDurations("Sits for 20 minutes before she must get up.").length, 0);
});

test("function gain: a measured change against a stated before (prose and table rows)", () => {
  const kinds = (s: string) => functionGains(s).map((g) => g.kind);
  assert.deepEqual(kinds("Carries groceries up 2 flights now; in June she managed 0."), []);
  assert.ok(kinds("Pushes the mower 45 minutes now; at intake he managed about 15.").includes("measured"));
  assert.ok(kinds("Grip 40 lb today (initial evaluation: 22 lb).").includes("measured"));
  assert.ok(kinds("NDI 22% (was 48%).").includes("measured"));
  assert.ok(kinds("| Sitting tolerance | 15 min | 50 min |").includes("measured"));
  assert.ok(kinds("Walks 8 blocks versus 3 before the medication.").includes("measured"));
});

test("function gain mirrors: goals, no change, worse and a bare 'better' never count", () => {
  assert.equal(functionGains("Goal: sit 60 minutes, up from 20.").length, 0);
  assert.equal(functionGains("Target: lift 30 lb from 10 lb by discharge.").length, 0);
  assert.equal(functionGains("She says the pills help and she feels better overall.").length, 0);
  assert.equal(functionGains("| Carry test | 20 lb | 20 lb |").length, 0);
  assert.equal(functionGains("Oswestry 52% → 50% over the course.").length, 0);
  assert.deepEqual(functionStalls("| Carry test | 20 lb | 20 lb |").map((c) => c.direction), ["same"]);
  assert.deepEqual(functionStalls("Walking tolerance 30 min → 10 min since the flare.").map((c) => c.direction), ["loss"]);
});

test("function gain: an activity restored against a stated before, work status, reliance (§1)", () => {
  const kinds = (s: string) => functionGains(s).map((g) => g.kind);
  assert.ok(kinds("He plays nine holes of golf again, which he could not manage before the injections.").includes("restored"));
  assert.ok(kinds("She can dress and bathe herself more easily on the medication.").includes("restored"));
  assert.ok(kinds("He returned to modified duty last month.").includes("work"));
  assert.ok(kinds("Ibuprofen use cut from 6 to 2 tablets a day.").includes("reliance"));
  assert.equal(functionGains("He hopes to return to work next month.").length, 0);
});

test("outcome polarity: negative, partial, positive, unknown", () => {
  assert.equal(polarity("Six weeks of aquatic therapy changed nothing; she did not improve."), "negative");
  assert.equal(polarity("Neither of the gels really settled the ache."), "negative");
  assert.equal(polarity("The stretching was mildly helpful for a week or so."), "partial");
  assert.equal(polarity("Chiropractic helped a great deal."), "positive");
  assert.equal(polarity("Acupuncture helped, but she still wakes with pain most nights."), "partial");
  assert.equal(polarity("He is seeing the physiotherapist on Tuesdays."), "unknown");
});

test("conservative care failed: tried with a negative outcome; planned, declined and conditional care never", () => {
  const found = (s: string) => conservativeFailures(s).length > 0;
  assert.ok(found("Meloxicam for two months did nothing for the pain."));
  assert.ok(found("He remains symptomatic despite home stretching and tizanidine."));
  assert.ok(found("Eight sessions of physical therapy made no real difference."));
  assert.equal(found("We will start physical therapy next week."), false);
  assert.equal(found("If naproxen fails, we will consider injections."), false);
  assert.equal(found("She declined physical therapy."), false);
  assert.equal(found("Her pain persists despite everything, and she is not on any muscle relaxant."), false);
  assert.ok(found("Cyclobenzaprine, naproxen and a home program -- none with any lasting benefit."));
  assert.ok(found("Nothing she tried helped: not the baclofen, not the stretching."));
  assert.equal(found("Physical therapy helped a great deal."), false);
  // An outcome in the next sentence of the window.
  assert.equal(
    conservativeFailures("Six weeks of chiropractic care. No lasting change in her symptoms.", [
      { start: 0, end: 28 },
      { start: 29, end: 65 },
    ]).length,
    1,
  );
});

test("episodes: done and authorised counts stay apart", () => {
  assert.deepEqual(episodeCounts("The carrier approved 8 sessions; she has been to 5."), { authorised: 8, done: 5 });
  assert.deepEqual(episodeCounts("He completed all 10 authorized aquatic therapy visits."), { authorised: 10, done: 10 });
  assert.deepEqual(episodeCounts("Finished 9 physical therapy sessions in the spring."), { done: 9 });
  assert.deepEqual(episodeCounts("Eight visits were requested."), {});
});

test("fact concepts read mentions in context: goals are planned, others' statements are second-hand", () => {
  const note = parseNote(
    "History:\nOff his meds pain is 8/10; with them 3/10, and relief lasts 5 hours.\n\nPlan:\nGoal: pain 2/10 with medication, 6/10 without.\n",
  );
  const m = new Matcher(note, ALL_CONCEPTS);
  assert.equal(m.find("fact.pain-pair").length, 1);
  assert.equal(m.find("fact.relief-duration").length, 1);
});

const OPIOID_NOTE = (subjective: string) => `Progress note
Date of service: 03/02/2016

Subjective:
${subjective}

Side effects: denies sedation or nausea. No early refills; one pharmacy. UDS 01/10/2016 consistent. Opioid agreement signed 2015, on file.

Assessment:
Chronic lumbar strain (S39.012D).

Plan:
Refill hydrocodone/APAP 10/325, 1 tab TID, #90.
`;

test("opioids.pain-scores: partial evidence names the one thing to add", () => {
  const withPair = analyze(OPIOID_NOTE("Pain drops from an 8 to a 3 after each tablet. Walks 40 minutes on the medication versus 10 minutes without it."), { today: "2016-03-02" });
  const f = withPair.findings.find((x) => x.criterion === "opioids.pain-scores");
  assert.ok(f, "duration of relief is missing");
  assert.match(f.message, /^Pain scores with and without medication documented, but not duration of relief;/);
  const complete = analyze(
    OPIOID_NOTE("Pain drops from an 8 to a 3 after each tablet, and relief lasts about four hours. Walks 40 minutes on the medication versus 10 minutes without it."),
    { today: "2016-03-02" },
  );
  assert.equal(complete.findings.find((x) => x.criterion === "opioids.pain-scores"), undefined);
  assert.equal(complete.findings.find((x) => x.criterion === "opioids.functional-benefit"), undefined);
});

test("opioids.functional-benefit: a change not tied to the drug gets the partial message", () => {
  const r = analyze(
    OPIOID_NOTE("Pain drops from an 8 to a 3 after each tablet, and relief lasts about four hours.\n\nSince the spring she walks 40 minutes versus 10 minutes in March."),
    { today: "2016-03-02" },
  );
  const f = r.findings.find((x) => x.criterion === "opioids.functional-benefit");
  assert.ok(f);
  assert.match(f.message, /not tied to the opioid/);
});

test("opioids.uds-frequency: monthly screens for a low-risk patient exceed the risk-based frequency", () => {
  const note = (risk: string) =>
    OPIOID_NOTE(`Pain drops from an 8 to a 3 after each tablet, and relief lasts about four hours. Risk screen: ${risk}.`) +
    "Urine drug screen monthly for 6 months.\n";
  const low = analyze(note("low risk"), { today: "2016-03-02" }).findings.find((x) => x.criterion === "opioids.uds-frequency");
  assert.equal(low?.kind, "exceeds");
  const high = analyze(note("high risk"), { today: "2016-03-02" }).findings.find((x) => x.criterion === "opioids.uds-frequency");
  assert.equal(high, undefined);
});

/** A PT recheck dated `date` that asks for six more visits for low back myalgia. */
const PT_NOTE = (date: string) => (subjective: string) => `PT recheck
Date of service: ${date}

Subjective:
${subjective}

Assessment:
Myalgia of the low back (M79.1).

Plan:
Physical therapy to the lumbar spine twice weekly for three weeks (6 visits), M79.1; keep up the home program.
`;

test("pt.visit-limit: visits already done count with the requested ones against the allowance", () => {
  const note = PT_NOTE("05/04/2015");
  const over = analyze(note("He has finished 8 physical therapy visits; walking 30 minutes now versus 10 at the start."), { today: "2015-05-04" });
  assert.equal(over.findings.find((x) => x.criterion === "pt.visit-limit")?.kind, "exceeds");
  const first = analyze(note("Walking is limited to 10 minutes."), { today: "2015-05-04" });
  assert.equal(first.findings.find((x) => x.criterion === "pt.visit-limit"), undefined);
});

test("pt.visit-limit: a course that ended long before the visit is another episode of care", () => {
  const note = PT_NOTE("05/04/2016");
  const old = analyze(note("He completed 8 physical therapy visits 03/2015-05/2015 with walking up from 10 to 30 minutes."), { today: "2016-05-04" });
  assert.equal(old.findings.find((x) => x.criterion === "pt.visit-limit"), undefined);
  const recent = analyze(note("He completed 8 physical therapy visits 02/2016-04/2016 with walking up from 10 to 30 minutes."), { today: "2016-05-04" });
  assert.equal(recent.findings.find((x) => x.criterion === "pt.visit-limit")?.kind, "exceeds");
});

test("zolpidem.sleep-assessment: awakenings as a range and next-day function characterise the insomnia", () => {
  const note = (sleep: string) => `Follow-up
Date of service: 02/02/2016

Subjective:
${sleep} Sleep hygiene tried for a month without benefit. Insomnia is due to the back pain.

Assessment:
Insomnia due to chronic pain (G47.01).

Plan:
Zolpidem 5 mg qhs #10, no refills.
`;
  const described = analyze(note("She wakes 3-4 times a night and is drowsy by the afternoon."), { today: "2016-02-02" });
  assert.equal(described.findings.find((x) => x.criterion === "zolpidem.sleep-assessment"), undefined);
  const bare = analyze(note("She sleeps poorly."), { today: "2016-02-02" });
  assert.ok(bare.findings.find((x) => x.criterion === "zolpidem.sleep-assessment"));
});

test("drug and procedure names one edit away are read as the name; ordinary words and other drugs never", () => {
  const names = ["carisoprodol", "tizanidine", "trigger point", "massage therapy", "gabapentin"];
  const read = (s: string) => nameTypos(s, names).map((t) => t.name);
  assert.deepEqual(read("Refill carisoprodl 350 mg."), ["carisoprodol"]);
  assert.deepEqual(read("tizanodene 2 mg at night"), []); // two edits: not read
  assert.deepEqual(read("tiznaidine 2 mg at night"), ["tizanidine"]); // two letters swapped
  assert.deepEqual(read("tizanadine 2 mg at night"), ["tizanidine"]);
  assert.deepEqual(read("Four trigger piont injections."), ["trigger point"]);
  assert.deepEqual(read("Six message therapy visits."), ["massage therapy"]);
  assert.deepEqual(read("She left a message for the nurse."), []);
  assert.deepEqual(read("gabapentin 300 mg"), []); // the exact name is the lexicon's
  assert.equal(withinOneEdit("naproxen", "naproxin"), true);
  assert.equal(withinOneEdit("naproxen", "napoxren"), false);
});

test("a drug name typo in a plan line is a request of that drug", () => {
  const r = analyze("Progress note\nDate of service: 03/02/2016\n\nAssessment:\nLumbar strain (S39.012D).\n\nPlan:\nStart tizanadine 4 mg qhs #30.\n", { today: "2016-03-02" });
  assert.ok(r.findings.some((f) => f.criterion === "muscle-relaxant.short-term" || f.criterion === "muscle-relaxant.acute-exacerbation"));
  const none = analyze("Progress note\nDate of service: 03/02/2016\n\nPlan:\nStart tizzy exercises at home.\n", { today: "2016-03-02" });
  assert.equal(none.requests.length, 0);
});

test("partial messages name what is documented and what is missing (AED response)", () => {
  const r = analyze(
    "Follow-up\nDate of service: 02/02/2016\n\nSubjective:\nBurning pain down the left leg, radicular. On gabapentin pain went from 8/10 to 4/10. Denies dizziness or sedation.\n\nAssessment:\nLumbar radiculopathy (M54.16).\n\nPlan:\nContinue gabapentin 300 mg TID #90.\n",
    { today: "2016-02-02" },
  );
  const f = r.findings.find((x) => x.criterion === "aed.response");
  assert.ok(f, "functional improvement is missing");
  assert.match(f.message, /documented, but not functional improvement;/);
});

test("symptom duration: three months or more, never a future span", () => {
  assert.deepEqual(longSymptomDurations("Aching in the wrist for about 8 months now.").map((d) => d.months), [8]);
  assert.deepEqual(longSymptomDurations("Numbness since the fall, two years ago.").map((d) => d.months), [24]);
  assert.deepEqual(longSymptomDurations("We will recheck the pain in 6 months.").map((d) => d.months), []);
  assert.deepEqual(longSymptomDurations("Pain for 6 weeks.").map((d) => d.months), []);
});

test("opioids.urine-drug-screen: a negative result is a screen done; no screen at all is missing", () => {
  const base = (uds: string) =>
    OPIOID_NOTE(`Pain drops from an 8 to a 3 after each tablet, and relief lasts about four hours. ${uds}`).replace("UDS 01/10/2016 consistent. ", "");
  const done = analyze(base("Urine drug screen today: negative for all substances tested."), { today: "2016-03-02" });
  assert.equal(done.findings.find((x) => x.criterion === "opioids.urine-drug-screen"), undefined);
  const none = analyze(base("No urine drug screen has been done."), { today: "2016-03-02" });
  assert.ok(none.findings.find((x) => x.criterion === "opioids.urine-drug-screen"));
});
