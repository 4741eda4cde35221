// Reading gaps found on notes by other hands, each proven with sentences written for this file:
// care put off until the symptoms allow it, and a dictated run-in label closed by a comma.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assessInSentence } from "../../src/core/context";
import { parseNote, sentenceAt } from "../../src/core/note";
import { analyze } from "../../src/core/index";

const reading = (sentence: string, target: string) => {
  const note = parseNote(sentence);
  const start = note.prose.indexOf(target);
  assert.ok(start >= 0, target);
  return assessInSentence(note.prose, { start, end: start + target.length }, sentenceAt(note, start));
};

test("care deferred until the symptoms allow it is contingent; care planned now or under way is not", () => {
  assert.equal(reading("As soon as the swelling eases we can add a home exercise program.", "home exercise program").uncertain, true);
  assert.equal(reading("When his neck calms down he will begin aquatic therapy.", "aquatic therapy").uncertain, true);
  // Planned without a condition, or done whenever the symptom comes: not contingent.
  assert.equal(reading("He will begin aquatic therapy next week.", "aquatic therapy").uncertain, false);
  assert.equal(reading("When the ache flares she does her home exercise program.", "home exercise program").uncertain, false);
  // The condition of another clause does not reach past a period.
  assert.equal(reading("Once the ache settles we will see. She does her home exercise program daily.", "home exercise program").uncertain, false);
});

const MASSAGE = (plan: string) =>
  "Dictated progress note, office visit 10/02/2019, low back\nDOI 03/03/2019\n\n" +
  "He reports low back pain 6 of 10 without leg symptoms; he has had no massage for this injury.\n\n" +
  "Impression: lumbar myofascial pain (M79.18).\n\n" +
  `Plan, ${plan}\n`;

test("a dictated 'Plan, ...' opens the plan; massage with deferred exercise lacks concurrent active care", () => {
  const kinds = (text: string) => analyze(text, { today: "2026-11-23" });
  const deferredHep = kinds(MASSAGE("massage therapy, four visits to the lumbar paraspinals for myofascial pain, and when the spasm eases he will begin a home exercise program."));
  assert.ok(deferredHep.requests.some((r) => r.service === "massage"));
  assert.ok(deferredHep.findings.some((f) => f.criterion === "massage.adjunct-to-active"));
  const withHep = kinds(MASSAGE("massage therapy, four visits to the lumbar paraspinals for myofascial pain, alongside his daily home exercise program."));
  assert.ok(!withHep.findings.some((f) => f.criterion === "massage.adjunct-to-active"));
});

test("a comma after a sentence's first words is no label unless those words are a label", () => {
  const note = parseNote("Intro line\n\nYesterday, she walked to the store.\n\nPlan, follow up in a month.\n");
  const at = (p: string) => note.sections.find((s) => note.prose.indexOf(p) >= s.start && note.prose.indexOf(p) < s.end)?.kind;
  assert.notEqual(at("walked to the store"), "plan");
  assert.equal(at("follow up in a month"), "plan");
});

test("an attribution opening the sentence reaches every mention in it; the next sentence is ours", () => {
  const text = "According to the orthopedic surgeon's letter, on that day the left knee showed a large effusion and crepitus. Today the knee shows a small effusion.";
  const note = parseNote(text);
  const first = note.prose.indexOf("crepitus");
  const second = note.prose.lastIndexOf("effusion");
  assert.equal(assessInSentence(note.prose, { start: first, end: first + 8 }, sentenceAt(note, first)).otherSource, true);
  assert.equal(assessInSentence(note.prose, { start: second, end: second + 8 }, sentenceAt(note, second)).otherSource, false);
  // "Per" with no source named is no attribution ("Per day she walks 2 miles").
  const per = parseNote("Per day she walks about two miles with her dog and no knee effusion returns.");
  const at = per.prose.indexOf("effusion");
  assert.equal(assessInSentence(per.prose, { start: at, end: at + 8 }, sentenceAt(per, at)).otherSource, false);
});
