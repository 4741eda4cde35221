// Command IDs and their package.json contributions, from one place (pure, vscode-free).
// scripts/gen-settings.mjs writes `contributes.commands` and `contributes.menus` from this.
export const COMMANDS = {
  newNote: "rfaReady.newProgressNote",
  showReport: "rfaReady.showReport",
  insertDocumentation: "rfaReady.insertDocumentation",
  showLog: "rfaReady.showLog",
  draftRfa: "rfaReady.draftRfa",
  disableFile: "rfaReady.disableFile",
  markdownSuggestions: "rfaReady.enableMarkdownSuggestions",
  openCriterion: "rfaReady.openCriterion",
  // Run by quick fixes and the report, not listed in the command palette.
  disableCriterion: "rfaReady.disableCriterion",
  revealFix: "rfaReady.revealFix",
  revealLine: "rfaReady.revealLine",
} as const;

const CATEGORY = "RFA Ready";

export function buildCommands() {
  return [
    { command: COMMANDS.newNote, title: "New progress note", category: CATEGORY },
    { command: COMMANDS.showReport, title: "Show readiness report", category: CATEGORY, icon: "$(checklist)" },
    { command: COMMANDS.insertDocumentation, title: "Insert documentation for...", category: CATEGORY },
    { command: COMMANDS.showLog, title: "Show log", category: CATEGORY },
    { command: COMMANDS.draftRfa, title: "Draft RFA", category: CATEGORY, icon: "$(file-pdf)" },
    { command: COMMANDS.disableFile, title: "Don't check this file", category: CATEGORY },
    { command: COMMANDS.markdownSuggestions, title: "Suggest snippets while typing in markdown", category: CATEGORY },
    { command: COMMANDS.openCriterion, title: "Open the criteria pages", category: CATEGORY },
    { command: COMMANDS.disableCriterion, title: "Don't check a criterion in this note", category: CATEGORY },
    { command: COMMANDS.revealFix, title: "Reveal inserted documentation", category: CATEGORY },
    { command: COMMANDS.revealLine, title: "Go to a note line", category: CATEGORY },
  ];
}

export function buildMenus() {
  return {
    commandPalette: [
      { command: COMMANDS.showReport, when: "editorLangId == markdown" },
      { command: COMMANDS.insertDocumentation, when: "editorLangId == markdown && !editorReadonly" },
      { command: COMMANDS.draftRfa, when: "editorLangId == markdown" },
      { command: COMMANDS.disableFile, when: "editorLangId == markdown && !editorReadonly" },
      { command: COMMANDS.disableCriterion, when: "false" },
      { command: COMMANDS.revealFix, when: "false" },
      { command: COMMANDS.revealLine, when: "false" },
    ],
    "editor/title": [
      { command: COMMANDS.showReport, when: "resourceLangId == markdown", group: "navigation@90" },
    ],
    "editor/context": [
      { command: COMMANDS.insertDocumentation, when: "editorLangId == markdown && !editorReadonly", group: "1_modification@90" },
    ],
  };
}
