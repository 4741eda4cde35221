// The parser gives each chunk only the GFM extensions its text can use (note.ts) and defuses
// pathological nesting (defuse.ts). Both must leave the parse of ordinary markdown unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { parseMarkdown, parseNote } from "../../src/core/note";
import { defuse, MAX_BRACKETS, MAX_NESTING } from "../../src/core/defuse";

/** remark-parse with every GFM extension, as remark-gfm sets them up. */
const full = unified()
  .use(remarkParse)
  .use(function (this: Processor) {
    const data = this.data();
    data.micromarkExtensions = [gfmAutolinkLiteral(), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
    data.fromMarkdownExtensions = [
      gfmAutolinkLiteralFromMarkdown(),
      gfmFootnoteFromMarkdown(),
      gfmStrikethroughFromMarkdown(),
      gfmTableFromMarkdown(),
      gfmTaskListItemFromMarkdown(),
    ];
  });

const fixtures = join(import.meta.dirname, "..", "fixtures", "notes");

test("every fixture note parses to the same tree with only the extensions it needs as with all of GFM", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".md"));
  assert.ok(files.length > 20);
  for (const f of files) {
    const text = readFileSync(join(fixtures, f), "utf8").replace(/^---[\s\S]*?\n---\n/, "");
    assert.deepEqual(parseMarkdown(text, false), full.parse(text), f);
  }
});

test("random markdown of GFM's trigger characters parses the same with the extensions chosen per text", () => {
  const piece = fc.constantFrom("|", "a | b", "|---|---|", "[^1]", "[^1]: note", "~~", "~", "[ ]", "[x]", "- ", "1. ", "> ", "www.x.org", "http://a.b/c", "a@b.co", "[l](u)", "*", "_", "`", "\n", "\n\n", " ", "word", "Norco 10/325", "#");
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const text = parts.join("");
      assert.deepEqual(parseMarkdown(text, false), full.parse(text));
    }),
    { numRuns: 400, seed: 5 },
  );
});

test("random blocks with and without tables parse the same when cut into runs that each get only the extensions they need", () => {
  // Table rows, delimiter rows with and without pipes or colons, setext underlines, thematic
  // breaks, containers, fences and HTML blocks that run across blank lines, separated by blank lines.
  const line = fc.constantFrom(
    "| a | b |", "|---|---|", "| :-: | --: |", ":-:", "-:", "---", "- - -", "-", "a | b", "--- | ---", "| a |", "| - |", "|-",
    "> | a |", "> |---|", "  | - |", "- item", "1. item", "    code", "```", "~~~", "<!--", "-->", "<pre>", "</pre>", "text", "Norco 10/325 mg #60", "## Heading", "===", "www.x.org", "~~gone~~", "[x] done",
  );
  const block = fc.array(line, { minLength: 1, maxLength: 5 }).map((lines) => lines.join("\n"));
  const eol = fc.constantFrom("\n", "\r\n", "\r");
  fc.assert(
    fc.property(fc.array(block, { maxLength: 10 }), eol, (blocks, nl) => {
      const text = blocks.join("\n\n").replace(/\n/g, nl);
      assert.deepEqual(parseMarkdown(text, false), full.parse(text));
    }),
    { numRuns: 600, seed: 7 },
  );
});

test("a construct left open past a run's blank lines (an HTML comment the chunker took for closed) is parsed with what follows", () => {
  const text = "</pre>\n<!--\n| a | b |\n\n<pre>\n-->\n\n~~~\n| a | b |";
  assert.deepEqual(parseMarkdown(text, false), full.parse(text));
});

test("defuse keeps the length and every ordinary line; only nesting past the limit and excess brackets become text", () => {
  const ordinary = "- a\n  - b\n    > c\n1. d [link](x) [ ] e\n";
  assert.equal(defuse(ordinary), ordinary);
  const deep = "- ".repeat(MAX_NESTING + 50) + "x";
  const safe = defuse(deep);
  assert.equal(safe.length, deep.length);
  assert.equal(safe.slice(0, 2 * MAX_NESTING), deep.slice(0, 2 * MAX_NESTING));
  assert.ok(!safe.slice(2 * MAX_NESTING).includes("-"));
  const brackets = "[".repeat(MAX_BRACKETS + 10);
  assert.equal(defuse(brackets).split("[").length - 1, MAX_BRACKETS);
});

test("a line nested thousands deep still yields its words in the prose, at their offsets", () => {
  const text = "Plan:\n\n" + "- ".repeat(3000) + "Norco 10/325 mg #60\n";
  const note = parseNote(text);
  assert.equal(note.prose.length, text.length);
  assert.equal(note.prose.slice(text.indexOf("Norco"), text.indexOf("Norco") + 5), "Norco");
});
