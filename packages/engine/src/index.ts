export { builtinCatalog, type CatalogEntry } from "./catalog";
export { CruxError } from "./evaluate";
export {
  type CellInput,
  DEFAULT_LIMITS,
  type EngineLimits,
  type EngineSettings,
} from "./notebook";
export { streamFor } from "./random";
export { EngineSession, type EvaluationResult, evaluateNotebook } from "./session";
export type { FirstOrderIndex, Histogram } from "./statistics";
export type {
  Blowup,
  CellSummary,
  DistributionSummary,
  ErrorSummary,
  Percentiles,
  SeriesSummary,
} from "./summarize";
export { CruxSyntaxError, type Position, parse, tokenize } from "./syntax";
