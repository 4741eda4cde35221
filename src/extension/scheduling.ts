// Pure, vscode-free scheduling state of the diagnostics: a per-document debouncer and a
// cache of analysis results keyed by document version and configuration generation.
import type { AnalyzeResult } from "../core/types";

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs the last scheduled callback per key once `ms` have passed without another schedule. */
export class Debouncer {
  private readonly pending = new Map<string, unknown>();
  constructor(private readonly timers: Timers = realTimers) {}

  schedule(key: string, ms: number, callback: () => void): void {
    this.cancel(key);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(key);
      callback();
    }, Math.max(0, ms));
    this.pending.set(key, handle);
  }

  cancel(key: string): void {
    const handle = this.pending.get(key);
    if (handle !== undefined) {
      this.timers.clearTimeout(handle);
      this.pending.delete(key);
    }
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}

export interface CachedResult {
  version: number;
  generation: number;
  result: AnalyzeResult;
}

/**
 * Analysis results per document. A result belongs to one document version and one
 * configuration generation; anything else is stale and is neither published nor used
 * for hovers and fixes.
 */
export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();
  private generationValue = 0;

  /** The current configuration generation; bump it when settings change. */
  get generation(): number {
    return this.generationValue;
  }

  /** Invalidates every cached result (settings changed). */
  nextGeneration(): number {
    this.entries.clear();
    return ++this.generationValue;
  }

  /**
   * True when a result computed for (version, generation) may still be published for a
   * document now at `currentVersion`.
   */
  isCurrent(version: number, generation: number, currentVersion: number): boolean {
    return version === currentVersion && generation === this.generationValue;
  }

  /** Stores the result if it is current; returns whether it was stored. */
  set(key: string, version: number, generation: number, currentVersion: number, result: AnalyzeResult): boolean {
    if (!this.isCurrent(version, generation, currentVersion)) return false;
    const existing = this.entries.get(key);
    if (existing && existing.version > version && existing.generation === generation) return false;
    this.entries.set(key, { version, generation, result });
    return true;
  }

  /** The result for exactly this document version, or undefined when stale or absent. */
  get(key: string, currentVersion: number): AnalyzeResult | undefined {
    const entry = this.entries.get(key);
    if (!entry || !this.isCurrent(entry.version, entry.generation, currentVersion)) return undefined;
    return entry.result;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
