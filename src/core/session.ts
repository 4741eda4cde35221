// Incremental analysis: a session analyses successive versions of one note and reuses, for every
// chunk of markdown an edit did not touch (chunks.ts), its parse, prose, blocks, sentences, section
// labels and concept mentions, moved to the chunk's new offset (note.ts, Layout). Requests, facts
// and criteria are then evaluated over the whole note as `analyze` does, so the result equals a fresh
// `analyze` of the same text (test/unit/session.test.ts proves it over random notes and edits).
import { analyze } from "./analyze";
import { AnalysisCancelled, type CancelCheck } from "./cancel";
import type { ChunkData, Layout } from "./note";
import { RequestMemo, type AnalysisStore } from "./reuse";
import type { AnalyzeOptions, AnalyzeResult } from "./types";

export interface Session {
  /**
   * Analyses the note's current text, reusing what the previous call parsed and matched. With
   * `isCancelled` the run may stop early with `AnalysisCancelled` (cancel.ts); the chunks it had
   * parsed are kept, so a run cancelled again and again still makes progress.
   */
  analyze(text: string, isCancelled?: CancelCheck): AnalyzeResult;
  /** Forgets everything kept (the next call works like a cold `analyze`). */
  reset(): void;
  /** How many requests the last analysis reused and evaluated (reuse.ts), for tests and the bench. */
  stats(): { reused: number; evaluated: number };
}

/**
 * Keeps the latest note's chunks (in its layout, note.ts) and the chunks parsed since the last
 * analysis that ran to its end (a cancelled one's, for the next): memory follows the note's size,
 * not its history.
 */
class SessionStore implements AnalysisStore {
  private parsed = new Map<string, ChunkData>();
  /** The latest note's parts and sections, which the next note moves and reuses (note.ts). */
  layout?: Layout;
  /** Each request's outcomes of the latest analysis that ran to its end (reuse.ts). */
  readonly requests = new RequestMemo();

  constructor(private readonly watch?: ParseWatch) {}

  get(key: string): ChunkData | undefined {
    return this.parsed.get(key);
  }

  set(key: string, data: ChunkData): void {
    this.parsed.set(key, data);
    this.watch?.parsed();
  }

  parsing(start: number, end: number): void {
    this.watch?.parsing(start, end);
  }

  /** Ends an analysis that ran to its end: the layout holds every chunk it used; the rest is let go. */
  commit(): void {
    this.parsed = new Map();
  }

  clear(): void {
    this.parsed = new Map();
    this.layout = undefined;
    this.requests.clear();
  }
}

/**
 * Where a run is, for a caller that may have to stop it and say which lines it was in (the
 * extension's analysis worker): the note offsets of each chunk about to be parsed, and its end.
 */
export interface ParseWatch {
  parsing(start: number, end: number): void;
  parsed(): void;
}

/** A session for one note (one open document). `options` apply to every call. */
export function createSession(options: AnalyzeOptions = {}, watch?: ParseWatch): Session {
  const store = new SessionStore(watch);
  return {
    analyze(text: string, isCancelled?: CancelCheck): AnalyzeResult {
      let result: AnalyzeResult;
      try {
        result = analyze(text, options, store, isCancelled);
      } catch (error) {
        // A cancelled run keeps what it parsed, so runs cancelled again and again still progress.
        if (!(error instanceof AnalysisCancelled)) store.commit();
        throw error;
      }
      store.commit();
      return result;
    },
    reset(): void {
      store.clear();
    },
    stats: () => ({ ...store.requests.stats }),
  };
}
