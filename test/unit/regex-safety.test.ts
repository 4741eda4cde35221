// Catastrophic backtracking: every regular expression the analysis runs on note text is fed
// adversarial strings (long runs of the characters and words it is made of, ending in a character
// that makes it fail) and must stay roughly linear. The expressions come from three places:
// every regex literal in src/core (read with the TypeScript parser, so none is forgotten), every
// concept's compiled terms (rules/registry ALL_CONCEPTS) and every RegExp a src/core module
// exports (the context engine's triggers, the extractors' patterns). Concept terms are timed the
// way the matcher runs them: tried only where the token index lists a word their terms can begin
// with (concepts.ts, prefilter.ts); everything else is scanned over the whole input.
// First: records the patterns src/core builds from strings while it loads.
import { built } from "./regex-recorder";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { conceptRegexes, conceptSpans, type Concept } from "../../src/core/concepts";
import { CONTEXT_PATTERNS } from "../../src/core/context";
import { ALL_CONCEPTS } from "../../src/core/rules/registry";
// @ts-expect-error: a plain ES module (the static check, also run alone: node scripts/regex-lint.mjs)
import { lintRegex } from "../../scripts/regex-lint.mjs";

const coreDir = join(__dirname, "..", "..", "src", "core");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

interface Pattern {
  re: RegExp;
  where: string;
  /** Concept terms are timed the way the matcher runs them (at the token index's words). */
  concept?: Concept;
}

/** Every regex literal of a source file, with its line. */
function literalsOf(file: string): Pattern[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out: Pattern[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const slash = text.lastIndexOf("/");
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ re: new RegExp(text.slice(1, slash), text.slice(slash + 1)), where: `${relative(coreDir, file)}:${line}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** RegExp values a module exports, directly or in arrays and plain objects. */
function exportedRegexes(mod: Record<string, unknown>, name: string): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > 3 || value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (value instanceof RegExp) out.push({ re: value, where: path });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1));
    else if (Object.getPrototypeOf(value) === Object.prototype) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, depth + 1);
  };
  for (const [k, v] of Object.entries(mod)) walk(v, `${name}:${k}`, 0);
  return out;
}

/** Adversarial inputs for one pattern: runs of its own characters and words, then a failing end. */
function attacks(re: RegExp, n: number): string[] {
  const words = [...new Set(re.source.match(/[a-z]{2,}/gi) ?? [])].slice(0, 6);
  const chars = [" ", "a", "1", ".", "/", "-", ":", "\n", "x", "%", "\t", "|"];
  const units = [
    ...chars,
    ...words.map((w) => `${w} `),
    ...words.map((w) => w),
    // Digit runs and numbers with separators, markup runs, blanks around a word.
    ...["1 ", "1/", "1.", "1-", "1%", "a ", "a-", "x1", "*a", "_a", "(1", "A ", "1 a "],
    ...words.map((w) => `${w}1 `),
    ...words.slice(0, 3).map((w) => `${w} 1`),
  ];
  return units.flatMap((u) => {
    const run = u.repeat(Math.max(1, Math.floor(n / u.length)));
    return [`${run}!`, `${run}\u0000`];
  });
}

function timeOn(p: Pattern, input: string): number {
  if (p.concept) {
    const t0 = performance.now();
    conceptSpans(p.concept, input);
    return performance.now() - t0;
  }
  const re = p.re;
  const copy = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
  const t0 = performance.now();
  let guard = 0;
  for (let m = copy.exec(input); m && guard < 1e6; m = copy.exec(input), guard++) if (m[0].length === 0) copy.lastIndex++;
  return performance.now() - t0;
}

/**
 * Patterns allowed to grow faster than linearly, each with the reason it is safe. None so far:
 * an entry here needs a justification a reviewer accepts (the input it runs on is short and bounded).
 */
const EXCEPTIONS: Record<string, string> = {};

/** Every pattern the analysis runs on note text, one per source and flags. */
async function collect(): Promise<Map<string, Pattern>> {
  const patterns: Pattern[] = [];
  for (const file of filesUnder(coreDir)) patterns.push(...literalsOf(file));
  for (const concept of ALL_CONCEPTS.values()) for (const re of conceptRegexes(concept)) patterns.push({ re, where: `concept ${concept.id}`, concept });
  CONTEXT_PATTERNS.forEach((re, i) => patterns.push({ re, where: `context pattern ${i}` }));
  // Built from strings while the modules loaded (new RegExp(...)), after the imports below too.
  const fromStrings = () => built.map(({ re, where }) => ({ re: new RegExp(re.source, re.flags), where }));
  for (const file of filesUnder(coreDir)) {
    const name = relative(coreDir, file).replace(/\.ts$/, "");
    // Entry points of other bundles (the PDF writer) may not load on their own: their regex
    // literals are collected above all the same.
    const mod = (await import(join(coreDir, name)).catch(() => undefined)) as Record<string, unknown> | undefined;
    if (mod) patterns.push(...exportedRegexes(mod, name));
  }
  patterns.push(...fromStrings());
  // A concept's own pattern is kept over the same source found elsewhere (timed as it runs).
  const unique = new Map<string, Pattern>();
  for (const p of patterns) {
    const key = `${p.re.source}/${p.re.flags}`;
    if (!unique.get(key)?.concept) unique.set(key, p);
  }
  return unique;
}

/**
 * Patterns the static check may flag, each with the reason it is safe or who changes it. An entry
 * here needs a justification a reviewer accepts.
 */
const STATIC_EXCEPTIONS: Record<string, string> = {};

test("static check: no pattern nests unbounded repeats, repeats overlapping characters side by side, or starts with an unanchored run", async () => {
  const unique = await collect();
  const flagged: string[] = [];
  for (const p of unique.values()) {
    if (STATIC_EXCEPTIONS[p.re.source]) continue;
    // Concept terms with a readable beginning run sticky at word starts (a leading run is tried once there).
    for (const problem of lintRegex(p.re, { leadingRuns: !p.concept })) flagged.push(`${p.where}: ${problem}  /${p.re.source.slice(0, 120)}/`);
  }
  assert.deepEqual(flagged, [], `patterns that backtrack:\n${flagged.join("\n")}`);
});

test("the static check finds the shapes it is for", () => {
  assert.match(lintRegex(/(a+)+b/).join(), /nested repetition/);
  assert.match(lintRegex(/x(?:\s*\w+)*y/).join(), /nested repetition/);
  assert.match(lintRegex(/x\s*\(?\s*y/).join(), /adjacent overlapping/);
  assert.match(lintRegex(/x(\d*\.?\d+)%/).join(), /adjacent overlapping/);
  assert.match(lintRegex(/\s+$/).join(), /leading run/);
  assert.deepEqual(lintRegex(/(?<!\s)\s+$/), []);
  assert.deepEqual(lintRegex(/x\s*(?::\s*)?y/), []);
  assert.deepEqual(lintRegex(/^\s*(\d+)\s*%/), []);
  assert.deepEqual(lintRegex(/\bcut\s+(?:\w+\s+){0,4}from/), []);
  assert.match(lintRegex(/(?:\w+\s+){0,4}from/).join(), /leading run/);
  assert.match(lintRegex(/(?:\bfor\s*)?(\d+(?:\.\d+)?|one) weeks/).join(), /leading run/);
  assert.deepEqual(lintRegex(/(?:\bfor\s*)?((?<!\d)\d+(?:\.\d+)?|one) weeks/), []);
});

test("every regex of the rules, extractors and context engine stays linear on adversarial input", async () => {
  const unique = await collect();
  assert.ok(unique.size > 300, `only ${unique.size} patterns collected`);

  const slow: string[] = [];
  for (const [key, p] of unique) {
    if (EXCEPTIONS[p.where]) continue;
    for (const input of attacks(p.re, 1_500)) {
      const small = timeOn(p, input);
      if (small < 3) continue;
      // Suspicious: four times the input must take well under sixteen times as long.
      const big = input.slice(0, -1).repeat(4) + input.slice(-1);
      const large = timeOn(p, big);
      if (large > 250 && large / small > 9) {
        slow.push(`${p.where} (${key.slice(0, 100)}): ${small.toFixed(0)} ms -> ${large.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}...`);
        break;
      }
    }
  }
  console.log(`regex safety: ${unique.size} patterns checked`);
  assert.deepEqual(slow, [], `super-linear patterns:\n${slow.join("\n")}`);
});

test("every pattern finishes 50 KB of hostile text well within a second", async () => {
  const unique = await collect();
  const inputs = [
    `PLAN${" ".repeat(20_000)}x`,
    `${" ".repeat(50_000)}!`,
    `${"1".repeat(50_000)}!`,
    `${"1 ".repeat(25_000)}!`,
    `${"*a".repeat(25_000)}!`,
    `${"\n".repeat(50_000)}!`,
    `${"a".repeat(50_000)}!`,
  ];
  const slow: string[] = [];
  for (const p of unique.values()) {
    if (EXCEPTIONS[p.where] || STATIC_EXCEPTIONS[p.re.source]) continue;
    for (const input of inputs) {
      const ms = timeOn(p, input);
      // Linear patterns take well under 50 ms here; catastrophic ones take seconds to hours.
      if (ms > 1000) {
        slow.push(`${p.where} (${p.re.source.slice(0, 100)}): ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}...`);
        break;
      }
    }
  }
  assert.deepEqual(slow, [], `patterns slow on 50 KB:\n${slow.join("\n")}`);
});
