// A static check for regular expressions that backtrack catastrophically on some input. It reads a
// pattern's source (no execution on text) and reports three shapes:
// - nested repetition: an unbounded repeat of a group that itself holds an unbounded repeat,
//   "(a+)+", "(?:\s*\w+)*": exponential or polynomial in the length of a run;
// - adjacent overlapping repetition: two unbounded repeats of characters that can be the same
//   character, with only optional single characters between them, "\s*\(?\s*", "\d*\.?\d+":
//   quadratic in the length of a run of those characters;
// - a leading run: a pattern (or one of its top-level alternatives) that starts with an unbounded
//   repeat, unanchored and not behind a look-behind excluding that character, "\s+$": searched
//   through a text, it is tried again from every character of a run (quadratic).
// Character sets are compared on a sample alphabet (ASCII and a few others), by matching each
// sample against the atom compiled alone. Usage: node scripts/regex-lint.mjs (checks src/core).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SAMPLES = [];
for (let c = 0; c < 128; c++) SAMPLES.push(String.fromCharCode(c));
SAMPLES.push("\u00a0", "é", "µ", "°", "–", "→", "\u2028", "•");

/** Parses a pattern source into a tree: { type: "seq", items } / "alt" / "group" / "atom", each item with min/max. */
function parse(source) {
  let i = 0;
  const alternation = () => {
    const alternatives = [sequence()];
    while (source[i] === "|") {
      i++;
      alternatives.push(sequence());
    }
    return { type: "alt", alternatives };
  };
  const sequence = () => {
    const items = [];
    while (i < source.length && source[i] !== "|" && source[i] !== ")") {
      const node = atom();
      quantify(node);
      items.push(node);
    }
    return { type: "seq", items };
  };
  const atom = () => {
    const start = i;
    const c = source[i];
    if (c === "(") {
      i++;
      let kind = "capture";
      if (source[i] === "?") {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i));
        const head = m ? m[0] : "?:";
        kind = head === "?:" ? "group" : head === "?=" ? "ahead" : head === "?!" ? "not-ahead" : head === "?<=" ? "behind" : head === "?<!" ? "not-behind" : "capture";
        i += head.length;
      }
      const body = alternation();
      i++; // ")"
      return { type: "group", kind, body, src: source.slice(start, i), min: 1, max: 1 };
    }
    if (c === "[") {
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      return { type: "atom", src: source.slice(start, i), min: 1, max: 1 };
    }
    if (c === "\\") {
      i += 2;
      // \u{...}, \uXXXX, \xXX, \p{..}, \k<name>
      const m = /^(?:\{[^}]*\}|[0-9A-Fa-f]{2,4})/.exec(source.slice(i));
      if ((source[i - 1] === "u" || source[i - 1] === "x" || source[i - 1] === "p" || source[i - 1] === "P") && m) i += m[0].length;
      else if (source[i - 1] === "k" && source[i] === "<") i = source.indexOf(">", i) + 1;
      const src = source.slice(start, i);
      // Zero-width escapes and back-references are not characters.
      if (/^\\[bB]$/.test(src) || /^\\[1-9]/.test(src) || /^\\k/.test(src)) return { type: "anchor", src, min: 1, max: 1 };
      return { type: "atom", src, min: 1, max: 1 };
    }
    i++;
    if (c === "^" || c === "$") return { type: "anchor", src: c, min: 1, max: 1 };
    return { type: "atom", src: c, min: 1, max: 1 };
  };
  const quantify = (node) => {
    const c = source[i];
    let min = 1;
    let max = 1;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      i += m[0].length - 1;
    } else return;
    i++;
    if (source[i] === "?") i++;
    node.min = min;
    node.max = max;
  };
  return alternation();
}

/** The sample characters an atom matches (under the pattern's flags). */
function charsOf(atomSrc, flags) {
  let re;
  try {
    re = new RegExp(`^(?:${atomSrc})$`, flags.replace(/[gy]/g, ""));
  } catch {
    return new Set();
  }
  return new Set(SAMPLES.filter((s) => re.test(s)));
}

const overlaps = (a, b) => [...a].some((c) => b.has(c));
const unbounded = (n) => n.max === Infinity;

/** Whether a tree holds an unbounded repeat (look-arounds included: they backtrack too). */
function holdsUnbounded(node) {
  if (node.type === "alt") return node.alternatives.some(holdsUnbounded);
  if (node.type === "seq") return node.items.some(holdsUnbounded);
  if (node.type === "group") return unbounded(node) || holdsUnbounded(node.body);
  return unbounded(node);
}

/** The unbounded single-character repeats inside a tree. */
function unboundedAtoms(node, out = []) {
  if (node.type === "alt") node.alternatives.forEach((a) => unboundedAtoms(a, out));
  else if (node.type === "seq") node.items.forEach((i) => unboundedAtoms(i, out));
  else if (node.type === "group") {
    if (!/behind|ahead/.test(node.kind)) unboundedAtoms(node.body, out);
  } else if (node.type === "atom" && unbounded(node)) out.push(node);
  return out;
}

/**
 * Whether one run of characters could be split between iterations of a repeated group in more than
 * one way: an alternative of the body holds an unbounded repeat and nothing it requires (outside
 * the part holding that repeat) is a character the repeat cannot match, "(a+)+", "(?:\s*\w+)*".
 * "(?:(?:the|his)\s+)*" is not: every iteration needs a word that no blank can be.
 */
function ambiguousIterations(body, flags) {
  for (const alt of body.alternatives) {
    for (const atom of unboundedAtoms(alt)) {
      const chars = charsOf(atom.src, flags);
      const contains = (node) => node === atom || (node.type === "group" && unboundedAtoms(node.body).includes(atom));
      const separated = alt.items.some((item) => item.min >= 1 && item.type !== "anchor" && !contains(item) && !overlaps(charsOf(item.src, flags), chars));
      if (!separated) return true;
    }
  }
  return false;
}

/** The problems of one pattern, as short descriptions (empty: none found). */
export function lintRegex(re, { leadingRuns = true } = {}) {
  const flags = re.flags;
  const tree = parse(re.source);
  const problems = [];
  const visit = (node) => {
    if (node.type === "alt") return node.alternatives.forEach(visit);
    if (node.type === "group") {
      if (unbounded(node) && ambiguousIterations(node.body, flags)) problems.push(`nested repetition ${node.src.slice(0, 60)}${quantifierText(node)}`);
      return visit(node.body);
    }
    if (node.type !== "seq") return;
    node.items.forEach(visit);
    // Adjacent overlapping repeats of single characters.
    const items = node.items;
    for (let a = 0; a < items.length; a++) {
      const first = items[a];
      if (first.type !== "atom" || !unbounded(first)) continue;
      const chars = charsOf(first.src, flags);
      for (let b = a + 1; b < items.length; b++) {
        const next = items[b];
        // An optional group no character of the run can start ("(?:\*\*)?"): look past it.
        if (next.type === "group" && next.min === 0 && /group|capture/.test(next.kind) && !overlaps(chars, charsOf(next.src, flags))) continue;
        if (next.type !== "atom") break;
        const nextChars = charsOf(next.src, flags);
        if (!overlaps(chars, nextChars)) {
          if (next.min === 0) continue; // an optional character that cannot be one of the run's: look past it
          break;
        }
        if (unbounded(next) || next.max > 1) {
          problems.push(`adjacent overlapping repeats ${items.slice(a, b + 1).map((n) => n.src + quantifierText(n)).join("")}`);
          break;
        }
        if (next.min > 0) break; // a required character the run gives back once: linear
      }
    }
  };
  visit(tree);
  if (leadingRuns && !flags.includes("y")) {
    for (const alt of tree.alternatives) {
      const items = alt.items;
      let k = 0;
      let behind;
      // Anchors and look-behinds before the first character.
      while (k < items.length && (items[k].type === "anchor" || (items[k].type === "group" && /behind|ahead/.test(items[k].kind)))) {
        if (items[k].type === "anchor" && items[k].src === "^" && !flags.includes("m")) behind = "anchored";
        if (items[k].type === "anchor" && items[k].src === "^" && flags.includes("m")) behind ??= "line";
        if (items[k].type === "group" && items[k].kind === "not-behind") behind = items[k];
        k++;
      }
      if (k >= items.length || behind === "anchored") continue;
      // The unbounded repeat a match can begin with: the first item, or inside the groups and past
      // the optional items it begins with ("(?:for\s*)?(\d+|one)": the digits).
      const heads = leadingRepeats(items.slice(k));
      if (!heads.length) continue;
      for (const head of heads) {
      const chars = charsOf(head.src, flags);
      // Line starts (m flag): a run of characters other than line breaks is tried once per line.
      if (behind === "line" && ![...chars].some((c) => c === "\n" || c === "\r")) continue;
      if (behind && typeof behind === "object") {
        const excluded = charsOf(behind.body.alternatives.length === 1 ? behind.body.alternatives[0].items.map((n) => n.src).join("") : "(?!)", flags);
        if ([...chars].every((c) => excluded.has(c))) continue;
      }
      // A run that the rest never has to give back (nothing can follow it that fails) is harmless only
      // when nothing follows: a lone "\s+" finds each run once.
      if (k === items.length - 1 && items[k] === head) continue;
      problems.push(`leading run ${head.src}${quantifierText(head)} (tried again from each character of a run)`);
      }
    }
  }
  return problems;
}

/** The unbounded single-character repeats a sequence of items can begin a match with. */
function leadingRepeats(items, out = []) {
  for (const item of items) {
    if (item.type === "anchor") return out; // \b, $: a word boundary already limits where a run starts
    if (item.type === "group") {
      if (/behind|ahead/.test(item.kind)) return out; // a guard before the run: treated as limiting it
      for (const alt of item.body.alternatives) leadingRepeats(alt.items, out);
      if (item.min >= 1) return out;
      continue;
    }
    if (unbounded(item)) out.push(item);
    if (item.min >= 1) return out;
  }
  return out;
}

function quantifierText(n) {
  if (n.min === 1 && n.max === 1) return "";
  if (n.min === 0 && n.max === Infinity) return "*";
  if (n.min === 1 && n.max === Infinity) return "+";
  if (n.min === 0 && n.max === 1) return "?";
  return `{${n.min},${n.max === Infinity ? "" : n.max}}`;
}

/** Every regex literal of the TypeScript files under a folder, with its place. */
export async function regexLiterals(dir) {
  const ts = (await import("typescript")).default;
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  walk(dir);
  const out = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf("/");
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        out.push({ re: new RegExp(text.slice(1, slash), text.slice(slash + 1)), where: `${relative(dir, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

async function main() {
  const dir = join(fileURLToPath(new URL(".", import.meta.url)), "..", "src", "core");
  let count = 0;
  for (const { re, where } of await regexLiterals(dir)) {
    for (const p of lintRegex(re)) {
      count++;
      console.log(`${where}  /${re.source.slice(0, 80)}/  ${p}`);
    }
  }
  console.log(`${count} problem(s)`);
  if (count) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
