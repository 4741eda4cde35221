// Cooperative cancellation of a long analysis. A caller that may learn mid-run that its result
// is no longer wanted (the editor, when the note changed again) passes `isCancelled`; the core
// asks it before parsing each chunk a session does not hold yet, once after parsing and before
// each request, and, when it answers true, stops by throwing `AnalysisCancelled`. What a session
// held or parsed before the stop is kept for the next run.

/** Asked between units of work; true stops the analysis. */
export type CancelCheck = () => boolean;

export class AnalysisCancelled extends Error {
  constructor() {
    super("analysis cancelled");
    this.name = "AnalysisCancelled";
  }
}

/** Throws `AnalysisCancelled` when the check says so. */
export function checkCancelled(isCancelled: CancelCheck | undefined): void {
  if (isCancelled?.()) throw new AnalysisCancelled();
}
