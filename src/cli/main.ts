// rfa-ready check [--format text|json] FILE... ("-" reads stdin).
// Exit 0: nothing found; 1: findings reported; 2: usage error or an unreadable file.
// rfa-ready rfa NOTE.md [--out RFA.pdf] [--format markdown|json]: drafts the DWC Form RFA.
import { readFileSync } from "node:fs";
import { analyze } from "../core/index";
import type { AnalyzeResult, Finding } from "../core/types";
import { decodeNote } from "./decode";
import { rfaCommand } from "./rfa";

const USAGE = `usage: rfa-ready check [--format text|json] [--disable ID[,ID...]] FILE...
       rfa-ready rfa [--out RFA.pdf] [--format markdown|json] [--today YYYY-MM-DD] [--disable ID[,ID...]] NOTE
       rfa-ready --help | --version
check  Checks progress notes (markdown) against MTUS documentation criteria. "-" reads stdin.
       Exit status: 0 no findings, 1 findings reported, 2 usage error or unreadable file.
rfa    Drafts the DWC Form RFA from one note (front matter header, one line per request, codes,
       readiness summary): --out writes the PDF, --format prints the draft as markdown (default) or
       JSON. Exit status: 0 every field filled, 1 fields missing, 2 usage error or unreadable file.`;

interface FileResult {
  path: string;
  result?: AnalyzeResult;
  error?: string;
}

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
  let format: "text" | "json" = "text";
  const disable: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--format" || a.startsWith("--format=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (value !== "text" && value !== "json") {
        io.stderr.write(`rfa-ready: --format must be text or json\n`);
        return 2;
      }
      format = value;
    } else if (a === "--disable" || a.startsWith("--disable=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (!value) {
        io.stderr.write(`rfa-ready: --disable needs a criterion ID or family\n`);
        return 2;
      }
      disable.push(...value.split(",").filter(Boolean));
    } else if (a.startsWith("--") && a !== "-") {
      io.stderr.write(`rfa-ready: unknown option '${a}'\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.stderr.write(`rfa-ready: no files given\n${USAGE}\n`);
    return 2;
  }

  const results: FileResult[] = files.map((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path === "-" ? io.stdin : path);
    } catch (e) {
      return { path, error: describeReadError(e) };
    }
    const decoded = decodeNote(bytes);
    if ("error" in decoded) return { path, error: decoded.error };
    return { path, result: analyze(decoded.text, { disable }) };
  });

  for (const r of results) if (r.error) io.stderr.write(`rfa-ready: ${r.path === "-" ? "<stdin>" : r.path}: ${r.error}\n`);
  const readable = results.filter((r) => r.result);
  if (format === "json") io.stdout.write(`${JSON.stringify(toJson(readable), null, 2)}\n`);
  else io.stdout.write(toText(readable));

  if (results.some((r) => r.error)) return 2;
  return readable.some((r) => r.result!.findings.length > 0) ? 1 : 0;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return `cannot read (${code ?? "error"})`;
}

function toJson(results: FileResult[]) {
  return {
    version: 1,
    files: results.map((r) => ({
      path: r.path,
      requests: r.result!.requests.map((q) => ({ service: q.service, text: q.text, line: q.line })),
      findings: r.result!.findings,
      notices: r.result!.notices,
    })),
  };
}

function toText(results: FileResult[]): string {
  const lines: string[] = [];
  let findings = 0;
  let requests = 0;
  for (const r of results) {
    const res = r.result!;
    requests += res.requests.length;
    for (const n of res.notices) lines.push(`${r.path}:${n.range.start.line}:${n.range.start.column}  info  ${n.message}`);
    for (const f of res.findings) {
      findings++;
      lines.push(formatFinding(r.path, f));
    }
  }
  const files = results.length;
  lines.push(
    `${findings} finding${findings === 1 ? "" : "s"} for ${requests} request${requests === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}`,
  );
  return `${lines.join("\n")}\n`;
}

export function formatFinding(path: string, f: Finding): string {
  return `${path}:${f.range.start.line}:${f.range.start.column}  ${f.severity}  ${f.message} (${f.citation})  [${f.criterion}]`;
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
