// The "RFA Ready" output channel. It logs configuration sources, sizes, counts and timings only:
// never note text, file names or findings' content (notes carry PHI). An error is logged as its
// class and a code ("AnalysisError E_TIMEOUT", "FileSystemError FileNotFound"), never by its
// message: VS Code's messages name the file, and the core's may quote the note.
import * as vscode from "vscode";

export interface Logger extends vscode.Disposable {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/**
 * An error as "<class> <code>", with nothing of its message or stack: "AnalysisError E_TIMEOUT",
 * "FileSystemError FileNotFound", "TypeError E_UNKNOWN". A VS Code FileSystemError (name
 * "EntryNotFound (FileSystemError)") gives its class in the parentheses.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) return `${typeof error} E_UNKNOWN`;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  // Our own AnalysisError's message holds only its code and an error class (analysisClient.ts).
  if (name === "AnalysisError" && typeof message === "string" && /^AnalysisError E_[A-Z_]+(?: \([A-Za-z0-9_ ]{1,40}\))?$/.test(message)) return message;
  let kind = "Error";
  if (typeof name === "string") {
    const wrapped = /^([A-Za-z]\w{0,39}) \(([A-Za-z]\w{0,39})\)$/.exec(name);
    if (wrapped) kind = wrapped[2];
    else if (IDENTIFIER.test(name)) kind = name;
  }
  const codeText = typeof code === "string" && CODE.test(code) ? code : typeof code === "number" && Number.isInteger(code) ? `E${code}` : "E_UNKNOWN";
  return `${kind} ${codeText}`;
}

export function createLogger(): Logger {
  const channel = vscode.window.createOutputChannel("RFA Ready", { log: true });
  return {
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
