// Incremental analysis: a session's result equals a fresh analyze of the same text, over random
// notes and random edits; the chunked parse equals parsing the note as one document; the token
// index never skips an offset where a concept term matches; YAML front matter is the header.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyze, createSession } from "../../src/core/index";
import { parseNote, type Note } from "../../src/core/note";
import { splitChunks } from "../../src/core/chunks";
import { conceptRegexes } from "../../src/core/concepts";
import { termKeys, tokenIndex } from "../../src/core/prefilter";
import { ALL_CONCEPTS } from "../../src/core/rules/registry";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// ---------------------------------------------------------------------------------------------
// Random notes: realistic lines and the markdown that makes chunking hard.

const LINES = [
  "# Primary Treating Physician's Progress Report",
  "**Date of service:** 10/14/2026",
  "Date of injury: 03/02/2025",
  "## Subjective",
  "Chronic neck pain since the injury, worse with lifting.",
  "Pain 7/10 without medication and 4/10 with Norco; relief lasts about 4 hours.",
  "Walking tolerance improved from 10 minutes to 30 minutes.",
  "Denies sedation. No early refills.",
  "She had 60% relief for 8 weeks after the last trigger point injections.",
  "## Treatment to date",
  "- Physical therapy 12 visits in 2025 with no lasting relief.",
  "- Naproxen 500 mg BID for 3 months: failed.",
  "  - nested: home stretching program",
  "## Objective",
  "- Taut band in the right upper trapezius with a twitch response and referred pain.",
  "- Neuro: SLR negative; sensation, reflexes and strength intact.",
  "FABER positive, thigh thrust positive, Gaenslen positive.",
  "## Assessment",
  "1. Myofascial pain syndrome (M79.18)",
  "2. Lumbar radiculopathy (M54.16)",
  "## Medications",
  "| Medication | Sig | Qty |",
  "| --- | --- | --- |",
  "| Norco 10/325 mg | 1 tab TID | #90 |",
  "| Cyclobenzaprine 10 mg | qhs | #30 |",
  "## Plan / Request for Authorization",
  "1. Trigger point injections x3, right trapezius",
  "2. Norco 10/325 mg, 1 tab TID prn pain, #90",
  "3. Massage therapy 2x3, cervical paraspinals",
  "4. Right SI joint injection under fluoroscopy",
  "5. Continue home exercise program",
  "Refill Xanax 0.5 mg qhs #30.",
  "Plan: TENS unit 1-month trial; acupuncture x6 visits.",
  "We will consider an ESI if symptoms persist.",
  "PLAN",
  "---",
  "```",
  "~~~",
  "    indented code line",
  "<!-- rfa-ready-disable tpi.max-injections -->",
  "<!-- an open comment",
  "-->",
  "<pre>",
  "</pre>",
  "> Per QME: not a surgical candidate.",
  "[ref]: https://example.org",
  "See [the guideline][ref] and [^1].",
  "[^1]: A footnote.",
  "Title",
  "===",
  "***",
  "",
  "",
  "",
];

const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LINES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const noteArb = fc
  .tuple(fc.boolean(), fc.array(lineArb, { minLength: 0, maxLength: 40 }), fc.constantFrom("\n", "\r\n"))
  .map(([front, lines, eol]) => (front ? ["---", "patient: Jane Q. Sample", "", "claim: 1", "---"] : []).concat(lines).join(eol));

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.constantFrom("", "x", "\n", "\n\n", "```\n", "<!--", "-->", "## Plan\n", "Norco 10 mg #60\n", " not ", "- ", "| a |\n", "---\n", "    "),
    fc.string({ maxLength: 6 }),
  ),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

test("a session's analysis equals a fresh analyze after every edit (property)", () => {
  fc.assert(
    fc.property(noteArb, fc.array(editArb, { minLength: 1, maxLength: 5 }), (start, edits) => {
      const session = createSession();
      let text = start;
      assert.deepEqual(session.analyze(text), analyze(text));
      for (const e of edits) {
        text = applyEdit(text, e);
        assert.deepEqual(session.analyze(text), analyze(text));
      }
    }),
    { numRuns: 60, seed: 5 },
  );
});

test("a session on a long note: an edit in the middle, undone, and a paste of a whole visit", () => {
  const visit = LINES.filter((l) => l !== "<!-- an open comment" && l !== "```" && l !== "~~~" && l !== "<pre>").join("\n");
  const base = Array.from({ length: 12 }, () => visit).join("\n\n");
  const session = createSession({ today: "2026-11-23" });
  const opts = { today: "2026-11-23" };
  assert.deepEqual(session.analyze(base), analyze(base, opts));
  const mid = base.indexOf("Norco", base.length / 2);
  for (const text of [base.slice(0, mid) + "no " + base.slice(mid), base, base + "\n\n" + visit, visit]) {
    assert.deepEqual(session.analyze(text), analyze(text, opts));
  }
});

// ---------------------------------------------------------------------------------------------
// Chunking: the same note model as one parse of the whole text.

function model(note: Note) {
  const blockIndex = new Map(note.blocks.map((b, i) => [b, i]));
  const sectionIndex = new Map(note.sections.map((s, i) => [s, i]));
  return {
    prose: note.prose,
    blocks: note.blocks.map((b) => [b.start, b.end, b.kind, b.listItem]),
    comments: note.comments.map((c) => [c.start, c.end]),
    sections: note.sections.map((s) => [s.kind, s.start, s.end, s.label.start, s.label.end, s.contentEnd]),
    sentences: note.sentences.map((s) => [s.start, s.end, s.index, blockIndex.get(s.block), sectionIndex.get(s.section)]),
  };
}

const MARKUP = ["", "", "", "```", "```js", "~~~~", "``` `x`", "<!--", "-->", "<!-->", "<pre>", "</pre>", "<?x", "?>", "<!DOCTYPE", ">",
  "<div>", "    code", "\tcode", "  - item", "- item", "* item", "1. item", "2) item", "> quote", "> ```", "| a | b |", "|---|---|",
  "[x]: /u", "[x]", "[^n]: note", "[^n]", "---", "===", "# h", "text", "Plan:", "- [ ] task", "~~gone~~", "www.example.org", "&amp; &copy;"];

test("the chunked parse gives the same note model as parsing the whole text (property)", () => {
  const arb = fc
    .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...MARKUP) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 60 })
    .chain((lines) => fc.constantFrom("\n", "\r\n", "\r").map((eol) => lines.join(eol)));
  fc.assert(
    fc.property(arb, fc.constantFrom(0, 1, 16), (text, minChunk) => {
      assert.deepEqual(model(parseNote(text, undefined, { minChunk })), model(parseNote(text, undefined, { whole: true })));
    }),
    { numRuns: Number(process.env.CHUNK_RUNS ?? 400), seed: Number(process.env.CHUNK_SEED ?? 11) },
  );
});

test("chunks cover the text, end after a blank line, and keep fences and comments whole", () => {
  const text = "a\n\nb\n\n```\nx\n\ny\n```\n\nc\n\n<!-- d\n\ne -->\n\nf";
  const spans = splitChunks(text);
  assert.equal(spans[0].start, 0);
  assert.equal(spans.at(-1)!.end, text.length);
  for (let i = 1; i < spans.length; i++) assert.equal(spans[i].start, spans[i - 1].end);
  const starts = spans.map((s) => text.slice(s.start, s.start + 3));
  assert.deepEqual(starts, ["a\n\n", "b\n\n", "```", "c\n\n", "<!-", "f"]);
  const fence = [text.indexOf("```"), text.lastIndexOf("```") + 3];
  const comment = [text.indexOf("<!--"), text.indexOf("-->") + 3];
  for (const s of spans) {
    assert.ok(!(s.start > fence[0] && s.start < fence[1]), "a boundary inside the fence");
    assert.ok(!(s.start > comment[0] && s.start < comment[1]), "a boundary inside the comment");
  }
});

test("YAML front matter is the header: blanked, no heading or rule, sections after it", () => {
  const text = "---\ntitle: Progress report\n\nplan: none\n---\n## Subjective\nNeck pain.\n\n## Plan\n1. TPI x3\n";
  const note = parseNote(text);
  const fmEnd = text.indexOf("## Subjective");
  assert.equal(note.prose.slice(0, fmEnd).trim(), "");
  assert.ok(note.blocks.every((b) => b.start >= fmEnd));
  assert.deepEqual(
    note.sections.map((s) => s.kind),
    ["header", "subjective", "plan"],
  );
  assert.equal(note.sections[0].start, 0);
  assert.equal(note.sections[0].end, fmEnd);
  // Not front matter anywhere but at the top: the same lines later are a rule and a setext heading.
  const later = parseNote("Intro.\n\n" + text);
  assert.ok(later.blocks.some((b) => b.kind === "heading" && later.prose.slice(b.start, b.end).includes("plan: none")));
});

// ---------------------------------------------------------------------------------------------
// The token index: every match of every concept starts at a word whose beginning is a key.

test("the token index lists the start of every match of every concept (fixtures and random notes)", () => {
  const dir = join(__dirname, "..", "fixtures", "notes");
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  texts.push(...fc.sample(noteArb, { numRuns: 30, seed: 3 }));
  let checked = 0;
  for (const text of texts) {
    const note = parseNote(text);
    for (const part of note.parts!) {
      const prose = part.data.prose;
      const index = tokenIndex(prose);
      for (const concept of ALL_CONCEPTS.values()) {
        const terms = [...(concept.terms ?? []), ...(concept.exactTerms ?? [])];
        const keys = terms.map(termKeys);
        if (!terms.length || keys.some((k) => !k)) continue;
        const starts = new Set(keys.flat().flatMap((k) => index.get(k!) ?? []));
        for (const re of conceptRegexes(concept)) {
          for (const m of prose.matchAll(new RegExp(re.source, re.flags))) {
            assert.ok(starts.has(m.index!), `${concept.id} matched at a word the index does not list`);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} matches checked`);
});
