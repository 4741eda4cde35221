// What one request's evaluation read from the note, so that a session can tell, after an edit,
// whether that evaluation would come out the same (analyze.ts reuses it then; see reuse.ts). The
// whole-note readers report here as they are called: the matcher for every concept asked for
// (concepts.ts), `perChunk` for every per-chunk deriver (note.ts), the diagnoses of the note
// (facts/rfa-line.ts). Everything else a rule reads is local to a mention's sentence, block or line, or
// part of the note's layout that reuse.ts compares as a whole (sections, dates, requests).
// Dependency-free: note.ts and concepts.ts import it.

/**
 * The whole-note reads of one evaluation: concept ids; per-chunk derivers (the functions); and
 * values read over the whole note, each by the function that reads it from a note and what it
 * returned, as a string that is equal when the value is (the note's diagnoses, by text and code).
 */
export interface Reads {
  concepts: Set<string>;
  derivers: Set<object>;
  values: Map<NoteValue, string>;
}

/** Reads one whole-note value from a note (the same function on every call: it is the key). */
export type NoteValue = (note: never) => string;

let current: Reads | undefined;

export function newReads(): Reads {
  return { concepts: new Set(), derivers: new Set(), values: new Map() };
}

/** Runs `fn` recording its whole-note reads into `reads` (nested scopes record into both). */
export function recording<T>(reads: Reads, fn: () => T): T {
  const outer = current;
  current = reads;
  try {
    return fn();
  } finally {
    current = outer;
    if (outer) mergeReads(outer, reads);
  }
}

export function mergeReads(into: Reads, from: Reads): void {
  for (const c of from.concepts) into.concepts.add(c);
  for (const d of from.derivers) into.derivers.add(d);
  for (const [read, value] of from.values) into.values.set(read, value);
}

/** A concept's mentions over the note were read. */
export function readConcept(id: string): void {
  current?.concepts.add(id);
}

/** What a per-chunk deriver found over the whole note was read. */
export function readDerived(derive: object): void {
  current?.derivers.add(derive);
}

/** A whole-note value was read: `read(note)` returned `value`. */
export function readValue(read: NoteValue, value: string): void {
  current?.values.set(read, value);
}

/** Where shared values are kept: a WeakMap keyed by an analysis's object, or a Map inside one. */
export interface SharedCache<K, V> {
  get(key: K): { value: V; reads: Reads } | undefined;
  set(key: K, entry: { value: V; reads: Reads }): unknown;
}

/**
 * A value computed once per analysis and shared by several requests (a total over every opioid
 * requested): whoever uses it read what computing it read, also when it comes from the cache.
 */
export function sharedValue<K, V>(cache: SharedCache<K, V>, key: K, compute: () => V): V {
  let entry = cache.get(key);
  if (!entry) {
    const reads = newReads();
    const value = recording(reads, compute);
    cache.set(key, (entry = { value, reads }));
    return value;
  }
  if (current) mergeReads(current, entry.reads);
  return entry.value;
}
