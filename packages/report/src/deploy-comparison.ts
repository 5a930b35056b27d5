// Before/after deploy frequency: how many times more often a team ships after a change of practice.
import type { FaultlineEvent } from "@faultline/schemas";
import { collectDeploys, type DeployFilterOptions } from "./deploy-frequency";
import { rangeError, show, typeError } from "./internal/assert";
import { round } from "./internal/stats";
import { daysBetween, isDayKey } from "./internal/time";

/** A period of calendar days, both ends included (`YYYY-MM-DD`). */
export interface DayPeriod {
  from: string;
  to: string;
}

/** Options of {@link compareDeployFrequency}. */
export interface DeployComparisonOptions extends DeployFilterOptions {
  before: DayPeriod;
  after: DayPeriod;
}

/** Deploy figures of one period. */
export interface DeployPeriodStats {
  from: string;
  to: string;
  days: number;
  deploys: number;
  perDay: number;
  perWeek: number;
}

/** Result of {@link compareDeployFrequency}. */
export interface DeployComparison {
  before: DeployPeriodStats;
  after: DeployPeriodStats;
  /** after.perWeek / before.perWeek (e.g. 20/week → 850/week = 42.5), null when nothing was deployed before. */
  multiplier: number | null;
}

function checkPeriod(value: unknown, name: string): asserts value is DayPeriod {
  if (value === null || typeof value !== "object") throw typeError(`${name} must be { from, to } (got ${show(value)})`);
  const p = value as DayPeriod;
  for (const end of ["from", "to"] as const)
    if (!isDayKey(p[end])) throw rangeError(`${name}.${end} must be a calendar day "YYYY-MM-DD" (got ${show(p[end])})`);
  if (daysBetween(p.from, p.to) < 0)
    throw rangeError(`${name}.from (${p.from}) must not be after ${name}.to (${p.to})`);
}

/**
 * Deploys per week in two periods and the multiplier between them, with the same counting rules as
 * {@link analyzeDeployFrequency} (successful or outcome-unknown `deployed` events, production by default).
 * Rates are normalised by the number of days, so periods of different lengths compare fairly.
 *
 * @throws RangeError when a period is missing, malformed or reversed.
 * @example
 * compareDeployFrequency(events, { before: { from: "2026-10-26", to: "2026-11-08" }, after: { from: "2026-11-09", to: "2026-11-24" } }).multiplier;
 * // => 42.5
 */
export function compareDeployFrequency(
  events: readonly FaultlineEvent[] | readonly unknown[],
  options: DeployComparisonOptions,
): DeployComparison {
  if (options === null || typeof options !== "object") throw typeError("options must be { before, after }");
  checkPeriod(options.before, "options.before");
  checkPeriod(options.after, "options.after");
  const { counted } = collectDeploys(events, options);
  const stats = (p: DayPeriod): DeployPeriodStats => {
    const days = daysBetween(p.from, p.to) + 1;
    const deploys = counted.filter(
      (c) => c.day >= p.from && c.day <= p.to && c.event.outcome !== "failure" && c.event.outcome !== "error",
    ).length;
    return {
      from: p.from,
      to: p.to,
      days,
      deploys,
      perDay: round(deploys / days, 3),
      perWeek: round((deploys / days) * 7, 2),
    };
  };
  const before = stats(options.before);
  const after = stats(options.after);
  const multiplier =
    before.deploys === 0 ? null : round(after.deploys / after.days / (before.deploys / before.days), 2);
  return { before, after, multiplier };
}
