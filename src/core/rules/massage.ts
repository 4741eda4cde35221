// Massage therapy (massage): MTUS CPMTG 2009 p.60 (seed 002).
import type { FamilyDef } from "./types";
import { BODY_PART_AND_DIAGNOSIS } from "./elements";

/**
 * §1 (Dec 2026): the diagnosis may stand in the assessment (matching the request's region, or the
 * note's only diagnosis) rather than on the request line; the body part stays the request's.
 */
const BODY_PART_AND_DIAGNOSIS_1 = BODY_PART_AND_DIAGNOSIS.map((el) =>
  el.label === "the diagnosis"
    ? { ...el, any: [...el.any, { concept: "icd10", accept: "ever" as const, sections: ["assessment" as const] }] }
    : el,
);

const P60 = "MTUS CPMTG 2009, Massage therapy, p.60";

export const massage: FamilyDef = {
  service: "massage",
  title: "Massage therapy",
  source: "MTUS Chronic Pain Medical Treatment Guidelines (2009), Massage therapy p.60",
  concepts: [
    {
      id: "massage.term",
      terms: ["massage(?: therapy)?", "message therapy", "lmt", "soft[- ]tissue mobili[sz]ation", "stm", "97124"],
    },
    { id: "massage.passive-only", terms: ["massage (?:therapy )?(?:only|alone)", "(?:as the )?(?:sole|only) (?:treatment|therapy)", "passive (?:care|therapy|modalities) only"] },
  ],
  request: { concepts: ["massage.term"] },
  criteria: [
    {
      id: "massage.adjunct-to-active",
      title: "Adjunct to active therapy",
      description:
        "Massage is recommended only as an adjunct to other recommended treatment (exercise, active therapy); passive care alone is not supported, least of all in chronic pain.",
      citation: `${P60}; ACOEM ch.12 p.300`,
      howToDocument: "Name the concurrent active program (home exercise program, active PT) that the massage supports.",
      template: "Massage as adjunct to ${1:‹active program: PT or home exercise›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        missing: "No concurrent active therapy (home exercise, active PT) accompanies the massage request; MTUS supports massage only as an adjunct.",
        contradicted: "Massage is requested as the only treatment; MTUS supports it only as an adjunct to active therapy.",
      },
      checks: [
        { kind: "forbid", evidence: [{ concept: "massage.passive-only", accept: "planned" }], finding: "contradicted" },
        {
          kind: "require",
          elements: [{ label: "active therapy", any: [{ concept: "active-therapy", accept: "planned", notSections: ["history"] }] }],
        },
      ],
    },
    {
      id: "massage.visit-limit",
      title: "4-6 visits",
      description: "Massage should be limited to 4-6 visits in most cases.",
      citation: P60,
      howToDocument: "Request at most 6 visits, counting visits already given.",
      template: "Massage ${1:‹number of visits›} visits over ${2:‹weeks›} wk",
      section: "plan",
      defaultSeverity: "warning",
      messages: { exceeds: "{value} massage visits requested or given in total; MTUS limits massage to 4-6 visits in most cases." },
      checks: [
        { kind: "limit", fact: "visitsRequested", max: 6, finding: "exceeds", message: "{value} massage visits requested; MTUS limits massage to 4-6 visits in most cases." },
        {
          kind: "limit",
          fact: "visitsTotal",
          max: 6,
          finding: "exceeds",
          message: "{value} massage visits with those already given; MTUS limits massage to 4-6 visits in most cases.",
        },
      ],
    },
    {
      id: "massage.diagnosis-and-body-part",
      title: "Diagnosis and body part named",
      description: "The request names the body part treated and the diagnosis; the allowance depends on them.",
      citation: `DWC Form RFA, 8 CCR 9785.5 (a diagnosis for each requested treatment); ${P60}`,
      howToDocument: "In the request line: the region (e.g. lumbar paraspinals) and the diagnosis with its ICD-10 code.",
      template: "Massage to ${1:‹body part›} for ${2:‹diagnosis›} (${3:‹ICD-10 code›})",
      section: "plan",
      defaultSeverity: "info",
      messages: { missing: "The massage request does not name {elements}; reviewers need the body part and diagnosis to apply the 4-6 visit allowance." },
      checks: [
        {
          kind: "require",
          elements: BODY_PART_AND_DIAGNOSIS_1,
        },
      ],
    },
    {
      id: "massage.prior-response",
      title: "Prior massage: visits and functional improvement",
      description: "If massage was given before: the number of prior visits and the objective functional improvement from them.",
      citation: `${P60}; 8 CCR 9792.20(e)`,
      howToDocument: "Give the number of prior massage visits and the objective functional gain they produced.",
      template: "Prior massage ${1:‹number of visits›} visits: ${2:‹functional change: activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: { missing: "Prior massage is documented without {elements}; more massage needs objective functional improvement from it." },
      checks: [
        {
          kind: "limit",
          fact: "priorCount",
          max: 5,
          finding: "exceeds",
          message: "{value} massage visits have already been given; MTUS supports 4-6 visits in most cases.",
        },
        {
          kind: "require",
          elements: [{ label: "functional improvement", any: [{ concept: "functional-improvement", accept: "ever" }] }],
        },
      ],
    },
  ],
};
