// Opioids (opioids): MTUS CPMTG 2009 p.74-96, on-going management p.78-80 (seed 004).
import { OPIOID_DRUGS, drugFamily } from "../lexicon";
import { thisVisit } from "./elements";
import type { FamilyDef } from "./types";

const ONGOING = "MTUS CPMTG 2009, Opioids, on-going management, p.78-80";

const drugs = drugFamily(Object.fromEntries(Object.entries(OPIOID_DRUGS).map(([g, d]) => [g, d.terms])));

export const opioids: FamilyDef = {
  service: "opioids",
  title: "opioid",
  source: "MTUS Chronic Pain Medical Treatment Guidelines (2009), Opioids p.74-96",
  concepts: [
    // "Each visit on opioids records pain": in a case file, the current visit's scores (elements.ts).
    thisVisit("opioids.pain-pair-this-visit", "fact.pain-pair"),
    thisVisit("opioids.baseline-pain-this-visit", "opioids.baseline-pain"),
    thisVisit("opioids.relief-duration-this-visit", "fact.relief-duration"),
    ...drugs.concepts,
    {
      id: "opioids.adverse",
      terms: [
        "side[- ]effects?",
        "adverse (?:side )?effects?",
        "aes",
        "sedation",
        "sedated",
        "somnolence",
        "drowsiness",
        "drowsy",
        "constipation",
        "constipated",
        "nausea",
        "cognitive (?:changes|impairment|effects|slowing)",
        "confusion",
        "respiratory depression",
        "pruritus",
        "itching",
        "dizziness",
        "tolerat(?:es|ing) (?:\\w+ )?well",
        "well tolerated",
      ],
    },
    {
      id: "opioids.aberrancy-assessed",
      terms: [
        "aberrant (?:drug[- ]taking )?(?:behaviou?rs?|drug[- ]?(?:related )?behaviou?rs?|use)",
        "aberrancy",
        "drug[- ]seeking",
        "early refills?",
        "lost (?:rx|scripts?|prescriptions?|medications?|meds|pills)",
        "multiple (?:prescribers|pharmacies|providers)",
        "(?:single|one|only one) (?:prescriber|pharmacy|provider)",
        "misuse",
        "diversion",
        "(?:ort|soapp(?:-r)?|comm|dire|opioid risk tool)(?: score)?",
        "pill counts?",
      ],
    },
    {
      id: "opioids.aberrancy-found",
      terms: [
        "early refills?",
        "lost (?:rx|scripts?|prescriptions?|medications?|meds|pills)",
        "inconsistent (?:uds|udt|urine drug (?:screen|test)|urine tox\\w*|results?)",
        "(?:uds|udt|urine drug (?:screen|test))\\s*(?:was |is )?inconsistent",
        "(?:other|another|outside|second) prescribers?",
        "multiple (?:prescribers|pharmacies)",
        "doctor shopping",
        "diversion",
        "escalating (?:doses?|use)",
        "self[- ]escalat\\w+",
      ],
    },
    {
      id: "opioids.aberrancy-plan",
      terms: [
        "discussed",
        "counsel(?:ed|ing)",
        "warned",
        "pill counts?",
        "taper(?:ed|ing)?",
        "wean(?:ed|ing)?",
        "referr(?:ed|al) to (?:addiction|pain|psychiatry|psych)",
        "addiction (?:medicine|specialist)",
        "contract (?:reviewed|violation)",
        "action plan",
        "will (?:recheck|repeat|confirm)",
        "confirmatory (?:testing|test)",
      ],
    },
    {
      id: "opioids.uds",
      terms: [
        "uds",
        "udt",
        "urine tox(?:icology)?(?: screen)?",
        "urine drug (?:screen(?:ing)?|test(?:ing)?|testing)",
        "poc urine",
        "urine (?:drug )?screen",
        "lc-?ms(?:/ms)?(?: confirmation)?",
        "drug screen",
      ],
    },
    {
      id: "opioids.agreement",
      terms: [
        "(?:opioid|narcotic|pain|controlled[- ]substances?|medication|treatment|pain management|pain medication)s? (?:agreement|contract)",
        "(?:agreement|contract) for (?:opioids?|narcotics?|controlled substances?)",
      ],
    },
    {
      id: "opioids.agreement-done",
      terms: ["signed", "on file", "in (?:the )?chart", "executed", "in place", "current", "up to date", "reviewed", "renewed", "dated"],
    },
    { id: "opioids.cures", terms: ["cures", "pdmp", "patient activity report", "prescription (?:drug )?monitoring(?: program)?"] },
    {
      id: "opioids.justification",
      terms: [
        "pain (?:management|medicine|specialist) (?:consult(?:ation)?|referral|evaluation)",
        "(?:consult(?:ation)?|referral) (?:with|to) pain (?:management|medicine|specialist)",
        "pain specialist",
      ],
    },
    {
      id: "opioids.nonopioid-failed",
      terms: ["(?:failed|tried|intolerant (?:of|to))\\s+(?:\\w+\\s+){0,3}?(?:nsaids?|acetaminophen|apap|tylenol|ibuprofen|naproxen|non-?opioids?|anti-?inflammator\\w+)"],
    },
    { id: "opioids.goals", terms: ["goals?(?: of (?:therapy|treatment|care))?\\s{0,2}(?:\\([^()\\n]{1,30}\\))?\\s{0,2}:", "treatment goals?", "functional goals?"] },
    {
      // A screen reported with its result: a negative result is a test done, not a test absent ("UDS today: negative for all").
      id: "opioids.uds-result",
      terms: [
        "(?:uds|udt|urine tox(?:icology)?(?: screen)?|urine drug (?:screen|test)|poc urine|drug screen)(?:\\s{0,2}\\([^()\\n]{1,20}\\))?(?:\\s{1,2}[a-z0-9/]{1,12}){0,3}?\\s{0,2}[:,-]?\\s{0,2}(?:negative|positive|consistent|inconsistent|appropriate|as expected|results?)\\b",
      ],
    },
    { id: "opioids.baseline-pain", terms: ["(?:baseline|current) pain", "pain (?:is |rated |score )?\\d{1,2}\\s*/\\s*10"] },
    { id: "opioids.risk-level", terms: ["(?:low|moderate|medium|high)[- ]risk", "risk (?:level|category|stratification)"] },
    { id: "opioids.risk-low", terms: ["low[- ]risk", "risk(?: level| category)?:? low"] },
    { id: "opioids.risk-moderate", terms: ["(?:moderate|medium|intermediate)[- ]risk", "risk(?: level| category)?:? (?:moderate|medium|intermediate)"] },
    { id: "opioids.risk-high", terms: ["high[- ]risk", "risk(?: level| category)?:? high"] },
    {
      // What ties a functional change to the drug: the medication named, or "on the regimen".
      id: "opioids.tied",
      terms: [
        "medications?",
        "meds",
        "regimen",
        "pills?",
        "tablets?",
        "doses?",
        "opioids?",
        "narcotics?",
        "pain (?:medicine|medication)s?",
        ...Object.values(OPIOID_DRUGS).flatMap((d) => d.terms),
      ],
    },
    {
      id: "opioids.nonopioid-analgesic",
      terms: ["nsaids?", "anti-?inflammator(?:y|ies)", "acetaminophen", "apap", "tylenol", "ibuprofen", "motrin", "advil", "naproxen", "naprosyn", "aleve", "meloxicam", "mobic", "diclofenac", "voltaren", "celecoxib", "celebrex", "etodolac", "nabumetone", "non-?opioids?"],
    },
  ],
  request: {
    concepts: [],
    drugs: drugs.drugs,
  },
  criteria: [
    {
      id: "opioids.pain-scores",
      title: "Pain with and without medication, and duration of relief",
      description:
        "Each visit on opioids records pain with and without the medication, how long relief lasts, time to onset and current, least and average pain.",
      citation: ONGOING,
      howToDocument: "Give two numeric scores (e.g. 8/10 without, 4/10 with the drug), the onset and how long relief lasts.",
      template: "Pain ${1:‹score without›}/10 without, ${2:‹score with›}/10 with ${3:‹drug›}; onset ${4:‹minutes›} min; relief lasts ${5:‹hours›} h; avg/least ${6:‹average›}/${7:‹least›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      when: ["continued"],
      messages: {
        missing: "No {elements} documented; MTUS on-going management requires pain scores with and without the opioid and how long relief lasts.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "pain scores with and without medication",
              any: [{ concept: "opioids.pain-pair-this-visit", notSections: ["history"] }],
              partial: {
                any: [{ concept: "opioids.baseline-pain-this-visit", notSections: ["history"] }],
                label: "pain scores with and without medication (one score is written, not the pair)",
              },
            },
            { label: "duration of relief", any: [{ concept: "opioids.relief-duration-this-visit", notSections: ["history"] }] },
          ],
          partial: { message: "{documented} documented, but not {elements}; MTUS on-going management requires pain scores with and without the opioid and how long relief lasts." },
        },
      ],
    },
    {
      id: "opioids.functional-benefit",
      title: "Objective functional improvement on the opioid",
      description:
        "Continue opioids only with objective functional improvement: specific ADLs, return to work or reduced restrictions, or less reliance on medical care (8 CCR 9792.20).",
      citation: `${ONGOING}; 8 CCR 9792.20(e)`,
      howToDocument: "Name an activity with numbers before and on the drug (walks 30 vs 10 min), the work status, or reduced reliance on care.",
      template: "On ${1:‹drug›}: ${2:‹activity›} ${3:‹before›}→${4:‹now›}; work status ${5:‹work status›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      when: ["continued"],
      messages: {
        missing: "No objective functional improvement from the opioid (specific ADLs, work status, reduced reliance on care) is documented; MTUS requires it to continue opioids.",
        contradicted: "Function is documented as worse or disabling on the opioid; MTUS advises discontinuing opioids without functional improvement.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [{ concept: "fact.function-gain", notSections: ["history"] }],
          contradicted: [{ concept: "function-worse", notSections: ["history", "plan"] }],
          unless: [{ concept: "fact.function-gain", notSections: ["history"] }],
          partial: {
            evidence: [{ concept: "fact.function-gain", accept: "ever", sections: ["history"] }],
            message: "A functional change is written only in the treatment history, not tied to the current opioid; MTUS requires objective functional improvement on the opioid (specific ADLs, work status, reduced reliance on care) to continue it.",
          },
        },
        {
          // A gain must be the drug's: in a block that names the medication (or the drug's own line).
          kind: "require",
          elements: [
            {
              label: "a functional change tied to the opioid",
              any: [
                { concept: "fact.function-gain", notSections: ["history"], near: { concept: "opioids.tied", within: "block" } },
                { concept: "fact.function-gain", notSections: ["history"], linkedToRequest: true },
              ],
            },
          ],
          message: "A functional change is documented but not tied to the opioid; say what the drug lets the patient do (on the medication: activity before → now).",
        },
      ],
    },
    {
      id: "opioids.adverse-effects",
      title: "Adverse effects assessed",
      description: "Side effects are assessed at each visit (sedation, constipation, nausea, cognition, respiratory depression): one of the 4 A's.",
      citation: `${ONGOING} (4 A's)`,
      howToDocument: "State the side-effect review, even when negative: \"denies sedation or nausea; constipation controlled with senna\".",
      template: "Adverse effects: ${1:‹side effects asked about and what the patient reports›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      messages: { missing: "No assessment of opioid side effects (sedation, constipation, nausea, cognition) is documented; MTUS monitors adverse effects at each visit." },
      checks: [{ kind: "require", elements: [{ label: "side-effect assessment", any: [{ concept: "opioids.adverse", accept: "assessed", notSections: ["history"] }] }] }],
    },
    {
      id: "opioids.aberrant-behavior",
      title: "Aberrant drug-taking monitored",
      description: "Aberrant drug-taking behaviour is monitored (early refills, lost prescriptions, other prescribers, escalation), one of the 4 A's.",
      citation: `${ONGOING}; p.94-95 (misuse)`,
      howToDocument: "State the review (no early refills, one prescriber and pharmacy; risk screen score) and, if aberrancy is found, the action taken.",
      template: "Aberrancy: ${1:‹early refills, prescribers, pharmacies: what was found›}; ${2:‹risk tool›} score ${3:‹score›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      messages: {
        missing: "No review of aberrant drug-taking behaviour is documented (early refills, lost scripts, other prescribers, risk score); MTUS requires it on opioids.",
        contradicted: "Aberrant drug-taking is documented with no action plan while the opioid continues; MTUS expects a documented response.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [{ concept: "opioids.aberrancy-assessed", accept: "assessed", notSections: ["history"] }],
          contradicted: [{ concept: "opioids.aberrancy-found", notSections: ["history"] }],
          unless: [{ concept: "opioids.aberrancy-plan", accept: "planned" }],
        },
      ],
    },
    {
      id: "opioids.urine-drug-screen",
      title: "Urine drug screening",
      description: "Urine drug testing is used to monitor opioid therapy, and its result is addressed.",
      citation: `${ONGOING}; Drug testing, p.43`,
      howToDocument: "Give the date and result of the last urine drug screen (consistent with the prescribed opioid), or order one.",
      template: "UDS ${1:‹date›}: ${2|‹result?›,consistent with the prescribed opioid,inconsistent: ‹finding›|}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      messages: {
        missing: "No urine drug screen is documented; MTUS on-going management includes urine drug testing.",
        contradicted: "An inconsistent urine drug screen is documented without a plan; MTUS expects the result to be addressed.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [
            { concept: "opioids.uds", accept: "ever" },
            { concept: "opioids.uds", sections: ["plan"], accept: "planned" },
            { concept: "opioids.uds-result", accept: "ever" },
          ],
          contradicted: [{ concept: "opioids.aberrancy-found", near: { concept: "opioids.uds", within: "sentence" } }],
          unless: [{ concept: "opioids.aberrancy-plan", accept: "planned" }],
        },
      ],
    },
    {
      id: "opioids.pain-agreement",
      title: "Signed opioid treatment agreement",
      description: "A signed opioid (narcotic) pain treatment agreement is on file.",
      citation: ONGOING,
      howToDocument: "State that the opioid agreement is signed and on file, with its date. \"Discussed\" or \"will sign\" does not count.",
      template: "Opioid agreement ${1|‹agreement?›,signed and on file,not signed|}; signed ${2:‹date›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      messages: { missing: "No signed opioid treatment agreement is documented; reviewers require an executed narcotic pain contract." },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "signed agreement",
              any: [{ concept: "opioids.agreement", accept: "ever", near: { concept: "opioids.agreement-done", within: "sentence", accept: "ever" } }],
            },
          ],
        },
      ],
    },
    {
      id: "opioids.cures",
      title: "CURES (PDMP) checked",
      description:
        "California requires a CURES consult before the first Schedule II-IV prescription and at least every 6 months while it continues (every 4 months before the 2021 amendment).",
      citation: "Cal. Health & Safety Code 11165.4 (mandatory CURES consult, effective 2 Oct 2018); not in CPMTG 2009",
      howToDocument: "State the date the CURES report was reviewed and that it is consistent (single prescriber).",
      template: "CURES checked ${1:‹date›}: ${2|‹result?›,consistent with the prescribed opioid and a single prescriber,inconsistent: ‹finding›|}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "family",
      effectiveFrom: "2018-10-02",
      messages: { missing: "No CURES (PDMP) review is documented; California requires a CURES check for Schedule II-IV prescriptions." },
      checks: [{ kind: "require", elements: [{ label: "CURES review", any: [{ concept: "opioids.cures", accept: "ever" }] }] }],
    },
    {
      id: "opioids.mme-limit",
      title: "Total morphine equivalents within 120 mg/day",
      description:
        "Total daily morphine equivalent dose should not exceed 120 mg unless justified, e.g. after a pain specialist consultation (later guidance is lower: CDC 2016 reassess at 50, avoid 90).",
      citation: "MTUS CPMTG 2009, Opioid dosing (120 mg MED); CDC MME factors",
      howToDocument: "Give each opioid's strength, units per dose and frequency so the total MED can be computed; justify any total over 120 mg/day.",
      template: "Total MED ${1:‹total mg›} mg/day (${2:‹each opioid: strength × units × doses a day›})",
      section: "plan",
      defaultSeverity: "warning",
      scope: "family",
      messages: { exceeds: "Total opioid dose is {value} mg morphine equivalents/day, over the 120 mg/day MTUS threshold, with no pain-specialist justification." },
      checks: [{ kind: "limit", fact: "mmePerDay", max: 120, finding: "exceeds", unless: [{ concept: "opioids.justification", accept: "planned" }] }],
    },
    {
      id: "opioids.initiation-baseline",
      title: "Opioid trial: failed non-opioids, baseline pain and function, goals",
      description:
        "Before a new opioid trial: non-opioid analgesics have failed, baseline pain and function are recorded, goals are set.",
      citation: "MTUS CPMTG 2009, Opioids, initiating therapy, p.76-77",
      howToDocument: "For a new opioid: the non-opioids that failed, the baseline pain score and function, and the goals of the trial.",
      template: "Opioid trial: failed ${1:‹non-opioid treatments›}; baseline pain ${2:‹score›}/10; baseline function ${3:‹activity and limit›}; goal ${4:‹pain and function goals›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      when: ["new-start"],
      messages: { missing: "A new opioid trial lacks {elements}; MTUS requires these before initiating opioids." },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "failed non-opioid analgesics",
              any: [
                { concept: "opioids.nonopioid-failed", accept: "ever" },
                { concept: "fact.conservative-failed", accept: "ever", near: { concept: "opioids.nonopioid-analgesic", within: "sentence" } },
              ],
            },
            { label: "baseline pain", any: [{ concept: "opioids.baseline-pain" }, { concept: "fact.pain-score", accept: "ever" }] },
            { label: "goals", any: [{ concept: "opioids.goals", accept: "planned" }] },
          ],
        },
      ],
    },
    {
      id: "opioids.uds-frequency",
      title: "UDS frequency by risk level",
      description:
        "A urine drug screen requested as its own item follows risk-based frequency: low risk within 6 months of starting then yearly, moderate 2-3 per year, high risk up to monthly.",
      citation: "ODG Pain, Urine drug testing",
      howToDocument: "With a UDS request, give the patient's risk level and the date of the last UDS.",
      template: "UDS risk level ${1|‹risk level?›,low,moderate,high|}; last UDS ${2:‹date›}",
      section: "plan",
      defaultSeverity: "info",
      scope: "family",
      when: ["uds-requested"],
      messages: {
        missing: "A UDS is requested without the risk level; ODG sets testing frequency by risk (low: yearly; moderate: 2-3/year; high: up to monthly).",
        exceeds: "UDS requested {value} times a year for a patient documented at this risk level; ODG allows at most {max} a year (low risk: within 6 months of starting, then yearly; moderate: 2-3 a year).",
      },
      checks: [
        { kind: "require", elements: [{ label: "risk level", any: [{ concept: "opioids.risk-level", accept: "ever" }] }] },
        // The stated risk level bounds the frequency asked for (the highest stated level governs).
        { kind: "limit", fact: "udsPerYear", max: 2, finding: "exceeds", when: ["evidence:opioids.risk-low", "not:evidence:opioids.risk-moderate", "not:evidence:opioids.risk-high"] },
        { kind: "limit", fact: "udsPerYear", max: 3, finding: "exceeds", when: ["evidence:opioids.risk-moderate", "not:evidence:opioids.risk-high"] },
      ],
    },
  ],
};
