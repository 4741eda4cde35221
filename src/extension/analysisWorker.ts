// The analysis worker: the core runs here, on its own thread, so that a long note never blocks
// the extension host (hovers, other extensions) and an outdated run can be stopped mid-way.
// One incremental session per open document. Bundled as dist/analysis-worker.js; it receives
// note text and returns plain results, and writes nothing anywhere (no logs: the host logs).
import { parentPort, workerData } from "node:worker_threads";
import { AnalysisCancelled, createSession, draftRfa, listServices, renderRfaMarkdown, type Session } from "../core";
import { headerDiagnostics } from "../core/rfa/frontmatter";
import { completionSnippet } from "../core/rfa/line";
import { CANCEL_SLOTS, type Method, type WorkerData, type WorkerMethods, type WorkerReply, type WorkerRequest } from "./analysisProtocol";

const cancel = new Int32Array((workerData as WorkerData).cancel);
const sessions = new Map<string, { options: string; session: Session }>();
/** The request being served (its cancellation slot is read between units of work). */
let current = 0;
const isCancelled = () => Atomics.load(cancel, current % CANCEL_SLOTS) === current;

const methods: WorkerMethods = {
  analyze({ key, options, text }) {
    const optionsKey = JSON.stringify(options);
    let entry = sessions.get(key);
    if (!entry || entry.options !== optionsKey) sessions.set(key, (entry = { options: optionsKey, session: createSession(options) }));
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

/** The message of an error without its stack or any data it carries (notes are PHI). */
function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}

parentPort?.on("message", (request: WorkerRequest) => {
  current = request.id;
  let reply: WorkerReply;
  try {
    const method = methods[request.method as Method] as (params: unknown) => unknown;
    if (!method) throw new Error(`unknown method ${String(request.method).slice(0, 40)}`);
    reply = { id: request.id, result: method(request.params) };
  } catch (error) {
    reply = error instanceof AnalysisCancelled ? { id: request.id, cancelled: true } : { id: request.id, error: errorMessage(error) };
  }
  parentPort?.postMessage(reply);
});
