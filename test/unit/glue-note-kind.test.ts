// Which markdown documents RFA Ready checks: progress notes only (the core's noteKind), and only
// files the `rfaReady.files` globs match. Every note fixture is detected; ordinary markdown
// (this project's README and docs, package READMEs) is not. Sentences are synthetic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DISABLE_FILE_DIRECTIVE, isProgressNote, noteKind, optedOut } from "../../src/core/noteKind";
import { globToRegExp, matchesAnyGlob } from "../../src/extension/glob";
import { progressNoteSnippet } from "../../src/extension/templates";
import { snippetToPlainText } from "../../src/extension/fixes";
import { renderRfaMarkdown } from "../../src/core/rfa/draft";
import { draftRfa, listCriteria, listServices } from "../../src/core/index";
import { renderCriterionDoc, renderIndex } from "../../src/extension/docsContent";

const root = join(__dirname, "..", "..");

test("a note is recognised by its title, its front matter or its sections", () => {
  assert.equal(noteKind("# PR-2 Primary Treating Physician's Progress Report\n\nBody."), "note");
  assert.equal(noteKind("Pain clinic follow-up 03/14/2024\nStill sore.\n"), "note");
  assert.equal(noteKind("---\npatient: Sample, Pat\nclaim_number: ZZ-1\n---\n\nFree text.\n"), "note");
  // Sections: a plan plus a clinical section and a visit header label.
  assert.equal(noteKind("Date of service: 02/02/2022\n\nSubjective: sore neck.\n\nPlan:\n1. Home exercise\n"), "note");
  // Bold and ALL-CAPS labels, two clinical sections and a plan.
  assert.equal(noteKind("**History**\nFell at work.\n\nPHYSICAL EXAMINATION\nTender.\n\n**Plan:** rest.\n"), "note");
});

test("ordinary markdown is not a note: a README, a to-do list, a project plan", () => {
  assert.equal(noteKind("# My tool\n\nInstall it with npm. It reads progress notes written as markdown, then reports.\n\n## Usage\n\nRun it.\n"), "other");
  assert.equal(noteKind("# Groceries\n\n- [ ] milk\n- [ ] eggs\n\n## Plan\n\nShop on Monday.\n"), "other");
  // A plan and one history section, but no visit header: a project document.
  assert.equal(noteKind("# Roadmap\n\n## History\n\nStarted in spring.\n\n## Plan\n\nShip in autumn.\n"), "other");
  // Front matter without RFA keys.
  assert.equal(noteKind("---\ntitle: Release notes\nlayout: post\n---\n\n## Plan\n\nMore.\n"), "other");
  // A code block holding a note is an example, not a note.
  assert.equal(noteKind("# Docs\n\n```\nDate of service: 1/1/2020\nExam: tender\nPlan: PT\n```\n"), "other");
  assert.equal(isProgressNote(""), false);
});

test("the directive and the extension's own documents are never checked", () => {
  const note = "# PR-2 progress report\n\nExam: tender.\n\nPlan: PT.\n";
  assert.equal(noteKind(`${DISABLE_FILE_DIRECTIVE}\n${note}`), "disabled");
  assert.equal(noteKind(`${note}\n<!--rfa-ready-disable-file-->\n`), "disabled");
  // The cheap check used while typing in a known note sees the same opt-outs, and nothing else.
  assert.equal(optedOut(`${DISABLE_FILE_DIRECTIVE}\n${note}`), "disabled");
  assert.equal(optedOut(renderIndex(listCriteria(), listServices())), "generated");
  assert.equal(optedOut(note), undefined);
  assert.equal(optedOut("just some words"), undefined);
  // A mention inside a sentence is not the directive.
  assert.equal(noteKind(`${note}\nWrite \`${DISABLE_FILE_DIRECTIVE}\` to skip a file.\n`), "note");
  const criteria = listCriteria();
  const services = listServices();
  assert.equal(noteKind(renderCriterionDoc(criteria[0], services[0])), "generated");
  assert.equal(noteKind(renderIndex(criteria, services)), "generated");
  const skeleton = snippetToPlainText(progressNoteSnippet(new Date(2026, 0, 2)));
  assert.equal(noteKind(skeleton), "note", "the New progress note skeleton is a note");
  const draft = renderRfaMarkdown(draftRfa(skeleton + "\n1. Physical therapy 2x/week x 4 weeks for low back pain\n", { today: "2026-01-02" }));
  assert.equal(noteKind(draft), "generated", "the RFA draft is not checked");
});

test("every note fixture reads as a note; the project's own markdown does not", () => {
  const notes: string[] = [];
  const seeds = join(root, "test", "fixtures", "seeds");
  for (const d of readdirSync(seeds)) if (existsSync(join(seeds, d, "note.md"))) notes.push(join(seeds, d, "note.md"));
  const fixtures = join(root, "test", "fixtures", "notes");
  for (const f of readdirSync(fixtures)) if (f.endsWith(".md")) notes.push(join(fixtures, f));
  notes.push(join(root, "examples", "progress-note.md"), join(root, "test", "host", "workspace", "progress-note.md"));
  assert.ok(notes.length > 50);
  const missed = notes.filter((f) => noteKind(readFileSync(f, "utf8")) !== "note");
  assert.deepEqual(missed, []);
  const others = [join(root, "README.md"), join(root, "docs", "sources.md"), join(root, "docs", "criteria", "README.md")];
  for (const f of others) assert.notEqual(noteKind(readFileSync(f, "utf8")), "note", f);
});

test("globs: ** spans folders, * and ? stay in one, {a,b} and [..], case-insensitive", () => {
  assert.ok(matchesAnyGlob(["**/*.md"], "note.md"));
  assert.ok(matchesAnyGlob(["**/*.md"], "a/b/c/note.MD"));
  assert.ok(!matchesAnyGlob(["**/*.md"], "a/note.mdx"));
  assert.ok(matchesAnyGlob(["notes/*.md"], "notes/x.md"));
  assert.ok(!matchesAnyGlob(["notes/*.md"], "notes/2024/x.md"));
  assert.ok(matchesAnyGlob(["notes/**"], "notes/2024/x.md"));
  assert.ok(matchesAnyGlob(["**/visit-{01,02}.md"], "p/visit-02.md"));
  assert.ok(!matchesAnyGlob(["**/visit-{01,02}.md"], "p/visit-03.md"));
  assert.ok(matchesAnyGlob(["**/v[0-9].md"], "v7.md"));
  assert.ok(matchesAnyGlob(["?.md"], "a.md") && !matchesAnyGlob(["?.md"], "ab.md"));
  assert.ok(matchesAnyGlob(["/srv/notes/**"], "x.md", "/srv/notes/x.md"), "an absolute glob matches the absolute path");
  assert.ok(!matchesAnyGlob([], "note.md"), "no globs: nothing matches");
  assert.equal(globToRegExp("**/*.md"), globToRegExp("**/*.md"), "compiled once");
});
