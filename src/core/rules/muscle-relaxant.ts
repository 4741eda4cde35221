// Muscle relaxants (muscle-relaxant): MTUS CPMTG 2009 p.63-66; cyclobenzaprine p.41-42 and p.64
// (seed 003); carisoprodol p.29.
import { RELAXANT_DRUGS, drugFamily } from "../lexicon";
import type { FamilyDef } from "./types";

const P63 = "MTUS CPMTG 2009, Muscle relaxants (for pain), p.63-66";

const drugs = drugFamily(RELAXANT_DRUGS);

export const muscleRelaxant: FamilyDef = {
  service: "muscle-relaxant",
  title: "muscle relaxant",
  source: "MTUS Chronic Pain Medical Treatment Guidelines (2009), Muscle relaxants p.63-66",
  concepts: [
    ...drugs.concepts,
    {
      id: "relaxant.course",
      terms: [
        "(?:x|for)\\s*(?:\\d{1,2}|one|two|three|seven|ten|fourteen)\\s*(?:d|days?|wks?|weeks?)",
        "short[- ]term(?: course| use)?",
        "short course",
        "(?:for )?flare(?:-up)?s? only",
        "stop (?:after|by|in)",
        "brief course",
      ],
    },
    {
      id: "relaxant.acute",
      terms: [
        "acute (?:flare(?:-up)?|exacerbation|spasms?|onset|muscle spasms?)",
        "flare(?:-up)?",
        "exacerbation",
        "acutely",
        "new spasms?",
      ],
    },
    { id: "relaxant.spasm-exam", terms: ["(?:palpable |muscle |paraspinal |paravertebral )?spasms?", "hypertonicity", "guarding"] },
    { id: "relaxant.chronic-stable", terms: ["chronic stable", "stable chronic", "no (?:acute )?(?:flare|exacerbation)"] },
  ],
  request: {
    concepts: [],
    drugs: drugs.drugs,
  },
  criteria: [
    {
      id: "muscle-relaxant.short-term",
      title: "Short course only (2-3 weeks)",
      description:
        "A short course only: 2-3 weeks (cyclobenzaprine), with the greatest effect in the first days; no daily long-term use; brief intermittent courses for distinct flare-ups are acceptable.",
      citation: "MTUS CPMTG 2009, Muscle relaxants, p.63-64 (cyclobenzaprine 2-3 weeks, p.64)",
      howToDocument: "Give the course length (x 10 days, #21) tied to a flare; a continued, refilled or monthly-dispensed relaxant is long-term use.",
      template: "${1:‹drug and strength›} ${2:‹frequency›} x ${3:‹days›} d (#${4:‹quantity›}) for flare of ${5:‹date›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      messages: { missing: "No course length for {drug}; MTUS supports muscle relaxants only as a short course (2-3 weeks)." },
      checks: [
        {
          kind: "limit",
          fact: "daysSupply",
          max: 21,
          finding: "exceeds",
          message: "The {drug} quantity is a {value}-day supply; MTUS supports a short course of 2-3 weeks, not long-term daily use.",
        },
        {
          kind: "flag",
          condition: "in-use",
          finding: "exceeds",
          message: "{drug} is continued as ongoing use; MTUS supports muscle relaxants only short-term (2-3 weeks) or for distinct flare-ups.",
        },
        {
          kind: "require",
          elements: [{ label: "course length", any: [{ concept: "relaxant.course", accept: "planned", linkedToRequest: true }], facts: ["daysSupply"] }],
        },
      ],
    },
    {
      id: "muscle-relaxant.acute-exacerbation",
      title: "Acute exacerbation with spasm on exam",
      description:
        "Muscle relaxants are a second-line option for short-term treatment of acute exacerbations; document the flare and spasm on exam.",
      citation: `${P63}, p.63`,
      howToDocument: "Give the date and trigger of the acute flare and the palpable spasm on exam; \"chronic spasm\" does not count.",
      template: "Acute flare ${1:‹date›} after ${2:‹trigger›}; ${3|‹spasm on exam?›,palpable spasm in ‹site›,no palpable spasm|}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "item",
      messages: {
        missing: "No {elements} documented; MTUS supports muscle relaxants for acute exacerbations with spasm.",
        contradicted: "The note describes stable chronic pain without an acute flare; MTUS supports muscle relaxants only for acute exacerbations.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "relaxant.chronic-stable", notSections: ["history"] }],
          finding: "contradicted",
          unless: [{ concept: "relaxant.acute", notSections: ["history"] }],
        },
        {
          kind: "require",
          elements: [
            { label: "acute flare", any: [{ concept: "relaxant.acute", notSections: ["history"] }] },
            { label: "spasm on exam", any: [{ concept: "relaxant.spasm-exam", sections: ["exam"] }] },
          ],
        },
      ],
    },
    {
      id: "carisoprodol.not-recommended",
      title: "Carisoprodol not recommended",
      description:
        "Carisoprodol (Soma) is not recommended, especially long-term: its metabolite meprobamate is a controlled substance with abuse risk alongside opioids and benzodiazepines.",
      citation: "MTUS CPMTG 2009, Carisoprodol, p.29; p.65",
      howToDocument: "Discontinue carisoprodol and name the alternative.",
      template: "Carisoprodol ${1|‹plan?›,discontinued,tapered off|}; ${2:‹alternative›} instead",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      when: ["drug:carisoprodol"],
      messages: { contradicted: "Carisoprodol is requested; MTUS does not recommend carisoprodol (meprobamate metabolite, abuse risk)." },
      checks: [{ kind: "flag", condition: "drug:carisoprodol", finding: "contradicted" }],
    },
    {
      id: "cyclobenzaprine.no-combination",
      title: "Cyclobenzaprine not combined with another relaxant",
      description: "Adding cyclobenzaprine to other agents is not recommended; one muscle relaxant at a time.",
      citation: "MTUS CPMTG 2009, Cyclobenzaprine, p.41-42",
      howToDocument: "Prescribe a single muscle relaxant; stop the other one.",
      template: "Single muscle relaxant: ${1:‹drug›}; stopped ${2:‹other relaxant›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      when: ["drug:cyclobenzaprine"],
      messages: { contradicted: "Cyclobenzaprine is combined with another muscle relaxant; MTUS does not recommend adding cyclobenzaprine to other agents." },
      checks: [{ kind: "flag", condition: "with-other-relaxant", finding: "contradicted" }],
    },
  ],
};
