// Leaf vocabulary of the facts layer: number words, the words that name a medication or a dose, the
// activities function is measured in, and the validated scores. Drug names come from the lexicon
// (read lazily: the lexicon's own detectors call the facts layer, so neither reads the other while
// it loads). Every pattern here is linear: bounded quantifiers, no nested repetition.
import * as lexicon from "../lexicon";

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  "forty-five": 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  a: 1,
  an: 1,
  half: 0.5,
};

/** A number written in digits ("4", "2.5") or as a word ("four", "forty-five"). */
export const NUM_WORD_SOURCE = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety";
export const NUM_SOURCE = `\\d{1,3}(?:\\.\\d{1,2})?|${NUM_WORD_SOURCE}`;

export function toNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return NUMBER_WORDS[t];
}

/** Generic words for a medication, a dose or a treatment's effect ("it", "them" refer back to one). */
const MED_GENERIC = [
  "meds?",
  "medications?",
  "medicines?",
  "pills?",
  "tablets?",
  "tabs?",
  "capsules?",
  "doses?",
  "dosing",
  "analgesics?",
  "opioids?",
  "narcotics?",
  "pain pills?",
  "regimen",
  "prescription",
  "patch(?:es)?",
  "it",
  "them",
];

let medRe: RegExp | undefined;
/** A medication word: a generic word or any drug name of the lexicon. */
export function medWord(): RegExp {
  if (medRe) return medRe;
  const names = new Set<string>();
  const add = (terms: string[]) => {
    for (const t of terms) {
      // Only plain names (the lexicon's look-arounds stay in the lexicon).
      const plain = /^[a-z][a-z ]{2,24}$/i.exec(t.replace(/\(\?:[^)]{0,40}\)\??/g, "").trim());
      if (plain) names.add(plain[0].toLowerCase());
    }
  };
  for (const d of Object.values(lexicon.OPIOID_DRUGS)) add(d.terms);
  for (const rec of [lexicon.BENZO_DRUGS, lexicon.RELAXANT_DRUGS, lexicon.NSAID_DRUGS, lexicon.AED_DRUGS, lexicon.SLEEP_DRUGS]) {
    for (const [name, terms] of Object.entries(rec)) {
      // The generic name itself: its lexicon term may carry look-arounds ("naproxen" not in a compound).
      names.add(name.toLowerCase());
      add(terms);
    }
  }
  for (const g of ["hydrocodone", "oxycodone", "tramadol", "gabapentin", "cyclobenzaprine", "tizanidine", "baclofen", "pregabalin"]) names.add(g);
  const list = [...MED_GENERIC, ...[...names].sort((a, b) => b.length - a.length)];
  medRe = new RegExp(`\\b(?:${list.join("|")})\\b`, "i");
  return medRe;
}

/** Activities function is measured in (FI-PAT), as word starts. */
export const ACTIVITY_SOURCE =
  "walk\\w{0,4}|stand\\w{0,4}|sit(?:s|ting)?|lift\\w{0,4}|carr(?:y|ies|ying)|driv\\w{0,4}|sleep\\w{0,4}|dress\\w{0,4}|bath\\w{0,4}|shower\\w{0,4}|cook\\w{0,4}|clean\\w{0,4}|chores?|housework|household|shop\\w{0,5}|groceries|grocery|yard ?work|mow\\w{0,4}|lawn|garden\\w{0,4}|child ?care|typ(?:e|ing)|climb\\w{0,4}|stairs|steps|flights?|exercis\\w{0,4}|bend\\w{0,4}|reach\\w{0,4}|grip\\w{0,4}|push\\w{0,4}|pull\\w{0,4}|squat\\w{0,4}|kneel\\w{0,4}|adls?|activities of daily living|tolerance|distance|blocks|shifts?|work(?:s|ed|ing)?|job|duty|hours|dishes|laundry|vacuum\\w{0,4}|hold\\w{0,4}|play\\w{0,4}|golf\\w{0,4}|swim\\w{0,4}|run\\w{0,4}|jog\\w{0,4}|hik\\w{0,4}|bike|cycl\\w{0,4}|flexion|extension|abduction|rotation|rom|range of motion|strength|grip";

/** Validated disability scores where a lower value is better. */
export const LOWER_BETTER_SCORE =
  "odi|oswestry|ndi|neck disability index|rmdq|roland[- ]morris|quick ?dash|dash|peg|pdi|pain disability index|gad-?7|phq-?9|isi|panic attacks?|attacks|episodes|awakenings|nightmares|flare-?ups?|flares|spasms";
/** Validated function scores where a higher value is better. */
export const HIGHER_BETTER_SCORE = "lefs|psfs|sf-?36";

/** Words that make a statement a goal or a target, never a result. */
export const GOAL_WORDS =
  /\b(?:goals?|targets?|aims?|aiming|hope[sd]?|hoping|would like to|wants? to|expected to|expect(?:s|ing)? to|expected (?:outcomes?|results?)|anticipated|(?:should|would) be able to|plan(?:s|ned)? to|in order to|to achieve|objective)\b/i;
