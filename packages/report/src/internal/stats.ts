// Small numeric helpers shared by the analyses.

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Linear-interpolated quantile (type 7, as numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Rounds to `digits` decimals, turning -0 into 0. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

/**
 * Percentages that add up to exactly 100 at the given precision (largest remainder method), so a table of
 * shares never sums to 99.9 or 100.1. Returns zeros when the total is 0.
 */
export function roundedPercentages(counts: readonly number[], digits = 1): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  const unit = 10 ** digits;
  const target = 100 * unit;
  const raw = counts.map((c) => (c / total) * target);
  const floors = raw.map(Math.floor);
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, rem: r - floors[i]! }))
    .sort((a, b) => (Math.abs(b.rem - a.rem) > 1e-9 ? b.rem - a.rem : a.i - b.i));
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) floors[order[k]!.i]! += 1;
  return floors.map((f) => f / unit);
}
