// Spinal levels, laterality and approach (src/core/extract/levels.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { levelsNear, parseLevels, readLaterality, sharedSegments } from "../../src/core/extract/levels";

test("two listed segments are two levels", () => {
  const r = parseLevels("MBB L4-5, L5-S1");
  assert.deepEqual(r.segments, ["L4-L5", "L5-S1"]);
  assert.equal(r.levels, 2);
});

test("a range spanning segments counts each segment: L3-S1 = 3, C4-7 = 3, L3-L5 = 2", () => {
  assert.deepEqual(parseLevels("RF ablation L3-S1").segments, ["L3-L4", "L4-L5", "L5-S1"]);
  assert.equal(parseLevels("C4-7 fusion").levels, 3);
  assert.equal(parseLevels("L3-L5").levels, 2);
  assert.equal(parseLevels("L3 to S1").levels, 3);
});

test("segment notations: C5-6, L5/S1, L4-L5, T12-L1, L5 - S1", () => {
  assert.deepEqual(parseLevels("C5-6").segments, ["C5-C6"]);
  assert.deepEqual(parseLevels("L5/S1").segments, ["L5-S1"]);
  assert.deepEqual(parseLevels("L4-L5").segments, ["L4-L5"]);
  assert.deepEqual(parseLevels("T12-L1").segments, ["T12-L1"]);
  assert.deepEqual(parseLevels("at L5 - S1").segments, ["L5-S1"]);
});

test("the same segment written twice is one level", () => {
  assert.equal(parseLevels("L4-5 TFESI (L4-L5 foramen)").levels, 1);
});

test("nerve roots named alone are levels; medial branch nerves count the joints they cover", () => {
  const roots = parseLevels("right L5 and S1 transforaminal ESI");
  assert.deepEqual(roots.roots, ["L5", "S1"]);
  assert.equal(roots.levels, 2);
  assert.equal(parseLevels("bilateral L3, L4, L5 medial branch blocks").levels, 2);
  assert.equal(parseLevels("L4 medial branch block").levels, 1);
});

test("ICD codes, doses and words are not levels", () => {
  assert.equal(parseLevels("Lumbar sprain S33.5XXA, T14.8").levels, 0);
  assert.equal(parseLevels("Norco 10/325 #60, last 2-3 weeks").levels, 0);
  assert.equal(parseLevels("2x/wk x 6 wk").levels, 0);
  assert.equal(parseLevels("L6-7").levels, 0);
});

test("bilateral doubles sides and joints", () => {
  for (const text of ["bilateral L4-5, L5-S1", "bilat L4-5, L5-S1", "B/L L4-5, L5-S1", "left and right L4-5, L5-S1", "L and R L4-5, L5-S1"]) {
    const r = parseLevels(text);
    assert.equal(r.laterality, "bilateral", text);
    assert.equal(r.sides, 2, text);
    assert.equal(r.joints, 4, text);
  }
});

test("laterality: left/right words, Lt/Rt, capital L/R alone, RLE; L4 is not left", () => {
  assert.equal(readLaterality("left L5-S1 TFESI"), "left");
  assert.equal(readLaterality("Rt L5 TFESI"), "right");
  assert.equal(readLaterality("R L5-S1 TFESI"), "right");
  assert.equal(readLaterality("L TFESI at L5-S1"), "left");
  assert.equal(readLaterality("TFESI L4-5 for RLE radiculopathy"), "right");
  assert.equal(readLaterality("TFESI L4-5"), undefined);
  assert.equal(readLaterality("ESI L4-L5"), undefined);
  assert.equal(parseLevels("right L4-5 TFESI").joints, 1);
});

test("approach: transforaminal, interlaminar, caudal, from words or codes", () => {
  assert.equal(parseLevels("R L5-S1 TFESI").approach, "transforaminal");
  assert.equal(parseLevels("TF ESI L4-5").approach, "transforaminal");
  assert.equal(parseLevels("transforaminal epidural L4-5").approach, "transforaminal");
  assert.equal(parseLevels("selective nerve root block L5").approach, "transforaminal");
  assert.equal(parseLevels("interlaminar ESI C6-7").approach, "interlaminar");
  assert.equal(parseLevels("IL ESI L4-5").approach, "interlaminar");
  assert.equal(parseLevels("ILESI L5-S1").approach, "interlaminar");
  assert.equal(parseLevels("caudal epidural").approach, "caudal");
  assert.equal(parseLevels("ESI L4-5, CPT 64483").approach, "transforaminal");
  assert.equal(parseLevels("ESI L4-5, CPT 62321").approach, "interlaminar");
  assert.equal(parseLevels("lumbar ESI L4-5").approach, undefined);
  const both = parseLevels("interlaminar or transforaminal ESI");
  assert.equal(both.approach, undefined);
  assert.deepEqual(both.approaches.sort(), ["interlaminar", "transforaminal"]);
});

test("shared segments between a request and a fusion", () => {
  assert.deepEqual(sharedSegments(parseLevels("MBB L3-4, L4-5"), parseLevels("s/p L4-S1 fusion")), ["L4-L5"]);
  assert.deepEqual(sharedSegments(parseLevels("MBB L3-4"), parseLevels("s/p L4-S1 fusion")), []);
});

test("levels near a mention stop at relational words and clause marks", () => {
  const text = "Plan: MBB L3-4 above the L4-S1 fusion; consider L2-3 later";
  const i = text.indexOf("fusion");
  assert.deepEqual(levelsNear(text, i, i + 6).segments, ["L4-L5", "L5-S1"]);
  const t2 = "fusion at L4-5 and L5-S1 in 2019";
  assert.deepEqual(levelsNear(t2, 0, 6).segments, ["L4-L5", "L5-S1"]);
});

test("a level at the end of a sentence still counts", () => {
  assert.equal(parseLevels("MBB L3-S1.").levels, 3);
  assert.equal(parseLevels("TFESI at L5.").levels, 1);
});
