// A seeded generator of daily-metric-like series with known change points, for measuring change-point detection.
import { assertNonNegative, assertPositiveInt, rangeError, show } from "./internal/assert";
import { createRandom } from "./internal/random";

/** Options of {@link generateLabelledSeries}. */
export interface LabelledSeriesOptions {
  /** Seed of the pseudo-random generator: the same seed gives the same series. */
  seed: number;
  /** @defaultValue 120 */
  length?: number;
  /**
   * Number of change points; by default drawn uniformly from 0 to 3.
   * @defaultValue random in [0, 3]
   */
  changes?: number;
  /**
   * Shortest distance between two change points, and from a change point to either end.
   * @defaultValue 10
   */
  minGap?: number;
  /**
   * Standard deviation of the Gaussian noise.
   * @defaultValue 1
   */
  noise?: number;
  /**
   * Range of the absolute size of each level shift (its sign is random).
   * @defaultValue [3, 8]
   */
  shift?: readonly [number, number];
  /**
   * Largest absolute trend per step (drawn uniformly in ±trend).
   * @defaultValue 0.05
   */
  trend?: number;
  /**
   * Amplitude of the weekly seasonal profile (each weekday gets a value in ±seasonality, weekends more).
   * @defaultValue 3
   */
  seasonality?: number;
  /**
   * Share of points turned into outliers of 6 to 10 noise standard deviations.
   * @defaultValue 0.02
   */
  outliers?: number;
  /**
   * Let each change happen during the day before its index, so that day is partly at the new level, as a daily
   * aggregate of a change made mid-day is.
   * @defaultValue true
   */
  partialDays?: boolean;
}

/** A generated series and its true change points. */
export interface LabelledSeries {
  values: number[];
  /** Index of the first point of each new level, ascending. */
  changePoints: number[];
  /** Index of each outlier. */
  outliers: number[];
  /** Day of week of the first value (0 = Sunday), to pass as `phase`. */
  phase: number;
}

/**
 * Generates a labelled series: level 100 with random level shifts at known positions (the day before each one partly shifted, as when a change lands mid-day), a linear trend, a weekly
 * seasonal profile (weekend days lifted or lowered together), Gaussian noise and a few large outliers. Use it to
 * measure {@link detectChangePoints} with {@link changePointF1}.
 *
 * @throws RangeError when the requested change points cannot fit with `minGap`, or for a bad option.
 * @example
 * const { values, changePoints } = generateLabelledSeries({ seed: 1, changes: 2 });
 * changePoints.length; // => 2
 */
export function generateLabelledSeries(options: LabelledSeriesOptions): LabelledSeries {
  const r = createRandom(options.seed);
  const length = options.length ?? 120;
  const minGap = options.minGap ?? 10;
  const noise = options.noise ?? 1;
  const [shiftMin, shiftMax] = options.shift ?? [3, 8];
  const trendMax = options.trend ?? 0.05;
  const seasonality = options.seasonality ?? 3;
  const outlierRate = options.outliers ?? 0.02;
  const partialDays = options.partialDays ?? true;
  assertPositiveInt(length, "options.length");
  assertPositiveInt(minGap, "options.minGap");
  for (const [v, name] of [
    [noise, "noise"],
    [shiftMin, "shift[0]"],
    [shiftMax, "shift[1]"],
    [trendMax, "trend"],
    [seasonality, "seasonality"],
    [outlierRate, "outliers"],
  ] as const)
    assertNonNegative(v, `options.${name}`);
  const changes = options.changes ?? r.int(0, 3);
  if (!Number.isInteger(changes) || changes < 0)
    throw rangeError(`options.changes must be an integer >= 0 (got ${show(changes)})`);
  const room = length - 2 * minGap - (changes - 1) * minGap;
  if (changes > 0 && room < 1)
    throw rangeError(`${changes} change points do not fit in length ${length} with minGap ${minGap}`);

  // Positions: sorted uniform draws in the slack, then spread out by minGap (stars and bars keeps them uniform).
  const slack = Array.from({ length: changes }, () => r.int(0, Math.max(0, room - 1))).sort((a, b) => a - b);
  const changePoints = slack.map((s, k) => minGap + s + k * minGap);
  const phase = r.int(0, 6);
  const profile = Array.from({ length: 7 }, () => r.uniform(-seasonality / 2, seasonality / 2));
  const weekendLift = r.uniform(-seasonality, seasonality);
  profile[0]! += weekendLift;
  profile[6]! += weekendLift;
  const slope = r.uniform(-trendMax, trendMax);
  const shifts = changePoints.map(() => (r.next() < 0.5 ? -1 : 1) * r.uniform(shiftMin, shiftMax));
  // The share of the day before each change already at the new level (the change happened during that day).
  const partial = changePoints.map(() => (partialDays ? r.next() : 0));
  const values: number[] = [];
  const outliers: number[] = [];
  let level = 100;
  let next = 0;
  for (let t = 0; t < length; t++) {
    if (next < changePoints.length && t === changePoints[next]) {
      level += shifts[next]!;
      next += 1;
    }
    const ahead = next < changePoints.length && t === changePoints[next]! - 1 ? shifts[next]! * partial[next]! : 0;
    let v = level + ahead + slope * t + profile[(t + phase) % 7]! + noise * r.normal();
    if (r.next() < outlierRate) {
      v += (r.next() < 0.5 ? -1 : 1) * r.uniform(6, 10) * noise;
      outliers.push(t);
    }
    values.push(v);
  }
  return { values, changePoints, outliers, phase };
}
