// Topical analgesics (topical): MTUS CPMTG 2009, Topical analgesics p.111-113; Lidoderm p.56-57. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const topical: FamilyDef = {
  service: "topical",
  title: "Topical analgesics",
  source: "MTUS CPMTG 2009, Topical analgesics p.111-113; Lidoderm p.56-57",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
