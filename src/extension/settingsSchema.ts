// The one typed source of the extension's settings. `scripts/gen-settings.mjs` writes
// `contributes.configuration` in package.json and `schemas/settings.schema.json` from it;
// `config.ts` reads settings through `normalizeSettings`. Pure and vscode-free.
import type { AnalyzeOptions, CriterionInfo, ServiceInfo, Severity } from "../core/types";

export const SECTION = "rfaReady";

export type SeverityLevel = "error" | "warning" | "information" | "hint" | "off";
export type RunMode = "onType" | "onSave";

export interface RfaSettings {
  enable: boolean;
  run: RunMode;
  debounceMs: number;
  severity: Record<string, SeverityLevel>;
  disabledCriteria: string[];
  maxNoteSize: number;
}

export const DEFAULTS: Readonly<RfaSettings> = Object.freeze({
  enable: true,
  run: "onType",
  debounceMs: 250,
  severity: {},
  disabledCriteria: [],
  maxNoteSize: 2_000_000,
});

export const SEVERITY_LEVELS: readonly SeverityLevel[] = ["error", "warning", "information", "hint", "off"];
const SEVERITY_DESCRIPTIONS: Record<SeverityLevel, string> = {
  error: "Show as an error (red squiggle).",
  warning: "Show as a warning (yellow squiggle).",
  information: "Show as information (blue squiggle).",
  hint: "Show as a hint (faint dots).",
  off: "Do not check this criterion or family.",
};

export const DEBOUNCE_LIMITS = { minimum: 0, maximum: 5000 } as const;
export const MAX_NOTE_SIZE_LIMITS = { minimum: 1000, maximum: 50_000_000 } as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Scope = "application" | "machine" | "window" | "resource" | "language-overridable" | "machine-overridable";

interface SettingDefinition {
  key: keyof RfaSettings;
  scope: Scope;
  schema: { [key: string]: Json };
  markdownDescription: string;
}

function severitySchema(): { [key: string]: Json } {
  return {
    type: "string",
    enum: [...SEVERITY_LEVELS],
    enumDescriptions: SEVERITY_LEVELS.map((l) => SEVERITY_DESCRIPTIONS[l]),
  };
}

/** Every setting, in display order. Criterion and family lists come from the core's rule data. */
export function settingDefinitions(criteria: CriterionInfo[], services: ServiceInfo[]): SettingDefinition[] {
  const sortedCriteria = [...criteria].sort((a, b) => a.id.localeCompare(b.id));
  const sortedServices = [...services].sort((a, b) => a.key.localeCompare(b.key));
  const severityProperties: { [key: string]: Json } = {};
  for (const s of sortedServices) {
    severityProperties[s.key] = { ...severitySchema(), description: `Every criterion of the ${s.title} family.` };
  }
  for (const c of sortedCriteria) {
    severityProperties[c.id] = {
      ...severitySchema(),
      description: `${c.title} (default: ${c.defaultSeverity === "info" ? "information" : c.defaultSeverity}).`,
    };
  }
  const names = [...sortedServices.map((s) => s.key), ...sortedCriteria.map((c) => c.id)];
  const nameDescriptions = [
    ...sortedServices.map((s) => `Family: ${s.title}`),
    ...sortedCriteria.map((c) => c.title),
  ];
  return [
    {
      key: "enable",
      scope: "resource",
      schema: { type: "boolean", default: DEFAULTS.enable },
      markdownDescription: "Check markdown progress notes against MTUS documentation criteria.",
    },
    {
      key: "run",
      scope: "resource",
      schema: {
        type: "string",
        enum: ["onType", "onSave"],
        enumDescriptions: [
          "Check while typing, after `#rfaReady.debounceMs#` milliseconds without a keystroke.",
          "Check when the note is opened or saved.",
        ],
        default: DEFAULTS.run,
      },
      markdownDescription: "When to check a note. Unsaved and untitled notes are checked in both modes when opened.",
    },
    {
      key: "debounceMs",
      scope: "resource",
      schema: { type: "integer", default: DEFAULTS.debounceMs, ...DEBOUNCE_LIMITS },
      markdownDescription:
        "Milliseconds to wait after the last keystroke before checking the note (with `#rfaReady.run#` set to `onType`).",
    },
    {
      key: "severity",
      scope: "resource",
      schema: {
        type: "object",
        default: {},
        properties: severityProperties,
        additionalProperties: severitySchema(),
      },
      markdownDescription:
        "Severity per criterion ID (e.g. `tpi.max-injections`) or per service family (e.g. `opioids`): " +
        "`error`, `warning`, `information`, `hint` or `off`. A criterion ID wins over its family; " +
        "unlisted criteria keep their default severity. See `docs/criteria/README.md` for the IDs.",
    },
    {
      key: "disabledCriteria",
      scope: "resource",
      schema: {
        type: "array",
        default: [],
        uniqueItems: true,
        items: { type: "string", enum: names, enumDescriptions: nameDescriptions },
      },
      markdownDescription:
        "Criterion IDs or service families never to check. A single note can also disable criteria with " +
        "`<!-- rfa-ready-disable ID -->`.",
    },
    {
      key: "maxNoteSize",
      scope: "resource",
      schema: { type: "integer", default: DEFAULTS.maxNoteSize, ...MAX_NOTE_SIZE_LIMITS },
      markdownDescription:
        "Notes longer than this many characters are checked only up to the limit, and one informational " +
        "diagnostic says where checking stopped.",
    },
  ];
}

/** `contributes.configuration` for package.json. */
export function buildConfiguration(criteria: CriterionInfo[], services: ServiceInfo[]) {
  const properties: { [key: string]: Json } = {};
  settingDefinitions(criteria, services).forEach((def, order) => {
    properties[`${SECTION}.${def.key}`] = {
      ...def.schema,
      scope: def.scope,
      order,
      markdownDescription: def.markdownDescription,
    };
  });
  return { title: "RFA Ready", properties };
}

/** A JSON schema (draft-07) of the settings object, for editors and config validation. */
export function buildJsonSchema(criteria: CriterionInfo[], services: ServiceInfo[]) {
  const properties: { [key: string]: Json } = {};
  for (const def of settingDefinitions(criteria, services)) {
    properties[`${SECTION}.${def.key}`] = { ...def.schema, markdownDescription: def.markdownDescription };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://rfa-ready.invalid/schemas/settings.schema.json",
    title: "RFA Ready settings",
    description: "Generated by scripts/gen-settings.mjs from src/extension/settingsSchema.ts. Do not edit.",
    type: "object",
    properties,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Coerces raw configuration values (any JSON) into typed settings; invalid values fall back to defaults. */
export function normalizeSettings(raw: Partial<Record<keyof RfaSettings, unknown>>): RfaSettings {
  const clamp = (value: unknown, fallback: number, limits: { minimum: number; maximum: number }) =>
    typeof value === "number" && Number.isFinite(value)
      ? Math.min(limits.maximum, Math.max(limits.minimum, Math.round(value)))
      : fallback;
  const severity: Record<string, SeverityLevel> = {};
  if (isRecord(raw.severity)) {
    for (const [key, level] of Object.entries(raw.severity)) {
      if (typeof level === "string" && (SEVERITY_LEVELS as readonly string[]).includes(level)) {
        severity[key] = level as SeverityLevel;
      }
    }
  }
  return {
    enable: typeof raw.enable === "boolean" ? raw.enable : DEFAULTS.enable,
    run: raw.run === "onSave" || raw.run === "onType" ? raw.run : DEFAULTS.run,
    debounceMs: clamp(raw.debounceMs, DEFAULTS.debounceMs, DEBOUNCE_LIMITS),
    severity,
    disabledCriteria: Array.isArray(raw.disabledCriteria)
      ? [...new Set(raw.disabledCriteria.filter((x): x is string => typeof x === "string"))]
      : [],
    maxNoteSize: clamp(raw.maxNoteSize, DEFAULTS.maxNoteSize, MAX_NOTE_SIZE_LIMITS),
  };
}

const CORE_SEVERITY: Record<Exclude<SeverityLevel, "off">, Severity> = {
  error: "error",
  warning: "warning",
  information: "info",
  hint: "hint",
};

/** The core's analysis options for these settings. The core applies severities and disables. */
export function toAnalyzeOptions(settings: RfaSettings): AnalyzeOptions {
  const severity: Record<string, Severity | "off"> = {};
  for (const [key, level] of Object.entries(settings.severity)) {
    severity[key] = level === "off" ? "off" : CORE_SEVERITY[level];
  }
  return {
    disable: [...settings.disabledCriteria],
    severity,
    maxChars: settings.maxNoteSize,
  };
}
