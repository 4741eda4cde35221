// The generic check kinds. Every criterion of every family is data evaluated here.
import type { Matcher, Mention } from "./concepts";
import { blockAt, type Note } from "./note";
import type { Accept, Check, Condition, CriterionDef, EvidenceSpec, FactName } from "./rules/types";
import { isRequestMention, priorMentions, type FoundRequest } from "./requests";
import { daysBetween, findDates } from "./extract/dates";
import { levelsNear, sharedSegments, type LevelReading } from "./extract/levels";
import { spanIndexAt, type Span } from "./text";
import type { FindingKind, Severity } from "./types";
import type { Regimen } from "./extract/quantity";
import type { Counts } from "./extract/quantity";
import { ingredientAt, lineCompound, lineStartAt } from "./extract/ingredients";

/** What the checks know about one request. */
export interface RequestContext {
  note: Note;
  matcher: Matcher;
  request: FoundRequest;
  /** All requests of every family in the note. */
  allRequests: FoundRequest[];
  noteDate?: string;
  injuryDate?: string;
  regimen?: Regimen;
  counts: Counts;
  /** Prior courses of this service. */
  prior: Mention[];
  facts: Partial<Record<FactName, number>>;
  /** Spinal levels, sides and approach written in the request line. */
  levels?: LevelReading;
  /** Drug items: documented as already in use (listed, refilled, "continue"). */
  inUse: boolean;
  /** Documented as a new start ("start", "trial", "begin"). */
  newStart: boolean;
  /** Current medications and requested drugs, as generic names. */
  activeDrugs: Set<string>;
  /** Generic names → family, for drug conditions. */
  drugFamily: Map<string, string>;
  /** Item → its classes (RequestSpec.classes of every family), for class conditions. */
  drugClasses?: Map<string, string[]>;
}

export interface Outcome {
  status: "documented" | FindingKind;
  evidence: Span[];
  /** The span a finding points at (the contradicting text), when not the request. */
  at?: Span;
  values?: Record<string, string | number>;
  severity?: Severity;
  /** The message of the check that found the gap, when it has its own. */
  message?: string;
  /** Part of what the check asks for is documented (Check.partial). */
  partial?: boolean;
  /** Lines before those of `evidence` that also hold evidence (latestEvidence, analyze.ts). */
  earlierLines?: number;
}

export function accepts(m: Mention, accept: Accept = "current"): boolean {
  const a = m.assertion;
  switch (accept) {
    case "current":
      return !a.negated && !a.uncertain && !a.historical && !a.hypothetical && !a.family && !a.otherSource;
    case "ever":
      return !a.negated && !a.uncertain && !a.hypothetical && !a.family;
    case "planned":
      return !a.negated && !a.uncertain && !a.historical && !a.family;
    case "negated":
      return a.negated && !a.uncertain && !a.family && !a.hypothetical;
    case "assessed":
      return !a.uncertain && !a.hypothetical && !a.family && !a.otherSource;
  }
}

/** A concept's mentions read as `accept` allows, per list the matcher returned (every request of a note asks again). */
const acceptedByList = new WeakMap<Mention[], Map<Accept, Mention[]>>();
function accepted(mentions: Mention[], accept: Accept = "current"): Mention[] {
  let byAccept = acceptedByList.get(mentions);
  if (!byAccept) acceptedByList.set(mentions, (byAccept = new Map()));
  let list = byAccept.get(accept);
  if (!list) byAccept.set(accept, (list = mentions.filter((m) => accepts(m, accept))));
  return list;
}

/** Mentions satisfying one evidence spec for a request. Callers never change the list. */
export function findEvidence(ctx: RequestContext, spec: EvidenceSpec): Mention[] {
  const { note, matcher, request } = ctx;
  let list = accepted(matcher.find(spec.concept), spec.accept);
  if (spec.sections) list = list.filter((m) => spec.sections!.includes(m.section.kind));
  if (spec.notSections) list = list.filter((m) => !spec.notSections!.includes(m.section.kind));
  if (spec.inRequest) {
    const blocks = [request.block, ...request.others.map((o) => blockAt(note, o.start)!)];
    list = list.filter((m) => blocks.some((b) => m.start >= b.start && m.end <= b.end));
  }
  if (spec.linkedToRequest) {
    // The request line, or any line that names the same drug or service.
    const anchors = [request.mention, ...request.others];
    const anchorBlocks = new Set(anchors.map((a) => a.sentence.block));
    for (const m of matcher.find(request.mention.concept)) anchorBlocks.add(m.sentence.block);
    list = list.filter((m) => anchorBlocks.has(m.sentence.block));
  }
  if (spec.ingredient) {
    // Only the product written on a line that makes (or repeats) this request: another line is another product.
    const match = spec.ingredient;
    const lines = new Set([request.mention, ...request.others].map((a) => lineStartAt(note.prose, a.start)));
    list = list.filter((m) => {
      // Only a request line's product is parsed.
      if (!lines.has(lineStartAt(note.prose, m.start))) return false;
      const { compound, offset } = lineCompound(note, note.prose, m.start);
      return ingredientAt(compound, m.start - offset, m.end - offset, match);
    });
  }
  if (spec.near) {
    const near = spec.near;
    const anchors = accepted(matcher.find(near.concept), near.accept ?? "ever");
    if (near.within === "block") {
      const blocks = new Set(anchors.map((a) => a.sentence.block));
      list = list.filter((m) => blocks.has(m.sentence.block));
    } else {
      // The same window: the anchor's sentence, or the sentence before or after it in its block; or
      // the label line that heads the mention's lines ("Response to the 03/28/2017 TFESI:" over a
      // table and the sentence after it) names the anchor.
      const blockOf = new Map(anchors.map((a) => [a.sentence.index, a.sentence.block]));
      const anchorBlocks = new Set(anchors.map((a) => a.sentence.block));
      list = list.filter(
        (m) => [-1, 0, 1].some((d) => blockOf.get(m.sentence.index + d) === m.sentence.block) || anchorBlocks.has(topicLabel(note, m.sentence.block) as never),
      );
    }
  }
  return list;
}

/** Label lines end with a colon and are short: "Response to the 03/28/2017 TFESI:". */
const TOPIC_LABEL = /:\s*$/;

/**
 * The label line that heads a block: the nearest paragraph above it, reached across table rows and
 * list items only, when it is short and ends in a colon (any other paragraph ends the search).
 */
function topicLabel(note: Note, block: Span & { kind: string }): object | undefined {
  const i = spanIndexAt(note.blocks, block.start);
  if (i < 0 || note.blocks[i] !== block) return undefined;
  // A table's or a list's lines are one step: at most 60 of them between the label and the block.
  for (let j = i - 1; j >= 0 && j >= i - 60; j--) {
    const b = note.blocks[j]!;
    if (b.kind === "row" || b.listItem) continue;
    if (b.kind !== "paragraph" || b.end - b.start > 120) return undefined;
    return TOPIC_LABEL.test(note.prose.slice(b.start, b.end)) ? b : undefined;
  }
  return undefined;
}

function anyEvidence(ctx: RequestContext, specs: EvidenceSpec[] | undefined): Mention[] {
  if (!specs?.length) return [];
  return specs.length === 1 ? findEvidence(ctx, specs[0]) : specs.flatMap((s) => findEvidence(ctx, s));
}

/** Words that make a UDS mention the report of a test already done. */
const UDS_RESULT =
  /\b(?:consistent|inconsistent|appropriate|negative|positive|results?|resulted|showed|revealed|was|were|last|prior|previous|on file|reviewed|dated|done|performed|collected)\b/i;

export function conditionHolds(ctx: RequestContext, c: Condition): boolean {
  switch (c) {
    case "prior":
      return ctx.prior.length > 0;
    case "continued":
      return !ctx.newStart;
    case "in-use":
      return ctx.inUse;
    case "new-start":
      return ctx.newStart;
    case "with-opioid":
      return [...ctx.activeDrugs].some((d) => ctx.drugFamily.get(d) === "opioids");
    case "with-benzodiazepine":
      return [...ctx.activeDrugs].some((d) => ctx.drugFamily.get(d) === "benzodiazepines");
    case "with-other-relaxant":
      return [...ctx.activeDrugs].some((d) => ctx.drugFamily.get(d) === "muscle-relaxant" && d !== ctx.request.item);
    case "uds-requested":
      // A UDS ordered now, not the report of one done ("UDS 08/2026 consistent", "last UDS negative").
      return ctx.matcher.find("opioids.uds").some((m) => {
        if (m.section.kind !== "plan" || m.assertion.negated || m.assertion.historical) return false;
        const sentence = ctx.note.prose.slice(m.sentence.start, m.sentence.end);
        return !UDS_RESULT.test(sentence);
      });
    case "initial":
      return ctx.prior.length === 0;
    default:
      if (c.startsWith("not:")) return !conditionHolds(ctx, c.slice(4) as Condition);
      if (c.startsWith("current:")) return ctx.matcher.find(c.slice(8)).some((m) => accepts(m, "current"));
      if (c.startsWith("injury-before:")) return ctx.injuryDate !== undefined && ctx.injuryDate < c.slice(14);
      if (c.startsWith("drug:")) return ctx.request.item === c.slice(5);
      if (c.startsWith("approach:")) return (ctx.levels?.approach ?? "unspecified") === c.slice(9);
      if (c.startsWith("requested:")) {
        const blocks = requestBlocks(ctx);
        return ctx.matcher.find(c.slice(10)).some((m) => blocks.some((b) => m.start >= b.start && m.end <= b.end) && isRequestMention(ctx.note, m));
      }
      if (c.startsWith("prior:")) return priorOf(ctx, c.slice(6)).length > 0;
      if (c.startsWith("class:")) return !!ctx.request.item && (ctx.drugClasses?.get(ctx.request.item) ?? []).includes(c.slice(6));
      if (c.startsWith("with-class:")) return hasActiveClass(ctx, c.slice(11));
      if (c.startsWith("without-class:")) return !hasActiveClass(ctx, c.slice(14));
      if (c.startsWith("evidence:")) {
        return ctx.matcher.find(c.slice(9)).some((m) => !m.assertion.negated && !m.assertion.uncertain && !m.assertion.family);
      }
      return false;
  }
}

function hasActiveClass(ctx: RequestContext, cls: string): boolean {
  return [...ctx.activeDrugs].some((d) => (ctx.drugClasses?.get(d) ?? []).includes(cls));
}

function requestBlocks(ctx: RequestContext): Span[] {
  return [ctx.request.block, ...ctx.request.others.map((o) => blockAt(ctx.note, o.start)!).filter(Boolean)];
}

/** Past, affirmed mentions of a concept that are not the request itself ("s/p RF ablation 01/2024"). */
function priorOf(ctx: RequestContext, concept: string): Mention[] {
  const blocks = requestBlocks(ctx);
  return priorMentions(ctx.note, ctx.matcher, [concept], ctx.allRequests).filter(
    (m) => m.assertion.historical || !blocks.some((b) => m.start >= b.start && m.end <= b.end),
  );
}

/** A fact: computed with the request (ctx.facts) or, for concept-keyed facts, here on first use. */
export function factValue(ctx: RequestContext, name: FactName): number | undefined {
  if (name in ctx.facts) return ctx.facts[name];
  let value: number | undefined;
  if (name.startsWith("daysSinceLast:") && ctx.noteDate) {
    // Each prior mention's own date: the one written nearest to it in its sentence.
    const visit = ctx.noteDate;
    const dates = priorOf(ctx, name.slice(14)).flatMap((m) => {
      const found = findDates(ctx.note.prose, m.sentence.start, m.sentence.end).filter((d) => d.iso <= visit);
      const dist = (d: Span) => (d.start >= m.end ? d.start - m.end : m.start - d.end);
      return found.length ? [found.sort((a, b) => dist(a) - dist(b))[0].iso] : [];
    });
    if (dates.length) value = daysBetween(dates.sort().at(-1)!, visit);
  } else if (name === "udsPerYear") {
    value = udsPerYear(ctx);
  } else if (name.startsWith("levelOverlap:") && ctx.levels?.segments.length) {
    const shared = new Set<string>();
    let withLevels = false;
    for (const m of ctx.matcher.find(name.slice(13)).filter((x) => accepts(x, "ever"))) {
      const near = levelsNear(ctx.note.prose.slice(m.sentence.start, m.sentence.end), m.start - m.sentence.start, m.end - m.sentence.start);
      if (!near.segments.length) continue;
      withLevels = true;
      for (const s of sharedSegments(ctx.levels, near)) shared.add(s);
    }
    if (withLevels) value = shared.size;
  }
  ctx.facts[name] = value;
  return value;
}

/** How often a plan line asks for urine drug screens: "monthly" = 12 a year, "every 3 months" = 4, "q6 months" = 2, "quarterly" = 4. */
const UDS_FREQUENCY: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  [/\b(?:monthly|every month|each month|once a month|q\s{0,1}(?:1\s{0,1})?(?:mo|month)|every (?:4|four) weeks|q\s{0,1}4\s{0,1}(?:wk|weeks?))\b/i, () => 12],
  [/\b(?:every|q)\s{0,1}(\d{1,2}|two|three|four|six)\s{0,1}(?:mos?|months?)\b/i, (m) => 12 / ({ two: 2, three: 3, four: 4, six: 6 }[m[1].toLowerCase()] ?? Number(m[1]))],
  [/\b(?:weekly|every week|each week)\b/i, () => 52],
  [/\b(?:quarterly)\b/i, () => 4],
  [/\b(?:twice a year|semi-?annual(?:ly)?)\b/i, () => 2],
  [/\b(?:yearly|annual(?:ly)?|once a year|every (?:12 months|year))\b/i, () => 1],
];

function udsPerYear(ctx: RequestContext): number | undefined {
  let best: number | undefined;
  for (const m of ctx.matcher.find("opioids.uds")) {
    if (m.section.kind !== "plan" || m.assertion.negated || m.assertion.historical) continue;
    const sentence = ctx.note.prose.slice(m.sentence.start, m.sentence.end);
    for (const [re, rate] of UDS_FREQUENCY) {
      const f = re.exec(sentence);
      if (f) {
        const n = rate(f);
        if (Number.isFinite(n) && n > 0) best = Math.max(best ?? 0, n);
        break;
      }
    }
  }
  return best;
}

function runCheck(ctx: RequestContext, check: Check): Outcome {
  if (check.when && !check.when.every((c) => conditionHolds(ctx, c))) return { status: "documented", evidence: [] };
  const out = runCheckKind(ctx, check);
  if (out.status !== "documented") {
    const partial = check.partial && (out.partial || (check.partial.evidence && anyEvidence(ctx, check.partial.evidence).length > 0));
    if (partial) out.message = check.partial!.message;
    else if (check.message) out.message = check.message;
  }
  return out;
}

function runCheckKind(ctx: RequestContext, check: Check): Outcome {
  switch (check.kind) {
    case "flag":
      if (conditionHolds(ctx, check.condition) && !anyEvidence(ctx, check.unless).length) {
        return { status: check.finding, evidence: [] };
      }
      return { status: "documented", evidence: [] };
    case "require": {
      const evidence: Span[] = [];
      const absent: string[] = [];
      const present: string[] = [];
      for (const el of check.elements) {
        const found = anyEvidence(ctx, el.any);
        if (found.length) evidence.push(...found);
        if (found.length || (el.facts ?? []).some((f) => factValue(ctx, f) !== undefined)) present.push(el.label);
        else absent.push(el.partial && anyEvidence(ctx, el.partial.any).length ? el.partial.label : el.label);
      }
      if (absent.length === 0) return { status: "documented", evidence };
      return { status: "missing", evidence, values: { elements: joinList(absent), documented: joinList(present) }, partial: present.length > 0 };
    }
    case "assess": {
      const contra = anyEvidence(ctx, check.contradicted);
      const sat = anyEvidence(ctx, check.satisfied);
      if (contra.length && !anyEvidence(ctx, check.unless).length) {
        return { status: "contradicted", evidence: contra, at: contra[0] };
      }
      if (sat.length) return { status: "documented", evidence: sat };
      if (check.whenUnaddressed === "nothing") return { status: "documented", evidence: [] };
      return { status: "missing", evidence: [], severity: check.missingSeverity };
    }
    case "forbid": {
      const found = anyEvidence(ctx, check.evidence);
      if (found.length && !anyEvidence(ctx, check.unless).length) {
        return { status: check.finding, evidence: found, at: check.finding === "contradicted" ? found[0] : undefined };
      }
      return { status: "documented", evidence: [] };
    }
    case "limit": {
      const value = factValue(ctx, check.fact);
      if (value !== undefined && value > check.max && !anyEvidence(ctx, check.unless).length) {
        return { status: check.finding, evidence: [], values: { value: round(value), max: check.max } };
      }
      return { status: "documented", evidence: [], values: value === undefined ? undefined : { value: round(value) } };
    }
    case "minimum": {
      const value = factValue(ctx, check.fact);
      if (value !== undefined && value >= check.min) return { status: "documented", evidence: [] };
      if (value === undefined && check.ifUnknown === "pass") return { status: "documented", evidence: [] };
      const alt = anyEvidence(ctx, check.orEvidence);
      if (alt.length) return { status: "documented", evidence: alt };
      return { status: check.finding, evidence: [], values: { value: value === undefined ? "unknown" : round(value), min: check.min } };
    }
  }
}

const PRIORITY: Record<Outcome["status"], number> = { contradicted: 3, exceeds: 2, missing: 1, documented: 0 };

/** Evaluates a criterion's checks; the most serious gap wins, else documented with all evidence. */
export function evaluateCriterion(ctx: RequestContext, def: CriterionDef): Outcome {
  let worst: Outcome = { status: "documented", evidence: [] };
  const evidence: Span[] = [];
  for (const check of def.checks) {
    const out = runCheck(ctx, check);
    evidence.push(...out.evidence);
    if (PRIORITY[out.status] > PRIORITY[worst.status]) worst = out;
  }
  if (worst.status === "documented") return { status: "documented", evidence };
  return worst;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Fills {placeholders} of a message. */
export function formatMessage(template: string, values: Record<string, string | number | undefined>): string {
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? "?"));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
