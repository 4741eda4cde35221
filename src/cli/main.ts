// rfa-ready check [--format text|json] FILE... ("-" reads stdin).
// Exit 0: nothing found; 1: findings reported; 2: usage error, or a note that was not checked.
// rfa-ready rfa NOTE.md [--out RFA.pdf] [--format markdown|json]: drafts the DWC Form RFA.
import { analyze } from "../core/index";
import type { AnalyzeResult, Finding } from "../core/types";
import { decodeNote } from "./decode";
import { readNoteBytes } from "./io";
import { MAX_NOTE_BYTES } from "./limits";
import { parseOptions, type OptionSpec } from "./options";
import { guardOutput } from "./output";
import { rfaCommand } from "./rfa";

const USAGE = `usage: rfa-ready check [--format text|json] [--disable ID[,ID...]] [--] FILE...
       rfa-ready rfa [--out RFA.pdf|-] [--force] [--format markdown|json] [--today YYYY-MM-DD] [--disable ID[,ID...]] NOTE
       rfa-ready --help | --version
check  Checks progress notes (markdown) against MTUS documentation criteria. "-" reads stdin.
       Exit status: 0 no findings, 1 findings reported, 2 usage error or a note not checked
       (unreadable, not a regular file, binary, not UTF-8/UTF-16, over the size limit).
rfa    Drafts the DWC Form RFA from one note (front matter header, one line per request, codes,
       readiness summary): --out writes the PDF (--out - to stdout; never over the note, a link or
       a directory, nor an existing file without --force), --format prints the draft as markdown
       (default) or JSON. Exit status: 0 every field filled, 1 fields missing, 2 usage error,
       a note not checked or an output refused.`;

interface FileResult {
  path: string;
  result?: AnalyzeResult;
  /** Why the note was not checked (unreadable, binary, too large ...). */
  error?: string;
}

/** Notices that mean nothing of the note was checked. */
const NOT_CHECKED = new Set(["size-limit", "not-text"]);


const CHECK_OPTIONS: OptionSpec[] = [
  { name: "format", value: true },
  { name: "disable", value: true, repeat: true },
];

export function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, stdin: 0 as number | string }): number | Promise<number> {
  const args = [...argv];
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.includes("--version")) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = args.shift();
  if (command === "rfa") return rfaCommand(args, io, USAGE);
  if (command !== "check") {
    io.stderr.write(`rfa-ready: ${command ? `unknown command '${command}'` : "no command given"}\n${USAGE}\n`);
    return 2;
  }
  const parsed = parseOptions(args, CHECK_OPTIONS);
  if ("error" in parsed) {
    io.stderr.write(`rfa-ready: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const formatValue = parsed.options.get("format")?.[0] ?? "text";
  if (formatValue !== "text" && formatValue !== "json") {
    io.stderr.write(`rfa-ready: --format must be text or json\n`);
    return 2;
  }
  const format: "text" | "json" = formatValue;
  const disable = (parsed.options.get("disable") ?? []).flatMap((v) => v.split(",")).filter(Boolean);
  if (parsed.options.has("disable") && disable.length === 0) {
    io.stderr.write(`rfa-ready: --disable needs a criterion ID or family\n`);
    return 2;
  }
  const files = parsed.files;
  if (files.length === 0) {
    io.stderr.write(`rfa-ready: no files given\n${USAGE}\n`);
    return 2;
  }

  const results: FileResult[] = files.map((path) => {
    const read = readNoteBytes(path, io.stdin, MAX_NOTE_BYTES);
    if ("error" in read) return { path, error: read.error };
    const decoded = decodeNote(read.bytes);
    if ("error" in decoded) return { path, error: decoded.error };
    const result = analyze(decoded.text, { disable });
    const stopped = result.notices.find((n) => NOT_CHECKED.has(n.kind));
    if (stopped) return { path, error: `${stopped.message.replace(/^RFA Ready stopped: /, "")}` };
    return { path, result };
  });

  for (const r of results) if (r.error) io.stderr.write(`rfa-ready: ${r.path === "-" ? "<stdin>" : r.path}: ${r.error}\n`);
  if (format === "json") io.stdout.write(`${JSON.stringify(toJson(results), null, 2)}\n`);
  else io.stdout.write(toText(results));

  // A note that was not checked is never "no gaps": exit 2 even when the others were checked.
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.result!.findings.length > 0) ? 1 : 0;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

function toJson(results: FileResult[]) {
  return {
    version: 1,
    files: results.map((r) =>
      r.result
        ? {
            path: r.path,
            requests: r.result.requests.map((q) => ({ service: q.service, text: q.text, line: q.line })),
            findings: r.result.findings,
            notices: r.result.notices,
            checked: true,
          }
        : { path: r.path, requests: [], findings: [], notices: [], checked: false, error: r.error },
    ),
  };
}

function toText(results: FileResult[]): string {
  const lines: string[] = [];
  let findings = 0;
  let requests = 0;
  let unchecked = 0;
  for (const r of results) {
    const res = r.result;
    if (!res) {
      unchecked++;
      continue;
    }
    requests += res.requests.length;
    for (const n of res.notices) lines.push(`${r.path}:${n.range.start.line}:${n.range.start.column}  info  ${n.message}`);
    for (const f of res.findings) {
      findings++;
      lines.push(formatFinding(r.path, f));
    }
  }
  const files = results.length - unchecked;
  lines.push(
    `${findings} finding${findings === 1 ? "" : "s"} for ${requests} request${requests === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}` +
      (unchecked ? `; ${unchecked} file${unchecked === 1 ? "" : "s"} not checked` : ""),
  );
  return `${lines.join("\n")}\n`;
}

export function formatFinding(path: string, f: Finding): string {
  return `${path}:${f.range.start.line}:${f.range.start.column}  ${f.severity}  ${f.message} (${f.citation})  [${f.criterion}]`;
}

if (require.main === module) {
  guardOutput(process);
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
