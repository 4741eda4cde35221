// Functional restoration program (frp): MTUS CPMTG 2009, Chronic pain programs (functional
// restoration programs) p.30-32 and Functional restoration programs p.49. Criteria:
// ../shared/criteria.md §3.18. Work hardening is not an FRP. A request for the FRP evaluation only
// is not held to the admission criteria that the evaluation itself establishes (baseline testing,
// motivation) nor to the program's duration.
import type { Mention } from "../concepts";
import { findDates } from "../extract/dates";
import { sentenceReading, type Note } from "../note";
import type { Span } from "../text";
import { visitOf } from "./elements";
import { requestConcept } from "./physical-medicine";
import type { FamilyDef } from "./types";

const EVALUATION_AFTER = /^\s*(?:program\s+)?(?:evaluation|eval|assessment|screening|consult(?:ation)?|intake)\b/i;
const EVALUATION_BEFORE = /\b(?:evaluation|eval|assessment|screening|consult(?:ation)?|intake)\s+(?:for|to determine candidacy for)\s+(?:an?\s+|the\s+)?$/i;

/** A request that carries a program on: "extend the program", "continuation request", "2 more weeks". */
const CONTINUATION =
  /\b(?:extend(?:ed|ing)?|extension|continu(?:e|ed|ing|ation)|additional|another|further|more (?:weeks?|days?|sessions?|hours?))\b/i;
/**
 * A count of program days, sessions or hours done: "Days completed: 15", "sessions attended 9",
 * "attended 15 of 15 days", "completed 60 hours". Read on one line.
 */
const PROGRESS =
  /\b(?:(?:program |treatment )?(?:days?|sessions?|hours?|weeks?)[ \t]+(?:completed|attended|done)\b(?=[ \t]{0,3}(?:[:=|-][ \t]{0,3})?\d)|(?:completed|attended|finished)[ \t]+\d{1,3}[ \t]+(?:of[ \t]+(?:the[ \t]+)?\d{1,3}[ \t]+)?(?:full[- ])?(?:program[ \t]+)?(?:days?|sessions?|hours?|weeks?)\b)/gi;

function progressCounts(prose: string): Span[] {
  const out: Span[] = [];
  PROGRESS.lastIndex = 0;
  for (let m = PROGRESS.exec(prose); m; m = PROGRESS.exec(prose)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** The latest full date a sentence gives, if any. */
function sentenceDate(note: Note, m: Mention): string | undefined {
  return sentenceReading(note, m.sentence, latestDate);
}
const latestDate = (text: string): string | undefined => findDates(text).map((d) => d.iso).sort().at(-1);

/**
 * Whether a "not a surgical candidate" statement overrides a surgery mention: it is dated later, or
 * (when the two are not both dated) it stands after it in the note.
 */
function overrides(note: Note, ruling: Mention, surgery: Mention): boolean {
  const a = sentenceDate(note, ruling);
  const b = sentenceDate(note, surgery);
  if (a && b && a !== b) return a > b;
  return ruling.start > surgery.start;
}

const P32 = "MTUS CPMTG 2009, Chronic pain programs, p.30-32";
const NOT_EVALUATION = "not:requested:frp.evaluation-only" as const;

export const frp: FamilyDef = {
  service: "frp",
  title: "Functional restoration program",
  source: "MTUS CPMTG 2009, Chronic pain programs p.30-32; Functional restoration programs p.49",
  concepts: [
    // A past FRP *evaluation* is not a prior course of the program: outside the current plan, drop mentions
    // that name the evaluation ("FRP evaluation 08/2025", "evaluation for a functional restoration program").
    {
      id: "frp.course",
      detect: (note: Note, find: (id: string) => Mention[]): Span[] => {
        const visit = visitOf(note);
        const named = find("frp.term").filter((m) => {
          // The plan of the visit documented now may request the evaluation itself; an earlier visit's plan is history.
          if (m.section.kind === "plan" && (!visit || (m.start >= visit.start && m.start < visit.end))) return true;
          const after = note.prose.slice(m.end, m.sentence.end);
          const before = note.prose.slice(m.sentence.start, m.start);
          return !EVALUATION_AFTER.test(after) && !EVALUATION_BEFORE.test(before);
        });
        const spans = named.map((m) => ({ start: m.start, end: m.end }));
        // A continuation of the program: its progress counts ("Days completed: 15", "attended 12 of 12
        // days") refer to the program by coreference even where it is not named in that sentence.
        if (named.some((m) => CONTINUATION.test(note.prose.slice(m.sentence.start, m.sentence.end)))) {
          for (const p of progressCounts(note.prose)) if (!spans.some((s) => s.start < p.end && p.start < s.end)) spans.push(p);
          spans.sort((a, b) => a.start - b.start);
        }
        return spans;
      },
    },
    requestConcept("frp.request", "frp.course"),
    {
      id: "frp.term",
      terms: [
        "functional restoration(?: program(?:me)?)?",
        "frp",
        "help program",
        "(?:interdisciplinary|multidisciplinary) (?:chronic )?pain (?:management |rehabilitation )?(?:program|rehabilitation)",
        "chronic pain (?:management |rehabilitation )?program",
        "pain rehabilitation program",
        // The program named again by coreference in a continuation ("extend the program 2 more weeks").
        "(?:extend|extending|extension of|continuation of|continue) (?:the |this )program(?= (?:by |for )?(?:\\d|one|two|three|four|another|an additional))",
      ],
    },
    {
      id: "frp.evaluation-only",
      terms: [
        "(?:frp|functional restoration(?: program)?|help program|pain program) (?:evaluation|eval|assessment|screening|consult(?:ation)?)",
        "(?:evaluation|eval|assessment|screening|consult(?:ation)?) (?:for|to determine candidacy for) (?:an? |the )?(?:frp|functional restoration|help program|(?:interdisciplinary |multidisciplinary )?pain program)",
      ],
    },
    {
      id: "frp.baseline",
      terms: [
        "fce",
        "functional capacity evaluation",
        "(?:pdi|odi|ndi|oswestry|pain disability index|rmdq|roland[- ]morris|quick ?dash)\\s*(?:score\\s*)?(?:of\\s*|is\\s*|:\\s*|=\\s*)?\\d{1,3}",
        "(?:6|six)[- ]minute walk(?: test)?[^.;\\n]{0,15}?\\d+",
        // A measured test, not the patient's own account ("she can sit about 10 minutes" is self-report).
        "(?:lift(?:ing)?|carry|push|pull|grip)\\s{1,2}(?:test(?:ing)?|capacity)[^.;\\n]{0,20}?\\d{1,3}\\s{0,2}(?:lbs?|pounds|kg)",
        "(?:tested|measured|demonstrated|on testing|on fce)[^.;\\n]{0,30}?\\d{1,3}\\s{0,2}(?:lbs?|pounds|kg|min(?:ute)?s?|feet|ft|m)\\b",
        "(?:sitting|standing|walking) tolerance\\s*(?:(?:of|is|:)\\s*)?\\d+",
        "baseline (?:functional )?(?:testing|measures|assessment)",
      ],
    },
    {
      id: "frp.no-options",
      terms: [
        "no (?:other|further|additional) (?:[a-z]{1,16} ){0,2}options?",
        "(?:is|are) not an option",
        "(?:does|do) not recommend (?:any )?further (?:injections?|procedures?|interventions?|surgery)",
        "no (?:other|further|additional) (?:interventions?|treatments?|procedures?|surgical options?)\\s*(?:are |is )?(?:planned|indicated|available|recommended|appropriate|likely)",
        "exhausted (?:\\w+ ){0,2}(?:options|treatments?|care|measures)",
        "(?:other|all) (?:treatment )?options (?:have been |are )?exhausted",
        "no (?:other|further) (?:treatment|option) (?:is )?likely to (?:help|result|provide)",
      ],
    },
    {
      id: "frp.options-pending",
      terms: [
        "(?:surgery|surgical consult\\w*|injections?|esi|epidural|rfa|radiofrequency|procedure|further work-?up|other treatment options?|spinal cord stimulator(?: trial)?|scs trial) (?:is |are |has been |was )?(?:pending|scheduled|planned|being considered|requested|recommended|authorized)",
        "awaiting (?:\\w+ ){0,2}(?:surgery|surgical consult\\w*|injections?|esi|epidural|procedure|spinal cord stimulator)",
      ],
    },
    {
      id: "frp.motivated",
      terms: [
        "(?:highly |very |well |strongly )?motivated",
        "motivation",
        "willing(?:ness)? to (?:\\w+ ){0,3}(?:participate|change|return|forgo|work|engage|commit)",
        "wants to return to work",
        "committed to (?:\\w+ ){0,3}(?:program|change|return|rehab\\w*)",
        "eager to (?:\\w+ ){0,2}(?:return|participate|improve)",
        // Engagement shown, not only declared: full attendance, goals the patient set.
        "attended (?:all |every )?\\d{1,2} (?:of|out of) (?:the )?\\d{1,2} (?:program )?(?:days|sessions|visits)",
        "attended (?:all|every) (?:program )?(?:days|sessions)",
        "(?:full|perfect|100%) attendance",
        "(?:participant|patient)[- ](?:set|chosen|identified|stated) goals?",
        "goals? (?:set|chosen|agreed(?: on)?) (?:by|with) (?:the )?(?:patient|participant|him|her)",
      ],
    },
    {
      id: "frp.predictors",
      terms: [
        "(?:negative )?predictors? (?:of (?:poor |negative )?(?:outcome|success|completion) )?(?:were |was |have been |are )?(?:addressed|reviewed|discussed|assessed|screened)",
        "(?:negative )?predictors?\\b[^.;\\n]{0,80}?\\b(?:are|were|is|was|have been|has been) (?:being )?(?:addressed|reviewed|discussed|assessed|screened|managed|treated)",
        "forgo (?:\\w+ ){0,3}(?:secondary gains?|disability payments?|benefits)",
        "secondary gains?",
        "(?:disability payments?|litigation|opioid (?:use|dependence)|depression|time off work|duration off work)\\s+(?:\\w+\\s+){0,3}?(?:addressed|discussed|reviewed|assessed|screened|not a barrier)",
      ],
    },
    {
      id: "frp.loss-of-function",
      terms: [
        "unable to (?:perform|do|complete|manage) (?:\\w+ ){0,3}(?:adls|self-care|household|chores|work|job|duties|activities)",
        "(?:needs?|requires?) (?:assistance|help) (?:with|for) (?:\\w+ ){0,2}(?:adls|dressing|bathing|self-care|household|chores|shopping|driving)",
        "(?:off work|not working|has not worked) (?:since|for)",
        "ttd",
        "temporarily totally disabled",
        "(?:significant|severe|marked) (?:loss of|decline in|limitation of|functional) (?:\\w+ ){0,2}(?:function|independence|limitations?)",
        "dependent (?:on|for) (?:\\w+ ){0,2}(?:adls|self-care|family|spouse|others)",
      ],
    },
    {
      id: "frp.surgery-pending",
      terms: [
        "surgery (?:is |has been |was )?(?:pending|scheduled|planned|recommended|authorized|indicated)",
        // A surgeon's recommendation still open ("recommended an L4-5 fusion"; dictation typo "recomended" too).
        "(?:recomm?end(?:ed|s)?|offered|advised|proposed|suggested) (?:an? |the )?(?:[a-z0-9-]{1,12} ){0,3}(?:surgery|fusion|decompression|laminectomy|discectomy|arthroscopy|arthroplasty|repair|replacement)",
        "(?:surgical|operative) candidate",
        "candidate for (?:\\w+ ){0,3}(?:surgery|fusion|decompression|arthroscopy|repair|replacement|laminectomy|discectomy)",
        "awaiting (?:\\w+ ){0,2}surgery",
        "scheduled for (?:\\w+ ){0,3}(?:surgery|fusion|decompression|arthroscopy|repair|replacement|laminectomy|discectomy)",
      ],
    },
    {
      // A surgery still open: pending or recommended, and not overridden by a "not a surgical candidate"
      // or a refusal in the same sentence or stated after it (a later date, or later in an undated note).
      // "Not a candidate per ortho (2019)" followed by "neurosurgery now recommends a fusion" is a
      // contradiction within the note: the surgery stays open.
      id: "frp.surgery-open",
      detect: (note: Note, find: (id: string) => Mention[]): Span[] => {
        const ruledOut = find("frp.not-surgical").filter((m) => !m.assertion.negated && !m.assertion.uncertain && !m.assertion.hypothetical && !m.assertion.family);
        return find("frp.surgery-pending")
          .filter((p) => !ruledOut.some((n) => n.sentence === p.sentence || overrides(note, n, p)))
          .map((m) => ({ start: m.start, end: m.end }));
      },
    },
    { id: "frp.surgery-addressed", terms: ["surg(?:ery|eries|ical|eon|eons)", "fusion", "operative", "operation"] },
    {
      id: "frp.not-surgical",
      terms: [
        "non-?surgical candidate",
        "not (?:a )?(?:surgical|operative) candidate",
        "(?:declined|refuses|refused|does not want) (?:\\w+ ){0,2}(?:surgery|fusion|decompression|laminectomy|discectomy|operation)",
        "surgery (?:\\w+ ){0,4}(?:but |and )?(?:was |were |has been )?(?:declined|refused)",
        "surgery (?:is )?not (?:recommended|indicated|an option)",
        "no surgical (?:lesion|indication|options?|pathology)",
      ],
    },
  ],
  request: { concepts: ["frp.request"] },
  criteria: [
    {
      id: "frp.baseline-testing",
      title: "Baseline functional testing",
      description: "An adequate and thorough evaluation including baseline functional testing, so that follow-up with the same test can show improvement.",
      citation: P32,
      howToDocument: "Record the baseline tests with numbers (FCE date and results, lift, walk or sit tolerance, ODI/PDI), to be repeated in the program.",
      template: "Baseline: ${1:‹FCE date›}: ${2:‹measured results: lift, walk, sit tolerance›}",
      section: "exam",
      defaultSeverity: "warning",
      when: [NOT_EVALUATION],
      messages: { missing: "No baseline functional testing with numbers (FCE, lift, walk or sit tolerance, ODI/PDI) is documented; CPMTG 2009 p.32 requires it before an FRP." },
      checks: [{ kind: "require", elements: [{ label: "baseline testing", any: [{ concept: "frp.baseline", accept: "ever" }] }] }],
    },
    {
      id: "frp.prior-methods-failed",
      title: "Prior treatment failed, no other option likely to help",
      description: "Previous methods of treating chronic pain have been unsuccessful and there is an absence of other options likely to result in significant clinical improvement.",
      citation: P32,
      howToDocument: "List the treatments that failed and state that no other option (surgery, injections, further work-up) is likely to help.",
      template: "Failed ${1:‹treatments›}; ${2|‹other options?›,no other options likely to help,other options: ‹which›|}",
      section: "assessment",
      defaultSeverity: "warning",
      messages: {
        missing: "The FRP request does not document {elements}; CPMTG 2009 p.32 requires both.",
        contradicted: "Another treatment option (surgery, injection, procedure) is still pending; CPMTG 2009 p.32 reserves an FRP for when no other option is likely to help.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "frp.options-pending", accept: "planned" }],
          finding: "contradicted",
          unless: [{ concept: "frp.no-options", accept: "ever" }],
        },
        {
          kind: "require",
          elements: [
            {
              label: "failed prior treatment",
              any: [
                { concept: "failure", accept: "ever", notSections: ["plan"] },
                { concept: "fact.conservative-failed", accept: "ever", notSections: ["plan"] },
              ],
            },
            { label: "the absence of other options", any: [{ concept: "frp.no-options", accept: "ever" }] },
          ],
          partial: { message: "{documented} documented; missing: {elements}. CPMTG 2009 p.32 reserves an FRP for when prior methods failed and no other option is likely to help." },
        },
      ],
    },
    {
      id: "frp.motivation",
      title: "Motivation to change; negative predictors addressed",
      description:
        "The patient is motivated to change and willing to forgo secondary gains, including disability payments, to effect this change; negative predictors of success are addressed.",
      citation: P32,
      howToDocument: "Document motivation (the patient's own goals, return to work) and how secondary gain and negative predictors (opioid use, time off work, litigation, depression) were addressed.",
      template: "Motivation: ${1:‹patient's own goals›}; predictors addressed: ${2:‹how negative predictors were addressed›}",
      section: "assessment",
      defaultSeverity: "warning",
      when: [NOT_EVALUATION],
      messages: { missing: "The FRP request does not document {elements}; CPMTG 2009 p.32 requires motivation to change and negative predictors addressed." },
      checks: [
        {
          kind: "require",
          elements: [
            { label: "motivation to change", any: [{ concept: "frp.motivated", accept: "current" }] },
            { label: "secondary gain or negative predictors addressed", any: [{ concept: "frp.predictors", accept: "assessed" }] },
          ],
          partial: { message: "{documented} documented; missing: {elements}. CPMTG 2009 p.32 requires motivation to change and negative predictors addressed." },
        },
      ],
    },
    {
      id: "frp.loss-of-function",
      title: "Significant loss of function",
      description: "The patient has a significant loss of ability to function independently resulting from the chronic pain.",
      citation: P32,
      howToDocument: "Describe the loss of independent function: ADLs needing help, work status, measured limits.",
      template: "Function: ${1:‹ADLs needing help, work status, measured limits›}",
      section: "subjective",
      defaultSeverity: "warning",
      messages: { missing: "No significant loss of independent function is documented (ADL dependence, off work, measured limits); CPMTG 2009 p.32 requires it for an FRP." },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "loss of function",
              any: [
                { concept: "frp.loss-of-function", notSections: ["plan"] },
                { concept: "pm.deficit", notSections: ["plan"] },
                { concept: "function-worse", notSections: ["plan"] },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "frp.not-surgical-candidate",
      title: "Not a candidate for surgery",
      description: "The patient is not a candidate where surgery or other treatments would clearly be warranted.",
      citation: P32,
      howToDocument: "State that the patient is not a surgical candidate, per whom and when.",
      template: "${1|‹surgical candidate?›,Not a surgical candidate,Surgical candidate|} per ${2:‹surgeon and date›}",
      section: "assessment",
      defaultSeverity: "warning",
      messages: { contradicted: "Surgery is documented as pending or recommended; CPMTG 2009 p.32 reserves an FRP for patients who are not surgical candidates." },
      checks: [
        {
          kind: "forbid",
          // A recommendation made at an earlier visit stays open until declined or ruled out.
          evidence: [{ concept: "frp.surgery-open", accept: "ever" }],
          finding: "contradicted",
        },
        {
          // §1: a note that never addresses surgical candidacy is missing it (information).
          kind: "assess",
          satisfied: [{ concept: "frp.not-surgical", accept: "assessed" }, { concept: "frp.surgery-addressed", accept: "assessed" }],
          contradicted: [],
          missingSeverity: "info",
          message: "The note does not address surgical candidacy; CPMTG 2009 p.32 reserves an FRP for patients who are not candidates for surgery or another clearly warranted treatment.",
        },
      ],
    },
    {
      id: "frp.duration",
      title: "2 weeks, then gains; no more than 20 full-day sessions",
      description:
        "Treatment is not suggested for longer than 2 weeks without evidence of demonstrated efficacy (subjective and objective gains); total treatment should generally not exceed 20 full-day sessions.",
      citation: `${P32}; Functional restoration programs, p.49`,
      howToDocument: "Request 2 weeks (10 full-day sessions, about 80 hours) first; ask for more only with the gains measured, up to 20 sessions in total.",
      template: "FRP ${1:‹days›} days (${2:‹hours›} h), then reassess",
      section: "plan",
      defaultSeverity: "warning",
      when: [NOT_EVALUATION],
      messages: {
        exceeds: "More than 2 weeks of FRP is requested up front; CPMTG 2009 p.32 does not suggest longer than 2 weeks without demonstrated gains.",
      },
      checks: [
        { kind: "limit", fact: "weeksRequested", max: 2, finding: "exceeds", when: ["initial"] },
        { kind: "limit", fact: "daysRequested", max: 10, finding: "exceeds", when: ["initial"] },
        { kind: "limit", fact: "hoursRequested", max: 80, finding: "exceeds", when: ["initial"] },
        { kind: "limit", fact: "visitsRequested", max: 10, finding: "exceeds", when: ["initial"] },
        {
          kind: "limit",
          fact: "daysTotal",
          max: 20,
          finding: "exceeds",
          message: "{value} FRP days in total with those already completed; CPMTG 2009 p.32, p.49 limit an FRP to 20 full-day sessions.",
        },
        {
          kind: "limit",
          fact: "visitsTotal",
          max: 20,
          finding: "exceeds",
          message: "{value} FRP sessions in total with those already completed; CPMTG 2009 p.32, p.49 limit an FRP to 20 full-day sessions.",
        },
        {
          kind: "limit",
          fact: "hoursTotal",
          max: 160,
          finding: "exceeds",
          message: "{value} FRP hours in total with those already completed; CPMTG 2009 p.32, p.49 limit an FRP to 20 full-day sessions (about 160 hours).",
        },
      ],
    },
  ],
};
