// Public entry of the analysis core: pure, deterministic, no `vscode`.
export { analyze } from "./analyze";
export { createSession, type Session } from "./session";
export { AnalysisCancelled, type CancelCheck } from "./cancel";
export { listCriteria, listServices, getCriterion } from "./rules/registry";
export { parseDirectives, disableDirective, DIRECTIVE_NAME } from "./directives";
export type * from "./types";
export { EVIDENCE_LINES } from "./types";
export { draftRfa, renderRfaMarkdown } from "./rfa/draft";
export type { RfaDraft, DraftOptions, ReadinessItem, ReadinessGap, RfaLine, RfaHeader, HeaderGap } from "./rfa/draft";
export { readHeader, frontMatterTemplate, HEADER_FIELDS } from "./frontmatter";
