// Outcome polarity: one shared reading of how a treatment turned out (negative, partial, positive,
// unknown), used by every "failed conservative care", "no benefit" and "repeat relief" criterion.
// A treatment followed, in its clause or the next sentence, by a persisting or worse symptom is a
// failed trial. Linear patterns only (bounded quantifiers).
import * as lexicon from "../lexicon";
import type { Span } from "../text";

export type Polarity = "negative" | "partial" | "positive" | "unknown";

const NEGATIVE = new RegExp(
  [
    "\\bfail(?:ed|s|ure)\\b(?! back)",
    "\\bno\\s{1,2}(?:[a-z]{1,14}\\s{1,2}){0,2}?(?:relief|benefit|improvement|help|change|difference|gains?|progress|effect)\\b",
    "\\b(?:did|does|has|have)(?: not|n't)\\s{1,2}(?:[a-z]{1,10}\\s{1,2}){0,2}?(?:help|helped|work|worked|improve|improved|change|resolve|control|settle|relieve|touch|do much|make a difference|benefit)\\b",
    "\\b(?:not|never|wasn't|weren't)\\s{1,2}(?:really\\s{1,2}|very\\s{1,2}|been\\s{1,2})?(?:helpful|effective|beneficial|helped|worked|useful)\\b",
    "\\b(?:unhelpful|ineffective|unsuccessful|refractory|plateau(?:ed|ing)?)\\b",
    "\\bwithout\\s{1,2}(?:[a-z]{1,14}\\s{1,2}){0,2}?(?:relief|benefit|improvement|success)\\b",
    "\\bmade\\s{1,2}(?:no|little)\\s{1,2}(?:[a-z]{1,14}\\s{1,2})?difference\\b",
    "\\bdid\\s{1,2}(?:nothing|little|not much)\\b",
    "\\bnothing\\s{1,2}for\\s{1,2}(?:the|his|her)\\s{1,2}pain\\b",
    "\\b(?:intoleran(?:t|ce)|unable to tolerate|could not tolerate|couldn't tolerate|did not tolerate|didn't tolerate)\\b",
    "\\b(?:upset (?:his|her|the) stomach|gi upset|stomach upset|dyspepsia)\\b",
    "\\b(?:stopped|discontinued|quit)\\s{1,2}(?:it\\s{1,2}|them\\s{1,2})?(?:due to|because of|because|for|after)\\b",
    "\\b(?:minimal|little|negligible|poor)\\s{1,2}(?:relief|benefit|improvement|effect|response)\\b",
    // Stopped for a side effect ("(sedation, stopped)", "rash - discontinued"), or limited by one.
    "\\b(?:side[- ]effects?|sedation|sedating|drowsiness|nausea|vomiting|rash|itching|dizziness|dizzy|hypotension|constipation|headaches?|weight gain|confusion|fatigue|swelling)[\\s,;:()-]{1,4}(?:[a-z]{1,12}[\\s,()-]{1,3}){0,2}?(?:stopped|discontinued|d\\/c'?d|quit|stopped it)\\b",
    "\\b(?:can(?:not|'t)|could(?: not|n't)|unable to)\\s{1,2}(?:go|increase|titrate)\\s{1,2}(?:it\\s{1,2}|the dose\\s{1,2})?(?:any\\s{1,2})?higher\\b",
    "\\bdose[- ]limit(?:ed|ing)\\b",
    "\\b(?:not|poorly)\\s{1,2}(?:controlled|relieved)\\b",
    "\\buncontrolled\\b",
    "\\bdespite\\b",
    "\\binadequate\\s{1,2}(?:relief|response|control)\\b",
    "\\b(?:n(?:ei|ie)ther|none|nothing)\\s{1,2}(?:of\\s{1,2})?(?:[a-z]{1,12}\\s{1,2}){0,4}?(?:helped|helps|worked|works|settled|relieved|did|does|made|changed|improved|moved|touched|eased|shifted|budged|dented)\\b",
    "\\bnone\\s{1,2}(?:with|gave|giving|provided|providing|of (?:which|them|these|those) (?:gave|provided|brought))\\s{1,2}(?:[a-z]{1,12}\\s{1,2}){0,2}?(?:relief|benefit|improvement|help|change)\\b",
    "\\b(?:no\\s{1,2}better|not\\s{1,2}better|worse(?:ned)?|aggravated)\\b",
  ].join("|"),
  "i",
);

const PARTIAL = new RegExp(
  [
    "\\b(?:some|partial|mild|modest|slight|temporary|transient|short[- ]lived|brief|limited)\\s{1,2}(?:[a-z]{1,10}\\s{1,2})?(?:relief|benefit|improvement|help|response|effect)\\b",
    "\\b(?:modestly|somewhat|slightly|partially|partly|mildly|temporarily|briefly|marginally)\\s{1,2}(?:helpful|effective|helped|better|improved|beneficial)\\b",
    "\\bhelp(?:ed|s)?\\s{1,2}(?:a\\s{1,2}(?:little|bit)|somewhat|briefly|temporarily|only\\s{1,2}(?:a\\s{1,2}little|briefly|temporarily)|for\\s{1,2}(?:a\\s{1,2})?(?:few|couple))\\b",
    "\\bonly\\s{1,2}(?:helps?|helped|lasted|lasts)\\b",
  ].join("|"),
  "i",
);

const POSITIVE =
  /\b(?:helped|helpful|effective|beneficial|significant(?:ly)?\s{1,2}(?:relief|improvement|improved|better)|resolved|much\s{1,2}better|good\s{1,2}(?:relief|response)|excellent|worked well)\b/i;

/** A symptom that persists or returns after a treatment. */
const PERSISTS =
  /\b(?:still|continues? to|continued to|remains?|remained|persistent|persisting|persists|persisted|ongoing|unchanged|recurr(?:ed|ing|ent)|returned|came back)\s{1,2}(?:[a-z]{1,14}[\s,]{1,2}){0,3}?(?:pain|painful|symptoms?|symptomatic|spasms?|ache|aching|numb(?:ness)?|hurts?|hurting|limited|wakes|flares?|tender)\b|\b(?:pain|symptoms|spasms?|numbness)\s{1,2}(?:[a-z]{1,12}\s{1,2})?(?:persist(?:s|ed)?|continue[sd]?|remain(?:s|ed)?|returned|recurred|unchanged|worse(?:ned)?)\b/i;

/** The outcome a clause states for the treatment it speaks of. */
export function polarity(clause: string): Polarity {
  const persists = PERSISTS.test(clause);
  if (NEGATIVE.test(clause)) return "negative";
  if (PARTIAL.test(clause)) return "partial";
  if (POSITIVE.test(clause)) return persists ? "partial" : "positive";
  return persists ? "negative" : "unknown";
}

// ---------------------------------------------------------------------------------------------
// Conservative care (CONS-PAT) tried with a negative or partial outcome.

const CONS_GENERIC = [
  "physical therapy",
  "physiotherapy",
  "therapy",
  "pt",
  "aquatic therapy",
  "pool therapy",
  "home exercises?(?: program)?",
  "hep",
  "exercises?",
  "exercise program",
  "stretch(?:ing|es)?",
  "chiropractic(?: care| treatment| manipulation| adjustments?)?",
  "chiro",
  "manipulation",
  "adjustments",
  "acupuncture",
  "massage(?: therapy)?",
  "tens(?: unit)?",
  "activity modification",
  "modified (?:duty|activity|activities)",
  "rest",
  "ice",
  "heat",
  "bracing",
  "nsaids?",
  "anti-?inflammator(?:y|ies)",
  "muscle relax(?:ants?|ers?)",
  "medications?",
  "meds",
  "conservative (?:care|treatment|therapy|management|measures)",
  "injections?",
  "tylenol",
  "acetaminophen",
  "apap",
  "topicals?",
  "yoga",
  "traction",
];

let consRe: RegExp | undefined;
/** A conservative-care element: a modality, HEP, an NSAID or muscle relaxant, rest or activity change. */
function consTreatment(): RegExp {
  if (consRe) return consRe;
  const names = new Set<string>();
  for (const rec of [lexicon.NSAID_DRUGS, lexicon.RELAXANT_DRUGS, lexicon.AED_DRUGS]) {
    for (const terms of Object.values(rec)) {
      for (const t of terms) {
        const plain = /^[a-z][a-z ]{2,24}$/i.exec(t.replace(/\(\?:[^)]{0,40}\)\??/g, "").trim());
        if (plain) names.add(plain[0].toLowerCase());
      }
    }
  }
  for (const g of ["ibuprofen", "naproxen", "meloxicam", "diclofenac", "cyclobenzaprine", "tizanidine", "methocarbamol", "baclofen", "gabapentin", "pregabalin"]) names.add(g);
  const list = [...CONS_GENERIC, ...[...names].sort((a, b) => b.length - a.length)];
  consRe = new RegExp(`(?<![A-Za-z0-9])(?:${list.join("|")})(?![A-Za-z0-9])`, "gi");
  return consRe;
}

/** What every conservative-care outcome holds (for the token index): a treatment word. */
export const CONS_NEEDS = "physical|physio|therapy|pt|aquatic|pool|home|hep|exercis|stretch|chiro|manipulation|adjust|acupuncture|massage|tens|activity|modified|rest|ice|heat|brac|nsaid|anti|muscle|medication|meds|conservative|injection|tylenol|acetaminophen|apap|topical|yoga|traction|ibuprofen|motrin|advil|naprox|aleve|anaprox|diclofenac|voltaren|meloxicam|mobic|celecoxib|celebrex|etodolac|nabumetone|relafen|lodine|ketorolac|toradol|cyclobenzaprine|flexeril|fexmid|amrix|tizanidine|zanaflex|methocarbamol|robaxin|metaxalone|skelaxin|baclofen|orphenadrine|norflex|carisoprodol|soma|chlorzoxazone|parafon|gabapentin|neurontin|gralise|pregabalin|lyrica|topiramate|topamax|duexis|vimovo|arthrotec|cataflam|zipsor|lioresal|dantrolene|horizant|neurotin|carbamazepine|tegretol|oxcarbazepine|trileptal|lamotrigine|lamictal|cyclobenzeprine|flexiril|carisprodol|gabapentine";

/** Words that make a treatment planned, not tried ("will start PT", "PT pending", "consider NSAIDs"). */
const NOT_TRIED_BEFORE =
  /\b(?:will|would|plan(?:s|ned)? to|planning|consider(?:ing)?|recommend(?:ed|s)?|start(?:ing)?|begin|initiate|schedul\w{0,4}|refer(?:red|ral)? (?:to|for)|request(?:ed|ing)?|order(?:ed)?|has not (?:tried|had|done)|hasn't (?:tried|had|done)|have not (?:tried|had)|never (?:tried|had|did|took|been on)|(?:is |was |has been )?(?:not|never) (?:on|taking|given|prescribed|offered)|not yet|no prior|declined|refused|not authori[sz]ed|if)\s{1,2}(?:[a-z/-]{1,14}\s{1,2}){0,3}$/i;
const NOT_TRIED_AFTER = /^\s{0,2}(?:\([^)]{0,30}\)\s{0,2})?(?:is\s{1,2}|was\s{1,2})?(?:pending|not yet|to (?:start|begin)|requested|denied|declined|not authori[sz]ed|scheduled)\b/i;
/** "Goal:", "if ... fails": a condition, not a result. */
const CONDITIONAL = /\b(?:if|unless|should|in case|goals?|in the event)\b/i;

/** Clause ends: the outcome of one item never reaches into the next. */
const CLAUSE_END = /[;\n]|\.(?=\s)|\bbut\b|\bhowever\b|\bwhereas\b/gi;

/** The clause breaks of a text, once: [index, end of the break]. */
function clauseBreaks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(text); m; m = CLAUSE_END.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The clause holding [start, end), from the breaks (a binary search, not a scan from the start). */
function clauseAround(text: string, breaks: Array<[number, number]>, start: number, end: number): Span {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid][1] <= start) lo = mid + 1;
    else hi = mid;
  }
  const from = lo > 0 ? breaks[lo - 1][1] : 0;
  let k = lo;
  while (k < breaks.length && breaks[k][0] < end) k++;
  const to = k < breaks.length ? breaks[k][0] : text.length;
  return { start: from, end: to };
}

/**
 * Conservative care tried and failed: a CONS-PAT element whose clause (or the next sentence of the
 * unit) states a negative or partial outcome or a persisting symptom; planned, declined or
 * conditional care never counts. Spans run from the treatment to its outcome.
 */
export function conservativeFailures(text: string, sentences: readonly Span[] = [{ start: 0, end: text.length }]): Span[] {
  const out: Span[] = [];
  const re = consTreatment();
  const breaks = clauseBreaks(text);
  const clausePolarity = new Map<number, Polarity>();
  let nextPolarity: Polarity | undefined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // A joined window reads an outcome in the second sentence for a treatment in the first only.
    if (sentences.length > 1 && start >= sentences[1].start) break;
    // "PT" written in capitals only (never "pt", the patient).
    if (/^pt$/i.test(m[0]) && m[0] !== "PT") continue;
    if (/^(?:rest|ice|heat|therapy|exercises?|medications?|meds|injections?)$/i.test(m[0]) && !/\b(?:tried|trial|course|failed|with|of|from|despite|after|on)\s{1,2}(?:[a-z]{1,10}\s{1,2})?$/i.test(text.slice(Math.max(0, start - 24), start))) {
      // Generic words count only as the object of a trial ("failed medications", "despite therapy").
      continue;
    }
    const clause = clauseAround(text, breaks, start, end);
    const lead = text.slice(Math.max(clause.start, start - 60), start);
    if (NOT_TRIED_BEFORE.test(lead) || NOT_TRIED_AFTER.test(text.slice(end, end + 40))) continue;
    const own = text.slice(clause.start, clause.end);
    if (CONDITIONAL.test(text.slice(Math.max(clause.start, start - 200), start))) continue;
    // One reading per clause (a clause naming many treatments is read once).
    let p = clausePolarity.get(clause.start);
    if (p === undefined) clausePolarity.set(clause.start, (p = polarity(own)));
    let outEnd = clause.end;
    if (p === "unknown" || p === "positive") {
      // The next sentence of the window: "Eight weeks of therapy. No lasting change."
      const next = sentences.length > 1 ? sentences[1] : undefined;
      if (next && start < next.start && p === "unknown") {
        const np = (nextPolarity ??= polarity(text.slice(next.start, next.end)));
        if (np === "negative" || np === "partial") {
          p = np;
          outEnd = next.end;
        }
      }
    }
    if (p !== "negative" && p !== "partial") continue;
    out.push({ start: Math.min(start, clause.start + (own.length - own.trimStart().length)), end: Math.max(end, outEnd) });
  }
  // Overlapping spans (two treatments of one clause): one span.
  out.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** A negative or partial outcome of any treatment in a clause (for "no benefit" criteria near a service's own term). */
export function negativeOutcomes(text: string): Span[] {
  const p = polarity(text);
  return p === "negative" || p === "partial" ? [{ start: 0, end: text.length }] : [];
}
