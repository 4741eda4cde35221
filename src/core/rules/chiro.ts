// Chiropractic manipulation (chiro): MTUS CPMTG 2009, Manual therapy & manipulation p.58-60. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const chiro: FamilyDef = {
  service: "chiro",
  title: "Chiropractic manipulation",
  source: "MTUS CPMTG 2009, Manual therapy & manipulation p.58-60",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
