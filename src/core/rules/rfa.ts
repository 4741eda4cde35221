// The general RFA rules (../shared/criteria.md §2.2): they apply to every request of every other
// family (analyze.ts runs them after each request's own criteria) and read the request's RFA line
// as src/core/facts/rfa-line.ts resolves it, so the checker and the drafted form agree.
// Sources: 8 CCR 9792.6.1(u) and 9792.9.1 as amended effective 1 Apr 2026 (DWC Newsline 2026-42,
// 14 May 2026); DWC Form RFA, 8 CCR 9785.5.
import type { FamilyDef } from "./types";

const COMPLETED = "8 CCR 9792.6.1(u) (completed request); DWC Form RFA, 8 CCR 9785.5";

export const rfa: FamilyDef = {
  service: "rfa",
  title: "Request for Authorization",
  source: "8 CCR 9792.6.1(u), 9792.9.1 (amended eff. 1 Apr 2026); DWC Form RFA (8 CCR 9785.5)",
  concepts: [
    {
      // A plan line that names no specific item ("continue current meds", "resume monthly supportive care"):
      // open-ended, so not a completed request (criteria.md §2.2 "Don't count").
      id: "rfa.open-ended-term",
      terms: [
        "cont(?:inue|\\.)?\\s+(?:(?:all|current|other|same|present|her|his|the|usual|remaining)\\s+){0,3}(?:meds|medications?)(?:\\s+as (?:before|prescribed|directed|is))?",
        "(?:resume|continue|cont\\.?)\\s+(?:(?:her|his|the|ongoing|regular)\\s+)?(?:monthly|weekly|maintenance|supportive|wellness|ongoing)\\s+(?:supportive\\s+|maintenance\\s+)?(?:care|treatments?|visits|adjustments)",
      ],
    },
    {
      id: "rfa.open-ended",
      detect: (_note, find) =>
        find("rfa.open-ended-term")
          .filter((m) => m.section.kind === "plan" && !m.assertion.negated && !m.assertion.historical && !m.assertion.family)
          .map((m) => ({ start: m.start, end: m.end })),
    },
  ],
  request: { concepts: [] },
  criteria: [
    {
      id: "rfa.specific-request",
      title: "Each request stated with specificity",
      description:
        "A completed RFA identifies each recommended treatment with specificity: the service with its CPT/HCPCS code, the body part, level and laterality, the diagnosis with its ICD-10 code, and the frequency, duration and quantity. Open-ended requests (\"PT\", \"TPIs prn\", \"continue meds\") are not specific.",
      citation: COMPLETED,
      howToDocument:
        "On the request line: the service and body part or levels, the diagnosis with its ICD-10 code (or a matching coded diagnosis in the assessment), the quantity with frequency and duration (2x/week x 6 weeks, #60, x1), and the CPT/HCPCS code when the line does not determine it (approach for an ESI, muscles for TPIs, leads for TENS).",
      template: "RFA: ${1:‹service›} ${2:‹body part/level›} for ${3:‹diagnosis›} (${4:‹ICD-10 code›}); ${5:‹quantity, frequency, duration›}; CPT ${6:‹code›}",
      section: "plan",
      defaultSeverity: "info",
      scope: "item",
      placeFix: false,
      messages: {
        missing: "The RFA line for {drug} lacks {elements}; a request without them is not complete and can be returned unreviewed.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            // ICD-10 from 1 Oct 2015, ICD-9 before (facts/rfa.ts). No CPT/HCPCS code is required: the
            // form asks for it "if known" (criteria.md §1, Dec 2026); the RFA draft still fills it.
            { label: "a diagnosis with its ICD-10 code", any: [], facts: ["rfaDiagnosis"] },
            { label: "the quantity, frequency and duration", any: [], facts: ["rfaQuantity"] },
            { label: "the body part", any: [], facts: ["rfaBodyPart"] },
          ],
        },
        {
          kind: "flag",
          condition: "evidence:rfa.open-ended",
          finding: "missing",
          message: "The plan also has an open-ended line (continued medications or care with no item, quantity or duration); each requested treatment needs its own specific RFA line.",
        },
      ],
    },
    {
      id: "rfa.documentation-30-days",
      title: "Substantiating note dated within 30 days of the RFA",
      description:
        "For requests from 1 April 2026, a completed RFA is accompanied by documentation issued no earlier than 30 days before the request. The note's date of service is compared with the RFA date (or today when the note has none).",
      citation: "8 CCR 9792.6.1(u) as amended eff. 1 Apr 2026 (DWC Newsline 2026-42)",
      howToDocument: "Date the note (date of service) and the RFA; send the RFA within 30 days of the visit, or attach a newer report.",
      template: "Date of service: ${1:‹MM/DD/YYYY›}; RFA date: ${2:‹MM/DD/YYYY›}",
      section: "header",
      defaultSeverity: "warning",
      effectiveFrom: "2026-04-01",
      scope: "family",
      messages: {
        missing: "The note has no date of service; from 1 Apr 2026 an RFA needs documentation dated within 30 days of the request.",
      },
      checks: [
        { kind: "require", elements: [{ label: "a date of service", any: [], facts: ["documentationAgeDays"] }] },
        {
          kind: "limit",
          fact: "documentationAgeDays",
          max: 30,
          finding: "missing",
          message: "The note is dated {value} days before the RFA (its RFA date, or today when none is written); from 1 Apr 2026 the substantiating documentation must be no older than 30 days.",
        },
      ],
    },
  ],
};
