// Vocabulary shared by the physical-medicine families (pt, chiro, acupuncture, tens, frp): the
// request filter for plan lines that only narrate a past course, measured functional deficits, "no
// benefit" statements, the home exercise program and the Labor Code 4604.5 cap waiver. The concepts
// are registered once, by the pt family (see pt.ts); the other families refer to them by ID.
import type { Concept, Mention } from "../concepts";
import type { Note } from "../note";
import type { Span } from "../text";
import { abbreviationTerms, HEP_PROGRAM } from "../abbreviations";

/** Past narrative: a course described as done, not asked for ("PT completed; now HEP", "PT was helpful"). */
const NARRATIVE =
  /\b(?:completed|finished|done|was|were|has had|have had|had|did not help|didn't help|helped|failed|tried|s\/p|status post|previously|in the past|discharged|ended|plateaued|graduated|reviewed|records?|reports?|already|owns)\b/i;
/** Request words under a negation do not ask ("no further chiro", "not requesting more PT"). */
const NEGATED_ASK = /\b(?:no|not|without|never)\s+(?:\w+\s+)?(?:further|more|additional|continue\w*|start\w*|request\w*|refer\w*|order\w*|renew\w*|schedule\w*)\b/gi;
/** A mention right after "no further", "no more", "not a candidate for": not asked for. */
const DECLINED_BEFORE = /\b(?:no|not|without)\s+(?:a\s+|an\s+)?(?:further|more|additional|need for|candidate for|indication for)\s+(?:\w+\s+){0,2}$/i;
/** Words that keep a plan line a request even when it also narrates ("completed 6, request 6 more"). */
const ASKS =
  /\b(?:request\w*|authori[sz]\w*|continue[sd]?|cont\.?|additional|more|further|resume|start|begin|initiate|refer\w*|order\w*|rfa|schedule|trial|renew\w*)\b|\bx\s*\d|\d\s*(?:x|times)\b|\b\d{1,2}\s*(?:more\s+|additional\s+)?(?:visits?|sessions?|treatments?)\b/i;

/**
 * A concept with the mentions of `base` minus plan-section mentions whose sentence only narrates a past
 * course. Histories keep every mention (they are the prior courses); requests.ts does the rest of the gating.
 */
export function requestConcept(id: string, base: string): Concept {
  return {
    id,
    detect: (note: Note, find: (id: string) => Mention[]): Span[] =>
      find(base)
        .filter((m) => {
          if (m.section.kind !== "plan") return true;
          if (DECLINED_BEFORE.test(note.prose.slice(m.sentence.start, m.start))) return false;
          const sentence = note.prose.slice(m.sentence.start, m.sentence.end);
          return !NARRATIVE.test(sentence) || ASKS.test(sentence.replace(NEGATED_ASK, " "));
        })
        .map((m) => ({ start: m.start, end: m.end })),
  };
}

/** An objective, measured deficit: ROM in degrees, strength grades, lifting/tolerance limits, scores, restrictions. */
const DEFICIT_TERMS = [
  "(?:flexion|extension|abduction|adduction|rotation|rom|range of motion|elevation|side[- ]bending|lateral bending)[^.;\\n]{0,30}?\\d{1,3}\\s*(?:°|deg(?:rees?)?)",
  "\\d{1,3}\\s*(?:°|deg(?:rees?)?)\\s*(?:of\\s+)?(?:flexion|extension|abduction|rotation|elevation)",
  "(?:strength|motor|weakness|quadriceps|deltoid|grip|ehl|hip flexors?|abductors?|rotator cuff)[^.;\\n]{0,25}?[0-4][+-]?\\s*\\/\\s*5",
  "[0-4][+-]?\\s*\\/\\s*5\\s*(?:strength|weakness|in|at|with)",
  "grip (?:strength )?(?:of )?\\d{1,3}\\s*(?:lbs?|pounds|kg)",
  "(?:unable|not able|cannot|can't|can not) to (?:lift|carry|stand|sit|walk|drive|reach|climb|bend|kneel|squat|work)[^.;\\n]{0,30}?\\d+",
  "(?:unable|not able|cannot|can't|can not) to (?:lift|carry|stand|sit|walk|drive|reach overhead|climb stairs|work|perform (?:\\w+ ){0,2}(?:duties|adls|self-care|job))",
  "(?:lifting|carrying|standing|sitting|walking|driving)\\s+(?:is\\s+)?(?:limited|restricted|tolerance(?: is| of)?)\\s+(?:to\\s+)?(?:about\\s+)?\\d+",
  "(?:sitting|standing|walking|driving) tolerance\\s*(?:(?:of|is|:)\\s*)?\\d+",
  "(?:can only|only able to|able to only) (?:sit|stand|walk|lift|carry|drive)\\s+(?:for\\s+)?(?:about\\s+)?\\d+",
  "(?:flexion|extension|abduction|rotation|elevation)\\s*(?:is\\s+|to\\s+|of\\s+|:\\s*)?\\d{1,3}\\s*\\/\\s*\\d{2,3}",
  "(?:tolerates?|tolerating) (?:sitting|standing|walking|driving) (?:for )?(?:only )?\\d+",
  "(?:no|limited to|restricted to|avoid) (?:lifting|carrying|pushing|pulling) (?:over|above|>|more than|greater than) \\d+",
  "(?:odi|ndi|oswestry|rmdq|roland[- ]morris|quick ?dash|dash|lefs|psfs|pdi|pain disability index)\\s*(?:score\\s*)?(?:of\\s*|is\\s*|:\\s*|=\\s*)?\\d{1,3}",
  "(?:modified|light|restricted) duty",
  "work restrictions?",
  "(?:working|works|back to work|returned to work) (?:\\w+ )?(?:with|on) (?:work )?restrictions",
  "(?:ttd|temporarily totally disabled|off work|not working)",
  "(?:needs?|requires?) (?:assistance|help) (?:with|for|to)",
  "difficulty (?:with )?(?:lifting|carrying|standing|sitting|walking|dressing|bathing|driving|sleeping|stairs|reaching|gripping|adls)",
];

/** Statements that no functional deficit remains. */
const NO_DEFICIT_TERMS = [
  "independent (?:with|in) (?:all )?(?:adls|activities of daily living|self[- ]care)",
  "full (?:duty|work) without (?:any )?(?:restrictions?|limitations?)",
  "full duty,? (?:with )?no (?:restrictions?|limitations?)",
  "(?:returned|back) to full duty without (?:restrictions?|limitations?)",
  "no (?:residual |remaining )?functional (?:deficits?|limitations?|impairments?)",
  "no (?:objective )?deficits? (?:on|at) (?:exam|examination|testing)",
  "full function(?:al)? (?:recovery|restored)",
];

/** A course of treatment that brought nothing (used near a service's own term). */
const NO_BENEFIT_TERMS = [
  "(?:did not|didn't|does not|doesn't|has not|hasn't) (?:really )?(?:help|improve|work|benefit)",
  "no (?:significant |lasting |sustained |functional |real |objective )?(?:benefit|improvement|relief|gains?|progress)",
  "not (?:been )?(?:helpful|effective|beneficial)",
  "unhelpful",
  "ineffective",
  "plateau(?:ed|ing)?",
  "without (?:any )?(?:benefit|improvement|relief|progress)",
  "failed(?! back)",
  "minimal (?:benefit|improvement|relief|gains?|progress)",
];

/** Measured gains from a past course: ROM or strength up, from-to changes (FI-PAT lives in lexicon.ts). */
const OBJECTIVE_GAIN_TERMS = [
  "(?:flexion|extension|abduction|rotation|rom|range of motion|strength|grip)[^.;\\n]{0,30}?(?:improved|increased|up)\\s+(?:from\\s+)?\\d{1,3}\\s*(?:(?:°|deg(?:rees?)?|\\/5|lbs?)\\s*)?(?:to|→|->)\\s*\\d{1,3}",
  "(?:flexion|extension|abduction|rotation|rom|range of motion)[^.;\\n]{0,20}?\\d{1,3}\\s*(?:(?:°|deg(?:rees?)?)\\s*)?(?:→|->|to)\\s*\\d{1,3}\\s*(?:°|deg(?:rees?)?)",
  "(?:strength|grip|quadriceps|deltoid)[^.;\\n]{0,20}?[0-4][+-]?\\s*\\/\\s*5\\s*(?:→|->|to)\\s*[1-5][+-]?\\s*\\/\\s*5",
];

export const PHYSICAL_MEDICINE_CONCEPTS: Concept[] = [
  { id: "pm.deficit", terms: DEFICIT_TERMS },
  { id: "pm.no-deficit", terms: NO_DEFICIT_TERMS },
  { id: "pm.no-benefit", terms: NO_BENEFIT_TERMS },
  { id: "pm.objective-gain", terms: OBJECTIVE_GAIN_TERMS },
  {
    id: "pm.home-exercise",
    terms: [
      "home exercises?(?: program)?",
      "self[- ]directed (?:home )?(?:exercises?|program)",
      "independent (?:home )?exercise program",
      "transition(?:ed|ing)? to (?:an? |the )?(?:home|independent|self[- ]directed) (?:exercise )?program",
      "(?:stretching|strengthening|exercises?) at home",
      "home (?:stretching|strengthening)(?: program| routine)?",
      "independent(?:ly)? (?:with|in|performing) (?:his |her |a |the )?(?:exercises?|exercise program|home program)",
      "self[- ]management program",
    ],
    exactTerms: abbreviationTerms(HEP_PROGRAM),
  },
  {
    id: "pm.hep-not-done",
    terms: [
      "not (?:doing|performing|compliant with|following) (?:the |his |her |a |any )?(?:hep|home exercises?(?: program)?|exercises)",
      "non-?complian(?:t|ce) with (?:the |his |her )?(?:hep|home exercises?(?: program)?|exercises)",
      "(?:does|did) not (?:do|perform) (?:the |his |her |any )?(?:hep|home exercises?|exercises)",
      "(?:stopped|quit) (?:doing )?(?:the |his |her )?(?:hep|home exercises?)",
      "no (?:hep|home exercise program) (?:has been )?(?:given|started|established|prescribed)",
    ],
  },
  {
    id: "pm.cap-waiver",
    terms: [
      "(?:employer|carrier|adjuster|claims administrator) (?:has )?(?:authorized|approved) (?:additional|more|further) (?:\\w+ ){0,2}visits? in writing",
      "written authori[sz]ation (?:from the (?:employer|carrier|adjuster|claims administrator) )?for (?:additional|more|further) (?:\\w+ ){0,2}visits",
      "authori[sz]ed in writing",
      "beyond the 24[- ]visit cap (?:is |was |has been )?(?:authorized|approved)",
    ],
  },
];

/**
 * Mentions of `target` in the same clause as a mention of `anchor` (same sentence, no ";" between, at
 * most `maxChars` apart): "PT did not help", "no benefit from chiropractic", "failed acupuncture".
 */
export function clauseNear(id: string, target: string, anchor: string, maxChars = 60): Concept {
  return {
    id,
    detect: (note: Note, find: (id: string) => Mention[]): Span[] => {
      // Anchors by sentence: a target is only ever near an anchor of its own sentence.
      const anchors = new Map<object, Mention[]>();
      for (const a of find(anchor)) {
        const list = anchors.get(a.sentence);
        if (list) list.push(a);
        else anchors.set(a.sentence, [a]);
      }
      return find(target)
        .filter((t) =>
          (anchors.get(t.sentence) ?? []).some((a) => {
            const from = Math.min(a.end, t.end);
            const to = Math.max(a.start, t.start);
            if (to - from > maxChars) return false;
            return !/[;]/.test(note.prose.slice(Math.min(from, to), Math.max(from, to)));
          }),
        )
        .map((m) => ({ start: m.start, end: m.end }));
    },
  };
}
