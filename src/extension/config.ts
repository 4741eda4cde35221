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

// ---------------------------------------------------------------------------------------
// Trust: what the folder's own settings do. A folder (workspace) can carry settings that hide
// findings; the status item says so. In Restricted Mode VS Code ignores the folder's values of
// the settings package.json lists under `capabilities.untrustedWorkspaces.restrictedConfigurations`
// (the checks then run with the user's settings), and the status item says that instead.

/** The settings through which a folder could hide findings (restricted in untrusted folders). */
export const HIDING_SETTINGS: readonly (keyof RfaSettings)[] = ["enable", "files", "noteDetection", "run", "severity", "disabledCriteria", "maxNoteSize"];

export interface FolderOverrides {
  /** The folder's settings turn the checks off for this document. */
  off: boolean;
  /** Criteria and families the folder's settings turn off (disabledCriteria, severity "off"). */
  disabled: string[];
  /** Other hiding settings the folder sets and that apply (e.g. "maxNoteSize", "run"). */
  changed: string[];
  /** Restricted Mode: hiding settings the folder sets and VS Code ignores. */
  ignored: string[];
}

/** The value a folder (workspace folder, else workspace) gives a setting, when it gives one. */
function folderValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
}

/** What the folder's settings do to the checks of a document, read with `inspect()`. */
export function folderOverrides(scope?: vscode.ConfigurationScope): FolderOverrides {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const set = HIDING_SETTINGS.filter((key) => folderValue(config, key) !== undefined);
  if (vscode.workspace.isTrusted === false) return { off: false, disabled: [], changed: [], ignored: set.map((k) => `${SECTION}.${k}`) };
  const settings = readSettings(scope);
  const off = !settings.enable && folderValue(config, "enable") === false;
  const disabled = new Set<string>();
  const folderDisabled = folderValue(config, "disabledCriteria");
  if (Array.isArray(folderDisabled)) for (const id of folderDisabled) if (typeof id === "string" && settings.disabledCriteria.includes(id)) disabled.add(id);
  const folderSeverity = folderValue(config, "severity");
  if (folderSeverity && typeof folderSeverity === "object") {
    for (const [id, level] of Object.entries(folderSeverity)) if (level === "off" && settings.severity[id] === "off") disabled.add(id);
  }
  const changed = set
    .filter((key) => key === "run" || key === "maxNoteSize")
    .filter((key) => JSON.stringify(settings[key]) === JSON.stringify(normalizeSettings({ [key]: folderValue(config, key) })[key]))
    .filter((key) => settings[key] !== DEFAULTS[key])
    .map((k) => `${SECTION}.${k}`);
  return { off, disabled: [...disabled].sort(), changed, ignored: [] };
}
