// Structure and context of a note the way a reviewer reads it: section labels in any case and form,
// header fields that are not sections, check boxes, case files, and what a plan line does not ask for.
// Every sentence here is written for this file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assessInSentence, type Assertion } from "../../src/core/context";
import { parseNote, sentenceAt } from "../../src/core/note";
import { analyze } from "../../src/core/index";

const kinds = (text: string) => {
  const note = parseNote(text);
  return note.sections.map((s) => s.kind);
};
/** The section holding the first occurrence of a phrase. */
const sectionOf = (text: string, phrase: string) => {
  const note = parseNote(text);
  const at = note.prose.indexOf(phrase);
  assert.ok(at >= 0, phrase);
  return sentenceAt(note, at)!.section.kind;
};
const services = (text: string, today = "2026-11-20") => analyze(text, { today }).requests.map((r) => r.service);

// ---------------------------------------------------------------------------------------------
// Section labels

test("labels without a colon: bold lines, title case lines, period-terminated lines", () => {
  const body = (label: string) => `Intro line.\n\n${label}\nKnee brace fitting next week.\n`;
  for (const label of ["**Plan**", "Plan", "Plan.", "**Plan.**", "**Plan / RFA.**", "Orders / RFA", "Treatment requested", "Requested services", "A/P:", "PLAN"]) {
    assert.equal(sectionOf(body(label), "Knee brace"), "plan", label);
  }
  assert.equal(sectionOf(body("PHYSICAL EXAM — LUMBAR"), "Knee brace"), "exam");
  assert.equal(sectionOf(body("**Examination**"), "Knee brace"), "exam");
  assert.equal(sectionOf(body("Diagnoses"), "Knee brace"), "assessment");
});

test("a run-in heading closed by a period opens its section on the same line", () => {
  const text = "Subjective. Aching shoulder for months.\n**Plan / RFA.** Shoulder injection under ultrasound.\n";
  assert.equal(sectionOf(text, "Aching"), "subjective");
  assert.equal(sectionOf(text, "Shoulder injection"), "plan");
});

test("a sentence that only holds a section word is not a label (mirror of the label lines)", () => {
  const text = "## Plan\nKnee brace fitting.\nContinue current medications.\nSHE WILL SEE HER FAMILY DOCTOR ABOUT MEDICATIONS.\nCONTINUE CURRENT MEDICATIONS.\nWrist splint at night.\n";
  assert.equal(sectionOf(text, "Wrist splint"), "plan");
});

test("a long capitals title holding 'request' is no plan label; a capitals label line with a parenthesis is", () => {
  const title = "SPINE CLINIC FOLLOW-UP - REQUEST FOR ADDITIONAL THERAPY VISITS\nShe returns with hip pain.\n";
  assert.equal(sectionOf(title, "She returns"), "header");
  const label = "Intro.\n\nPLAN / REQUEST FOR AUTHORIZATION  (items as listed on the form)\n  Knee brace.\n";
  assert.equal(sectionOf(label, "Knee brace"), "plan");
});

test("header fields are not sections: RFA date, date of exam, RFA type, a label followed by a date", () => {
  for (const line of ["RFA date: 03/04/2026", "DATE OF EXAM: 03/04/2026", "Date of examination: 03/04/2026", "RFA type: [x] New", "RFA SUBMITTED: 03/09/2026"]) {
    assert.deepEqual(kinds(`${line}\nPatient seen for knee pain.\n`), ["header"], line);
  }
  // Mirror: a label that carries a date inside it still opens its section.
  assert.equal(sectionOf("Plan / RFA 03/04/2026:\n1. Knee brace.\n", "Knee brace"), "plan");
  // "to date" is no date field.
  assert.equal(sectionOf("Treatment to date: six chiropractic visits.\n", "six"), "history");
});

test("'History' alone or today's history is the present illness; a past history label stays history", () => {
  for (const label of ["History:", "HISTORY:", "HISTORY", "**History since last visit**", "History of present illness:", "Interval history", "Hx (today):"]) {
    assert.equal(sectionOf(`${label}\nAching knee after a fall.\n`, "Aching"), "subjective", label);
  }
  for (const label of ["Past history:", "Past medical history:", "Work status history:", "Injection history:", "Surgical hx:", "Records reviewed:", "Past medications:", "Failed medications:"]) {
    assert.equal(sectionOf(`${label}\nAching knee after a fall.\n`, "Aching"), "history", label);
  }
});

test("a history label ends at the next label, whatever its form", () => {
  const text = "Work status history: off work since spring.\n\n**Assessment**\nKnee strain.\n\nPLAN\nKnee brace.\n";
  assert.equal(sectionOf(text, "off work"), "history");
  assert.equal(sectionOf(text, "Knee strain"), "assessment");
  assert.equal(sectionOf(text, "Knee brace"), "plan");
});

test("a line of capitals, thousands of blanks and a letter is read as one line, not a label", () => {
  const note = parseNote("PLAN" + " ".repeat(20_000) + "x\nKnee brace.\n");
  assert.deepEqual(
    note.sections.map((s) => s.kind),
    ["header"],
  );
  // Mirror: the same capitals with the blanks but nothing after them are a label.
  assert.equal(sectionOf("Intro.\n\nPLAN" + " ".repeat(2_000) + "\nKnee brace.\n", "Knee brace"), "plan");
});

// ---------------------------------------------------------------------------------------------
// Check boxes

type Flag = keyof Assertion;
const reading = (line: string, target: string): Flag[] => {
  const note = parseNote(line);
  const start = note.prose.indexOf(target);
  assert.ok(start >= 0, target);
  const a = assessInSentence(note.prose, { start, end: start + target.length }, sentenceAt(note, start));
  return (Object.keys(a) as Flag[]).filter((k) => a[k]).sort();
};

test("an unchecked option is not affirmed; a checked one is (mirror pairs)", () => {
  assert.deepEqual(reading("  [ ] Home exercise program", "Home exercise"), ["negated"]);
  assert.deepEqual(reading("  [x] Home exercise program", "Home exercise"), []);
  assert.deepEqual(reading("  [X] Home exercise program", "Home exercise"), []);
  // Inline boxes on one line: each option is read with its own box.
  const line = "  [ ] Massage    [x] Acupuncture    [ ] Chiropractic";
  assert.deepEqual(reading(line, "Massage"), ["negated"]);
  assert.deepEqual(reading(line, "Acupuncture"), []);
  assert.deepEqual(reading(line, "Chiropractic"), ["negated"]);
});

test("a field label reads its checked option; with no box checked it is not a finding", () => {
  assert.deepEqual(reading("Tingling:   [ ] yes   [x] no", "Tingling"), ["negated"]);
  assert.deepEqual(reading("Tingling:   [x] yes   [ ] no", "Tingling"), []);
  assert.deepEqual(reading("Tingling:   [ ] yes   [ ] no", "Tingling"), ["uncertain"]);
  // The "no" of the field before it on the line is not this field's answer.
  assert.deepEqual(reading("Nausea: [ ] yes [x] no    Tingling: [x] yes [ ] no", "Tingling"), []);
  assert.deepEqual(reading("Nausea: [ ] yes [x] no    Tingling: [x] yes [ ] no", "Nausea"), ["negated"]);
  assert.deepEqual(reading("Hoffmann:   R [ ] pos [x] neg     L [ ] pos [x] neg", "Hoffmann"), ["negated"]);
});

test("an unchecked order box is no request; a checked one is", () => {
  const plan = (box: string) => `Dx: cervical myofascial pain (M79.1)\n\nPLAN / RFA\n  ${box} Massage therapy, neck, 6 visits\n  [x] Continue home stretching\n`;
  assert.deepEqual(services(plan("[ ]")), []);
  assert.deepEqual(services(plan("[x]")), ["massage"]);
});

test("'continue only if it helps' is a condition for later, not a drug already in use (mirror)", () => {
  const note = (line: string) =>
    `Assessment: postherpetic neuralgia, left T6 band (B02.29); gabapentin failed (no benefit).\n\nPlan:\n1. ${line}\n`;
  const continued = (line: string) =>
    analyze(note(line), { today: "2026-11-20" }).findings.some((f) => f.criterion === "lidoderm.localized-neuropathic" && /continued/.test(f.message));
  assert.equal(continued("Lidoderm 5% patch to the left T6 band, 12 h on / 12 h off, #30; continue only if it helps her sleep and walking."), false);
  assert.equal(continued("Continue Lidoderm 5% patch to the left T6 band, 12 h on / 12 h off, #30."), true);
});

// ---------------------------------------------------------------------------------------------
// Clause scope and labels over lists

test("a post-posed ', resolved' or '(remote)' reads the noun phrase before it; other qualifiers do not (mirrors)", () => {
  assert.deepEqual(reading("Right C6 radiculopathy, resolved with rest; neck pain only now.", "radiculopathy"), ["historical", "negated"]);
  assert.deepEqual(reading("Right C6 radiculopathy, worse since the fall.", "radiculopathy"), []);
  assert.deepEqual(reading("Wrist fracture (remote), elbow pain today.", "fracture"), ["historical"]);
  assert.deepEqual(reading("Wrist fracture (displaced), elbow pain today.", "fracture"), []);
  assert.deepEqual(reading("Sciatica in 2019 — since resolved.", "Sciatica"), ["historical", "negated"]);
});

test("'no further' negates what follows it, across a coordination", () => {
  assert.deepEqual(reading("No further injections or surgery are contemplated.", "surgery"), ["negated"]);
  assert.deepEqual(reading("No further injections or surgery are contemplated.", "injections"), ["negated"]);
  assert.deepEqual(reading("Injections and surgery are contemplated.", "surgery"), []);
});

test("a label over a list passes its modality to the items under it (mirror pairs)", () => {
  assert.deepEqual(reading("Goals:\n- carry 20 lb groceries\n- return to full duty", "return to full duty"), ["hypothetical"]);
  assert.deepEqual(reading("Targets for this block of care:\n- sit 60 minutes", "sit 60"), ["hypothetical"]);
  assert.deepEqual(reading("Results:\n- carry 20 lb groceries", "carry"), []);
  assert.deepEqual(reading("Past medications:\n- baclofen 10 mg, drowsy", "baclofen"), ["historical"]);
  assert.deepEqual(reading("Medications:\n- baclofen 10 mg", "baclofen"), []);
  assert.deepEqual(reading("AME opinion:\n  lumbar radiculopathy", "radiculopathy"), ["otherSource"]);
  // Running text below a label line is not one of its items.
  assert.deepEqual(reading("Goals:\n- sit 60 minutes\nShe walks 2 miles daily now.", "walks"), []);
});

test("items under a goal or past-medication label are no requests; the same items under a plan label are", () => {
  const under = (label: string) => `## Plan\n${label}\n- Baclofen 10 mg tid #90\n`;
  assert.deepEqual(services(under("Goals for the next visit:")), []);
  assert.deepEqual(services(under("Past medications:")), []);
  assert.deepEqual(services(under("Orders:")), ["muscle-relaxant"]);
});

test("'Rx:' heads today's prescriptions (plan); 'Current Rx:' is the medication list", () => {
  assert.equal(sectionOf("Intro.\n\nRx: baclofen 10 mg tid #90\n", "baclofen"), "plan");
  assert.equal(sectionOf("Intro.\n\nCurrent Rx: baclofen 10 mg tid\n", "baclofen"), "medications");
  assert.deepEqual(services("Dx: lumbar spasm, acute flare (M62.830)\n\nRx: baclofen 10 mg tid x 10 days, #30\n"), ["muscle-relaxant"]);
});

test("GFM task list items: the prose keeps the box, an unchecked item is no request, a checked one is", () => {
  const note = parseNote("## Plan\n- [ ] TENS unit, 30-day rental\n- [x] Massage therapy x4, low back\n");
  assert.ok(note.prose.includes("[ ] TENS") && note.prose.includes("[x] Massage"));
  assert.deepEqual(services("## Plan\n- [ ] TENS unit, 30-day rental\n- [x] Massage therapy x4, low back\n"), ["massage"]);
  assert.deepEqual(services("## Plan\n- [x] TENS unit, 30-day rental\n- [ ] Massage therapy x4, low back\n"), ["tens"]);
  // In a code block the box stays blanked with the rest.
  assert.ok(!parseNote("```\n- [ ] TENS unit\n```\n").prose.includes("["));
});
