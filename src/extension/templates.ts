// Pure, vscode-free text of the "New progress note" command: the one PR-2 skeleton
// (src/core/skeleton.ts: the RFA front matter and the sections the core looks for) as a
// VS Code snippet. The `pr2` / `rfa-note` snippet is generated from the same source
// (scripts/gen-snippets.mjs), so the two never differ.
import { noteSkeletonLines, PR2_SECTIONS } from "../core/skeleton";

export { PR2_SECTIONS };

/** The snippet file's date placeholder: the day the snippet is inserted. */
export const SNIPPET_DATE = "$CURRENT_MONTH/$CURRENT_DATE/$CURRENT_YEAR";

/** The PR-2 progress-note skeleton as snippet text. `today` is shown as MM/DD/YYYY. */
export function progressNoteSnippet(today: Date): string {
  const mm = String(today.getMonth() + 1).padStart(2, "0");
  const dd = String(today.getDate()).padStart(2, "0");
  return `${noteSkeletonLines(`${mm}/${dd}/${today.getFullYear()}`).join("\n")}\n`;
}

/** The body of the `pr2` / `rfa-note` snippet (snippets/progress-note.code-snippets), one line per entry. */
export function progressNoteSnippetBody(): string[] {
  return noteSkeletonLines(SNIPPET_DATE);
}
