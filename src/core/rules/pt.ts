// Physical therapy (pt): MTUS CPMTG 2009, Physical medicine p.98-99; the statutory 24-visit cap of
// Labor Code 4604.5(c)(1). Criteria: ../shared/criteria.md §3.7. Post-operative PT follows the
// Postsurgical Treatment Guidelines (8 CCR 9792.24.3), so the allowances here do not apply to it.
import { abbreviationTerms, PT_THERAPY, PT_THERAPY_LOWER } from "../abbreviations";
import { clauseNear, PHYSICAL_MEDICINE_CONCEPTS, requestConcept } from "./physical-medicine";
import type { FamilyDef } from "./types";
import { BODY_PART_AND_DIAGNOSIS, FUNCTIONAL_GAIN_EVER } from "./elements";

/**
 * §1 (Dec 2026): the diagnosis may stand in the assessment (matching the request's region, or the
 * note's only diagnosis) rather than on the request line; the body part stays the request's.
 */
const BODY_PART_AND_DIAGNOSIS_1 = BODY_PART_AND_DIAGNOSIS.map((el) =>
  el.label === "the diagnosis"
    ? { ...el, any: [...el.any, { concept: "icd10", accept: "ever" as const, sections: ["assessment" as const] }] }
    : el,
);

const P99 = "MTUS CPMTG 2009, Physical medicine, p.98-99";
const CAP = "Labor Code 4604.5(c)(1)";
/** The cap applies to injuries on or after 1 Jan 2004 (a known earlier DOI lifts it). */
const CAP_APPLIES = "not:injury-before:2004-01-01" as const;

export const pt: FamilyDef = {
  service: "pt",
  title: "Physical therapy",
  source: "MTUS CPMTG 2009, Physical medicine p.98-99; Labor Code 4604.5(c)(1)",
  concepts: [
    ...PHYSICAL_MEDICINE_CONCEPTS,
    {
      id: "pt.term",
      terms: [
        "physical therapy",
        "physiotherapy",
        "physio",
        "p\\.t\\.",
        "aquatic (?:physical )?therapy",
        "aqua ?therapy",
        "pool therapy",
        "land[- ]based (?:physical )?therapy",
        "work conditioning",
        "work hardening",
        "9716[1-3]",
        "97110",
        "97112",
        "97530",
        "97035",
      ],
      exactTerms: abbreviationTerms(PT_THERAPY, PT_THERAPY_LOWER),
    },
    requestConcept("pt.request", "pt.term"),
    clauseNear("pt.no-benefit", "pm.no-benefit", "pt.term"),
    {
      id: "pt.post-op",
      terms: [
        "post-?op(?:erative(?:ly)?)?",
        "post-?surgical",
        "after (?:(?!failed\\b)\\w+ ){0,3}surgery",
        "(?:s\\/p|status post) (?:\\w+ ){0,4}(?:repair|reconstruction|arthroscopy|fusion|replacement|arthroplasty|release|decompression|discectomy|laminectomy|orif|surgery)",
      ],
    },
    {
      id: "pt.crps",
      terms: ["crps(?: i{1,2}| type (?:1|2|i{1,2}))?", "complex regional pain syndrome", "reflex sympathetic dystrophy", "rsd", "g90\\.5\\d{0,2}"],
    },
  ],
  request: { concepts: ["pt.request"] },
  criteria: [
    {
      id: "pt.visit-limit",
      title: "Visits within the diagnosis allowance and the 24-visit cap",
      description:
        "Visits within the allowance for the diagnosis, with frequency fading from up to 3 per week to 1 or less plus home exercise: myalgia/myositis 9-10 visits over 8 weeks; neuralgia/neuritis/radiculitis 8-10 over 4 weeks; CRPS 24 over 16 weeks. For injuries from 1 Jan 2004, Labor Code 4604.5(c)(1) caps PT at 24 visits per injury unless the employer authorizes more in writing (post-operative PT under the Postsurgical Treatment Guidelines is exempt).",
      citation: `${P99}; ${CAP}`,
      howToDocument:
        "State the visits requested as frequency × weeks (at most 3 per week, fading), the visits already given for this injury, and the diagnosis that sets the allowance; past 24 visits, the employer's written authorization.",
      template: "PT ${1:‹visits per week›}x/wk x ${2:‹weeks›} wk (${3:‹total visits›} visits); visits so far for this injury: ${4:‹number›}",
      section: "plan",
      defaultSeverity: "warning",
      when: ["not:requested:pt.post-op"],
      messages: {
        exceeds:
          "{value} PT visits requested; CPMTG 2009 p.99 allows 9-10 visits (myalgia/myositis, over 8 weeks) or 8-10 (neuralgia/neuritis/radiculitis, over 4 weeks).",
      },
      checks: [
        {
          kind: "limit",
          fact: "visitsRequested",
          max: 10,
          finding: "exceeds",
          unless: [{ concept: "pt.crps", accept: "ever" }],
        },
        {
          kind: "limit",
          fact: "visitsRequested",
          max: 24,
          finding: "exceeds",
          message: "{value} PT visits requested; CPMTG 2009 p.99 allows at most 24 visits over 16 weeks, for CRPS.",
        },
        {
          kind: "limit",
          fact: "visitsPerWeek",
          max: 3,
          finding: "exceeds",
          message: "{value} PT visits per week requested; CPMTG 2009 p.99 fades frequency from up to 3 visits per week to 1 or less plus home exercise.",
        },
        {
          kind: "limit",
          fact: "visitsTotal",
          max: 24,
          finding: "exceeds",
          when: [CAP_APPLIES],
          unless: [{ concept: "pm.cap-waiver", accept: "ever" }],
          message:
            "{value} PT visits for this injury with those already given; Labor Code 4604.5(c)(1) caps PT at 24 visits per injury (injuries from 1 Jan 2004) without the employer's written authorization.",
        },
        {
          kind: "limit",
          fact: "priorCount",
          max: 23,
          finding: "exceeds",
          when: [CAP_APPLIES],
          unless: [{ concept: "pm.cap-waiver", accept: "ever" }],
          message:
            "{value} PT visits have already been given; Labor Code 4604.5(c)(1) caps PT at 24 visits per injury (injuries from 1 Jan 2004) without the employer's written authorization.",
        },
        {
          // After the statutory cap (its finding is the graver one), §1: visits already done in the course count with the requested ones against the diagnosis allowance.
          kind: "limit",
          fact: "visitsInCourse",
          max: 10,
          finding: "exceeds",
          unless: [{ concept: "pt.crps", accept: "ever" }],
          message:
            "{value} PT visits with those already given in this course; CPMTG 2009 p.99 allows 9-10 visits (myalgia/myositis, over 8 weeks) or 8-10 (neuralgia/neuritis/radiculitis, over 4 weeks).",
        },
      ],
    },
    {
      id: "pt.prior-functional-improvement",
      title: "Prior PT: visits completed and objective gains",
      description:
        "For more PT: the number of visits already completed and the objective gains from them (range of motion, strength, ADLs, work status).",
      citation: `${P99}; 8 CCR 9792.20(e)`,
      howToDocument: "Give the number of PT visits completed and the measured gains: ROM in degrees, strength grades, ADL or work-status change.",
      template: "Completed ${1:‹number of visits›} PT visits: ${2:‹measured gains: ROM, strength, ADL›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "Prior PT is documented without {elements}; more PT needs the visits completed and objective functional improvement from them.",
        contradicted: "Prior PT is documented as not helping or plateaued; more PT is not supported without objective functional improvement.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "pt.no-benefit", accept: "ever" },
            // Measured function that did not move after the course ("lift 10 lb → 10 lb").
            { concept: "fact.function-stall", accept: "ever", notSections: ["plan"] },
          ],
          satisfied: [],
          unless: [...FUNCTIONAL_GAIN_EVER, { concept: "fact.function-gain", accept: "ever" }],
          whenUnaddressed: "nothing",
        },
        {
          kind: "require",
          elements: [
            { label: "the number of visits completed", any: [], facts: ["priorCount"] },
            {
              label: "objective gains",
              any: [
                { concept: "functional-improvement", accept: "ever" },
                { concept: "pm.objective-gain", accept: "ever" },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "pt.diagnosis-and-body-part",
      title: "Diagnosis and body part named",
      description: "The PT request names the body part treated and the diagnosis; the visit allowance depends on them.",
      citation: `DWC Form RFA, 8 CCR 9785.5 (a diagnosis for each requested treatment); ${P99} (allowances by diagnosis)`,
      howToDocument: "In the request line: the body part (e.g. lumbar spine, left shoulder) and the diagnosis with its ICD-10 code.",
      template: "PT for ${1:‹body part›}, ${2:‹diagnosis›} (${3:‹ICD-10 code›})",
      section: "plan",
      defaultSeverity: "info",
      messages: { missing: "The PT request does not name {elements}; reviewers need the body part and diagnosis to apply the visit allowance." },
      checks: [
        {
          kind: "require",
          elements: BODY_PART_AND_DIAGNOSIS_1,
        },
      ],
    },
    {
      id: "pt.home-exercise",
      title: "Transition to a home exercise program",
      description: "Therapy fades to an active, self-directed home exercise program.",
      citation: P99,
      howToDocument: "Name the home exercise program and when the patient moves to it (or that the patient is independent with it).",
      template: "HEP: ${1:‹program›}; transition after ${2:‹number of visits›} visits",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        missing: "No home exercise program or transition to one is documented; CPMTG 2009 p.98-99 expects PT to fade into self-directed home exercise.",
        contradicted: "The patient is documented as not doing the home exercise program; CPMTG 2009 p.98-99 expects PT to fade into self-directed home exercise.",
      },
      checks: [
        {
          kind: "assess",
          // Not done: the phrases of pm.hep-not-done, or any mention of the program read as negated
          // in its clause or its field ("HEP: not doing his home program", "home exercises: none").
          contradicted: [{ concept: "pm.hep-not-done" }, { concept: "pm.home-exercise", accept: "negated", notSections: ["plan"] }],
          satisfied: [{ concept: "pm.home-exercise", accept: "planned" }],
        },
      ],
    },
    {
      id: "pt.functional-deficit",
      title: "Current objective functional deficit",
      description:
        "Skilled PT needs a current, objective functional deficit (an ADL or work limitation on measurable testing) that therapy is expected to improve; pain alone does not count.",
      citation: `${P99}; 8 CCR 9792.20(e)`,
      howToDocument: "Record the measured deficit: ROM in degrees, strength grade, a lifting or tolerance limit, a score, or a work restriction, with the goal.",
      template: "Deficit: ${1:‹measured limit›}; goal ${2:‹target›} in ${3:‹weeks›} wk",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        missing: "No current objective functional deficit (ROM, strength, lifting or tolerance limit, work restriction) is documented for PT to address.",
        contradicted: "The note documents no remaining functional deficit (independent with ADLs or full duty without limits); skilled PT is not supported.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "pm.no-deficit" }],
          satisfied: [{ concept: "pm.deficit" }],
          unless: [{ concept: "pm.deficit" }],
        },
      ],
    },
  ],
};
