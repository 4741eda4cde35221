// Grammar tests for the two Markdown injections in syntaxes/: tokenizes sample lines with
// vscode-textmate + vscode-oniguruma, the engine VS Code uses, and asserts the scopes of tokens.
// The base grammar is a stand-in for VS Code's Markdown grammar (test/fixtures/grammar), which is not
// on npm. When VS Code's own Markdown and HTML grammars are on disk (RFA_VSCODE_EXTENSIONS, or the
// local code-server in .vscode-host), every case runs against them too.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as vsctm from "vscode-textmate";
import * as oniguruma from "vscode-oniguruma";

const root = path.resolve(__dirname, "../..");
const injectionPath = path.join(root, "syntaxes/rfa-ready.injection.tmLanguage.json");
const directivePath = path.join(root, "syntaxes/rfa-ready.directive.injection.tmLanguage.json");
const INJECTION_SCOPE = "text.rfa-ready.injection";
const DIRECTIVE_SCOPE = "text.rfa-ready.directive.injection";

/** Base grammars to run every case on: scope name -> file. */
const bases: Array<{ name: string; files: Record<string, string> }> = [
  {
    name: "stand-in Markdown grammar",
    files: { "text.html.markdown": path.join(root, "test/fixtures/grammar/markdown-stand-in.tmLanguage.json") },
  },
];
const vscodeExtensions =
  process.env.RFA_VSCODE_EXTENSIONS ??
  path.join(root, ".vscode-host/code-server/node_modules/code-server/lib/vscode/extensions");
const realMarkdown = path.join(vscodeExtensions, "markdown-basics/syntaxes/markdown.tmLanguage.json");
if (fs.existsSync(realMarkdown)) {
  bases.push({
    name: "VS Code's Markdown grammar",
    files: {
      "text.html.markdown": realMarkdown,
      "text.html.derivative": path.join(vscodeExtensions, "html/syntaxes/html-derivative.tmLanguage.json"),
      "text.html.basic": path.join(vscodeExtensions, "html/syntaxes/html.tmLanguage.json"),
    },
  });
}

const SERVICE = "entity.name.function.service";
const DOSE = "constant.numeric.dose";
const QUANTITY = "constant.numeric.quantity.rfa-ready";
const FREQUENCY = "keyword.other.frequency.rfa-ready";
const PAIN = "constant.numeric.pain-score.rfa-ready";
const RELIEF = "constant.numeric.pain-relief.rfa-ready";
const DATE = "constant.other.date.rfa-ready";
const CITATION = "string.other.citation.rfa-ready";
const DIRECTIVE = "meta.directive.disable.rfa-ready";

interface Token {
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;
let wasmLoaded: Promise<void> | undefined;

async function loadGrammar(baseFiles: Record<string, string>): Promise<vsctm.IGrammar> {
  wasmLoaded ??= (async () => {
    const wasm = fs.readFileSync(path.join(root, "node_modules/vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const files: Record<string, string> = {
    ...baseFiles,
    [INJECTION_SCOPE]: injectionPath,
    [DIRECTIVE_SCOPE]: directivePath,
  };
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = files[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file) : null;
    },
    // What VS Code derives from contributes.grammars[].injectTo.
    getInjections: (scopeName: string) =>
      scopeName === "text.html.markdown" ? [INJECTION_SCOPE, DIRECTIVE_SCOPE] : undefined,
  });
  const g = await registry.loadGrammar("text.html.markdown");
  assert.ok(g, "base grammar loads");
  return g;
}

/** Tokenizes lines (a small document) and returns the tokens of every line. */
function tokenize(text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The tokens that cover `needle` (its first occurrence) in the last line of `text`. */
function tokensFor(text: string, needle: string): Token[] {
  const lines = tokenize(text);
  const tokens = lines[lines.length - 1];
  const line = tokens.map((t) => t.text).join("");
  const start = line.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" occurs in "${line}"`);
  const end = start + needle.length;
  const covering: Token[] = [];
  let offset = 0;
  for (const token of tokens) {
    const tokenEnd = offset + token.text.length;
    if (tokenEnd > start && offset < end) covering.push(token);
    offset = tokenEnd;
  }
  return covering;
}

const hasScope = (token: Token, prefix: string) =>
  token.scopes.some((s) => s === prefix || s.startsWith(prefix + "."));

function assertScope(text: string, needle: string, prefix: string) {
  const tokens = tokensFor(text, needle);
  for (const token of tokens) {
    assert.ok(hasScope(token, prefix), `"${needle}" in "${text}": token "${token.text}" has ${prefix}; got ${token.scopes.join(" ")}`);
  }
}

function assertExactToken(text: string, needle: string, prefix: string) {
  const tokens = tokensFor(text, needle);
  assert.equal(tokens.length, 1, `"${needle}" is one token; got ${JSON.stringify(tokens.map((t) => t.text))}`);
  assert.equal(tokens[0].text, needle, `the token is exactly "${needle}"`);
  assert.ok(hasScope(tokens[0], prefix), `"${needle}" has ${prefix}; got ${tokens[0].scopes.join(" ")}`);
}

function assertNoScope(text: string, needle: string, prefix: string) {
  for (const token of tokensFor(text, needle)) {
    assert.ok(!hasScope(token, prefix), `"${needle}" in "${text}": token "${token.text}" must not have ${prefix}; got ${token.scopes.join(" ")}`);
  }
}

/** Nothing of the injection at all on `needle`. */
function assertPlain(text: string, needle: string) {
  for (const token of tokensFor(text, needle)) {
    const ours = token.scopes.filter((s) => s.endsWith(".rfa-ready"));
    assert.deepEqual(ours, [], `"${needle}" in "${text}" is not highlighted; got ${token.scopes.join(" ")}`);
  }
}

describe("grammar files", () => {
  before(async () => {
    grammar = await loadGrammar(bases[0].files);
  });
  test("are injections into Markdown, inside paragraphs/headings/tables and HTML comments", () => {
    const main = JSON.parse(fs.readFileSync(injectionPath, "utf8"));
    assert.equal(main.scopeName, INJECTION_SCOPE);
    for (const part of main.injectionSelector.split(",")) {
      assert.match(part.trim(), /^L:text\.html\.markdown (meta\.paragraph|markup\.heading|markup\.table)\.markdown -comment -markup\.inline\.raw /);
    }
    const directive = JSON.parse(fs.readFileSync(directivePath, "utf8"));
    assert.equal(directive.scopeName, DIRECTIVE_SCOPE);
    assert.equal(directive.injectionSelector, "L:text.html.markdown comment.block.html");
  });

  test("package.json registers both injections for Markdown", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const grammars: Array<{ scopeName: string; path: string; injectTo: string[] }> = pkg.contributes?.grammars ?? [];
    for (const [scopeName, file] of [[INJECTION_SCOPE, injectionPath], [DIRECTIVE_SCOPE, directivePath]]) {
      const entry = grammars.find((g) => g.scopeName === scopeName);
      assert.ok(entry, `contributes.grammars has ${scopeName}`);
      assert.deepEqual(entry.injectTo, ["text.html.markdown"]);
      assert.equal(path.resolve(root, entry.path), file);
    }
  });

  test("every regex compiles in Oniguruma and has no nested unbounded quantifier", () => {
    const raw = [injectionPath, directivePath].map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const regexes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (["match", "begin", "end", "while"].includes(key) && typeof value === "string") regexes.push(value);
          else walk(value);
        }
      }
    };
    walk(raw.map((r) => [r.repository, r.patterns]));
    assert.ok(regexes.length > 20);
    for (const re of regexes) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([re]), re);
      // A group that contains + or * and is itself followed by + or * can backtrack exponentially.
      assert.doesNotMatch(re, /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*]/, `nested quantifier in ${re}`);
    }
  });

  // Catastrophic backtracking shows as time that explodes with the length of a hostile line.
  // Not a speed test: each hostile shape is tokenized at length n and 4n, and the longer line
  // may take at most 40x as long (plus a slack for timer noise under load); linear patterns
  // take ~4x, quadratic ones ~16x, exponential ones never finish.
  test("hostile lines tokenize in time that grows with their length, not explosively", () => {
    const shapes: Array<(n: number) => string> = [
      (n) => "1".repeat(5 * n),
      (n) => "1/".repeat(3 * n),
      (n) => "x1 ".repeat(2 * n),
      (n) => "<!-- rfa-ready-disable " + "a-".repeat(3 * n),
      (n) => "<!-- rfa-ready-disable " + "a.".repeat(3 * n) + " -->",
      (n) => "PT ".repeat(3 * n) + "q",
      (n) => "10/325 ".repeat(Math.ceil(1.5 * n)) + "mg",
      (n) => "CPMTG 2009 p.".repeat(Math.ceil(0.8 * n)),
    ];
    const time = (line: string) => {
      const started = performance.now();
      tokenize(line);
      tokenize("Text " + line);
      return performance.now() - started;
    };
    for (const shape of shapes) {
      const short = Math.min(time(shape(250)), time(shape(250)));
      const long = time(shape(1000));
      assert.ok(long <= 40 * short + 250, `${JSON.stringify(shape(2).slice(0, 30))}: ${short.toFixed(1)} ms at n, ${long.toFixed(1)} ms at 4n`);
    }
  });
});

for (const base of bases) {
  describe(`on the ${base.name}`, () => {
    before(async () => {
      grammar = await loadGrammar(base.files);
    });

    describe("requested services", () => {
      const cases: Array<[string, string, string]> = [
        ["1. Trigger point injections x3 sets, low back", "Trigger point injections", "tpi"],
        ["- RFA: L paraspinal muscle trigger point injection", "trigger point injection", "tpi"],
        ["TPI x4 to the trapezius", "TPI", "tpi"],
        ["- RFA: R sacroiliac joint injection", "sacroiliac joint injection", "sij"],
        ["Request SI joint injection, right, under fluoroscopy", "SI joint injection", "sij"],
        ["2. **Massage therapy — 12 sessions**", "Massage therapy", "massage"],
        ["message therapy 2x6", "message therapy", "massage"],
        ["2. Norco 10-325 mg, 1/2 - 1 tab QID prn pain, #100", "Norco", "opioids"],
        ["oxycodone 5 mg q6h prn", "oxycodone", "opioids"],
        ["Tylenol #3 one tab bid", "Tylenol #3", "opioids"],
        ["MS Contin 15 mg q12h", "MS Contin", "opioids"],
        ["3. Xanax 0.5 mg, 1/2 - 1 tab TID prn, #90", "Xanax", "benzodiazepines"],
        ["clonazepam 0.5 mg qhs", "clonazepam", "benzodiazepines"],
        ["Flexeril 10 mg tid", "Flexeril", "muscle-relaxant"],
        ["Soma 350 mg", "Soma", "muscle-relaxant"],
        ["2. Cyclobenzaprine 10 mg #60 — dispensed today", "Cyclobenzaprine", "muscle-relaxant"],
        ["**Physical therapy x12 sessions**", "Physical therapy", "pt"],
        ["PT x12 for the lumbar spine", "PT", "pt"],
        ["PT 2x6", "PT", "pt"],
        ["cervical ESI at C5-6", "ESI", "esi"],
        ["bilateral MBB L4-5, L5-S1", "MBB", "facet"],
        ["Facet steroid injections were done 05/29/2014.", "Facet steroid injections", "facet"],
        ["RFA of medial branches L4-5", "RFA", "facet"],
        ["Acupuncture 6 visits", "Acupuncture", "acupuncture"],
        ["Prior care: chiropractic, acupuncture", "chiropractic", "chiro"],
        ["MRI L-spine 1-29-2015 reviewed", "MRI", "imaging"],
        ["EMG/NCV BLE", "EMG/NCV", "imaging"],
        ["TENS unit 30-day rental", "TENS unit", "tens"],
        ["FRP evaluation", "FRP", "frp"],
        ["Takes Motrin for pain", "Motrin", "nsaid-ppi"],
        ["omeprazole 20 mg daily", "omeprazole", "nsaid-ppi"],
        ["Lidoderm 5% patch", "Lidoderm", "topical"],
        ["Voltaren gel to knees", "Voltaren gel", "topical"],
        ["gabapentin 300 mg tid", "gabapentin", "aed"],
        ["zolpidem 10 mg qhs", "zolpidem", "sleep-aid"],
        ["Ambien CR 12.5 mg", "Ambien CR", "sleep-aid"],
      ];
      for (const [line, needle, family] of cases) {
        test(`"${needle}" is a ${family} service`, () => {
          assertExactToken(line, needle, `${SERVICE}.${family}.rfa-ready`);
        });
      }

      test("a line that starts with a service keeps its Markdown structure (bold, links, code spans)", () => {
        const line = "Norco **10/325 mg** QID, see [Xanax](https://example.org/x) and `TPI`";
        assertExactToken(line, "Norco", SERVICE);
        assertScope(line, "Norco", "meta.paragraph.markdown");
        assertScope(line, "10/325 mg", "markup.bold.markdown");
        assertScope(line, "10/325 mg", DOSE);
        assertScope(line, "https://example.org/x", "markup.underline.link.markdown");
        assertPlain(line, "https://example.org/x");
        assertPlain(line, "TPI");
        assertScope("- Norco **bold**", "bold", "markup.bold.markdown");
        assertScope("12 sessions of **massage**", "massage", "markup.bold.markdown");
      });

      test("services are highlighted in headings, list items, quotes and bold text", () => {
        assertScope("> TPI x3 sets", "TPI", SERVICE);
      const table = "| Modality | Amount |\n|---|---|\n| Massage therapy | at least 6 visits |";
      assertExactToken(table, "Massage therapy", `${SERVICE}.massage.rfa-ready`);
      assertExactToken(table, "6 visits", QUANTITY);
        assertScope("## Plan: Norco refill", "Norco", SERVICE);
        assertScope("- Norco refill", "Norco", SERVICE);
        assertScope("Request **Norco** refill", "Norco", SERVICE);
      });
    });

    describe("not services (negative cases)", () => {
      test('"PT reports" at sentence start is the patient, not physical therapy', () => {
        assertPlain("PT reports 8/10 pain today.", "PT");
        assertPlain("PT is a 38 yo female.", "PT");
        assertPlain("Pt reports less pain.", "Pt");
        assertPlain("Pt asks about trigger point injections.", "Pt");
      });
      test('"trigger points present" is an exam finding, not a TPI request', () => {
        assertPlain("Trigger points present on examination", "Trigger points");
      });
      test('"sacroiliac pain" is not an SI joint injection', () => {
        assertPlain("3+ R > L sacroiliac pain with swelling", "sacroiliac");
      });
      test('"RFA:" and "RFA dated" are the Request for Authorization, not radiofrequency ablation', () => {
        assertPlain("RFA: Norco 10/325", "RFA");
        assertPlain("per RFA dated 9-9-2015", "RFA");
      });
      test('lower-case "tens" is a number word and "sonata" inside a word is nothing', () => {
        assertPlain("tens of visits", "tens");
        assertPlain("the personatas", "sonata");
      });
      test("nothing is highlighted in code spans or fenced code", () => {
        assertPlain("Type `Norco 10/325 mg` here", "Norco");
        assertPlain("```\nNorco 10/325 mg #100", "Norco");
        assertPlain("    Norco 10/325 mg indented code", "Norco");
        assertPlain("```text\nPain 8/10 per CPMTG p.122", "8/10");
        assertScope("```\nNorco\n```\nNorco", "Norco", SERVICE);
      });
    });

    describe("doses and quantities", () => {
      test("strengths", () => {
        assertExactToken("Norco 10/325 mg 1 tab q4-6h", "10/325 mg", `${DOSE}.strength`);
        assertExactToken("Norco 10/325 #120", "10/325", `${DOSE}.strength`);
        assertExactToken("Meds: Norco 10-325, Xanax 0.5 mg", "10-325", `${DOSE}.strength`);
        assertExactToken("Meds: Norco 10-325, Xanax 0.5 mg", "0.5 mg", `${DOSE}.strength`);
        assertExactToken("Lidoderm 5% patch", "5%", `${DOSE}.strength`);
        assertExactToken("fentanyl 25 mcg/h patch", "25 mcg/h", `${DOSE}.strength`);
      });
      test("units per dose", () => {
        assertExactToken("2. Norco 10-325 mg, 1/2 - 1 tab QID prn pain, #100", "1/2 - 1 tab", `${DOSE}.units`);
      });
      test("quantities dispensed and session counts", () => {
        assertExactToken("2. Norco 10-325 mg, 1/2 - 1 tab QID prn pain, #100", "#100", QUANTITY);
        assertExactToken("1. Trigger point injections x3 sets, low back", "x3 sets", QUANTITY);
        assertExactToken("massage 2x6", "2x6", QUANTITY);
        assertExactToken("PT 2x/wk x 4 wk", "2x/wk", QUANTITY);
        assertExactToken("PT 2x/wk x 4 wk", "x 4 wk", QUANTITY);
        assertExactToken("2. **Massage therapy — 12 sessions**", "12 sessions", QUANTITY);
        assertExactToken("qty 90, 2 refills", "qty 90", QUANTITY);
        assertExactToken("qty 90, 2 refills", "2 refills", QUANTITY);
      });
      test("frequencies", () => {
        assertExactToken("1/2 - 1 tab QID prn pain", "QID", FREQUENCY);
        assertExactToken("1/2 - 1 tab QID prn pain", "prn", FREQUENCY);
        assertExactToken("1 tab q4-6h prn", "q4-6h", FREQUENCY);
        assertExactToken("zolpidem 5 mg qhs", "qhs", FREQUENCY);
      });
      test("not doses", () => {
        assertNoScope("Had 3 sets of trigger point injections", "3 sets", "constant.numeric.dose");
        assertNoScope("x-rays of the knee", "x-rays", QUANTITY);
        assertPlain("she is 38yo", "38yo");
        assertPlain("a bidder", "bidder");
      });
    });

    describe("pain scores", () => {
      test("x/10 and VAS/NRS", () => {
        assertExactToken("Constant low lumbar pain 8/10, radiates down L leg.", "8/10", PAIN);
        assertExactToken("pain 6.5 / 10 at rest", "6.5 / 10", PAIN);
        assertExactToken("VAS 6 today", "VAS 6", PAIN);
        assertExactToken("NRS 7/10 without meds", "NRS 7/10", PAIN);
        assertExactToken("MBB: 80% relief x 4 h", "80% relief", RELIEF);
      });
      test('"10/325" and "10/325 mg" are doses, not pain scores', () => {
        assertNoScope("Norco 10/325 mg", "10/325", PAIN);
        assertNoScope("Norco 10/325", "10/325", PAIN);
        assertNoScope("DOS 3/10/2015", "3/10", PAIN);
        assertNoScope("ratio 1/100", "1/10", PAIN);
      });
    });

    describe("dates", () => {
      const dates = ["9-9-2015", "01/03/2014", "2/17/14", "2015-09-09", "12-2014", "18 Jul 2009", "July 18, 2009", "July 2013"];
      for (const date of dates) {
        test(date, () => assertExactToken(`seen on ${date} for f/u`, date, DATE));
      }
      test("a date is not a pain score or a dose", () => {
        assertNoScope("DOS 3/10/2015", "3/10/2015", PAIN);
        assertNoScope("DOS 10/10/2015", "10/10/2015", DOSE);
      });
      test("levels and fractions are not dates", () => {
        assertNoScope("L4-5, L5-S1", "4-5", DATE);
        assertNoScope("1/2 - 1 tab", "1/2", DATE);
      });
    });

    describe("guideline citations", () => {
      test("whole citations", () => {
        assertExactToken("per MTUS guidelines", "MTUS", CITATION);
        assertExactToken("see CPMTG 2009 p.122 for TPIs", "CPMTG 2009 p.122", CITATION);
        assertExactToken("FI as defined in 8 CCR 9792.20.", "8 CCR 9792.20", CITATION);
        assertExactToken("AMTG 8 CCR 9792.24.1(c)(1)", "8 CCR 9792.24.1(c)(1)", CITATION);
        assertExactToken("ODG Hip & Pelvis, SI joint blocks", "ODG Hip & Pelvis", CITATION);
        assertExactToken("ODG recommends", "ODG", CITATION);
        assertExactToken("ACOEM ch.12 p.300-301", "ACOEM ch.12 p.300-301", CITATION);
        assertExactToken("LC 4604.5(c)(1) caps PT at 24", "LC 4604.5(c)(1)", CITATION);
      });
      test('"p.122" is inside a citation', () => {
        assertScope("CPMTG 2009, Trigger point injections, p.122", "p.122", CITATION);
        assertScope("see CPMTG 2009 p.122", "p.122", CITATION);
      });
      test("not citations", () => {
        assertPlain("the top.122 row", "122");
        assertPlain("Odgers", "Odg");
      });
    });

    describe("the rfa-ready-disable directive", () => {
      test("is highlighted, with its criterion IDs and families", () => {
        const line = "<!-- rfa-ready-disable tpi.max-injections, massage -->";
        assertScope(line, "rfa-ready-disable", "keyword.control.directive.rfa-ready");
        assertScope(line, "rfa-ready-disable", DIRECTIVE);
        assertExactToken(line, "tpi.max-injections", "variable.parameter.criterion.rfa-ready");
        assertExactToken(line, "massage", "variable.parameter.family.rfa-ready");
        assertNoScope(line, "massage", SERVICE);
        assertScope(line, "-->", "punctuation.definition.comment.html");
      });
      test("a bare directive", () => {
        assertScope("<!-- rfa-ready-disable -->", "rfa-ready-disable", "keyword.control.directive.rfa-ready");
      });
      test("an ordinary HTML comment is not a directive", () => {
        assertNoScope("<!-- reviewed -->", "reviewed", DIRECTIVE);
      });
      test("inside a paragraph, and text after it is highlighted again", () => {
        const line = "Norco refill. <!-- rfa-ready-disable opioids.pain-agreement --> Norco 10/325";
        assertExactToken(line, "opioids.pain-agreement", "variable.parameter.criterion.rfa-ready");
        assertScope(line, "rfa-ready-disable", "comment.block.html");
        const tokens = tokensFor(line, "Norco 10/325");
        assert.ok(hasScope(tokens[0], SERVICE), tokens[0].scopes.join(" "));
      });
      test("over two lines", () => {
        assertExactToken("<!-- rfa-ready-disable\n  tpi.max-injections -->", "tpi.max-injections", "variable.parameter.criterion.rfa-ready");
      });
      test("drug names in ordinary comments are not highlighted", () => {
        assertPlain("<!-- Norco 10/325 mg -->", "Norco");
        assertPlain("Text <!-- Norco 10/325 mg --> more", "Norco");
      });
      test("a word that merely starts like the directive is not one", () => {
        assertNoScope("<!-- rfa-ready-disabled tpi -->", "tpi", DIRECTIVE);
      });
    });

    describe("whole seed note lines", () => {
      test("seed-004 plan line", () => {
        const line = "2. Norco 10-325 mg, 1/2 - 1 tab QID prn pain, #100";
        const tokens = tokensFor(line, line).filter((t) => t.scopes.some((s) => s.endsWith(".rfa-ready")));
        assert.deepEqual(
          tokens.map((t) => [t.text, t.scopes[t.scopes.length - 1]]),
          [
            ["Norco", "entity.name.function.service.opioids.rfa-ready"],
            ["10-325 mg", "constant.numeric.dose.strength.rfa-ready"],
            ["1/2 - 1 tab", "constant.numeric.dose.units.rfa-ready"],
            ["QID", "keyword.other.frequency.rfa-ready"],
            ["prn", "keyword.other.frequency.rfa-ready"],
            ["#100", "constant.numeric.quantity.rfa-ready"],
          ],
        );
      });
    });
  });
}
