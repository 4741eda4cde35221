// When "Draft RFA" shows its progress notification: only once the command has run for `delayMs`
// (300 ms) without finishing, so a fast draft shows nothing; then at once with the step it is on
// (the steps reported before it showed are not replayed, only the latest). Time spent waiting for
// the user (a modal question, a save dialog) is held, not counted. Pure: no `vscode` import, the
// timers and the clock are injectable (the unit test drives them with fake timers).

/** The notification once shown: the host's withProgress behind it. */
export interface ProgressView {
  report(message: string): void;
  /** The command finished: the notification goes. */
  close(): void;
}

export interface ProgressClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The global timers, looked up at each call (so fake timers installed later apply). */
const GLOBAL_CLOCK: ProgressClock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export const PROGRESS_DELAY_MS = 300;

export class DelayedProgress {
  private message: string | undefined;
  private view: ProgressView | undefined;
  private timer: unknown;
  /** Time still to run before showing (counted only while not held). */
  private remaining: number;
  private since = 0;
  private holds = 0;
  private done = false;

  constructor(
    private readonly show: (message: string | undefined) => ProgressView,
    delayMs = PROGRESS_DELAY_MS,
    private readonly clock: ProgressClock = GLOBAL_CLOCK,
  ) {
    this.remaining = Math.max(0, delayMs);
    if (this.remaining === 0) this.open();
    else this.arm();
  }

  /** True once the notification has been shown. */
  get shown(): boolean {
    return this.view !== undefined;
  }

  /** The step the command is on ("drafting…"): shown now if the notification is up, else kept. */
  step(message: string): void {
    if (this.done) return;
    this.message = message;
    this.view?.report(message);
  }

  /**
   * Stops the countdown while the user is asked something; the returned function resumes it with
   * the time that was left. A notification already shown stays.
   */
  hold(): () => void {
    if (this.done || this.view) return () => undefined;
    if (this.holds++ === 0) this.disarm();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && !this.done && !this.view) this.arm();
    };
  }

  /** The command finished (or failed): never shows after this; a shown notification closes. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.disarm();
    this.view?.close();
  }

  private arm(): void {
    this.since = this.clock.now();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.done && this.holds === 0) this.open();
    }, this.remaining);
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.remaining = Math.max(0, this.remaining - (this.clock.now() - this.since));
  }

  private open(): void {
    this.view = this.show(this.message);
  }
}
