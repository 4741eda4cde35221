// TENS (tens): MTUS CPMTG 2009, Transcutaneous electrotherapy p.113-117 (criteria p.116).
// Criteria: ../shared/criteria.md §3.17. Interferential (p.118-120), H-wave (p.117-118) and NMES
// (p.121) have their own criteria and are not TENS here.
import { requestConcept } from "./physical-medicine";
import type { FamilyDef } from "./types";

const P116 = "MTUS CPMTG 2009, TENS, p.113-117 (criteria p.116)";

export const tens: FamilyDef = {
  service: "tens",
  title: "TENS unit",
  source: "MTUS CPMTG 2009, Transcutaneous electrotherapy (TENS) p.113-117",
  concepts: [
    requestConcept("tens.request", "tens.term"),
    {
      id: "tens.term",
      terms: [
        "tens unit",
        "t\\.e\\.n\\.s\\.?",
        "transcutaneous electrical? nerve stimulat(?:ion|or|ing)(?: unit)?",
        "e-?stim(?:ulation)? unit",
        "combo(?:-| )unit",
        "e0720",
        "e0730",
        "a4595",
      ],
      exactTerms: ["TENS", "Tens(?= unit)"],
    },
    { id: "tens.purchase", terms: ["purchase", "buy", "to own", "dme purchase", "(?:for )?home (?:use )?purchase"] },
    {
      id: "tens.rental",
      terms: [
        "rent(?:al|ed|ing)?",
        "loaner",
        "(?:for|as) (?:an? |the )?(?:\\d{1,2}[- ]days? |one[- ]month |1[- ]month |home )?trial",
        "trial (?:rental|period|unit|of (?:the |a )?(?:tens|unit))",
        "tens (?:unit )?trial",
        "home trial",
      ],
    },
    {
      id: "tens.trial-done",
      terms: [
        "(?:one|1|30)[- ](?:month|day)s? (?:home )?(?:tens )?(?:trial|rental)",
        "(?:tens )?(?:trial|rental) (?:from|of|for|x|lasting) (?:\\w+ ){0,2}(?:one|1|30|four|4)[- ]?(?:months?|days?|weeks?)",
        "(?:trial|rental) (?:was |has been )?completed",
        "(?:completed|finished|after|during) (?:the |a |her |his )?(?:\\w+ ){0,2}(?:tens )?(?:trial|rental)",
        "trialed (?:a |the )?tens",
      ],
    },
    {
      id: "tens.usage",
      terms: [
        // A count or a range of counts: "3x/day", "2-3 times a day".
        "used? (?:it |the unit |the tens(?: unit)? |tens )?(?:\\d{1,2}(?:\\s?[-–]\\s?\\d{1,2})?|one|two|three|four)\\s*(?:x|times)\\s*(?:a|per|\\/)\\s*day",
        "used? (?:it |the unit |the tens(?: unit)? |tens )?(?:daily|nightly|twice daily|every day)",
        "used? (?:it |the unit |the tens(?: unit)? |tens )?(?:for )?\\d{1,3}(?:\\s?[-–]\\s?\\d{1,3})?\\s*(?:min(?:ute)?s?|hours?|hrs?)(?: (?:a|per) day| daily| each time| per session)?",
        "(?:usage|use) (?:log|record|diary)",
        "(?:use |usage )?(?:log|diary) (?:was |were )?reviewed",
        "(?:log|diary) (?:of|shows) (?:\\w+ ){0,2}use",
        "(?:\\d{1,2}|one|two|three) sessions? (?:a|per) day",
      ],
    },
    {
      id: "tens.outcome",
      terms: [
        "(?:pain|vas|nrs)\\s*(?:score\\s*)?(?:(?:decreased|reduced|improved|went|dropped|down)\\s*)?(?:from\\s*)?\\d{1,2}(?:\\s*\\/\\s*10)?\\s*(?:to|→|->)\\s*\\d{1,2}(?:\\s*\\/\\s*10)?",
        "\\d{1,2}\\s*\\/\\s*10\\s*(?:→|->|to)\\s*\\d{1,2}\\s*\\/\\s*10",
        "\\d{1,3}\\s*%\\s*(?:pain\\s*)?(?:relief|reduction|improvement|decrease)",
      ],
    },
    {
      id: "tens.qualifying",
      terms: [
        "neuropath(?:y|ic)(?: pain)?",
        "(?:diabetic )?peripheral neuropathy",
        "dpn",
        "post-?herpetic neuralgia",
        "phn",
        "crps(?: ii| 2| type (?:ii|2))?",
        "complex regional pain syndrome",
        "phantom limb(?: pain)?",
        "spasticity",
        "multiple sclerosis",
        "spinal cord injury",
        "g90\\.5\\d{0,2}",
        "e11\\.4\\d{0,2}",
        "b02\\.2\\d{0,2}",
      ],
    },
    {
      id: "tens.sole",
      terms: [
        "(?:as (?:the |a )?)?(?:sole|only|primary|stand-?alone) (?:treatment|therapy|modality|intervention)",
        "(?:instead of|in place of|rather than) (?:\\w+ ){0,2}(?:exercise|physical therapy|pt|hep|rehab\\w*|active therapy)",
      ],
    },
    {
      id: "tens.goals",
      terms: [
        "short[- ]term goals?",
        "long[- ]term goals?",
        "(?:treatment |functional |tens )?goals?\\s*(?:of (?:the )?tens(?: unit)?\\s*)?:",
        "goals? (?:are|is|include) to",
        // A goals label in any form ("Goals for the trial unit:", "Long-term (3 months):").
        "goals?(?: [a-z]{1,10}){0,4}\\s{0,2}:",
        "(?:short|long)[- ]term\\s{0,2}(?:\\([^()\\n]{1,20}\\))?\\s{0,2}:",
      ],
    },
    { id: "tens.four-lead", terms: ["e0730", "(?:4|four)\\+?[- ]?(?:or more )?leads?", "(?:4|four)[- ]channel", "dual[- ]channel"] },
    {
      id: "tens.four-lead-reason",
      terms: [
        "(?:because|due to|for|as|given)\\s+(?:\\w+\\s+){0,4}?(?:two|2|multiple|both|bilateral|separate)\\s+(?:\\w+\\s+){0,2}?(?:regions?|areas?|sites?|sides|extremities|limbs)",
        "(?:4|four)[- ]lead (?:unit )?(?:is |was )?(?:needed|required|necessary|justified)",
      ],
    },
  ],
  request: { concepts: ["tens.request"] },
  criteria: [
    {
      id: "tens.one-month-trial",
      title: "One-month home trial before purchase",
      description:
        "Before purchase: a documented one-month home trial (rental preferred) as an adjunct within a functional restoration approach, recording how often the unit was used and the outcomes for pain and function.",
      citation: P116,
      howToDocument: "Document the 30-day trial: dates or length, how often it was used, and the pain and function outcomes during the trial.",
      template: "TENS rental ${1:‹days›} d: used ${2:‹times a day›}x/d; pain ${3:‹before›}→${4:‹during the trial›}; ${5:‹functional change: activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      messages: {
        missing: "A TENS unit is requested without a documented one-month trial ({elements}); CPMTG 2009 p.116 requires the trial's use and outcomes first.",
        exceeds: "TENS purchase is requested without a documented one-month home trial; CPMTG 2009 p.116 requires a trial (rental preferred) before purchase.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "tens.purchase", accept: "planned", inRequest: true }],
          finding: "exceeds",
          when: ["not:requested:tens.rental"],
          unless: [{ concept: "tens.trial-done", accept: "ever" }],
        },
        {
          kind: "require",
          when: ["not:requested:tens.rental"],
          elements: [
            { label: "the trial period", any: [{ concept: "tens.trial-done", accept: "ever" }] },
            { label: "how often it was used", any: [{ concept: "tens.usage", accept: "ever" }] },
            {
              label: "pain or function outcomes",
              any: [
                { concept: "tens.outcome", accept: "ever" },
                { concept: "functional-improvement", accept: "ever" },
              ],
            },
          ],
          partial: { message: "{documented} documented for the TENS trial; missing: {elements}. CPMTG 2009 p.116 asks for the use and the outcomes of the 1-month trial before a purchase." },
        },
        {
          kind: "limit",
          fact: "daysRequested",
          max: 31,
          finding: "exceeds",
          when: ["requested:tens.rental"],
          message: "A {value}-day TENS rental is requested; CPMTG 2009 p.116 calls for a one-month trial, then reassessment.",
        },
        {
          kind: "limit",
          fact: "weeksRequested",
          max: 4,
          finding: "exceeds",
          when: ["requested:tens.rental"],
          message: "A {value}-week TENS rental is requested; CPMTG 2009 p.116 calls for a one-month trial, then reassessment.",
        },
      ],
    },
    {
      id: "tens.indication",
      title: "Qualifying condition, pain over 3 months, other modalities failed",
      description:
        "A qualifying condition (neuropathic pain such as diabetic neuropathy or post-herpetic neuralgia, CRPS II, phantom limb pain, spasticity, multiple sclerosis), pain for at least 3 months, other modalities including medication tried and failed; TENS is not a primary treatment.",
      citation: "MTUS CPMTG 2009, TENS, p.114-116",
      howToDocument: "Name the qualifying diagnosis, how long the pain has lasted, and the modalities (including medication) that failed; TENS as an adjunct.",
      template: "TENS for ${1:‹diagnosis›}, pain since ${2:‹date›}; failed ${3:‹modalities and medication tried›}",
      section: "assessment",
      defaultSeverity: "warning",
      messages: {
        missing: "The TENS request lacks {elements}; CPMTG 2009 p.114-116 supports a trial only for listed conditions after other modalities failed.",
        contradicted: "TENS is requested as the sole or primary treatment; CPMTG 2009 p.114-116 supports it only as an adjunct to a functional restoration program.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "tens.sole", accept: "planned", near: { concept: "tens.term", within: "block", accept: "planned" } }],
          finding: "contradicted",
        },
        {
          kind: "require",
          elements: [
            { label: "a qualifying condition", any: [{ concept: "tens.qualifying", notSections: ["history"] }] },
            {
              label: "other modalities tried and failed",
              any: [
                { concept: "failure", accept: "ever" },
                { concept: "fact.conservative-failed", accept: "ever" },
              ],
            },
          ],
          partial: { message: "{documented} documented; missing: {elements}. CPMTG 2009 p.114-116 supports a TENS trial only for listed conditions after other modalities failed." },
        },
        {
          kind: "minimum",
          fact: "symptomDays",
          min: 91,
          finding: "missing",
          orEvidence: [{ concept: "chronic", accept: "ever" }, { concept: "fact.symptoms-3-months", accept: "ever" }],
          message: "Pain is not documented as lasting 3 months or more (DOI, onset or \"chronic\"); CPMTG 2009 p.116 requires it for a TENS trial.",
        },
      ],
    },
    {
      id: "tens.plan-and-leads",
      title: "Goals and a 2-lead unit",
      description: "A treatment plan with short- and long-term goals for the unit; a 2-lead unit unless a 4-lead unit is justified.",
      citation: P116,
      howToDocument: "Write the short- and long-term goals of TENS use; request a 2-lead unit (E0720), or say why 4 leads are needed.",
      template: "TENS goals: ${1:‹short-term goal›}/${2:‹long-term goal›}; ${3|‹unit?›,2-lead unit,4-lead unit because ‹reason›|}",
      section: "plan",
      defaultSeverity: "info",
      messages: {
        missing: "No short- or long-term goals are documented for the TENS unit; CPMTG 2009 p.116 asks for a treatment plan with goals.",
        exceeds: "A 4-lead TENS unit is requested without a stated reason; CPMTG 2009 p.116 expects a 2-lead unit unless 4 leads are justified.",
      },
      checks: [
        { kind: "require", elements: [{ label: "goals", any: [{ concept: "tens.goals", accept: "planned" }] }] },
        {
          kind: "forbid",
          evidence: [{ concept: "tens.four-lead", accept: "planned", inRequest: true }],
          finding: "exceeds",
          unless: [{ concept: "tens.four-lead-reason", accept: "planned" }],
        },
      ],
    },
  ],
};
