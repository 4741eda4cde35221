// In-note directives, written as HTML comments so the note stays valid markdown:
//   <!-- rfa-ready-disable tpi.max-injections, massage -->
// disables the named criteria or whole families for this note. With no names it disables every check.

export const DIRECTIVE_NAME = "rfa-ready-disable";

const DIRECTIVE_RE = /<!--\s*rfa-ready-disable\b([^>]*?)-->/g;
const NAME_RE = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)?$/;

export interface Directives {
  /** True when a bare directive disables every check in the note. */
  all: boolean;
  /** Criterion IDs and family keys named by directives. */
  names: Set<string>;
}

/** Reads every disable directive in the text. Unknown words are ignored, never fatal. */
export function parseDirectives(text: string): Directives {
  const result: Directives = { all: false, names: new Set() };
  if (!text.includes(DIRECTIVE_NAME)) return result;
  for (const match of text.matchAll(DIRECTIVE_RE)) {
    const words = match[1].split(/[\s,]+/).filter(Boolean);
    if (words.length === 0) result.all = true;
    for (const word of words) if (NAME_RE.test(word)) result.names.add(word);
  }
  return result;
}

/** The directive text that disables one criterion (or family) in a note. */
export function disableDirective(idOrFamily: string): string {
  return `<!-- ${DIRECTIVE_NAME} ${idOrFamily} -->`;
}
