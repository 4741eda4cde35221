// The five labelled IMR cases (copied from ../shared/eval/cases so the tests stand alone):
// every gap the reviewer cited is flagged with its kind, no documented criterion is flagged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../src/core/index";

const dir = join(__dirname, "..", "fixtures", "seeds");

interface Labels {
  services: Array<{ service: string; must_flag: Array<{ id: string; kind: string }>; must_not_flag: Array<{ id: string }> }>;
}

for (const name of readdirSync(dir).sort()) {
  test(`seed case ${name}`, () => {
    const text = readFileSync(join(dir, name, "note.md"), "utf8");
    const labels = JSON.parse(readFileSync(join(dir, name, "labels.json"), "utf8")) as Labels;
    const { requests, findings } = analyze(text, { today: "2026-11-23" });
    for (const s of labels.services) {
      assert.ok(requests.some((r) => r.service === s.service), `${s.service} is requested`);
      for (const m of s.must_flag) {
        const f = findings.find((x) => x.criterion === m.id);
        assert.ok(f, `flags ${m.id}`);
        assert.equal(f.kind, m.kind, `${m.id} is ${m.kind}`);
        assert.equal(f.service, s.service);
        assert.ok(f.citation.length > 0 && f.message.length > 0);
      }
      for (const m of s.must_not_flag) {
        assert.ok(!findings.some((x) => x.criterion === m.id), `does not flag documented ${m.id}`);
      }
    }
  });
}
