// Settings from one typed source: schema shape, coercion, mapping to core options.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CriterionInfo, ServiceInfo } from "../../src/core/types";
import {
  buildConfiguration,
  buildJsonSchema,
  DEFAULTS,
  normalizeSettings,
  SEVERITY_LEVELS,
  toAnalyzeOptions,
} from "../../src/extension/settingsSchema";
import { buildCommands, buildMenus, COMMANDS } from "../../src/extension/commandIds";

const criteria: CriterionInfo[] = [
  {
    id: "tpi.max-injections",
    service: "tpi",
    title: "No more than 3-4 injections per session",
    description: "d",
    citation: "CPMTG 2009 p.122",
    kinds: ["exceeds"],
    howToDocument: "h",
    template: "t",
    section: "plan",
    defaultSeverity: "warning",
  },
  {
    id: "opioids.uds",
    service: "opioids",
    title: "Urine drug screen",
    description: "d",
    citation: "CPMTG 2009 p.78",
    kinds: ["missing"],
    howToDocument: "h",
    template: "t",
    section: "plan",
    defaultSeverity: "info",
  },
];
const services: ServiceInfo[] = [
  { key: "tpi", title: "Trigger point injections", source: "CPMTG 2009" },
  { key: "opioids", title: "Opioids", source: "CPMTG 2009" },
];

test("every setting has a prefix, scope, markdownDescription and the typed default", () => {
  const { properties } = buildConfiguration(criteria, services) as { properties: Record<string, any> };
  assert.deepEqual(Object.keys(properties).sort(), Object.keys(DEFAULTS).map((k) => `rfaReady.${k}`).sort());
  for (const [key, schema] of Object.entries(properties)) {
    assert.equal(typeof schema.markdownDescription, "string", key);
    assert.ok(schema.markdownDescription.length > 20, key);
    assert.equal(schema.scope, "resource", key);
    assert.deepEqual(schema.default, DEFAULTS[key.slice("rfaReady.".length) as keyof typeof DEFAULTS], key);
    if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, key);
  }
  assert.equal(properties["rfaReady.debounceMs"].default, 250);
  assert.deepEqual(properties["rfaReady.run"].enum, ["onType", "onSave"]);
});

test("severity map offers every family and criterion, with off", () => {
  const { properties } = buildConfiguration(criteria, services) as { properties: Record<string, any> };
  const severity = properties["rfaReady.severity"];
  assert.deepEqual(Object.keys(severity.properties).sort(), ["opioids", "opioids.uds", "tpi", "tpi.max-injections"]);
  assert.deepEqual(severity.properties["tpi.max-injections"].enum, [...SEVERITY_LEVELS]);
  assert.ok(severity.properties["tpi.max-injections"].enum.includes("off"));
  assert.match(severity.properties["opioids.uds"].markdownDescription, /default: information/);
  // Keys are validated: only known IDs and families, each linking to its page.
  assert.equal(severity.additionalProperties, false);
  assert.deepEqual(severity.propertyNames.enum, ["opioids", "tpi", "opioids.uds", "tpi.max-injections"]);
  assert.ok(
    severity.properties["tpi.max-injections"].markdownDescription.includes(
      `(command:rfaReady.openCriterion?${encodeURIComponent(JSON.stringify(["tpi.max-injections"]))})`,
    ),
  );
  const disabled = properties["rfaReady.disabledCriteria"];
  assert.deepEqual(disabled.items.enum, ["opioids", "tpi", "opioids.uds", "tpi.max-injections"]);
  assert.equal(disabled.items.markdownEnumDescriptions.length, disabled.items.enum.length);
  assert.match(disabled.items.markdownEnumDescriptions[3], /^No more than 3-4 injections per session \(\[page\]\(command:rfaReady\.openCriterion\?/);
});

test("every setting has a readable title, not one derived from its key", () => {
  const { properties } = buildConfiguration(criteria, services) as { properties: Record<string, any> };
  for (const [key, schema] of Object.entries(properties)) {
    assert.equal(typeof schema.title, "string", key);
    assert.match(schema.title, /^[A-Z][a-z]/, key);
    assert.ok(!schema.title.includes("Ms") && !schema.title.includes("Rfa"), key);
  }
  assert.equal(properties["rfaReady.debounceMs"].title, "Delay after typing (milliseconds)");
  assert.deepEqual(properties["rfaReady.noteDetection"].enum, ["auto", "off"]);
  assert.equal(properties["rfaReady.noteDetection"].enumDescriptions.length, 2);
  assert.deepEqual(properties["rfaReady.files"].default, ["**/*.md", "**/*.markdown"]);
});

test("files and noteDetection: invalid values fall back to the defaults", () => {
  assert.deepEqual(normalizeSettings({ files: "notes/*.md" }).files, ["**/*.md", "**/*.markdown"]);
  assert.deepEqual(normalizeSettings({ files: ["notes/**/*.md", 3, "", "notes/**/*.md"] }).files, ["notes/**/*.md"]);
  assert.equal(normalizeSettings({ noteDetection: "off" }).noteDetection, "off");
  assert.equal(normalizeSettings({ noteDetection: "sometimes" }).noteDetection, "auto");
});

test("the JSON schema carries the same properties as the configuration", () => {
  const schema = buildJsonSchema(criteria, services) as any;
  const config = buildConfiguration(criteria, services) as any;
  assert.equal(schema.type, "object");
  assert.deepEqual(Object.keys(schema.properties), Object.keys(config.properties));
  assert.deepEqual(schema.properties["rfaReady.severity"].properties, config.properties["rfaReady.severity"].properties);
});

test("normalizeSettings falls back to defaults for invalid values and clamps numbers", () => {
  assert.deepEqual(normalizeSettings({}), DEFAULTS);
  const s = normalizeSettings({
    enable: "yes",
    run: "onSave",
    debounceMs: -5,
    severity: { tpi: "off", "opioids.uds": "information", bogus: "loud", x: 3 },
    disabledCriteria: ["tpi.max-injections", 7, "tpi.max-injections"],
    maxNoteSize: 1e12,
  });
  assert.equal(s.enable, true);
  assert.equal(s.run, "onSave");
  assert.equal(s.debounceMs, 0);
  assert.deepEqual(s.severity, { tpi: "off", "opioids.uds": "information" });
  assert.deepEqual(s.disabledCriteria, ["tpi.max-injections"]);
  assert.equal(s.maxNoteSize, 50_000_000);
  assert.equal(normalizeSettings({ debounceMs: 333.4 }).debounceMs, 333);
});

test("toAnalyzeOptions maps information→info, keeps off, passes disables and the size cap", () => {
  const options = toAnalyzeOptions(
    normalizeSettings({
      severity: { tpi: "off", "opioids.uds": "information", opioids: "error" },
      disabledCriteria: ["massage"],
      maxNoteSize: 5000,
    }),
  );
  assert.deepEqual(options, {
    disable: ["massage"],
    severity: { tpi: "off", "opioids.uds": "info", opioids: "error" },
    maxChars: 5000,
  });
});

test("command contributions cover every command ID and menus reference only those", () => {
  const commands = buildCommands();
  assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  for (const c of commands) assert.equal(c.category, "RFA Ready");
  assert.ok(commands.some((c) => c.title === "New progress note"));
  assert.ok(commands.some((c) => c.title === "Show readiness report"));
  assert.ok(commands.some((c) => c.title === "Insert documentation for..."));
  const ids = new Set<string>(Object.values(COMMANDS));
  for (const entries of Object.values(buildMenus())) for (const entry of entries) assert.ok(ids.has(entry.command));
});
