// @faultline/report public API. Explicit named re-exports only.

// Error groups
export type {
  ErrorGroup,
  ErrorGroupsOptions,
  ErrorGroupsResult,
  ErrorItem,
  NoiseSummary,
  RejectedItem,
  ValueCount,
} from "./error-groups";
export { buildErrorGroups } from "./error-groups";

// Evaluation
export type { GroupingAccuracyOptions, Labels } from "./evaluation";
export { adjustedRandIndex, groupingAccuracy } from "./evaluation";
