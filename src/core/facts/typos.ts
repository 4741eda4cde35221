// Bounded edit distance for drug and procedure names: a dictated or typed name one edit away from a
// known name ("carisprodol", "cyclobenzeprine", "trigger piont", "message therapy") is read as that
// name. Only words of 6 letters or more are tried (short words collide with ordinary English), the
// first letter must match, and a word that is itself a known name or a common English word is never
// corrected. Pure functions of the text, linear in its length (each word is compared with the few
// names of its first letter, at most one edit, with an early exit).

export interface NameTypo {
  start: number;
  end: number;
  /** The name it stands for (as given in the list). */
  name: string;
  distance: number;
}

/** Words that are one edit from a drug or procedure name but mean something else. */
const ORDINARY = new Set([
  "message",
  "messages",
  "massager",
  "lyrics",
  "somatic",
  "sonata",
  "trigger",
  "triggers",
  "ambient",
  "motion",
  "motrin",
  "valium",
  "tension",
  "tensions",
  "extension",
  "pension",
]);

/** At most one edit (insert, delete, substitute, or swap two neighbours) between a and b. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // A substitution, or a swap of two neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface Index {
  byFirst: Map<string, string[]>;
  exact: Set<string>;
}

const indexes = new WeakMap<readonly string[], Index>();

function indexOf(names: readonly string[]): Index {
  let index = indexes.get(names);
  if (index) return index;
  const byFirst = new Map<string, string[]>();
  const exact = new Set<string>();
  for (const raw of names) {
    const name = raw.toLowerCase();
    exact.add(name);
    if (name.replace(/ /g, "").length < 6) continue;
    const list = byFirst.get(name[0]);
    if (list) list.push(name);
    else byFirst.set(name[0], [name]);
  }
  index = { byFirst, exact };
  indexes.set(names, index);
  return index;
}

const WORD = /[A-Za-z]{3,24}(?: [A-Za-z]{3,24})?/g;

/**
 * Words (or two-word names: "trigger piont") at most one edit from a name of `names` (lower case;
 * two-word names allowed), never an exact name or an ordinary word.
 */
export function nameTypos(text: string, names: readonly string[]): NameTypo[] {
  const { byFirst, exact } = indexOf(names);
  const out: NameTypo[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const phrase = m[0].toLowerCase();
    const first = phrase.split(" ")[0];
    // Try the two-word phrase, then its first word alone (the next word starts the next try).
    const tries = phrase === first ? [phrase] : [phrase, first];
    let matched = false;
    for (const t of tries) {
      if (t.replace(/ /g, "").length < 6 || exact.has(t) || ORDINARY.has(t)) continue;
      const candidates = byFirst.get(t[0]);
      if (!candidates) continue;
      for (const name of candidates) {
        if (Math.abs(name.length - t.length) > 1 || (name.includes(" ") !== t.includes(" "))) continue;
        if (withinOneEdit(t, name)) {
          out.push({ start: m.index, end: m.index + t.length, name, distance: 1 });
          matched = true;
          break;
        }
      }
      if (matched) break;
    }
    // Continue after the first word, so a second word can start a two-word name of its own.
    WORD.lastIndex = m.index + (matched ? out[out.length - 1].end - m.index : first.length);
  }
  return out;
}
