// Abbreviations that clash (criteria.md §2.5, Disambiguation): PT is physical therapy or the patient,
// HEP a home exercise program or hepatitis, CMT chiropractic manipulative treatment or
// Charcot-Marie-Tooth, AP acupuncture or anteroposterior. Each sense is declared as data (the
// written forms, the neighbouring words that confirm or exclude it) and compiled into one regex
// source for a concept's `exactTerms`: the forms stay case-sensitive, the context words are matched
// in any case, and the context is read with lookarounds so the mention's span is the abbreviation.

/** A context pattern: a regex source matched in any case, or `{ exact }` matched as written. */
export type ContextPattern = string | { exact: string };

export interface AbbreviationSense {
  /** What the sense means, for documentation and tests ("physical therapy"). */
  meaning: string;
  /** The written forms, as regex sources matched case-sensitively ("PT", "P\\.T\\."). */
  forms: string[];
  /** Words right after the form (after optional spaces) that confirm this sense. */
  confirmAfter?: ContextPattern[];
  /** Words right before the form (before optional spaces) that confirm this sense. */
  confirmBefore?: ContextPattern[];
  /** Words right after the form that exclude this sense (they win over a confirmation). */
  excludeAfter?: ContextPattern[];
  /** Words right before the form that exclude this sense. */
  excludeBefore?: ContextPattern[];
  /** Without a confirming or excluding context: read the form in this sense, or not. */
  otherwise: "accept" | "reject";
}

/** Rewrites a regex source so that its letters match in either case (for use under a case-sensitive flag). */
export function anyCase(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      // An escape (\d, \s, \b, \/, \.) stays as written.
      out += c + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "[") {
      // A character class: add the other case of every letter and letter range.
      let j = i + 1;
      let body = "";
      if (source[j] === "^") {
        body += "^";
        j++;
      }
      let extra = "";
      while (j < source.length && source[j] !== "]") {
        if (source[j] === "\\") {
          body += source[j] + (source[j + 1] ?? "");
          j += 2;
          continue;
        }
        const a = source[j];
        if (source[j + 1] === "-" && source[j + 2] !== undefined && source[j + 2] !== "]") {
          const b = source[j + 2];
          body += `${a}-${b}`;
          if (isLetter(a) && isLetter(b)) extra += `${swap(a)}-${swap(b)}`;
          j += 3;
          continue;
        }
        body += a;
        if (isLetter(a)) extra += swap(a);
        j++;
      }
      out += `[${body}${extra}]`;
      i = j;
      continue;
    }
    if (c === "(" && source[i + 1] === "?") {
      // Group syntax ((?:, (?=, (?<!) has no letters to widen.
      const m = /^\(\?(?:<[=!]|[:=!])/.exec(source.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === "{") {
      // A quantifier {1,3}.
      const m = /^\{\d*(?:,\d*)?\}/.exec(source.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    out += isLetter(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

function isLetter(c: string): boolean {
  return /[A-Za-z]/.test(c);
}

function swap(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

function contextSource(list: ContextPattern[]): string {
  return list.map((p) => (typeof p === "string" ? anyCase(p) : p.exact)).join("|");
}

/**
 * One regex source (for `exactTerms`) that matches the forms only when read in this sense:
 * not next to an excluding context, and either next to a confirming context or accepted by default.
 */
export function abbreviationSource(sense: AbbreviationSense): string {
  const form = `(?:${sense.forms.join("|")})`;
  // Context words are word-bounded on their outer side (a context ending in "/" or "x" needs no boundary there).
  const endEdge = "(?:(?<![A-Za-z0-9])|(?![A-Za-z0-9]))";
  const startEdge = "(?:(?![A-Za-z0-9])|(?<![A-Za-z0-9]))";
  const after = (list: ContextPattern[]) => `(?=[ \\t]*(?:${contextSource(list)})${endEdge})`;
  const before = (list: ContextPattern[]) => `(?<=${startEdge}(?:${contextSource(list)})[ \\t]*)`;
  const notAfter = sense.excludeAfter?.length ? `(?![ \\t]*(?:${contextSource(sense.excludeAfter)})${endEdge})` : "";
  const notBefore = sense.excludeBefore?.length ? `(?<!${startEdge}(?:${contextSource(sense.excludeBefore)})[ \\t]*)` : "";
  let core: string;
  if (sense.otherwise === "accept") core = form;
  else {
    const branches: string[] = [];
    if (sense.confirmBefore?.length) branches.push(`${before(sense.confirmBefore)}${form}`);
    if (sense.confirmAfter?.length) branches.push(`${form}${after(sense.confirmAfter)}`);
    // A sense that is never accepted matches nothing.
    core = branches.length ? `(?:${branches.join("|")})` : "(?!)";
  }
  // The leading lookahead fails fast at positions without the form, before any lookbehind runs.
  return `(?=${form})${notBefore}${core}${notAfter}`;
}

/** The sense sources of several declarations, for a concept's `exactTerms`. */
export function abbreviationTerms(...senses: AbbreviationSense[]): string[] {
  return senses.map(abbreviationSource);
}

// ---------------------------------------------------------------------------------------------
// The clashes of criteria.md §2.5 as data.

const COUNT_AFTER = [
  "x\\s*\\d{1,2}",
  "\\d{1,2}\\s*(?:x|times)\\s*(?:\\/|a|per|weekly|each|every|w(?:ee)?ks?|\\d)",
  "(?:once|twice|three times|weekly|biweekly)",
  "(?:\\d{1,2}\\s*)?(?:more |additional |further |prior |previous )?(?:visits?|sessions?|treatments?|appointments?)",
];

/** Verbs and phrases that make "PT"/"Pt" the patient: "Pt reports", "PT is a 45-year-old", "pt's". */
const PATIENT_AFTER: ContextPattern[] = [
  "(?:reports?|reported|reporting|states?|stated|denies|denied|presents?|presented|returns?|returned|complains?|complained|c\\/o|feels?|felt|says|said|agrees?|agreed|understands|verbali[sz]es|verbali[sz]ed|ambulates?|ambulated|tolerates?|tolerated|lives|works|worked|walks|walked|takes|took|arrives?|arrived|appears?|endorses?|endorsed|admits|notes|noted|describes|described|rates|rated|wishes|wants|prefers|declines|declined|requests|requested|asks|asked|was seen|is seen|seen|examined|instructed|educated|counseled|advised|informed|tells|told|left(?!\\s+(?:upper|lower|shoulder|elbow|wrist|hand|thumb|finger|knee|ankle|foot|heel|hip|leg|arm|neck|back|side|lumbar|cervical|thoracic|si\\b|sacroiliac|buttock|gluteal|trapezius|[ltc]\\d))|came|comes|got|gets|sat|stood|demonstrates|demonstrated)",
  "(?:is|was|has been) (?:a|an|\\d{1,3}|here|seen|alert|awake|oriented|pleasant|in no)",
  "(?:is|was) (?:currently |still )?(?:working|taking|using|doing|unable|able|off work|on (?:modified|full|light)|not working)",
  "(?:has|had|did|does) (?:no|a|an|pain|difficulty|trouble)",
  "'s",
  "(?:name|dob|age|id)\\b",
];

/** Other capital PTs: prothrombin time ("PT/INR", "PT and PTT") and the posterior tibial pulse ("DP/PT pulses"). */
const NOT_THERAPY_AFTER: ContextPattern[] = ["(?:\\/|,|and|&)?\\s*(?:inr|ptt|aptt)", "(?:pulses?|\\/\\s*dp)", "(?:time|seconds|sec)"];
const NOT_THERAPY_BEFORE: ContextPattern[] = [
  "(?:dp|dorsalis pedis)\\s*(?:\\/|and|&|,)?",
  "(?:cbc|cmp|bmp|coags?|coagulation|labs?|inr|ptt)[^\\n]{0,20}?",
];

export const PT_THERAPY: AbbreviationSense = {
  meaning: "physical therapy (upper-case PT)",
  forms: ["PT"],
  // "PT" in capitals is the therapy unless a patient verb follows ("PT REPORTS PAIN", "PT is a 45-year-old").
  excludeAfter: [...PATIENT_AFTER, ...NOT_THERAPY_AFTER],
  excludeBefore: ["(?:discussed with|d\\/w|told|informed|advised|instructed|educated|counseled|asked|examined|saw|seen)", ...NOT_THERAPY_BEFORE],
  otherwise: "accept",
};

export const PT_THERAPY_LOWER: AbbreviationSense = {
  meaning: "physical therapy (lower/title-case pt, only with a therapy context)",
  forms: ["Pt", "pt"],
  confirmAfter: [...COUNT_AFTER, "(?:eval(?:uation)?|re-?eval(?:uation)?|referral|program|course|plan of care|poc|protocol|clinic|notes)"],
  confirmBefore: [
    "(?:continue|cont\\.?|resume|start|begin|request(?:ing)?|authori[sz]e|refer(?:ral)? (?:to|for)|order(?:ed)?|completed|attended|formal|post-?op|course of|additional|more|further|failed|outpatient|aquatic|land-based)",
  ],
  excludeAfter: [...PATIENT_AFTER, ...NOT_THERAPY_AFTER],
  otherwise: "reject",
};

export const HEP_PROGRAM: AbbreviationSense = {
  meaning: "home exercise program",
  forms: ["HEP", "Hep", "hep", "H\\.E\\.P\\.?"],
  // "Hep C", "Hep-B", "HepC", "hep A/B vaccine": hepatitis.
  excludeAfter: [{ exact: "-?[A-E](?![A-Za-z])" }, "(?:panel|serolog\\w*|antibod\\w*|vaccin\\w*|virus|infection|positive|carrier|titer|screen\\w*)"],
  otherwise: "accept",
};

export const CMT_CHIRO: AbbreviationSense = {
  meaning: "chiropractic manipulative treatment",
  forms: ["CMT"],
  // "Charcot-Marie-Tooth (CMT)", "CMT disease", "CMT type 1A", "CMT1A", "hereditary CMT": the neuropathy.
  excludeAfter: ["(?:disease|neuropathy|type|polyneuropathy|gene|mutation|diagnosis)", { exact: "-?(?:[124][A-J]|X)(?![A-Za-z0-9])" }],
  excludeBefore: ["(?:charcot[- ]marie[- ]tooth|hereditary|familial|inherited)[ \\t]*\\(?", "(?:diagnosed with|dx of|history of|h\\/o|hx of|family history of)"],
  otherwise: "accept",
};

export const AP_ACUPUNCTURE: AbbreviationSense = {
  meaning: "acupuncture (only with a treatment context)",
  forms: ["AP"],
  confirmAfter: COUNT_AFTER,
  confirmBefore: [
    "(?:continue|cont\\.?|resume|start|begin|request(?:ing)?|authori[sz]e|trial of|course of|additional|more|further|completed|failed|prior|previous|\\d{1,2}\\s*(?:sessions?|visits?|treatments?) of)",
  ],
  // "AP and lateral", "AP/lat", "AP view", "AP pelvis", "AP diameter", "A/P:" (assessment and plan).
  excludeAfter: [
    "(?:and|&|\\/)\\s*lat(?:eral)?",
    "(?:view|views|x-?rays?|films?|radiographs?|projection|diameter|pelvis|spine|chest|cxr|dimension|axis|plane|translation|:)",
  ],
  otherwise: "reject",
};

export const EA_ELECTROACUPUNCTURE: AbbreviationSense = {
  meaning: "electroacupuncture (only with a treatment context)",
  forms: ["EA"],
  confirmAfter: COUNT_AFTER,
  confirmBefore: ["(?:acupuncture|acupuncture with|with|and|continue|request(?:ing)?|trial of|course of)"],
  otherwise: "reject",
};
