// rfa-ready rfa NOTE.md [--out RFA.pdf] [--format markdown|json] [--today YYYY-MM-DD] [--disable ID,...]
// Drafts the DWC Form RFA from one progress note. The PDF writer (dist/rfa-pdf.js, with its fonts)
// is loaded only when --out asks for a PDF. Exit 0: every field filled; 1: fields missing;
// 2: usage error or unreadable note. Messages never quote the note.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { draftRfa, renderRfaMarkdown, type RfaDraft } from "../core/index";
import { decodeNote } from "./decode";

interface Io {
  stdout: { write(s: string): unknown };
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

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return `cannot read (${code ?? "error"})`;
}

export async function rfaCommand(args: string[], io: Io, usage: string): Promise<number> {
  let out: string | undefined;
  let format: "markdown" | "json" | undefined;
  let today: string | undefined;
  const disable: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i]);
    if (a === "--out" || a.startsWith("--out=") || a === "-o") out = value();
    else if (a === "--format" || a.startsWith("--format=")) {
      const v = value();
      if (v !== "markdown" && v !== "json") {
        io.stderr.write("rfa-ready: rfa --format must be markdown or json\n");
        return 2;
      }
      format = v;
    } else if (a === "--today" || a.startsWith("--today=")) {
      today = value();
      if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
        io.stderr.write("rfa-ready: --today must be a date YYYY-MM-DD\n");
        return 2;
      }
    } else if (a === "--disable" || a.startsWith("--disable=")) {
      const v = value();
      if (!v) {
        io.stderr.write("rfa-ready: --disable needs a criterion ID or family\n");
        return 2;
      }
      disable.push(...v.split(",").filter(Boolean));
    } else if (a.startsWith("--") || (a.startsWith("-") && a !== "-")) {
      io.stderr.write(`rfa-ready: unknown option '${a}'\n`);
      return 2;
    } else files.push(a);
  }
  if (out === undefined && args.some((a) => a === "--out" || a === "-o")) {
    io.stderr.write("rfa-ready: --out needs a file name\n");
    return 2;
  }
  if (files.length !== 1) {
    io.stderr.write(`rfa-ready: rfa takes one note${files.length ? ` (got ${files.length})` : ""}\n${usage}\n`);
    return 2;
  }
  const path = files[0];
  const label = path === "-" ? "<stdin>" : path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === "-" ? io.stdin : path);
  } catch (e) {
    io.stderr.write(`rfa-ready: ${label}: ${readError(e)}\n`);
    return 2;
  }
  const decoded = decodeNote(bytes);
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
    try {
      writeFileSync(out, pdf);
    } catch (e) {
      io.stderr.write(`rfa-ready: ${out}: ${readError(e).replace("cannot read", "cannot write")}\n`);
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
