// Imaging and electrodiagnostics (imaging): ACOEM 2nd ed. ch.12 (low back) p.303-304, ch.8 (neck)
// p.177-178; ODG Low Back, MRIs (repeat imaging). Each modality requested is its own item.
import type { Mention } from "../concepts";
import type { Note } from "../note";
import type { Span } from "../text";
import { DURATION_SOURCE, durationDays } from "../extract/dates";
import type { FamilyDef } from "./types";
import { STUDY_FACT_CONCEPTS } from "../facts/studies";

/** A study named as already done or awaited rather than requested. */
const REVIEW_CONTEXT = "\\b(?:review(?:ed|ing)?|after|await(?:ing)?|pending|discuss(?:ed)?|results? of|read)\\s+(?:(?:the|her|his|recent|prior)\\s+)*";
/** The word, unless a study already done or awaited precedes it (the look-behind runs only on a match). */
const notReviewed = (word: string) => `(?:${word})(?<!${REVIEW_CONTEXT}(?:${word}))`;
const NOT_RESULT_AFTER =
  "(?!\\s+(?:(?:from|dated|of|on|done)\\s+(?:the\\s+)?[\\w/-]+\\s+)?(?:results?|reports?|findings|reviewed|showed|shows|demonstrated|revealed|was|were|is pending|pending))";

const ACOEM = "ACOEM 2nd ed. ch.12 p.303-304 (low back); ch.8 p.177-178 (neck)";

type Find = (id: string) => Mention[];

const REGIONS: Array<[string, RegExp]> = [
  ["lumbar", /\b(?:lumbar|lumbosacral|l-?spine|ls spine|low(?:er)? back|l[1-5](?:-|\/)(?:l?[1-5]|s1)|7214[8]|7215[8])\b/i],
  ["cervical", /\b(?:cervical|c-?spine|neck|c[2-7](?:-|\/)(?:c?[3-7]|t1)|72141|72156)\b/i],
  ["thoracic", /\b(?:thoracic|t-?spine|72146|72157)\b/i],
  ["knee", /\bknees?\b/i],
  ["shoulder", /\bshoulders?\b/i],
  ["hip", /\bhips?\b/i],
  ["brain", /\b(?:brain|head)\b/i],
];

function regionsOf(text: string): Set<string> {
  return new Set(REGIONS.filter(([, re]) => re.test(text)).map(([r]) => r));
}

const PAST = /\b(?:prior|previous(?:ly)?|last|old|showed|shows|show|demonstrat\w+|reveal\w+|dated|done|performed|obtained|reviewed|had|in (?:19|20)\d{2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}[/-](?:19|20)\d{2}|ago)\b/i;

/** MRI mentions describing a study already done (outside the plan). */
function priorMris(note: Note, find: Find): Mention[] {
  return find("imaging.mri-any").filter((m) => {
    if (m.section.kind === "plan" || m.assertion.negated || m.assertion.hypothetical || m.assertion.uncertain || m.assertion.family) return false;
    return m.assertion.historical || PAST.test(note.prose.slice(m.sentence.start, m.sentence.end));
  });
}

/** A prior MRI of a region that a planned MRI also names (same body part imaged again). */
function detectPriorSameRegion(note: Note, find: Find): Span[] {
  const planned = new Set<string>();
  for (const m of find("imaging.item.mri")) {
    if (m.section.kind !== "plan") continue;
    for (const r of regionsOf(note.prose.slice(m.sentence.start, m.sentence.end))) planned.add(r);
  }
  if (!planned.size) return [];
  return priorMris(note, find)
    .filter((m) => [...regionsOf(note.prose.slice(m.sentence.start, m.sentence.end))].some((r) => planned.has(r)))
    .map((m) => ({ start: m.start, end: m.end }));
}

/** Objective nerve compromise on exam, in a patient who failed treatment and would consider surgery (ACOEM p.303). */
function detectNeuroIndication(note: Note, find: Find): Span[] {
  const affirmed = (m: Mention) => !m.assertion.negated && !m.assertion.uncertain && !m.assertion.family;
  const own = (m: Mention) => m.section.kind === "exam" && !m.assertion.uncertain && !m.assertion.family && !m.assertion.hypothetical && !m.assertion.otherSource;
  // RAD-PAT wording, or an exam finding read as a radicular sign (facts/exam.ts: "EHL 4/5 R", "pinprick dulled").
  const signs = [...find("radicular").filter((m) => own(m) && affirmed(m)), ...find("fact.radicular-sign").filter(own)];
  if (!signs.length) return [];
  const failed = [...find("failure"), ...find("fact.failed-care").filter((m) => m.section.kind !== "plan")].some((m) => affirmed(m) && !m.assertion.hypothetical);
  const surgery = find("imaging.surgical-consideration").some((m) => affirmed(m));
  return failed && surgery ? signs.map((m) => ({ start: m.start, end: m.end })) : [];
}

/** Radiculopathy already obvious: radicular exam signs and an MRI showing nerve-root compromise. */
function detectObviousRadiculopathy(_note: Note, find: Find): Span[] {
  const affirmed = (m: Mention) => !m.assertion.negated && !m.assertion.uncertain && !m.assertion.family && !m.assertion.hypothetical;
  const signs = find("radicular").some((m) => m.section.kind === "exam" && affirmed(m));
  if (!signs) return [];
  return find("imaging.mri-root-compromise")
    .filter(affirmed)
    .map((m) => ({ start: m.start, end: m.end }));
}

const SYMPTOM_DURATION = new RegExp(`\\b(?:x|for|since|over the (?:past|last)|past|last|over)\\s*(?:about |approximately |~|over |more than |>\\s*)?${DURATION_SOURCE}|${DURATION_SOURCE}\\s+(?:of|history of)\\s+(?:pain|symptoms|numbness|tingling)`, "gi");

/** Symptom durations of at least 3 weeks ("numbness x 6 weeks", "for 4 months"). */
function detectSymptoms3Weeks(note: Note, find: Find): Span[] {
  const out: Span[] = [];
  for (const m of find("symptom-duration")) {
    SYMPTOM_DURATION.lastIndex = 0;
    const d = SYMPTOM_DURATION.exec(m.text);
    if (!d) continue;
    const days = d[1] !== undefined ? durationDays(d[1], d[3]) : durationDays(d[4], d[6]);
    if (days !== undefined && days >= 21) out.push({ start: m.start, end: m.end });
  }
  return out;
}

export const imaging: FamilyDef = {
  service: "imaging",
  title: "Imaging and electrodiagnostics",
  source: "ACOEM ch.12 p.303-304; ch.8 p.177-178; ODG Low Back, MRIs",
  concepts: [
    {
      id: "imaging.mri-any",
      terms: ["mri'?s?", "mr imaging", "magnetic resonance(?: imaging)?", "(?:cpt\\s*)?(?:7214[168]|7215[678]|73221|73721)"],
    },
    {
      id: "imaging.item.mri",
      terms: [
        // Not a study being reviewed or awaited ("review MRI results", "MRI showed", "after the MRI").
        `${notReviewed("mri'?s?")}${NOT_RESULT_AFTER}`,
        "mr imaging",
        "magnetic resonance(?: imaging)?",
        "mr (?:of (?:the )?)?(?:lumbar|cervical|thoracic|[lct]-?spine|knee|shoulder)",
        "(?:cpt\\s*)?(?:7214[168]|7215[678]|73221|73721)",
      ],
    },
    {
      // "CT" alone is usually cumulative trauma in these notes: a CT request names a scan or a body part.
      id: "imaging.item.ct",
      terms: [
        "ct scans?",
        "cat scans?",
        "computed tomography",
        "ct myelogram",
        "ct (?:of (?:the )?)?(?:lumbar|cervical|thoracic|[lct]-?spine|head|brain|chest|abdomen|pelvis|knee|shoulder|hip|wrist|ankle|foot|elbow)",
        "(?:cpt\\s*)?(?:72125|72128|72131)",
      ],
    },
    {
      id: "imaging.item.emg",
      terms: [
        `${notReviewed("emg(?:\\s*/\\s*(?:ncv|ncs)s?)?")}${NOT_RESULT_AFTER}`,
        // NCS/NCV after "EMG/" belong to the EMG/NCS mention.
        `${notReviewed("ncv")}(?<!/\\s*ncv)${NOT_RESULT_AFTER}`,
        `${notReviewed("ncs")}(?<!/\\s*ncs)${NOT_RESULT_AFTER}`,
        `${notReviewed("nerve conduction(?: stud(?:y|ies)| velocit(?:y|ies)| tests?)?")}${NOT_RESULT_AFTER}`,
        `${notReviewed("electrodiagnostic(?: stud(?:y|ies)| testing| tests?)?")}${NOT_RESULT_AFTER}`,
        "electromyograph(?:y|ic)",
        "(?:cpt\\s*)?(?:95886|9590[789]|9591[0-3])",
      ],
    },
    {
      id: "imaging.spine-region",
      terms: [
        "lumbar",
        "lumbosacral",
        "cervical",
        "thoracic",
        "[lct]-?spine",
        "ls spine",
        "[lc]/s",
        "spine",
        "(?:low(?:er)? )?back",
        "neck",
        "7214[168]",
        "7215[678]",
      ],
    },
    {
      id: "imaging.red-flag",
      terms: [
        "red flags?",
        "cauda equina(?: syndrome)?",
        "saddle (?:an(?:a)?esthesia|numbness|paresthesias?)",
        "(?:bowel|bladder|bowel (?:or|and|/) bladder) (?:incontinence|retention|dysfunction|changes|symptoms)",
        "(?:urinary|fecal) (?:incontinence|retention)",
        "(?:unexplained |unintentional )?weight loss",
        "fevers?",
        "(?:history of |h/o |hx of )?(?:cancer|malignancy|metasta\\w+)",
        "(?:vertebral |compression |spinal )?fractures?",
        "(?:significant |major )?trauma(?<!cumulative trauma)",
        "progressive (?:neurolog\\w+ )?(?:deficits?|weakness|numbness)",
        "foot drop",
        "myelopath(?:y|ic)",
        "(?:spinal |epidural )?(?:infection|abscess|osteomyelitis)",
        "iv drug use",
      ],
    },
    {
      id: "imaging.surgical-consideration",
      terms: [
        "(?:would|will|wants to|willing to|wishes to|interested in|open to) (?:consider|pursue|proceed with|undergo|have) (?:spine |spinal |lumbar |cervical )?(?:surgery|surgical (?:intervention|options?|treatment)|decompression|discectomy|fusion|laminectomy|microdiscectomy)",
        "(?:is a |considered a |potential |possible )?surgical candidate",
        "(?:wants|wishes|desires|is willing to have|would have|would accept) (?:spine |spinal |lumbar |cervical )?(?:surgery|surgical (?:treatment|intervention)|decompression|discectomy|microdiscectomy|fusion|acdf|laminectomy)",
        "refer(?:red|ral)? to (?:a |the )?(?:spine |spinal |neuro|ortho\\w* )surg(?:ery|eon|ical (?:consult(?:ation)?|evaluation))",
        "(?:candidate|considering) (?:for )?(?:spine |spinal )?surgery",
        "(?:spine |spinal |neuro|ortho(?:pedic)? )?surg(?:ical|eon|ery) (?:consult(?:ation)?|referral|evaluation|opinion)",
        "(?:refer(?:red|ral)?|consult(?:ation)?) (?:to|with) (?:a )?(?:spine |spinal |neuro|orthopedic )?surgeon",
        "surgical planning",
        "pre-?op(?:erative)? planning",
      ],
    },
    {
      id: "imaging.no-surgery",
      terms: [
        "not (?:a )?(?:surgical|operative) candidate",
        "non-?surgical candidate",
        "not a candidate for (?:spine |spinal )?surgery",
        "(?:declines|refuses|not interested in|does not want|doesn't want|would not consider|will not consider|won't consider|is against) (?:any )?(?:spine |spinal )?(?:surgery|surgical (?:intervention|options?|treatment))",
        "no surgical (?:lesion|indication|plans?)",
      ],
    },
    {
      id: "imaging.preprocedure",
      terms: [
        "(?:prior to|before|for|to plan|planning (?:of|for)|in preparation for) (?:(?:the|a|an|planned|scheduled|proposed|possible|left|right|bilateral|[clt]\\d(?:-[clt]?\\d)?|[lc]\\d-s1|transforaminal|interlaminar)\\s+){0,4}(?:surgery|surgical intervention|decompression|fusion|esi|epidural(?: steroid injection)?|injection|procedure|rf ablation|radiofrequency)",
        "pre-?(?:operative|procedure|procedural|surgical) (?:planning|imaging|evaluation)",
        "surgical planning",
        "to (?:clarify|define) (?:the )?anatomy",
      ],
    },
    {
      id: "imaging.physiologic",
      terms: [
        "(?:emg|emg/ncs|emg/ncv|electrodiagnostic(?: study| studies)?|ncs|ncv)\\s*(?:\\(\\S+\\)\\s*)?(?:was |were |is )?(?:positive for|consistent with|showed|shows|demonstrat\\w+|revealed|abnormal)",
        "denervation",
        "fibrillation potentials",
      ],
    },
    {
      id: "imaging.failure-to-progress",
      terms: ["fail(?:ed|ure) to progress (?:in|with) (?:a |the )?(?:strengthening|exercise|therapy|pt|rehab\\w*)(?: program)?", "plateaued (?:in|with) (?:strengthening|therapy|pt)"],
    },
    { id: "imaging.prior-mri-same-region", detect: detectPriorSameRegion },
    { id: "imaging.prior-mri", detect: (note, find) => priorMris(note, find).map((m) => ({ start: m.start, end: m.end })) },
    { id: "imaging.neuro-indication", detect: detectNeuroIndication },
    {
      id: "imaging.repeat-cue",
      terms: [
        "(?:repeat|updated?|follow[- ]up|new|another|second|interval)\\s+(?:\\w+\\s+){0,2}?(?:mri|mr imaging|magnetic resonance)",
        "re-?imag(?:e|ing)",
        "(?:mri|study|imaging) (?:again|repeated)",
      ],
    },
    {
      id: "imaging.new-finding",
      terms: [
        "new (?:onset )?(?:weakness|numbness|tingling|deficits?|foot drop|radicular (?:pain|symptoms)|radiculopathy|bowel|bladder|myelopath\\w+|neurolog\\w+ (?:deficits?|findings?|signs?|symptoms?))",
        "progressive (?:neurolog\\w+ |motor |sensory |reflex )?(?:weakness|numbness|deficits?|symptoms?|findings?)",
        "progression of (?:neurolog\\w+ )?(?:weakness|numbness|deficits?|symptoms?|findings?|radicul\\w+)",
        "worsen(?:ed|ing) (?:neurolog\\w+ (?:deficits?|findings?|exam)|weakness|numbness|radicul\\w+ (?:pain|symptoms)|strength)",
        "(?:significant|interval) (?:change|worsening) (?:in|of) (?:symptoms|findings|neurolog\\w+ (?:exam|status|findings))",
        "(?:reflex|strength|sensory) (?:is |now )?(?:newly )?(?:diminished|decreased|absent|lost) since",
      ],
    },
    {
      id: "imaging.mri-root-compromise",
      terms: [
        "(?:mri|mr imaging)[^.;]{0,80}?(?:nerve root (?:impingement|compression|effacement|abutment|displacement)|(?:impinge|compress|efface|abut|displac)\\w* (?:on |of |the )*(?:exiting |traversing )?(?:[lcs]\\d |left |right )?(?:[lcs]\\d )?nerve root)",
      ],
    },
    { id: "imaging.obvious-radiculopathy", detect: detectObviousRadiculopathy },
    {
      id: "imaging.emg-rationale",
      terms: [
        "equivocal",
        "unclear",
        "inconclusive",
        "non-?dermatomal",
        "(?:r/o|rule out|to rule out|evaluate for|eval for|assess for|differentiate|distinguish|versus|vs\\.?)\\s+(?:\\w+\\s+){0,3}?(?:cts|carpal tunnel|cubital tunnel|ulnar|median|peroneal|tarsal tunnel|peripheral (?:neuropathy|nerve entrapment)|neuropathy|entrapment|plexopathy|radiculopathy)",
        "carpal tunnel(?: syndrome)?",
        "cts",
        "cubital tunnel(?: syndrome)?",
        "ulnar neuropathy",
        "tarsal tunnel",
        "peroneal neuropathy",
        "peripheral (?:neuropathy|nerve entrapment)",
        "(?:nerve )?entrapment",
        "plexopathy",
        "(?:positive |\\+ ?)tinel'?s?",
        "tinel'?s?(?: sign)? (?:positive|\\+)",
        "(?:positive |\\+ ?)phalen'?s?",
        "phalen'?s?(?: test)? (?:positive|\\+)",
        "double crush",
      ],
    },
    { id: "imaging.symptoms-3-weeks", detect: detectSymptoms3Weeks },
    // Study facts (facts/studies.ts), shared by every family.
    ...STUDY_FACT_CONCEPTS,
  ],
  request: {
    concepts: [],
    drugs: { MRI: "imaging.item.mri", CT: "imaging.item.ct", "EMG/NCS": "imaging.item.emg" },
    classes: { MRI: ["cross-sectional"], CT: ["cross-sectional"], "EMG/NCS": ["electrodiagnostic"] },
  },
  criteria: [
    {
      id: "mri.indication",
      title: "Spine imaging: red flags, or nerve compromise in a surgical candidate",
      description:
        "Lumbar: red flags, or unequivocal objective findings of specific nerve compromise on exam in a patient who has not responded to treatment and would consider surgery. Cervical: red flags, physiologic evidence of neurologic dysfunction, failure to progress in a strengthening program, or clarification of anatomy before an invasive procedure.",
      citation: ACOEM,
      howToDocument:
        "Name the red flag, or the objective deficit on exam (dermatomal loss, reflex asymmetry, myotomal weakness, positive SLR), the treatment that failed, and that the patient would consider surgery (or the procedure the imaging plans for).",
      template: "MRI ${1:‹region›}: ${2:‹red flag or objective deficit›}; failed ${3:‹treatment›}; ${4|‹surgical candidate?›,would consider surgery,not a surgical candidate|}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:cross-sectional", "requested:imaging.spine-region"],
      messages: {
        missing: "No red flag, or objective nerve compromise with failed treatment in a patient who would consider surgery, is documented for the {drug}; ACOEM supports spine imaging only then.",
        contradicted: "The neurological exam is documented as normal with no red flag; ACOEM does not support spine imaging without red flags or objective nerve compromise.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "neuro-normal", sections: ["exam"] }],
          finding: "contradicted",
          unless: [
            { concept: "imaging.red-flag", accept: "ever", notSections: ["ros"] },
            { concept: "radicular", sections: ["exam"] },
            { concept: "fact.radicular-sign", accept: "assessed", sections: ["exam"] },
            { concept: "imaging.physiologic", accept: "ever" },
            { concept: "imaging.preprocedure", accept: "planned" },
            { concept: "imaging.failure-to-progress", accept: "ever" },
          ],
        },
        {
          kind: "forbid",
          evidence: [{ concept: "imaging.no-surgery", notSections: ["history"] }],
          finding: "contradicted",
          unless: [{ concept: "imaging.red-flag", accept: "ever", notSections: ["ros"] }, { concept: "imaging.preprocedure", accept: "planned" }],
          message: "The patient is documented as not a surgical candidate or not considering surgery, with no red flag; ACOEM supports spine MRI for nerve compromise only when surgery would be considered.",
        },
        {
          kind: "require",
          elements: [
            {
              label: "indication",
              any: [
                { concept: "imaging.red-flag", accept: "ever", notSections: ["ros"] },
                { concept: "imaging.neuro-indication" },
                { concept: "imaging.preprocedure", accept: "planned" },
                { concept: "imaging.physiologic", accept: "ever" },
                { concept: "imaging.failure-to-progress", accept: "ever" },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "emg.indication",
      title: "EMG/NCS: subtle or equivocal findings after 3-4 weeks",
      description:
        "EMG may identify subtle focal neurologic dysfunction when symptoms last more than 3-4 weeks; it is not needed when radiculopathy is already clinically obvious (exam plus confirming MRI). NCS is not recommended for low back symptoms presumed radicular.",
      citation: "ACOEM 2nd ed. ch.12 p.303; ODG Low Back, EMGs / Nerve conduction studies",
      howToDocument:
        "Give how long the symptoms have lasted (over 3-4 weeks) and why the diagnosis is unclear: equivocal or non-dermatomal findings, or a suspected peripheral entrapment (e.g. carpal tunnel) to tell apart from radiculopathy.",
      template: "EMG/NCS ${1:‹limbs›}: ${2:‹equivocal or non-dermatomal findings›} x ${3:‹weeks›} wk; r/o ${4:‹suspected entrapment›}",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:electrodiagnostic"],
      messages: {
        missing: "No {elements} documented for the {drug}; ACOEM supports electrodiagnostics for subtle or equivocal neurological findings after 3-4 weeks of symptoms.",
        contradicted: "Radiculopathy is already clinically obvious (radicular exam with a confirming MRI); ACOEM does not support EMG/NCS when radiculopathy is clinically obvious.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "imaging.obvious-radiculopathy", accept: "ever" }],
          finding: "contradicted",
          unless: [{ concept: "imaging.emg-rationale", accept: "planned" }, { concept: "imaging.emg-rationale", accept: "ever" }],
        },
        {
          kind: "minimum",
          fact: "symptomDays",
          min: 21,
          orEvidence: [{ concept: "imaging.symptoms-3-weeks", accept: "ever", notSections: ["plan"] }, { concept: "chronic", notSections: ["history", "ros", "plan"] }],
          finding: "missing",
          message: "Symptoms lasting over 3-4 weeks are not documented for the {drug}; ACOEM supports electrodiagnostics after 3-4 weeks of symptoms.",
        },
        {
          kind: "require",
          elements: [
            {
              label: "equivocal findings or suspected peripheral nerve entrapment",
              any: [{ concept: "imaging.emg-rationale", accept: "planned" }, { concept: "imaging.emg-rationale", accept: "ever" }],
            },
          ],
        },
      ],
    },
    {
      id: "mri.repeat",
      title: "Repeat MRI: significant change since the prior study",
      description: "A repeat MRI is not routinely recommended; it needs a significant change in symptoms or findings suggesting significant pathology since the prior MRI.",
      citation: "ODG Low Back, MRIs (magnetic resonance imaging)",
      howToDocument: "Give the date and result of the prior MRI and the new or progressive deficit since then (new weakness, a new reflex loss, bowel or bladder change).",
      template: "Prior MRI ${1:‹date›}: ${2:‹result›}; new ${3:‹new or progressive deficit›} since",
      section: "assessment",
      defaultSeverity: "warning",
      scope: "item",
      when: ["drug:MRI"],
      messages: {
        missing: "A repeat MRI lacks {elements}; ODG requires a significant change in symptoms or findings since the prior MRI.",
      },
      checks: [
        {
          kind: "require",
          when: ["requested:imaging.repeat-cue"],
          elements: [
            { label: "the prior MRI (date and result)", any: [{ concept: "imaging.prior-mri", accept: "ever" }] },
            { label: "a new or progressive finding since", any: [{ concept: "imaging.new-finding", notSections: ["history"] }] },
          ],
        },
        {
          kind: "require",
          when: ["evidence:imaging.prior-mri-same-region"],
          elements: [{ label: "a new or progressive finding since", any: [{ concept: "imaging.new-finding", notSections: ["history"] }] }],
        },
      ],
    },
  ],
};
