// Documentation templates never write a clinical value or finding, and the core never reads a
// template left unedited as documentation: every criterion stays reported until the physician
// writes the fact (src/core/placeholders.ts).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { analyze, createSession, listCriteria } from "../../src/core/index";
import { findPrompts, hasPrompt, maskPlaceholders, prompt } from "../../src/core/placeholders";
import type { AnalyzeResult, CriterionInfo, Finding } from "../../src/core/types";
import { snippetToPlainText } from "../../src/extension/fixes";
import { applyEdits } from "../../src/extension/positions";

const OPTIONS = { today: "2026-12-01" };

/** The tab stops of a snippet: each placeholder's default and each choice's options, in order. */
function tabStops(snippet: string): Array<{ n: number; default?: string; choices?: string[] }> {
  const out: Array<{ n: number; default?: string; choices?: string[] }> = [];
  for (const m of snippet.matchAll(/\$\{(\d+)(?::([^}]*)|\|((?:[^|\\]|\\.)*)\|)\}/g)) {
    if (m[3] !== undefined) out.push({ n: Number(m[1]), choices: m[3].split(/(?<!\\),/) });
    else out.push({ n: Number(m[1]), default: m[2] });
  }
  return out;
}

/** The snippet's fixed text: everything outside its tab stops. */
const fixedText = (snippet: string) => snippet.replace(/\$\{\d+(?::[^}]*|\|(?:[^|\\]|\\.)*\|)\}/g, " ");

/** Fills a snippet as a physician would: `values[n]` for placeholder n, or the choice option at index `values[n]`. */
function fill(snippet: string, values: Record<number, string | number>): string {
  return snippet.replace(/\$\{(\d+)(?::([^}]*)|\|((?:[^|\\]|\\.)*)\|)\}/g, (_all, n: string, def: string | undefined, choices: string | undefined) => {
    const v = values[Number(n)];
    if (choices !== undefined) return choices.split(/(?<!\\),/)[typeof v === "number" ? v : 0];
    return typeof v === "string" ? v : def!;
  });
}

/** Digits a prompt may name: "ICD-10 code", the date format. */
const NAMED_NUMBERS = /ICD-10|MM\/DD\/YYYY/g;

describe("every criterion's template", () => {
  for (const c of listCriteria()) {
    test(`${c.id}: placeholders name what to write, no value or finding outside them`, () => {
      const stops = tabStops(c.template);
      assert.ok(stops.length > 0, "the template has tab stops");
      for (const s of stops) {
        const first = s.default ?? s.choices![0];
        // The text a placeholder or a choice inserts unedited is one prompt: "‹percent relief›".
        assert.match(first, /^‹[^‹›]+›$/, `tab stop $${s.n} inserts a prompt, not a value: ${JSON.stringify(first)}`);
        assert.doesNotMatch(first.replace(NAMED_NUMBERS, ""), /\d/, `tab stop $${s.n} holds no number: ${first}`);
        if (s.choices) {
          assert.ok(s.choices.length >= 2, `choice $${s.n} offers at least one answer`);
          for (const answer of s.choices.slice(1)) assert.doesNotMatch(answer, /^‹[^‹›]*›$/, `choice $${s.n}: an answer, not another prompt`);
        }
      }
      // Outside the tab stops: labels and units only ("/10", "x/wk"), never a number or "+".
      const fixed = fixedText(c.template);
      assert.doesNotMatch(fixed.replace(/\/10\b/g, ""), /\d|[+]|≤|≥|<|>/, `fixed text holds no value: ${JSON.stringify(fixed)}`);
    });
  }

  test("inserted unedited, every template is only prompts: its masked text is blank", () => {
    for (const c of listCriteria()) {
      const plain = snippetToPlainText(c.template);
      assert.ok(hasPrompt(plain), c.id);
      assert.match(maskPlaceholders(plain), /^[\s;|]*$/, `${c.id}: ${JSON.stringify(maskPlaceholders(plain))}`);
    }
  });
});

describe("maskPlaceholders", () => {
  test("a text without prompts is returned as it is", () => {
    const text = "Plan:\n1. TPI x3 to trapezius; [see MRI] <b>\n";
    assert.equal(maskPlaceholders(text), text);
    assert.equal(hasPrompt(text), false);
    assert.deepEqual(findPrompts(text), []);
  });

  test("blanks each clause that holds a prompt, keeps the others, the offsets and the line structure", () => {
    const text = `- Prior block ${prompt("date")}: 70% relief; walking 10 -> 30 min\n| TPI | ${prompt("muscle")} |\r\nnext line`;
    const masked = maskPlaceholders(text);
    assert.equal(masked.length, text.length);
    const clause = `Prior block ${prompt("date")}: 70% relief`;
    assert.equal(masked, `- ${" ".repeat(clause.length)}; walking 10 -> 30 min\n| TPI | ${" ".repeat(prompt("muscle").length)} |\r\nnext line`);
    assert.deepEqual(
      findPrompts(text).map((p) => text.slice(p.start, p.end)),
      ["‹date›", "‹muscle›"],
    );
  });

  test("a half-edited prompt mark is no prompt; a prompt never spans a clause break", () => {
    assert.equal(maskPlaceholders("Relief ‹60% x 8 wk"), "Relief ‹60% x 8 wk");
    assert.equal(maskPlaceholders("a ‹b; c› d"), "a ‹b; c› d");
    assert.equal(maskPlaceholders("> 1. ‹x›"), "> 1.    ", "quote and list marks stay");
  });
});

// Synthetic notes where each criterion is reported: the fixture notes, and a few of our own.
const OWN_NOTES = [
  // A TPI request with no date of injury and nothing about how long symptoms have lasted.
  "Date of service: 11/20/2026\n\n## Subjective\nUpper back pain.\n\n## Plan\n1. Trigger point injections x2 to the rhomboids\n",
];

function fixtureNotes(): string[] {
  const dirs = ["test/fixtures/notes", "test/fixtures/rfa", "examples"].map((d) => path.resolve(__dirname, "../..", d));
  const notes: string[] = [...OWN_NOTES];
  for (const dir of dirs) for (const f of fs.readdirSync(dir).sort()) if (f.endsWith(".md")) notes.push(fs.readFileSync(path.join(dir, f), "utf8"));
  return notes;
}

const UNFINISHED = /The template on line \d+ is not completed: replace its ‹…› prompts\.$/;

const reported = (r: AnalyzeResult, f: Finding) => r.findings.some((x) => x.criterion === f.criterion && x.request.text === f.request.text);

/** Inserts a finding's template as the extension does (at its fix, or typed as a snippet at the end of the note). */
function insertTemplate(text: string, c: CriterionInfo, f: Finding, expand: (snippet: string) => string): string {
  const at = f.fix ? f.fix.insertAt : { line: text.split("\n").length, column: text.split("\n").at(-1)!.length + 1 };
  return applyEdits(text, [{ range: { start: at, end: at }, text: expand(f.fix ? f.fix.snippet : `\n\n${c.template}\n`) }]);
}

describe("a template inserted unedited leaves its criterion reported", () => {
  const notes = fixtureNotes().map((text) => ({ text, result: analyze(text, OPTIONS) }));

  test("every criterion, in every note reporting it: inserted at its fix with the placeholders' default text (choices: the first), still reported", () => {
    const uncovered: string[] = [];
    const hinted = new Set<string>();
    let inserted = 0;
    for (const c of listCriteria()) {
      const hosts = notes.filter((n) => n.result.findings.some((f) => f.criterion === c.id));
      if (!hosts.length) uncovered.push(c.id);
      for (const host of hosts) {
        const f = host.result.findings.find((x) => x.criterion === c.id)!;
        const out = insertTemplate(host.text, c, f, snippetToPlainText);
        assert.notEqual(out, host.text);
        const after = analyze(out, OPTIONS);
        assert.ok(reported(after, f), `${c.id}: still reported after its template was inserted unedited`);
        for (const g of after.findings) if (g.criterion !== c.id) assert.doesNotMatch(g.message, UNFINISHED, `${c.id}'s template is not taken for ${g.criterion}'s`);
        if (after.findings.some((g) => g.criterion === c.id && UNFINISHED.test(g.message))) hinted.add(c.id);
        inserted++;
      }
    }
    assert.deepEqual(uncovered, [], "a note reports every criterion");
    assert.ok(inserted > listCriteria().length, `${inserted} insertions`);
    // Templates with enough fixed words to be recognised say where they were left unfinished.
    assert.ok(hinted.size >= 80, `${hinted.size} criteria say their template is not completed`);
  });

  test("a session typing over the inserted template reads what a fresh analysis reads", () => {
    const c = listCriteria().find((x) => x.id === "tpi.repeat-relief")!;
    const host = notes.find((n) => n.result.findings.some((f) => f.criterion === c.id))!;
    const f = host.result.findings.find((x) => x.criterion === c.id)!;
    const unedited = insertTemplate(host.text, c, f, snippetToPlainText);
    const session = createSession(OPTIONS);
    session.analyze(host.text);
    assert.deepEqual(session.analyze(unedited), analyze(unedited, OPTIONS));
    const typed = unedited.replace("‹percent relief›", "7");
    assert.deepEqual(session.analyze(typed), analyze(typed, OPTIONS));
  });
});

describe("a template the physician completes documents the criterion", () => {
  const TPI_NOTE = (insert: string) =>
    `Date of service: 11/20/2026\nDOI: 01/05/2025\n\n## Objective\n- Tender upper trapezius${insert}\n\n## Plan\n1. Trigger point injections x2 to the trapezius\n`;
  const byId = (id: string) => listCriteria().find((c) => c.id === id)!;
  const status = (text: string, id: string) => analyze(text, OPTIONS).reports[0].criteria.find((c) => c.criterion === id)?.status;

  test("TPI exam: the choices answered yes document it; unanswered or answered no, it stays missing", () => {
    const t = byId("tpi.trigger-points-documented").template;
    assert.equal(status(TPI_NOTE(""), "tpi.trigger-points-documented"), "missing");
    assert.equal(status(TPI_NOTE(`\n- ${snippetToPlainText(t)}`), "tpi.trigger-points-documented"), "missing");
    const yes = fill(t, { 1: 1, 2: "left upper trapezius", 3: 1, 4: 1, 5: 1 }).replace("‹area›", "the occiput");
    assert.equal(status(TPI_NOTE(`\n- ${yes}`), "tpi.trigger-points-documented"), "documented");
    const pickedNotEdited = fill(t, { 1: 1, 2: "left upper trapezius", 3: 1, 4: 1, 5: 1 });
    assert.equal(status(TPI_NOTE(`\n- ${pickedNotEdited}`), "tpi.trigger-points-documented"), "missing", "“referred pain to ‹area›” is not written yet");
    const no = fill(t, { 1: 1, 2: "left upper trapezius", 3: 1, 4: 2, 5: 2 });
    assert.equal(status(TPI_NOTE(`\n- ${no}`), "tpi.trigger-points-documented"), "missing");
  });

  test("TPI neuro exam: a negative exam chosen documents that radiculopathy is absent", () => {
    const t = byId("tpi.no-radiculopathy").template;
    assert.equal(status(TPI_NOTE(`\n- ${snippetToPlainText(t)}`), "tpi.no-radiculopathy"), "missing");
    assert.equal(status(TPI_NOTE(`\n- ${fill(t, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 })}`), "tpi.no-radiculopathy"), "documented");
  });
});

describe("messages say the missing piece when the evidence is partial", () => {
  const OPIOID = (subjective: string, history = "") =>
    `Date of service: 11/20/2026\n\n## Subjective\nChronic neck pain. ${subjective}\n${history ? `\n## Treatment to date\n${history}\n` : ""}\n## Plan\n1. Continue Norco 10/325 1 tab TID #90\n`;
  const message = (text: string, id: string) => analyze(text, OPTIONS).findings.find((f) => f.criterion === id)?.message;

  test("opioid pain scores: the pair without the duration of relief, and the reverse", () => {
    assert.equal(
      message(OPIOID("Rates pain 7/10 without and 3/10 with the medication."), "opioids.pain-scores"),
      "Pain scores with and without medication documented, but not duration of relief; MTUS on-going management requires pain scores with and without the opioid and how long relief lasts.",
    );
    assert.match(message(OPIOID("Each dose helps for about 5 hours."), "opioids.pain-scores")!, /^Duration of relief documented, but not pain scores with and without medication;/);
    assert.match(message(OPIOID("Pain is 5/10 today."), "opioids.pain-scores")!, /^No pain scores with and without medication \(one score is written, not the pair\) and duration of relief documented;/);
    assert.match(message(OPIOID("Pain is bad."), "opioids.pain-scores")!, /^No pain scores with and without medication and duration of relief documented;/);
  });

  test("opioid functional benefit: a gain written only in the history is not tied to the current opioid", () => {
    const gain = "Sitting tolerance 15 → 45 min.";
    assert.match(message(OPIOID("Pain is bad.", gain), "opioids.functional-benefit")!, /^A functional change is written only in the treatment history, not tied to the current opioid;/);
    assert.match(message(OPIOID("Pain is bad."), "opioids.functional-benefit")!, /^No objective functional improvement from the opioid/);
    assert.match(message(OPIOID(gain), "opioids.functional-benefit")!, /^A functional change is documented but not tied to the opioid;/, "a current gain not tied to the drug names the tie");
    assert.equal(message(OPIOID(`On the Norco: ${gain}`), "opioids.functional-benefit"), undefined, "a current gain on the drug documents it");
  });

  test("repeat TPI: a percent relief without its duration is named as such", () => {
    const note = "Date of service: 11/20/2026\nDOI: 01/05/2025\n\n## Treatment to date\nThe TPI of 07/2026 gave 80% relief.\n\n## Plan\n1. Trigger point injections x2 to the trapezius\n";
    assert.match(message(note, "tpi.repeat-relief")!, /without how long the >50% relief lasted \(a percent is written, not its duration\) and functional improvement;/);
  });

  test("repeat ESI: a percent relief without its duration is named as such", () => {
    const note =
      "Date of service: 11/20/2026\n\n## Treatment to date\nRight L4-5 TFESI 04/2026 gave 75% relief.\n\n## Objective\nSLR positive on the right; decreased sensation L4.\n\n## Plan\n1. Repeat right L4-5 transforaminal ESI under fluoroscopy\n";
    assert.match(message(note, "esi.repeat-relief")!, /^A prior ESI is documented without how long the ≥50% relief lasted \(a percent is written, not its duration\),/);
  });

  test("continued AED: what is documented and what is not", () => {
    const note =
      "Date of service: 11/20/2026\n\n## Subjective\nBurning pain along the left shin. Pain 7/10 → 3/10 since the anticonvulsant (57% reduction). No dizziness or drowsiness reported.\n\n## Medications\n- Gabapentin 300 mg TID\n\n## Plan\n1. Continue gabapentin 300 mg TID #90\n";
    assert.match(message(note, "aed.response")!, /^Gabapentin is continued with a pain reduction of at least 30% and a side-effect assessment documented, but not functional improvement;/);
  });
});

test("the RFA draft reads the note as the checker does: an unedited template line requests nothing", async () => {
  const { draftRfa } = await import("../../src/core/index");
  const post = listCriteria().find((c) => c.id === "facet.conservative-plan")!;
  const note = `Date of service: 11/20/2026\n\n## Plan\n1. RF ablation L4-5 bilateral\n2. ${snippetToPlainText(post.template)}\n`;
  assert.deepEqual(analyze(note, OPTIONS).requests.map((r) => r.line), [4]);
  assert.deepEqual(draftRfa(note, OPTIONS).lines.map((l) => l.line), [4], "the prompt's words (PT, HEP) are no request");
});

test("an unfinished template is named in its finding, with its line, until every prompt of it is answered", () => {
  const note = (history: string) =>
    `Date of service: 11/20/2026\nDOI: 01/05/2025\n\n## Treatment to date\nTPI 06/2026 to the trapezius.\n${history}\n\n## Plan\n1. Trigger point injections x2 to the trapezius\n`;
  const t = listCriteria().find((c) => c.id === "tpi.repeat-relief")!.template;
  const message = (text: string) => analyze(text, OPTIONS).findings.find((f) => f.criterion === "tpi.repeat-relief")?.message;
  assert.doesNotMatch(message(note(""))!, UNFINISHED);
  assert.match(message(note(snippetToPlainText(t)))!, /The template on line 6 is not completed/);
  const half = fill(t, { 1: "06/2026", 2: "70", 3: "10" });
  assert.match(message(note(half))!, /The template on line 6 is not completed/, "the functional change is still a prompt");
  const done = fill(t, { 1: "06/2026", 2: "70", 3: "10", 4: "standing 15 → 40 min" });
  assert.equal(message(note(done)), undefined, "completed, the template documents the criterion");
});

test("in a note written as one paragraph of labelled lines, a fix goes after the section's text, never inside a line", () => {
  const note = "F/U 11/20/2026  DOI 02/03/2024\nHx: neck pain for years, desk work.\nPE: tender upper trapezius. Neuro intact.\nP: trigger point injections x2 to the trapezius. RTC 6 wk.";
  const result = analyze(note, OPTIONS);
  const exam = result.findings.find((f) => f.criterion === "tpi.trigger-points-documented")!;
  assert.deepEqual(exam.fix!.insertAt, { line: 3, column: "PE: tender upper trapezius. Neuro intact.".length + 1 }, "after the exam line's text");
  const plan = result.findings.find((f) => f.fix?.section === "plan");
  if (plan) assert.deepEqual(plan.fix!.insertAt, { line: 4, column: note.split("\n")[3].length + 1 });
  const out = insertTemplate(note, listCriteria().find((c) => c.id === exam.criterion)!, exam, snippetToPlainText);
  assert.ok(out.includes("\nP: trigger point injections x2 to the trapezius. RTC 6 wk."), "the request line is untouched");
  assert.deepEqual(analyze(out, OPTIONS).requests.map((r) => r.text), result.requests.map((r) => r.text));

  // After a table row: past its closing pipe, the table left whole.
  const table = "Date of service: 11/20/2026\n\n## Treatment to date\n| Date | Treatment | Result |\n|---|---|---|\n| 03/2026 | left SI joint injection | some relief |\n\n## Plan\n1. Left SI joint injection under fluoroscopy\n";
  const row = "| 03/2026 | left SI joint injection | some relief |";
  const f = analyze(table, OPTIONS).findings.find((x) => x.criterion === "sij.repeat-relief")!;
  assert.deepEqual(f.fix!.insertAt, { line: 6, column: row.length + 1 });
  const inserted = insertTemplate(table, listCriteria().find((c) => c.id === f.criterion)!, f, snippetToPlainText);
  assert.ok(inserted.includes(`\n${row}\n\nPrior SIJ ‹date›`), "the row keeps its closing pipe");
  assert.ok(reported(analyze(inserted, OPTIONS), f));
});

test("a long line holding a prompt is read in bounded time and taken for no template", () => {
  const line = `Prior TPI ${prompt("date")}: ` + "relief x wk ".repeat(3000);
  const note = `Date of service: 11/20/2026\nDOI: 01/05/2025\n\n## Treatment to date\nTPI 06/2026.\n${line}\n\n## Plan\n1. Trigger point injections x2 to the trapezius\n`;
  const f = analyze(note, OPTIONS).findings.find((x) => x.criterion === "tpi.repeat-relief");
  assert.ok(f);
  assert.doesNotMatch(f.message, UNFINISHED);
});
