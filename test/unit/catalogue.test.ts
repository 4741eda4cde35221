// The criterion IDs are a contract with ../shared/criteria.md: every catalogue ID has exactly one
// rule and every rule's ID is in the catalogue. Skipped when the catalogue is not beside the repo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { listCriteria, listServices } from "../../src/core/index";

const catalogue = join(__dirname, "..", "..", "..", "shared", "criteria.md");
const skip = existsSync(catalogue) ? false : "../shared/criteria.md is not present";

/** IDs in the first cell of the catalogue's criteria tables ("| tpi.max-injections | ..."). */
export function catalogueIds(markdown: string): { id: string; family: string }[] {
  const out: { id: string; family: string }[] = [];
  let family = "";
  for (const line of markdown.split(/\r?\n/)) {
    if (/^#{1,3}\s/.test(line)) {
      // "### 3.1 Trigger point injections (tpi), ..." names its family key; a heading without
      // one (3.2 Opioids) takes the prefix of its first ID; 2.2 holds the general rfa rules.
      family = /^###\s+2\.2\b/.test(line) ? "rfa" : (/\(([a-z-]+)\)/.exec(line)?.[1] ?? "?");
      continue;
    }
    const cell = /^\|\s*([a-z][a-z0-9-]*\.[a-z0-9-]+)(?:\s+\*\*NEW\*\*)?\s*\|/.exec(line);
    if (!cell) continue;
    if (family === "?") family = cell[1].split(".")[0];
    out.push({ id: cell[1], family });
  }
  return out;
}

test("catalogueIds reads IDs, with **NEW** tags, under their family heading", () => {
  const md = [
    "### 3.1 Trigger point injections (tpi), CPMTG 2009 p.122",
    "| ID | Criterion |",
    "|---|---|",
    "| tpi.max-injections | No more than 3-4 |",
    "| tpi.injectate **NEW** | Local anesthetic |",
    "### 2.2 What an RFA must include (8 CCR 9792.9.1)",
    "| rfa.specific-request **NEW** | ... |",
    "| not an id | x |",
  ].join("\n");
  assert.deepEqual(catalogueIds(md), [
    { id: "tpi.max-injections", family: "tpi" },
    { id: "tpi.injectate", family: "tpi" },
    { id: "rfa.specific-request", family: "rfa" },
  ]);
});

test("every catalogue ID has a rule and every rule ID is in the catalogue", { skip }, () => {
  const fromCatalogue = catalogueIds(readFileSync(catalogue, "utf8"));
  assert.ok(fromCatalogue.length > 40, `read ${fromCatalogue.length} IDs from the catalogue`);
  const wanted = new Set(fromCatalogue.map((c) => c.id));
  const rules = listCriteria().map((c) => c.id);
  assert.equal(new Set(rules).size, rules.length, "rule IDs are unique");
  const have = new Set(rules);
  assert.deepEqual([...wanted].filter((id) => !have.has(id)).sort(), [], "catalogue IDs without a rule");
  assert.deepEqual(rules.filter((id) => !wanted.has(id)).sort(), [], "rule IDs not in the catalogue");
});

test("each rule belongs to the family the catalogue lists it under", { skip }, () => {
  const fromCatalogue = catalogueIds(readFileSync(catalogue, "utf8"));
  const familyOf = new Map(fromCatalogue.map((c) => [c.id, c.family]));
  const services = new Set(listServices().map((s) => s.key as string));
  for (const c of listCriteria()) {
    const family = familyOf.get(c.id);
    if (family === undefined) continue; // reported by the test above
    assert.equal(c.service, family, `${c.id} is listed under ${family}`);
    assert.ok(services.has(c.service) || c.service === "rfa", `${c.service} is a registered family`);
  }
});
