// Functional restoration programs (frp): MTUS CPMTG 2009, Chronic pain programs p.30-32, 49. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const frp: FamilyDef = {
  service: "frp",
  title: "Functional restoration programs",
  source: "MTUS CPMTG 2009, Chronic pain programs p.30-32, 49",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
