// rfa-ready rfa NOTE.md [--out RFA.pdf|-] [--force] [--format markdown|json] [--today YYYY-MM-DD] [--disable ID,...]
// Drafts the DWC Form RFA from one progress note. The PDF writer (dist/rfa-pdf.js, with its fonts)
// is loaded only when --out asks for a PDF. Exit 0: every field filled; 1: fields missing;
// 2: usage error, unreadable note or refused output. Messages never quote the note. --out never
// replaces the note, a directory, a link or (without --force) an existing file, and writes
// through a temporary file renamed into place; --out - writes the PDF to stdout.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { draftRfa, renderRfaMarkdown, type RfaDraft } from "../core/index";
import { decodeNote } from "./decode";
import { describeError, readNoteBytes, refuseOutput, writeFileAtomic } from "./io";
import { MAX_NOTE_BYTES } from "./limits";
import { isCalendarDate, parseOptions, type OptionSpec } from "./options";

interface Io {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
  stdin: number | string;
}

type PdfWriter = (draft: RfaDraft) => Promise<Uint8Array>;

// A require the bundler leaves alone: the PDF writer stays out of dist/cli.js.
const lazyRequire: NodeRequire = require;

/** dist/rfa-pdf.js beside the CLI bundle; from source (tsx), the writer with fonts from node_modules. */
export function loadPdfWriter(dir = __dirname): PdfWriter {
  const bundled = join(dir, "rfa-pdf.js");
  if (existsSync(bundled)) return (lazyRequire(bundled) as { writeRfaPdf: PdfWriter }).writeRfaPdf;
  const { writeRfaPdf } = lazyRequire(join(dir, "..", "core", "rfa", "pdf")) as typeof import("../core/rfa/pdf");
  const { fontsFromPackage } = lazyRequire(join(dir, "..", "core", "rfa", "fonts")) as typeof import("../core/rfa/fonts");
  return (draft) => writeRfaPdf(draft, fontsFromPackage());
}

const RFA_OPTIONS: OptionSpec[] = [
  { name: "out", short: "o", value: true },
  { name: "format", value: true },
  { name: "today", value: true },
  { name: "disable", value: true, repeat: true },
  { name: "force", short: "f", value: false },
];

export async function rfaCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseOptions(args, RFA_OPTIONS);
  if ("error" in parsed) {
    io.stderr.write(`rfa-ready: ${parsed.error}\n${usage}\n`);
    return 2;
  }
  const opt = (name: string) => parsed.options.get(name)?.[0];
  const out = opt("out");
  const force = parsed.options.has("force");
  const format = opt("format");
  if (format !== undefined && format !== "markdown" && format !== "json") {
    io.stderr.write("rfa-ready: rfa --format must be markdown or json\n");
    return 2;
  }
  if (out === "-" && format !== undefined) {
    io.stderr.write("rfa-ready: --out - writes the PDF to stdout; it cannot be combined with --format\n");
    return 2;
  }
  const today = opt("today");
  if (today !== undefined && !isCalendarDate(today)) {
    io.stderr.write("rfa-ready: --today must be a calendar date YYYY-MM-DD\n");
    return 2;
  }
  const disable = (parsed.options.get("disable") ?? []).flatMap((v) => v.split(",")).filter(Boolean);
  if (parsed.options.has("disable") && disable.length === 0) {
    io.stderr.write("rfa-ready: --disable needs a criterion ID or family\n");
    return 2;
  }
  const files = parsed.files;
  if (files.length !== 1) {
    io.stderr.write(`rfa-ready: rfa takes one note${files.length ? ` (got ${files.length})` : ""}\n${usage}\n`);
    return 2;
  }
  const path = files[0];
  const label = path === "-" ? "<stdin>" : path;
  // Refused before anything is read or built: the note itself, a directory, a link, an existing file.
  if (out !== undefined && out !== "-") {
    const refused = refuseOutput(out, [path], force);
    if (refused) {
      io.stderr.write(`rfa-ready: ${out}: ${refused}\n`);
      return 2;
    }
  }
  const read = readNoteBytes(path, io.stdin, MAX_NOTE_BYTES);
  if ("error" in read) {
    io.stderr.write(`rfa-ready: ${label}: ${read.error}\n`);
    return 2;
  }
  const decoded = decodeNote(read.bytes);
  if ("error" in decoded) {
    io.stderr.write(`rfa-ready: ${label}: ${decoded.error}\n`);
    return 2;
  }
  const draft = draftRfa(decoded.text, { disable, ...(today ? { today } : {}) });
  const missing = draft.missing.header.length + draft.missing.lines.length;

  if (out !== undefined) {
    let pdf: Uint8Array;
    try {
      pdf = await loadPdfWriter()(draft);
    } catch (e) {
      io.stderr.write(`rfa-ready: could not write the PDF (${(e as Error)?.name ?? "error"})\n`);
      return 2;
    }
    if (out === "-") {
      io.stdout.write(Buffer.from(pdf));
      return missing === 0 ? 0 : 1;
    }
    try {
      writeFileAtomic(out, pdf);
    } catch (e) {
      io.stderr.write(`rfa-ready: ${out}: ${describeError(e, "write")}\n`);
      return 2;
    }
  }
  if (format === "json") io.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
  else if (format === "markdown" || out === undefined) io.stdout.write(renderRfaMarkdown(draft));
  if (out !== undefined && format === undefined) {
    io.stdout.write(
      `wrote ${out}: ${draft.lines.length} request${draft.lines.length === 1 ? "" : "s"}, ${missing === 0 ? "every field filled" : `${missing} missing field${missing === 1 ? "" : "s"} (listed on the attachment page)`}\n`,
    );
  }
  return missing === 0 ? 0 : 1;
}
