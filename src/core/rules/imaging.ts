// Imaging and electrodiagnostics (imaging): ACOEM ch.12 p.303-304; ch.8 p.177-178. Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const imaging: FamilyDef = {
  service: "imaging",
  title: "Imaging and electrodiagnostics",
  source: "ACOEM ch.12 p.303-304; ch.8 p.177-178",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
