// TENS (tens): MTUS CPMTG 2009, TENS p.113-117. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const tens: FamilyDef = {
  service: "tens",
  title: "TENS",
  source: "MTUS CPMTG 2009, TENS p.113-117",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
