// Where a documentation template goes: at the end of the section it belongs to, or in a new
// section (heading included) placed before the plan, or at the end of the note for plan items.
import { blockAt, type Note } from "./note";
import type { CriterionDef } from "./rules/types";
import type { Fix, SectionKind } from "./types";

export const SECTION_HEADINGS: Record<SectionKind, string> = {
  header: "Progress report",
  subjective: "Subjective",
  history: "Treatment to date",
  ros: "Review of systems",
  exam: "Objective",
  assessment: "Assessment",
  medications: "Medications",
  plan: "Plan / Request for Authorization",
  other: "Notes",
};

/** Sections that may stand in for one another when the preferred one is absent. */
const FALLBACK: Partial<Record<SectionKind, SectionKind[]>> = {
  history: ["subjective"],
  subjective: ["history"],
  medications: ["plan"],
};

export function placeFix(note: Note, def: CriterionDef): Fix | undefined {
  if (!def.template) return undefined;
  const kinds = [def.section, ...(FALLBACK[def.section] ?? [])];
  for (const kind of kinds) {
    const section = [...note.sections].reverse().find((s) => s.kind === kind);
    if (!section) continue;
    let at = sectionTextEnd(note, section);
    const last = blockAt(note, Math.max(section.label.end, at - 1));
    // After a table row, past its closing pipe.
    if (last?.kind === "row") at = Math.max(at, note.lines.lineEnd(note.lines.position(at).line));
    const bullet = last?.listItem ? listMarker(note, last.start) : "";
    let snippet = last?.kind === "row" ? `\n\n${def.template}` : `\n${bullet}${def.template}`;
    // The next section's label on the same line ("… Meds: …") stays on a line of its own, out of the template's.
    if (/\S/.test(note.text.slice(at, note.lines.lineEnd(note.lines.position(at).line)))) snippet += "\n";
    return { insertAt: note.lines.position(at), snippet, section: kind, createsSection: false };
  }
  // No such section: create it before the plan (or at the end for the plan itself).
  const heading = `## ${SECTION_HEADINGS[def.section]}`;
  const plan = def.section === "plan" ? undefined : note.sections.find((s) => s.kind === "plan");
  if (plan) {
    const line = note.lines.position(plan.start).line;
    return {
      insertAt: { line, column: 1 },
      snippet: `${heading}\n${def.template}\n\n`,
      section: def.section,
      createsSection: true,
    };
  }
  const end = note.text.trimEnd().length;
  return {
    insertAt: note.lines.position(end),
    snippet: `${end > 0 ? "\n\n" : ""}${heading}\n${def.template}`,
    section: def.section,
    createsSection: true,
  };
}

/**
 * Where a section's text ends. Its last block's end, or, when its label stands inside a block that
 * began before it (a note written as one paragraph: "Tx hx: … / Meds: … / P: …" lines), the end of
 * its own text, before the next section's label.
 */
function sectionTextEnd(note: Note, section: Note["sections"][number]): number {
  let end = section.end;
  while (end > section.contentEnd && /\s/.test(note.prose[end - 1])) end--;
  return Math.max(end, section.contentEnd);
}

function listMarker(note: Note, blockStart: number): string {
  const line = note.lines.position(blockStart).line;
  const text = note.text.slice(note.lines.lineStart(line), blockStart);
  const m = /^\s*(\d+[.)]|[-*+])\s*$/.exec(text) ?? /^\s*(\d+[.)]|[-*+])\s/.exec(text);
  if (!m) return "- ";
  const marker = m[1];
  const num = /^(\d+)([.)])$/.exec(marker);
  return num ? `${Number(num[1]) + 1}${num[2]} ` : `${marker} `;
}
