// dist/pdf-worker.js: writes one RFA PDF on a worker thread, so the extension host's thread never
// runs the PDF writer (pdf-lib, font embedding, layout). draftRfa.ts starts one per draft, posts
// the draft, receives the bytes (transferred, not copied) and ends the thread. The writer
// loads as soon as the thread starts. The writer itself,
// dist/rfa-pdf.js with its fonts, is loaded here from beside this file. Replies carry no text of
// the note or of an error: a failure is reported as an error class and code only.
import * as path from "node:path";
import { parentPort } from "node:worker_threads";
import type { RfaDraft } from "../core/rfa/draft";

export type PdfWorkerReply = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

type Writer = (draft: RfaDraft) => Promise<Uint8Array>;

// A require the bundler leaves alone: rfa-pdf.js stays its own file.
const lazyRequire: NodeRequire = require;

/** "TypeError", or "Error ENOENT": never the message, which could quote the note. */
function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? `${error.name} ${code}` : error.name;
}

// Loaded at once, while the host is still drafting (or asking where to save): the module and
// its fonts are most of a cold start.
let writer: Writer | undefined;
let loadError: unknown;
try {
  writer = (lazyRequire(path.join(__dirname, "rfa-pdf.js")) as { writeRfaPdf: Writer }).writeRfaPdf;
} catch (error) {
  loadError = error;
}

parentPort?.once("message", async (draft: RfaDraft) => {
  let reply: PdfWorkerReply;
  try {
    if (!writer) throw loadError;
    const bytes = await writer(draft);
    reply = { ok: true, bytes };
  } catch (error) {
    reply = { ok: false, error: errorClass(error) };
  }
  parentPort?.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
