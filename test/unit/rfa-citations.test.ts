// Citations a reader can look up: every criterion's citation names a guideline, a regulation or a
// public decision, never a seed file of this project (../shared/criteria.md §1 clarification).
import { test } from "node:test";
import assert from "node:assert/strict";
import { getCriterion, listCriteria } from "../../src/core/index";

test("no citation mentions a seed file", () => {
  const criteria = listCriteria();
  assert.ok(criteria.length > 50, `${criteria.length} criteria`);
  const bad = criteria.filter((c) => /seed/i.test(c.citation)).map((c) => `${c.id}: ${c.citation}`);
  assert.deepEqual(bad, []);
});

test("every criterion has a citation that names a source", () => {
  const SOURCE = /CPMTG|ACOEM|AMTG|ODG|CCR|Labor Code|DWC|FDA|CDC|IMR case|CM\d{2}-\d+/;
  const bad = listCriteria().filter((c) => !SOURCE.test(c.citation)).map((c) => `${c.id}: ${c.citation}`);
  assert.deepEqual(bad, []);
});

test("the diagnosis criteria of massage and PT cite the DWC Form RFA with the family's CPMTG page", () => {
  for (const [id, page] of [["massage.diagnosis-and-body-part", /p\.60/], ["pt.diagnosis-and-body-part", /p\.98-99/]] as const) {
    const c = getCriterion(id);
    assert.ok(c, id);
    assert.match(c.citation, /^DWC Form RFA, 8 CCR 9785\.5\b/);
    assert.match(c.citation, /CPMTG 2009/);
    assert.match(c.citation, page);
  }
});
