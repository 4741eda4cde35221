// The extension host's side of the analysis worker (analysisWorker.ts): starts it on first use,
// sends it requests and resolves their replies, cancels outdated runs, and replaces the worker
// when it crashes, runs out of memory or stops answering. Loads none of the core itself, so
// activating the extension costs only the glue.
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import { CANCEL_SLOTS, type Method, type Params, type Result, type WorkerData, type WorkerReply, type WorkerRequest } from "./analysisProtocol";

/** A request the worker stopped because it was cancelled (a newer version of the note came). */
export class RunCancelled extends Error {
  constructor() {
    super("analysis cancelled");
    this.name = "RunCancelled";
  }
}

export interface Call<T> {
  /** Pass to `cancel` to stop the run early. */
  id: number;
  /** The result; rejects with `RunCancelled` when cancelled, with an Error when the run failed. */
  promise: Promise<T>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface ClientOptions {
  /** The worker script (default: analysis-worker.js beside this bundle). */
  script?: string;
  /** A worker that answers nothing for this long while busy is replaced (default 60 s). */
  stallMs?: number;
  /** Told when the worker had to be replaced (a PHI-free reason). */
  onRestart?: (reason: string) => void;
}

export class AnalysisClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly cancelFlags = new Int32Array(new SharedArrayBuffer(CANCEL_SLOTS * 4));
  private nextId = 1;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly script: string;
  private readonly stallMs: number;

  constructor(private readonly options: ClientOptions = {}) {
    this.script = options.script ?? path.join(__dirname, "analysis-worker.js");
    this.stallMs = options.stallMs ?? 60_000;
  }

  /** Sends one request; the worker serves requests one at a time, in order. */
  call<M extends Method>(method: M, params: Params<M>): Call<Result<M>> {
    const id = this.nextId++;
    const promise = new Promise<Result<M>>((resolve, reject) => {
      if (this.disposed) {
        reject(new Error("the analysis worker is disposed"));
        return;
      }
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const request: WorkerRequest = { id, method, params };
      try {
        this.ensureWorker().postMessage(request);
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.armWatchdog();
    });
    return { id, promise };
  }

  /** Asks the worker to stop request `id` at its next checkpoint (it replies `RunCancelled`). */
  cancel(id: number): void {
    if (this.pending.has(id)) Atomics.store(this.cancelFlags, id % CANCEL_SLOTS, id);
  }

  /** Requests sent and not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.disposed = true;
    this.stop(new Error("the analysis worker is disposed"));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: WorkerData = { cancel: this.cancelFlags.buffer as SharedArrayBuffer };
    // A runaway note exhausts the worker's heap, not the extension host's.
    // Loaded on the first check, not at activation.
    const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
    const worker = new Worker(this.script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    worker.on("error", (error) => this.replace(worker, `the analysis worker failed (${error.name})`));
    worker.on("exit", (code) => this.replace(worker, `the analysis worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    Atomics.store(this.cancelFlags, reply.id % CANCEL_SLOTS, 0);
    if ("result" in reply) pending.resolve(reply.result);
    else if ("cancelled" in reply) pending.reject(new RunCancelled());
    else pending.reject(new Error(reply.error));
    this.armWatchdog();
  }

  /**
   * While requests are waiting, the worker must answer one within `stallMs`, and it keeps the
   * process alive; an idle worker does not.
   */
  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.pending.size && !this.disposed) this.worker?.ref();
    else this.worker?.unref();
    if (!this.pending.size || this.disposed) return;
    this.watchdog = setTimeout(() => {
      const worker = this.worker;
      if (worker) this.replace(worker, `the analysis worker answered nothing for ${Math.round(this.stallMs / 1000)} s`);
    }, this.stallMs);
    this.watchdog.unref?.();
  }

  /** Drops a worker that failed: its requests fail, the next call starts a fresh one. */
  private replace(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.stop(new Error(reason));
    if (!this.disposed) this.options.onRestart?.(reason);
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.cancelFlags.fill(0);
    for (const p of pending) p.reject(error);
    if (worker) void worker.terminate();
  }
}
