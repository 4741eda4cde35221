// The registry: every family in one list, the concepts they use, and the public criterion data.
import type { Concept } from "../concepts";
import { FACT_CONCEPTS } from "../facts";
import { OPIOID_DRUGS, SHARED_CONCEPTS } from "../lexicon";
import type { CriterionInfo, FindingKind, ServiceInfo } from "../types";
import { benzodiazepines } from "./benzodiazepines";
import { massage } from "./massage";
import { muscleRelaxant } from "./muscle-relaxant";
import { opioids } from "./opioids";
import { sij } from "./sij";
import { tpi } from "./tpi";
import { pt } from "./pt";
import { acupuncture } from "./acupuncture";
import { chiro } from "./chiro";
import { esi } from "./esi";
import { facet } from "./facet";
import { imaging } from "./imaging";
import { nsaidPpi } from "./nsaid-ppi";
import { topical } from "./topical";
import { aed } from "./aed";
import { sleepAid } from "./sleep-aid";
import { tens } from "./tens";
import { frp } from "./frp";
import { rfa } from "./rfa";
import type { Check, CriterionDef, FamilyDef } from "./types";

// Retired criterion IDs stay listed here so they are never reused (none yet).

export const FAMILIES: readonly FamilyDef[] = [
  tpi,
  opioids,
  benzodiazepines,
  muscleRelaxant,
  massage,
  sij,
  pt,
  acupuncture,
  chiro,
  esi,
  facet,
  imaging,
  nsaidPpi,
  topical,
  aed,
  sleepAid,
  tens,
  frp,
  rfa,
];

export const OPIOID_MME: Record<string, number> = Object.fromEntries(Object.entries(OPIOID_DRUGS).map(([g, d]) => [g, d.mme]));

export const ALL_CONCEPTS: ReadonlyMap<string, Concept> = (() => {
  const map = new Map<string, Concept>();
  for (const c of [...SHARED_CONCEPTS, ...FACT_CONCEPTS, ...FAMILIES.flatMap((f) => f.concepts)]) {
    if (map.has(c.id)) throw new Error(`duplicate concept id: ${c.id}`);
    map.set(c.id, c);
  }
  return map;
})();

function kindsOf(def: CriterionDef): FindingKind[] {
  const kinds = new Set<FindingKind>();
  const add = (check: Check) => {
    switch (check.kind) {
      case "require":
        kinds.add("missing");
        break;
      case "assess":
        kinds.add("contradicted");
        if (check.whenUnaddressed !== "nothing") kinds.add("missing");
        break;
      case "forbid":
      case "limit":
      case "flag":
      case "minimum":
        kinds.add(check.finding);
        break;
    }
  };
  def.checks.forEach(add);
  return [...kinds];
}

const INFOS: CriterionInfo[] = FAMILIES.flatMap((family) =>
  family.criteria.map((def) => ({
    id: def.id,
    service: family.service,
    title: def.title,
    description: def.description,
    citation: def.citation,
    kinds: kindsOf(def),
    howToDocument: def.howToDocument,
    template: def.template,
    section: def.section,
    defaultSeverity: def.defaultSeverity,
    ...(def.effectiveFrom ? { effectiveFrom: def.effectiveFrom } : {}),
  })),
);

export function listCriteria(): CriterionInfo[] {
  return INFOS.map((i) => ({ ...i, kinds: [...i.kinds] }));
}

export function getCriterion(id: string): CriterionInfo | undefined {
  const info = INFOS.find((i) => i.id === id);
  return info ? { ...info, kinds: [...info.kinds] } : undefined;
}

export function listServices(): ServiceInfo[] {
  return FAMILIES.map((f) => ({ key: f.service, title: /^[a-z]/.test(f.title) ? titleCase(f.title) : f.title, source: f.source }));
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + "s";
}
