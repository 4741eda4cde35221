// Reads the typed settings for a document and logs where each non-default value came from.
import * as vscode from "vscode";
import type { Logger } from "./log";
import { DEFAULTS, normalizeSettings, SECTION, type RfaSettings } from "./settingsSchema";

const KEYS = Object.keys(DEFAULTS) as (keyof RfaSettings)[];

/** Settings for a document (resource-scoped: workspace folder settings apply). */
export function readSettings(scope?: vscode.ConfigurationScope): RfaSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const raw: Partial<Record<keyof RfaSettings, unknown>> = {};
  for (const key of KEYS) raw[key] = config.get(key);
  return normalizeSettings(raw);
}

/** Which configuration level supplies a value: the most specific one set wins. */
function sourceOf(inspected: ReturnType<vscode.WorkspaceConfiguration["inspect"]>): string {
  if (!inspected) return "default";
  if (inspected.workspaceFolderValue !== undefined) return "workspace folder";
  if (inspected.workspaceValue !== undefined) return "workspace";
  if (inspected.globalValue !== undefined) return "user";
  return "default";
}

/** Logs every setting's effective source (and value, which never holds note text). */
export function logSettingsSources(log: Logger, scope?: vscode.ConfigurationScope): void {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const settings = readSettings(scope);
  const parts = KEYS.map((key) => `${SECTION}.${key}=${JSON.stringify(settings[key])} (${sourceOf(config.inspect(key))})`);
  log.info(`settings: ${parts.join("; ")}`);
}
