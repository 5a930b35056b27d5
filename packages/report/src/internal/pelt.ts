// PELT (Killick, Fearnhead & Eckley 2012, "Optimal detection of changepoints with a linear computational cost",
// JASA 107(500)) for a change in mean of a unit-variance normal series, with a minimum segment length.
// With `segmentLengthTerm`, each segment also pays log(length): the MBIC of Zhang & Siegmund (2007) as the R
// changepoint package applies it. Pruning stays exact: with that term the cost satisfies
// C(a..b) + C(b..c) − log(n) ≤ C(a..c), so K = −log(n) in the pruning rule.

/** Optimal change points (indices where a new segment starts, ascending) and the optimal penalized cost. */
export function pelt(
  y: ArrayLike<number>,
  penalty: number,
  minSegment: number,
  segmentLengthTerm: boolean,
): { changePoints: number[]; cost: number } {
  const n = y.length;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    s1[t + 1] = s1[t]! + y[t]!;
    s2[t + 1] = s2[t]! + y[t]! * y[t]!;
  }
  // log(len) for every possible segment length, so the hot loop does no Math.log.
  const logLen = new Float64Array(n + 1);
  if (segmentLengthTerm) for (let len = 1; len <= n; len++) logLen[len] = Math.log(len);
  const cost = (a: number, b: number): number => {
    const len = b - a;
    const sum = s1[b]! - s1[a]!;
    const ss = Math.max(0, s2[b]! - s2[a]! - (sum * sum) / len);
    return ss + logLen[len]!;
  };
  if (n < 2 * minSegment) return { changePoints: [], cost: n > 0 ? cost(0, n) : 0 };
  const K = segmentLengthTerm ? -Math.log(n) : 0;
  const F = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const last = new Int32Array(n + 1).fill(-1);
  F[0] = -penalty;
  // The candidate set lives in one preallocated array, compacted in place after each step.
  const candidates = new Int32Array(n + 1);
  const values = new Float64Array(n + 1);
  let size = 1;
  for (let t = minSegment; t <= n; t++) {
    // A split at t − minSegment becomes admissible once the segment before it is long enough.
    const fresh = t - minSegment;
    if (fresh >= minSegment && Number.isFinite(F[fresh]!)) candidates[size++] = fresh;
    let best = Number.POSITIVE_INFINITY;
    let arg = -1;
    for (let k = 0; k < size; k++) {
      const s = candidates[k]!;
      const v = t - s >= minSegment ? F[s]! + cost(s, t) + penalty : Number.POSITIVE_INFINITY;
      values[k] = v;
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    let kept = 0;
    for (let k = 0; k < size; k++) {
      const s = candidates[k]!;
      // Only evaluated candidates can be pruned: F(s) + C(s..t) + K ≥ F(t) means s can never be optimal later.
      if (t - s < minSegment || values[k]! - penalty + K < best) candidates[kept++] = s;
    }
    size = kept;
  }
  const out: number[] = [];
  let t = n;
  while (t > 0) {
    const s = last[t]!;
    if (s <= 0) break;
    out.push(s);
    t = s;
  }
  return { changePoints: out.reverse(), cost: F[n]! };
}
