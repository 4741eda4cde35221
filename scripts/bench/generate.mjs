// Seeded generator of realistic, synthetic progress notes for the benchmark (no real patient).
// A note of N bytes is a running case file: visits (PR-2 progress reports, or visits under dated
// headings with style "dated-headings") one after another,
// each with a header, subjective, treatment history, exam, assessment, a medication table and a
// Plan / RFA block requesting services of several families. The latest visit is the same at
// every size.

/** mulberry32: small, fast, seeded. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, lo, hi) => {
    const n = int(lo, Math.min(hi, list.length));
    const copy = [...list];
    const out = [];
    for (let i = 0; i < n; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, some, chance: (p) => next() < p };
}

const REGIONS = ["neck", "low back", "right shoulder", "left knee", "upper back", "lumbar spine", "cervical spine", "right wrist"];
const MUSCLES = ["upper trapezius", "levator scapulae", "rhomboids", "lumbar paraspinals", "quadratus lumborum", "gluteus medius"];
const ACTIVITIES = ["walking", "sitting", "standing", "lifting", "driving", "sleeping", "household chores", "computer work"];
const UNITS = ["minutes", "blocks", "lbs", "hours"];
const OPIOIDS = [
  ["Norco 10/325 mg", "1 tab TID prn pain", 90],
  ["Tramadol 50 mg", "1 tab BID", 60],
  ["Oxycodone 5 mg", "1 tab q6h prn", 120],
  ["Nucynta 50 mg", "1 tab BID", 60],
];
const OTHER_MEDS = [
  ["Cyclobenzaprine 10 mg", "1 tab qhs", 30],
  ["Naproxen 550 mg", "1 tab BID with food", 60],
  ["Gabapentin 300 mg", "1 cap TID", 90],
  ["Omeprazole 20 mg", "1 cap daily", 30],
  ["Lidocaine 5% patch", "12 hours on, 12 off", 30],
  ["Alprazolam 0.5 mg", "1 tab qhs prn", 15],
  ["Tizanidine 4 mg", "1 tab qhs", 30],
];
const DIAGNOSES = [
  "Myofascial pain syndrome (M79.18)",
  "Cervical strain (S16.1XXD)",
  "Lumbar radiculopathy (M54.16)",
  "Lumbar strain (S39.012D)",
  "Sacroiliitis (M46.1)",
  "Chronic pain syndrome (G89.4)",
  "Shoulder impingement (M75.41)",
];

function date(r, year) {
  return `${String(r.int(1, 12)).padStart(2, "0")}/${String(r.int(1, 28)).padStart(2, "0")}/${year}`;
}

function subjective(r) {
  const region = r.pick(REGIONS);
  const without = r.int(6, 9);
  const lines = [
    `Patient returns for follow-up of chronic ${region} pain since the industrial injury, worse with ${r.pick(ACTIVITIES)} and ${r.pick(ACTIVITIES)}.`,
    `Pain ${without}/10 without medication and ${r.int(2, without - 1)}/10 with medication; relief lasts about ${r.int(2, 6)} hours.`,
    `${r.pick(["Denies", "No"])} sedation, nausea or constipation. ${r.pick(["No early refills.", "Single prescriber and pharmacy.", "No aberrant behavior reported."])}`,
    `${r.pick(ACTIVITIES)[0].toUpperCase()}${r.pick(ACTIVITIES).slice(1)} tolerance improved from ${r.int(5, 15)} ${r.pick(UNITS)} to ${r.int(20, 40)} ${r.pick(UNITS)} with the current regimen.`,
  ];
  if (r.chance(0.5)) lines.push(`She reports ${r.int(40, 80)}% relief for ${r.int(4, 10)} weeks after the last trigger point injections on ${date(r, 2025)}.`);
  if (r.chance(0.4)) lines.push(`Numbness and tingling radiating down the ${r.pick(["left", "right"])} leg, intermittent.`);
  if (r.chance(0.3)) lines.push(`He asks about acupuncture; we will consider it at the next visit if symptoms persist.`);
  return `## Subjective\n${r.some(lines, 3, lines.length).join("\n")}\n`;
}

function history(r) {
  const items = [
    `- Physical therapy ${r.int(6, 24)} visits in ${r.int(2023, 2025)} with ${r.pick(["no lasting relief", "temporary relief", "minimal benefit"])}.`,
    `- Home exercise program and stretching daily, ${r.pick(["continued", "partially helpful"])}.`,
    `- ${r.pick(["Naproxen", "Ibuprofen", "Meloxicam"])} for ${r.int(2, 8)} months: ${r.pick(["failed", "GI upset", "not effective"])}.`,
    `- Chiropractic care ${r.int(4, 12)} sessions in ${r.int(2022, 2024)}, ${r.pick(["not helpful", "helped briefly"])}.`,
    `- Massage therapy ${r.int(3, 6)} visits previously with ${r.int(20, 60)}% improvement.`,
    `- Prior SI joint injection on ${date(r, 2024)} with ${r.int(30, 90)}% relief for ${r.int(2, 12)} weeks.`,
    `- MRI lumbar spine ${date(r, 2024)}: ${r.pick(["L4-5 disc protrusion with foraminal narrowing", "mild degenerative changes", "no nerve root compression"])}.`,
  ];
  return `## Treatment to date\n${r.some(items, 2, items.length).join("\n")}\n`;
}

function exam(r) {
  const items = [
    `- Taut band in the ${r.pick(["right", "left"])} ${r.pick(MUSCLES)} with a twitch response and referred pain on palpation.`,
    `- ${r.pick(["Cervical", "Lumbar"])} ROM reduced ${r.int(10, 40)}% in ${r.pick(["flexion", "rotation", "extension"])}.`,
    `- Neuro: SLR ${r.pick(["negative", "positive on the left", "negative bilaterally"])}; sensation, reflexes and strength ${r.pick(["intact", "5/5"])}.`,
    `- FABER ${r.pick(["positive", "negative"])}, thigh thrust ${r.pick(["positive", "negative"])}, Gaenslen ${r.pick(["positive", "negative"])}.`,
    `- Spasm of the ${r.pick(MUSCLES)} on palpation.`,
    `- Gait ${r.pick(["antalgic", "normal"])}, able to heel and toe walk.`,
  ];
  return `## Objective\n${r.some(items, 3, items.length).join("\n")}\n`;
}

function assessment(r) {
  return `## Assessment\n${r.some(DIAGNOSES, 2, 4).map((d, i) => `${i + 1}. ${d}`).join("\n")}\n`;
}

function medications(r, meds) {
  const rows = meds.map(([name, sig, qty]) => `| ${name} | ${sig} | #${qty} | ${r.pick(["ongoing", "since 2024", "new", "refilled"])} |`);
  return `## Medications\n| Medication | Sig | Qty | Status |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`;
}

function plan(r, meds) {
  const items = [];
  for (const [name, sig, qty] of meds) items.push(`${r.pick(["Continue", "Refill", ""])} ${name}, ${sig}, #${qty}`.trim());
  const services = [
    `Trigger point injections x${r.int(2, 5)}, ${r.pick(MUSCLES)}`,
    `Massage therapy ${r.int(1, 2)}x${r.int(3, 6)}, ${r.pick(REGIONS)}`,
    `Physical therapy ${r.int(2, 3)}x${r.int(3, 4)} for the ${r.pick(REGIONS)}`,
    `Acupuncture x${r.int(3, 6)} visits`,
    `Right SI joint injection under fluoroscopy`,
    `Lumbar epidural steroid injection at L${r.int(3, 5)}-${r.int(4, 5)}`,
    `Urine drug screen today; CURES reviewed and consistent`,
    `TENS unit ${r.int(1, 3)}-month rental`,
    `MRI of the ${r.pick(REGIONS)}`,
  ];
  items.push(...r.some(services, 1, 4));
  items.push(`Follow up in ${r.int(2, 6)} weeks`);
  return `## Plan / Request for Authorization\n${items.map((s, i) => `${i + 1}. ${s}`).join("\n")}\n`;
}

/**
 * One visit: a complete progress report (about 2 KB). Style "report" opens it with a PR-2 title
 * and a "Date of service" line; style "dated-headings" with the visit's date as its heading, the
 * way running case files are kept ("## Visit 3 — 07/12/2025", "### 02/10/2025").
 */
export function visit(r, index = 0, year = 2026, style = "report") {
  const meds = r.some([r.pick(OPIOIDS), ...OTHER_MEDS], 2, 4);
  const dos = date(r, year);
  const injury = date(r, 2024);
  const work = `**Work status:** ${r.pick(["Modified duty, no lifting over 20 lb", "TTD", "Full duty"])}\n`;
  const header =
    style === "dated-headings"
      ? `${index % 2 === 0 ? `## Visit ${index + 1} — ${dos}` : `### ${dos}`}\n\n**Date of injury:** ${injury}\n${work}`
      : `# Primary Treating Physician's Progress Report (PR-2)${index ? ` - visit ${index + 1}` : ""}\n\n` +
        `**Date of service:** ${dos}\n**Date of injury:** ${injury}\n${work}`;
  const parts = [header, subjective(r), history(r), exam(r), assessment(r), medications(r, meds), plan(r, meds)];
  if (r.chance(0.2)) parts.push("```\nVitals: BP 128/82, HR 72\n```\n");
  if (r.chance(0.15)) parts.push("> Per QME report: patient is not a surgical candidate.\n");
  if (r.chance(0.1)) parts.push("<!-- synthetic note: no real patient -->\n");
  return parts.join("\n");
}

/**
 * A running case file of about `bytes` characters (seeded, deterministic). Its latest visit (the
 * only one that requests anything: visits.ts) is the same report at every size, drawn from the
 * seed alone and dated after the others: sizes differ in their history, not in what they request,
 * so the times of two sizes compare the same requests over more or less text.
 */
export function generateNote(bytes, seed = 1, { style = "report" } = {}) {
  const latest = (index) => visit(rng(seed), index, 2026, style);
  const r = rng(seed ^ 0x5bd1e995);
  const visits = [];
  const separator = style === "dated-headings" ? "\n" : "\n---\n\n";
  let size = latest(0).length;
  for (let i = 0; size < bytes; i++) {
    const v = visit(r, i, 2025, style);
    visits.push(v);
    size += v.length + separator.length;
  }
  visits.push(latest(visits.length));
  let text = visits.join(separator);
  if (text.length > bytes * 1.15 && visits.length === 1) {
    // Small notes: trim whole lines from the middle sections, keep the plan.
    const lines = text.split("\n");
    while (lines.join("\n").length > bytes && lines.length > 20) lines.splice(Math.floor(lines.length / 2), 1);
    text = lines.join("\n");
  }
  return text;
}
