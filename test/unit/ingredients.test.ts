// The topical ingredient grammar: ingredient lists with strengths, brands with their labelled
// composition, forms, grams, patches per day and hours on/off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ingredientAt, parseCompound } from "../../src/core/extract/ingredients";
import { analyze } from "../../src/core/index";

const names = (text: string) => parseCompound(text).ingredients.map((i) => `${i.name}${i.percent !== undefined ? ` ${i.percent}%` : ""}`);

test("a slash-separated compound: each ingredient with its strength, grams and form", () => {
  const c = parseCompound("Flurbiprofen 20%/Baclofen 5%/Lidocaine 4% cream 180 g, apply TID");
  assert.deepEqual(names("Flurbiprofen 20%/Baclofen 5%/Lidocaine 4% cream 180 g, apply TID"), ["flurbiprofen 20%", "baclofen 5%", "lidocaine 4%"]);
  assert.equal(c.form, "cream");
  assert.equal(c.grams, 180);
  assert.equal(c.brand, undefined);
});

test("commas, 'and', decimal strengths and no form word", () => {
  assert.deepEqual(names("Compounded: gabapentin 10%, cyclobenzaprine 2% and capsaicin 0.0375%, 120 gm"), [
    "gabapentin 10%",
    "cyclobenzaprine 2%",
    "capsaicin 0.0375%",
  ]);
  const c = parseCompound("ketoprofen 20% / lidocaine 5% 240 grams");
  assert.equal(c.form, "unknown");
  assert.equal(c.grams, 240);
});

test("an oral drug on the same line is not an ingredient", () => {
  assert.deepEqual(names("Topical lidocaine 5% ointment; continue gabapentin 300 mg TID"), ["lidocaine 5%"]);
  assert.deepEqual(names("Lidoderm 5% patch to the left thigh; continue gabapentin TID"), ["lidocaine 5%"]);
  // Without strengths, names count in a clause about a compound.
  assert.deepEqual(names("Compound cream with gabapentin, ketoprofen and lidocaine"), ["gabapentin", "ketoprofen", "lidocaine"]);
});

test("Terocin lotion carries its labelled composition; the patch a different one", () => {
  const lotion = parseCompound("Terocin lotion 120 ml apply BID");
  assert.equal(lotion.brand, "Terocin");
  assert.equal(lotion.form, "lotion");
  assert.equal(lotion.ml, 120);
  assert.deepEqual(
    lotion.ingredients.map((i) => [i.name, i.percent, i.fromBrand]),
    [
      ["methyl salicylate", 25, "Terocin"],
      ["capsaicin", 0.025, "Terocin"],
      ["menthol", 10, "Terocin"],
      ["lidocaine", 2.5, "Terocin"],
    ],
  );
  const patch = parseCompound("Terocin patches #30, 1 patch daily");
  assert.equal(patch.form, "patch");
  assert.deepEqual(patch.ingredients.map((i) => [i.name, i.percent]), [
    ["lidocaine", 4],
    ["menthol", 4],
  ]);
  assert.equal(patch.patches, 30);
  assert.equal(patch.patchesPerDay, 1);
});

test("a brand with no form written assumes only the shared ingredients, without strengths", () => {
  const c = parseCompound("Refill Terocin");
  assert.equal(c.form, "unknown");
  assert.deepEqual(c.ingredients.map((i) => [i.name, i.percent]), [["menthol", undefined]]);
  const medrox = parseCompound("Medrox patch, apply 1 patch BID");
  assert.deepEqual(medrox.ingredients.map((i) => [i.name, i.percent]), [
    ["methyl salicylate", undefined],
    ["menthol", 5],
    ["capsaicin", 0.0375],
  ]);
  assert.equal(medrox.patchesPerDay, 2);
});

test("Menthoderm is recognised but no composition is assumed", () => {
  const c = parseCompound("Menthoderm gel 120 g");
  assert.equal(c.brand, "Menthoderm");
  assert.deepEqual(c.ingredients, []);
});

test("Lidoderm: patches per day, 12 h on/12 h off, quantity", () => {
  const c = parseCompound("Lidoderm 5% patch, up to 3 patches per day, 12 h on/12 h off, #90");
  assert.equal(c.brand, "Lidoderm");
  assert.equal(c.form, "patch");
  assert.deepEqual(c.ingredients.map((i) => [i.name, i.percent]), [["lidocaine", 5]]);
  assert.equal(c.patchesPerDay, 3);
  assert.equal(c.hoursOn, 12);
  assert.equal(c.hoursOff, 12);
  assert.equal(c.patches, 90);
  const worn = parseCompound("lidocaine 5% patch, apply 1-2 patches daily, wear for 12 hours");
  assert.equal(worn.patchesPerDay, 2);
  assert.equal(worn.hoursOn, 12);
  assert.equal(worn.hoursOff, 12);
});

test("Voltaren gel and Flector are diclofenac in their forms", () => {
  const v = parseCompound("Voltaren gel 1% 4 g QID to the knee");
  assert.equal(v.form, "gel");
  assert.deepEqual(v.ingredients.map((i) => [i.name, i.percent]), [["diclofenac", 1]]);
  const f = parseCompound("Flector 1.3% patch BID to the elbow");
  assert.equal(f.form, "patch");
  assert.deepEqual(f.ingredients.map((i) => i.name), ["diclofenac"]);
});

test("ingredientAt: by name, form and strength", () => {
  const text = "Lidocaine 5%/capsaicin 0.0375% cream";
  const c = parseCompound(text);
  const at = (word: string) => [text.toLowerCase().indexOf(word), text.toLowerCase().indexOf(word) + word.length] as const;
  const [ls, le] = at("lidocaine");
  const [cs, ce] = at("capsaicin");
  assert.equal(ingredientAt(c, ls, le, { names: ["lidocaine"], forms: ["cream", "gel", "lotion", "ointment"] }), true);
  assert.equal(ingredientAt(c, ls, le, { names: ["lidocaine"], forms: ["patch"] }), false);
  assert.equal(ingredientAt(c, cs, ce, { names: ["capsaicin"], percentNotIn: [0.025, 0.075] }), true);
  const studied = parseCompound("capsaicin 0.075% cream");
  assert.equal(ingredientAt(studied, 0, 9, { names: ["capsaicin"], percentNotIn: [0.025, 0.075] }), false);
  // Unknown strength never matches a strength rule.
  const unknown = parseCompound("capsaicin cream");
  assert.equal(ingredientAt(unknown, 0, 9, { names: ["capsaicin"], percentNotIn: [0.025, 0.075] }), false);
  // A lidocaine patch in unknown form does not match a non-patch rule.
  const bare = parseCompound("lidocaine 4%");
  assert.equal(ingredientAt(bare, 0, 9, { names: ["lidocaine"], forms: ["cream", "gel", "lotion", "ointment"] }), false);
});

// The ingredient evidence kind (EvidenceSpec.ingredient) as rules see it through analyze().

const NOTE = (plan: string) => `Date of service: 10/01/2025\nDate of injury: 01/01/2024\n\n## Assessment\nPostherpetic neuralgia. Failed gabapentin (dizziness) and failed nortriptyline (no relief).\n\n## Plan\n${plan}\n`;
const flagged = (text: string) =>
  analyze(text, { today: "2025-12-01" })
    .findings.filter((f) => f.criterion === "topical.not-recommended-ingredient")
    .map((f) => f.range.start.line);

test("ingredient evidence: only the product on the request's own line counts", () => {
  const text = NOTE("1. Compound cream: flurbiprofen 20%/lidocaine 5%, 180 g.\n2. Compound cream: gabapentin 10%/amitriptyline 5%, 180 g.");
  const lines = text.split("\n");
  const gabaLine = lines.findIndex((l) => l.includes("gabapentin 10%")) + 1;
  const lidoLine = lines.findIndex((l) => l.includes("flurbiprofen 20%")) + 1;
  // The first compound is flagged for lidocaine in a cream; the second for gabapentin; neither for the other's ingredient.
  assert.deepEqual(flagged(text).sort(), [gabaLine, lidoLine].sort());
  const msgs = analyze(text, { today: "2025-12-01" }).findings.filter((f) => f.criterion === "topical.not-recommended-ingredient").map((f) => f.message);
  assert.ok(msgs.some((m) => /lidocaine in a cream/.test(m)));
  assert.ok(msgs.some((m) => /anticonvulsant/.test(m)));
});

test("ingredient evidence: strengths and forms decide", () => {
  assert.deepEqual(flagged(NOTE("1. Capsaicin 0.075% cream to the chest wall TID.")), []);
  assert.equal(flagged(NOTE("1. Capsaicin 0.0375%/menthol 5% cream to the chest wall TID.")).length, 1);
  assert.deepEqual(flagged(NOTE("1. Terocin patches, 1 patch daily, #30.")), []);
  assert.equal(flagged(NOTE("1. Terocin lotion 120 ml BID.")).length, 1);
  // A brand with no form written: lidocaine is not assumed.
  assert.deepEqual(flagged(NOTE("1. Refill Terocin.")), []);
});

test("an oral anticonvulsant on a plan line is not a compound ingredient", () => {
  const r = analyze(NOTE("1. Gabapentin 300 mg TID #90.\n2. Lidoderm 5% patch to the chest wall, 12 h on/12 h off, #30."), { today: "2025-12-01" });
  assert.deepEqual(r.findings.filter((f) => f.criterion === "topical.not-recommended-ingredient"), []);
  assert.deepEqual(r.requests.map((q) => q.service).sort(), ["aed", "topical"]);
});
