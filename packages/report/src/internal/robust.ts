// Robust pre-processing for change-point detection: rolling medians, a Hampel filter for outliers, seasonal
// profiles from medians, and a difference-based noise scale that level shifts do not inflate.
import { median } from "./stats";

/** Centered rolling median with the window truncated at the edges. */
export function rollingMedian(x: ArrayLike<number>, half: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const buf: number[] = [];
  for (let t = 0; t < n; t++) {
    buf.length = 0;
    for (let k = Math.max(0, t - half); k <= Math.min(n - 1, t + half); k++) buf.push(x[k]!);
    out[t] = median(buf);
  }
  return out;
}

/** 1.4826 × median absolute value: the normal-consistent MAD of already-centered residuals. */
export function madScale(residuals: ArrayLike<number>): number {
  const abs = Float64Array.from(residuals, Math.abs);
  return 1.4826 * median(abs);
}

/**
 * Hampel filter: points further than `k` × `scale` from the rolling median are replaced by it. The scale comes
 * from the caller (a difference-based estimate): the MAD around a rolling median follows the noise and would
 * flag ordinary points.
 * Returns the cleaned copy and how many points were replaced.
 */
export function hampel(
  x: ArrayLike<number>,
  half: number,
  k: number,
  scale: number,
): { values: Float64Array; replaced: number[] } {
  const med = rollingMedian(x, half);
  const resid = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) resid[t] = x[t]! - med[t]!;
  const values = Float64Array.from(x);
  const replaced: number[] = [];
  if (scale === 0) return { values, replaced };
  for (let t = 0; t < x.length; t++) {
    if (Math.abs(resid[t]!) > k * scale) {
      values[t] = med[t]!;
      replaced.push(t);
    }
  }
  return { values, replaced };
}

/** Per-phase medians of `residuals` (phase = (t + phase0) mod period), centered to mean zero. */
export function seasonalProfile(residuals: ArrayLike<number>, period: number, phase0 = 0): Float64Array {
  const buckets: number[][] = Array.from({ length: period }, () => []);
  for (let t = 0; t < residuals.length; t++) buckets[(t + phase0) % period]!.push(residuals[t]!);
  const profile = Float64Array.from(buckets, (b) => (b.length > 0 ? median(b) : 0));
  let m = 0;
  for (const v of profile) m += v;
  m /= period;
  for (let k = 0; k < period; k++) profile[k]! -= m;
  return profile;
}

/**
 * Noise standard deviation from differences at `lag`: MAD(x_t − x_{t−lag}) / √2 after centering on the median
 * difference. A few level shifts, a linear trend and (with lag = the period) seasonality leave it unaffected,
 * and no fitted profile can soak up noise and shrink it.
 */
export function differenceScale(x: ArrayLike<number>, lag = 1): number {
  if (x.length < lag + 2) return 0;
  const d = new Float64Array(x.length - lag);
  for (let t = lag; t < x.length; t++) d[t - lag] = x[t]! - x[t - lag]!;
  const center = median(d);
  for (let t = 0; t < d.length; t++) d[t]! -= center;
  const mad = madScale(d) / Math.SQRT2;
  // Discrete or patterned data can make the MAD collapse to (nearly) 0 while the values still vary. A root mean
  // square of the differences with the largest 10 % trimmed (shifts and outliers live there) bounds it from below;
  // on Gaussian noise half of it stays under the MAD estimate, so it only acts on such degenerate input.
  const sq = Float64Array.from(d, (v) => v * v).sort();
  const keep = Math.max(1, Math.floor(sq.length * 0.9));
  let sum = 0;
  for (let t = 0; t < keep; t++) sum += sq[t]!;
  const trimmed = Math.sqrt(sum / keep) / Math.SQRT2;
  return Math.max(mad, 0.5 * trimmed);
}
