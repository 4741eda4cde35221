// Epidural steroid injections (esi): MTUS CPMTG 2009, Epidural steroid injections p.46. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const esi: FamilyDef = {
  service: "esi",
  title: "Epidural steroid injections",
  source: "MTUS CPMTG 2009, Epidural steroid injections p.46",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
