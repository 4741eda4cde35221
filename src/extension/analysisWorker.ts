// An analysis worker: the core runs here, on its own thread, so that a long note never blocks
// the extension host (hovers, other extensions) and an outdated run can be stopped mid-way. The
// host (analysisClient.ts) runs a few of these and sends each one request at a time. One
// incremental session per document sent here. Bundled as dist/analysis-worker.js; it receives
// note text and returns plain results, and writes nothing anywhere (no logs: the host logs). A
// failure is reported by the error's class and a code, never by its message (which may quote the
// note).
import { parentPort, workerData } from "node:worker_threads";
import { AnalysisCancelled, createSession, draftRfa, listServices, renderRfaMarkdown, type Session } from "../core";
import { createHeaderReader, headerDiagnostics, type HeaderReader } from "../core/frontmatter";
import { completionSnippet } from "../core/facts/rfa-line";
import type { AnalyzeOptions } from "../core/types";
import {
  CANCEL_SLOTS,
  PROGRESS_END,
  PROGRESS_ID,
  PROGRESS_SLOTS,
  PROGRESS_START,
  type Method,
  type WorkerData,
  type WorkerFailure,
  type WorkerImplementation,
  type WorkerReply,
  type WorkerRequest,
} from "./analysisProtocol";
import { TextCopy } from "./textSync";

/** The calling thread's CPU time in ms (Node 23.9+), else undefined. */
export function threadCpuMs(): number | undefined {
  const read = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  if (typeof read !== "function") return undefined;
  try {
    const usage = read.call(process);
    return (usage.user + usage.system) / 1000;
  } catch {
    return undefined;
  }
}

/**
 * The core's session (core/session.ts) with its parse watch writing to `progress` the offsets of
 * the chunk being parsed, and -1 once it is parsed or the run ends: when the host stops a run that
 * passed its budget, it can name the lines it was in.
 */
export function createTrackedSession(options: AnalyzeOptions, progress: Int32Array): Session {
  const mark = (start: number, end: number) => {
    Atomics.store(progress, PROGRESS_START, start);
    Atomics.store(progress, PROGRESS_END, end);
  };
  const session = createSession(options, { parsing: mark, parsed: () => mark(-1, -1) });
  return {
    analyze(text, isCancelled) {
      try {
        return session.analyze(text, isCancelled);
      } finally {
        mark(-1, -1);
      }
    },
    reset: () => session.reset(),
    stats: () => session.stats(),
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

/**
 * Warms a session up: WARM_UP, then a case file of 16 such visits under dated headings, edited
 * twelve times (a keystroke mid-note, a line at the top, a pasted paragraph, each made and undone).
 */
export function warmUp(session: Session, header: HeaderReader): void {
  session.analyze(WARM_UP);
  const visits = Array.from({ length: 16 }, (_, i) => {
    const date = `0${1 + (i % 9)}/1${i % 10}/20${10 + i}`;
    return `## Visit ${date}\n\n${WARM_UP.replace(/^# .*\n/, "").replace("01/02/2025", date)}`;
  });
  let text = `# PR-2 progress reports\n\n${visits.join("\n")}`;
  const mid = text.indexOf("walks", text.length >> 1);
  const top = text.indexOf("\n") + 1;
  const paragraph = "Seen again today; the plan is unchanged.\n\n";
  const edits: Array<(t: string) => string> = [
    (t) => t.slice(0, mid) + "x" + t.slice(mid),
    (t) => t.slice(0, mid) + t.slice(mid + 1),
    (t) => t.slice(0, top) + "Addendum.\n" + t.slice(top),
    (t) => t.slice(0, top) + t.slice(top + "Addendum.\n".length),
    (t) => t.slice(0, mid) + paragraph + t.slice(mid),
    (t) => t.slice(0, mid) + t.slice(mid + paragraph.length),
  ];
  for (let round = 0; round < 3; round++) {
    for (const edit of edits) {
      text = edit(text);
      if (session.analyze(text).requests.length) header.read(text);
    }
  }
}

/** A worker serving requests from `port`: the methods of analysisProtocol.ts, one request at a time. */
function serve(data: WorkerData, port: NonNullable<typeof parentPort>): void {
  const cancel = new Int32Array(data.cancel);
  const progress = data.progress ? new Int32Array(data.progress) : new Int32Array(PROGRESS_SLOTS);
  /** Per document: its session and the session's copy of the text (kept in step by edits). */
  const sessions = new Map<string, { options: string; session: Session; copy: TextCopy; header: HeaderReader }>();
  /** The request being served (its cancellation slot is read between units of work). */
  let current = 0;
  const isCancelled = () => Atomics.load(cancel, current % CANCEL_SLOTS) === current;

  const methods: WorkerImplementation = {
    analyze(params) {
      const t0 = performance.now();
      const cpu0 = threadCpuMs();
      const { key, options } = params;
      const optionsKey = JSON.stringify(options);
      let entry = sessions.get(key);
      if (!entry || entry.options !== optionsKey) {
        entry = { options: optionsKey, session: createTrackedSession(options, progress), copy: new TextCopy(), header: createHeaderReader() };
        sessions.set(key, entry);
      }
      // The copy follows the request before the run looks at its cancellation: a cancelled run
      // leaves the copy at the version it was sent for, as the host assumes.
      const synced = entry.copy.update(params);
      if (synced === "resync") return { resync: true };
      const text = synced.text;
      const t1 = performance.now();
      if (isCancelled()) throw new AnalysisCancelled();
      const result = entry.session.analyze(text, isCancelled);
      const t2 = performance.now();
      const header = result.requests.length ? entry.header.read(text) : [];
      const t3 = performance.now();
      const cpu1 = threadCpuMs();
      const stats = {
        syncMs: t1 - t0,
        analyzeMs: t2 - t1,
        headerMs: t3 - t2,
        cpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : t3 - t0,
        threadCpu: cpu0 !== undefined && cpu1 !== undefined,
        edits: "edits" in params ? params.edits.length : 0,
        full: !("edits" in params),
      };
      return { result, header, stats };
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
  // runs, with a small synthetic note that requests a few services, then a case file of such
  // visits edited a few times, so the paths an edit takes are compiled before the first keystroke.
  try {
    warmUp(createTrackedSession({}, new Int32Array(PROGRESS_SLOTS)), createHeaderReader());
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
      // Cancelled before it began (a newer version of the note came): nothing to do (analyze
      // first brings its text copy up to date, then asks).
      if (request.method !== "analyze" && isCancelled()) throw new AnalysisCancelled();
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
