// Evidence building blocks that several families declare the same way.
import type { Concept, Mention } from "../concepts";
import type { Note } from "../note";
import { currentVisit, type Visit } from "../visits";
import type { Element, EvidenceSpec } from "./types";

/** The current visit of a case file (latest date of service); undefined for a single visit. */
export function visitOf(note: Note): Visit | undefined {
  return currentVisit(note);
}

/**
 * A concept's mentions within the visit being documented now. In a running case file, what a
 * criterion asks of "each visit" (pain scores on opioids) must stand in the latest visit; an
 * earlier visit's record documents that visit, not this one. A single visit keeps every mention.
 */
export function thisVisit(id: string, base: string): Concept {
  return {
    id,
    detect: (note: Note, find: (id: string) => Mention[]) => {
      const visit = visitOf(note);
      return find(base)
        .filter((m) => !visit || (m.start >= visit.start && m.start < visit.end))
        .map((m) => ({ start: m.start, end: m.end }));
    },
  };
}

/** The request line names the body part and the diagnosis (ICD-10 code or a diagnosis word). */
export const BODY_PART_AND_DIAGNOSIS: Element[] = [
  { label: "the body part", any: [{ concept: "body-region", accept: "planned", inRequest: true }] },
  {
    label: "the diagnosis",
    any: [
      { concept: "icd10", accept: "planned", inRequest: true },
      { concept: "diagnosis-word", accept: "planned", inRequest: true },
    ],
  },
];

/** Objective functional improvement from a prior course, at any time (FI-PAT or a measured gain). */
export const FUNCTIONAL_GAIN_EVER: EvidenceSpec[] = [
  { concept: "functional-improvement", accept: "ever" },
  { concept: "pm.objective-gain", accept: "ever" },
];

const TRIED: Pick<EvidenceSpec, "accept" | "notSections"> = { accept: "ever", notSections: ["plan"] };

/**
 * A trial of conservative care (CONS-PAT), read through form boxes (an unchecked "[ ] PT" is no trial): exercise or PT, chiropractic, acupuncture, massage,
 * TENS, an NSAID or a muscle relaxant, tried (now or before), outside the plan. For ESI, facet and
 * SI blocks any element counts; no particular drug class is required (criteria.md §1, Dec 2026).
 */
export const CONSERVATIVE_TRIAL: EvidenceSpec[] = [
  { concept: "fact.checked.physical-therapy", ...TRIED },
  { concept: "fact.checked.stretching", ...TRIED },
  { concept: "fact.checked.active-therapy", ...TRIED },
  { concept: "fact.checked.chiro.term", ...TRIED },
  { concept: "fact.checked.acupuncture.term", ...TRIED },
  { concept: "fact.checked.massage.term", ...TRIED },
  { concept: "fact.checked.tens.term", ...TRIED },
  { concept: "fact.checked.nsaid", ...TRIED },
  { concept: "fact.checked.muscle-relaxant-any", ...TRIED },
];

/** The care failed or only partly helped: a failure word, or a tried element followed by a persisting symptom (facts/exam.ts). */
export const CONSERVATIVE_FAILED: EvidenceSpec[] = [
  { concept: "failure", accept: "ever" },
  { concept: "fact.failed-care", ...TRIED },
];
