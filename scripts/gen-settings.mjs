#!/usr/bin/env node
// Writes the extension's generated package.json contributions and the settings JSON schema
// from their typed sources:
//   contributes.configuration  ← src/extension/settingsSchema.ts (+ the core's rule data)
//   contributes.commands/menus ← src/extension/commandIds.ts
//   schemas/settings.schema.json
// Only those package.json keys are touched (read-modify-write). `--check` writes nothing
// and exits 1 when the files drift from the sources.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");

const core = await tsImport("../src/core/index.ts", import.meta.url);
const settings = await tsImport("../src/extension/settingsSchema.ts", import.meta.url);
const commands = await tsImport("../src/extension/commandIds.ts", import.meta.url);

const criteria = core.listCriteria();
const services = core.listServices();
const generated = {
  configuration: settings.buildConfiguration(criteria, services),
  commands: commands.buildCommands(),
  menus: commands.buildMenus(),
};
const schemaText = JSON.stringify(settings.buildJsonSchema(criteria, services), null, 2) + "\n";

let drift = false;

// package.json: re-read right before writing, replace only our keys.
const pkgPath = join(root, "package.json");
const pkgText = readFileSync(pkgPath, "utf8");
const pkg = JSON.parse(pkgText);
pkg.contributes ??= {};
for (const [key, value] of Object.entries(generated)) pkg.contributes[key] = value;
const nextPkgText = JSON.stringify(pkg, null, 2) + "\n";
if (nextPkgText !== pkgText) {
  drift = true;
  if (check) console.error("package.json contributions differ from src/extension (run: node scripts/gen-settings.mjs)");
  else {
    const latest = JSON.parse(readFileSync(pkgPath, "utf8"));
    latest.contributes ??= {};
    for (const [key, value] of Object.entries(generated)) latest.contributes[key] = value;
    writeFileSync(pkgPath, JSON.stringify(latest, null, 2) + "\n");
    console.log("wrote package.json contributes.configuration, commands, menus");
  }
}

const schemaPath = join(root, "schemas", "settings.schema.json");
let currentSchema = "";
try {
  currentSchema = readFileSync(schemaPath, "utf8");
} catch {}
if (currentSchema !== schemaText) {
  drift = true;
  if (check) console.error("schemas/settings.schema.json differs from src/extension/settingsSchema.ts");
  else {
    mkdirSync(dirname(schemaPath), { recursive: true });
    writeFileSync(schemaPath, schemaText);
    console.log("wrote schemas/settings.schema.json");
  }
}

if (check && drift) process.exitCode = 1;
else if (!drift) console.log("settings contributions up to date");
