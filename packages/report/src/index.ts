// @faultline/report public API. Explicit named re-exports only.

// One call: rows in, ranked error groups out
export type { AnalysisRejection, AnalyzeErrorsOptions, AnalyzeStage, ErrorAnalysis } from "./analyze-errors";
export { analyzeErrorStream, analyzeErrors } from "./analyze-errors";
export { causeLines } from "./cause-lines";
// Evaluation
export type { ChangePointF1Options, ChangePointF1Result } from "./change-point-f1";
export { changePointF1 } from "./change-point-f1";
// Change points
export type {
  ChangePenalty,
  ChangePointOptions,
  ChangePointResult,
  ChangeSegment,
} from "./change-points";
export { detectChangePoints } from "./change-points";
export type { ErrorRunsComparison } from "./compare-error-runs";
export { compareErrorRuns, compareErrorStreams } from "./compare-error-runs";
export type { DailySeries, DailySeriesOptions } from "./daily-series";
export { buildDailySeries } from "./daily-series";
// Deploys
export type {
  DayPeriod,
  DeployComparison,
  DeployComparisonOptions,
  DeployPeriodStats,
} from "./deploy-comparison";
export { compareDeployFrequency } from "./deploy-comparison";
export type {
  ChangeFailureRate,
  DeployAccounting,
  DeployDay,
  DeployFilterOptions,
  DeployFrequencyOptions,
  DeployFrequencyResult,
  DeployMonth,
  DeploysNotCounted,
  DeployWeek,
  DeveloperDeploys,
  DoraDeploymentFrequency,
  DoraTier,
} from "./deploy-frequency";
export { analyzeDeployFrequency, deploysNotCounted, NoDeploymentsError } from "./deploy-frequency";
// Error groups
export type {
  ErrorChangeStatus,
  ErrorDiffOptions,
  ErrorGroupChange,
  ErrorGroupSide,
  ErrorGroupsDiff,
} from "./error-diff";
export { diffErrorGroups } from "./error-diff";
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
export type { GroupingAccuracyOptions, Labels } from "./evaluation";
export { adjustedRandIndex, groupingAccuracy } from "./evaluation";
export type { ExcludedCount, Exclusion, ExclusionCode } from "./internal/events";
export type { LabelledSeries, LabelledSeriesOptions } from "./labelled-series";
export { generateLabelledSeries } from "./labelled-series";
export type { MetricChange, MetricChangesOptions, MetricChangesResult } from "./metric-changes";
export { analyzeMetricChanges } from "./metric-changes";
export type { MetricCsvOptions, MetricCsvRejection, MetricCsvResult } from "./metric-csv";
export { parseMetricCsv } from "./metric-csv";
export type {
  PreviewEnvironment,
  PreviewEnvironmentsOptions,
  PreviewEnvironmentsResult,
  PreviewStatus,
} from "./preview-environments";
export { analyzePreviewEnvironments } from "./preview-environments";
// Renderers
export type { CsvOptions, CsvTable } from "./render/csv";
export { renderCsv } from "./render/csv";
export type { HtmlOptions } from "./render/html";
export { renderHtml } from "./render/html";
export type { JsonOptions } from "./render/json";
export { renderJson } from "./render/json";
export type { MarkdownOptions } from "./render/markdown";
export { renderMarkdown } from "./render/markdown";
export type { TextOptions } from "./render/text";
export { renderText } from "./render/text";
// Report model
export { reportJsonSchema } from "./report-json-schema";
export type { ReportInput, ReportModel } from "./report-model";
export { buildReport, ReportModelSchema } from "./report-model";
export type { SuspectDeploy, SuspectDeployOptions } from "./suspect-deploys";
export { findSuspectDeploys } from "./suspect-deploys";
