// The messages between the extension host and the analysis worker (analysisWorker.ts). Types
// only: the host side (analysisClient.ts) loads none of the core.
import type { HeaderDiagnostic } from "../core/rfa/frontmatter";
import type { RfaDraft } from "../core/rfa/draft";
import type { AnalyzeOptions, AnalyzeResult, ServiceInfo } from "../core/types";

/** What the worker can do, by method name: parameters in, result out. */
export interface WorkerMethods {
  /**
   * Analyses one document's text in that document's session (a new one when the options change),
   * with the RFA header's gaps when the note requests something (published in the same turn).
   */
  analyze(params: { key: string; options: AnalyzeOptions; text: string }): Checked;
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

export interface Checked {
  result: AnalyzeResult;
  header: HeaderDiagnostic[];
}

export interface DraftReply {
  draft: RfaDraft;
  markdown: string;
  /** Per draft line (same order), the snippet that completes it, if it lacks something. */
  completions: Array<string | undefined>;
}

export type Method = keyof WorkerMethods;
export type Params<M extends Method> = Parameters<WorkerMethods[M]>[0];
export type Result<M extends Method> = ReturnType<WorkerMethods[M]>;

export interface WorkerRequest {
  id: number;
  method: Method;
  params: unknown;
}

export type WorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: string }
  | { id: number; cancelled: true };

/**
 * Cancellation flags shared with the worker: request `id` is cancelled when slot `id % SLOTS`
 * holds `id` (a run in progress reads its slot between chunks and between requests).
 */
export const CANCEL_SLOTS = 1024;

export interface WorkerData {
  cancel: SharedArrayBuffer;
}
