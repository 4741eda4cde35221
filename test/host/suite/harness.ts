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

/** The extension under test. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === "rfa-ready");
  if (!ext) throw new Error("the rfa-ready extension is not loaded in this host");
  return ext;
}

/**
 * The repository root: fixtures and the built core (dist/core.js) live there. runTest.mjs passes
 * it, since the extension under test may be an unpacked .vsix elsewhere (scripts/host/test-vsix.mjs).
 */
export function repoRoot(): string {
  return process.env.RFA_REPO_ROOT ?? extension().extensionPath;
}

/** The analysis core as built (dist/core.js), to compute what the editor should show. */
export interface CoreFinding {
  criterion: string;
  kind: string;
  severity: "error" | "warning" | "info" | "hint";
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  request: { text: string; range: { start: { line: number; column: number } } };
  fix?: unknown;
}
export interface CoreApi {
  getCriterion(id: string): { title: string; section: string } | undefined;
  analyze(text: string, options?: Record<string, unknown>): { findings: CoreFinding[]; notices: unknown[]; requests: Array<{ service: string; range: CoreFinding["range"] }> };
  draftRfa(text: string, options?: Record<string, unknown>): { missing: { header: Array<{ key: string }> }; header: { employee: { name?: string; claimNumber?: string } } };
}
export function core(): CoreApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${repoRoot()}/dist/core.js`) as CoreApi;
}

/** A core (1-based) range as a VS Code range. */
export function toRange(r: CoreFinding["range"]): vscode.Range {
  return new vscode.Range(r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1);
}

export const SEVERITY: Record<CoreFinding["severity"], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A comparable fingerprint of diagnostics: criterion, severity and range of each, sorted. */
export function fingerprint(diags: vscode.Diagnostic[]): string {
  return diags
    .map((d) => `${criterionId(d)} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort()
    .join("\n");
}

/**
 * Resolves with this extension's diagnostics for `uri` once they differ from what they are at
 * the time of this call (arm it before the edit). Other sources' diagnostics (the built-in
 * markdown link checks) are ignored.
 */
export function nextChange(uri: vscode.Uri, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const before = fingerprint(ourDiagnostics(uri));
  return waitForDiagnostics(uri, (ds) => fingerprint(ds) !== before, timeoutMs);
}

/** Our diagnostics whose criterion is `id`. */
export function withId(diags: vscode.Diagnostic[], id: string): vscode.Diagnostic[] {
  return diags.filter((d) => criterionId(d) === id);
}

/** Updates an rfaReady setting (global) and resolves once this extension host has seen the change. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`rfaReady.${key}`)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration("rfaReady").update(key, value, vscode.ConfigurationTarget.Global);
  await seen;
}

/** Resolves on the next diagnostics event for `uri`, whatever changed (even a re-publication of the same set). */
export function nextEvent(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Closes every editor, reverting untitled and dirty ones. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.files.revert").then(undefined, () => undefined);
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}

/**
 * The code actions the editor offers for a range (through the registered providers), once
 * `accept` holds. The workbench receives published diagnostics asynchronously, so right after
 * `onDidChangeDiagnostics` its code-action context may not hold them yet: poll briefly.
 */
export async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: string,
  accept: (actions: vscode.CodeAction[]) => boolean = (as) => as.some((a) => /^(?:Add documentation:|Document everything|Don't check) /.test(a.title)),
  timeoutMs = 10_000,
): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const raw = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>("vscode.executeCodeActionProvider", uri, range, kind);
    // A bare Command has a string `command`; a CodeAction's `command` (if any) is an object.
    const actions = (raw ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== "string");
    if (accept(actions) || Date.now() > deadline) return actions;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Text of a markdown section (from its heading to the next heading of any level). */
export function sectionOf(text: string, heading: RegExp): { start: number; end: number } | undefined {
  const lines = text.split(/\r?\n/);
  let offset = 0;
  let start = -1;
  for (const line of lines) {
    if (start >= 0 && /^#{1,6}\s/.test(line)) return { start, end: offset };
    if (start < 0 && /^#{1,6}\s/.test(line) && heading.test(line)) start = offset;
    offset += line.length + 1;
  }
  return start >= 0 ? { start, end: text.length } : undefined;
}
