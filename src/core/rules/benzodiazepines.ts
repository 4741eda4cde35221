// Benzodiazepines (benzodiazepines): MTUS CPMTG 2009 p.24 (seed 004).
import { BENZO_DRUGS, drugFamily } from "../lexicon";
import type { FamilyDef } from "./types";

const P24 = "MTUS CPMTG 2009, Benzodiazepines, p.24";

const drugs = drugFamily(BENZO_DRUGS);

export const benzodiazepines: FamilyDef = {
  service: "benzodiazepines",
  title: "benzodiazepine",
  source: "MTUS Chronic Pain Medical Treatment Guidelines (2009), Benzodiazepines p.24",
  concepts: [
    ...drugs.concepts,
    {
      id: "benzo.indication",
      terms: [
        "(?:for|indication:?|indicated for|to treat|treating)\\s+(?:\\w+\\s+){0,2}?(?:panic(?: attacks| disorder)?|anxiety disorder|generalized anxiety|gad|acute anxiety|muscle spasm|spasticity|seizures?|alcohol withdrawal|ptsd|agitation)",
        "gad-?7(?:\\s{1,2}(?:score|today|of|was|is|at|now)|\\s{0,2}[:=]){0,3}\\s{0,2}\\d{1,2}",
        "(?:panic disorder|generalized anxiety disorder|anxiety disorder)(?: diagnosed| managed) by",
        "managed by psychiatry",
      ],
    },
    {
      // An anxiety or panic diagnosis stated as the clinician's own (assessment or history), not a ROS line.
      id: "benzo.diagnosis",
      terms: [
        "panic (?:attacks?|disorder)",
        "generali[sz]ed anxiety disorder",
        "acute stress (?:disorder|reaction)",
        "ptsd",
        "post-?traumatic stress(?: disorder)?",
        "anxiety disorder",
        "f4[0-3]\\.\\d{1,2}",
        "f41\\.[01]",
      ],
    },
    {
      id: "benzo.stop-plan",
      terms: [
        "taper(?:ing|ed)?(?: off| schedule| plan| by)?",
        "wean(?:ing)?(?: off)?",
        "short[- ]term(?: course| use)?",
        "short course",
        "(?:then |and )?stop(?:ping)?(?: after| by)",
        "discontinue (?:after|by|in)",
        "(?:x|for)\\s*(?:\\d|one|two|three|four)\\s*(?:d|days?|wks?|weeks?)",
        "no refills",
        "started \\S+",
      ],
    },
    {
      id: "benzo.coprescription-plan",
      terms: [
        "risks? (?:of (?:concurrent|combined|co-?)?\\w*\\s*)?(?:were |was )?(?:discussed|reviewed|explained)",
        "(?:discussed|reviewed|counsel(?:ed|ing) (?:on|about)) (?:the )?risks?",
        "naloxone",
        "narcan",
        "taper(?:ing|ed)?(?: plan| schedule)?",
        "wean(?:ing)?",
        "boxed warning",
        "justif(?:ied|ication)",
      ],
    },
  ],
  request: {
    concepts: [],
    drugs: drugs.drugs,
  },
  criteria: [
    {
      id: "benzo.short-term",
      title: "Short-term use only (4 weeks)",
      description:
        "Not recommended for long-term use because long-term efficacy is unproven and there is a risk of dependence; most guidelines limit use to 4 weeks.",
      citation: P24,
      howToDocument: "Give the start date and the stop or taper date, within 4 weeks; a continued or refilled benzodiazepine is long-term use.",
      template: "${1:‹drug›} started ${2:‹date›}; stop or taper by ${3:‹date›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      messages: {
        missing: "No start date or stop/taper plan for {drug}; MTUS limits benzodiazepines to short-term use (4 weeks).",
      },
      checks: [
        {
          kind: "flag",
          condition: "in-use",
          finding: "exceeds",
          message: "{drug} is continued from prior use; MTUS does not recommend benzodiazepines long-term (most guidelines limit use to 4 weeks).",
        },
        {
          kind: "limit",
          fact: "daysSupply",
          max: 28,
          finding: "exceeds",
          message: "The {drug} quantity is a {value}-day supply; MTUS limits benzodiazepines to 4 weeks.",
        },
        {
          kind: "require",
          elements: [{ label: "stop plan", any: [{ concept: "benzo.stop-plan", accept: "planned", linkedToRequest: true }], facts: ["daysSupply"] }],
        },
      ],
    },
    {
      id: "benzo.indication",
      title: "Specific indication, and benefit from prior use",
      description:
        "A specific documented indication; for continued use, objective functional benefit from prior use (an antidepressant is preferred for anxiety disorders).",
      citation: `${P24}; 8 CCR 9792.20(e)`,
      howToDocument: "State what the benzodiazepine treats (e.g. panic disorder, GAD-7 score, who manages it) and, if continued, the objective benefit from prior use. A positive ROS line does not count.",
      template: "Indication: ${1:‹condition treated and who manages it›}; with prior use: ${2:‹objective benefit›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      messages: { missing: "No documented indication for {drug} or objective benefit from its prior use; MTUS requires a specific indication." },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "indication",
              any: [
                { concept: "benzo.indication", accept: "ever", notSections: ["ros"] },
                { concept: "benzo.diagnosis", sections: ["assessment", "subjective"] },
              ],
            },
          ],
        },
        {
          // Continuation: objective benefit from the prior use (§2.1), never another person's impression alone.
          kind: "require",
          when: ["in-use"],
          elements: [{ label: "objective benefit from prior use", any: [{ concept: "fact.function-gain", notSections: ["history"] }] }],
          message:
            "{drug} is continued without objective benefit from its prior use (fewer attacks, a function or work-status gain); MTUS p.24 and 8 CCR 9792.20 require it for continuation.",
        },
      ],
    },
    {
      id: "benzo.opioid-coprescription",
      title: "Benzodiazepine with an opioid: risk discussion or taper",
      description:
        "Concurrent benzodiazepine and opioid prescribing carries an FDA boxed warning; document the justification, the risk discussion, naloxone or a taper plan.",
      citation: "FDA boxed warning, 31 Aug 2016; CDC 2016 recommendation 11",
      howToDocument: "When an opioid is also prescribed: the risk discussion, naloxone, or a taper plan.",
      template: "Concurrent opioid and benzodiazepine: ${1:‹risk discussion, naloxone or taper plan›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      when: ["with-opioid"],
      effectiveFrom: "2016-08-31",
      messages: { contradicted: "{drug} is prescribed with an opioid without a documented risk discussion, naloxone or taper plan (FDA boxed warning)." },
      checks: [
        {
          kind: "flag",
          condition: "with-opioid",
          finding: "contradicted",
          unless: [{ concept: "benzo.coprescription-plan", accept: "planned" }],
        },
      ],
    },
  ],
};
