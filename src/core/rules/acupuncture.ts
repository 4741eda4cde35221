// Acupuncture (acupuncture): MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1
// (adopted 2007). Criteria: ../shared/criteria.md §3.8. Acupressure, cupping and dry needling are
// not acupuncture and never match.
import { abbreviationTerms, AP_ACUPUNCTURE, EA_ELECTROACUPUNCTURE } from "../abbreviations";
import { clauseNear, requestConcept } from "./physical-medicine";
import type { FamilyDef } from "./types";
import { FUNCTIONAL_GAIN_EVER } from "./elements";

const AMTG = "MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1";

export const acupuncture: FamilyDef = {
  service: "acupuncture",
  title: "Acupuncture",
  source: "MTUS Acupuncture Medical Treatment Guidelines (8 CCR 9792.24.1)",
  concepts: [
    {
      id: "acupuncture.term",
      terms: [
        "(?:electro-?)?acupuncture",
        "(?:electro-?)?accupuncture",
        "acupunture",
        "acupunc",
        "acu",
        "9781[0-4]",
      ],
      exactTerms: abbreviationTerms(AP_ACUPUNCTURE, EA_ELECTROACUPUNCTURE),
    },
    requestConcept("acupuncture.request", "acupuncture.term"),
    clauseNear("acupuncture.no-benefit", "pm.no-benefit", "acupuncture.term"),
    {
      id: "acupuncture.meds-reduced",
      terms: [
        "(?:pain )?(?:medications?|meds|analgesics?|opioids?|narcotics?|nsaids?|pain pills)\\s+(?:were |was |have been |has been |are being |is being |to be |will be )?(?:reduced|decreased|tapered|lowered|weaned|not tolerated|poorly tolerated|intolerable|stopped due to side effects)",
        "(?:intoleran(?:t|ce)|allerg(?:ic|y)) (?:of |to )(?:\\w+ ){0,2}(?:medications?|meds|nsaids?|opioids?|analgesics?|anti-?inflammatories)",
        "(?:unable to|cannot|can't|does not|could not) tolerate (?:\\w+ ){0,2}(?:medications?|meds|nsaids?|opioids?|analgesics?|anti-?inflammatories)",
        "(?:reduce|decrease|taper|lower|wean)(?:d|ing)? (?:\\w+ ){0,3}(?:medications?|meds|opioids?|narcotics?|analgesics?|norco|hydrocodone|tramadol|oxycodone)",
        "(?:gi|gastric|stomach) (?:upset|intolerance|bleed\\w*|ulcer\\w*) (?:with|from|on) (?:\\w+ ){0,2}(?:nsaids?|medications?|meds|naproxen|ibuprofen|meloxicam)",
      ],
    },
    {
      id: "acupuncture.adjunct",
      terms: [
        "(?:as an? )?adjunct (?:to|with) (?:\\w+ ){0,3}(?:rehab\\w*|physical therapy|pt|hep|home exercises?|exercise program|exercises?|therapy|surgery|surgical|(?:home|exercise|rehab\\w{0,8}|stretching|strengthening) (?:program|routine))",
        "(?:in conjunction|along|together|combined|concurrent(?:ly)?) with (?:\\w+ ){0,3}(?:rehab\\w*|physical therapy|pt|hep|home exercises?|exercise program|exercises?|active therapy)",
        "to (?:hasten|speed|facilitate|support) (?:\\w+ ){0,2}(?:functional )?(?:recovery|rehab\\w*|return to work)",
      ],
    },
  ],
  request: { concepts: ["acupuncture.request"] },
  criteria: [
    {
      id: "acupuncture.initial-trial",
      title: "Initial trial: 3-6 treatments, 1-3 per week",
      description:
        "The initial trial is 3-6 treatments (the time to produce functional improvement), 1-3 times per week, with an optimum duration of 1-2 months.",
      citation: `${AMTG}(c)(1)`,
      howToDocument: "For a first course, request at most 6 treatments at 1-3 per week, and reassess function before any extension.",
      template: "Acupuncture trial ${1:‹number of visits›} visits, ${2:‹visits per week›}x/wk",
      section: "plan",
      defaultSeverity: "warning",
      when: ["initial"],
      messages: {
        exceeds: "{value} acupuncture treatments requested for an initial trial; the AMTG (8 CCR 9792.24.1(c)(1)) allows 3-6 treatments to show functional improvement.",
      },
      checks: [
        { kind: "limit", fact: "visitsRequested", max: 6, finding: "exceeds" },
        {
          kind: "limit",
          fact: "visitsPerWeek",
          max: 3,
          finding: "exceeds",
          message: "{value} acupuncture treatments per week requested; the AMTG (8 CCR 9792.24.1(c)(1)) sets a frequency of 1-3 times per week.",
        },
      ],
    },
    {
      id: "acupuncture.functional-improvement",
      title: "Extension only with functional improvement",
      description: "Acupuncture may be extended only when functional improvement (8 CCR 9792.20) from the treatments given is documented.",
      citation: `${AMTG}(c)(1); 8 CCR 9792.20(e)`,
      howToDocument: "After the trial: the measured change in an activity, work status or a validated score, and less reliance on other care.",
      template: "After ${1:‹number of visits›} acupuncture visits: ${2:‹functional change: activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "Prior acupuncture is documented without objective functional improvement; the AMTG extends treatment only with functional improvement (8 CCR 9792.20).",
        contradicted: "Prior acupuncture is documented as not helping; the AMTG extends treatment only with functional improvement (8 CCR 9792.20).",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "acupuncture.no-benefit", accept: "ever" },
            // Measured function that did not move after the course (the shared stall fact).
            { concept: "fact.function-stall", accept: "ever", notSections: ["plan"] },
          ],
          satisfied: FUNCTIONAL_GAIN_EVER,
          unless: FUNCTIONAL_GAIN_EVER,
        },
      ],
    },
    {
      id: "acupuncture.indication",
      title: "Indication: medication reduced or not tolerated, or adjunct to rehabilitation",
      description:
        "Acupuncture is an option when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation and/or surgery to hasten functional recovery.",
      citation: `${AMTG}(a)(1)`,
      howToDocument: "State why: pain medication reduced or not tolerated, or the active rehabilitation (HEP, PT) or surgery the acupuncture supports.",
      template: "Acupuncture adjunct to ${1:‹active rehabilitation›}; pain medication ${2|‹medication?›,reduced,not tolerated,unchanged|}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        missing: "No indication for acupuncture is documented: neither reduced or not-tolerated pain medication nor an active rehabilitation program it supports (8 CCR 9792.24.1(a)(1)).",
      },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "an indication",
              any: [
                { concept: "acupuncture.meds-reduced", accept: "planned" },
                { concept: "acupuncture.adjunct", accept: "planned" },
                { concept: "pm.home-exercise", accept: "planned", notSections: ["history"] },
                { concept: "active-therapy", accept: "planned", notSections: ["history"] },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "acupuncture.prior-visit-count",
      title: "Prior treatments completed",
      description: "Before more acupuncture, the note states how many of the authorized treatments were actually completed.",
      citation: `${AMTG}(c)(1)`,
      howToDocument: "Write the count: \"completed 6 of 6 authorized acupuncture visits\".",
      template: "Completed ${1:‹number›} of ${2:‹number authorized›} authorized acupuncture visits",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "Prior acupuncture is documented without the number of treatments completed; reviewers need it to judge an extension (8 CCR 9792.24.1(c)(1)).",
      },
      checks: [{ kind: "require", elements: [{ label: "the number of treatments completed", any: [], facts: ["priorCount"] }] }],
    },
  ],
};
