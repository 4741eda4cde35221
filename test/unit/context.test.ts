// The negation and context table: each row is a sentence, a target phrase and the expected reading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assessInSentence, type Assertion } from "../../src/core/context";
import { Matcher } from "../../src/core/concepts";
import { parseNote, sentenceAt } from "../../src/core/note";
import { ALL_CONCEPTS } from "../../src/core/rules/registry";

type Flag = keyof Assertion;
const TABLE: Array<[string, string, Flag[]]> = [
  ["Twitch response elicited in trapezius.", "Twitch", []],
  ["No twitch response elicited.", "twitch", ["negated"]],
  ["Twitch response not elicited.", "Twitch", ["negated"]],
  ["Denies sedation, constipation or nausea.", "nausea", ["negated"]],
  ["SLR negative bilaterally.", "SLR", ["negated"]],
  ["No new injury; twitch response present.", "twitch", []],
  ["No spasm, but twitch response present.", "twitch", []],
  ["R/o radiculopathy.", "radiculopathy", ["uncertain"]],
  ["Possible radiculopathy.", "radiculopathy", ["uncertain"]],
  ["History of radiculopathy.", "radiculopathy", ["historical"]],
  ["Radiculopathy resolved.", "Radiculopathy", ["historical", "negated"]],
  ["Was on Baclofen until 2 weeks ago.", "Baclofen", ["historical"]],
  ["Will obtain UDS next visit.", "UDS", ["hypothetical"]],
  ["Consider TPI if no better.", "TPI", ["hypothetical"]],
  ["Goal: walk 30 min.", "walk", ["hypothetical"]],
  ["Mother has fibromyalgia.", "fibromyalgia", ["family"]],
  ["Per QME, twitch response present.", "twitch", ["otherSource"]],
  ["No change in twitch response.", "twitch", []],
];

for (const [sentence, target, expected] of TABLE) {
  test(`context: ${sentence} → ${target}: ${expected.join(",") || "affirmed"}`, () => {
    const note = parseNote(sentence);
    const start = note.prose.indexOf(target);
    assert.ok(start >= 0);
    const a = assessInSentence(note.prose, { start, end: start + target.length }, sentenceAt(note, start));
    const on = (Object.keys(a) as Flag[]).filter((k) => a[k]).sort();
    assert.deepEqual(on, [...expected].sort());
  });
}

test("a history section makes every mention historical", () => {
  const note = parseNote("## Treatment to date\nPT 12 visits.\n\n## Plan\nPT 6 visits.\n");
  const first = note.prose.indexOf("PT");
  const second = note.prose.lastIndexOf("PT");
  const mentions = new Matcher(note, ALL_CONCEPTS).find("pt.term");
  assert.deepEqual(mentions.map((m) => m.start), [first, second]);
  assert.equal(mentions[0].assertion.historical, true);
  assert.equal(mentions[1].assertion.historical, false);
});
