// Cooperative cancellation of a long analysis. A caller that may learn mid-run that its result
// is no longer wanted (the editor, when the note changed again) passes `isCancelled`; the core
// asks it before parsing each chunk a session does not hold yet, once after parsing and before
// each request, and inside the work on one chunk: `cancelPoint()` sits in the loops over a chunk's
// lines, parsed nodes, candidate words and sentences, and asks the check of the running analysis
// (set by `withCancel`) once CANCEL_STRIDE of them passed since it was last asked: a run that goes
// from chunk to chunk and request to request as usual is asked no more often than before, one
// chunk or request that is long work is asked inside it. When it answers true, the analysis stops by
// throwing `AnalysisCancelled`. What a session held or parsed before the stop is kept for the next
// run; a unit cut short is not kept (nothing half-built is stored).

/** Asked between units of work; true stops the analysis. */
export type CancelCheck = () => boolean;

export class AnalysisCancelled extends Error {
  constructor() {
    super("analysis cancelled");
    this.name = "AnalysisCancelled";
  }
}

/** The check of the analysis running now (analyses are synchronous: one at a time per thread). */
let running: CancelCheck | undefined;
/** Cancel points passed since the check was last asked. */
let ticks = 0;

/** Throws `AnalysisCancelled` when the check says so. */
export function checkCancelled(isCancelled: CancelCheck | undefined): void {
  ticks = 0;
  if (isCancelled?.()) throw new AnalysisCancelled();
}

/** Cancel points (each a small unit of work: a line, a node, a word) between two asks of the check. */
export const CANCEL_STRIDE = 16_384;

/** Runs `fn` with `isCancelled` as the check its cancel points ask; the previous one is restored after. */
export function withCancel<T>(isCancelled: CancelCheck | undefined, fn: () => T): T {
  const outer = running;
  running = isCancelled;
  ticks = 0;
  try {
    return fn();
  } finally {
    running = outer;
  }
}

/** Inside a loop over a chunk's parts: asks the running analysis's check once CANCEL_STRIDE points passed. */
export function cancelPoint(): void {
  if (running && ++ticks >= CANCEL_STRIDE) checkCancelled(running);
}
