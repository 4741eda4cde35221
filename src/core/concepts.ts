// Concepts: named lexicons or detectors, matched once per note over the prose, each match
// placed in its sentence and section and read in context (negation, history, ...).
import { assess, type Assertion } from "./context";
import { sentenceAt, type Note, type Section, type Sentence } from "./note";
import type { Span } from "./text";

export interface Concept {
  id: string;
  /** Phrases as regex sources, matched case-insensitively between word boundaries. */
  terms?: string[];
  /** Phrases matched case-sensitively (abbreviations that clash in lower case: PT, MS, SI). */
  exactTerms?: string[];
  /** A detector for structured patterns (a change in function, paired pain scores). */
  detect?: (note: Note, find: (id: string) => Mention[]) => Span[];
}

export interface Mention extends Span {
  concept: string;
  sentence: Sentence;
  section: Section;
  assertion: Assertion;
  /** The matched text, for the extractors (never reported to the user). */
  text: string;
}

const compiled = new Map<string, RegExp[]>();

function regexesOf(concept: Concept): RegExp[] {
  let list = compiled.get(concept.id);
  if (list) return list;
  list = [];
  const edge = (src: string) => `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])`;
  if (concept.terms?.length) list.push(new RegExp(edge(concept.terms.join("|")), "gi"));
  if (concept.exactTerms?.length) list.push(new RegExp(edge(concept.exactTerms.join("|")), "g"));
  compiled.set(concept.id, list);
  return list;
}

/** Finds concept mentions in one note; each concept is matched at most once. */
export class Matcher {
  private readonly cache = new Map<string, Mention[]>();

  constructor(
    readonly note: Note,
    private readonly concepts: ReadonlyMap<string, Concept>,
  ) {}

  find = (id: string): Mention[] => {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const concept = this.concepts.get(id);
    if (!concept) throw new Error(`unknown concept: ${id}`);
    // Guard against cycles between detectors.
    this.cache.set(id, []);
    const spans: Span[] = [];
    for (const re of regexesOf(concept)) {
      re.lastIndex = 0;
      for (let m = re.exec(this.note.prose); m; m = re.exec(this.note.prose)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        spans.push({ start: m.index, end: m.index + m[0].length });
      }
    }
    if (concept.detect) spans.push(...concept.detect(this.note, this.find));
    const mentions = this.place(id, spans);
    this.cache.set(id, mentions);
    return mentions;
  };

  private place(id: string, spans: Span[]): Mention[] {
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Mention[] = [];
    let lastEnd = -1;
    for (const span of spans) {
      if (span.start < lastEnd) continue; // overlapping matches: keep the first, longest
      const sentence = sentenceAt(this.note, span.start);
      if (!sentence) continue;
      lastEnd = span.end;
      out.push({
        ...span,
        concept: id,
        sentence,
        section: sentence.section,
        assertion: assess(this.note, span, sentence),
        text: this.note.prose.slice(span.start, span.end),
      });
    }
    return out;
  }
}

/** Mentions of `id` inside a span (a sentence, a block). */
export function within(mentions: Mention[], span: Span): Mention[] {
  return mentions.filter((m) => m.start >= span.start && m.end <= span.end);
}
