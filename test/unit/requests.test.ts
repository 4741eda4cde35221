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

// What a plan line does not ask for (mirror pairs: the same drug or service, asked for and not).

test("a planned end of the course is no stop; a stop is", () => {
  assert.deepEqual(services("## Plan\n- Tizanidine 2 mg qhs x 14 d, #14 → then d/c.\n"), ["muscle-relaxant"]);
  assert.deepEqual(services("## Plan\n- Tizanidine 2 mg qhs x 14 d, #14, then stop.\n"), ["muscle-relaxant"]);
  assert.deepEqual(services("## Plan\n- D/c tizanidine (sedation).\n"), []);
});

test("another clinician's drug, a drug bought over the counter: not requested here", () => {
  assert.deepEqual(services("## Plan\n- Her oxycodone is prescribed by the pain clinic physician; no change here.\n"), []);
  assert.deepEqual(services("## Plan\n- Oxycodone 5 mg q6h prn #40.\n"), ["opioids"]);
  assert.deepEqual(services("## Plan\n- Continues naproxen 220 mg that he buys over the counter.\n"), []);
  assert.deepEqual(services("## Plan\n- Naproxen 500 mg bid #60.\n"), ["nsaid-ppi"]);
  assert.deepEqual(services("## Plan\n- Lidocaine ointment dispensed by a previous doctor; she stopped using it.\n"), []);
});

test("a goal or a look back at use is no order (mirror)", () => {
  assert.deepEqual(services("## Plan\n- Goal over the next month: oxycodone down to twice a day.\n"), []);
  assert.deepEqual(services("## Plan\n- Follow up in 3 weeks to see how much oxycodone she still takes.\n"), []);
  assert.deepEqual(services("## Plan\n- Oxycodone 5 mg bid #28; recheck in 3 weeks.\n"), ["opioids"]);
});

test("'no further X is planned' is a negation, not an order", () => {
  assert.deepEqual(services("## Plan\n- Check the sleep diary next time; no further eszopiclone is planned.\n"), []);
  assert.deepEqual(services("## Plan\n- Eszopiclone 1 mg qhs #10, no refills.\n"), ["sleep-aid"]);
});

test("an authorised course being carried out is no new request; more visits are", () => {
  assert.deepEqual(services("## Plan\n- Finish the approved chiropractic visits; home exercises daily.\n"), []);
  assert.deepEqual(services("## Plan\n- Request 4 additional chiropractic visits beyond the approved ones.\n"), ["chiro"]);
});

test("'PT' meaning the patient is no physical therapy request", () => {
  assert.deepEqual(services("## Plan\nPT REPORTS LESS PAIN WITH THE BRACE. BRACE AT NIGHT.\n"), []);
  assert.deepEqual(services("## Plan\nPT 2X/WEEK X 3 WEEKS, LUMBAR SPINE.\n"), ["pt"]);
});

test("a request made after an attribution is ours; the other clinician's statement alone is not", () => {
  assert.deepEqual(services("## Plan\n- Per the AME report, request a lumbar MRI without contrast.\n"), ["imaging"]);
  assert.deepEqual(services("## Plan\n- Per the AME report, a lumbar MRI without contrast would be reasonable.\n"), []);
});

test("a title naming a request is not an order of its own", () => {
  assert.deepEqual(services("# Request for Authorization: trigger point injections\n\n## Plan\n- Home stretching.\n"), []);
  assert.deepEqual(services("# Progress note\n\n## Plan\n- Trigger point injections x2, left trapezius.\n"), ["tpi"]);
});

test("a service named as the reason for another item is not requested with it; a co-requested one is", () => {
  assert.deepEqual(services("## Plan\n- Massage therapy x4 to the low back, as an adjunct to her ongoing physical therapy.\n"), ["massage"]);
  assert.deepEqual(services("## Plan\n- Trigger point injections x2, left trapezius, after failed cyclobenzaprine and stretching.\n"), ["tpi"]);
  assert.deepEqual(services("## Plan\n- Given failed physical therapy, request trigger point injections x2.\n"), ["tpi"]);
  assert.deepEqual(services("## Plan\n- Massage therapy x4 and physical therapy x6 to the low back.\n").sort(), ["massage", "pt"]);
});
