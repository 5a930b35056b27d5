// One call for the change-point story: metric points + deploy events → detected changes with suspect deploys.
import type { FaultlineEvent, MetricPoint } from "@faultline/schemas";
import { type ChangePointOptions, detectChangePoints } from "./change-points";
import { buildDailySeries, type DailySeries, type DailySeriesOptions } from "./daily-series";
import { assertArray } from "./internal/assert";
import { createRepeatCheck, isRecord } from "./internal/events";
import { round } from "./internal/stats";
import { addDays, createDayKeyer, dayOfWeek, parseInstant, startOfDayMs, toIso } from "./internal/time";
import { findSuspectDeploys, type SuspectDeploy, type SuspectDeployOptions } from "./suspect-deploys";

/** Options of {@link analyzeMetricChanges}. */
export interface MetricChangesOptions extends DailySeriesOptions {
  /** Detection options (`phase` is set from the first date). @defaultValue {} */
  detection?: Omit<ChangePointOptions, "phase">;
  /**
   * Suspect-deploy options. `preferService` defaults to the `app` (or `service`) dimension of the metric filter.
   * @defaultValue {}
   */
  suspects?: SuspectDeployOptions;
}

/** A detected change with its suspects. */
export interface MetricChange {
  /** Index in `series` of the first day of the new level. */
  index: number;
  /** First day of the new level. */
  date: string;
  /** Mean level before and after (seasonally adjusted). */
  before: number;
  after: number;
  /** after − before. */
  delta: number;
  /** delta / |before|, or null when before is 0. */
  relativeDelta: number | null;
  /** |delta| in noise standard deviations. */
  magnitude: number;
  /**
   * Estimated instant of the change: the start of `date`, moved by the share of the neighbouring days already (or
   * not yet) at the new level, assuming the metric accrues evenly over a day.
   */
  estimatedAt: string;
  suspects: SuspectDeploy[];
}

/** Result of {@link analyzeMetricChanges}. */
export interface MetricChangesResult {
  metric: string;
  timeZone: string;
  /** One row per day: the value, the seasonally adjusted value, and deploys that day (for markers). */
  series: { date: string; value: number; adjusted: number; deploys: number; imputed: boolean }[];
  changes: MetricChange[];
  sigma: number;
  outliers: string[];
  accounting: DailySeries["accounting"];
}

/**
 * Builds the daily series of a metric, removes day-of-week seasonality, detects level changes (PELT, MBIC
 * penalty) and lists, for each change, the suspect deploys shortly before it with their commit messages.
 *
 * @throws TypeError when an argument is not an array; RangeError as {@link buildDailySeries} and
 *   {@link detectChangePoints} do.
 * @example
 * const result = analyzeMetricChanges(points, deployEvents, { dimensions: { app: "checkout" } });
 * result.changes[0].date; // => "2026-11-17"
 */
export function analyzeMetricChanges(
  points: readonly MetricPoint[] | readonly unknown[],
  deploys: readonly FaultlineEvent[] | readonly unknown[],
  options: MetricChangesOptions = {},
): MetricChangesResult {
  assertArray(deploys, "deploys");
  const series = buildDailySeries(points, options);
  const { timeZone } = series;
  const detection = detectChangePoints(series.values, { ...options.detection, phase: dayOfWeek(series.dates[0]!) });
  const dims = options.dimensions ?? {};
  const suspectOptions: SuspectDeployOptions = {
    preferService: dims.app ?? dims.service ?? null,
    ...options.suspects,
  };

  const dayOf = createDayKeyer(timeZone);
  const deploysPerDay = new Map<string, number>();
  const kinds = new Set<string>(suspectOptions.environmentKinds ?? ["production", "staging", "other"]);
  const services = suspectOptions.services ?? null;
  const isRepeat = createRepeatCheck(); // a repeated event (same id and source) is one deploy, as in the suspects
  for (const e of deploys) {
    if (!isRecord(e) || e.type !== "deployment" || isRepeat(e) || e.kind !== "deployed") continue;
    const env = isRecord(e.environment) ? String(e.environment.kind) : undefined;
    if (env !== undefined && !kinds.has(env)) continue;
    if (services !== null && !services.includes(String(e.service))) continue;
    const ms = parseInstant(e.timestamp);
    if (ms === undefined) continue;
    const day = dayOf(ms);
    deploysPerDay.set(day, (deploysPerDay.get(day) ?? 0) + 1);
  }

  const { segments, adjusted, sigma } = detection;
  const changes: MetricChange[] = detection.changePoints.map((index, k) => {
    const before = segments[k]!.mean;
    const after = segments[k + 1]!.mean;
    const delta = after - before;
    const date = series.dates[index]!;
    const start = startOfDayMs(date, timeZone);
    let shiftDays = 0;
    // Only a clear step says anything about where in the day it happened.
    if (Math.abs(delta) >= 3 * sigma) {
      const clamp = (v: number): number => Math.min(1, Math.max(0, v));
      const already = index > 0 ? clamp((adjusted[index - 1]! - before) / delta) : 0;
      const reached = clamp((adjusted[index]! - before) / delta);
      shiftDays = 1 - reached - already;
    }
    const estimated = start + shiftDays * (startOfDayMs(addDays(date, 1), timeZone) - start);
    return {
      index,
      date,
      before: round(before, 6),
      after: round(after, 6),
      delta: round(delta, 6),
      relativeDelta: before === 0 ? null : round(delta / Math.abs(before), 6),
      magnitude: round(Math.abs(delta) / sigma, 2),
      estimatedAt: toIso(Math.round(estimated / 1000) * 1000),
      suspects: findSuspectDeploys(estimated, deploys, suspectOptions),
    };
  });
  const imputed = new Set(series.imputed);
  return {
    metric: series.name,
    timeZone,
    series: series.dates.map((date, t) => ({
      date,
      value: series.values[t]!,
      adjusted: round(adjusted[t]!, 6),
      deploys: deploysPerDay.get(date) ?? 0,
      imputed: imputed.has(date),
    })),
    changes,
    sigma: round(sigma, 6),
    outliers: detection.outliers.map((t) => series.dates[t]!),
    accounting: series.accounting,
  };
}
