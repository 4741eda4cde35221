// Pure, vscode-free: the diagnostics of a new check against those published for the previous one.
// A finding is the same finding when its identity (criterion, request text, message, kind,
// severity, ...: made by the caller) is the same; its range then decides whether it stayed put
// (its diagnostic object is kept as it is) or moved (the same object, its range shifted: lines
// added or removed above it). Anything else is new. The collection is set only when something
// changed: a new or gone finding, a moved one, or a different order.

/**
 * A diagnostic's identity and where it is: the numbers of its range and of any other range it
 * shows (a finding's "Requested here"), in a fixed numbering (the caller compares like with like).
 */
export interface Placed {
  identity: string;
  range: readonly number[];
}

export type Match =
  /** The previous diagnostic `from`, unchanged. */
  | { kind: "kept"; from: number }
  /** The previous diagnostic `from`, at another range. */
  | { kind: "shifted"; from: number }
  | { kind: "new" };

export interface Reconciled {
  /** Per new item, in its order: what it reuses. */
  matches: Match[];
  /** Whether the published set must be replaced (false: it equals the new one, in order). */
  changed: boolean;
  kept: number;
  shifted: number;
  fresh: number;
}

function sameRange(a: Placed["range"], b: Placed["range"]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Matches `next` against `previous` (undefined: nothing published yet). Among items of one
 * identity, an item at the same range is matched first; the rest pair up in their order (the
 * first remaining previous one with the next remaining new one).
 */
export function reconcile(previous: readonly Placed[] | undefined, next: readonly Placed[]): Reconciled {
  const matches: Match[] = new Array(next.length);
  const byIdentity = new Map<string, number[]>();
  for (let i = 0; i < (previous?.length ?? 0); i++) {
    const list = byIdentity.get(previous![i].identity);
    if (list) list.push(i);
    else byIdentity.set(previous![i].identity, [i]);
  }
  const used = new Set<number>();
  // Same identity at the same range: kept.
  for (let j = 0; j < next.length; j++) {
    const candidates = byIdentity.get(next[j].identity);
    if (!candidates) continue;
    const from = candidates.find((i) => !used.has(i) && sameRange(previous![i].range, next[j].range));
    if (from !== undefined) {
      used.add(from);
      matches[j] = { kind: "kept", from };
    }
  }
  // Same identity elsewhere: shifted.
  for (let j = 0; j < next.length; j++) {
    if (matches[j]) continue;
    const from = byIdentity.get(next[j].identity)?.find((i) => !used.has(i));
    if (from !== undefined) {
      used.add(from);
      matches[j] = { kind: "shifted", from };
    } else matches[j] = { kind: "new" };
  }
  let kept = 0;
  let shifted = 0;
  let fresh = 0;
  let inOrder = true;
  for (let j = 0; j < matches.length; j++) {
    const m = matches[j];
    if (m.kind === "kept") kept++;
    else if (m.kind === "shifted") shifted++;
    else fresh++;
    if (m.kind !== "kept" || m.from !== j) inOrder = false;
  }
  const changed = previous === undefined || previous.length !== next.length || !inOrder;
  return { matches, changed, kept, shifted, fresh };
}

/** The identity of a finding: what it says about which request (never its position). */
export function findingIdentity(finding: {
  criterion: string;
  service?: string;
  kind: string;
  severity: string;
  message: string;
  citation?: string;
  request: { text: string };
}): string {
  return ["finding", finding.criterion, finding.service ?? "", finding.kind, finding.severity, finding.message, finding.citation ?? "", finding.request.text].join("\u0000");
}

/** The identity of a notice (a note too long, lines not read, ...). */
export function noticeIdentity(notice: { kind: string; message: string }): string {
  return ["notice", notice.kind, notice.message].join("\u0000");
}

type CoreRange = { start: { line: number; column: number }; end: { line: number; column: number } };

/** Core ranges (1-based lines and columns) as the numbers `Placed` compares. */
export function rangeKey(...ranges: CoreRange[]): Placed["range"] {
  const out: number[] = [];
  for (const r of ranges) out.push(r.start.line, r.start.column, r.end.line, r.end.column);
  return out;
}
