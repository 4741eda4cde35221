#!/usr/bin/env node
// Generates snippets/criteria.code-snippets from the core's rule data: one snippet per criterion
// (prefix = family key + the title's words, e.g. `tpi-trigger-points-twitch-response`, body = the
// criterion's template, description = family: title (citation)), ordered by family, so the
// snippets and the quick-fix templates come from one source. Also sets the note skeleton snippet
// (pr2 / rfa-note) of snippets/progress-note.code-snippets from src/core/skeleton.ts, the
// source of the "New progress note" command.
//
//   node scripts/gen-snippets.mjs              write the file from src/core (through tsx)
//   node scripts/gen-snippets.mjs --check      exit 1 when the committed file is out of date
//   node scripts/gen-snippets.mjs --from-dist  read the built core (dist/core.js) instead of src
//
// test/unit/snippets.test.ts runs the same drift check and validates every snippet body.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUTPUT = path.join(root, "snippets/criteria.code-snippets");
/** The hand-written snippets, but for the note skeleton, which comes from src/core/skeleton.ts. */
export const PROGRESS_NOTE = path.join(root, "snippets/progress-note.code-snippets");
export const SKELETON_SNIPPET = "PR-2 progress note";

/** Loads listCriteria() from src/core (default) or from the esbuild bundle dist/core.js. */
export async function loadCriteria({ fromDist = false } = {}) {
  let core;
  if (fromDist) {
    const bundle = path.join(root, "dist/core.js");
    if (!fs.existsSync(bundle)) throw new Error("dist/core.js is missing: run `npm run build` first");
    core = createRequire(import.meta.url)(bundle);
  } else {
    const { tsImport } = await import("tsx/esm/api");
    core = await tsImport(pathToFileURL(path.join(root, "src/core/index.ts")).href, import.meta.url);
  }
  const listCriteria = core.listCriteria ?? core.default?.listCriteria;
  if (typeof listCriteria !== "function") throw new Error("the core does not export listCriteria()");
  return listCriteria();
}

/** listServices() of the same core (family titles and their order). */
export async function loadServices({ fromDist = false } = {}) {
  const core = fromDist
    ? createRequire(import.meta.url)(path.join(root, "dist/core.js"))
    : await (await import("tsx/esm/api")).tsImport(pathToFileURL(path.join(root, "src/core/index.ts")).href, import.meta.url);
  const listServices = core.listServices ?? core.default?.listServices;
  return typeof listServices === "function" ? listServices() : [];
}

const SLUG_STOP = new Set([
  "a", "an", "the", "and", "or", "of", "for", "with", "on", "in", "to", "by", "at", "per", "than", "only", "from", "is", "be",
  "as", "more", "least", "most", "within", "over", "then", "each", "another", "after", "same",
]);

/** The words of a title a physician would type: "Trigger points with twitch response ..." → "trigger-points-twitch-response". */
export function titleSlug(title, maxWords = 4, family = "") {
  // Words that only repeat the family ("TPI" in a TPI criterion, "opioid" in an opioid one).
  const familyWords = family.split("-").map((w) => w.replace(/s$/, ""));
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((w) => w.length > 1 && !/^\d+$/.test(w) && !SLUG_STOP.has(w) && !familyWords.includes(w.replace(/s$/, "")));
  return words.slice(0, maxWords).join("-");
}

/** The prefix of a criterion's snippet: its family key, then its title's words. */
export function snippetPrefix(c) {
  const slug = titleSlug(c.title, 4, c.service);
  return slug ? `${c.service}-${slug}` : c.id.replace(/\./g, "-");
}

/**
 * The snippets file for a list of CriterionInfo (src/core/types.ts), as text.
 * Deterministic: same criteria in, same bytes out. Keys are criterion IDs, grouped by family (in
 * the order of `services`, else of first appearance), registry order within a family.
 */
export function renderSnippets(criteria, services = []) {
  const snippets = {};
  const familyOrder = [...services.map((s) => s.key)];
  for (const c of criteria) if (!familyOrder.includes(c.service)) familyOrder.push(c.service);
  const ordered = familyOrder.flatMap((key) => criteria.filter((c) => c.service === key));
  const familyTitle = (key) => services.find((s) => s.key === key)?.title;
  const prefixes = new Set();
  for (const c of ordered) {
    if (!c.id || typeof c.template !== "string" || !c.template.trim()) {
      throw new Error(`criterion ${c.id ?? "(no id)"} has no template`);
    }
    if (Object.hasOwn(snippets, c.id)) throw new Error(`duplicate criterion ID ${c.id}`);
    const errors = checkSnippetBody(c.template);
    if (errors.length) throw new Error(`template of ${c.id}: ${errors.join("; ")}`);
    let prefix = snippetPrefix(c);
    if (prefixes.has(prefix)) prefix = c.id.replace(/\./g, "-");
    prefixes.add(prefix);
    const family = familyTitle(c.service);
    const described = c.citation ? `${c.title} (${c.citation})` : c.title;
    snippets[c.id] = {
      prefix,
      body: c.template.split(/\r?\n/),
      description: family ? `${family}: ${described}` : described,
    };
  }
  return JSON.stringify(snippets, null, 2) + "\n";
}

// VS Code snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar).
const VARIABLES = new Set([
  "TM_SELECTED_TEXT", "TM_CURRENT_LINE", "TM_CURRENT_WORD", "TM_LINE_INDEX", "TM_LINE_NUMBER",
  "TM_FILENAME", "TM_FILENAME_BASE", "TM_DIRECTORY", "TM_FILEPATH", "RELATIVE_FILEPATH", "CLIPBOARD",
  "WORKSPACE_NAME", "WORKSPACE_FOLDER", "CURSOR_INDEX", "CURSOR_NUMBER", "CURRENT_YEAR",
  "CURRENT_YEAR_SHORT", "CURRENT_MONTH", "CURRENT_MONTH_NAME", "CURRENT_MONTH_NAME_SHORT",
  "CURRENT_DATE", "CURRENT_DAY_NAME", "CURRENT_DAY_NAME_SHORT", "CURRENT_HOUR", "CURRENT_MINUTE",
  "CURRENT_SECOND", "CURRENT_SECONDS_UNIX", "CURRENT_TIMEZONE_OFFSET", "RANDOM", "RANDOM_HEX", "UUID",
  "BLOCK_COMMENT_START", "BLOCK_COMMENT_END", "LINE_COMMENT",
]);

/**
 * Checks that a snippet body's tab stops are well formed; returns the problems (empty when fine).
 * Rejects: unclosed `${`, `${` that is neither a tab stop nor a variable, a bare `$` (write `\$`),
 * unknown variables, empty choices, tab stops not numbered 1..n, one tab stop with two different
 * defaults, and a placeholder nested in itself.
 */
export function checkSnippetBody(body) {
  const text = Array.isArray(body) ? body.join("\n") : String(body);
  const errors = [];
  const stops = new Map(); // index -> defaults seen
  const open = []; // indices of the placeholders we are inside
  let i = 0;

  const record = (n, value) => {
    if (open.includes(n)) errors.push(`tab stop $${n} is nested in itself`);
    if (!stops.has(n)) stops.set(n, new Set());
    if (value !== undefined) stops.get(n).add(value);
  };

  // Reads until the matching unescaped "}" (true) or the end of the text (false).
  const parseAny = (inside) => {
    while (i < text.length) {
      const c = text[i];
      if (c === "\\") i += 2;
      else if (c === "}" && inside) return true;
      else if (c === "$") parseDollar();
      else i++;
    }
    return false;
  };

  const skipTransform = (start) => {
    // ${n/regex/format/options} or ${VAR/regex/format/options}
    let slashes = 0;
    while (i < text.length && !(slashes >= 3 && text[i] === "}")) {
      if (text[i] === "\\") i++;
      else if (text[i] === "/") slashes++;
      i++;
    }
    if (i >= text.length) errors.push(`unclosed transform at ${start}`);
    else i++;
  };

  const parseDollar = () => {
    const start = i;
    i++;
    const rest = text.slice(i);
    let m = /^\d+/.exec(rest);
    if (m) {
      record(Number(m[0]));
      i += m[0].length;
      return;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      if (!VARIABLES.has(m[0])) errors.push(`unknown variable $${m[0]} at ${start} (escape a literal $ as \\$)`);
      i += m[0].length;
      return;
    }
    if (text[i] !== "{") {
      errors.push(`bare "$" at ${start}: escape it as \\$`);
      return;
    }
    i++;
    m = /^\d+/.exec(text.slice(i));
    const name = m ? undefined : /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0];
    if (!m && !name) {
      errors.push(`"\${" at ${start} is neither a tab stop nor a variable`);
      return;
    }
    const n = m ? Number(m[0]) : undefined;
    if (name && !VARIABLES.has(name)) errors.push(`unknown variable \${${name}} at ${start}`);
    i += (m ? m[0] : name).length;
    const next = text[i];
    if (next === "}") {
      if (n !== undefined) record(n);
      i++;
    } else if (next === ":") {
      i++;
      const from = i;
      if (n !== undefined) open.push(n);
      const closed = parseAny(true);
      if (n !== undefined) open.pop();
      if (!closed) {
        errors.push(`unclosed "\${" at ${start}`);
        return;
      }
      if (n !== undefined) record(n, text.slice(from, i));
      i++;
    } else if (next === "|" && n !== undefined) {
      i++;
      const options = [];
      let current = "";
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === "\\" && i + 1 < text.length) {
          current += text[i + 1];
          i += 2;
        } else if (c === "|" && text[i + 1] === "}") {
          options.push(current);
          i += 2;
          closed = true;
          break;
        } else if (c === ",") {
          options.push(current);
          current = "";
          i++;
        } else {
          current += c;
          i++;
        }
      }
      if (!closed) errors.push(`unclosed choice at ${start}`);
      else if (options.some((o) => o.length === 0)) errors.push(`empty option in the choice at ${start}`);
      record(n, options[0]);
    } else if (next === "/") {
      if (n !== undefined) record(n);
      skipTransform(start);
    } else {
      errors.push(`malformed "\${" at ${start}`);
    }
  };

  parseAny(false);

  const numbered = [...stops.keys()].filter((n) => n !== 0).sort((a, b) => a - b);
  numbered.forEach((n, k) => {
    if (n !== k + 1 && !errors.some((e) => e.startsWith("tab stops"))) {
      errors.push(`tab stops are not numbered 1..${numbered.length}: ${numbered.map((x) => "$" + x).join(" ")}`);
    }
  });
  for (const [n, defaults] of stops) {
    if (defaults.size > 1) errors.push(`tab stop $${n} has different defaults: ${[...defaults].map((d) => JSON.stringify(d)).join(", ")}`);
  }
  return errors;
}

/** The skeleton's snippet body from src/extension/templates.ts (through tsx): the command's source. */
export async function loadSkeletonBody() {
  const { tsImport } = await import("tsx/esm/api");
  const templates = await tsImport(pathToFileURL(path.join(root, "src/extension/templates.ts")).href, import.meta.url);
  const body = (templates.progressNoteSnippetBody ?? templates.default?.progressNoteSnippetBody)?.();
  if (!Array.isArray(body)) throw new Error("src/extension/templates.ts does not export progressNoteSnippetBody()");
  return body;
}

/**
 * snippets/progress-note.code-snippets with its note skeleton entry (prefixes pr2 and rfa-note)
 * set to `body`; the file's other snippets and their order are kept as they are.
 */
export function renderProgressNote(currentText, body) {
  const errors = checkSnippetBody(body);
  if (errors.length) throw new Error(`the note skeleton: ${errors.join("; ")}`);
  const current = JSON.parse(currentText);
  const entry = {
    prefix: ["rfa-note", "pr2"],
    description:
      "RFA Ready: a PR-2 progress note skeleton, the same as the New progress note command: the RFA front matter (employee, requesting physician, claims administrator) and the sections the checks read (subjective, history, exam, diagnoses, medications, plan/RFA). Placeholders hold no values: replace each one.",
    body,
  };
  const out = {};
  if (!Object.hasOwn(current, SKELETON_SNIPPET)) out[SKELETON_SNIPPET] = entry;
  for (const [name, snippet] of Object.entries(current)) out[name] = name === SKELETON_SNIPPET ? entry : snippet;
  return JSON.stringify(out, null, 2) + "\n";
}

async function writeOrCheck(file, rendered, check, what) {
  const relative = path.relative(root, file);
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (check) {
    if (current !== rendered) {
      console.error(`${relative} is out of date with ${what}: run \`node scripts/gen-snippets.mjs\``);
      process.exitCode = 1;
    } else console.log(`${relative} is up to date`);
    return;
  }
  if (current === rendered) {
    console.log(`${relative} unchanged`);
    return;
  }
  fs.writeFileSync(file, rendered);
  console.log(`wrote ${relative}`);
}

async function main(argv) {
  await writeOrCheck(PROGRESS_NOTE, renderProgressNote(fs.readFileSync(PROGRESS_NOTE, "utf8"), await loadSkeletonBody()), argv.includes("--check"), "the note skeleton");
  const check = argv.includes("--check");
  const criteria = await loadCriteria({ fromDist: argv.includes("--from-dist") });
  const services = await loadServices({ fromDist: argv.includes("--from-dist") });
  const rendered = renderSnippets(criteria, services);
  const relative = path.relative(root, OUTPUT);
  const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : undefined;
  if (check) {
    if (current !== rendered) {
      console.error(`${relative} is out of date with the rules: run \`node scripts/gen-snippets.mjs\``);
      process.exitCode = 1;
    } else {
      console.log(`${relative} is up to date (${criteria.length} snippets)`);
    }
    return;
  }
  if (current === rendered) {
    console.log(`${relative} unchanged (${criteria.length} snippets)`);
    return;
  }
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, rendered);
  console.log(`wrote ${relative} (${criteria.length} snippets)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
