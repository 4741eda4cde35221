// The abbreviation senses of criteria.md §2.5 (Disambiguation), compiled the way concepts are
// (word-bounded, case-sensitive exactTerms), read against short synthetic phrases.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  abbreviationSource,
  anyCase,
  AP_ACUPUNCTURE,
  CMT_CHIRO,
  HEP_PROGRAM,
  PT_THERAPY,
  PT_THERAPY_LOWER,
  type AbbreviationSense,
} from "../../src/core/abbreviations";
import { analyze } from "../../src/core/index";

/** Compiled exactly as concepts.ts compiles exactTerms. */
function compile(...senses: AbbreviationSense[]): RegExp {
  const src = senses.map(abbreviationSource).join("|");
  return new RegExp(`(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])`, "g");
}

function hits(re: RegExp, text: string): string[] {
  re.lastIndex = 0;
  return [...text.matchAll(re)].map((m) => m[0]);
}

test("anyCase widens letters, keeps escapes, classes and group syntax", () => {
  const re = new RegExp(`^${anyCase("pt (?:x|times)\\s*\\d{1,2}[a-c]")}$`);
  assert.ok(re.test("PT X 12B"));
  assert.ok(re.test("pt times 3a"));
  assert.ok(!re.test("pt times 3d"));
  assert.ok(new RegExp(`^${anyCase("c\\/o")}$`).test("C/O"));
  assert.ok(new RegExp(`^${anyCase("(?<!a)b")}`).test("B"));
});

test("PT: physical therapy with a count or in capitals, the patient before a patient verb", () => {
  const re = compile(PT_THERAPY, PT_THERAPY_LOWER);
  for (const t of ["PT x12", "PT 2x/wk x 4 wk", "PT visits", "continue PT", "PT twice weekly", "request pt x6", "6 more pt visits", "formal pt", "Plan: PT for the lumbar spine"]) {
    assert.deepEqual(hits(re, t).map((h) => h.toLowerCase()), ["pt"], t);
  }
  for (const t of ["Pt reports pain 6/10", "pt is a 45-year-old", "PT REPORTS INCREASED PAIN", "PT is a 52 yo male", "Pt states the meds help", "pt denies numbness", "discussed with PT", "Pt's goals", "pt here for follow-up"]) {
    assert.deepEqual(hits(re, t), [], t);
  }
  // Prothrombin time and the posterior tibial pulse are not physical therapy.
  for (const t of ["Check PT/INR", "PT and PTT normal", "DP/PT pulses 2+", "PT pulse palpable", "CBC, PT, INR"]) {
    assert.deepEqual(hits(re, t), [], t);
  }
  // The abbreviation is the whole mention, never its context.
  assert.deepEqual(hits(re, "PT 2x/wk"), ["PT"]);
  // Inside a word it never matches.
  assert.deepEqual(hits(re, "PTSD, OPT, Ptosis"), []);
});

test("HEP: the home exercise program, not hepatitis", () => {
  const re = compile(HEP_PROGRAM);
  for (const t of ["continue HEP daily", "independent with hep", "Transition to HEP", "HEP AS INSTRUCTED", "HEP, stretching"]) {
    assert.equal(hits(re, t).length, 1, t);
  }
  for (const t of ["Hep C", "history of Hep B", "HepC positive", "Hep-A vaccine", "hep panel negative", "HEP C antibody"]) {
    assert.deepEqual(hits(re, t), [], t);
  }
});

test("CMT: chiropractic manipulative treatment, not Charcot-Marie-Tooth", () => {
  const re = compile(CMT_CHIRO);
  for (const t of ["CMT 3-4 regions", "CMT x6", "request CMT 2x/wk", "CMT 4 visits"]) assert.equal(hits(re, t).length, 1, t);
  for (const t of ["Charcot-Marie-Tooth (CMT)", "CMT disease", "CMT type 1A", "CMT1A", "hereditary CMT", "history of CMT neuropathy", "CMT 2A"]) {
    assert.deepEqual(hits(re, t), [], t);
  }
});

test("AP: acupuncture only with a treatment context, never the radiographic view", () => {
  const re = compile(AP_ACUPUNCTURE);
  for (const t of ["AP x6", "AP 2x/wk x 3 wk", "continue AP", "AP sessions", "trial of AP"]) assert.equal(hits(re, t).length, 1, t);
  for (const t of ["AP and lateral views", "AP/lat x-rays", "AP view of the pelvis", "AP diameter", "AP: continue meds", "AP pelvis x2", "the AP"]) {
    assert.deepEqual(hits(re, t), [], t);
  }
});

test("a sense with only exclusions is accepted by default; a rejecting sense with no confirmation never matches", () => {
  const accept = compile({ meaning: "t", forms: ["XY"], excludeAfter: ["no"], otherwise: "accept" });
  assert.equal(hits(accept, "XY here").length, 1);
  assert.equal(hits(accept, "XY no").length, 0);
  const never = compile({ meaning: "t", forms: ["XY"], otherwise: "reject" });
  assert.equal(hits(never, "XY here").length, 0);
});

test("the senses drive requests: a patient 'PT' or hepatitis never makes a physical therapy request", () => {
  const note = [
    "# PR-2",
    "Date of service: 03/02/2025",
    "## Subjective",
    "Pt reports low back pain 5/10. PMH: Hep C, treated.",
    "## Plan",
    "1. Pt is to continue naproxen.",
    "2. Follow-up 4 weeks.",
  ].join("\n");
  const result = analyze(note, { today: "2025-03-02" });
  assert.deepEqual(
    result.requests.filter((r) => r.service === "pt").map((r) => r.text),
    [],
  );
  const asked = analyze(note.replace("2. Follow-up 4 weeks.", "2. PT 2x/wk x 4 wk for the lumbar spine."), { today: "2025-03-02" });
  assert.equal(asked.requests.filter((r) => r.service === "pt").length, 1);
});
