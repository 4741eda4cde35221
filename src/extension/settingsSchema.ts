// The one typed source of the extension's settings. `scripts/gen-settings.mjs` writes
// `contributes.configuration` in package.json and `schemas/settings.schema.json` from it;
// `config.ts` reads settings through `normalizeSettings`. Pure and vscode-free.
import type { AnalyzeOptions, CriterionInfo, ServiceInfo, Severity } from "../core/types";

export const SECTION = "rfaReady";

export type SeverityLevel = "error" | "warning" | "information" | "hint" | "off";
export type RunMode = "onType" | "onSave";
export type NoteDetection = "auto" | "off";

export interface RfaSettings {
  enable: boolean;
  files: string[];
  noteDetection: NoteDetection;
  run: RunMode;
  debounceMs: number;
  severity: Record<string, SeverityLevel>;
  disabledCriteria: string[];
  maxNoteSize: number;
}

export const DEFAULTS: Readonly<RfaSettings> = Object.freeze({
  enable: true,
  files: ["**/*.md", "**/*.markdown"],
  noteDetection: "auto",
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
  /** The name the Settings editor shows (instead of one derived from the key). */
  title: string;
  scope: Scope;
  schema: { [key: string]: Json };
  markdownDescription: string;
}

/** The command that opens a criterion's page (or the criteria index) as a read-only preview. */
export const OPEN_CRITERION_COMMAND = "rfaReady.openCriterion";

/** A markdown link that opens a criterion's page (`README` opens the index of all criteria). */
export function criterionPageLink(id: string, label = id): string {
  return `[${label}](command:${OPEN_CRITERION_COMMAND}?${encodeURIComponent(JSON.stringify([id]))})`;
}

function severitySchema(): { [key: string]: Json } {
  return {
    type: "string",
    enum: [...SEVERITY_LEVELS],
    enumDescriptions: SEVERITY_LEVELS.map((l) => SEVERITY_DESCRIPTIONS[l]),
  };
}

function defaultLevel(c: CriterionInfo): string {
  return c.defaultSeverity === "info" ? "information" : c.defaultSeverity;
}

/**
 * Every setting, in display order. Criterion and family IDs come from the core's rule data: the
 * schema lists them as an enum (settings.json flags an unknown ID), each with its title and a link
 * to its page.
 */
export function settingDefinitions(criteria: CriterionInfo[], services: ServiceInfo[]): SettingDefinition[] {
  const sortedCriteria = [...criteria].sort((a, b) => a.id.localeCompare(b.id));
  const sortedServices = [...services].sort((a, b) => a.key.localeCompare(b.key));
  const severityProperties: { [key: string]: Json } = {};
  for (const s of sortedServices) {
    severityProperties[s.key] = {
      ...severitySchema(),
      markdownDescription: `Every criterion of the ${s.title} family (${criterionPageLink("README", "all criteria")}).`,
    };
  }
  for (const c of sortedCriteria) {
    severityProperties[c.id] = {
      ...severitySchema(),
      markdownDescription: `${c.title} (default: ${defaultLevel(c)}; ${criterionPageLink(c.id, "criterion page")}).`,
    };
  }
  const names = [...sortedServices.map((s) => s.key), ...sortedCriteria.map((c) => c.id)];
  const nameDescriptions = [
    ...sortedServices.map((s) => `Family: ${s.title}`),
    ...sortedCriteria.map((c) => c.title),
  ];
  const nameMarkdown = [
    ...sortedServices.map((s) => `Family: ${s.title}`),
    ...sortedCriteria.map((c) => `${c.title} (${criterionPageLink(c.id, "page")})`),
  ];
  return [
    {
      key: "enable",
      title: "Check progress notes",
      scope: "resource",
      schema: { type: "boolean", default: DEFAULTS.enable },
      markdownDescription: "Check markdown progress notes against MTUS documentation criteria.",
    },
    {
      key: "files",
      title: "Files that may be notes",
      scope: "resource",
      schema: { type: "array", default: [...DEFAULTS.files], items: { type: "string" }, uniqueItems: true },
      markdownDescription:
        "Glob patterns (relative to the workspace folder) of the markdown files RFA Ready may check, e.g. " +
        "`notes/**/*.md`. Untitled notes are always candidates. Which candidates are checked: " +
        "`#rfaReady.noteDetection#`. A file is never checked when it holds `<!-- rfa-ready-disable-file -->` " +
        "(the command **RFA Ready: Don't check this file** writes it).",
    },
    {
      key: "noteDetection",
      title: "Only files that read as progress notes",
      scope: "resource",
      schema: {
        type: "string",
        enum: ["auto", "off"],
        enumDescriptions: [
          "Check a file only when it reads as a progress note: YAML front matter with RFA header keys " +
            "(patient, dob, doi, claim_number, ...), a PR-2 or progress-note title, or a plan/request section " +
            "with clinical sections or visit header labels (Date of service, DOI, Claim #).",
          "Check every markdown file that `rfaReady.files` matches.",
        ],
        default: DEFAULTS.noteDetection,
      },
      markdownDescription:
        "Whether RFA Ready checks only the files of `#rfaReady.files#` that read as progress notes (`auto`), " +
        "so READMEs and to-do lists stay quiet, or all of them (`off`).",
    },
    {
      key: "run",
      title: "When to check",
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
      title: "Delay after typing (milliseconds)",
      scope: "resource",
      schema: { type: "integer", default: DEFAULTS.debounceMs, ...DEBOUNCE_LIMITS },
      markdownDescription:
        "Milliseconds to wait after the last keystroke before checking the note (with `#rfaReady.run#` set to `onType`).",
    },
    {
      key: "severity",
      title: "Severity per criterion or family",
      scope: "resource",
      schema: {
        type: "object",
        default: {},
        properties: severityProperties,
        propertyNames: { enum: names },
        additionalProperties: false,
      },
      markdownDescription:
        "Severity per criterion ID (e.g. `tpi.max-injections`) or per service family (e.g. `opioids`): " +
        "`error`, `warning`, `information`, `hint` or `off`. A criterion ID wins over its family; " +
        `unlisted criteria keep their default severity. The IDs: ${criterionPageLink("README", "all criteria")}.`,
    },
    {
      key: "disabledCriteria",
      title: "Criteria never checked",
      scope: "resource",
      schema: {
        type: "array",
        default: [],
        uniqueItems: true,
        items: { type: "string", enum: names, enumDescriptions: nameDescriptions, markdownEnumDescriptions: nameMarkdown },
      },
      markdownDescription:
        "Criterion IDs or service families never to check. A single note can also turn criteria off with " +
        `\`<!-- rfa-ready-disable ID -->\`. The IDs: ${criterionPageLink("README", "all criteria")}.`,
    },
    {
      key: "maxNoteSize",
      title: "Largest note checked (characters)",
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
      title: def.title,
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
    properties[`${SECTION}.${def.key}`] = { title: def.title, ...def.schema, markdownDescription: def.markdownDescription };
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
    files: Array.isArray(raw.files)
      ? [...new Set(raw.files.filter((x): x is string => typeof x === "string" && x.trim() !== ""))]
      : [...DEFAULTS.files],
    noteDetection: raw.noteDetection === "off" ? "off" : DEFAULTS.noteDetection,
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
