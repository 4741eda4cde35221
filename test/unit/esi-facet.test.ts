// The esi and facet families: request recognition ("RFA" disambiguation), approach-dependent level
// limits, fused levels, repeat RF timing and the block-response gate, on short synthetic notes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";

const TODAY = "2025-12-01";
const note = (plan: string, body = "") => `Date of service: 11/03/2025\nDate of injury: 01/02/2024\n\nSUBJECTIVE:\n${body}\n\nPLAN:\n${plan}\n`;
const services = (text: string) => analyze(text, { today: TODAY }).requests.map((r) => r.service);
const kinds = (text: string, id: string) =>
  analyze(text, { today: TODAY })
    .findings.filter((f) => f.criterion === id)
    .map((f) => f.kind);

test("RFA is radiofrequency ablation only in an anatomical or level context", () => {
  assert.ok(services(note("1. RFA of the L4-5 and L5-S1 medial branches, bilateral.")).includes("facet"));
  assert.ok(services(note("1. Bilateral L4-5 RFA under fluoroscopy.")).includes("facet"));
  assert.ok(services(note("1. RF ablation L4-5 bilaterally.")).includes("facet"));
  const esiLine = services(note("RFA: TFESI right L5-S1 under fluoroscopy."));
  assert.ok(esiLine.includes("esi"));
  assert.ok(!esiLine.includes("facet"), "an RFA label before an ESI is not a facet request");
  assert.ok(!services(note("1. The RFA dated 10/01/2025 was denied; per RFA instructions, resubmit the MRI request.")).includes("facet"));
});

test("conditional RF after a diagnostic block is not an RF request: the block-response gate stays closed", () => {
  const text = note("1. Bilateral L4-5, L5-S1 medial branch blocks.\n2. If the blocks give 70% relief, RF ablation at the same levels.");
  assert.deepEqual(kinds(text, "facet.block-response"), []);
  assert.deepEqual(kinds(text, "facet.conservative-plan"), []);
});

test("ESI level limits depend on the approach: 2 transforaminal, 1 interlaminar, 3+ when unspecified", () => {
  assert.deepEqual(kinds(note("1. Right L4-5 and L5-S1 TFESI under fluoroscopy."), "esi.max-levels"), []);
  assert.deepEqual(kinds(note("1. Right L3-4, L4-5 and L5-S1 TFESI under fluoroscopy."), "esi.max-levels"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Interlaminar ESI at C6-7 under fluoroscopy."), "esi.max-levels"), []);
  assert.deepEqual(kinds(note("1. Interlaminar ESI at C5-6 and C6-7 under fluoroscopy."), "esi.max-levels"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Lumbar ESI at L4-5 and L5-S1 under fluoroscopy."), "esi.max-levels"), []);
  assert.deepEqual(kinds(note("1. Lumbar ESI L3-S1 under fluoroscopy."), "esi.max-levels"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Caudal ESI under fluoroscopy."), "esi.max-levels"), []);
});

test("ESI series: a series or several at once exceeds; a single injection does not", () => {
  assert.deepEqual(kinds(note("1. Lumbar ESI x3 under fluoroscopy."), "esi.no-series"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Lumbar ESI L4-5, repeat ESI in 2 weeks, under fluoroscopy."), "esi.no-series"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Lumbar ESI x2 levels (L4-5, L5-S1) under fluoroscopy."), "esi.no-series"), []);
});

test("facet levels: bilateral two levels pass, a three-level range exceeds, medial branch nerves count joints", () => {
  assert.deepEqual(kinds(note("1. Bilateral L4-5, L5-S1 MBB."), "facet.max-levels"), []);
  assert.deepEqual(kinds(note("1. MBB L3-S1."), "facet.max-levels"), ["exceeds"]);
  assert.deepEqual(kinds(note("1. Bilateral L3, L4, L5 medial branch blocks."), "facet.max-levels"), []);
  assert.deepEqual(kinds(note("1. Bilateral L2, L3, L4, L5 medial branch blocks."), "facet.max-levels"), ["exceeds"]);
});

test("fused levels: the requested level fused contradicts; the level above a fusion does not", () => {
  const hx = "Status post L4-S1 fusion in 2020.";
  assert.deepEqual(kinds(note("1. Bilateral L4-5 MBB.", hx), "facet.no-fusion-or-surgery"), ["contradicted"]);
  assert.deepEqual(kinds(note("1. Bilateral L3-4 MBB above the fusion.", hx), "facet.no-fusion-or-surgery"), []);
  assert.deepEqual(kinds(note("1. Bilateral L4-5 MBB.", "No prior fusion at L4-5."), "facet.no-fusion-or-surgery"), []);
  assert.deepEqual(kinds(note("1. Bilateral L4-5 MBB.", "A fusion at L4-5 was recommended in 2023; she declined."), "facet.no-fusion-or-surgery"), []);
});

test("repeat RF: the prior RF's own date sets the interval; a block-response is not re-required", () => {
  const body =
    "Prior bilateral L4-5 RF ablation on 08/04/2025 gave 70% relief for 13 weeks. Confirmatory MBB on 01/06/2025 gave 80% relief for 4 hours.";
  const text = note("1. Repeat bilateral L4-5 RF ablation under fluoroscopy.\n2. Continue HEP.", body);
  assert.deepEqual(kinds(text, "facet.rf-repeat"), ["exceeds"]);
  assert.deepEqual(kinds(text, "facet.block-response"), []);
  const later = text.replace("08/04/2025", "03/03/2025");
  assert.deepEqual(kinds(later, "facet.rf-repeat"), []);
});

test("RF after a block: percent relief at 70% passes, below contradicts, none is missing", () => {
  const plan = "1. Bilateral L4-5 RF ablation.\n2. Continue HEP.";
  assert.deepEqual(kinds(note(plan, "MBB L4-5 on 10/01/2025: 70% relief x 3 hours."), "facet.block-response"), []);
  assert.deepEqual(kinds(note(plan, "MBB L4-5 on 10/01/2025: 60% relief x 3 hours."), "facet.block-response"), ["contradicted"]);
  assert.deepEqual(kinds(note(plan, "MBB L4-5 on 10/01/2025 was positive."), "facet.block-response"), ["missing"]);
  assert.deepEqual(kinds(note(plan, "Goal after the MBB: 80% relief."), "facet.block-response"), ["missing"]);
});

test("RF named as the next step of a diagnostic block is not an RF request", () => {
  for (const plan of [
    "1. Bilateral L4-5, L5-S1 MBB to determine candidacy for RF ablation.",
    "1. Bilateral L4-5, L5-S1 medial branch blocks prior to possible radiofrequency ablation.",
    "1. Diagnostic MBB L4-5 bilaterally, then RFA of the L4-5 medial branches if positive.",
  ]) {
    assert.deepEqual(kinds(note(plan), "facet.block-response"), [], plan);
    assert.deepEqual(kinds(note(plan), "facet.conservative-plan"), [], plan);
  }
  assert.deepEqual(kinds(note("1. Request authorization for bilateral L4-5 RF ablation."), "facet.block-response"), ["missing"]);
});

test("levels in a justification after the request are not requested levels", () => {
  assert.deepEqual(kinds(note("1. Right L5-S1 TFESI under fluoroscopy given MRI stenosis at L3-4, L4-5 and L5-S1."), "esi.max-levels"), []);
  assert.deepEqual(kinds(note("1. Right L3-4, L4-5 and L5-S1 TFESI under fluoroscopy given MRI stenosis."), "esi.max-levels"), ["exceeds"]);
});

test("an ESI approved or denied but never given is not a prior ESI", () => {
  const plan = "1. Right L5-S1 TFESI under fluoroscopy.";
  assert.deepEqual(kinds(note(plan, "She had been approved for a lumbar ESI in 2024 but was not able to schedule it."), "esi.repeat-relief"), []);
  assert.deepEqual(kinds(note(plan, "She had a right L5-S1 TFESI on 03/03/2025 that helped."), "esi.repeat-relief"), ["missing"]);
});
