// Change points in a daily metric: robust seasonal adjustment, then PELT with a normal-mean cost and an MBIC
// penalty, with a global linear trend estimated within segments so a slow drift is not mistaken for steps.
import { assertPositiveInt, rangeError, show, typeError } from "./internal/assert";
import { pelt } from "./internal/pelt";
import { differenceScale, hampel, rollingMedian, seasonalProfile } from "./internal/robust";
import { median, round } from "./internal/stats";

/** Penalty per change point: `"mbic"` (3·ln n plus ln of each segment length), `"bic"` (2·ln n) or a number. */
export type ChangePenalty = "mbic" | "bic" | number;

/** Options of {@link detectChangePoints}. */
export interface ChangePointOptions {
  /**
   * Seasonal period removed before detection (7 for day-of-week seasonality in daily data); 0 or 1 disables it.
   * Needs at least two full periods of data, else it is skipped.
   * @defaultValue 7
   */
  period?: number;
  /**
   * Phase of the first value within the period (e.g. its day of week), so profiles line up with calendar days.
   * @defaultValue 0
   */
  phase?: number;
  /**
   * Shortest segment, in points: changes closer together than this are not reported.
   * @defaultValue 5
   */
  minSegmentLength?: number;
  /** @defaultValue "mbic" */
  penalty?: ChangePenalty;
  /**
   * Replace outliers (further than 4 robust standard deviations from a 7-point rolling median) before detection.
   * @defaultValue true
   */
  robust?: boolean;
  /**
   * Estimate and remove a global linear trend (pooled within segments), so a steady drift is not cut into steps.
   * @defaultValue true
   */
  trend?: boolean;
}

/** A stretch of the series with one level. */
export interface ChangeSegment {
  /** First index, included. */
  start: number;
  /** Last index, excluded. */
  end: number;
  /** Mean of the seasonally adjusted, outlier-cleaned values. */
  mean: number;
}

/** Result of {@link detectChangePoints}. */
export interface ChangePointResult {
  /** Index of the first point of each new segment, ascending. */
  changePoints: number[];
  segments: ChangeSegment[];
  /** Values with the seasonal profile removed and outliers replaced (trend left in). */
  adjusted: number[];
  /** Seasonal profile by phase (empty when seasonality was not removed). */
  seasonal: number[];
  /** Estimated noise standard deviation. */
  sigma: number;
  /** Estimated trend per step (0 when `trend` is off). */
  slope: number;
  /** Indices replaced as outliers. */
  outliers: number[];
  /** Penalty value used per change point. */
  penalty: number;
}

const defaults = {
  period: 7,
  phase: 0,
  minSegmentLength: 5,
  penalty: "mbic" as ChangePenalty,
  robust: true,
  trend: true,
};

function segmentsOf(n: number, cps: readonly number[]): [number, number][] {
  const bounds = [0, ...cps, n];
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) out.push([bounds[k]!, bounds[k + 1]!]);
  return out;
}

/** Pooled within-segment least-squares slope: the trend that level shifts cannot fake. */
function pooledSlope(z: ArrayLike<number>, cps: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (const [a, b] of segmentsOf(z.length, cps)) {
    const len = b - a;
    if (len < 3) continue;
    const tMean = (a + b - 1) / 2;
    let zMean = 0;
    for (let t = a; t < b; t++) zMean += z[t]!;
    zMean /= len;
    for (let t = a; t < b; t++) {
      num += (t - tMean) * (z[t]! - zMean);
      den += (t - tMean) * (t - tMean);
    }
  }
  return den > 0 ? num / den : 0;
}

/**
 * Points next to a clear change point (|step| ≥ 4σ) that sit between the two levels (15–85 % of the way), each
 * mapped to the neighbour on its own side that stands in for it during detection.
 */
function transitionsOf(z: Float64Array, cps: readonly number[], slope: number, sigma: number): Map<number, number> {
  const out = new Map<number, number>();
  const bounds = [0, ...cps, z.length];
  const level = (a: number, b: number): number => {
    const vals: number[] = [];
    for (let t = a; t < b; t++) vals.push(z[t]! - slope * t);
    return vals.length > 0 ? median(vals) : Number.NaN;
  };
  for (let k = 1; k + 1 < bounds.length; k++) {
    const c = bounds[k]!;
    const before = level(bounds[k - 1]!, c - 1);
    const after = level(c + 1, bounds[k + 1]!);
    const step = after - before;
    if (!(Math.abs(step) >= 4 * sigma)) continue;
    for (const [t, from] of [
      [c - 1, c - 2],
      [c, c + 1],
    ] as const) {
      if (from < 0 || from >= z.length || out.has(from)) continue;
      const f = (z[t]! - slope * t - before) / step;
      if (f > 0.15 && f < 0.85) out.set(t, from);
    }
  }
  return out;
}

/**
 * The common linear trend that, with the best segmentation for it, minimises the penalized cost (a profile
 * likelihood over the slope). Estimating the slope inside segments found without it is biased towards zero,
 * because the optimiser places breaks where the ramps look flat; searching the slope directly is not.
 * A coarse grid finds the basin, then alternating "best segmentation, then pooled least-squares slope" refines it.
 */
function fitTrend(
  z: Float64Array,
  detect: (y: Float64Array) => { changePoints: number[]; cost: number },
): { slope: number; changePoints: number[] } {
  const n = z.length;
  // One extra parameter: a non-zero slope pays ln(n), as BIC would charge it.
  const evaluate = (b: number): { slope: number; changePoints: number[]; cost: number } => {
    const r = detect(z.map((v, t) => v - b * t));
    return { slope: b, changePoints: r.changePoints, cost: r.cost + (b === 0 ? 0 : Math.log(n)) };
  };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of z) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const bound = n > 1 ? (2 * (hi - lo)) / (n - 1) : 0;
  const candidates = [0, pooledSlope(z, [])];
  const steps = 16;
  for (let k = 0; k <= steps; k++) candidates.push(-bound + (2 * bound * k) / steps);
  let best = evaluate(0);
  for (const b of candidates.slice(1)) {
    const r = evaluate(b);
    if (r.cost < best.cost) best = r;
  }
  for (let iter = 0; iter < 8; iter++) {
    const b = pooledSlope(z, best.changePoints);
    if (Math.abs(b - best.slope) < 1e-12) break;
    const r = evaluate(b);
    if (!(r.cost < best.cost)) break;
    best = r;
  }
  return { slope: best.slope, changePoints: best.changePoints };
}

/**
 * Detects changes in the level of a series (daily metric values in time order). Steps: remove the seasonal
 * profile (per-phase medians of the residuals from a rolling median, then from the fitted segments), replace
 * outliers with a Hampel filter, remove a linear trend estimated within segments, scale by a robust noise
 * estimate, and run exact PELT with a normal-mean cost, an MBIC penalty and a minimum segment length. The
 * adjustment and detection alternate twice so each benefits from the other.
 *
 * @throws TypeError when `values` is not an array of finite numbers; RangeError for a bad option.
 * @example
 * detectChangePoints([5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9], { period: 0, minSegmentLength: 3 }).changePoints; // => [6]
 */
export function detectChangePoints(values: ArrayLike<number>, options: ChangePointOptions = {}): ChangePointResult {
  if (values == null || typeof values.length !== "number") throw typeError("values must be an array of numbers");
  for (let i = 0; i < values.length; i++)
    if (typeof values[i] !== "number" || !Number.isFinite(values[i]))
      throw typeError(`values[${i}] must be a finite number (got ${show(values[i])})`);
  const opts = { ...defaults, ...options };
  if (!Number.isInteger(opts.period) || opts.period < 0)
    throw rangeError(`options.period must be an integer >= 0 (got ${show(opts.period)})`);
  if (!Number.isInteger(opts.phase) || opts.phase < 0)
    throw rangeError(`options.phase must be an integer >= 0 (got ${show(opts.phase)})`);
  assertPositiveInt(opts.minSegmentLength, "options.minSegmentLength");
  if (!(opts.penalty === "mbic" || opts.penalty === "bic" || (typeof opts.penalty === "number" && opts.penalty >= 0)))
    throw rangeError(`options.penalty must be "mbic", "bic" or a number >= 0 (got ${show(opts.penalty)})`);

  const n = values.length;
  const x = Float64Array.from(values);
  const seasonalOn = opts.period > 1 && n >= 2 * opts.period;
  const phase = opts.phase % Math.max(1, opts.period);
  const penalty = opts.penalty === "mbic" ? 3 * Math.log(n) : opts.penalty === "bic" ? 2 * Math.log(n) : opts.penalty;
  const lengthTerm = opts.penalty === "mbic";
  const half = 3;

  // First pass: the seasonal profile from residuals around a rolling median, which follows level shifts.
  let seasonal: Float64Array = new Float64Array(seasonalOn ? opts.period : 0);
  if (seasonalOn) {
    const roll = rollingMedian(x, Math.max(half, Math.floor(opts.period / 2)));
    seasonal = seasonalProfile(
      x.map((v, t) => v - roll[t]!),
      opts.period,
      phase,
    );
  }
  const deseason = (): Float64Array => x.map((v, t) => (seasonalOn ? v - seasonal[(t + phase) % opts.period]! : v));

  // Noise scale from seasonal differences of the raw values: robust to shifts, trend, outliers and seasonality.
  let sigma = differenceScale(x, seasonalOn ? opts.period : 1);
  if (!(sigma > 0)) {
    // A constant (or nearly) series: any real step is infinitely significant, so a tiny scale keeps it.
    let spread = 0;
    for (const v of x) spread = Math.max(spread, Math.abs(v - x[0]!));
    sigma = spread > 0 ? spread * 1e-6 : 1;
  }
  const detect = (y: Float64Array): { changePoints: number[]; cost: number } =>
    pelt(
      y.map((v) => v / sigma),
      penalty,
      opts.minSegmentLength,
      lengthTerm,
    );
  let z: Float64Array = new Float64Array(0);
  let outliers: number[] = [];
  let slope = 0;
  let cps: number[] = [];
  // Days only partly at the new level (a change in the middle of a day) sit between the two levels; left as they
  // are, they pull in a spurious short segment or a tilted trend. After the first pass they are replaced, for
  // detection only, by their neighbour on the same side.
  let transitions = new Map<number, number>();
  for (let pass = 0; pass < 2; pass++) {
    const cleaned = opts.robust ? hampel(deseason(), half, 4, sigma) : { values: deseason(), replaced: [] };
    z = cleaned.values;
    outliers = cleaned.replaced;
    const zd = Float64Array.from(z);
    for (const [t, from] of transitions) zd[t] = z[from]!;
    if (opts.trend) {
      ({ slope, changePoints: cps } = fitTrend(zd, detect));
    } else cps = detect(zd).changePoints;
    if (pass === 1) break;
    transitions = transitionsOf(z, cps, slope, sigma);
    if (!seasonalOn) {
      if (transitions.size === 0) break;
      continue;
    }
    // Refit the seasonal profile on residuals from the fitted segments and trend, then detect again.
    const fit = new Float64Array(n);
    for (const [a, b] of segmentsOf(n, cps)) {
      let m = 0;
      for (let t = a; t < b; t++) m += z[t]! - slope * t;
      m /= b - a;
      for (let t = a; t < b; t++) fit[t] = m + slope * t;
    }
    const residual = x.map((v, t) => v - fit[t]!);
    // Outliers would drag the phase medians a little: use their cleaned values.
    for (const t of outliers) residual[t] = z[t]! + seasonal[(t + phase) % opts.period]! - fit[t]!;
    // A transition day's residual is part of the step, not of the season.
    for (const [t, from] of transitions) residual[t] = residual[from]!;
    seasonal = seasonalProfile(residual, opts.period, phase);
  }

  const segments = segmentsOf(n, cps).map(([start, end]) => {
    let m = 0;
    for (let t = start; t < end; t++) m += z[t]!;
    return { start, end, mean: m / Math.max(1, end - start) };
  });
  return {
    changePoints: cps,
    segments,
    adjusted: Array.from(z),
    seasonal: Array.from(seasonal),
    sigma,
    slope: round(slope, 12),
    outliers,
    penalty,
  };
}
