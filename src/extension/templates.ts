// Pure, vscode-free text of the "New progress note" command: a PR-2 skeleton with the
// sections the core looks for, as a VS Code snippet (tab stops for the blanks).

/** The section headings of the skeleton, in order. */
export const PR2_SECTIONS = [
  "Subjective",
  "History/Treatment to date",
  "Objective/Examination",
  "Assessment/Diagnoses",
  "Medications",
  "Plan / Request for Authorization",
] as const;

/** The PR-2 progress-note skeleton as snippet text. `today` is shown as MM/DD/YYYY. */
export function progressNoteSnippet(today: Date): string {
  const mm = String(today.getMonth() + 1).padStart(2, "0");
  const dd = String(today.getDate()).padStart(2, "0");
  const date = `${mm}/${dd}/${today.getFullYear()}`;
  return [
    "# PR-2 Primary Treating Physician's Progress Report",
    "",
    `Date of service: \${1:${date}}`,
    "Patient: ${2:name}; DOB: ${3:MM/DD/YYYY}; DOI: ${4:MM/DD/YYYY}; Claim #: ${5:number}",
    "Employer: ${6:employer}; Claims administrator: ${7:administrator}",
    "",
    `## ${PR2_SECTIONS[0]}`,
    "",
    "Chief complaint: ${8:complaint}. Pain ${9:n}/10 today, ${10:n}/10 at best with current treatment.",
    "Function: ${11:ADLs and work status compared with the last visit}.",
    "",
    `## ${PR2_SECTIONS[1]}`,
    "",
    "${12:Prior treatment, dates and response (PT, medications, injections, imaging)}.",
    "",
    `## ${PR2_SECTIONS[2]}`,
    "",
    "${13:Examination findings}.",
    "",
    `## ${PR2_SECTIONS[3]}`,
    "",
    "1. ${14:diagnosis} (${15:ICD-10})",
    "",
    `## ${PR2_SECTIONS[4]}`,
    "",
    "- ${16:medication, dose, frequency}",
    "",
    `## ${PR2_SECTIONS[5]}`,
    "",
    "1. ${17:service requested, body part, quantity/frequency/duration} for ${18:diagnosis} (${19:ICD-10})",
    "",
    "Work status: ${20:status}. Follow-up: ${21:interval}.$0",
    "",
  ].join("\n");
}
