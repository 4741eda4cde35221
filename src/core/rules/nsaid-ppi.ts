// NSAIDs and PPIs (nsaid-ppi): MTUS CPMTG 2009, NSAIDs p.67-73. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const nsaidPpi: FamilyDef = {
  service: "nsaid-ppi",
  title: "NSAIDs and PPIs",
  source: "MTUS CPMTG 2009, NSAIDs p.67-73",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
