import { createRequire } from "node:module";
import { generateNote } from "./generate.mjs";
const require = createRequire(import.meta.url);
const core = require(process.env.CORE);
const a = generateNote(100_000, 20261123), b = generateNote(1_000_000, 20261123);
const med = (fn, n) => { const t = []; for (let i = 0; i < n; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); } return t.sort((x, y) => x - y)[n >> 1]; };
core.analyze(a); core.analyze(b);
const ma = med(() => core.analyze(a), 9), mb = med(() => core.analyze(b), 5);
console.log("100KB", ma.toFixed(1), "1MB", mb.toFixed(1), "ratio", (mb / ma).toFixed(2));
