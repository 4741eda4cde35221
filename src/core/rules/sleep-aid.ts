// Sleep aids (sleep-aid): ODG Pain, Insomnia treatment (MTUS 2009 silent). Criteria: ../shared/criteria.md (issue 6).
import type { FamilyDef } from "./types";

export const sleepAid: FamilyDef = {
  service: "sleep-aid",
  title: "Sleep aids",
  source: "ODG Pain, Insomnia treatment (MTUS 2009 silent)",
  concepts: [],
  request: { concepts: [] },
  criteria: [],
};
