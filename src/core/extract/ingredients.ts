// Topical compounds and branded topical products: which ingredients a request names, at what
// strength, in which form, and how much (grams, millilitres, patches, patches per day, hours on/off).
// "Flurbiprofen 20%/Baclofen 5%/Lidocaine 4% 180 g", "Terocin lotion 120 ml", "Lidoderm 5% patch,
// 1 patch 12 h on/12 h off, #30". Rules match ingredients by generic name (see rules/topical.ts).

/** A topical dosage form. "unknown" when the text names none. */
export type TopicalForm = "patch" | "cream" | "gel" | "ointment" | "lotion" | "solution" | "spray" | "unknown";

export interface Ingredient {
  /** Generic name, lower case (a key of INGREDIENTS). */
  name: string;
  /** Strength in percent, when written (or known from the brand's label). */
  percent?: number;
  /** Offsets of the words naming it in the parsed text (for a brand: the brand name). */
  start: number;
  end: number;
  /** Known from a brand's label rather than written out. */
  fromBrand?: string;
}

export interface Compound {
  ingredients: Ingredient[];
  /** The brand named, as a key of BRANDS. */
  brand?: string;
  form: TopicalForm;
  grams?: number;
  ml?: number;
  /** Patches dispensed (#30 patches). */
  patches?: number;
  patchesPerDay?: number;
  /** Hours a patch stays on, and off, per day ("12 h on/12 h off"). */
  hoursOn?: number;
  hoursOff?: number;
}

/** Ingredient vocabulary: generic name → spellings (regex sources, case-insensitive). */
export const INGREDIENTS: Record<string, string[]> = {
  // Local anaesthetics.
  lidocaine: ["lidocaine(?: hcl| hydrochloride)?", "lidocain", "lignocaine"],
  prilocaine: ["prilocaine"],
  bupivacaine: ["bupivacaine"],
  // Counter-irritants.
  capsaicin: ["capsaicin", "capsacin"],
  menthol: ["menthol"],
  "methyl salicylate": ["methyl ?salicylate"],
  camphor: ["camphor"],
  // NSAIDs.
  diclofenac: ["diclofenac(?: sodium| epolamine)?"],
  flurbiprofen: ["flurbiprofen"],
  ketoprofen: ["ketoprofen"],
  ibuprofen: ["ibuprofen"],
  naproxen: ["naproxen"],
  indomethacin: ["indomethacin"],
  meloxicam: ["meloxicam"],
  piroxicam: ["piroxicam"],
  // Muscle relaxants.
  baclofen: ["baclofen"],
  cyclobenzaprine: ["cyclobenzaprine", "cyclobenzeprine"],
  orphenadrine: ["orphenadrine"],
  tizanidine: ["tizanidine"],
  methocarbamol: ["methocarbamol"],
  // Anticonvulsants and antidepressants.
  gabapentin: ["gabapentin"],
  pregabalin: ["pregabalin"],
  topiramate: ["topiramate"],
  amitriptyline: ["amitriptyline"],
  doxepin: ["doxepin"],
  // Others seen in compounds.
  ketamine: ["ketamine"],
  tramadol: ["tramadol"],
  clonidine: ["clonidine"],
  dexamethasone: ["dexamethasone"],
  "hyaluronic acid": ["hyaluronic acid"],
};

/**
 * Branded topical products and their active ingredients, from their published labels (DailyMed):
 * Terocin lotion (methyl salicylate 25%, capsaicin 0.025%, menthol 10%, lidocaine 2.5%); Terocin
 * patch (lidocaine 4%, menthol 4%); LidoPro ointment (capsaicin 0.0325%, lidocaine 4%, menthol 10%,
 * methyl salicylate 27.5%); Medrox patch (methyl salicylate, menthol 5%, capsaicin 0.0375%);
 * Medrox-Rx ointment (methyl salicylate 20%, menthol 7%, capsaicin 0.05%); Lidoderm (lidocaine 5%
 * patch); Flector (diclofenac epolamine 1.3% patch); Pennsaid (diclofenac sodium 1.5% or 2%
 * solution); Voltaren gel (diclofenac sodium 1%). Where a brand has several formulations the form
 * decides; with no form written only the ingredients common to all are assumed, without strengths.
 * Menthoderm is recognised but its composition was not verified, so none is assumed.
 */
export interface BrandDef {
  terms: string[];
  /** Composition by form; "any" lists what every formulation shares. */
  byForm: Partial<Record<TopicalForm | "any", Array<{ name: string; percent?: number }>>>;
  /** The form when the brand has only one. */
  form?: TopicalForm;
}

export const BRANDS: Record<string, BrandDef> = {
  Terocin: {
    terms: ["terocin"],
    byForm: {
      lotion: [
        { name: "methyl salicylate", percent: 25 },
        { name: "capsaicin", percent: 0.025 },
        { name: "menthol", percent: 10 },
        { name: "lidocaine", percent: 2.5 },
      ],
      patch: [
        { name: "lidocaine", percent: 4 },
        { name: "menthol", percent: 4 },
      ],
      any: [{ name: "menthol" }],
    },
  },
  LidoPro: {
    terms: ["lido ?pro"],
    byForm: {
      ointment: [
        { name: "capsaicin", percent: 0.0325 },
        { name: "lidocaine", percent: 4 },
        { name: "menthol", percent: 10 },
        { name: "methyl salicylate", percent: 27.5 },
      ],
      patch: [{ name: "lidocaine", percent: 4 }, { name: "menthol" }],
      any: [{ name: "lidocaine" }, { name: "menthol" }],
    },
  },
  Medrox: {
    terms: ["medrox(?:-rx)?"],
    byForm: {
      patch: [{ name: "methyl salicylate" }, { name: "menthol", percent: 5 }, { name: "capsaicin", percent: 0.0375 }],
      ointment: [{ name: "methyl salicylate", percent: 20 }, { name: "menthol", percent: 7 }, { name: "capsaicin", percent: 0.05 }],
      any: [{ name: "methyl salicylate" }, { name: "menthol" }, { name: "capsaicin" }],
    },
  },
  Menthoderm: { terms: ["menthoderm"], byForm: {} },
  Lidoderm: { terms: ["lidoderm"], byForm: { patch: [{ name: "lidocaine", percent: 5 }] }, form: "patch" },
  Flector: { terms: ["flector"], byForm: { patch: [{ name: "diclofenac", percent: 1.3 }] }, form: "patch" },
  Pennsaid: { terms: ["pennsaid"], byForm: { solution: [{ name: "diclofenac" }] }, form: "solution" },
  "Voltaren gel": { terms: ["voltaren(?: \\d(?:\\.\\d+)?\\s*%)? gel"], byForm: { gel: [{ name: "diclofenac", percent: 1 }] }, form: "gel" },
};

const FORMS: Array<[TopicalForm, RegExp]> = [
  ["patch", /\b(?:patch(?:es)?|plasters?|topical systems?)\b/i],
  ["cream", /\b(?:creams?|crème)\b/i],
  ["gel", /\bgels?\b/i],
  ["ointment", /\b(?:ointments?|oint\.?)\b/i],
  ["lotion", /\blotions?\b/i],
  ["solution", /\b(?:topical solution|solution|liquid)\b/i],
  ["spray", /\bsprays?\b/i],
];

const PERCENT = /^\s*(?:\(\s*)?(\d+(?:\.\d+)?|\.\d+)\s*%/;
/** An oral dose right after a name means the drug is not an ingredient of a topical ("gabapentin 300 mg"). */
const ORAL_AFTER = /^\s*(?:\d+(?:\.\d+)?\s*(?:mg|mcg)\b|(?:tabs?|tablets?|caps?|capsules?|po)\b)/i;

const edge = (src: string) => `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])`;
/** One pass over a line: every ingredient's spellings in its own capture group, in INGREDIENT_NAMES order. */
const INGREDIENT_NAMES = Object.keys(INGREDIENTS);
const INGREDIENT_RE = new RegExp(
  edge(INGREDIENT_NAMES.map((name) => `(${INGREDIENTS[name].map((t) => t.replace(/\((?!\?)/g, "(?:")).join("|")})`).join("|")),
  "gi",
);
const BRAND_RES: Array<[string, RegExp]> = Object.entries(BRANDS).map(([name, b]) => [name, new RegExp(edge(b.terms.join("|")), "gi")]);

function formOf(text: string): TopicalForm {
  let best: { form: TopicalForm; index: number } | undefined;
  for (const [form, re] of FORMS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { form, index: m.index };
  }
  return best?.form ?? "unknown";
}

/** Parses the topical product(s) named in one line of text. */
export function parseCompound(text: string): Compound {
  const ingredients: Ingredient[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  let brand: string | undefined;
  let brandAt: [number, number] | undefined;
  for (const [name, re] of BRAND_RES) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!brandAt || m.index < brandAt[0])) {
      brand = name;
      brandAt = [m.index, m.index + m[0].length];
    }
  }

  const clauses = clausesOf(text);
  INGREDIENT_RE.lastIndex = 0;
  for (let m = INGREDIENT_RE.exec(text); m; m = INGREDIENT_RE.exec(text)) {
    {
      const name = INGREDIENT_NAMES[m.slice(1).findIndex((g) => g !== undefined)];
      const start = m.index;
      const end = m.index + m[0].length;
      if (overlaps(start, end) || (brandAt && start < brandAt[1] && end > brandAt[0])) continue;
      const after = text.slice(end);
      if (ORAL_AFTER.test(after)) continue;
      const pct = PERCENT.exec(after);
      // A bare name counts only in a clause that is about a topical product ("continue gabapentin" is not).
      const clause = clauses.find((c) => start >= c.start && start < c.end);
      if (!pct && !(clause && clause.topical)) continue;
      ingredients.push({ name, start, end, ...(pct ? { percent: Number(pct[1]) } : {}) });
      taken.push([start, end]);
    }
  }

  // The form: the word after the brand or the ingredient list, else anywhere in the line.
  const form = brand && BRANDS[brand].form ? BRANDS[brand].form! : formOf(text);
  if (brand && brandAt) {
    const def = BRANDS[brand];
    const list = def.byForm[form] ?? def.byForm.any ?? [];
    for (const i of list) {
      if (ingredients.some((x) => x.name === i.name)) continue;
      ingredients.push({ name: i.name, start: brandAt[0], end: brandAt[1], fromBrand: brand, ...(i.percent !== undefined ? { percent: i.percent } : {}) });
    }
  }
  ingredients.sort((a, b) => a.start - b.start);

  const out: Compound = { ingredients, form, ...(brand ? { brand } : {}) };
  const grams = /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:g|gm|gms|grams?)\b/i.exec(text);
  if (grams) out.grams = Number(grams[1]);
  const ml = /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:ml|cc)\b/i.exec(text);
  if (ml) out.ml = Number(ml[1]);
  const patches = /(?:#\s*|\b(?:qty|quantity|disp(?:ense)?)\s*(?::\s*)?(?:#\s*)?)(\d{1,4})\b(?:\s*patch(?:es)?)?|\b(\d{1,4})\s+patch(?:es)?\s*(?:\/|per|a)\s*(?:box|month|30 days)/i.exec(text);
  if (patches && form === "patch") out.patches = Number(patches[1] ?? patches[2]);
  const perDay = patchesPerDay(text);
  if (perDay !== undefined) out.patchesPerDay = perDay;
  const onOff = /\b(\d{1,2})\s*(?:h|hrs?|hours?)\s*on\b[\s,/;-]*(?:and\s+)?(\d{1,2})\s*(?:h|hrs?|hours?)\s*off\b/i.exec(text);
  if (onOff) {
    out.hoursOn = Number(onOff[1]);
    out.hoursOff = Number(onOff[2]);
  } else {
    const on = /\b(?:on|wear|apply)\s+(?:for\s+)?(?:up to\s+)?(\d{1,2})\s*(?:h|hrs?|hours?)\b|\b(\d{1,2})\s*(?:h|hrs?|hours?)\s+(?:on|a day|per day|daily)\b/i.exec(text);
    if (on) {
      out.hoursOn = Number(on[1] ?? on[2]);
      out.hoursOff = 24 - out.hoursOn;
    }
  }
  return out;
}

const TOPICAL_WORDS = `\\b(?:compound(?:ed)?|transdermal|topical(?:ly)?|creams?|gels?|ointments?|lotions?|patch(?:es)?|${Object.values(BRANDS)
  .flatMap((b) => b.terms)
  .join("|")})\\b`;
const TOPICAL_CUE = new RegExp(`${TOPICAL_WORDS}|\\d\\s*%`, "i");
/** What every line read as a topical product holds (a Scan's `needs`). */
export const TOPICAL_NEEDS = `${TOPICAL_WORDS}|%`;

/** Clauses of a line (cut at semicolons, sentence ends and spaced dashes), each marked when it is about a topical. */
function clausesOf(text: string): Array<{ start: number; end: number; topical: boolean }> {
  const out: Array<{ start: number; end: number; topical: boolean }> = [];
  const cut = /;|\.\s|\s[—–-]\s/g;
  let from = 0;
  for (let m = cut.exec(text); m; m = cut.exec(text)) {
    out.push({ start: from, end: m.index, topical: TOPICAL_CUE.test(text.slice(from, m.index)) });
    from = m.index + m[0].length;
  }
  out.push({ start: from, end: text.length, topical: TOPICAL_CUE.test(text.slice(from)) });
  return out;
}

const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4 };
const FREQ: Array<[RegExp, number]> = [
  [/\b(?:qid|four times (?:a|per) day)\b/i, 4],
  [/\b(?:tid|three times (?:a|per) day)\b/i, 3],
  [/\b(?:bid|twice (?:a|per) day|twice daily|q12h?)\b/i, 2],
  [/\b(?:qd|daily|once (?:a|per) day|once daily|q24h?|per day|a day|\/day)\b/i, 1],
];

/** Patches per day: "up to 3 patches per day", "apply 1-2 patches daily", "1 patch BID". */
function patchesPerDay(text: string): number | undefined {
  const per = /\b(?:up to\s+)?(\d|one|two|three|four)(?:\s*(?:-|–|to)\s*(\d|two|three|four))?\s*patch(?:es)?\s*(?:(?:\/|per|a|each)\s*)?(?:day|daily|24 ?h(?:ours?)?)\b/i.exec(text);
  if (per) {
    const n = (s?: string) => (s === undefined ? undefined : (WORD_NUMBERS[s.toLowerCase()] ?? Number(s)));
    return Math.max(n(per[1]) ?? 0, n(per[2]) ?? 0);
  }
  const units = /\b(\d|one|two|three)(?:\s*(?:-|–|to)\s*(\d|two|three))?\s*patch(?:es)?\b/i.exec(text);
  if (!units) return undefined;
  const after = text.slice(units.index + units[0].length);
  for (const [re, n] of FREQ) {
    if (re.test(after)) {
      const a = WORD_NUMBERS[units[1].toLowerCase()] ?? Number(units[1]);
      const b = units[2] ? (WORD_NUMBERS[units[2].toLowerCase()] ?? Number(units[2])) : 0;
      return Math.max(a, b) * n;
    }
  }
  return undefined;
}

/** What a rule asks of an ingredient. All given fields must hold. */
export interface IngredientMatch {
  /** Generic names (keys of INGREDIENTS). */
  names: string[];
  /** Only in these forms ("unknown" never matches unless listed). */
  forms?: TopicalForm[];
  /** Only when the strength is known and is none of these percents. */
  percentNotIn?: number[];
}

const compounds = new WeakMap<object, Map<number, Compound>>();

/** The offset of the line of `text` holding `pos` (where lineCompound's compound starts). */
export function lineStartAt(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** The compound parsed from the line of `text` holding `pos`, cached per key (a note) and line. */
export function lineCompound(key: object, text: string, pos: number): { compound: Compound; offset: number } {
  const start = lineStartAt(text, pos);
  const nl = text.indexOf("\n", pos);
  const end = nl < 0 ? text.length : nl;
  let byLine = compounds.get(key);
  if (!byLine) {
    byLine = new Map();
    compounds.set(key, byLine);
  }
  let c = byLine.get(start);
  if (!c) {
    c = parseCompound(text.slice(start, end));
    byLine.set(start, c);
  }
  return { compound: c, offset: start };
}

/** Whether the compound holds, at [start, end) of its text, an ingredient satisfying the match. */
export function ingredientAt(compound: Compound, start: number, end: number, match: IngredientMatch): boolean {
  return compound.ingredients.some(
    (i) =>
      i.start < end &&
      i.end > start &&
      match.names.includes(i.name) &&
      (!match.forms || match.forms.includes(compound.form)) &&
      (!match.percentNotIn || (i.percent !== undefined && !match.percentNotIn.includes(i.percent))),
  );
}

/** The ingredients written in one line that reads as a topical product, as spans of the line. */
export function lineIngredients(line: string): Array<{ start: number; end: number }> {
  if (!TOPICAL_CUE.test(line)) return [];
  const out: Array<{ start: number; end: number }> = [];
  const seen = new Set<string>();
  for (const i of parseCompound(line).ingredients) {
    const k = `${i.start}:${i.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ start: i.start, end: i.end });
  }
  return out;
}
