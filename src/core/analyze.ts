// analyze(text, options) → { requests, findings, reports }: parse once, find requests, compute the
// facts each request needs, evaluate every applicable criterion, return plain data.
import { boundNotices } from "./bounds";
import { checkCancelled, withCancel, type CancelCheck } from "./cancel";
import { Matcher, within, type Mention } from "./concepts";
import { parseDirectives } from "./directives";
import { conditionHolds, evaluateCriterion, formatMessage, type Outcome, type RequestContext } from "./evaluate";
import { daysBetween, findDates, noteDates, type NoteDates } from "./extract/dates";
import { currentVisit, type Visit } from "./visits";
import { episodeCounts, ongoingCourse } from "./facts/episodes";
import { daysSupply, parseCounts, parseCompletedCount, parsePriorCount, parseRegimen, parseSpan, type Regimen } from "./extract/quantity";
import { parseLevels } from "./extract/levels";
import { blockAt, parseNote, sentenceReading, type Note } from "./note";
import { findRequests, priorMentions, type FoundRequest } from "./requests";
import { placeFix } from "./fixes";
import { newReads, recording, sharedValue, type Reads } from "./reads";
import { Reuse, requestKey, type AnalysisStore, type DefResult } from "./reuse";
import { applyFrontMatterDates, rfaFacts } from "./facts/rfa";
import { maskFrontMatter } from "./frontmatter";
import { maskPlaceholders, promptLines, withUnfinishedTemplate } from "./placeholders";
import { rfa as RFA_FAMILY } from "./rules/rfa";
import { ALL_CONCEPTS, FAMILIES, OPIOID_MME } from "./rules/registry";
import type { CriterionDef, FamilyDef } from "./rules/types";
import type {
  AnalyzeOptions,
  AnalyzeResult,
  CriterionStatus,
  Finding,
  Notice,
  Request,
  RequestReport,
  Severity,
} from "./types";
import { EVIDENCE_LINES } from "./types";

export const DEFAULT_MAX_CHARS = 2_000_000;

/**
 * Analyses one progress note. Pure and deterministic; never throws on any string. `store` keeps
 * parsed chunks between calls (createSession in session.ts); the result never depends on it.
 * `isCancelled` (cancel.ts) may stop the run with `AnalysisCancelled`; only then does it throw.
 * It is asked between chunks and requests, and inside a chunk's work (cancelPoint).
 */
export function analyze(text: string, options: AnalyzeOptions = {}, store?: AnalysisStore, isCancelled?: CancelCheck): AnalyzeResult {
  return withCancel(isCancelled, () => analyzeNote(text, options, store, isCancelled));
}

function analyzeNote(text: string, options: AnalyzeOptions, store?: AnalysisStore, isCancelled?: CancelCheck): AnalyzeResult {
  const notices: Notice[] = [];
  const source = typeof text === "string" ? text : "";
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (source.length > maxChars) {
    notices.push({
      kind: "size-limit",
      message: `RFA Ready stopped: the note has ${source.length.toLocaleString("en-US")} characters, over the ${maxChars.toLocaleString("en-US")}-character limit; nothing was checked.`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
    return { requests: [], findings: [], reports: [], notices };
  }
  if (source.includes("\u0000")) {
    notices.push({
      kind: "not-text",
      message: "RFA Ready stopped: the note contains NUL bytes (binary data?); nothing was checked.",
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
    return { requests: [], findings: [], reports: [], notices };
  }

  // Unanswered template prompts ("‹weeks›") and their clauses are never read as evidence.
  const note = parseNote(maskPlaceholders(maskFrontMatter(source)), store, { isCancelled });
  notices.push(...boundNotices(note));
  const prompts = promptLines(source);
  checkCancelled(isCancelled);
  const matcher = new Matcher(note, ALL_CONCEPTS);
  const dates = applyFrontMatterDates(noteDates(note), source);
  // A running case file: only the latest visit requests anything; earlier plans are history.
  const visit = currentVisit(note);
  if (visit) dates.service = visit.date;
  const noteDate = dates.rfa?.iso ?? dates.service?.iso;
  const directives = parseDirectives(note.comments.map((c) => source.slice(c.start, c.end)).join("\n"));
  const disabled = new Set([...(options.disable ?? []), ...directives.names]);

  const found = FAMILIES.flatMap((family) => findRequests(note, matcher, family, visit).map((r) => ({ family, r }))).sort(
    (a, b) => a.r.mention.start - b.r.mention.start,
  );
  const allRequests = found.map((f) => f.r);
  const drugFamily = new Map<string, string>();
  for (const family of FAMILIES) for (const item of Object.keys(family.request.drugs ?? {})) drugFamily.set(item, family.service);
  const drugClasses = new Map<string, string[]>();
  for (const family of FAMILIES) for (const [item, classes] of Object.entries(family.request.classes ?? {})) drugClasses.set(item, classes);
  const activeDrugs = activeDrugSet(note, matcher, allRequests);

  const requests: Request[] = [];
  const findings: Finding[] = [];
  const reports: RequestReport[] = [];
  const familyDone = new Set<string>();
  const today = options.today ?? todayIso();
  // In a session, a request whose evaluation read nothing the edit changed keeps its outcomes (reuse.ts).
  const memo = store?.requests;
  const reuse = memo && new Reuse(memo, note, matcher, layoutKey(note, options, today, dates, noteDate, visit, directives, disabled, found, activeDrugs));

  for (const { family, r } of found) {
    checkCancelled(isCancelled);
    const request = toRequest(note, r);
    requests.push(request);
    const statuses: CriterionStatus[] = [];
    const firstOfFamily = !familyDone.has(family.service);
    familyDone.add(family.service);
    // The general RFA criteria run on every request whose own family is not turned off.
    const defs: Array<[CriterionDef, FamilyDef, boolean]> = family.criteria.map((d) => [d, family, firstOfFamily]);
    if (!(directives.all || disabled.has(family.service) || options.severity?.[family.service] === "off")) {
      for (const d of RFA_FAMILY.criteria) defs.push([d, RFA_FAMILY, !familyDone.has(RFA_FAMILY.service)]);
      familyDone.add(RFA_FAMILY.service);
    }
    // Which criteria run: not a family criterion already run for an earlier request, not turned off.
    const severities = defs.map(([def, fam, first]) => {
      const scope = def.scope ?? (fam.request.drugs ? "item" : "family");
      if (scope === "family" && !first) return "skip" as const;
      const severity = severityFor(def, fam, options);
      return directives.all || disabled.has(def.id) || disabled.has(fam.service) || severity === "off" ? ("off" as const) : severity;
    });
    const key = reuse && requestKey(note, family.service, r);
    let results = key === undefined ? undefined : reuse!.take(key);
    if (!results) {
      const reads = newReads();
      results = recording(reads, () => {
        const ctx = buildContext(note, matcher, family, r, allRequests, activeDrugs, drugFamily, dates.service?.iso ?? noteDate, dates.injury?.iso);
        ctx.drugClasses = drugClasses;
        Object.assign(ctx.facts, rfaFacts(note, r, ctx.regimen, dates, today));
        return defs.map(([def], i): DefResult => {
          const severity = severities[i];
          if (severity === "skip" || severity === "off") return undefined;
          if (!applies(def, ctx, noteDate ?? today)) return "not-applicable";
          return latestEvidence(note, evaluateCriterion(ctx, def));
        });
      });
      if (key !== undefined) reuse!.remember(key, reads, r, results);
    }
    defs.forEach(([def, fam], i) => {
      const base = { criterion: def.id, title: def.title, citation: def.citation };
      const severity = severities[i];
      const outcome = results[i];
      if (severity === "skip") return;
      if (severity === "off" || outcome === undefined) {
        statuses.push({ ...base, status: "disabled", evidence: [] });
        return;
      }
      if (outcome === "not-applicable") {
        statuses.push({ ...base, status: "not-applicable", evidence: [] });
        return;
      }
      const evidence = outcome.evidence.map((s) => note.lines.range(s.start, s.end));
      const earlier = outcome.earlierLines ? { earlierLines: outcome.earlierLines } : {};
      statuses.push({ ...base, status: outcome.status, evidence, ...earlier });
      if (outcome.status === "documented") return;
      const message = formatMessage(outcome.message ?? def.messages[outcome.status] ?? def.title, {
        drug: r.item ?? family.title,
        ...outcome.values,
      });
      const at = outcome.at ?? r.mention.sentence.block;
      const finding: Finding = {
        criterion: def.id,
        service: fam.service,
        kind: outcome.status,
        severity: outcome.severity && severity === def.defaultSeverity ? outcome.severity : severity,
        message: withUnfinishedTemplate(message, prompts, def.template),
        citation: def.citation,
        range: outcome.at ? note.lines.range(at.start, at.end) : request.range,
        request: { text: request.text, range: request.range },
      };
      if (evidence.length) Object.assign(finding, { evidence, ...earlier });
      const fix = def.placeFix === false ? undefined : placeFix(note, def);
      if (fix) finding.fix = fix;
      findings.push(finding);
    });
    reports.push({ request, criteria: statuses });
  }
  reuse?.commit();

  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.criterion.localeCompare(b.criterion));
  return { requests, findings, reports, notices, noteDate };
}

/**
 * An outcome with its evidence cut to the spans on the latest EVIDENCE_LINES lines that hold any,
 * and the count of the earlier lines. A running case file documents a pain score or a failed
 * treatment on thousands of lines: the status lists the latest (the current visit is the last),
 * and a session keeps and the extension receives a bounded list, whatever the note's length.
 */
function latestEvidence(note: Note, outcome: Outcome): Outcome {
  if (outcome.evidence.length <= EVIDENCE_LINES) return outcome;
  const lineOf = outcome.evidence.map((s) => note.lines.position(s.start).line);
  const lines = [...new Set(lineOf)].sort((a, b) => a - b);
  if (lines.length <= EVIDENCE_LINES) return outcome;
  const first = lines[lines.length - EVIDENCE_LINES];
  return { ...outcome, evidence: outcome.evidence.filter((_, i) => lineOf[i] >= first), earlierLines: lines.length - EVIDENCE_LINES };
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * What every request's evaluation depends on beyond the mentions and chunks it read (reuse.ts):
 * the options and today's date, the directives, the dates and the visit, the sections' kinds in
 * order, every request found (service, item, line), the active drugs. Reuse needs it unchanged.
 */
function layoutKey(
  note: Note,
  options: AnalyzeOptions,
  today: string,
  dates: NoteDates,
  noteDate: string | undefined,
  visit: Visit | undefined,
  directives: { all: boolean },
  disabled: Set<string>,
  found: Array<{ family: FamilyDef; r: FoundRequest }>,
  activeDrugs: Set<string>,
): string {
  return JSON.stringify([
    options,
    today,
    directives.all,
    [...disabled].sort(),
    dates.service?.iso,
    dates.injury?.iso,
    dates.rfa?.iso,
    noteDate,
    visit?.date.iso,
    note.sections.map((s) => s.kind).join(","),
    found.map(({ family, r }) => requestKey(note, family.service, r)),
    [...activeDrugs].sort(),
  ]);
}

function severityFor(def: CriterionDef, family: FamilyDef, options: AnalyzeOptions): Severity | "off" {
  const map = options.severity ?? {};
  return map[def.id] ?? map[family.service] ?? def.defaultSeverity;
}

function applies(def: CriterionDef, ctx: RequestContext, date: string): boolean {
  if (def.effectiveFrom && date < def.effectiveFrom) return false;
  return (def.when ?? []).every((c) => conditionHolds(ctx, c));
}

function toRequest(note: Note, r: FoundRequest): Request {
  const block = r.block;
  let start = block.start;
  let end = block.end;
  // The request line: the block's line holding the mention.
  const line = note.lines.position(r.mention.start).line;
  start = Math.max(start, note.lines.lineStart(line));
  end = Math.min(end, note.lines.lineEnd(line));
  while (start < end && /\s/.test(note.prose[start])) start++;
  while (end > start && /\s/.test(note.prose[end - 1])) end--;
  const text = note.prose.slice(start, end).replace(/\s+/g, " ").trim();
  return {
    service: r.service,
    text,
    range: note.lines.range(start, end),
    termRange: note.lines.range(r.mention.start, r.mention.end),
    line,
  };
}

/** Drugs requested or listed as current medications (not historical, not stopped). */
function activeDrugSet(note: Note, matcher: Matcher, requests: FoundRequest[]): Set<string> {
  const active = new Set<string>();
  for (const r of requests) if (r.item) active.add(r.item);
  for (const family of FAMILIES) {
    for (const [item, concept] of Object.entries(family.request.drugs ?? {})) {
      for (const m of matcher.find(concept)) {
        if (m.section.kind === "medications" && !m.assertion.negated && !m.assertion.historical && !/\b(?:previously|prior|discontinued|stopped)\b/i.test(note.prose.slice(m.sentence.start, m.sentence.end))) {
          active.add(item);
        }
      }
    }
  }
  return active;
}

const mmeTotals = new WeakMap<FoundRequest[], { value: number | undefined; reads: Reads }>();
const CONTINUE_CUE = /\b(?:continue[ds]?(?! (?:it |them |this )?(?:only )?(?:if|when|once)\b)|cont\.?|(?<!\b(?:no|0|zero|\d{1,2}|with|and|plus|x) )refill(?:ed|s)?|renew(?:ed)?|ongoing|long[- ]term|chronic(?:ally)?|maintenance|on since|(?<=\bon\b[^.;]{0,40})since (?:\d{1,2}[/-])?(?:19|20)\d{2}|has been (?:on|taking)|remains on|currently (?:on|taking)|monthly)\b/i;
/** Whether a sentence says a drug continues (read once per sentence: every request of a drug asks about every mention of it). */
const continueCue = (text: string): boolean => CONTINUE_CUE.test(text);
const START_CUE = /\b(?:start(?:ed|ing)?|begin|initiat(?:e|ed|ing)|new(?:ly)?|trial|add(?:ed)?|prescribe)\b/i;

/** The requests of one service, one array per analysis and service (priorMentions shares its work by it). */
const byService = new WeakMap<FoundRequest[], Map<string, FoundRequest[]>>();
function requestsOf(all: FoundRequest[], service: string): FoundRequest[] {
  let m = byService.get(all);
  if (!m) byService.set(all, (m = new Map()));
  let list = m.get(service);
  if (!list) m.set(service, (list = all.filter((x) => x.service === service)));
  return list;
}

function buildContext(
  note: Note,
  matcher: Matcher,
  family: FamilyDef,
  r: FoundRequest,
  allRequests: FoundRequest[],
  activeDrugs: Set<string>,
  drugFamily: Map<string, string>,
  serviceDate: string | undefined,
  injuryDate: string | undefined,
): RequestContext {
  const blockText = note.prose.slice(r.block.start, r.block.end);
  const counts = parseCounts(blockText);
  const concepts = r.item ? [family.request.drugs![r.item]] : family.request.concepts;
  const familyRequests = requestsOf(allRequests, r.service);
  const prior = priorMentions(note, matcher, concepts, familyRequests);
  if (!r.item) {
    // An episode with sessions done ("has finished 12 visits") or under way ("treatment rendered today") is a prior course.
    const requested = new Set(familyRequests.flatMap((x) => [x.mention, ...x.others]));
    const known = new Set(prior);
    for (const c of concepts) {
      for (const m of matcher.find(c)) {
        if (known.has(m) || requested.has(m) || m.assertion.negated || m.assertion.hypothetical || m.assertion.family || m.assertion.uncertain) continue;
        if (m.start >= r.block.start && m.end <= r.block.end) continue;
        // The sentence, or the label line right above it ("Treatment rendered today:").
        const label = note.sentences[m.sentence.index - 1];
        const labelled = !!label && label.block === m.sentence.block && /:\s*$/.test(note.prose.slice(label.start, label.end)) && sentenceReading(note, label, ongoingCourse);
        if (sentenceReading(note, m.sentence, episodeCounts).done !== undefined || sentenceReading(note, m.sentence, ongoingCourse) || labelled) {
          prior.push(m);
          known.add(m);
        }
      }
    }
    prior.sort((a, b) => a.start - b.start);
  }

  let regimen: Regimen | undefined;
  let inUse = false;
  let newStart = false;
  if (r.item) {
    regimen = drugRegimen(note, matcher, r);
    const listed = matcher
      .find(r.mention.concept)
      .some((m) => m !== r.mention && (m.section.kind === "medications" || sentenceReading(note, m.sentence, continueCue)));
    // Refills written on a new prescription ("#30 with 2 refills") authorize later fills; they are not prior use.
    // The cue of the request's own sentence: "Cont ibuprofen" after a new relaxant does not continue the relaxant.
    const ownText = note.prose.slice(r.mention.sentence.start, r.mention.sentence.end);
    inUse = listed || prior.length > 0 || CONTINUE_CUE.test(ownText);
    newStart = !inUse && START_CUE.test(ownText);
  }

  const facts: RequestContext["facts"] = {};
  if (counts.injections !== undefined) facts.injectionsPerSession = counts.injections;
  if (counts.sessions !== undefined) facts.sessionsRequested = counts.sessions;
  if (counts.visits !== undefined) facts.visitsRequested = counts.visits;
  const priorCounts = prior.map((m) => sentenceReading(note, m.sentence, parsePriorCount)).filter((n): n is number => n !== undefined);
  if (priorCounts.length) facts.priorCount = Math.max(...priorCounts);
  if (facts.visitsRequested !== undefined) facts.visitsTotal = facts.visitsRequested + (facts.priorCount ?? 0);
  if (!r.item) courseFacts(note, matcher, concepts, r, prior, facts);
  if (regimen) {
    const supply = daysSupply(regimen);
    if (supply !== undefined) facts.daysSupply = supply;
    if (regimen.courseDays !== undefined) facts.courseDays = regimen.courseDays;
    if (supply !== undefined) facts.supplyDaysWithRefills = supply * (1 + (regimen.refills ?? 0));
  }
  if (family.service === "opioids") {
    // The same total for every opioid request of the note: computed once per analysis.
    const total = sharedValue(mmeTotals, allRequests, () => opioidMme(note, matcher, familyRequests));
    if (total !== undefined) facts.mmePerDay = total;
  }
  if (serviceDate && injuryDate) facts.symptomDays = daysBetween(injuryDate, serviceDate);
  // Spinal levels, sides and approach of the request's own clause (or of a line repeating it).
  let levels = parseLevels(requestClause(note, r.mention));
  for (const o of r.others) if (!levels.levels) levels = parseLevels(requestClause(note, o));
  if (!levels.levels) levels = parseLevels(blockText);
  if (levels.levels) {
    facts.levelsRequested = levels.levels;
    facts.jointsRequested = levels.joints;
  }
  if (serviceDate) {
    // Each sentence once: two mentions in one sentence ("TFESI 01/2025 and TFESI 04/2025") share its dates.
    const priorSentences = [...new Set(prior.map((m) => m.sentence))];
    const priorDates = priorSentences.flatMap((s) => sentenceReading(note, s, isoDates)).filter((d) => d <= serviceDate);
    if (priorDates.length) {
      const last = priorDates.sort().at(-1)!;
      facts.daysSinceLastProcedure = daysBetween(last, serviceDate);
      facts.priorWithinYear = priorDates.filter((d) => daysBetween(d, serviceDate) <= 365).length + (counts.sessions ?? 1);
    }
  }
  if (facts.visitsRequested !== undefined) {
    // The same course: a prior course that ended long before (another episode of care) is not counted.
    const last = serviceDate ? latestCourseDate(note, prior, serviceDate) : undefined;
    const recent = last === undefined || daysBetween(last, serviceDate!) <= 120;
    facts.visitsInCourse = facts.visitsRequested + (recent ? facts.priorCount ?? 0 : 0);
  }
  return {
    note,
    matcher,
    request: r,
    allRequests,
    noteDate: serviceDate,
    injuryDate,
    regimen,
    counts,
    prior,
    facts,
    levels,
    inUse,
    newStart,
    activeDrugs,
    drugFamily,
  };
}

/** Month-year ("08/2015") and year-only ("2013-2014") dates, read as the end of that month or year. */
const MONTH_YEAR = /(?<![\d/])(0?[1-9]|1[0-2])\/((?:19|20)\d{2})(?![\d/])/g;
const YEAR = /(?<![\d/.-])((?:19|20)\d{2})(?![\d/.])/g;
function coarseDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MONTH_YEAR)) out.push(`${m[2]}-${m[1].padStart(2, "0")}-28`);
  if (!out.length) for (const m of text.matchAll(YEAR)) out.push(`${m[1]}-12-31`);
  return out;
}

/** The latest date written with a prior course (full dates first, then month-year or year), not after the visit. */
function latestCourseDate(note: Note, prior: Mention[], visit: string): string | undefined {
  let best: string | undefined;
  for (const s of new Set(prior.map((m) => m.sentence))) {
    const full = sentenceReading(note, s, isoDates);
    const dates = (full.length ? full : sentenceReading(note, s, coarseDates)).filter((d) => d <= visit);
    for (const d of dates) if (!best || d > best) best = d;
  }
  return best;
}

/** The dates written in a text, as ISO days. */
const isoDates = (text: string): string[] => findDates(text).map((d) => d.iso);

/** After the request, words that start a justification ("... given MRI stenosis at L3-4"), whose levels are not requested. */
const JUSTIFICATION = /\b(?:given|due to|because|based on|secondary to|consistent with|correlat\w*|per (?:mri|ct|emg|imaging)|(?:mri|ct|emg|imaging) (?:shows?|showed|findings?|demonstrat\w+|reveal\w*))\b/i;

/** The clause of a request line holding the mention: its sentence, cut at semicolons and at a justification. */
function requestClause(note: Note, m: { start: number; end: number; sentence: { start: number; end: number } }): string {
  const text = note.prose.slice(m.sentence.start, m.sentence.end);
  const at = m.start - m.sentence.start;
  const from = text.lastIndexOf(";", at) + 1;
  const next = text.indexOf(";", m.end - m.sentence.start);
  const clause = text.slice(from, next < 0 ? text.length : next);
  const after = m.end - m.sentence.start - from;
  const why = JUSTIFICATION.exec(clause.slice(after));
  return why ? clause.slice(0, after + why.index) : clause;
}

/**
 * Therapy courses and programs: visits per week, weeks, days and hours of the request line; a visit
 * count written around the service's own name ("8 PT visits") or as frequency × weeks ("twice a week
 * for 6 weeks"); days and hours of prior courses for the totals.
 */
function courseFacts(note: Note, matcher: Matcher, concepts: string[], r: FoundRequest, prior: Mention[], facts: RequestContext["facts"]): void {
  const block = note.prose.slice(r.block.start, r.block.end);
  // A count written around the service's own name: "8 PT visits", "completed 12 chiropractic visits".
  const blank = (from: number, to: number): string => {
    let text = note.prose.slice(from, to);
    for (const c of concepts) {
      for (const m of within(matcher.find(c), { start: from, end: to })) {
        const a = m.start - from;
        text = text.slice(0, a) + " ".repeat(m.end - m.start) + text.slice(a + m.end - m.start);
      }
    }
    return text;
  };
  if (facts.priorCount === undefined) {
    const counts = prior
      .map((m) => {
        const text = blank(m.sentence.start, m.sentence.end);
        return parseCompletedCount(text) ?? episodeCounts(text).done ?? parsePriorCount(text);
      })
      .filter((n): n is number => n !== undefined);
    if (counts.length) {
      facts.priorCount = Math.max(...counts);
      if (facts.visitsRequested !== undefined) facts.visitsTotal = facts.visitsRequested + facts.priorCount;
    }
  }
  const span = parseSpan(block);
  if (span.perWeek !== undefined) facts.visitsPerWeek = span.perWeek;
  if (span.weeks !== undefined) facts.weeksRequested = span.weeks;
  if (span.days !== undefined) facts.daysRequested = span.days;
  if (span.hours !== undefined) facts.hoursRequested = span.hours;
  if (facts.visitsRequested === undefined) {
    const visits = parseCounts(blank(r.block.start, r.block.end)).visits ?? (span.perWeek !== undefined && span.weeks !== undefined ? span.perWeek * span.weeks : undefined);
    if (visits !== undefined) {
      facts.visitsRequested = visits;
      facts.visitsTotal = visits + (facts.priorCount ?? 0);
    }
  }
  const priorSpans = prior.map((m) => sentenceReading(note, m.sentence, parseSpan));
  const priorDays = Math.max(0, ...priorSpans.map((p) => p.days ?? 0));
  const priorHours = Math.max(0, ...priorSpans.map((p) => p.hours ?? 0));
  if (facts.daysRequested !== undefined) facts.daysTotal = facts.daysRequested + priorDays;
  if (facts.hoursRequested !== undefined) facts.hoursTotal = facts.hoursRequested + priorHours;
}

/** The request line's regimen, completed from the drug's other mentions (e.g. the sig in the medication list). */
const regimens = new WeakMap<FoundRequest, { value: Regimen; reads: Reads }>();
/** The regimen written after one mention of a drug, read once per mention (not once per request). */
const mentionRegimens = new WeakMap<Mention, Regimen>();
function mentionRegimen(note: Note, m: Mention): Regimen {
  let regimen = mentionRegimens.get(m);
  if (!regimen) {
    const b = blockAt(note, m.start);
    regimen = parseRegimen(b ? note.prose.slice(m.end, b.end) : "");
    mentionRegimens.set(m, regimen);
  }
  return regimen;
}
export function drugRegimen(note: Note, matcher: Matcher, r: FoundRequest): Regimen {
  return sharedValue(regimens, r, () => {
    const own = parseRegimen(note.prose.slice(r.mention.end, r.block.end));
    // As mergeRegimens(own, ...every other mention's regimen in order): each field missing from
    // the request's own line comes from the first other mention that has it.
    const firsts = regimenFirsts(note, matcher, r.mention.concept);
    const out: Regimen = { ...own };
    for (const field of REGIMEN_FIELDS) {
      if (out[field] !== undefined) continue;
      const from = firsts.get(field)?.find((f) => f.mention !== r.mention);
      if (from) (out as unknown as Record<string, unknown>)[field] = from.value;
    }
    if (!out.prn && firsts.get("prn")?.some((f) => f.mention !== r.mention)) out.prn = true;
    return out;
  });
}

const REGIMEN_FIELDS = ["strength", "unit", "unitsPerDose", "dosesPerDay", "courseDays"] as const;
type Firsts = Map<string, Array<{ mention: Mention; value: unknown }>>;
const firstsByConcept = new WeakMap<Matcher, Map<string, { value: Firsts; reads: Reads }>>();

/**
 * Per regimen field, the first two mentions of a drug whose line gives it (prn: that say it), in
 * note order: the first one that is not a request's own mention fills that request's gap. One pass
 * over the drug's mentions per analysis instead of one per request (a plan of many order lines).
 */
function regimenFirsts(note: Note, matcher: Matcher, concept: string): Firsts {
  let cache = firstsByConcept.get(matcher);
  if (!cache) firstsByConcept.set(matcher, (cache = new Map()));
  return sharedValue(cache, concept, () => {
    const firsts: Firsts = new Map();
    const add = (field: string, mention: Mention, value: unknown) => {
      const list = firsts.get(field) ?? [];
      if (list.length < 2) firsts.set(field, [...list, { mention, value }]);
    };
    for (const m of matcher.find(concept)) {
      const reg = mentionRegimen(note, m);
      for (const field of REGIMEN_FIELDS) if (reg[field] !== undefined) add(field, m, reg[field]);
      if (reg.prn) add("prn", m, true);
    }
    return firsts;
  });
}

/** Morphine milligram equivalents per day summed over every requested opioid. */
function opioidMme(note: Note, matcher: Matcher, requests: FoundRequest[]): number | undefined {
  let total: number | undefined;
  for (const r of requests) {
    if (!r.item) continue;
    const factor = OPIOID_MME[r.item];
    const reg = drugRegimen(note, matcher, r);
    if (factor === undefined || reg.strength === undefined || reg.dosesPerDay === undefined) continue;
    total = (total ?? 0) + reg.strength * (reg.unitsPerDose ?? 1) * reg.dosesPerDay * factor;
  }
  return total;
}
