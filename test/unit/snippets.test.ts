// Snippet files: valid JSON, well-formed tab stops, registered in package.json, and
// snippets/criteria.code-snippets equal to what scripts/gen-snippets.mjs makes from the rules now.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CriterionInfo, ServiceInfo } from "../../src/core/types";

const root = path.resolve(__dirname, "../..");
const snippetsDir = path.join(root, "snippets");
const generatedFile = path.join(snippetsDir, "criteria.code-snippets");

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}
interface GenModule {
  OUTPUT: string;
  renderSnippets(criteria: CriterionInfo[], services?: ServiceInfo[]): string;
  checkSnippetBody(body: string | string[]): string[];
  loadCriteria(options?: { fromDist?: boolean }): Promise<CriterionInfo[]>;
  loadServices(options?: { fromDist?: boolean }): Promise<ServiceInfo[]>;
}

let gen: GenModule;
before(async () => {
  // A computed specifier: the generator is plain ESM JavaScript with no type declarations.
  const specifier = pathToFileURL(path.join(root, "scripts/gen-snippets.mjs")).href;
  gen = (await import(specifier)) as GenModule;
});

const snippetFiles = () =>
  fs
    .readdirSync(snippetsDir)
    .filter((f) => f.endsWith(".code-snippets"))
    .sort();

const readSnippets = (file: string): Record<string, Snippet> =>
  JSON.parse(fs.readFileSync(path.join(snippetsDir, file), "utf8"));

const fakeCriterion = (over: Partial<CriterionInfo>): CriterionInfo => ({
  id: "tpi.example",
  service: "tpi",
  title: "An example criterion",
  description: "What the guideline asks.",
  citation: "CPMTG 2009, p.122",
  kinds: ["missing"],
  howToDocument: "Write it down.",
  template: "Exam: ${1:muscle} with ${2:finding}",
  section: "exam",
  defaultSeverity: "warning",
  ...over,
});

describe("snippet files", () => {
  test("both files exist", () => {
    assert.deepEqual(snippetFiles(), ["criteria.code-snippets", "progress-note.code-snippets"]);
  });

  test("every file is strict JSON with prefix, body and description on each snippet", () => {
    for (const file of snippetFiles()) {
      const text = fs.readFileSync(path.join(snippetsDir, file), "utf8");
      let parsed: Record<string, Snippet>;
      assert.doesNotThrow(() => (parsed = JSON.parse(text)), `${file} parses as JSON`);
      const entries = Object.entries(parsed!);
      assert.ok(entries.length > 0, `${file} has snippets`);
      for (const [name, snippet] of entries) {
        const where = `${file}: ${name}`;
        assert.deepEqual(Object.keys(snippet).sort(), ["body", "description", "prefix"], where);
        const prefixes = ([] as string[]).concat(snippet.prefix);
        assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === "string" && /^[a-z0-9][a-z0-9.-]*$/.test(p)), `${where}: prefix`);
        const body = ([] as string[]).concat(snippet.body);
        assert.ok(body.length > 0 && body.every((l) => typeof l === "string"), `${where}: body is strings`);
        assert.ok(body.join("").trim().length > 0, `${where}: body is not empty`);
        assert.equal(typeof snippet.description, "string", `${where}: description`);
        assert.ok(snippet.description.trim().length > 0, `${where}: description is not empty`);
      }
    }
  });

  test("every body's tab stops are well formed", () => {
    for (const file of snippetFiles()) {
      for (const [name, snippet] of Object.entries(readSnippets(file))) {
        assert.deepEqual(gen.checkSnippetBody(snippet.body), [], `${file}: ${name}`);
      }
    }
  });

  test("prefixes are unique across files", () => {
    const seen = new Map<string, string>();
    for (const file of snippetFiles()) {
      for (const [name, snippet] of Object.entries(readSnippets(file))) {
        for (const prefix of ([] as string[]).concat(snippet.prefix)) {
          assert.ok(!seen.has(prefix), `prefix ${prefix} of ${file}: ${name} is also used by ${seen.get(prefix)}`);
          seen.set(prefix, `${file}: ${name}`);
        }
      }
    }
  });

  test("package.json registers every snippet file for markdown", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const registered: Array<{ language: string; path: string }> = pkg.contributes?.snippets ?? [];
    const paths = registered.map((s) => path.resolve(root, s.path)).sort();
    assert.deepEqual(paths, snippetFiles().map((f) => path.join(snippetsDir, f)));
    for (const s of registered) assert.equal(s.language, "markdown");
  });

  test("the progress note has the sections the rules look for and an RFA block", () => {
    const snippets = readSnippets("progress-note.code-snippets");
    const note = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes("rfa-note"));
    assert.ok(note, "a snippet with prefix rfa-note");
    const body = ([] as string[]).concat(note.body);
    const headings = body.filter((l) => l.startsWith("## "));
    assert.deepEqual(headings, [
      "## Subjective",
      "## History / Treatment to date",
      "## Objective / Examination",
      "## Assessment / Diagnoses",
      "## Medications",
      "## Plan / Request for Authorization",
    ]);
    assert.ok(body.some((l) => l.startsWith("**Date of service:**")));
    assert.ok(body.some((l) => /RFA: \$\{\d+:service\}, \$\{\d+:body part\/level\}, dx .*ICD-10.*CPT/.test(l)));
    const request = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes("rfa-request"));
    assert.ok(request, "a snippet with prefix rfa-request");
  });
});

describe("checkSnippetBody", () => {
  const ok = [
    "plain text",
    "${1:placeholder} and $2 and ${3}",
    "nested ${1:outer ${2:inner}} done$0",
    "${1|a,b,c|}",
    "${1:$CURRENT_YEAR} ${TM_FILENAME/(.*)/${1:/upcase}/}",
    "escaped \\$5 and \\} and ${1:a \\} b}",
    ["line ${1:one}", "line ${2:two}"],
    "mirrored ${1:x} and ${1:x}",
  ];
  for (const body of ok) {
    test(`accepts ${JSON.stringify(body)}`, () => assert.deepEqual(gen.checkSnippetBody(body), []));
  }
  const bad: Array<[string, RegExp]> = [
    ["${1:unclosed", /unclosed/],
    ["${:x}", /neither a tab stop nor a variable/],
    ["costs $ 5", /bare "\$"/],
    ["$NOT_A_VARIABLE", /unknown variable/],
    ["${1|a,,b|}", /empty option/],
    ["${1|a,b", /unclosed choice/],
    ["${1:a} ${3:b}", /not numbered 1\.\.2/],
    ["${1:a} ${1:b}", /different defaults/],
    ["${1:a ${1:b}}", /nested in itself/],
    ["${1x}", /malformed/],
  ];
  for (const [body, message] of bad) {
    test(`rejects ${JSON.stringify(body)}`, () => {
      const errors = gen.checkSnippetBody(body);
      assert.ok(errors.some((e) => message.test(e)), `${JSON.stringify(errors)} matches ${message}`);
    });
  }
});

describe("renderSnippets", () => {
  test("one snippet per criterion: prefix family + title words, body = template, description = family: title + citation, by family", () => {
    const criteria = [
      fakeCriterion({}),
      fakeCriterion({ id: "massage.visit-limit", service: "massage", title: "4-6 visits", citation: "CPMTG 2009, p.60", template: "Massage ${1:4} visits" }),
    ];
    const parsed = JSON.parse(gen.renderSnippets(criteria));
    assert.deepEqual(Object.keys(parsed), ["tpi.example", "massage.visit-limit"]);
    assert.deepEqual(parsed["massage.visit-limit"], {
      prefix: "massage-visits",
      body: ["Massage ${1:4} visits"],
      description: "4-6 visits (CPMTG 2009, p.60)",
    });
    assert.equal(parsed["tpi.example"].prefix, "tpi-example-criterion");
    // With the families: in their order, described by their title.
    const services: ServiceInfo[] = [
      { key: "massage", title: "Massage therapy", source: "" },
      { key: "tpi", title: "Trigger point injections", source: "" },
    ];
    const grouped = JSON.parse(gen.renderSnippets([...criteria, fakeCriterion({ id: "tpi.other", title: "Another one" })], services));
    assert.deepEqual(Object.keys(grouped), ["massage.visit-limit", "tpi.example", "tpi.other"]);
    assert.equal(grouped["massage.visit-limit"].description, "Massage therapy: 4-6 visits (CPMTG 2009, p.60)");
  });

  test("is deterministic and ends with a newline", () => {
    const criteria = [fakeCriterion({})];
    assert.equal(gen.renderSnippets(criteria), gen.renderSnippets(criteria));
    assert.ok(gen.renderSnippets(criteria).endsWith("}\n"));
  });

  test("splits multi-line templates into body lines", () => {
    const parsed = JSON.parse(gen.renderSnippets([fakeCriterion({ template: "## Plan\n${1:item}" })]));
    assert.deepEqual(parsed["tpi.example"].body, ["## Plan", "${1:item}"]);
  });

  test("refuses a malformed template, a missing template and a duplicate ID", () => {
    assert.throws(() => gen.renderSnippets([fakeCriterion({ template: "Exam ${1:muscle" })]), /template of tpi\.example: unclosed/);
    assert.throws(() => gen.renderSnippets([fakeCriterion({ template: "" })]), /has no template/);
    assert.throws(() => gen.renderSnippets([fakeCriterion({}), fakeCriterion({})]), /duplicate criterion ID/);
  });
});

describe("snippets/criteria.code-snippets", () => {
  let criteria: CriterionInfo[];
  let services: ServiceInfo[];
  before(async () => {
    criteria = await gen.loadCriteria();
    services = await gen.loadServices();
  });

  test("is what scripts/gen-snippets.mjs makes from the rules now (run it after changing rules)", () => {
    assert.ok(criteria.length > 0, "listCriteria() returns criteria");
    const committed = fs.readFileSync(generatedFile, "utf8");
    assert.equal(committed, gen.renderSnippets(criteria, services), "snippets/criteria.code-snippets is stale: run `node scripts/gen-snippets.mjs`");
  });

  test("has one snippet per criterion with the criterion's template", () => {
    const snippets = readSnippets("criteria.code-snippets");
    assert.equal(Object.keys(snippets).length, criteria.length);
    for (const c of criteria) {
      const s = snippets[c.id];
      assert.ok(s, `snippet for ${c.id}`);
      // Typed as the family, then the title's words ("tpi-trigger-points-twitch-response").
      assert.ok(String(s.prefix).startsWith(`${c.service}-`), `${c.id}: prefix ${s.prefix}`);
      assert.equal(([] as string[]).concat(s.body).join("\n"), c.template);
      assert.ok(s.description.includes(c.title) && s.description.includes(c.citation), c.id);
    }
  });
});
