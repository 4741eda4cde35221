// dist/pdf-worker.js: the RFA thread. Drafts the RFA (the core's draftRfa, given the editor's
// published analysis of the note when it has one, so the note is not analysed twice), renders the
// markdown draft, and writes the PDF (pdf-lib, font embedding, layout), so the extension host's
// thread never runs any of it. draftRfa.ts keeps one thread warm: started once a note that
// requests something has been checked, warmed on a tiny note, then serving every Draft RFA. A
// draft is answered in two replies: the draft and its markdown first (the editor opens it while
// the PDF is written), then the PDF bytes (transferred, not copied). The writer itself,
// dist/rfa-pdf.js with its fonts, is loaded here from beside this file.
// Replies carry no text of the note or of an error: a failure is an error class and code only.
import * as path from "node:path";
import { parentPort } from "node:worker_threads";
import { draftRfa, renderRfaMarkdown, type RfaDraft } from "../core/rfa/draft";
import type { AnalyzeOptions, AnalyzeResult } from "../core/types";

export type RfaThreadRequest =
  /** Loads and runs everything once on a tiny synthetic note (no reply but `warm`). */
  | { id: number; kind: "warm" }
  /** Drafts the note; replies `draft`, then `pdf` when `pdf` is set. */
  | { id: number; kind: "draft"; text: string; options: AnalyzeOptions; analysed?: AnalyzeResult; pdf: boolean }
  /** Writes a draft's PDF; replies `pdf`. */
  | { id: number; kind: "pdf"; draft: RfaDraft };

export type RfaThreadReply =
  | { id: number; kind: "warm"; ms: number }
  | { id: number; kind: "draft"; draft: RfaDraft; markdown: string; ms: number }
  | { id: number; kind: "pdf"; bytes: Uint8Array; ms: number }
  | { id: number; kind: "error"; stage: "draft" | "pdf" | "warm"; error: string };

type Writer = (draft: RfaDraft) => Promise<Uint8Array>;

// A require the bundler leaves alone: rfa-pdf.js stays its own file.
const lazyRequire: NodeRequire = require;

/** "TypeError", or "Error ENOENT": never the message, which could quote the note. */
function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? `${error.name} ${code}` : error.name;
}

// The writer (the module and its fonts are most of a cold start) is loaded just after the thread
// starts, or when first needed: a draft asked for as the thread starts is answered first, so the
// editor opens it while the writer loads.
let writer: Writer | undefined;
let loadError: unknown;
function loadWriter(): void {
  if (writer || loadError) return;
  try {
    writer = (lazyRequire(path.join(__dirname, "rfa-pdf.js")) as { writeRfaPdf: Writer }).writeRfaPdf;
  } catch (error) {
    loadError = error;
  }
}
setTimeout(loadWriter, 20);

/** A synthetic note of our own with a header and a few requests: the warm-up's input. */
const WARM_UP = `---
patient: Warm, Up
claim_number: WU-1
---
# PR-2 progress report
Date of service: 01/02/2026

## Subjective
Neck pain 5/10.

## Assessment
1. Cervical strain (S16.1XXA)

## Plan
1. Physical therapy 2x4 for the cervical spine
2. Ibuprofen 600 mg 1 tab TID prn #90
`;

function write(draft: RfaDraft): Promise<Uint8Array> {
  loadWriter();
  if (!writer) throw loadError ?? new Error("no writer");
  return writer(draft);
}

async function serve(request: RfaThreadRequest): Promise<void> {
  const port = parentPort!;
  const { id } = request;
  let stage: "draft" | "pdf" | "warm" = request.kind === "pdf" ? "pdf" : request.kind === "warm" ? "warm" : "draft";
  try {
    const t0 = performance.now();
    if (request.kind === "warm") {
      await write(draftRfa(WARM_UP, { today: "2026-01-02" }));
      port.postMessage({ id, kind: "warm", ms: performance.now() - t0 } satisfies RfaThreadReply);
      return;
    }
    let draft: RfaDraft;
    if (request.kind === "draft") {
      draft = draftRfa(request.text, request.options, request.analysed);
      const markdown = renderRfaMarkdown(draft);
      port.postMessage({ id, kind: "draft", draft, markdown, ms: performance.now() - t0 } satisfies RfaThreadReply);
      if (!request.pdf) return;
    } else draft = request.draft;
    stage = "pdf";
    const t1 = performance.now();
    const bytes = await write(draft);
    port.postMessage({ id, kind: "pdf", bytes, ms: performance.now() - t1 } satisfies RfaThreadReply, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id, kind: "error", stage, error: errorClass(error) } satisfies RfaThreadReply);
  }
}

// One request at a time, in order (a draft's two replies are never interleaved with another's).
let queue = Promise.resolve();
parentPort?.on("message", (request: RfaThreadRequest) => {
  queue = queue.then(() => serve(request));
});
