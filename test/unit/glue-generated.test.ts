// Drift checks: package.json contributions, schemas/settings.schema.json and docs/criteria
// must equal what the generators produce from the typed sources and the core's rule data.
// Fix a failure with: node scripts/gen-settings.mjs && node scripts/gen-docs.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildConfiguration, buildJsonSchema } from "../../src/extension/settingsSchema";
import { buildCommands, buildMenus } from "../../src/extension/commandIds";
import { GENERATED_MARKER, renderAllDocs } from "../../src/extension/docsContent";

const root = join(__dirname, "..", "..");
const coreReady = existsSync(join(root, "src", "core", "rules", "registry.ts"));
const skip = coreReady ? false : "the core's rule registry is not there yet";

async function ruleData() {
  const core = await import("../../src/core/index");
  return { criteria: core.listCriteria(), services: core.listServices() };
}

test("package.json contributes.configuration/commands/menus match src/extension", { skip }, async () => {
  const { criteria, services } = await ruleData();
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.deepEqual(pkg.contributes.configuration, buildConfiguration(criteria, services));
  assert.deepEqual(pkg.contributes.commands, buildCommands());
  assert.deepEqual(pkg.contributes.menus, buildMenus());
  assert.ok(pkg.activationEvents.includes("onLanguage:markdown"));
});

test("schemas/settings.schema.json matches src/extension/settingsSchema.ts", { skip }, async () => {
  const { criteria, services } = await ruleData();
  const text = readFileSync(join(root, "schemas", "settings.schema.json"), "utf8");
  assert.equal(text, JSON.stringify(buildJsonSchema(criteria, services), null, 2) + "\n");
});

test("README lists every family and criterion with its citation, generated from the rule data", { skip }, async () => {
  const { criteria, services } = await ruleData();
  const { renderReadmeCriteria, replaceReadmeBlock } = await import("../../src/extension/docsContent");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  assert.equal(replaceReadmeBlock(readme, renderReadmeCriteria(criteria, services)), readme, "README.md criteria table is out of date (run: node scripts/gen-docs.mjs)");
  for (const c of criteria) assert.ok(readme.includes(`[\`${c.id}\`]`) && readme.includes(c.citation.replace(/\|/g, "\\|")), c.id);
});

test("docs/criteria has exactly one generated page per criterion, in sync with the rule data", { skip }, async () => {
  const { criteria, services } = await ruleData();
  const expected = renderAllDocs(criteria, services);
  const dir = join(root, "docs", "criteria");
  for (const [name, content] of expected) {
    assert.ok(existsSync(join(dir, name)), `missing docs/criteria/${name}`);
    assert.equal(readFileSync(join(dir, name), "utf8"), content, `docs/criteria/${name} is out of date`);
  }
  const generated = readdirSync(dir).filter((n) => n.endsWith(".md") && readFileSync(join(dir, n), "utf8").startsWith(GENERATED_MARKER));
  assert.deepEqual(generated.sort(), [...expected.keys()].sort(), "stale generated pages");
  // Every criterion page documents what the diagnostics link to.
  for (const c of criteria) {
    const page = expected.get(`${c.id}.md`)!;
    assert.ok(page.includes(c.citation) && page.includes(c.howToDocument) && page.includes(c.template), c.id);
  }
});
