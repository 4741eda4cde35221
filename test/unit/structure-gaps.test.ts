// Structure and course reading found missing on notes by other hands: visit separators drawn as
// rule lines around a date (also after a history label), capital labels that end a history
// section, courses for another injury, done counts written with words between number and unit,
// and a program's progress counts read by coreference. Every sentence is written for this file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/core/index";
import { parseNote } from "../../src/core/note";
import { findVisits } from "../../src/core/visits";
import { parsePriorCount, parseSpan } from "../../src/core/extract/quantity";

const visitDates = (text: string) => findVisits(parseNote(text)).map((v) => v.date.iso);
const findingIds = (text: string) => analyze(text, { today: "2026-11-23" }).findings.map((f) => f.criterion);
const sectionOf = (text: string, phrase: string) => {
  const note = parseNote(text);
  const at = note.prose.indexOf(phrase);
  return note.sections.find((s) => at >= s.start && at < s.end)?.kind;
};

const HEADER = "Case notes, right wrist, warehouse picker\nInjury date: 02/11/2019\n";

test("a dated line drawn between rule characters opens a visit even right after a history label", () => {
  const file =
    HEADER +
    "Prior surgical hx: carpal tunnel release, left, 2008.\n\n" +
    "======= 04/02/2019 =======\nS: wrist sore.\nP: splint.\n\n" +
    "======= 05/20/2019 =======\nS: wrist still sore.\nP: occupational therapy 2x/wk x 3 wk.\n";
  assert.deepEqual(visitDates(file), ["2019-04-02", "2019-05-20"]);
  // A plain dated record line listed under a history label stays part of the history.
  const record = HEADER + "Prior care history:\n04/02/2019\nSplint issued.\n\nS: wrist sore.\nP: splint.\n";
  assert.deepEqual(visitDates(record), []);
});

test("a rule line above or below a date line, or rules around a heading, mark a visit separator", () => {
  const above =
    HEADER +
    "Surgical hx: none.\n\n-----------------\n03/03/2019\nS: better.\nP: HEP.\n\n-----------------\n06/06/2019\nS: worse.\nP: splint.\n";
  assert.deepEqual(visitDates(above), ["2019-03-03", "2019-06-06"]);
  const setext =
    HEADER + "Social hx: smokes.\n\n==========\n03/03/2019\n==========\n\nS: better.\nP: HEP.\n\n==========\n06/06/2019\n==========\n\nS: worse.\n";
  assert.deepEqual(visitDates(setext), ["2019-03-03", "2019-06-06"]);
});

test("a capital label of no known kind ends the history section above it", () => {
  const text =
    "PAIN CLINIC NOTE\nDOS: 05/05/2020\n\nDRUG HX: never on opioids.\n\nSLEEP AND MOOD: sleeps five hours, mood fair.\n\nPLAN:\n1. Follow up.\n";
  assert.equal(sectionOf(text, "never on opioids"), "history");
  assert.notEqual(sectionOf(text, "sleeps five hours"), "history");
  // Mixed-case prose with a colon inside the history is no label: it stays history.
  const prose = "PAIN CLINIC NOTE\nDOS: 05/05/2020\n\nDRUG HX: never on opioids.\n\nShe said: nothing ever helped.\n\nPLAN:\n1. Follow up.\n";
  assert.equal(sectionOf(prose, "nothing ever helped"), "history");
  // A label naming tried treatment is history itself.
  const tried = "CLINIC NOTE\nDOS: 05/05/2020\n\nTHERAPIES TRIED:\n- ice packs, no help\n\nPLAN:\n1. Follow up.\n";
  assert.equal(sectionOf(tried, "ice packs"), "history");
});

test("done counts with words between the number and the unit; an authorisation is not a visit given", () => {
  assert.equal(parsePriorCount("She finished all 8 approved aquatic visits last month."), 8);
  assert.equal(parsePriorCount("He attended 5 hand therapy sessions in March."), 5);
  assert.equal(parsePriorCount("The adjuster certified 6 hand therapy visits."), undefined);
});

test("program progress written as a field: days and hours completed", () => {
  assert.equal(parseSpan("Days completed: 12 (weeks one to three), 6 h/day").days, 12);
  assert.equal(parseSpan("Hours attended = 72").hours, 72);
  assert.equal(parseSpan("Days requested next: none").days, undefined);
});

const PT_FILE = (priorLine: string) =>
  "PT CASE FILE\nDOI: 06/01/2018\n\n" +
  "--- 07/02/2018 ---\nS: neck pain radiating to the right arm.\nA: cervical radiculitis (M54.12).\nP: PT neck twice weekly for 3 weeks (6 visits).\n\n" +
  `--- 09/10/2018 ---\nS: ${priorLine}\nA: cervical radiculitis (M54.12).\nP: RFA: PT cervical spine, twice weekly for 3 more weeks (6 visits), then home program.\n`;

test("visits already done in the course count with the requested ones against the allowance", () => {
  assert.ok(findingIds(PT_FILE("She finished all 6 approved PT visits; arm tingling less often.")).includes("pt.visit-limit"));
  // Visits authorised but not yet given are not counted as done.
  assert.ok(!findingIds(PT_FILE("The carrier approved 6 PT visits; she has not started them.")).includes("pt.visit-limit"));
});

const CHIRO = (pastLine: string) =>
  "CHIROPRACTIC NOTE\nDate of service: 04/04/2019\nDOI: 01/15/2019\n\n" +
  `S: Mid back pain 6/10 since a fall at work. ${pastLine}\n` +
  "O: thoracic fixation T6-T8.\nA: thoracic sprain (S23.3XXA).\nP: RFA: chiropractic manipulation, thoracic spine, 3x/wk x 3 wk (9 visits).\n";

test("a course for another injury or before the date of injury is no prior course: the initial-trial limit applies", () => {
  assert.ok(findingIds(CHIRO("Years ago she had a few chiropractic adjustments in 2011 for a skiing fall.")).includes("chiro.trial"));
  assert.ok(findingIds(CHIRO("She once had chiropractic care for a non-industrial neck strain.")).includes("chiro.trial"));
  // Chiropractic care for this injury, after it, is a prior course: the trial limit does not apply.
  assert.ok(!findingIds(CHIRO("She had 4 chiropractic visits in 02/2019 with some help.")).includes("chiro.trial"));
});

const FRP = (progress: string) =>
  "FUNCTIONAL RESTORATION - TEAM UPDATE / CONTINUATION\nDOI 03/03/2017. Off work since 04/2017.\n" +
  `${progress}\n\n` +
  "Baseline FCE 01/10/2019: carry 8 lb; now 20 lb. Surgery is not indicated per the spine consultant.\n" +
  "Motivated; goal is return to warehouse work.\n\n" +
  "Plan: extend the program another 2 weeks (10 days, 80 hours).\n";

test("a continuation of a program: its completed days count against the 20-day total", () => {
  assert.ok(findingIds(FRP("Days completed: 14 (01/14/2019 - 02/01/2019), 6 h/day.")).includes("frp.duration"));
  // Fewer days done leave the total within 20.
  assert.ok(!findingIds(FRP("Days completed: 5 (01/28/2019 - 02/01/2019), 6 h/day.")).includes("frp.duration"));
});

test("relative elapsed time: 'N weeks ago' and 'N weeks since the last', never hours", async () => {
  const { elapsedDays } = await import("../../src/core/extract/dates");
  assert.deepEqual(elapsedDays("The block was done three weeks ago."), [21]);
  assert.deepEqual(elapsedDays("Two months since her last injection."), [60]);
  assert.deepEqual(elapsedDays("She took a tablet 2 hours ago."), []);
  assert.deepEqual(elapsedDays("Relief lasted three weeks."), []);
});

test("a program's completed days as a table cell count like the same field in prose", () => {
  const table = (days: number) => `| Program progress | Value |\n|---|---|\n| Days completed | ${days} |\n| Hours per day | 6 |`;
  assert.ok(findingIds(FRP(table(14))).includes("frp.duration"));
  assert.ok(!findingIds(FRP(table(5))).includes("frp.duration"));
  assert.equal(parseSpan("| Days completed | 14 |").days, 14);
});
