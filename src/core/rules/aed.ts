// Anticonvulsants (aed): MTUS CPMTG 2009, Antiepilepsy drugs p.16-22. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const aed: FamilyDef = {
  service: "aed",
  title: "Anticonvulsants",
  source: "MTUS CPMTG 2009, Antiepilepsy drugs p.16-22",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
