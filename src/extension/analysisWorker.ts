// An analysis worker: the core runs here, on its own thread, so that a long note never blocks
// the extension host (hovers, other extensions) and an outdated run can be stopped mid-way. The
// host (analysisClient.ts) runs a few of these and sends each one request at a time. One
// incremental session per document sent here. Bundled as dist/analysis-worker.js; it receives
// note text and returns plain results, and writes nothing anywhere (no logs: the host logs). A
// failure is reported by the error's class and a code, never by its message (which may quote the
// note).
import { parentPort, workerData } from "node:worker_threads";
import { AnalysisCancelled, draftRfa, listServices, renderRfaMarkdown } from "../core";
import { analyze } from "../core/analyze";
import type { CancelCheck } from "../core/cancel";
import type { ChunkData, ChunkStore, Layout } from "../core/note";
import { headerDiagnostics } from "../core/rfa/frontmatter";
import { completionSnippet } from "../core/rfa/line";
import type { AnalyzeOptions, AnalyzeResult } from "../core/types";
import {
  CANCEL_SLOTS,
  PROGRESS_END,
  PROGRESS_ID,
  PROGRESS_SLOTS,
  PROGRESS_START,
  type Method,
  type WorkerData,
  type WorkerFailure,
  type WorkerMethods,
  type WorkerReply,
  type WorkerRequest,
} from "./analysisProtocol";

/** A session (as core/session.ts's) that also tells where its run is. */
export interface TrackedSession {
  analyze(text: string, isCancelled?: CancelCheck): AnalyzeResult;
}

/**
 * A session like `createSession` (core/session.ts), whose chunk store also writes to `progress`
 * the offsets of the chunk about to be parsed (a chunk the store does not hold), and -1 once it
 * is parsed: when the host stops a run that passed its budget, it can name the lines it was in.
 */
export function createTrackedSession(options: AnalyzeOptions, progress: Int32Array): TrackedSession {
  let parsed = new Map<string, ChunkData>();
  let text = "";
  /** Where the last chunk looked up was found (chunks are parsed in order, in one or two passes). */
  let cursor = 0;
  const store: ChunkStore & { layout?: Layout } = {
    get(key) {
      const hit = parsed.get(key);
      if (!hit) located(key);
      return hit;
    },
    set(key, data) {
      parsed.set(key, data);
      Atomics.store(progress, PROGRESS_START, -1);
      Atomics.store(progress, PROGRESS_END, -1);
    },
  };
  /** The chunk's text is the end of its key (note.ts: `F|N`, the definitions' length, ":", them). */
  function located(key: string): void {
    const colon = key.indexOf(":");
    const defs = Number(key.slice(1, colon));
    if (colon < 0 || !Number.isInteger(defs)) return;
    const chunk = key.slice(colon + 1 + defs);
    // The first chunk may hold masked front matter: it starts the note.
    let start = key[0] === "F" ? 0 : text.indexOf(chunk, cursor);
    if (start < 0) start = text.indexOf(chunk);
    if (start < 0) return;
    cursor = start;
    Atomics.store(progress, PROGRESS_START, start);
    Atomics.store(progress, PROGRESS_END, start + chunk.length);
  }
  return {
    analyze(note, isCancelled) {
      text = note;
      cursor = 0;
      let result: AnalyzeResult;
      try {
        result = analyze(note, options, store, isCancelled);
      } catch (error) {
        // A cancelled run keeps what it parsed, so runs cancelled again and again still progress.
        if (!(error instanceof AnalysisCancelled)) parsed = new Map();
        throw error;
      } finally {
        text = "";
        Atomics.store(progress, PROGRESS_START, -1);
        Atomics.store(progress, PROGRESS_END, -1);
      }
      // The run got to its end: the layout holds every chunk it used; the rest is let go.
      parsed = new Map();
      return result;
    },
  };
}

/** The class of an error as an identifier ("TypeError"), never its message. */
export function failureName(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  return /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) ? name : "Error";
}

/** Synthetic (no patient): a plan requesting a few services, to warm the core up. */
const WARM_UP = `# PR-2 progress report
Date of service: 01/02/2025

## Subjective
Low back pain 6/10, 3/10 with medication; walks 20 minutes.

## Plan / Request for Authorization
1. Trigger point injections x2, lumbar paraspinals
2. Norco 5/325 mg 1 tab BID prn #60
3. Physical therapy 2x3 for the lumbar spine
4. MRI lumbar spine
`;

/** A worker serving requests from `port`: the methods of analysisProtocol.ts, one request at a time. */
function serve(data: WorkerData, port: NonNullable<typeof parentPort>): void {
  const cancel = new Int32Array(data.cancel);
  const progress = data.progress ? new Int32Array(data.progress) : new Int32Array(PROGRESS_SLOTS);
  const sessions = new Map<string, { options: string; session: TrackedSession }>();
  /** The request being served (its cancellation slot is read between units of work). */
  let current = 0;
  const isCancelled = () => Atomics.load(cancel, current % CANCEL_SLOTS) === current;

  const methods: WorkerMethods = {
    analyze({ key, options, text }) {
      const optionsKey = JSON.stringify(options);
      let entry = sessions.get(key);
      if (!entry || entry.options !== optionsKey) sessions.set(key, (entry = { options: optionsKey, session: createTrackedSession(options, progress) }));
      const result = entry.session.analyze(text, isCancelled);
      return { result, header: result.requests.length ? headerDiagnostics(text) : [] };
    },
    forget({ key }) {
      sessions.delete(key);
    },
    forgetAll() {
      sessions.clear();
    },
    headerDiagnostics({ text }) {
      return headerDiagnostics(text);
    },
    draftRfa({ text, options }) {
      const draft = draftRfa(text, options);
      return { draft, markdown: renderRfaMarkdown(draft), completions: draft.lines.map((line) => completionSnippet(line)) };
    },
    services() {
      return listServices();
    },
  };

  // The core's first run compiles its patterns and tables: done here, before any request's budget
  // runs, with a small synthetic note that requests a few services.
  try {
    createTrackedSession({}, new Int32Array(PROGRESS_SLOTS)).analyze(WARM_UP);
  } catch {
    // A failing core fails the first request instead.
  }

  port.on("message", (request: WorkerRequest) => {
    current = request.id;
    Atomics.store(progress, PROGRESS_START, -1);
    Atomics.store(progress, PROGRESS_END, -1);
    Atomics.store(progress, PROGRESS_ID, request.id);
    port.postMessage({ id: request.id, started: true } satisfies WorkerReply);
    let reply: WorkerReply;
    try {
      // Cancelled before it began (a newer version of the note came): nothing to do.
      if (isCancelled()) throw new AnalysisCancelled();
      const method = Object.prototype.hasOwnProperty.call(methods, request.method) ? (methods[request.method as Method] as (params: unknown) => unknown) : undefined;
      if (!method) reply = { id: request.id, error: { name: "AnalysisError", code: "E_METHOD" } };
      else reply = { id: request.id, result: method(request.params) };
    } catch (error) {
      const failure: WorkerFailure = { name: failureName(error), code: "E_CORE" };
      reply = error instanceof AnalysisCancelled ? { id: request.id, cancelled: true } : { id: request.id, error: failure };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      port.postMessage({ id: request.id, error: { name: failureName(error), code: "E_CORE" } } satisfies WorkerReply);
    }
  });
}

if (parentPort && workerData) serve(workerData as WorkerData, parentPort);
