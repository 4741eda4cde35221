// Sleep aids (sleep-aid): ODG Pain (Chronic), "Zolpidem" and "Insomnia treatment" (the MTUS 2009 is
// silent on hypnotics). The duration limit applies the ODG Pain "Zolpidem" entry (usually 2-6 weeks);
// the ODG "Insomnia treatment" entry and the FDA label (re-evaluate after 7-10 days) are stricter.
import { SLEEP_DRUGS, drugFamily } from "../lexicon";
import type { FamilyDef } from "./types";

const drugs = drugFamily(SLEEP_DRUGS);
const Z_DRUGS = ["zolpidem", "eszopiclone", "zaleplon"];

export const sleepAid: FamilyDef = {
  service: "sleep-aid",
  title: "sleep aid",
  source: "ODG Pain (Chronic), Zolpidem; Insomnia treatment (MTUS 2009 silent)",
  concepts: [
    ...drugs.concepts,
    {
      id: "sleep.course",
      terms: [
        "(?:x|for)\\s*(?:\\d{1,2}|one|two|three|four|five|six|seven|ten|fourteen)\\s*(?:nights?|d|days?|wks?|weeks?)",
        "short[- ]term(?: course| use| trial)?",
        "short course",
        "(?:then |and )?(?:stop|discontinue|d/c)(?: after| by| in)",
        "(?:then )?(?:reassess|re-?evaluate)(?: in| at| after)?",
        "taper(?:ing|ed)?(?: off| plan| by)?",
        "wean(?:ing)?(?: off)?",
        "no refills",
      ],
    },
    {
      // A request line that starts the drug ("Start zolpidem ... for chronic insomnia"): not continued use.
      id: "sleep.start",
      terms: ["(?:start|begin|initiate|trial of)(?<=(?:^|\\n)[\\s\\d.)*-]*(?:start|begin|initiate|trial of))"],
    },
    {
      id: "sleep.characterised",
      terms: [
        "sleep (?:onset )?latency",
        "(?:difficulty|trouble|problems?) (?:falling|staying|getting to|going to|initiating|maintaining)(?: asleep| sleep)?",
        "(?:takes?|taking) (?:about |approximately |~|over )?\\d+\\s*(?:(?:-|–|to)\\s*)?(?:(?<!\\d)\\d+\\s*)?(?:min(?:ute)?s?|hours?|h|hrs?) to fall asleep",
        "(?:\\d+|one|two|three|four|five|multiple|several|frequent|nightly) (?:night(?:time)? )?awakenings?",
        "wakes? (?:up )?(?:\\d{1,2}(?:\\s{0,2}(?:-|–|to|or)\\s{0,2}\\d{1,2})?|one|two|three|four|several|multiple) times",
        "(?:wakes?|waking|awake) (?:up )?(?:\\w+ ){0,3}?(?:with|from|because of|due to) (?:\\w+ ){0,2}?(?:pain|spasms?|numbness)",
        "(?:unrefreshed|non-?restorative sleep|not rested|wakes? (?:up )?tired)",
        "(?:drowsy|sleepy|tired|fatigued) (?:by|in|during|through) (?:the )?(?:day|daytime|afternoon|mid-?afternoon|morning)",
        "early(?:[- ]morning)? awakening",
        "sleep maintenance",
        "sleep onset",
        "sleeps? (?:about |approximately |only |~)?\\d+(?:\\s*(?:-|–|to)\\s*\\d+)?\\s*(?:hours?|hrs?|h)",
        "\\d+(?:\\s*(?:-|–|to)\\s*\\d+)?\\s*(?:hours?|hrs?|h) of sleep",
        "sleep quality",
        "(?:daytime|next[- ]day) (?:somnolence|sleepiness|fatigue|function(?:ing)?|drowsiness|impairment)",
        "isi(?: score)?:?\\s*\\d+",
        "insomnia severity index",
        "psqi(?: score)?:?\\s*\\d*",
        "epworth(?: sleepiness scale)?(?: score)?:?\\s*\\d*",
        "sleep (?:diary|log)",
      ],
    },
    {
      id: "sleep.hygiene",
      terms: [
        "sleep hygiene",
        "cbt-?i",
        "cognitive behaviou?ral therapy for insomnia",
        "cognitive behaviou?ral therapy",
        "stimulus control",
        "sleep restriction(?: therapy)?",
        "relaxation (?:training|techniques)",
        "behaviou?ral (?:sleep )?(?:measures|interventions|strategies|modifications?)",
        "limit(?:ed|ing|s)? (?:caffeine|screen time|naps?)",
        "(?:no|avoid(?:s|ing)?) (?:caffeine|screens?|naps?)",
        "regular (?:sleep schedule|bedtime)",
      ],
    },
    {
      id: "sleep.cause",
      terms: [
        "(?:insomnia|sleep (?:disturbance|difficulty|problems?)|poor sleep)\\s+(?:is\\s+)?(?:due to|secondary to|from|caused by|related to|because of)",
        "(?:pain|anxiety|depression|nocturia|apnea)[- ]related (?:insomnia|sleep (?:disturbance|difficulty))",
        "(?:obstructive )?sleep apnea",
        "snoring",
        "witnessed apneas?",
        "osa",
        "stop-?bang",
        "phq-?9",
        "restless legs?",
        "caffeine (?:intake|use)",
        "g47\\.0\\d?",
        "f51\\.0\\d?",
      ],
    },
  ],
  request: {
    concepts: [],
    drugs: drugs.drugs,
    classes: Object.fromEntries(Object.keys(SLEEP_DRUGS).map((g) => [g, Z_DRUGS.includes(g) ? ["hypnotic", "z-drug"] : ["hypnotic"]])),
  },
  criteria: [
    {
      id: "zolpidem.short-term",
      title: "Short-term use only (ODG: usually 2-6 weeks)",
      description:
        "Zolpidem and the other non-benzodiazepine hypnotics are for short-term treatment of insomnia: usually 2-6 weeks in the ODG Pain \"Zolpidem\" entry; 7-10 days for sleep onset in the ODG \"Insomnia treatment\" entry. Long-term use is not recommended.",
      citation: "ODG Pain (Chronic), Zolpidem (usually 2-6 weeks); Insomnia treatment (7-10 days); MTUS 2009 silent",
      howToDocument:
        "Give the start date and a course of at most 6 weeks (quantity and refills included), with the stop or reassessment date; a continued or monthly refilled hypnotic is long-term use.",
      template: "${1:‹drug and strength›} ${2:‹frequency›} x ${3:‹nights›} nights; reassess by ${4:‹date›}",
      section: "plan",
      defaultSeverity: "warning",
      scope: "item",
      when: ["class:z-drug"],
      messages: {
        missing: "No start date or course length for {drug}; ODG (Pain, Zolpidem) supports only short-term use of hypnotics, usually 2-6 weeks.",
      },
      checks: [
        {
          kind: "flag",
          condition: "in-use",
          finding: "exceeds",
          unless: [{ concept: "sleep.start", inRequest: true }],
          message: "{drug} is continued from prior use; ODG (Pain, Zolpidem) supports only short-term use, usually 2-6 weeks, and not long-term use.",
        },
        {
          kind: "limit",
          fact: "supplyDaysWithRefills",
          max: 42,
          finding: "exceeds",
          message: "The {drug} quantity with refills covers {value} days, over the 6 weeks the ODG Pain \"Zolpidem\" entry allows (7-10 days in its Insomnia treatment entry).",
        },
        {
          kind: "limit",
          fact: "courseDays",
          max: 42,
          finding: "exceeds",
          message: "The {drug} course is {value} days, over the 6 weeks the ODG Pain \"Zolpidem\" entry allows (7-10 days in its Insomnia treatment entry).",
        },
        {
          kind: "require",
          elements: [{ label: "course length", any: [{ concept: "sleep.course", accept: "planned", linkedToRequest: true }], facts: ["daysSupply", "courseDays"] }],
        },
      ],
    },
    {
      id: "zolpidem.sleep-assessment",
      title: "Insomnia characterised, cause evaluated, sleep hygiene tried",
      description:
        "Before a hypnotic: the insomnia is characterised (sleep onset, maintenance, quality, next-day function), its cause evaluated, and sleep hygiene or CBT-I tried.",
      citation: "ODG Pain (Chronic), Insomnia treatment",
      howToDocument:
        "Describe the insomnia in numbers (time to fall asleep, awakenings, hours slept, next-day function or an ISI score), its likely cause, and the sleep hygiene or CBT-I already tried.",
      template: "Insomnia: ${1:‹sleep onset, awakenings, hours slept›}; cause ${2:‹likely cause›}; hygiene tried ${3:‹what and how long›}",
      section: "subjective",
      defaultSeverity: "warning",
      scope: "item",
      messages: {
        missing: "No {elements} documented for {drug}; ODG requires the insomnia to be characterised, its cause evaluated and sleep hygiene tried before a hypnotic.",
      },
      checks: [
        {
          kind: "require",
          elements: [
            { label: "insomnia characteristics (onset, awakenings, hours, next-day function)", any: [{ concept: "sleep.characterised", accept: "ever", notSections: ["ros"] }] },
            { label: "evaluation of the cause", any: [{ concept: "sleep.cause", accept: "assessed", notSections: ["ros"] }] },
            { label: "sleep hygiene or CBT-I trial", any: [{ concept: "sleep.hygiene", accept: "ever" }] },
          ],
          partial: { message: "{documented} documented; missing: {elements}. ODG asks for all three before a hypnotic." },
        },
      ],
    },
  ],
};
