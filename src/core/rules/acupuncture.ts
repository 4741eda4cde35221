// Acupuncture (acupuncture): MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const acupuncture: FamilyDef = {
  service: "acupuncture",
  title: "Acupuncture",
  source: "MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
