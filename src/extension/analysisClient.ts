// The extension host's side of the analysis workers (analysisWorker.ts): a small pool of worker
// threads (one started ahead by warm(), the others on use), each serving one request at a time.
// Every document's requests go, in order, to the worker that holds its session; a document whose
// worker is busy with another document's long run moves to a free worker, so one note never
// holds up the others. A check goes as the edits since the version the document's session holds
// in that worker (textSync.ts), else as the whole text, read only then.
// Each run has a time budget, measured from when its worker starts it (not from the last
// request: typing never re-arms it). A run past its budget is stopped by terminating its worker;
// the note gets a "could not check lines N-M in time" notice instead of results, and the queued
// requests go to a fresh worker. Outdated runs are cancelled; one that does not stop soon is
// terminated the same way. Loads none of the core itself, so activating the extension costs only
// the glue. Nothing here carries note text or error messages into a reason or an error: only
// classes and codes (analysisProtocol.ts).
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import type { AnalyzeOptions, Notice } from "../core/types";
import {
  CANCEL_SLOTS,
  NOT_CHECKED,
  PROGRESS_END,
  PROGRESS_ID,
  PROGRESS_SLOTS,
  PROGRESS_START,
  isResync,
  type AnalyzeParams,
  type Checked,
  type ErrorCode,
  type Method,
  type Params,
  type Result,
  type WorkerData,
  type WorkerReply,
  type WorkerRequest,
} from "./analysisProtocol";
import { editsFor, type Held, type TextEdit } from "./textSync";

/**
 * A document version to check, read only when a request is sent: the worker gets the edits since
 * the version it holds when the document's edits since then are known, else the whole text.
 */
export interface DocumentSource {
  version: number;
  /** Characters at `version`. */
  length: number;
  /** The edits that take version `base` to `version`, in order; undefined when not known. */
  edits(base: number): TextEdit[] | undefined;
  /** The whole text at `version`; undefined when the document is past it (or closed). */
  text(): string | undefined;
}

/** When a request went out and came back (performance.now(), the host's clock), for the log. */
export interface CallTrace {
  posted?: number;
  started?: number;
  replied?: number;
  /** Whether the worker got the whole text (after a resync too). */
  full?: boolean;
  /** Whether the worker asked for the whole text. */
  resynced?: boolean;
}

/** A request the worker stopped because it was cancelled (a newer version of the note came). */
export class RunCancelled extends Error {
  constructor() {
    super("analysis cancelled");
    this.name = "RunCancelled";
  }
}

/**
 * A request that failed. Its message is only "AnalysisError <code>", with at most the class of
 * the error behind it ("AnalysisError E_CORE (TypeError)"): never text of the note or of an error.
 */
export class AnalysisError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    const safe = detail && /^[A-Za-z0-9_ ]{1,40}$/.test(detail) ? ` (${detail})` : "";
    super(`AnalysisError ${code}${safe}`);
    this.name = "AnalysisError";
  }
}

export interface Call<T> {
  /** Pass to `cancel` to stop the run early. */
  id: number;
  /** The result; rejects with `RunCancelled` when cancelled, with an `AnalysisError` when the run failed. */
  promise: Promise<T>;
}

export interface ClientOptions {
  /** The worker script (default: analysis-worker.js beside this bundle). */
  script?: string;
  /**
   * A run's time budget in ms, from when its worker starts it. Default: the environment's
   * RFA_READY_BUDGET_MS when set, else 15 s plus 15 s per million characters of the note. A
   * document whose last run was stopped gets twice the budget for its next, up to four times (a
   * slow machine's big note gets done; a stopped run loses its session, so the next is cold).
   */
  budgetMs?: number;
  /** A worker that starts nothing it was sent for this long is replaced (default 60 s). */
  stallMs?: number;
  /**
   * A cancelled run that has not stopped after this long is terminated (default: none, its
   * budget applies; terminating loses the document's session, and a run in a document's worker
   * holds up only that document).
   */
  cancelGraceMs?: number;
  /** Workers at most (default 3). */
  maxWorkers?: number;
  /** A document waits this long for its worker's run of another document before it moves (default 250 ms). */
  moveAfterMs?: number;
  /** Told when a worker had to be stopped or replaced (a PHI-free reason). */
  onRestart?: (reason: string) => void;
}

/** One request, from `call` to its settlement. */
interface Job {
  id: number;
  method: Method;
  params: unknown;
  /** The document whose session it uses (analyze). */
  lane?: string;
  /** The worker it must run in (forget, forgetAll). */
  pin?: Slot;
  cancelled: boolean;
  /** analyze by document version: its parameters are made when it is sent. */
  source?: DocumentSource;
  options?: AnalyzeOptions;
  /** Send the whole text (the worker asked for it). */
  full?: boolean;
  trace?: CallTrace;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker of the pool, with the request it is serving (at most one). */
interface Slot {
  worker?: Worker;
  progress: Int32Array;
  job?: Job;
  /** When the worker said it started `job`. */
  startedAt?: number;
  /** The stall, budget or cancel-grace timer of `job`. */
  timer?: ReturnType<typeof setTimeout>;
  /** Wakes the queue when `job` has run long enough for other documents to move. */
  moveTimer?: ReturnType<typeof setTimeout>;
  /** The documents whose sessions live in this worker. */
  lanes: Set<string>;
}

const BASE_BUDGET_MS = 15_000;
const BUDGET_MS_PER_CHAR = 15_000 / 1_000_000;

export class AnalysisClient {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly laneSlot = new Map<string, Slot>();
  /** Per document, how many of its runs in a row were stopped by their budget. */
  private readonly strikes = new Map<string, number>();
  /** Per document, the text its session holds in the worker it was last sent to. */
  private readonly held = new Map<string, Held>();
  private readonly cancelFlags = new Int32Array(new SharedArrayBuffer(CANCEL_SLOTS * 4));
  private nextId = 1;
  private disposed = false;
  private readonly script: string;
  private readonly stallMs: number;
  private readonly cancelGraceMs: number;
  private readonly maxWorkers: number;
  private readonly moveAfterMs: number;

  constructor(private readonly options: ClientOptions = {}) {
    this.script = options.script ?? path.join(__dirname, "analysis-worker.js");
    this.stallMs = options.stallMs ?? 60_000;
    this.cancelGraceMs = options.cancelGraceMs ?? Infinity;
    this.maxWorkers = Math.max(1, options.maxWorkers ?? 3);
    this.moveAfterMs = options.moveAfterMs ?? 250;
  }

  /** Sends one request; a document's requests are served one at a time, in order. */
  call<M extends Method>(method: M, params: Params<M>): Call<Result<M>> {
    const id = this.nextId++;
    const promise = new Promise<Result<M>>((resolve, reject) => {
      if (this.disposed) {
        reject(new AnalysisError("E_DISPOSED"));
        return;
      }
      const job: Job = { id, method, params, cancelled: false, resolve: resolve as (value: unknown) => void, reject };
      if (method === "forgetAll") {
        this.held.clear();
        // Every worker drops its sessions; nothing to do where none runs.
        const live = this.slots.filter((s) => s.worker);
        const parts = live.map((slot) => this.internal("forgetAll", {}, slot));
        Promise.all(parts).then(() => resolve(undefined as Result<M>), reject);
        return;
      }
      if (method === "forget") {
        const key = (params as Params<"forget">).key;
        const slot = this.laneSlot.get(key);
        this.laneSlot.delete(key);
        this.strikes.delete(key);
        this.held.delete(key);
        slot?.lanes.delete(key);
        if (!slot?.worker) {
          resolve(undefined as Result<M>);
          return;
        }
        job.pin = slot;
      }
      if (method === "analyze") job.lane = (params as Params<"analyze">).key;
      this.jobs.set(id, job);
      this.queue.push(job);
      this.pump();
    });
    return { id, promise };
  }

  /**
   * Checks one document version in the document's session: the worker gets the edits since the
   * version its session holds when it holds one of this document's texts and `source` knows the
   * edits since, else the whole text (first run, a new or other worker, other options, a session
   * forgotten, a resync).
   */
  analyze(key: string, options: AnalyzeOptions, source: DocumentSource, trace?: CallTrace): Call<Checked> {
    const id = this.nextId++;
    const promise = new Promise<Checked>((resolve, reject) => {
      if (this.disposed) {
        reject(new AnalysisError("E_DISPOSED"));
        return;
      }
      const job: Job = {
        id,
        method: "analyze",
        params: undefined,
        lane: key,
        source,
        options,
        trace,
        cancelled: false,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.jobs.set(id, job);
      this.queue.push(job);
      this.pump();
    });
    return { id, promise };
  }

  /**
   * Starts one worker now, when none runs: it compiles the core on its tiny synthetic note before
   * it reads any request, so that the first check of a note pays neither the thread's start nor
   * the compile. A worker that fails to start is replaced by the first check as usual.
   */
  warm(): void {
    if (this.disposed || this.slots.some((s) => s.worker)) return;
    const slot = this.slots.find((s) => !s.job) ?? this.newSlot();
    if (!slot) return;
    try {
      this.ensureWorker(slot);
    } catch {
      // The first check starts one (and reports what fails).
    }
  }

  /** The version of a document's text its worker session holds, as far as the host knows. */
  heldVersion(key: string): number | undefined {
    return this.held.get(key)?.version;
  }

  /** Asks the worker to stop request `id` at its next checkpoint (it rejects with `RunCancelled`). */
  cancel(id: number): void {
    const job = this.jobs.get(id);
    if (!job || job.cancelled) return;
    job.cancelled = true;
    Atomics.store(this.cancelFlags, id % CANCEL_SLOTS, id);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, () => job.reject(new RunCancelled()));
      return;
    }
    // A run that does not reach a checkpoint soon (stuck in one step) is stopped from outside.
    const slot = this.slots.find((s) => s.job === job);
    if (slot?.startedAt !== undefined) this.armRunTimer(slot, job, Math.min(this.cancelGraceMs, this.remaining(slot, job)));
  }

  /** Requests sent and not answered yet. */
  get busy(): number {
    return this.jobs.size;
  }

  /** Workers running now (for tests and the log). */
  get workers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  dispose(): void {
    this.disposed = true;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    this.queue.length = 0;
    for (const slot of this.slots) this.stopWorker(slot);
    for (const job of jobs) job.reject(new AnalysisError("E_DISPOSED"));
  }

  // -------------------------------------------------------------------------------------
  // Scheduling

  /** A request of the client's own (a moved document's forget, forgetAll) pinned to one worker. */
  private internal<M extends Method>(method: M, params: Params<M>, pin: Slot, pump = true): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, method, params, pin, cancelled: false, resolve, reject };
      this.jobs.set(job.id, job);
      this.queue.push(job);
      if (pump) this.pump();
    });
  }

  /** Sends every queued request that has a free worker, keeping each document's order. */
  private pump(): void {
    if (this.disposed) return;
    const blocked = new Set<string>();
    for (const job of [...this.queue]) {
      if (job.lane !== undefined && blocked.has(job.lane)) continue;
      const slot = this.slotFor(job);
      if (!slot) {
        if (job.lane !== undefined) blocked.add(job.lane);
        continue;
      }
      this.queue.splice(this.queue.indexOf(job), 1);
      this.send(slot, job);
    }
  }

  /** A free worker that may serve `job` now, or undefined (it waits). */
  private slotFor(job: Job): Slot | undefined {
    const idle = (s: Slot) => !s.job;
    if (job.pin) return this.slots.includes(job.pin) && idle(job.pin) ? job.pin : undefined;
    if (job.lane === undefined) return this.slots.find((s) => idle(s) && s.worker) ?? this.slots.find(idle) ?? this.newSlot();
    const lane = job.lane;
    const home = this.laneSlot.get(lane);
    if (home) {
      if (idle(home)) return home;
      const running = home.job!;
      // Its own earlier request, or another document's short run: wait for it.
      if (running.lane === lane || home.startedAt === undefined || performance.now() - home.startedAt < this.moveAfterMs) return undefined;
      const other = this.freeSlot(home);
      if (!other) return undefined;
      // Move the document: its session in the busy worker is dropped once that worker is free.
      home.lanes.delete(lane);
      this.assign(lane, other);
      void this.internal("forget", { key: lane }, home, false).catch(() => undefined);
      return other;
    }
    const slot = this.freeSlot();
    if (slot) this.assign(lane, slot);
    return slot;
  }

  /**
   * An idle worker for a document: one holding no document (running first), a new one, or the
   * least used (running first: a stopped worker must start again).
   */
  private freeSlot(except?: Slot): Slot | undefined {
    const idle = this.slots.filter((s) => s !== except && !s.job);
    const empty = idle.filter((s) => s.lanes.size === 0);
    return (
      empty.find((s) => s.worker) ??
      empty[0] ??
      this.newSlot() ??
      idle.sort((a, b) => a.lanes.size - b.lanes.size || Number(!a.worker) - Number(!b.worker))[0]
    );
  }

  private newSlot(): Slot | undefined {
    if (this.slots.length >= this.maxWorkers) return undefined;
    const slot: Slot = { progress: new Int32Array(new SharedArrayBuffer(PROGRESS_SLOTS * 4)), lanes: new Set() };
    this.slots.push(slot);
    return slot;
  }

  private assign(lane: string, slot: Slot): void {
    this.laneSlot.set(lane, slot);
    slot.lanes.add(lane);
  }

  // -------------------------------------------------------------------------------------
  // One worker

  private send(slot: Slot, job: Job): void {
    if (job.cancelled && job.method === "analyze") {
      this.finish(job, () => job.reject(new RunCancelled()));
      return;
    }
    slot.job = job;
    slot.startedAt = undefined;
    try {
      const worker = this.ensureWorker(slot);
      const params = job.method === "analyze" ? this.analyzeParams(job, worker) : job.params;
      if (params === undefined) {
        // The document moved past this version before its whole text could be read: outdated.
        slot.job = undefined;
        this.finish(job, () => job.reject(new RunCancelled()));
        queueMicrotask(() => this.pump());
        return;
      }
      const request: WorkerRequest = { id: job.id, method: job.method, params };
      worker.postMessage(request);
      worker.ref();
      if (job.trace) job.trace.posted = performance.now();
    } catch (error) {
      slot.job = undefined;
      if (job.lane !== undefined) this.held.delete(job.lane);
      const code = error instanceof AnalysisError ? error.code : "E_SEND";
      this.finish(job, () => job.reject(error instanceof AnalysisError ? error : new AnalysisError(code, errorClass(error))));
      queueMicrotask(() => this.pump());
      return;
    }
    // Until the worker says it started, it must not take longer than `stallMs`.
    this.setTimer(slot, () => this.stalled(slot, job), this.stallMs);
  }

  /**
   * The parameters of an analyze request to `worker`, and what its session holds once it has
   * them. Undefined when the whole text is needed and the document is past the version.
   */
  private analyzeParams(job: Job, worker: Worker): AnalyzeParams | undefined {
    const lane = job.lane!;
    const source = job.source;
    if (!source) {
      // A whole text without a version: the session's copy no longer matches any version.
      this.held.delete(lane);
      return job.params as AnalyzeParams;
    }
    const options = job.options ?? {};
    const optionsKey = JSON.stringify(options);
    const want = { worker, options: optionsKey, version: source.version };
    const plan = job.full ? undefined : editsFor(this.held.get(lane), want, (base) => source.edits(base));
    let params: AnalyzeParams;
    if (plan) {
      params = { key: lane, options, version: source.version, base: plan.base, edits: plan.edits, length: source.length };
    } else {
      const text = source.text();
      if (text === undefined) {
        this.held.delete(lane);
        return undefined;
      }
      params = { key: lane, options, text, version: source.version };
    }
    if (job.trace) job.trace.full = !plan;
    // The worker applies what it is sent before anything else (also when the run is then cancelled).
    this.held.set(lane, { worker, options: optionsKey, version: source.version, length: source.length });
    return params;
  }

  private ensureWorker(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const data: WorkerData = { cancel: this.cancelFlags.buffer as SharedArrayBuffer, progress: slot.progress.buffer as SharedArrayBuffer };
    // A runaway note exhausts the worker's heap, not the extension host's.
    // Loaded when the first worker starts (warm() or the first check), not when the bundle loads.
    const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
    const worker = new Worker(this.script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, worker, reply));
    worker.on("error", (error: Error & { code?: unknown }) =>
      this.failed(slot, worker, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "E_OOM" : "E_CRASH", `failed ${errorClass(error)}`),
    );
    worker.on("exit", (code) => this.failed(slot, worker, "E_CRASH", `exit ${Number(code)}`));
    slot.worker = worker;
    return worker;
  }

  private onReply(slot: Slot, worker: Worker, reply: WorkerReply): void {
    const job = slot.job;
    if (slot.worker !== worker || !job || reply.id !== job.id) return;
    if ("started" in reply) {
      slot.startedAt = performance.now();
      if (job.trace) job.trace.started = slot.startedAt;
      this.armRunTimer(slot, job, job.cancelled ? Math.min(this.cancelGraceMs, this.budget(job)) : this.budget(job));
      if (slot.moveTimer) clearTimeout(slot.moveTimer);
      slot.moveTimer = setTimeout(() => this.pump(), this.moveAfterMs + 1);
      slot.moveTimer.unref?.();
      return;
    }
    this.release(slot);
    worker.unref();
    if (job.trace) job.trace.replied = performance.now();
    if (job.method === "analyze" && job.lane !== undefined) {
      if ("result" in reply && isResync(reply.result)) {
        // The session did not hold the version the edits start from: the whole text, at once.
        this.held.delete(job.lane);
        if (!job.full && job.source) {
          job.full = true;
          if (job.trace) job.trace.resynced = true;
          this.send(slot, job);
          return;
        }
        this.finish(job, () => job.reject(new AnalysisError("E_CORE")));
        this.pump();
        return;
      }
      if ("error" in reply) this.held.delete(job.lane);
    }
    if (job.lane !== undefined && !("cancelled" in reply)) this.strikes.delete(job.lane);
    if ("result" in reply) this.finish(job, () => job.resolve(reply.result));
    else if ("cancelled" in reply) this.finish(job, () => job.reject(new RunCancelled()));
    else this.finish(job, () => job.reject(new AnalysisError(reply.error.code, reply.error.name === "AnalysisError" ? undefined : reply.error.name)));
    this.pump();
  }

  /** The worker left `job` unstarted for `stallMs`: it is replaced. */
  private stalled(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    this.stopWorker(slot);
    this.restarted(`AnalysisError E_STALLED: an analysis worker started nothing for ${seconds(this.stallMs)} s`);
    this.finish(job, () => job.reject(new AnalysisError("E_STALLED")));
    this.pump();
  }

  /** The run of `job` passed its budget (or, cancelled, did not stop): its worker is terminated. */
  private overBudget(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const span = this.span(slot, job);
    const budget = this.budget(job);
    this.stopWorker(slot);
    if (job.cancelled) {
      this.restarted(`AnalysisError E_TIMEOUT: an outdated run did not stop within ${seconds(Math.min(this.cancelGraceMs, budget))} s; its worker was stopped`);
      this.finish(job, () => job.reject(new RunCancelled()));
    } else {
      this.restarted(`AnalysisError E_TIMEOUT: a ${job.method} run passed its ${seconds(budget)} s budget; its worker was stopped`);
      if (job.lane !== undefined) this.strikes.set(job.lane, (this.strikes.get(job.lane) ?? 0) + 1);
      if (job.method === "analyze") this.finish(job, () => job.resolve(notChecked(this.textOf(job), span, `in time (over ${seconds(budget)} s)`)));
      else this.finish(job, () => job.reject(new AnalysisError("E_TIMEOUT")));
    }
    this.pump();
  }

  /** The worker exited or failed without being asked to. */
  private failed(slot: Slot, worker: Worker, code: ErrorCode, detail: string): void {
    if (slot.worker !== worker) return;
    const job = slot.job;
    const span = job ? this.span(slot, job) : undefined;
    this.stopWorker(slot);
    this.restarted(`AnalysisError ${code}: an analysis worker stopped (${detail})`);
    if (job) {
      if (job.cancelled) this.finish(job, () => job.reject(new RunCancelled()));
      else if (code === "E_OOM" && job.method === "analyze")
        this.finish(job, () => job.resolve(notChecked(this.textOf(job), span, "within the memory it may use")));
      else this.finish(job, () => job.reject(new AnalysisError(code, detail)));
    }
    this.pump();
  }

  /** Terminates a slot's worker (its sessions are lost; its documents stay with the slot). */
  private stopWorker(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = undefined;
    this.release(slot);
    // Its sessions are gone: their documents' next checks send the whole text.
    for (const [lane, held] of this.held) if (held.worker === worker) this.held.delete(lane);
    if (worker) void worker.terminate().catch(() => undefined);
  }

  /** The slot no longer serves a request. */
  private release(slot: Slot): void {
    slot.job = undefined;
    slot.startedAt = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.moveTimer) clearTimeout(slot.moveTimer);
    slot.timer = slot.moveTimer = undefined;
  }

  private finish(job: Job, settle: () => void): void {
    this.jobs.delete(job.id);
    if (Atomics.load(this.cancelFlags, job.id % CANCEL_SLOTS) === job.id) Atomics.store(this.cancelFlags, job.id % CANCEL_SLOTS, 0);
    settle();
  }

  private restarted(reason: string): void {
    if (!this.disposed) this.options.onRestart?.(reason);
  }

  private setTimer(slot: Slot, callback: () => void, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(callback, Math.max(0, ms));
    slot.timer.unref?.();
  }

  private armRunTimer(slot: Slot, job: Job, ms: number): void {
    this.setTimer(slot, () => this.overBudget(slot, job), ms);
  }

  /** What is left of the running job's budget. */
  private remaining(slot: Slot, job: Job): number {
    return slot.startedAt === undefined ? this.budget(job) : this.budget(job) - (performance.now() - slot.startedAt);
  }

  private budget(job: Job): number {
    const factor = 2 ** Math.min(2, (job.lane !== undefined && this.strikes.get(job.lane)) || 0);
    if (this.options.budgetMs !== undefined) return this.options.budgetMs * factor;
    const env = Number(process.env.RFA_READY_BUDGET_MS);
    if (Number.isFinite(env) && env > 0) return env * factor;
    return (BASE_BUDGET_MS + this.lengthOf(job) * BUDGET_MS_PER_CHAR) * factor;
  }

  /** The characters of the note a job checks (no text read for a job by version). */
  private lengthOf(job: Job): number {
    if (job.source) return job.source.length;
    const text = (job.params as { text?: unknown } | undefined)?.text;
    return typeof text === "string" ? text.length : 0;
  }

  /** The text of a stopped run, to name its lines: read on the host only then ("" when gone). */
  private textOf(job: Job): string {
    if (job.source) return job.source.text() ?? "";
    const text = (job.params as { text?: unknown } | undefined)?.text;
    return typeof text === "string" ? text : "";
  }

  /** The chunk the worker was parsing for `job`, as character offsets, when it says so. */
  private span(slot: Slot, job: Job): { start: number; end: number } | undefined {
    if (Atomics.load(slot.progress, PROGRESS_ID) !== job.id) return undefined;
    const start = Atomics.load(slot.progress, PROGRESS_START);
    const end = Atomics.load(slot.progress, PROGRESS_END);
    return start >= 0 && end > start ? { start, end } : undefined;
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? (Math.round(ms / 100) / 10).toString() : Math.round(ms / 1000).toString();
}

/** The class of an error ("TypeError"), never its message. */
function errorClass(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  return /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) ? name : "Error";
}

/**
 * The result of a run that was stopped: no findings, one notice naming the lines being parsed
 * when it stopped (or the whole note when that is not known). Counted from the note's text here,
 * on the host, only when a run is stopped.
 */
export function notChecked(text: string, span: { start: number; end: number } | undefined, why: string): Checked {
  let notice: Notice;
  if (span && span.end <= text.length) {
    let end = span.end;
    while (end > span.start + 1 && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
    const first = lineOf(text, span.start);
    const last = first + count(text, "\n", span.start, end - 1);
    const lastStart = text.lastIndexOf("\n", end - 1) + 1;
    const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
    notice = {
      kind: NOT_CHECKED as Notice["kind"],
      message: `RFA Ready could not check ${lines} ${why}, so nothing in this note was checked.`,
      range: { start: { line: first, column: 1 }, end: { line: last, column: end - lastStart + 1 } },
    };
  } else {
    notice = {
      kind: NOT_CHECKED as Notice["kind"],
      message: `RFA Ready could not check this note ${why}; nothing in it was checked.`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
  }
  return { result: { requests: [], findings: [], reports: [], notices: [notice] }, header: [] };
}

function lineOf(text: string, offset: number): number {
  return 1 + count(text, "\n", 0, offset);
}

function count(text: string, char: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(char, from); i >= 0 && i < to; i = text.indexOf(char, i + 1)) n++;
  return n;
}
