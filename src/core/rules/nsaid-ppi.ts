// NSAIDs and PPIs (nsaid-ppi): MTUS CPMTG 2009, NSAIDs p.67-73; GI symptoms & cardiovascular risk p.68-69.
import type { Span } from "../text";
import { GI_PROTECT_DRUGS, NSAID_DRUGS, drugFamily } from "../lexicon";
import type { FamilyDef } from "./types";

const nsaids = drugFamily(NSAID_DRUGS);
const gi = drugFamily(GI_PROTECT_DRUGS);
const COMBINATIONS = ["ibuprofen/famotidine", "naproxen/esomeprazole", "diclofenac/misoprostol"];

const AGE = /\b(\d{2,3})\s*(?:-|\s)?\s*(?:yo|y\/o|y\.o\.?|yr?s?[- ]old|years?[- ]old|year old)\b|\bage(?:d|:)?\s*(\d{2,3})\b/gi;

/** The patient's age, when over 65 (the first GI risk factor of CPMTG p.68). */
function ageOver65(text: string): Span[] {
  const out: Span[] = [];
  AGE.lastIndex = 0;
  for (let m = AGE.exec(text); m; m = AGE.exec(text)) {
    const age = Number(m[1] ?? m[2]);
    if (age > 65 && age < 120) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export const nsaidPpi: FamilyDef = {
  service: "nsaid-ppi",
  title: "NSAID or PPI",
  source: "MTUS CPMTG 2009, NSAIDs p.67-73",
  concepts: [
    ...nsaids.concepts,
    ...gi.concepts,
    { id: "ppi.age-over-65", scan: { unit: "sentence", find: ageOver65 } },
    {
      id: "ppi.gi-risk",
      terms: [
        "(?:peptic |gastric |duodenal |stomach )?ulcers?(?: disease)?",
        "pud",
        "gi (?:bleed(?:ing)?|hemorrhage|perforation)",
        "(?:upper )?gastrointestinal (?:bleed(?:ing)?|hemorrhage|perforation)",
        "(?:bleeding|perforated) ulcer",
        "melena",
        "hematemesis",
        "(?:concurrent |daily |low[- ]dose )?(?:aspirin|asa)(?: 81(?: mg)?)?",
        "prednisone",
        "methylprednisolone",
        "medrol",
        "(?:oral|systemic|chronic|daily) (?:cortico)?steroids?",
        "corticosteroids?(?! inject)",
        "warfarin",
        "coumadin",
        "apixaban",
        "eliquis",
        "rivaroxaban",
        "xarelto",
        "dabigatran",
        "pradaxa",
        "clopidogrel",
        "plavix",
        "anticoagula(?:nts?|tion|ted)",
        "blood thinners?",
        "high[- ]dose (?:nsaids?|naproxen|ibuprofen|diclofenac|meloxicam)",
        "multiple nsaids",
        "two nsaids",
        "(?:nsaid[- ](?:induced|related)\\s+)?dyspepsia",
        "(?:gastritis|heartburn|epigastric (?:pain|discomfort)|gi upset|stomach upset|upset stomach)\\s+(?:on|with|from|due to|secondary to)\\s+(?:\\w+\\s+){0,2}?(?:nsaids?|naproxen|ibuprofen|diclofenac|meloxicam|motrin|anti-?inflammator\\w+)",
      ],
    },
    {
      id: "ppi.gi-symptoms",
      terms: [
        "gi (?:symptoms|sx|complaints|issues|problems|history|upset|risk factors?)",
        "gastrointestinal (?:symptoms|complaints|issues|problems|history|risk factors?)",
        "dyspepsia",
        "heartburn",
        "stomach (?:upset|pain|problems)",
        "abdominal pain",
        "epigastric pain",
        "(?:history of )?(?:ulcers?|gi bleed(?:ing)?)",
      ],
    },
    {
      id: "ppi.other-indication",
      terms: [
        "gerd",
        "(?:gastro-?o?esophageal |acid )?reflux(?: disease)?",
        "barrett'?s(?: esophagus)?",
        "h\\.? ?pylori",
        "erosive esophagitis",
        "zollinger",
        "k21\\.\\d",
      ],
    },
    {
      id: "nsaid.course",
      terms: [
        "(?:x|for)\\s*(?:\\d{1,2}|one|two|three|four|six|eight|ten|twelve)\\s*(?:d|days?|wks?|weeks?)",
        "short[- ]term(?: course| use)?",
        "short course",
        "(?:then |and )?(?:stop|discontinue|d/c)(?: after| by| in| when)",
        "(?:reassess|re-?evaluate|recheck)(?: need| use)?(?: in| at)",
        "lowest effective dose",
        "prn",
        "as needed",
        "during flares?(?: only)?",
        "(?:taper|wean)(?:ed|ing)? off",
        // A single dose is the shortest course: an injection given in the office.
        "im",
        "intramuscular(?:ly)?",
        "injections?",
        "inj\\.?",
        "one[- ]time(?: dose)?",
        "single (?:dose|injection)",
        "x ?1(?! ?\\d)",
        "given (?:today|in (?:the )?(?:office|clinic))",
      ],
    },
    {
      id: "nsaid.monitoring",
      terms: [
        "cbc",
        "cmp",
        "bmp",
        "chem(?:istry)? (?:panel|profile)",
        "renal (?:function|panel|labs)",
        "(?:serum )?creatinine",
        "bun",
        "egfr",
        "lfts?",
        "liver (?:function|enzymes|panel)",
        "hepatic (?:function|panel)",
        "(?:bp|blood pressure)\\s*(?::\\s*)?\\d{2,3}\\s*/\\s*\\d{2,3}",
        "labs?(?: were| are)? (?:reviewed|drawn|obtained|normal|wnl|ordered)",
        "(?:reviewed|ordered|drew|obtained) labs",
      ],
    },
  ],
  request: {
    concepts: [],
    drugs: { ...nsaids.drugs, ...gi.drugs },
    classes: {
      ...Object.fromEntries(Object.keys(NSAID_DRUGS).map((g) => [g, COMBINATIONS.includes(g) ? ["nsaid", "gi-protect"] : ["nsaid"]])),
      ...Object.fromEntries(Object.keys(GI_PROTECT_DRUGS).map((g) => [g, ["gi-protect"]])),
    },
  },
  criteria: [
    {
      id: "ppi.gi-risk",
      title: "PPI with an NSAID: GI risk documented",
      description:
        "A PPI (or H2 blocker) with an NSAID needs a GI risk factor: age over 65; peptic ulcer, GI bleeding or perforation; concurrent aspirin, corticosteroid or anticoagulant; high-dose or multiple NSAIDs. NSAID-induced dyspepsia also qualifies.",
      citation: "MTUS CPMTG 2009, NSAIDs, GI symptoms & cardiovascular risk, p.68-69",
      howToDocument:
        "Name the NSAID and the GI risk factor: age over 65, prior ulcer or GI bleed, aspirin, steroid or anticoagulant use, high-dose or two NSAIDs, or dyspepsia on the NSAID. \"GI prophylaxis\" alone does not count.",
      template: "PPI for GI risk: ${1:‹GI risk factor›} with ${2:‹NSAID›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:gi-protect"],
      messages: {
        missing: "{drug} is requested with an NSAID but no GI risk factor is documented; MTUS supports a PPI with NSAIDs only for patients at GI risk (age >65, ulcer or bleed, aspirin/steroid/anticoagulant, high-dose NSAID).",
        contradicted: "GI symptoms and risk are documented as absent; MTUS supports a PPI with NSAIDs only for patients at GI risk (age >65, ulcer or bleed, aspirin/steroid/anticoagulant, high-dose NSAID).",
      },
      checks: [
        {
          kind: "flag",
          condition: "without-class:nsaid",
          finding: "contradicted",
          unless: [
            { concept: "ppi.other-indication", accept: "ever" },
            { concept: "ppi.gi-risk", accept: "ever", notSections: ["plan"] },
            // An NSAID taken now but written outside the medication list ("takes OTC ibuprofen daily").
            { concept: "nsaid", notSections: ["history", "plan"] },
          ],
          message: "{drug} is requested with no NSAID in use or requested and no other GI indication; MTUS addresses PPIs as GI protection for patients on NSAIDs.",
        },
        {
          kind: "assess",
          satisfied: [
            { concept: "ppi.gi-risk", accept: "ever", notSections: ["plan"] },
            { concept: "ppi.gi-risk", inRequest: true },
            { concept: "ppi.age-over-65", accept: "assessed" },
            // A PPI for its own indication (GERD, Barrett's) is not NSAID prophylaxis.
            { concept: "ppi.other-indication", accept: "ever" },
          ],
          contradicted: [{ concept: "ppi.gi-symptoms", accept: "negated", notSections: ["history"] }],
          unless: [
            { concept: "ppi.gi-risk", accept: "ever", notSections: ["plan"] },
            { concept: "ppi.age-over-65", accept: "assessed" },
            { concept: "ppi.other-indication", accept: "ever" },
          ],
        },
      ],
    },
    {
      id: "nsaid.lowest-dose-shortest",
      title: "Lowest dose for the shortest period; monitoring with long-term use",
      description:
        "NSAIDs are recommended at the lowest dose for the shortest period; long-term use needs periodic monitoring (blood pressure, renal and hepatic function, CBC).",
      citation: "MTUS CPMTG 2009, NSAIDs, p.67-70",
      howToDocument:
        "Give the course length or a stop/reassess plan for a new NSAID; for continued use, the date and result of monitoring (BP, renal and liver function, CBC).",
      template: "${1:‹NSAID and strength›} ${2:‹frequency›} x ${3:‹weeks›} wk; labs ${4:‹date and result›}",
      section: "plan",
      // Information: it is frequent on every continued NSAID, and a reviewer weighs it below the indication.
      defaultSeverity: "info",
      scope: "item",
      when: ["class:nsaid"],
      messages: {
        missing: "No course length or stop plan for {drug}; MTUS recommends NSAIDs at the lowest dose for the shortest period.",
      },
      checks: [
        {
          kind: "flag",
          condition: "in-use",
          finding: "missing",
          unless: [{ concept: "nsaid.monitoring", accept: "ever" }, { concept: "nsaid.monitoring", accept: "planned", sections: ["plan"] }],
          message: "{drug} is continued with no monitoring documented (BP, renal and liver function, CBC); MTUS advises periodic monitoring with long-term NSAID use.",
        },
        {
          kind: "require",
          elements: [
            {
              label: "course length or stop plan",
              any: [
                { concept: "nsaid.course", accept: "planned", linkedToRequest: true },
                { concept: "nsaid.monitoring", accept: "ever" },
                { concept: "nsaid.monitoring", accept: "planned", sections: ["plan"] },
              ],
              facts: ["courseDays"],
            },
          ],
        },
      ],
    },
  ],
};
