// Request-level reuse in a session (core/reuse.ts): after an edit, a request whose evaluation read
// nothing the edit changed keeps its outcomes, moved to their new lines; the result always equals a
// fresh analyze. Synthetic running case files (dated visits, one requesting latest visit).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyze, createSession } from "../../src/core/index";

const OPTS = { today: "2026-11-30" };

/** One earlier visit of a case file: history that mentions what the latest visit requests. */
function visit(n: number, month: number): string {
  return [
    `### ${String(month).padStart(2, "0")}/0${(n % 8) + 1}/2025`,
    "",
    "**Subjective:** Aching across the shoulder blades, rated 6/10 before the tablets and 3/10 about an hour after.",
    `Can now carry groceries for ${10 + n} minutes, up from 5 minutes last spring.`,
    "",
    "**Objective:** Palpable knot in the left rhomboid; pressing it sends pain toward the armpit.",
    "Reflexes 2+ and symmetric, strength 5/5 throughout.",
    "",
    "**Current medications**",
    "",
    "| Drug | Directions | Qty |",
    "| --- | --- | --- |",
    "| Meloxicam 15 mg | once daily with food | #30 |",
    "| Omeprazole 20 mg | once daily | #30 |",
    "",
    `**Plan:** Stretching at home reviewed on visit ${n}. Follow up in four weeks.`,
  ].join("\n");
}

const LATEST = [
  "### 11/20/2026",
  "",
  "**Subjective:** Pain 7/10 at worst, 4/10 with the current medicines; sleeps five hours.",
  "Completed 8 sessions of physical therapy this autumn with little change.",
  "",
  "**Objective:** Taut band in the left upper trapezius with a local twitch on snapping palpation and pain spreading to the neck.",
  "",
  "**Assessment:** Myofascial pain syndrome (M79.18)",
  "",
  "**Plan / RFA:**",
  "1. Trigger point injections x2, left upper trapezius",
  "2. Meloxicam 15 mg daily #30",
  "3. Omeprazole 20 mg daily #30",
].join("\n");

function caseFile(visits: number): string {
  const parts = ["# Progress notes", "", "**Date of injury:** 02/14/2024", ""];
  for (let i = 1; i <= visits; i++) parts.push(visit(i, ((i - 1) % 12) + 1), "");
  parts.push(LATEST, "");
  return parts.join("\n");
}

test("a keystroke in an earlier visit's sentence that no criterion reads reuses every request, with the same result as a fresh analyze", () => {
  const base = caseFile(8);
  const session = createSession(OPTS);
  assert.deepEqual(session.analyze(base), analyze(base, OPTS));
  // Inside the follow-up sentence of the fourth visit: no request's evidence is there.
  const at = base.indexOf("Follow up in four weeks", base.indexOf("visit 4")) + "Follow up".length;
  const edited = base.slice(0, at) + "s" + base.slice(at);
  const result = session.analyze(edited);
  assert.deepEqual(result, analyze(edited, OPTS));
  const stats = session.stats();
  assert.ok(stats.reused > 0, `reused ${stats.reused}, evaluated ${stats.evaluated}`);
  assert.equal(stats.evaluated + stats.reused, result.requests.length);
});

test("a line added at the top moves every reused finding and its evidence down one line", () => {
  const base = caseFile(4);
  const session = createSession(OPTS);
  const before = session.analyze(base);
  const edited = "Prepared for the claims adjuster.\n" + base;
  const after = session.analyze(edited);
  assert.deepEqual(after, analyze(edited, OPTS));
  assert.ok(session.stats().reused > 0);
  assert.equal(after.findings.length, before.findings.length);
  after.findings.forEach((f, i) => assert.equal(f.range.start.line, before.findings[i].range.start.line + 1));
  // The evidence of documented criteria, kept from the previous analysis, moved with the text.
  const evidenceLines = (r: typeof before) => r.reports.flatMap((rep) => rep.criteria.flatMap((c) => c.evidence.map((e) => e.start.line)));
  assert.ok(evidenceLines(before).length > 0);
  assert.deepEqual(evidenceLines(after), evidenceLines(before).map((line) => line + 1));
});

test("an edit that adds or removes evidence a request reads is evaluated again, and its finding follows", () => {
  const base = caseFile(3);
  const session = createSession(OPTS);
  session.analyze(base);
  // The twitch response is what the TPI request reads: removing it must bring its gap back.
  const withoutTwitch = base.replace(" with a local twitch on snapping palpation", "");
  const a = session.analyze(withoutTwitch);
  assert.deepEqual(a, analyze(withoutTwitch, OPTS));
  assert.ok(session.stats().evaluated > 0);
  const b = session.analyze(base);
  assert.deepEqual(b, analyze(base, OPTS));
  const tpiGaps = (r: typeof a) => r.findings.filter((f) => f.service === "tpi").map((f) => f.criterion).sort();
  assert.notDeepEqual(tpiGaps(a), tpiGaps(b));
});

// Lines a physician types into a case file, some of them evidence, some of them not.
const TYPED = [
  "Stretching reviewed.",
  "No twitch response on palpation today.",
  "Pain 8/10 without medication and 5/10 with it.",
  "She walks 20 minutes now, was 10.",
  "Urine drug screen 10/01/2026 consistent.",
  "Meloxicam 15 mg stopped for heartburn.",
  "Physical therapy 6 visits, no lasting relief.",
  "### 12/01/2025",
  "**Plan:**",
  "- [ ] Opioid agreement on file",
  "| Omeprazole 20 mg | daily | #30 |",
  "x",
  " ",
  "\n",
  "\n\n",
];

test("a session with request-level reuse equals a fresh analyze after every edit of a case file (property)", () => {
  let reused = 0;
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 30 }),
    insert: fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 4 })),
  });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (visits, edits) => {
      let text = caseFile(visits);
      const session = createSession(OPTS);
      assert.deepEqual(session.analyze(text), analyze(text, OPTS));
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        assert.deepEqual(session.analyze(text), analyze(text, OPTS));
        reused += session.stats().reused;
      }
    }),
    { numRuns: 40, seed: 23 },
  );
  // The property covers the reuse path, not only full evaluations.
  assert.ok(reused > 0);
});
