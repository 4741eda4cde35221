// Chiropractic / manipulation (chiro): MTUS CPMTG 2009, Manual therapy & manipulation p.58-60.
// Criteria: ../shared/criteria.md §3.9. The statutory cap (Labor Code 4604.5(c)(1): 24 chiropractic
// visits per injury, separate from PT's 24) is above the guideline's 18, so the 18-visit limit governs.
import { abbreviationTerms, CMT_CHIRO } from "../abbreviations";
import { clauseNear, requestConcept } from "./physical-medicine";
import type { FamilyDef } from "./types";
import { FUNCTIONAL_GAIN_EVER } from "./elements";

const P58 = "MTUS CPMTG 2009, Manual therapy & manipulation, p.58-59";

export const chiro: FamilyDef = {
  service: "chiro",
  title: "Chiropractic manipulation",
  source: "MTUS CPMTG 2009, Manual therapy & manipulation p.58-60",
  concepts: [
    {
      id: "chiro.term",
      terms: [
        "chiropractic(?: (?:care|treatments?|therapy|manipulation|adjustments?|visits?|sessions?))?",
        "chiro",
        "chiropractor",
        "spinal manipulation",
        "spinal manipulative (?:therapy|treatment)",
        "(?:osteopathic )?manipulative (?:therapy|treatment)",
        "(?:spinal|chiropractic|chiro) adjustments?",
        "smt",
        "omt",
        "9894[0-3]",
        "9892[5-9]",
      ],
      exactTerms: abbreviationTerms(CMT_CHIRO),
    },
    requestConcept("chiro.request", "chiro.term"),
    clauseNear("chiro.no-benefit", "pm.no-benefit", "chiro.term"),
    // A region anywhere in the request's own clause ("... to the neck, mid back and left knee").
    clauseNear("chiro.excluded-near", "chiro.excluded-region", "chiro.request", 200),
    // A plan item that continues the previous one ("then back to visits every other week").
    { id: "chiro.continuation", terms: ["thereafter", "then resume", "resume", "after (?:that|this|the flare)", "afterwards?", "followed by"] },
    {
      id: "chiro.maintenance",
      terms: [
        "maintenance (?:care|treatments?|therapy|visits?|adjustments?|chiropractic|chiro|program|plan)",
        "wellness (?:care|visits?|adjustments?|plan)",
        "supportive care",
        "preventive (?:care|adjustments?|visits?|maintenance)",
        "elective (?:care|maintenance|adjustments?)",
        "monthly (?:adjustments?|visits?|chiropractic|chiro|manipulations?|tune-?ups?)",
        "(?:adjustments?|visits?|manipulations?) (?:once )?(?:a|per|every) month",
        "to maintain (?:\\w+ ){0,2}(?:function|status|improvement|gains|alignment|progress)",
        "as needed (?:for )?maintenance",
      ],
    },
    { id: "chiro.flare", terms: ["flare(?:[- ]?ups?)?", "exacerbation", "recurrence", "re-?injury", "re-?aggravation"] },
    {
      id: "chiro.rtw",
      terms: [
        "return(?:ed|ing)? to (?:full |regular |modified |light |usual )?(?:work|duty)",
        "rtw",
        "back to work",
        "working (?:full|regular|modified|light) duty",
        "full duty",
      ],
    },
    {
      id: "chiro.excluded-region",
      terms: [
        "ankles?",
        "foot",
        "feet",
        "carpal tunnel(?: syndrome)?",
        "cts",
        "forearms?",
        "wrists?",
        "hands?",
        "fingers?",
        "knees?",
        "g56\\.0\\d?",
      ],
    },
  ],
  request: { concepts: ["chiro.request"] },
  criteria: [
    {
      id: "chiro.trial",
      title: "Trial of 6 visits over 2 weeks",
      description: "Low back: a first course is a trial of 6 visits over 2 weeks.",
      citation: P58,
      howToDocument: "For a first course, request at most 6 visits over 2 weeks and name the region; reassess function before more.",
      template: "Chiro trial ${1:‹number of visits›} visits / ${2:‹weeks›} wk, ${3:‹region›}",
      section: "plan",
      defaultSeverity: "warning",
      when: ["initial"],
      messages: {
        exceeds: "{value} chiropractic visits requested as a first course; CPMTG 2009 p.58-59 supports a trial of 6 visits over 2 weeks.",
      },
      checks: [{ kind: "limit", fact: "visitsRequested", max: 6, finding: "exceeds" }],
    },
    {
      id: "chiro.functional-improvement",
      title: "More visits only with functional improvement, up to 18",
      description: "With objective functional improvement after the trial, up to 18 visits in total over 6-8 weeks.",
      citation: `${P58}; 8 CCR 9792.20(e)`,
      howToDocument: "After the trial: visits completed and the measured functional gain; keep the total at 18 or fewer.",
      template: "After ${1:‹number of visits›} visits: ${2:‹functional change: activity before → now›}; request ${3:‹number›} more",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "Prior chiropractic care is documented without objective functional improvement; CPMTG 2009 p.58-59 continues care only with it.",
        contradicted: "Prior chiropractic care is documented as not helping; CPMTG 2009 p.58-59 continues care only with objective functional improvement.",
        exceeds: "{value} chiropractic visits in total with those already given; CPMTG 2009 p.58-59 allows up to 18 visits over 6-8 weeks.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [
            { concept: "chiro.no-benefit", accept: "ever" },
            // Measured function that did not move after the course (the shared stall fact).
            { concept: "fact.function-stall", accept: "ever", notSections: ["plan"] },
          ],
          satisfied: FUNCTIONAL_GAIN_EVER,
          unless: FUNCTIONAL_GAIN_EVER,
        },
        { kind: "limit", fact: "visitsTotal", max: 18, finding: "exceeds" },
        {
          kind: "limit",
          fact: "priorCount",
          max: 17,
          finding: "exceeds",
          message: "{value} chiropractic visits have already been given; CPMTG 2009 p.58-59 allows up to 18 visits over 6-8 weeks.",
        },
      ],
    },
    {
      id: "chiro.no-maintenance",
      title: "No elective or maintenance care",
      description: "Elective or maintenance care is not medically necessary.",
      citation: P58,
      howToDocument: "Describe the care as therapeutic: the functional goal and the deficit it addresses, not maintenance.",
      template: "${1|‹care type?›,Therapeutic (not maintenance) care,Maintenance care|}; goal ${2:‹functional goal and deficit addressed›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: { contradicted: "Chiropractic care is requested as maintenance or elective care; CPMTG 2009 p.58-59 finds it not medically necessary." },
      checks: [
        {
          kind: "forbid",
          evidence: [
            { concept: "chiro.maintenance", accept: "planned", near: { concept: "chiro.term", within: "block", accept: "planned" } },
            { concept: "chiro.maintenance", accept: "planned", sections: ["plan"], near: { concept: "chiro.continuation", within: "sentence", accept: "planned" } },
          ],
          finding: "contradicted",
        },
      ],
    },
    {
      id: "chiro.flare-up",
      title: "Flare-up: prior success, 1-2 visits",
      description:
        "For a recurrence or flare-up: re-evaluate the success of the prior course; if return to work was achieved, 1-2 visits every 4-6 months.",
      citation: P58,
      howToDocument: "Date the flare, state what the prior course achieved (return to work, functional gain) and request 1-2 visits.",
      template: "Flare ${1:‹date›}; prior course restored ${2:‹function or work status›}; ${3:‹number of visits›} visits",
      section: "plan",
      defaultSeverity: "warning",
      when: ["prior", "current:chiro.flare"],
      messages: {
        missing: "Chiropractic care for a flare-up is requested without the result of the prior course (return to work or functional gain); CPMTG 2009 p.58-59 requires it.",
        exceeds: "{value} chiropractic visits requested for a flare-up; CPMTG 2009 p.58-59 supports 1-2 visits every 4-6 months after a successful course.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "the prior course's result",
              any: [
                { concept: "chiro.rtw", accept: "ever" },
                { concept: "functional-improvement", accept: "ever" },
                { concept: "pm.objective-gain", accept: "ever" },
              ],
            },
          ],
        },
        { kind: "limit", fact: "visitsRequested", max: 2, finding: "exceeds" },
      ],
    },
    {
      id: "chiro.body-region",
      title: "Not for ankle/foot, carpal tunnel, forearm/wrist/hand or knee",
      description: "Manipulation is not recommended for the ankle and foot, carpal tunnel syndrome, the forearm, wrist and hand, or the knee.",
      citation: P58,
      howToDocument: "Name a region where manipulation is supported (low back, neck) in the request line.",
      template: "Region: ${1:‹region›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        contradicted: "Chiropractic manipulation is requested for the ankle/foot, carpal tunnel, forearm/wrist/hand or knee; CPMTG 2009 p.58-59 does not recommend it there.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [
            { concept: "chiro.excluded-near", accept: "planned", inRequest: true },
          ],
          finding: "contradicted",
        },
      ],
    },
  ],
};
