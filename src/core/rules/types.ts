// The shape of rule data. A family declares its concepts, how a request is recognised and its
// criteria; each criterion is data over a few generic check kinds evaluated by ../evaluate.ts.
import type { Concept } from "../concepts";
import type { IngredientMatch } from "../extract/ingredients";
import type { FactName, FindingKind, SectionKind, ServiceKey, Severity } from "../types";
export type { FactName } from "../types";
import type { RequestSpec } from "../requests";
export type { RequestSpec } from "../requests";

/** Which readings of a mention count as evidence. */
export type Accept =
  /** Affirmed, current, the clinician's own statement (the default). */
  | "current"
  /** Affirmed, current or past (prior treatment, failed care). */
  | "ever"
  /** Affirmed, current or planned (concurrent or planned care). */
  | "planned"
  /** Negated: the inversion rule ("denies sedation" documents that side effects were assessed). */
  | "negated"
  /** Affirmed or negated, as long as it is not uncertain, hypothetical or second-hand. */
  | "assessed";

export interface EvidenceSpec {
  concept: string;
  accept?: Accept;
  /** Only in these sections. */
  sections?: SectionKind[];
  /** Never in these sections. */
  notSections?: SectionKind[];
  /** Must share a sentence (or the next one), a block, or the request line with a mention of another concept. */
  near?: { concept: string; within: "sentence" | "block"; accept?: Accept };
  /** Must stand in the request's own line (block). */
  inRequest?: boolean;
  /** Must stand within the note's mentions of the requested drug's own line or the request line. */
  linkedToRequest?: boolean;
  /** Must name an ingredient of the topical product written in its line (extract/ingredients.ts). */
  ingredient?: IngredientMatch;
}

export interface Element {
  /** What a reviewer calls this element: "a muscle relaxant trial". */
  label: string;
  any: EvidenceSpec[];
  /** Also satisfied when one of these numbers can be computed (a days supply is a course length). */
  facts?: FactName[];
  /** When the element is absent but this evidence is found, the finding names the missing piece with `label` instead. */
  partial?: { any: EvidenceSpec[]; label: string };
}


export type Condition =
  /** A prior course of the same service is documented. */
  | "prior"
  /** Ongoing use: not documented as a new start (refills are the usual case). */
  | "continued"
  /** Documented as already in use: in the medication list, refilled, "continue", "ongoing". */
  | "in-use"
  /** The drug is newly started. */
  | "new-start"
  /** An opioid and a benzodiazepine are both requested or in current use. */
  | "with-opioid"
  | "with-benzodiazepine"
  /** Another muscle relaxant is requested or in current use. */
  | "with-other-relaxant"
  | `drug:${string}`
  /** A UDS is requested as its own item. */
  | "uds-requested"
  /** The request line names this approach (transforaminal, interlaminar, caudal) or none ("unspecified"). */
  | `approach:${"transforaminal" | "interlaminar" | "caudal" | "unspecified"}`
  /** The request line (or a line repeating the request) mentions this concept: "requested:facet.rf". */
  | `requested:${string}`
  /** A prior (past, affirmed) mention of this concept outside the request: "prior:facet.rf". */
  | `prior:${string}`
  /** The requested item belongs to this class (RequestSpec.classes): "class:z-drug". */
  | `class:${string}`
  /** A requested or current drug (this item included) of this class: "with-class:nsaid". */
  | `with-class:${string}`
  /** No requested or current drug of this class. */
  | `without-class:${string}`
  /** An affirmed mention of this concept anywhere (past or planned; not negated, uncertain or family). */
  | `evidence:${string}`
  /** An affirmed, current mention of this concept in the clinician's own words: "current:chiro.flare". */
  | `current:${string}`
  /** No prior course of the same service is documented (an initial trial). */
  | "initial"
  /** The date of injury is known and falls before this ISO date: "injury-before:2004-01-01". */
  | `injury-before:${string}`
  /** The negation of another condition: "not:requested:tens.rental". */
  | `not:${string}`;

/** Every check may carry its own one-line message, overriding the criterion's message for its kind. */
export type Check = CheckKind & {
  message?: string;
  /** The check runs only when all these hold (a limit that depends on the approach). */
  when?: Condition[];
  /**
   * The message when the evidence is partial: a `require` check with some elements found
   * ({documented} names them, {elements} the rest), or an `assess` check left unaddressed while
   * this evidence is found.
   */
  partial?: { message: string; evidence?: EvidenceSpec[] };
};

export type CheckKind =
  | {
      /** A finding whenever a condition holds (a continued benzodiazepine is long-term use). */
      kind: "flag";
      condition: Condition;
      finding: FindingKind;
      unless?: EvidenceSpec[];
    }
  | {
      /** Every element needs evidence; otherwise `missing`, naming the absent elements. */
      kind: "require";
      elements: Element[];
    }
  | {
      /** An assessment: affirmed contradicting evidence → contradicted; satisfying evidence → documented; neither → missing. */
      kind: "assess";
      satisfied: EvidenceSpec[];
      contradicted: EvidenceSpec[];
      /** Contradiction does not count when this evidence is present (e.g. an action plan). */
      unless?: EvidenceSpec[];
      /** When neither is found: report missing (default) or nothing. */
      whenUnaddressed?: "missing" | "nothing";
      missingSeverity?: Severity;
    }
  | {
      /** Evidence that must not be present. */
      kind: "forbid";
      evidence: EvidenceSpec[];
      finding: "contradicted" | "exceeds";
      unless?: EvidenceSpec[];
    }
  | {
      /** A number over a limit. */
      kind: "limit";
      fact: FactName;
      max: number;
      finding: FindingKind;
      /** Only when this evidence is absent (a justification). */
      unless?: EvidenceSpec[];
    }
  | {
      /** A number under a floor, unless evidence documents it otherwise (symptoms > 3 months, or "chronic"). */
      kind: "minimum";
      fact: FactName;
      min: number;
      orEvidence?: EvidenceSpec[];
      finding: FindingKind;
      /** When the number cannot be computed: a gap (default) or no finding. */
      ifUnknown?: "gap" | "pass";
    };

export interface CriterionDef {
  id: string;
  title: string;
  description: string;
  citation: string;
  howToDocument: string;
  template: string;
  section: SectionKind;
  defaultSeverity: Severity;
  /** One line per outcome. Placeholders: {drug}, {value}, {max}, {min}, {elements}. Never note text. */
  messages: Partial<Record<FindingKind, string>>;
  /** All must hold for the criterion to apply to a request. */
  when?: Condition[];
  /** ISO date from which the criterion applies, by the note's date. */
  effectiveFrom?: string;
  /** Evaluated once per family (note-level documentation) or for each requested item (drug). */
  scope?: "family" | "item";
  /**
   * false: the template is offered as a snippet and in the docs only, and findings carry no placed
   * fix (the request line itself must change; the extension offers its own completion).
   */
  placeFix?: false;
  /** Checks in order; the first that finds a gap gives the finding. */
  checks: Check[];
}

export interface FamilyDef {
  service: ServiceKey;
  title: string;
  source: string;
  concepts: Concept[];
  request: RequestSpec;
  criteria: CriterionDef[];
}
