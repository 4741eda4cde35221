// The token index behind concept matching: rules must scale with their number. Every concept term
// is matched between word edges, so a match starts where a word starts, and the literal letters a
// term must begin with are the beginning of that word. The index lists, for each beginning (the
// first 1 to 4 letters of a word, lower case), where such words start; a concept's regex is then
// tried only at those offsets (sticky), never scanned over the whole text. Terms whose beginning
// cannot be read (a leading \s, a symbol such as "+") are scanned as usual: the index only ever
// skips offsets at which a term cannot match. Scan detectors use it the same way: each names what
// every unit it can match holds (`Scan.needs`), and is read only in the units the index finds it in.
// A text's index is read for every reader at once, in one pass over its words (`readerOffsets`).

/** How many leading characters of a word the index keeps. */
export const KEY_LENGTH = 4;
const MAX_PREFIXES = 64;

type Node =
  | { t: "chars"; set: string[] | null }
  | { t: "assert" }
  | { t: "group"; alts: Node[][] }
  | { t: "quant"; min: number; max: number; node: Node };

class Unsupported extends Error {}

/** A small reader of the regex syntax used in concept terms (no `u` flag, Annex B). */
function parse(source: string): Node[][] {
  let i = 0;
  const peek = () => source[i];

  function disjunction(): Node[][] {
    const alts: Node[][] = [alternative()];
    while (peek() === "|") {
      i++;
      alts.push(alternative());
    }
    return alts;
  }

  function alternative(): Node[] {
    const seq: Node[] = [];
    while (i < source.length && peek() !== "|" && peek() !== ")") {
      let atom = term();
      const q = quantifier();
      if (q) {
        if (atom.t === "assert") throw new Unsupported("quantified assertion");
        atom = { t: "quant", min: q.min, max: q.max, node: atom };
      }
      seq.push(atom);
    }
    return seq;
  }

  function quantifier(): { min: number; max: number } | undefined {
    const c = peek();
    let q: { min: number; max: number } | undefined;
    if (c === "*") q = { min: 0, max: Infinity };
    else if (c === "+") q = { min: 1, max: Infinity };
    else if (c === "?") q = { min: 0, max: 1 };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined; // a literal brace (Annex B)
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      i += m[0].length - 1;
      q = { min, max };
    }
    if (!q) return undefined;
    i++;
    if (peek() === "?") i++; // lazy
    return q;
  }

  function term(): Node {
    const c = source[i++];
    switch (c) {
      case "^":
      case "$":
        return { t: "assert" };
      case ".":
        return { t: "chars", set: null };
      case "(": {
        let assertion = false;
        if (source.startsWith("?:", i)) i += 2;
        else if (source.startsWith("?=", i) || source.startsWith("?!", i)) {
          i += 2;
          assertion = true;
        } else if (source.startsWith("?<=", i) || source.startsWith("?<!", i)) {
          i += 3;
          assertion = true;
        } else if (source.startsWith("?<", i)) {
          const close = source.indexOf(">", i);
          if (close < 0) throw new Unsupported("group name");
          i = close + 1;
        } else if (peek() === "?") throw new Unsupported("group kind");
        const alts = disjunction();
        if (source[i++] !== ")") throw new Unsupported("unclosed group");
        return assertion ? { t: "assert" } : { t: "group", alts };
      }
      case "[":
        return charClass();
      case "\\":
        return escape(false);
      case ")":
      case "|":
        throw new Unsupported("unexpected");
      default:
        if (c === "*" || c === "+" || c === "?") throw new Unsupported("dangling quantifier");
        return { t: "chars", set: [c] };
    }
  }

  function escape(inClass: boolean): Node {
    const c = source[i++];
    if (c === undefined) throw new Unsupported("trailing backslash");
    if (c === "b") return inClass ? { t: "chars", set: ["\b"] } : { t: "assert" };
    if (c === "B") return { t: "assert" };
    if (c === "d") return { t: "chars", set: [..."0123456789"] };
    if ("DwWsS".includes(c)) return { t: "chars", set: null };
    if (c === "n") return { t: "chars", set: ["\n"] };
    if (c === "t") return { t: "chars", set: ["\t"] };
    if (c === "r") return { t: "chars", set: ["\r"] };
    if (c === "f") return { t: "chars", set: ["\f"] };
    if (c === "v") return { t: "chars", set: ["\v"] };
    if (/[1-9]/.test(c)) return { t: "chars", set: null }; // a backreference
    if (/[0xuc]/.test(c)) return { t: "chars", set: null }; // code points: not a word letter we index
    if (/[A-Za-z]/.test(c)) throw new Unsupported(`escape \\${c}`);
    return { t: "chars", set: [c] };
  }

  function charClass(): Node {
    let negated = false;
    if (peek() === "^") {
      negated = true;
      i++;
    }
    const set: string[] = [];
    let unknown = false;
    while (i < source.length && peek() !== "]") {
      let lo: string | null;
      if (peek() === "\\") {
        i++;
        const e = escape(true);
        if (e.t !== "chars" || !e.set) {
          unknown = true;
          continue;
        }
        if (e.set.length !== 1) {
          set.push(...e.set);
          continue;
        }
        lo = e.set[0];
      } else lo = source[i++];
      if (peek() === "-" && source[i + 1] !== "]" && source[i + 1] !== undefined) {
        i++;
        let hi: string;
        if (peek() === "\\") {
          i++;
          const e = escape(true);
          if (e.t !== "chars" || !e.set || e.set.length !== 1) {
            unknown = true;
            continue;
          }
          hi = e.set[0];
        } else hi = source[i++];
        const a = lo.charCodeAt(0);
        const b = hi.charCodeAt(0);
        if (b - a > 26) unknown = true;
        else for (let k = a; k <= b; k++) set.push(String.fromCharCode(k));
      } else set.push(lo);
    }
    if (source[i++] !== "]") throw new Unsupported("unclosed class");
    if (negated || unknown || set.length > 40) return { t: "chars", set: null };
    return { t: "chars", set: [...new Set(set.map((x) => x.toLowerCase()))] };
  }

  const result = disjunction();
  if (i !== source.length) throw new Unsupported("trailing input");
  return result;
}

/** Every match of `seq[from..]` begins with one of the returned strings ("" = anything). */
function prefixes(seq: Node[], from: number, need = KEY_LENGTH): Set<string> {
  if (from >= seq.length || need <= 0) return new Set([""]);
  const node = seq[from];
  const rest = () => prefixes(seq, from + 1, need);
  let out: Set<string>;
  switch (node.t) {
    case "assert":
      return rest();
    case "chars": {
      if (!node.set) return new Set([""]);
      const tails = prefixes(seq, from + 1, need - 1);
      out = new Set();
      for (const c of node.set) for (const t of tails) out.add((c + t).slice(0, KEY_LENGTH).toLowerCase());
      break;
    }
    case "group":
      out = new Set();
      for (const alt of node.alts) for (const p of prefixes([...alt, ...seq.slice(from + 1)], 0, need)) out.add(p);
      break;
    case "quant": {
      if (node.max === 0) return rest();
      // Once through then the rest, when at most once; else the element alone (an over-approximation).
      out = node.max === 1 ? prefixes([node.node, ...seq.slice(from + 1)], 0, need) : prefixes([node.node], 0, need);
      if (node.min === 0) for (const p of rest()) out.add(p);
      break;
    }
  }
  if (out.size > MAX_PREFIXES) throw new Unsupported("too many prefixes");
  return out;
}

/**
 * The index keys a term must start with (lower case, 1 to KEY_LENGTH letters or digits, or "%"),
 * or undefined when its beginning cannot be read: such a term is matched everywhere.
 */
export function termKeys(source: string): string[] | undefined {
  let alts: Node[][];
  try {
    alts = parse(source);
  } catch {
    return undefined;
  }
  // Shorter keys when a term has too many beginnings to list at full length.
  let set: Set<string> | undefined;
  for (let need = KEY_LENGTH; need >= 1 && !set; need--) {
    try {
      set = new Set();
      for (const alt of alts) for (const p of prefixes(alt, 0, need)) set.add(p);
    } catch {
      set = undefined;
    }
  }
  if (!set) return undefined;
  const words: string[] = [];
  for (const p of set) {
    const word = p.startsWith(PERCENT) ? PERCENT : /^[a-z0-9]*/.exec(p)![0];
    if (!word) return undefined;
    words.push(word);
  }
  // A key that starts with another key adds nothing.
  words.sort((a, b) => a.length - b.length);
  const keys: string[] = [];
  for (const w of words) if (!keys.some((k) => w.startsWith(k))) keys.push(w);
  return keys;
}

/** The one symbol the index keeps: a percentage is what several detectors cannot do without. */
export const PERCENT = "%";

/**
 * For each key, the readers of the index (small numbers: a concept's terms, a detector's needs)
 * that want the words beginning with it.
 */
export type KeyReaders = ReadonlyMap<string, readonly number[]>;

/** The readers of lists of keys, the i-th list read by reader i. */
export function keyReaders(keyLists: ReadonlyArray<readonly string[]>): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  keyLists.forEach((keys, reader) => {
    for (const k of keys) {
      const list = byKey.get(k);
      if (!list) byKey.set(k, [reader]);
      else if (!list.includes(reader)) list.push(reader);
    }
  });
  return byKey;
}

/**
 * The token index of a text, read for all its readers in one pass over the words: for each
 * reader, the ascending offsets of the words beginning with one of its keys (and of the percent
 * signs, under "%"); undefined when there are none. A reader with dozens of keys costs no more than
 * one with a single key: no reader looks its keys up one by one, nor merges their lists.
 */
export function readerOffsets(text: string, readers: KeyReaders, count: number): Array<number[] | undefined> {
  const out = new Array<number[] | undefined>(count);
  const re = /[A-Za-z0-9]+|%/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = (m[0].length > KEY_LENGTH ? m[0].slice(0, KEY_LENGTH) : m[0]).toLowerCase();
    for (let k = 1; k <= w.length; k++) {
      const wanting = readers.get(k === w.length ? w : w.slice(0, k));
      if (!wanting) continue;
      for (const r of wanting) {
        const list = out[r];
        // A reader whose keys begin with one another ("p", "pain") is given a word once.
        if (!list) out[r] = [m.index];
        else if (list[list.length - 1] !== m.index) list.push(m.index);
      }
    }
  }
  return out;
}
