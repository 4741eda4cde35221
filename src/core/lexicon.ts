// Shared lexicons and detectors of ../shared/criteria.md §2.5: FI-PAT, PAIN-PAT, CONS-PAT, RAD-PAT
// and the vocabulary several families use (drug classes, body regions, diagnoses).
import type { Concept, Mention } from "./concepts";
import type { Span } from "./text";
import { abbreviationTerms, HEP_PROGRAM } from "./abbreviations";
import { DURATION_SOURCE, durationDays } from "./extract/dates";
import { nameTypos } from "./facts/typos";

// ---------------------------------------------------------------------------------------------
// Drug names (generic, brand, misspellings seen in letters).

export const OPIOID_DRUGS: Record<string, { terms: string[]; mme: number }> = {
  "hydrocodone/APAP": {
    terms: ["norco", "vicodin", "lortab", "hc/apap", "hydrocodone(?:/apap|/acetaminophen| bitartrate)?", "hydrocodon", "zohydro", "hysingla"],
    mme: 1,
  },
  oxycodone: { terms: ["oxycodone(?:/apap)?", "oxycontin", "roxicodone", "percocet", "oxy ?ir", "oxycodon", "endocet"], mme: 1.5 },
  tramadol: { terms: ["tramadol", "ultram(?: er)?", "ultracet", "conzip"], mme: 0.1 },
  tapentadol: { terms: ["tapentadol", "nucynta(?: er)?"], mme: 0.4 },
  morphine: { terms: ["morphine(?: sulfate)?", "ms contin", "msir", "kadian"], mme: 1 },
  hydromorphone: { terms: ["hydromorphone", "dilaudid", "exalgo"], mme: 4 },
  oxymorphone: { terms: ["oxymorphone", "opana"], mme: 3 },
  "codeine/APAP": { terms: ["codeine", "tylenol (?:#|no\\.? ?)3", "tylenol with codeine", "t3"], mme: 0.15 },
  fentanyl: { terms: ["fentanyl", "duragesic"], mme: 2.4 },
  methadone: { terms: ["methadone"], mme: 4 },
  buprenorphine: { terms: ["buprenorphine", "butrans", "belbuca"], mme: 0 },
};

export const BENZO_DRUGS: Record<string, string[]> = {
  alprazolam: ["alprazolam", "xanax", "xanex", "alprazalam"],
  clonazepam: ["clonazepam", "klonopin", "klonipin"],
  lorazepam: ["lorazepam", "ativan"],
  diazepam: ["diazepam", "valium"],
  temazepam: ["temazepam", "restoril"],
  chlordiazepoxide: ["chlordiazepoxide", "librium"],
  clorazepate: ["clorazepate", "tranxene"],
};

/** Not an ingredient of a topical compound: no percent strength after it ("Baclofen 5%"), and not listed
 *  after "compounded" or "transdermal", or after "cream (", "gel with", "ointment containing" in its clause. */
const COMPOUND_CONTEXT =
  "(?:\\b(?:compound(?:ed)?|transdermal)\\b[^\\n.;]{0,50}|\\b(?:cream|gel|ointment|lotion)s?\\s*(?::|\\(|with\\b|containing\\b)[^\\n.;)]{0,50})";
/** The word, unless its clause lists it in a compound (the look-behind sits after the word, so it runs only on a match). */
const notInCompound = (word: string) => `(?:${word})(?<!${COMPOUND_CONTEXT}(?:${word}))`;
/** No percent strength after the name, on its line or in the next table cell ("Baclofen 5%", "| Baclofen | 5% |"). */
const NOT_PERCENT = "(?!\\s*(?:\\|\\s*)?\\d+(?:\\.\\d+)?\\s*%)";

export const RELAXANT_DRUGS: Record<string, string[]> = {
  cyclobenzaprine: [`${notInCompound("cyclobenzaprine")}${NOT_PERCENT}`, "flexeril", "fexmid", "amrix", "cyclobenzeprine", "flexiril"],
  carisoprodol: ["carisoprodol", "soma", "carisprodol"],
  tizanidine: [`${notInCompound("tizanidine")}${NOT_PERCENT}`, "zanaflex"],
  methocarbamol: [`${notInCompound("methocarbamol")}${NOT_PERCENT}`, "robaxin"],
  metaxalone: ["metaxalone", "skelaxin"],
  baclofen: [`${notInCompound("baclofen")}${NOT_PERCENT}`, "lioresal"],
  orphenadrine: [`${notInCompound("orphenadrine")}${NOT_PERCENT}`, "norflex"],
  chlorzoxazone: ["chlorzoxazone", "parafon(?: forte)?"],
  dantrolene: ["dantrolene"],
};

/** Not followed by a percent strength or a topical form: oral NSAIDs, not gels, patches or compounds. */
const ORAL = "(?!\\s*(?:\\|\\s*)?(?:sodium\\s+|epolamine\\s+)?(?:\\d+(?:\\.\\d+)?\\s*%|(?:\\d+(?:\\.\\d+)?\\s*%\\s*)?(?:topical|gel|cream|ointment|lotion|patch|patches|solution|transdermal|/)))";

/** Oral NSAIDs (and NSAID combinations with a GI protectant), for the nsaid-ppi family. */
export const NSAID_DRUGS: Record<string, string[]> = {
  ibuprofen: [`${notInCompound("ibuprofen")}${ORAL}`, "motrin", "advil"],
  naproxen: [`${notInCompound("naproxen(?: sodium)?")}${ORAL}`, "naprosyn", "anaprox(?: ds)?", "aleve"],
  diclofenac: [`${notInCompound("diclofenac(?: sodium| potassium)?")}${ORAL}`, `voltaren(?! ?gel)${ORAL}`, "cataflam", "zipsor"],
  meloxicam: [`${notInCompound("meloxicam")}${ORAL}`, "mobic"],
  celecoxib: ["celecoxib", "celebrex"],
  etodolac: ["etodolac", "lodine"],
  nabumetone: ["nabumetone", "relafen"],
  ketorolac: ["ketorolac", "toradol"],
  "ibuprofen/famotidine": ["duexis"],
  "naproxen/esomeprazole": ["vimovo"],
  "diclofenac/misoprostol": ["arthrotec"],
};

/** Gastroprotective drugs prescribed with NSAIDs: PPIs and H2 blockers. */
export const GI_PROTECT_DRUGS: Record<string, string[]> = {
  omeprazole: ["omeprazole", "prilosec", "omeprazol"],
  pantoprazole: ["pantoprazole", "protonix"],
  esomeprazole: ["esomeprazole", "nexium"],
  lansoprazole: ["lansoprazole", "prevacid"],
  rabeprazole: ["rabeprazole", "aciphex"],
  dexlansoprazole: ["dexlansoprazole", "dexilant"],
  famotidine: ["famotidine", "pepcid"],
  ranitidine: ["ranitidine", "zantac"],
};

/** Anticonvulsants used for pain (generic, brand, misspellings seen in letters). */
export const AED_DRUGS: Record<string, string[]> = {
  gabapentin: [`${notInCompound("gabapentin")}${ORAL}`, "neurontin", "neurotin", "gralise", "horizant", "gabapentine"],
  pregabalin: [`${notInCompound("pregabalin")}${ORAL}`, "lyrica(?: cr)?", "lyrica"],
  topiramate: [`${notInCompound("topiramate")}${ORAL}`, "topamax"],
  carbamazepine: ["carbamazepine", "tegretol"],
  oxcarbazepine: ["oxcarbazepine", "trileptal"],
  lamotrigine: ["lamotrigine", "lamictal"],
};

/** Tricyclic and SNRI antidepressants: the other first-line drugs for neuropathic pain. */
export const TCA_SNRI_TERMS = [
  "tricyclics?",
  "tcas?",
  "snris?",
  `amitriptyline${ORAL}`,
  "elavil",
  "nortriptyline",
  "pamelor",
  "desipramine",
  "imipramine",
  "doxepin",
  "duloxetine",
  "cymbalta",
  "venlafaxine",
  "effexor",
  "milnacipran",
  "savella",
  "antidepressants?",
];

/** Hypnotics for insomnia (non-benzodiazepine), with misspellings seen in letters. */
export const SLEEP_DRUGS: Record<string, string[]> = {
  zolpidem: ["zolpidem(?: tartrate)?(?: er| cr)?", "ambien(?: cr)?", "ambian", "edluar", "intermezzo", "zolpimist"],
  eszopiclone: ["eszopiclone", "lunesta"],
  zaleplon: ["zaleplon", "sonata"],
  suvorexant: ["suvorexant", "belsomra"],
};

export const NSAID_TERMS = [
  "nsaids?",
  "anti-?inflammator(?:y|ies)",
  "ibuprofen",
  "motrin",
  "advil",
  "naproxen",
  "naprosyn",
  "anaprox",
  "aleve",
  "diclofenac",
  "voltaren",
  "meloxicam",
  "mobic",
  "celecoxib",
  "celebrex",
  "etodolac",
  "nabumetone",
  "ketorolac",
  "toradol",
  "indomethacin",
  "ketoprofen",
];

const allTerms = (record: Record<string, string[]>) => Object.values(record).flat();

/** A drug's plain names (no pattern syntax), for the edit-distance reader. */
function plainNames(terms: string[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    const plain = t.replace(/\(\?:[^()]{0,40}\)\??/g, "").trim();
    if (/^[a-z]{6,24}$/i.test(plain)) out.push(plain.toLowerCase());
  }
  return [...new Set(out)];
}

/**
 * Dictation typos of a drug's names, one edit away ("carisprodol", "tizanadine"): read in the lines
 * holding a word that starts like one of the names (its first three letters), never an exact name.
 */
function typoScan(generic: string, terms: string[]): Concept["scan"] {
  const names = [...new Set([...plainNames(terms), ...plainNames([generic])])];
  if (!names.length) return undefined;
  const starts = [...new Set(names.map((n) => n.slice(0, 3)))];
  return {
    unit: "line",
    needs: starts.join("|"),
    // Never another drug's own name ("a typo of A" that is B is B).
    find: (text) => nameTypos(text, names).filter((t) => !knownDrugNames().has(text.slice(t.start, t.end).toLowerCase())),
  };
}

let known: Set<string> | undefined;
function knownDrugNames(): Set<string> {
  if (known) return known;
  known = new Set<string>();
  const records: Array<Record<string, string[]>> = [
    Object.fromEntries(Object.entries(OPIOID_DRUGS).map(([g, d]) => [g, d.terms])),
    BENZO_DRUGS,
    RELAXANT_DRUGS,
    NSAID_DRUGS,
    GI_PROTECT_DRUGS,
    AED_DRUGS,
    SLEEP_DRUGS,
  ];
  for (const rec of records) for (const [g, terms] of Object.entries(rec)) for (const n of [...plainNames(terms), ...plainNames([g])]) known.add(n);
  for (const t of TCA_SNRI_TERMS) for (const n of plainNames([t])) known.add(n);
  return known;
}

/** One concept per generic drug, `drug.<generic>`, and the request map of a drug family. */
export function drugFamily(record: Record<string, string[]>): { concepts: Concept[]; drugs: Record<string, string> } {
  return {
    concepts: Object.entries(record).map(([generic, terms]) => {
      const scan = typoScan(generic, terms);
      return scan ? { id: `drug.${generic}`, terms, scan } : { id: `drug.${generic}`, terms };
    }),
    drugs: Object.fromEntries(Object.keys(record).map((g) => [g, `drug.${g}`])),
  };
}

// ---------------------------------------------------------------------------------------------
// Detectors.

/** What every pain score holds: the "10" of "7/10", or VAS / NRS. */
export const PAIN_SCORE_NEEDS = "10|vas|nrs";

// The detectors of PAIN-PAT pairing, FI-PAT and relief duration live in the facts layer (facts/),
// which also keeps their shared concept IDs ("pain-with-without", "functional-improvement",
// "relief-duration-hours") for the families that name them.

const RELIEF_PERCENT =
  /(?<![\d.])(\d{1,3})\s*%\s*(?:pain\s*)?(?:relief|improvement|reduction|better|decrease|less pain|improved|pain relief)|\b(?:relief|improvement|reduction)\s*(?:(?:of|by)\s*)?(\d{1,3})\s*%/gi;

export function reliefPercents(text: string): Array<{ index: number; length: number; percent: number }> {
  RELIEF_PERCENT.lastIndex = 0;
  return [...text.matchAll(RELIEF_PERCENT)].map((m) => ({
    index: m.index ?? 0,
    length: m[0].length,
    percent: Number(m[1] ?? m[2]),
  }));
}

const LASTING = new RegExp(`\\b(?:x|for|lasting|lasted|lasts?|over|duration(?: of)?:?)\\s*(?:about |approximately |roughly |around |nearly |almost |~|up to |at least )?${DURATION_SOURCE}`, "gi");

export function lastingDurations(text: string): Array<{ index: number; length: number; num: string; unit: string }> {
  LASTING.lastIndex = 0;
  return [...text.matchAll(LASTING)].map((m) => ({ index: m.index ?? 0, length: m[0].length, num: m[1], unit: m[3] }));
}

// ---------------------------------------------------------------------------------------------
// The shared concepts.

export const SHARED_CONCEPTS: Concept[] = [
  {
    id: "function-worse",
    terms: [
      "disabling",
      "unable to work",
      "not working",
      "remains (?:on )?ttd",
      "temporarily totally disabled",
      "no (?:functional|objective) (?:improvement|benefit|gains?)",
      "function(?:al status)? (?:is )?(?:worse|declin\\w+|deteriorat\\w+)",
      "increased restrictions",
      "more restrictions",
      "bed ?bound",
    ],
  },
  { id: "relief-percent", terms: [RELIEF_PERCENT.source] },
  { id: "temporary-relief", terms: ["temporary relief", "short[- ]lived relief", "transient relief", "brief relief", "minimal relief", "no relief"] },

  // CONS-PAT: conservative care.
  {
    id: "stretching",
    terms: ["stretch(?:ing|es)?", "home exercises?(?: program)?", "exercise program", "self[- ]directed exercises?", "yoga"],
    // HEP, never "Hep C" (hepatitis).
    exactTerms: abbreviationTerms(HEP_PROGRAM),
  },
  {
    id: "physical-therapy",
    terms: ["physical therapy", "physiotherapy", "p\\.t\\.", "aquatic therapy", "pool therapy", "work conditioning", "work hardening"],
    exactTerms: ["PT"],
  },
  { id: "nsaid", terms: NSAID_TERMS },
  { id: "muscle-relaxant-any", terms: ["muscle relaxants?", "muscle relaxers?", ...allTerms(RELAXANT_DRUGS)] },
  {
    id: "failure",
    terms: [
      "failed",
      "fails",
      "failure",
      "no (?:lasting |significant |sustained )?(?:relief|benefit|improvement|help)",
      "minimal (?:relief|benefit|improvement)",
      "not helpful",
      "did not help",
      "didn't help",
      "without (?:lasting |significant |sustained )?(?:relief|benefit|improvement)",
      "ineffective",
      "not effective",
      "plateaued",
      "persist(?:s|ent|ed)? despite",
      "despite",
      "refractory",
      "intolerant",
      "intolerance",
      "unsuccessful",
      "did not (?:improve|resolve|control)",
      "inadequate (?:relief|response)",
      "continues? to have pain",
      "not controlled",
      "uncontrolled",
    ],
  },
  { id: "conservative-care", terms: ["conservative (?:care|treatment|therapy|management|measures)"] },
  {
    id: "active-therapy",
    terms: [
      "home exercises?(?: program)?",
      "exercise program",
      "active (?:physical )?therapy",
      "active pt",
      "therapeutic exercises?",
      "active rehab(?:ilitation)?",
      "functional restoration",
      "stretching(?: program)?",
      "strengthening(?: program)?",
      "core stabilization",
      "walking program",
      "aerobic (?:exercise|conditioning)",
      "in conjunction with (?:active |physical )?(?:therapy|pt|exercise)",
    ],
    exactTerms: abbreviationTerms(HEP_PROGRAM),
  },

  // RAD-PAT.
  {
    id: "radicular",
    terms: [
      "radiculopath(?:y|ies)",
      "radiculitis",
      "radicular (?:pain|symptoms|sx|syndrome|complaints|findings|signs|features|component)",
      "radicular",
      "sciatica",
      "radiat(?:es|ing|ion)\\s+(?:\\w+\\s+){0,2}?(?:down|into|to|along)\\s+(?:the\\s+|his\\s+|her\\s+|both\\s+|bilateral\\s+|[lr]\\s+|left\\s+|right\\s+)?(?:legs?|arms?|feet|foot|hands?|fingers?|toes?|calf|calves|thighs?|buttocks?|lower extremit(?:y|ies)|upper extremit(?:y|ies)|[lr]?[lu]e)",
      "shooting (?:pain\\s+)?(?:down|into)\\s+(?:\\w+\\s+){0,2}?(?:legs?|arms?|feet|foot|hands?|lower extremit(?:y|ies)|upper extremit(?:y|ies))",
      "shooting pain into (?:\\w+\\s+)?(?:legs?|arms?)",
      "(?:slr|straight leg raise?)\\s*(?:\\+|pos(?:itive)?)",
      "positive (?:slr|straight leg rais(?:e|ing))",
      "\\+\\s*slr",
      "spurling'?s?(?: test| sign| maneuver)?\\s*(?:\\+|pos(?:itive)?)",
      "positive spurling'?s?",
      "dermatomal (?:numbness|paresthesias?|sensory (?:loss|deficit)|hypoesthesia)",
      "(?:diminished|decreased|absent|asymmetric)\\s+(?:\\w+\\s+)?(?:reflex(?:es)?|dtrs?)",
      "nerve root (?:impingement|compression|effacement|irritation)",
      "m5[01]\\.1\\d?",
      "m54\\.1\\d?",
      "m54\\.[34]\\d?",
      "m47\\.2\\d?",
    ],
  },
  {
    id: "neuro-normal",
    terms: [
      "no radicular (?:symptoms|sx|signs|findings|complaints|pain)",
      "(?:slr|straight leg raise?)\\s*(?:neg(?:ative)?|-|\\(-\\))(?:\\s*(?:bilat(?:erally)?|b/l|bilateral))?",
      "negative (?:slr|straight leg rais(?:e|ing))",
      "(?:sensation|sensory(?: exam)?|reflexes|dtrs?|strength|motor(?: exam)?)(?:[, ]+(?:and\\s+)?(?:sensation|sensory|reflexes|dtrs?|strength|motor))*\\s*(?:are\\s+|is\\s+|:\\s*)?(?:intact|normal|symmetric(?:al)?|nl|wnl|5/5|2\\+)",
      "neuro(?:logic(?:al)?(?:ally)?)?(?: exam)?\\s*(?:is\\s+)?(?:intact|normal|non-?focal|wnl|nl)",
      "(?:emg|emg/ncs|emg/ncv|electrodiagnostic(?: study| studies)?)\\s*(?:was\\s+|were\\s+|is\\s+)?(?:neg(?:ative)?|normal|unremarkable)(?: for radiculopathy)?",
      "non-?radicular",
      "axial (?:pain|back pain|neck pain|lbp)",
    ],
  },

  // Time course.
  {
    id: "chronic",
    terms: ["chronic", "longstanding", "long-standing", "persistent for (?:months|years)", "ongoing for (?:months|years)", "for (?:many )?(?:months|years)"],
  },
  {
    id: "symptom-duration",
    terms: [
      `(?:x|for|since|over the (?:past|last)|past|last)\\s*(?:about |approximately |~|over |more than |>\\s*)?${DURATION_SOURCE}`,
      `${DURATION_SOURCE}\\s+(?:of|history of)\\s+(?:pain|symptoms)`,
    ],
  },
  {
    id: "acute-onset",
    terms: ["acute (?:onset|injury|pain)", "new onset", "new injury", "recent onset", "started (?:\\d+ )?(?:days?|weeks?) ago"],
  },

  // Anatomy and diagnoses, for "request names the body part and diagnosis".
  {
    id: "body-region",
    terms: [
      "cervical",
      "thoracic",
      "lumbar",
      "lumbosacral",
      "sacral",
      "neck",
      "(?:low |lower |upper |mid )?back",
      "spine",
      "c-spine",
      "l-spine",
      "t-spine",
      "paraspinals?",
      "paravertebral",
      "pvm",
      "trapezi(?:us|i)",
      "rhomboids?",
      "levator scapulae",
      "scapular?",
      "shoulders?",
      "arms?",
      "elbows?",
      "forearms?",
      "wrists?",
      "hands?",
      "hips?",
      "buttocks?",
      "gluteal",
      "gluteus(?: medius| maximus)?",
      "piriformis",
      "pyriformis",
      "quadratus lumborum",
      "thighs?",
      "knees?",
      "legs?",
      "ankles?",
      "feet",
      "foot",
      "sacroiliac",
      "si joint",
      "upper extremit(?:y|ies)",
      "lower extremit(?:y|ies)",
      "[bl]ue",
      "[bl]le",
    ],
  },
  {
    id: "icd10",
    terms: ["[A-TV-Z]\\d{2}\\.[0-9A-Z]{1,4}"],
  },
  {
    id: "diagnosis-word",
    terms: [
      "for\\s+(?:\\w+\\s+){0,3}?(?:pain|strain|sprain|myofascial|myalgia|radiculopathy|syndrome|spasm|stenosis|disc|ddd|degeneration|dysfunction|bursitis|tendinitis|arthritis|arthropathy|injury|lbp)",
      "dx:?",
      "diagnosis:?",
    ],
  },
];

export function mentionsIn(mentions: Mention[], span: Span): Mention[] {
  return mentions.filter((m) => m.start >= span.start && m.end <= span.end);
}

// ---------------------------------------------------------------------------------------------
// Relief after a prior procedure, with thresholds given by the rule.

export interface ReliefThreshold {
  /** Relief documented at or above this percent (strictly above when `strict`). */
  minPercent?: number;
  strict?: boolean;
  /** Relief lasting at least this many days. */
  minDays?: number;
  /** The opposite reading: relief at or below this percent, or lasting fewer days. */
  atMostPercent?: number;
  underDays?: number;
  /** Also read a bare percent followed by a duration as relief ("60% x 8 wk", "70% for 6 months"). */
  bareDuration?: boolean;
}

const BARE_RELIEF = /(?<![\d.])(\d{1,3})\s*%\)?(?=\s*(?:x|×|for|lasting|lasted)\s*(?:about |approximately |roughly |around |~|at least )?\d)/gi;


/** A detector for "60% relief x 8 weeks" meeting (or failing) a threshold. */
export function reliefConcept(id: string, t: ReliefThreshold): Concept {
  const find = (text: string): Span[] => {
    const percents = reliefPercents(text);
    if (t.bareDuration) {
      BARE_RELIEF.lastIndex = 0;
      for (const m of text.matchAll(BARE_RELIEF)) {
        const index = m.index ?? 0;
        if (!percents.some((p) => index >= p.index && index < p.index + p.length)) percents.push({ index, length: m[0].length, percent: Number(m[1]) });
      }
      percents.sort((a, b) => a.index - b.index);
    }
    if (!percents.length) return [];
    const days = lastingDurations(text)
      .map((d) => durationDays(d.num, d.unit))
      .filter((d): d is number => d !== undefined && d >= 1);
    const best = Math.max(...percents.map((p) => p.percent));
    const longest = days.length ? Math.max(...days) : undefined;
    const span = { start: percents[0].index, end: percents[0].index + percents[0].length };
    if (t.atMostPercent !== undefined || t.underDays !== undefined) {
      const low = t.atMostPercent !== undefined && best <= t.atMostPercent;
      const short = t.underDays !== undefined && longest !== undefined && longest < t.underDays;
      return low || short ? [span] : [];
    }
    const okPercent = t.minPercent === undefined || (t.strict ? best > t.minPercent : best >= t.minPercent);
    const okDays = t.minDays === undefined || (longest !== undefined && longest >= t.minDays);
    return okPercent && okDays ? [span] : [];
  };
  // Every relief percentage, bare or not, holds a percent sign.
  return { id, scan: { unit: "window", needs: "%", find } };
}
