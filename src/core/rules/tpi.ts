// Trigger point injections (tpi): MTUS CPMTG 2009 p.122, eight criteria quoted in seeds 002 and 004;
// image guidance from ODG Pain (seed 003).
import type { Mention } from "../concepts";
import { elapsedDays } from "../extract/dates";
import { reliefConcept } from "../lexicon";
import { sentenceReading, type Note } from "../note";
import { EXAM_FACT_CONCEPTS } from "../facts/exam";
import type { FamilyDef } from "./types";

const P122 = "MTUS CPMTG 2009, Trigger point injections, p.122";

export const tpi: FamilyDef = {
  service: "tpi",
  title: "Trigger point injections",
  source: "MTUS Chronic Pain Medical Treatment Guidelines (2009), p.122",
  concepts: [
    {
      id: "tpi.term",
      terms: [
        "trigger[- ]point injections?",
        "trigger pt inj(?:ection)?s?",
        "tp inj(?:ection)?s?",
        "myofascial (?:trigger point )?injections?",
        "tpis?",
        "trpis?",
        "20552",
        "20553",
        // The procedure told by its verb: "trigger points injected three weeks ago".
        "(?:trigger[- ]?points?|trps?)\\s{1,2}(?:were\\s{1,2}|was\\s{1,2})?injected",
      ],
    },
    {
      // A prior session written relative to the visit, under two months ago: "last TPIs five weeks ago",
      // "it has been 6 weeks since her last trigger point injections".
      id: "tpi.prior-within-2-months",
      detect: (note: Note, find: (id: string) => Mention[]) =>
        find("tpi.term")
          .filter((m) => !m.assertion.negated && !m.assertion.hypothetical && !m.assertion.family)
          .filter((m) => sentenceReading(note, m.sentence, elapsedDays).some((d) => d < 60))
          .map((m) => ({ start: m.start, end: m.end })),
    },
    { id: "tpi.trigger-point", terms: ["trigger[- ]?points?", "trps?", "tps", "trigger pts?", "myofascial trigger points?"] },
    {
      id: "tpi.twitch",
      terms: ["(?:local )?twitch(?:es)?(?: response| responses| sign)?", "ltrs?", "\\+\\s*twitch", "jump sign"],
    },
    {
      id: "tpi.referred",
      terms: [
        "referr(?:ed|al|ing)(?: pain| pattern| zone)?",
        "refers(?: pain)? to",
        "radiat(?:es|ing|ion) (?:\\w+ )?to (?:the )?(?:\\w+ )?(?:region|area|shoulder|neck|head|scapula|buttock|hip|thigh)",
      ],
    },
    {
      id: "tpi.myofascial",
      terms: ["myofascial pain(?: syndrome)?", "myofascial syndrome", "mps", "myofascial(?: dysfunction| strain)?", "m79\\.1\\d?"],
    },
    { id: "tpi.fibromyalgia", terms: ["fibromyalgia", "fibrositis", "m79\\.7\\d?"] },
    {
      id: "tpi.image-guidance",
      terms: [
        "(?:under |with )?(?:ultrasound|us|sonograph\\w*|fluoroscop\\w*|fluoro|ct|imaging)[- ]guid(?:ed|ance)",
        "under (?:ultrasound|us|fluoroscopy|fluoro|ct|imaging)(?: guidance)?",
        "ultrasound",
        "76942",
        "77002",
      ],
    },
    {
      id: "tpi.bad-injectate",
      terms: [
        "saline",
        "dextrose",
        "glucose",
        "prolotherapy",
        "botox",
        "botulinum(?: toxin)?",
        "traumeel",
        "sarapin",
        "b-?12",
        "ozone",
        "platelet[- ]rich plasma",
        "prp",
      ],
    },
    { id: "tpi.frequent", terms: ["monthly", "every (?:2|3|4|two|three|four)(?:\\s*-\\s*\\d)? weeks", "q\\s?[234]\\s?(?:wk|wks|weeks)", "weekly", "every month"] },
    reliefConcept("tpi.relief-ok", { minPercent: 50, strict: true, minDays: 42 }),
    reliefConcept("tpi.relief-low", { atMostPercent: 50, underDays: 42 }),
    // Exam and conservative-care facts (facts/exam.ts), shared by every family.
    ...EXAM_FACT_CONCEPTS,
  ],
  request: { concepts: ["tpi.term"] },
  criteria: [
    {
      id: "tpi.myofascial-diagnosis",
      title: "Myofascial pain syndrome diagnosis",
      description:
        "TPIs are for chronic neck or back pain with myofascial pain syndrome in the target muscles; not for fibromyalgia, radicular pain or typical neck/back pain without MPS.",
      citation: P122,
      howToDocument: "Name myofascial pain syndrome and the muscles in the assessment, with ICD-10 M79.1x (e.g. M79.18).",
      template: "Dx: ${1|‹diagnosis›,myofascial pain syndrome|} of ${2:‹muscles›} (${3:‹ICD-10 code›})",
      section: "assessment",
      defaultSeverity: "warning",
      messages: {
        missing: "No myofascial pain syndrome diagnosis for the target muscles; MTUS supports TPIs only for myofascial pain.",
        contradicted: "Fibromyalgia is the only pain diagnosis; MTUS does not support TPIs for fibromyalgia.",
      },
      checks: [
        {
          kind: "assess",
          satisfied: [{ concept: "tpi.myofascial", accept: "ever" }],
          contradicted: [{ concept: "tpi.fibromyalgia", accept: "ever" }],
          unless: [{ concept: "tpi.myofascial", accept: "ever" }],
        },
      ],
    },
    {
      id: "tpi.trigger-points-documented",
      title: "Trigger points with twitch response and referred pain",
      description:
        "Circumscribed trigger points documented on exam with a local twitch response on palpation and referred pain (criterion 1).",
      citation: P122,
      howToDocument:
        "In the exam, name the muscle, the circumscribed trigger point (taut band), the local twitch response on palpation and where the pain refers. Tenderness or spasm alone does not count.",
      template: "Exam: ${1|‹trigger point?›,circumscribed trigger point,no trigger point|} in ${2:‹muscle›}; ${3|‹taut band?›,taut band palpable,no taut band|}; ${4|‹twitch response?›,local twitch response on palpation,no local twitch response|}; ${5|‹referred pain?›,referred pain to ‹area›,no referred pain|}",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        missing: "Trigger points are not documented with {elements}; MTUS requires a twitch response on palpation and referred pain.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            {
              label: "a local twitch response",
              any: [
                { concept: "tpi.twitch", notSections: ["history", "plan"], near: { concept: "tpi.trigger-point", within: "block" } },
                // The frame without the key words: a band or knot in a named muscle that twitches.
                { concept: "fact.tp-twitch", notSections: ["history", "plan"] },
              ],
            },
            {
              label: "referred pain",
              any: [
                { concept: "tpi.referred", notSections: ["history", "plan"], near: { concept: "tpi.trigger-point", within: "block" } },
                { concept: "fact.tp-referral", notSections: ["history", "plan"] },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "tpi.symptoms-over-3-months",
      title: "Symptoms for more than three months",
      description: "Myofascial symptoms have persisted for more than three months (criterion 2).",
      citation: P122,
      howToDocument: "Give the date of injury or onset, or state how long symptoms have lasted (\"since 01/2024\", \"x 8 months\").",
      template: "Symptoms since ${1:‹onset date›}",
      section: "subjective",
      defaultSeverity: "warning",
      messages: {
        missing: "Symptom duration is not documented as more than 3 months (DOI or onset date, or duration); MTUS requires >3 months.",
      },
      checks: [
        {
          kind: "minimum",
          fact: "symptomDays",
          min: 91,
          finding: "missing",
          orEvidence: [
            { concept: "chronic", accept: "ever" },
            { concept: "symptom-duration", accept: "ever" },
            // An onset date written as such ("since a fall at work in March 2019"), against the date of service.
            { concept: "fact.onset-over-3-months", accept: "ever" },
          ],
        },
      ],
    },
    {
      id: "tpi.failed-conservative",
      title: "Stretching, PT, NSAIDs and muscle relaxants failed",
      description:
        "Medical management such as ongoing stretching exercises, physical therapy, NSAIDs and muscle relaxants has failed to control pain (criterion 3).",
      citation: P122,
      howToDocument:
        "List each tried modality with its duration and outcome: home stretching, PT visits, the NSAID and the muscle relaxant, each failed.",
      template: "Tried: home stretching ${1:‹duration›}; PT ${2:‹number of visits›} visits; NSAID ${3:‹drug›}; muscle relaxant ${4:‹drug›}; outcome: ${5|‹outcome?›,failed with no lasting relief,partial relief|}",
      section: "history",
      defaultSeverity: "warning",
      messages: {
        missing: "Failed conservative care is incomplete: no {elements} documented; MTUS requires stretching, PT, NSAIDs and muscle relaxants to have failed.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            { label: "stretching/home exercise trial", any: [{ concept: "fact.checked.stretching", accept: "ever", notSections: ["plan"] }] },
            { label: "physical therapy trial", any: [{ concept: "fact.checked.physical-therapy", accept: "ever", notSections: ["plan"] }] },
            { label: "NSAID trial", any: [{ concept: "fact.checked.nsaid", accept: "ever", notSections: ["plan"] }] },
            { label: "muscle relaxant trial", any: [{ concept: "fact.checked.muscle-relaxant-any", accept: "ever", notSections: ["plan"] }] },
            {
              label: "statement that these failed",
              any: [
                { concept: "failure", accept: "ever" },
                { concept: "conservative-care", accept: "ever", near: { concept: "failure", within: "sentence" } },
                { concept: "fact.failed-care", accept: "ever", notSections: ["plan"] },
              ],
            },
          ],
        },
      ],
    },
    {
      id: "tpi.no-radiculopathy",
      title: "Radiculopathy absent",
      description: "Radiculopathy is not present by exam, imaging or neuro-testing (criterion 4).",
      citation: P122,
      howToDocument: "Record the neuro exam: no radicular symptoms, SLR negative, sensation, reflexes and strength intact; or EMG negative.",
      template: "Neuro: ${1|‹radicular symptoms?›,no radicular symptoms,radicular symptoms in ‹distribution›|}; ${2|‹SLR?›,SLR negative bilaterally,SLR positive on the ‹side›|}; ${3|‹sensation?›,sensation intact,sensory loss in ‹dermatome›|}; ${4|‹reflexes?›,reflexes symmetric,reflex ‹which› diminished|}; ${5|‹strength?›,strength intact,weakness of ‹muscle and grade›|}",
      section: "exam",
      defaultSeverity: "warning",
      messages: {
        contradicted: "Radicular findings are documented; MTUS does not support TPIs when radiculopathy is present.",
        missing: "Radiculopathy is not addressed; MTUS requires it to be absent by exam, imaging or neuro-testing.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "radicular", notSections: ["history"] }],
          satisfied: [{ concept: "neuro-normal" }, { concept: "radicular", accept: "negated" }, { concept: "fact.neuro-normal", accept: "assessed", notSections: ["history", "plan"] }],
          missingSeverity: "info",
        },
      ],
    },
    {
      id: "tpi.max-injections",
      title: "No more than 3-4 injections per session",
      description: "Not more than 3-4 injections per session (criterion 5).",
      citation: P122,
      howToDocument: "State the number of injections (sites, muscles) for this session: at most 4.",
      template: "TPI this session: ${1:‹number of sites›} sites in ${2:‹muscles›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: { exceeds: "{value} injections per session requested; MTUS allows no more than 3-4 per session." },
      checks: [{ kind: "limit", fact: "injectionsPerSession", max: 4, finding: "exceeds" }],
    },
    {
      id: "tpi.repeat-relief",
      title: "Repeat TPI: >50% relief for 6 weeks and functional improvement",
      description:
        "No repeat injections unless more than 50% pain relief is obtained for six weeks after an injection and there is documented functional improvement (criterion 6).",
      citation: P122,
      howToDocument: "For the prior injection: date, percent relief (>50%), how long it lasted (≥6 weeks), and the functional gain.",
      template: "Prior TPI ${1:‹date›}: ${2:‹percent relief›}% relief x ${3:‹weeks›} wk; FI: ${4:‹activity before → now›}",
      section: "history",
      defaultSeverity: "warning",
      when: ["prior"],
      messages: {
        missing: "Prior TPIs are documented without {elements}; MTUS requires >50% relief for 6 weeks and functional improvement before a repeat.",
        contradicted: "Relief from the prior TPI is documented below 50% or under 6 weeks; MTUS does not support a repeat.",
      },
      checks: [
        {
          kind: "assess",
          contradicted: [{ concept: "tpi.relief-low", accept: "ever" }, { concept: "temporary-relief", accept: "ever", near: { concept: "tpi.term", within: "block" } }],
          satisfied: [{ concept: "tpi.relief-ok", accept: "ever" }],
          whenUnaddressed: "nothing",
        },
        {
          kind: "require",
          elements: [
            {
              label: ">50% relief lasting 6 weeks",
              any: [{ concept: "tpi.relief-ok", accept: "ever" }],
              partial: { any: [{ concept: "relief-percent", accept: "ever" }], label: "how long the >50% relief lasted (a percent is written, not its duration)" },
            },
            { label: "functional improvement", any: [{ concept: "functional-improvement", accept: "ever" }] },
          ],
        },
      ],
    },
    {
      id: "tpi.repeat-interval",
      title: "Sessions at least two months apart",
      description: "Frequency should not be at an interval less than two months (criterion 7).",
      citation: P122,
      howToDocument: "Give the date of the last TPI; schedule the next no sooner than two months later, never monthly or as a series.",
      template: "Last TPI ${1:‹date›}; next no sooner than ${2:‹date›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        exceeds: "TPIs are scheduled less than two months apart; MTUS requires an interval of at least two months.",
      },
      checks: [
        { kind: "minimum", fact: "daysSinceLastProcedure", min: 60, finding: "exceeds", ifUnknown: "pass" },
        {
          kind: "forbid",
          evidence: [{ concept: "tpi.prior-within-2-months", accept: "ever" }],
          finding: "exceeds",
          message: "The last TPI was less than two months before this request; MTUS requires an interval of at least two months.",
        },
        { kind: "forbid", evidence: [{ concept: "tpi.frequent", inRequest: true, accept: "planned" }], finding: "exceeds" },
      ],
    },
    {
      id: "tpi.injectate",
      title: "Local anesthetic only",
      description:
        "Injections with any substance other than local anesthetic with or without steroid (saline, glucose, botulinum toxin, others) are not recommended (criterion 8).",
      citation: `${P122}; botulinum toxin, CPMTG p.25-26`,
      howToDocument: "Name the injectate: a local anesthetic (lidocaine, bupivacaine, ropivacaine), with or without steroid, nothing else.",
      template: "Injectate: ${1:‹local anesthetic and strength›} ${2:‹mL›} mL/site; ${3|‹other agents?›,no other agents,with steroid ‹drug and dose›|}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        contradicted: "The injectate includes a substance other than local anesthetic (± steroid); MTUS does not recommend it for TPIs.",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "tpi.bad-injectate", accept: "planned", near: { concept: "tpi.term", within: "block", accept: "planned" } }],
          finding: "contradicted",
        },
      ],
    },
    {
      id: "tpi.image-guidance",
      title: "No imaging guidance",
      description: "Ultrasound or other imaging guidance is not supported for trigger point injections; trigger points are found by palpation.",
      citation: "ODG Pain, Trigger point injections (ultrasound guidance not recommended)",
      howToDocument: "Describe the technique as palpation/landmark guided; do not request ultrasound or fluoroscopic guidance.",
      template: "TPI technique: ${1:‹how the trigger points are located›}",
      section: "plan",
      defaultSeverity: "warning",
      messages: {
        exceeds: "Imaging guidance is requested for TPIs; ODG does not support ultrasound or other imaging guidance (trigger points are found by palpation).",
      },
      checks: [
        {
          kind: "forbid",
          evidence: [{ concept: "tpi.image-guidance", accept: "planned", inRequest: true }],
          finding: "exceeds",
        },
      ],
    },
  ],
};
