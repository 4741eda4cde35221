// The "RFA Ready" output channel. It logs configuration sources and timings only:
// never note text, file names or findings' content (notes carry PHI).
import * as vscode from "vscode";

export interface Logger extends vscode.Disposable {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

/** The message of an error, without its stack or any data it carries. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
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
