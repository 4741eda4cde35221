// Public entry of the analysis core: pure, deterministic, no `vscode`.
export { analyze } from "./analyze";
export { listCriteria, listServices, getCriterion } from "./rules/registry";
export { parseDirectives, disableDirective, DIRECTIVE_NAME } from "./directives";
export type * from "./types";
