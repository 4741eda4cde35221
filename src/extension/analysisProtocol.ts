// The messages between the extension host and the analysis workers (analysisWorker.ts). Types
// and constants only: the host side (analysisClient.ts) loads none of the core.
import type { HeaderDiagnostic } from "../core/frontmatter";
import type { RfaDraft } from "../core/rfa/draft";
import type { AnalyzeOptions, AnalyzeResult, ServiceInfo } from "../core/types";
import type { TextEdit } from "./textSync";

/** What a worker can do, by method name: parameters in, result out. */
export interface WorkerMethods {
  /**
   * Analyses one document's text in that document's session (a new one when the options change),
   * with the RFA header's gaps when the note requests something (published in the same turn).
   * The text comes whole, or as the edits since the version `base` the session holds; "resync"
   * when the session does not hold `base` or the edits do not give `length` characters. The
   * edits are applied before the run looks at its cancellation: a cancelled run's session holds
   * `version` all the same. (The worker answers "resync" only to edits, which the client sends
   * itself and answers with the whole text: callers get a `Checked`.)
   */
  analyze(params: AnalyzeParams): Checked;
  /** Drops one document's session (closed). */
  forget(params: { key: string }): void;
  /** Drops every session (settings changed). */
  forgetAll(params: Record<string, never>): void;
  /** The RFA header's missing fields, with the fixes that insert them. */
  headerDiagnostics(params: { text: string }): HeaderDiagnostic[];
  /** The DWC Form RFA drafted from a note, as data and as markdown, with each line's completion snippet. */
  draftRfa(params: { text: string; options: AnalyzeOptions }): DraftReply;
  /** The service families (for titles in hovers and reports). */
  services(params: Record<string, never>): ServiceInfo[];
}

export type AnalyzeParams =
  | { key: string; options: AnalyzeOptions; text: string; version?: number }
  | { key: string; options: AnalyzeOptions; version: number; base: number; edits: TextEdit[]; length: number };

export interface Checked {
  result: AnalyzeResult;
  header: HeaderDiagnostic[];
  /** What the run cost in the worker (numbers only). */
  stats?: RunStats;
}

/** The session does not hold the text the edits apply to: send the whole text. */
export interface Resync {
  resync: true;
}

export function isResync(value: unknown): value is Resync {
  return typeof value === "object" && value !== null && (value as Resync).resync === true;
}

/** A run's cost as the worker measured it. */
export interface RunStats {
  /** Applying the edits (or taking the text). */
  syncMs: number;
  analyzeMs: number;
  headerMs: number;
  /** The worker thread's CPU time for the whole request (its wall time where the thread's CPU time cannot be read). */
  cpuMs: number;
  /** Whether the thread's own CPU time was read (else `cpuMs` is wall time). */
  threadCpu: boolean;
  /** Edits applied (0 when the text came whole). */
  edits: number;
  /** Whether the text came whole. */
  full: boolean;
}

export interface DraftReply {
  draft: RfaDraft;
  markdown: string;
  /** Per draft line (same order), the snippet that completes it, if it lacks something. */
  completions: Array<string | undefined>;
}

/** The worker's own view of its methods: analyze may ask for the whole text. */
export type WorkerImplementation = Omit<WorkerMethods, "analyze"> & { analyze(params: AnalyzeParams): Checked | Resync };

export type Method = keyof WorkerMethods;
export type Params<M extends Method> = Parameters<WorkerMethods[M]>[0];
export type Result<M extends Method> = ReturnType<WorkerMethods[M]>;

export interface WorkerRequest {
  id: number;
  method: Method;
  params: unknown;
}

/**
 * What failed, without any text of it: the class of the error thrown (an identifier, e.g.
 * "TypeError") and a code of ours. A worker never sends an error's message or stack: either may
 * quote the note.
 */
export interface WorkerFailure {
  name: string;
  code: ErrorCode;
}

export type WorkerReply =
  /** The worker began serving request `id` (its time budget runs from here). */
  | { id: number; started: true }
  | { id: number; result: unknown }
  | { id: number; error: WorkerFailure }
  | { id: number; cancelled: true };

/** The codes of failed requests (logged as "AnalysisError E_TIMEOUT"). */
export type ErrorCode =
  /** A run passed its time budget and its worker was stopped. */
  | "E_TIMEOUT"
  /** A worker started nothing it was sent for too long. */
  | "E_STALLED"
  /** A worker exited or failed while starting or running. */
  | "E_CRASH"
  /** A worker ran out of its heap. */
  | "E_OOM"
  /** The core threw while serving the request. */
  | "E_CORE"
  /** No such method. */
  | "E_METHOD"
  /** The request could not be sent (its parameters could not be copied to the worker). */
  | "E_SEND"
  /** The client was disposed. */
  | "E_DISPOSED";

/**
 * Cancellation flags shared with every worker: request `id` is cancelled when slot `id % SLOTS`
 * holds `id` (a run in progress reads its slot between chunks and between requests).
 */
export const CANCEL_SLOTS = 1024;

/**
 * Where a worker's run is, shared with the host so that it can name the lines a stopped run was
 * reading: `[PROGRESS_ID]` the request being served, `[PROGRESS_START]` and `[PROGRESS_END]` the
 * character offsets of the chunk being parsed, both -1 outside the parse of a chunk.
 */
export const PROGRESS_ID = 0;
export const PROGRESS_START = 1;
export const PROGRESS_END = 2;
export const PROGRESS_SLOTS = 3;

export interface WorkerData {
  cancel: SharedArrayBuffer;
  /** `PROGRESS_SLOTS` Int32 values, one buffer per worker. */
  progress?: SharedArrayBuffer;
}

/** The kind of the notice a run stopped by its time budget or its heap leaves on the note. */
export const NOT_CHECKED = "not-checked";
