// Facet blocks and radiofrequency ablation (facet): ACOEM ch.12 p.300-301; ODG Low Back / Neck. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const facet: FamilyDef = {
  service: "facet",
  title: "Facet blocks and radiofrequency ablation",
  source: "ACOEM ch.12 p.300-301; ODG Low Back / Neck",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
