// Helpers shared by the real-editor suites (bundled into each *.test.js).
import * as fs from "node:fs";
import * as vscode from "vscode";

export const SOURCE = "RFA Ready";

/** The criterion ID of a diagnostic (`code.value`, or a plain code). */
export function criterionId(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined || c === null) return undefined;
  return String(typeof c === "object" ? c.value : c);
}

/** Diagnostics of this extension currently published for `uri`. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with this extension's diagnostics for `uri` as soon as `accept`
 * holds for them: checked now, then on every `onDidChangeDiagnostics` event
 * for that uri. Rejects after `timeoutMs`, saying what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const done = () => {
      settled = true;
      sub.dispose();
      clearTimeout(timer);
    };
    const check = () => {
      if (settled) return;
      const diags = ourDiagnostics(uri);
      if (accept(diags)) {
        done();
        resolve(diags);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      done();
      const seen = ourDiagnostics(uri).map((d) => `${criterionId(d)} @${d.range.start.line}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${key}; last seen: [${seen.join(", ")}]`));
    }, timeoutMs);
    check();
  });
}

/**
 * Asks the harness (scripts/host/code-stand-in.mjs) for a screenshot of the
 * workbench and waits until it is taken. `path` is relative to the repo root;
 * `waitFor` is an optional CSS selector the harness waits for in the page
 * first (for example ".squiggly-warning"). Only saved when RFA_SCREENSHOT is
 * set for the run; otherwise the request is acknowledged at once. Resolves
 * with the saved path, "skipped", or undefined outside the harness.
 */
export async function screenshot(path: string, waitFor?: string, timeoutMs = 30_000): Promise<string | undefined> {
  const ack = process.env.RFA_SCREENSHOT_ACK;
  if (!ack || !fs.existsSync(ack)) return undefined;
  const count = () => fs.readFileSync(ack, "utf8").split("\n").filter(Boolean);
  const before = count().length;
  console.log(`[[screenshot ${path}${waitFor ? " " + waitFor : ""}]]`);
  return new Promise((resolve, reject) => {
    const finish = (value?: string, err?: Error) => {
      watcher.close();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value);
    };
    const check = () => {
      const lines = count();
      if (lines.length > before) finish(lines[lines.length - 1]);
    };
    const watcher = fs.watch(ack, check);
    const timer = setTimeout(() => finish(undefined, new Error(`screenshot ${path} not taken within ${timeoutMs} ms`)), timeoutMs);
    check();
  });
}
