// Request gating: a family is evaluated only when the note asks for it now.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";

const services = (text: string) => analyze(text, { today: "2026-01-01" }).requests.map((r) => r.service);

test("a plan item is a request", () => {
  assert.deepEqual(services("## Plan\n1. Trigger point injections x3, trapezius\n"), ["tpi"]);
});

test("history, subjective interest and declined services are not requests", () => {
  assert.deepEqual(services("## History\nHas had 3 sets of trigger point injections.\n\n## Plan\n1. Follow up.\n"), []);
  assert.deepEqual(services("## Subjective\nShe asks about trigger point injections.\n\n## Plan\n- HEP\n"), []);
  assert.deepEqual(services("## Plan\n- Patient declined trigger point injections.\n"), []);
  assert.deepEqual(services("## Plan\n- Discontinue Soma.\n"), []);
  assert.deepEqual(services("## Plan\n- Consider TPI if no better at next visit.\n"), []);
  assert.deepEqual(services("## Plan\n- No TPI today.\n"), []);
});

test("explicit request words outside a plan: RFA:, refill, dispensed", () => {
  assert.deepEqual(services("RFA: L paraspinal trigger point injection\n"), ["tpi"]);
  assert.deepEqual(services("Meds: Refill Norco 10/325 #90\n"), ["opioids"]);
  assert.deepEqual(services("Meds: Norco 10/325 #90\n"), []);
});

test("RFA meaning radiofrequency ablation is not a request cue", () => {
  const subjective = "## Subjective\n";
  assert.deepEqual(services(subjective + "The prior L4-5 RFA on 01/13/2025 cut Norco from 3 to 1 a day.\n"), []);
  assert.deepEqual(services(subjective + "RFA of the medial branches was done in 2024; Norco 10/325 since.\n"), []);
  assert.deepEqual(services(subjective + "RFA submitted for Norco 10/325 #60.\n"), ["opioids"]);
  assert.deepEqual(services(subjective + "- RFA: Norco 10/325 #60\n"), ["opioids"]);
});

test("each requested drug is its own request; one request per non-drug service", () => {
  const r = analyze("## Plan\n1. Norco 10/325 #60\n2. Tramadol 50 mg #60\n3. TPI x2\n4. TPI to be done with PT\n");
  assert.deepEqual(r.requests.map((q) => q.service), ["opioids", "opioids", "tpi"]);
});

test("a plan request range is its line, and findings point at it", () => {
  const text = "## Plan\n1. Trigger point injections x5\n";
  const r = analyze(text);
  const f = r.findings.find((x) => x.criterion === "tpi.max-injections");
  assert.ok(f);
  assert.equal(f.range.start.line, 2);
  assert.equal(f.request.text, "Trigger point injections x5");
});

test("a request cue counts in the mention's own sentence, never across a paragraph or when negated", () => {
  const subjective = "## Subjective\nPain 7/10 without and 4/10 with Norco. Ibuprofen failed. No early refills.\n";
  assert.deepEqual(services(subjective), []);
  assert.deepEqual(services("## Subjective\nNo refills of Norco needed.\n"), []);
  assert.deepEqual(services("## Medications\n- Norco 10/325 #60, refill today\n"), ["opioids"]);
});
