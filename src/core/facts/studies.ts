// Study facts: {modality, date, levels, findings, normal} read from one line of text ("MRI L-spine
// 09/11/2014: ...; ...", "NCS -- within normal limits", "EMG (bilateral uppers) - unremarkable").
// A finding negated in its own clause ("no nerve root impingement", "without root contact") is not
// a finding. Pure functions of the line; the concepts at the end wrap them as line scans.
import type { Concept } from "../concepts";
import { DATE_SOURCE, parseDate } from "../extract/dates";
import type { Span } from "../text";
import { formChoices } from "./exam";

export type Modality = "mri" | "ct" | "x-ray" | "myelogram" | "emg" | "ncs" | "emg/ncs" | "bone-scan";

export interface StudyFinding extends Span {
  /** Nerve-root involvement (compression, impingement, foraminal stenosis, disc herniation, radiculopathy on EMG). */
  kind: "root" | "other";
  text: string;
  /** Segments or roots named in the finding's clause ("L4-5", "L5"). */
  levels: string[];
}

export interface Study extends Span {
  modality: Modality;
  date?: string;
  findings: StudyFinding[];
  /** Read as normal: "within normal limits", "unremarkable", "read as normal", "negative", with no positive finding. */
  normal: boolean;
}

const MODALITY =
  /\b(?:(emg\s*\/\s*nc[sv]s?|emg\s*(?:and|&)\s*nc[sv]s?|electrodiagnostic(?:s| stud(?:y|ies)| testing)?)|(emgs?|electromyograph\w*)|(nc[sv]s?|nerve conduction(?: stud(?:y|ies)| velocit(?:y|ies))?)|(mri'?s?|mr imaging|magnetic resonance(?: imaging)?)|(ct myelogram|myelogram)|(ct(?= scan|\s+(?:of\s+)?(?:the\s+)?(?:lumbar|cervical|thoracic|[lct]-?spine|l\/s|c\/s|head|brain|chest|pelvis))|ct scan|cat scan|computed tomography)|(x-?rays?|radiographs?|plain films?|xr)|(bone scan))\b/i;
const MODALITY_KINDS: Modality[] = ["emg/ncs", "emg", "ncs", "mri", "myelogram", "ct", "x-ray", "bone-scan"];

/** What every study line holds (token-index words). */
export const STUDY_NEEDS =
  "emgs?|electrodiagnostic\\w*|electromyograph\\w*|nc[sv]s?|nerve|mri'?s?|mr|magnetic|ct|myelogram|cat|computed|x-?rays?|radiographs?|plain|xr|bone";

const ROOT_FINDING =
  /\b(?:(?:neuro)?foraminal (?:stenosis|narrowing|encroachment|compromise)|lateral recess (?:stenosis|narrowing)|nerve roots? (?:compression|impingement|contact|effacement|displacement|irritation|abutment)|(?:compress|imping|effac|abut|contact|displac)\w*\s+(?:[\w-]+\s+){0,5}?(?:nerve\s+)?roots?|(?:disc |disk )?(?:herniations?|herniated (?:disc|disk|nucleus pulposus)|protrusions?|extrusions?)|hnp|(?:acute |chronic |active )?(?:[lcs]\d\s+)?radiculopath(?:y|ies)|denervation|fibrillation potentials|positive sharp waves)\b/gi;
const OTHER_FINDING =
  /\b(?:(?:central |canal |spinal )?stenosis|ddd|degenerative (?:disc|disk|changes|disease)|desiccation|spondylosis|arthropathy|facet (?:hypertrophy|arthrosis)|annular (?:tear|fissure)|fractures?|listhesis|spondylolisthesis|neuropathy|carpal tunnel|entrapment|bulg\w*|osteophytes?|tears?|effusions?)\b/gi;
const NORMAL_READ =
  /\b(?:within normal limits|wnl|unremarkable|(?:read|reported|interpreted) as (?:normal|negative|unremarkable)|normal(?: study| exam| findings)?|negative(?: study| for radiculopathy)?|no (?:acute |significant )?(?:abnormalit\w+|pathology|findings))\b/i;
/** A negation cue opening a finding's clause ("no", "without", "negative for", "nor"). */
const NEGATED_BEFORE = /\b(?:no|not|without|negative for|nor|free of|absence of|rules? out|ruled out)\b[^,;:]*$/i;
const LEVELS = /\b[CTLS][1-8](?:\s*[-–/]\s*[CTLS]?[1-8])?\b/g;
const DATE_RE = new RegExp(`(?<![\\w/.-])${DATE_SOURCE}(?![\\w/-])`, "i");

/** The clause a position stands in: from the last clause break before it to the next one. */
function clauseAround(text: string, start: number, end: number): Span {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf(";"), before.lastIndexOf(". "), before.lastIndexOf(":"), before.lastIndexOf("\n")) + 1;
  const after = /[;.\n]/.exec(text.slice(end));
  return { start: from, end: after ? end + after.index : text.length };
}

function findingsOf(text: string, re: RegExp, kind: StudyFinding["kind"], from: number): StudyFinding[] {
  const out: StudyFinding[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const clause = clauseAround(text, m.index, m.index + m[0].length);
    if (NEGATED_BEFORE.test(text.slice(clause.start, m.index))) continue;
    const levels = [...text.slice(clause.start, clause.end).matchAll(LEVELS)].map((l) => l[0].toUpperCase().replace(/\s+/g, ""));
    out.push({ start: m.index, end: m.index + m[0].length, kind, text: m[0], levels });
  }
  return out;
}

/**
 * The study a line reports, if it names a modality. Findings are read after the modality (a
 * request line "MRI to rule out HNP" names none as found: "rule out" negates its clause).
 */
export function readStudy(text: string): Study | undefined {
  if (text.includes("[")) text = formChoices(text);
  const mod = MODALITY.exec(text);
  if (!mod) return undefined;
  const group = mod.slice(1).findIndex((g) => g !== undefined);
  const modality = MODALITY_KINDS[group] ?? "mri";
  const from = mod.index + mod[0].length;
  const findings = [...findingsOf(text, ROOT_FINDING, "root", from), ...findingsOf(text, OTHER_FINDING, "other", from)].sort((a, b) => a.start - b.start);
  const normal = NORMAL_READ.test(text.slice(from)) && !findings.some((f) => f.kind === "root");
  const date = DATE_RE.exec(text.slice(from));
  const study: Study = { start: mod.index, end: mod.index + mod[0].length, modality, findings, normal };
  if (date) {
    const iso = parseDate(date[0]);
    if (iso) study.date = iso;
  }
  return study;
}

/** A line reporting a study with a nerve-root finding: the finding's span (corroboration of a radiculopathy). */
export function studyRootFindings(text: string): Span[] {
  const s = readStudy(text);
  if (!s) return [];
  return s.findings.filter((f) => f.kind === "root").map((f) => ({ start: f.start, end: f.end }));
}

/** A line reporting a study read as normal (no root finding): the modality's span. */
export function studyNormal(text: string): Span[] {
  const s = readStudy(text);
  return s && s.normal ? [{ start: s.start, end: s.end }] : [];
}

/** Nerve-root findings in a line that names no study (a quoted impression under its study's line). */
export function orphanRootFindings(text: string): Span[] {
  if (MODALITY.test(text)) return [];
  const body = text.includes("[") ? formChoices(text) : text;
  return findingsOf(body, ROOT_FINDING, "root", 0).map((f) => ({ start: f.start, end: f.end }));
}

/** A line that opens a study's report: it names the modality and ends in a colon, or announces the impression or findings. */
export function studyHeader(text: string): Span[] {
  const mod = MODALITY.exec(text);
  if (!mod) return [];
  const rest = text.slice(mod.index + mod[0].length);
  if (!/:\s*$/.test(rest) && !/\b(?:impression|findings|report(?:ed)?|dictated|read|reads|as follows)\b/i.test(rest.slice(Math.max(rest.lastIndexOf("."), rest.lastIndexOf(";")) + 1))) return [];
  return [{ start: mod.index, end: mod.index + mod[0].length }];
}

/** Paragraphs wholly between a study's line and a finding (the report's own items: a few at most). */
function paragraphsBetween(text: string): number {
  const parts = text.split(/\n[ \t]*\n/);
  return parts.slice(1, -1).filter((p) => /\S/.test(p)).length;
}

export const STUDY_FACT_CONCEPTS: Concept[] = [
  {
    /** A study (MRI, CT, EMG/NCS, myelogram) with a nerve-root finding: on the study's line, or quoted in the lines under it. */
    id: "fact.study-root-finding",
    scan: { unit: "line", needs: STUDY_NEEDS, find: studyRootFindings },
    detect: (note, find) => {
      const headers = find("fact.study-header");
      if (!headers.length) return [];
      return find("fact.study-orphan-root")
        .filter((m) => headers.some((h) => h.end <= m.start && m.start - h.end < 600 && h.section === m.section && paragraphsBetween(note.prose.slice(h.end, m.start)) <= 2))
        .map((m) => ({ start: m.start, end: m.end }));
    },
  },
  { id: "fact.study-orphan-root", scan: { unit: "line", find: orphanRootFindings } },
  { id: "fact.study-header", scan: { unit: "line", needs: STUDY_NEEDS, find: studyHeader } },
  /** A study read as normal, with no nerve-root finding. */
  { id: "fact.study-normal", scan: { unit: "line", needs: STUDY_NEEDS, find: studyNormal } },
];
