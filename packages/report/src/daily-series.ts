// Metric points → one value per calendar day, with gaps filled and every point accounted for.
import type { MetricPoint } from "@faultline/schemas";
import type { RejectedItem } from "./error-groups";
import { assertArray, rangeError, show } from "./internal/assert";
import { Accounting, type ExcludedCount, isRecord } from "./internal/events";
import { assertTimeZone, createDayKeyer, dayRange } from "./internal/time";

/** Options of {@link buildDailySeries}. */
export interface DailySeriesOptions {
  /** Metric name to keep. @defaultValue the only name present (a RangeError when there are several) */
  name?: string;
  /** Keep only points whose dimensions include all of these (e.g. `{ app: "checkout" }`). @defaultValue {} */
  dimensions?: Readonly<Record<string, string>>;
  /**
   * IANA time zone that defines calendar days.
   * @defaultValue "UTC"
   */
  timeZone?: string;
  /**
   * How several points of one day combine.
   * @defaultValue "mean"
   */
  aggregate?: "mean" | "sum" | "last";
}

/** A metric as one value per day. */
export interface DailySeries {
  name: string;
  timeZone: string;
  dates: string[];
  values: number[];
  /** Days with no point, filled by linear interpolation between their neighbours. */
  imputed: string[];
  accounting: { points: number; excluded: ExcludedCount[]; rejected: RejectedItem[] };
}

/**
 * Turns metric points into one value per calendar day in `timeZone`, from the first to the last day with a point.
 * Days without a point are filled by linear interpolation and listed in `imputed`. Points of another metric or
 * with other dimensions are excluded with a reason; points with a bad timestamp or value are rejected with one.
 *
 * @throws TypeError when `points` is not an array; RangeError when several metrics are mixed and no `name` is
 *   given, or when nothing is left to build a series from.
 * @example
 * buildDailySeries([{ type: "metric", name: "signups", timestamp: "2026-11-02T10:00:00Z", value: 3 }]).values; // => [3]
 */
export function buildDailySeries(
  points: readonly MetricPoint[] | readonly unknown[],
  options: DailySeriesOptions = {},
): DailySeries {
  assertArray(points, "points");
  const timeZone = options.timeZone ?? "UTC";
  assertTimeZone(timeZone);
  const aggregate = options.aggregate ?? "mean";
  if (aggregate !== "mean" && aggregate !== "sum" && aggregate !== "last")
    throw rangeError(`options.aggregate must be "mean", "sum" or "last" (got ${show(aggregate)})`);
  const filter = Object.entries(options.dimensions ?? {});
  let name = options.name;
  if (name === undefined) {
    const names = new Set<string>();
    for (const p of points) if (isRecord(p) && p.type === "metric" && typeof p.name === "string") names.add(p.name);
    if (names.size > 1)
      throw rangeError(`points hold several metrics (${[...names].slice(0, 5).join(", ")}): pass options.name`);
    name = [...names][0];
  }
  const accounting = new Accounting();
  const dayOf = createDayKeyer(timeZone);
  const byDay = new Map<string, { sum: number; count: number; last: number; lastMs: number }>();
  let used = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!isRecord(p)) {
      accounting.reject(i, `point is not an object (got ${show(p)})`);
      continue;
    }
    if (p.type !== "metric") {
      accounting.exclude({
        code: "not-metric",
        detail: String(p.type),
        reason: `not a metric point (type ${String(p.type)})`,
      });
      continue;
    }
    if (p.name !== name) {
      accounting.exclude({ code: "other-metric", detail: String(p.name), reason: `other metric (${String(p.name)})` });
      continue;
    }
    const dims = isRecord(p.dimensions) ? p.dimensions : {};
    if (filter.some(([k, v]) => dims[k] !== v)) {
      accounting.exclude({ code: "dimensions", reason: "dimensions do not match" });
      continue;
    }
    if (typeof p.value !== "number" || !Number.isFinite(p.value)) {
      accounting.reject(i, `value must be a finite number (got ${show(p.value)})`);
      continue;
    }
    const ms = accounting.instant(i, p, "timestamp");
    if (ms === undefined) continue;
    used += 1;
    const day = dayOf(ms);
    const cell = byDay.get(day) ?? { sum: 0, count: 0, last: 0, lastMs: Number.NEGATIVE_INFINITY };
    cell.sum += p.value;
    cell.count += 1;
    if (ms >= cell.lastMs) {
      cell.last = p.value;
      cell.lastMs = ms;
    }
    byDay.set(day, cell);
  }
  if (byDay.size === 0 || name === undefined)
    throw rangeError(`no usable metric point${name ? ` for ${name}` : ""}: check options.name and options.dimensions`);
  const known = [...byDay.keys()].sort();
  const dates = dayRange(known[0]!, known[known.length - 1]!);
  const raw = dates.map((d) => {
    const c = byDay.get(d);
    if (!c) return Number.NaN;
    return aggregate === "sum" ? c.sum : aggregate === "last" ? c.last : c.sum / c.count;
  });
  const imputed: string[] = [];
  const values = raw.slice();
  for (let t = 0; t < values.length; t++) {
    if (!Number.isNaN(values[t]!)) continue;
    let a = t - 1;
    let b = t + 1;
    while (Number.isNaN(raw[b]!)) b++;
    while (a >= 0 && Number.isNaN(raw[a]!)) a--;
    values[t] = raw[a]! + ((raw[b]! - raw[a]!) * (t - a)) / (b - a);
    imputed.push(dates[t]!);
  }
  return {
    name,
    timeZone,
    dates,
    values,
    imputed,
    accounting: { points: used, excluded: accounting.excludedCounts(), rejected: accounting.rejected },
  };
}
