// Physical therapy (pt): MTUS CPMTG 2009, Physical medicine p.98-99. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const pt: FamilyDef = {
  service: "pt",
  title: "Physical therapy",
  source: "MTUS CPMTG 2009, Physical medicine p.98-99",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
