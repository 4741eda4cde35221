// Synthetic PR-2 fixture notes (test/fixtures/notes/*.md) checked against their sidecar
// expectations (<name>.expected.json): one test per note, so a failure names the note and the
// criterion. The list of notes is read from the folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, getCriterion } from "../../src/core/index";
import type { Finding } from "../../src/core/index";

interface Expected {
  must_flag: Array<{ id: string; kind: "missing" | "contradicted" | "exceeds" }>;
  must_not_flag: string[];
  no_request?: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "fixtures", "notes");
const notes = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .sort();

// A fixed "today" so date-dependent criteria do not drift (every note carries its own DOS anyway).
const TODAY = "2025-12-01";

const describe = (f: Finding) => `${f.criterion}/${f.kind}`;

test("fixture folder holds notes, each with an expectation file", () => {
  assert.ok(notes.length >= 14, `expected at least 14 fixture notes, found ${notes.length}`);
  for (const n of notes) {
    const exp = join(dir, n.replace(/\.md$/, ".expected.json"));
    assert.ok(existsSync(exp), `${n} has no ${n.replace(/\.md$/, ".expected.json")}`);
  }
});

for (const name of notes) {
  test(`fixture ${name}`, () => {
    const text = readFileSync(join(dir, name), "utf8");
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.md$/, ".expected.json")), "utf8")) as Expected;
    const result = analyze(text, { today: TODAY });
    const found = result.findings.map(describe);
    const problems: string[] = [];

    // A must_not_flag passes vacuously when the service is not detected as requested at all, so
    // every family named in the expectations must have a request.
    const families = new Set(
      [...expected.must_flag.map((m) => m.id), ...expected.must_not_flag].map((id) => {
        const info = getCriterion(id);
        if (!info) problems.push(`unknown criterion ID ${id} in the expectations`);
        return info?.service;
      }),
    );
    for (const service of families) {
      if (service && !result.requests.some((r) => r.service === service))
        problems.push(`request ${service}: no request detected, so its criteria were never evaluated`);
    }

    for (const want of expected.must_flag) {
      const hits = result.findings.filter((f) => f.criterion === want.id);
      if (!hits.length) problems.push(`must_flag ${want.id} (${want.kind}): not flagged`);
      else if (!hits.some((f) => f.kind === want.kind))
        problems.push(`must_flag ${want.id}: expected kind ${want.kind}, got ${hits.map((h) => h.kind).join(", ")}`);
    }
    for (const id of expected.must_not_flag) {
      const hits = result.findings.filter((f) => f.criterion === id);
      if (hits.length) problems.push(`must_not_flag ${id}: flagged as ${hits.map((h) => `${h.kind} ("${h.message}")`).join("; ")}`);
    }
    for (const service of expected.no_request ?? []) {
      const reqs = result.requests.filter((r) => r.service === service);
      if (reqs.length) problems.push(`no_request ${service}: request(s) found at ${reqs.map((r) => `line ${r.line} "${r.text}"`).join("; ")}`);
    }

    assert.deepEqual(problems, [], `${name}\n  findings: ${found.join(", ") || "(none)"}\n  ${problems.join("\n  ")}`);
  });
}
