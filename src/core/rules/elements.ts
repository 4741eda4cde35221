// Evidence building blocks that several families declare the same way.
import type { Element, EvidenceSpec } from "./types";

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
