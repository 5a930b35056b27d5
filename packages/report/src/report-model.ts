// The report model: every analysis result in one plain-data object, validated by a zod schema that is also
// published as JSON Schema (schema/report.schema.json) for consumers in other languages.
import * as z from "zod";
import type { DeployComparison } from "./deploy-comparison";
import type { DeployFrequencyResult } from "./deploy-frequency";
import type { ErrorGroupsDiff } from "./error-diff";
import type { ErrorGroupsResult } from "./error-groups";
import { typeError } from "./internal/assert";
import type { MetricChangesResult } from "./metric-changes";
import type { PreviewEnvironmentsResult } from "./preview-environments";

/** Everything a report shows. Sections that were not computed are null. */
export interface ReportModel {
  /** Version of this model's shape. */
  version: 1;
  title: string;
  /** When the report was generated (ISO 8601), or null for reproducible output. */
  generatedAt: string | null;
  errorGroups: ErrorGroupsResult | null;
  errorDiff: ErrorGroupsDiff | null;
  deployFrequency: DeployFrequencyResult | null;
  deployComparison: DeployComparison | null;
  previewEnvironments: PreviewEnvironmentsResult | null;
  metricChanges: MetricChangesResult[];
}

/** Input of {@link buildReport}: any subset of the sections. */
export interface ReportInput {
  /** @defaultValue "Faultline report" */
  title?: string;
  /** @defaultValue null */
  generatedAt?: string | Date | null;
  /** @defaultValue null */
  errorGroups?: ErrorGroupsResult | null;
  /** @defaultValue null */
  errorDiff?: ErrorGroupsDiff | null;
  /** @defaultValue null */
  deployFrequency?: DeployFrequencyResult | null;
  /** @defaultValue null */
  deployComparison?: DeployComparison | null;
  /** @defaultValue null */
  previewEnvironments?: PreviewEnvironmentsResult | null;
  /** @defaultValue [] */
  metricChanges?: readonly MetricChangesResult[];
}

const int = z.int();
const num = z.number();
const str = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nullable = <T extends z.ZodType>(t: T): z.ZodNullable<T> => t.nullable();
const rejected = z.array(z.strictObject({ index: int, reason: str }));
const exclusionCode = z.enum([
  "not-deployment",
  "not-preview-event",
  "not-metric",
  "duplicate",
  "kind",
  "no-environment",
  "environment-kind",
  "not-preview",
  "service",
  "outcome",
  "unmatched-rollback",
  "outside-period",
  "after-as-of",
  "not-alive",
  "other-metric",
  "dimensions",
]);
const excluded = z.array(z.strictObject({ reason: str, count: int, code: exclusionCode, detail: str.exactOptional() }));
const valueCounts = z.array(z.strictObject({ value: str, count: int }));

const errorGroup = z.strictObject({
  rank: int,
  labels: z.array(int),
  count: int,
  items: int,
  share: num,
  sharePercent: num,
  representative: str,
  medoidIndex: int,
  template: str,
  topTerms: z.array(str),
  scopes: valueCounts,
  states: valueCounts,
  firstSeen: nullable(str),
  lastSeen: nullable(str),
  daily: z.array(int),
  members: z.array(int),
});

const errorGroups = z.strictObject({
  total: int,
  timeZone: str,
  days: z.array(day),
  undated: int,
  groups: z.array(errorGroup),
  noise: z.strictObject({
    count: int,
    items: int,
    share: num,
    sharePercent: num,
    examples: z.array(str),
    topTerms: z.array(str),
    daily: z.array(int),
    members: z.array(int),
  }),
  rejected,
});

const side = nullable(z.strictObject({ rank: int, count: int, sharePercent: num }));
const errorDiff = z.strictObject({
  totals: z.strictObject({ before: int, after: int }),
  noise: z.strictObject({ before: num, after: num, shareDelta: num }),
  changes: z.array(
    z.strictObject({
      status: z.enum(["grew", "shrank", "steady", "new", "gone"]),
      template: str,
      representative: str,
      before: side,
      after: side,
      shareDelta: num,
      similarity: nullable(num),
    }),
  ),
});

const tier = z.enum(["elite", "high", "medium", "low"]);
const deployFrequency = z.strictObject({
  timeZone: str,
  from: day,
  to: day,
  days: int,
  total: int,
  perDay: z.array(
    z.strictObject({ date: day, count: int, failed: int, weekend: z.boolean(), cumulative: int, monthToDate: int }),
  ),
  perWeek: z.array(z.strictObject({ weekStart: day, count: int, days: int, deploymentDays: int })),
  perMonth: z.array(
    z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), count: int, days: int, deploymentDays: int }),
  ),
  summary: z.strictObject({
    maxPerDay: nullable(z.strictObject({ date: day, count: int })),
    averagePerDay: num,
    averagePerWeekday: num,
    averagePerWeekendDay: num,
    averagePerWeek: num,
    deploymentDays: int,
  }),
  developers: z.array(z.strictObject({ author: str, deploys: int, activeDays: int, perDay: num })),
  perDeveloperPerDay: num,
  unattributed: int,
  dora: z.strictObject({
    tier: nullable(tier),
    label: str,
    medianDeploymentDaysPerWeek: num,
    medianDeploymentDaysPerMonth: num,
  }),
  changeFailureRate: z.strictObject({ failed: int, attempts: int, rate: nullable(num) }),
  accounting: z.strictObject({ deploys: int, failedDeploys: int, rollbacks: int, excluded, rejected }),
});

const period = z.strictObject({ from: day, to: day, days: int, deploys: int, perDay: num, perWeek: num });
const deployComparison = z.strictObject({ before: period, after: period, multiplier: nullable(num) });

const environmentKind = z.enum(["production", "staging", "preview", "other"]);
const previewEnvironments = z.strictObject({
  timeZone: str,
  asOf: nullable(str),
  from: nullable(day),
  to: nullable(day),
  services: nullable(z.array(str)),
  environments: z.array(
    z.strictObject({
      repository: str,
      name: str,
      pullRequest: nullable(int),
      service: nullable(str),
      createdAt: nullable(str),
      destroyedAt: nullable(str),
      closedAt: nullable(str),
      pullRequestState: z.enum(["open", "merged", "closed", "unknown"]),
      lifetimeHours: nullable(num),
      status: z.enum(["destroyed", "alive", "leaked"]),
    }),
  ),
  summary: z.strictObject({
    total: int,
    destroyed: int,
    alive: int,
    leaked: int,
    medianLifetimeHours: nullable(num),
    p90LifetimeHours: nullable(num),
    meanLifetimeHours: nullable(num),
    maxAlive: nullable(z.strictObject({ date: day, at: str, count: int })),
  }),
  alivePerDay: z.array(z.strictObject({ date: day, count: int })),
  accounting: z.strictObject({ environmentEvents: int, changeEvents: int, excluded, rejected }),
});

const suspect = z.strictObject({
  rank: int,
  id: str,
  service: nullable(str),
  environment: nullable(str),
  environmentKind: nullable(environmentKind),
  timestamp: str,
  hoursBefore: num,
  author: nullable(str),
  commitSha: nullable(str),
  commitMessage: nullable(str),
  pullRequest: nullable(int),
  url: nullable(str),
  sameService: z.boolean(),
});
const metricChanges = z.strictObject({
  metric: str,
  timeZone: str,
  series: z.array(z.strictObject({ date: day, value: num, adjusted: num, deploys: int, imputed: z.boolean() })),
  changes: z.array(
    z.strictObject({
      index: int,
      date: day,
      before: num,
      after: num,
      delta: num,
      relativeDelta: nullable(num),
      magnitude: num,
      estimatedAt: str,
      suspects: z.array(suspect),
    }),
  ),
  sigma: num,
  outliers: z.array(day),
  accounting: z.strictObject({ points: int, excluded, rejected }),
});

/**
 * zod schema of {@link ReportModel}. `z.toJSONSchema(ReportModelSchema)` gives the JSON Schema that the package
 * publishes as `@faultline/report/report.schema.json`.
 */
export const ReportModelSchema: z.ZodType<ReportModel> = z.strictObject({
  version: z.literal(1),
  title: str,
  generatedAt: nullable(str),
  errorGroups: nullable(errorGroups),
  errorDiff: nullable(errorDiff),
  deployFrequency: nullable(deployFrequency),
  deployComparison: nullable(deployComparison),
  previewEnvironments: nullable(previewEnvironments),
  metricChanges: z.array(metricChanges),
});

/**
 * Assembles analysis results into a {@link ReportModel} that every renderer takes, and checks it against
 * {@link ReportModelSchema}.
 *
 * @throws TypeError naming the first offending path when a section is not an analysis result of this package.
 * @example
 * const model = buildReport({ title: "November", errorGroups: groups, deployFrequency: freq });
 * renderMarkdown(model); // => "# November\n\n## Error groups\n…"
 */
export function buildReport(input: ReportInput = {}): ReportModel {
  const generatedAt = input.generatedAt instanceof Date ? input.generatedAt.toISOString() : (input.generatedAt ?? null);
  const candidate = {
    version: 1 as const,
    title: input.title ?? "Faultline report",
    generatedAt,
    errorGroups: input.errorGroups ?? null,
    errorDiff: input.errorDiff ?? null,
    deployFrequency: input.deployFrequency ?? null,
    deployComparison: input.deployComparison ?? null,
    previewEnvironments: input.previewEnvironments ?? null,
    metricChanges: [...(input.metricChanges ?? [])],
  };
  const parsed = ReportModelSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw typeError(
      `buildReport: input.${issue.path.join(".")} is not valid: ${issue.message} (pass the result of this package's analyses)`,
    );
  }
  return candidate;
}
