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
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    // Pruning (Killick et al.): s is never optimal again once F(s) + C(s..u) + K ≥ F(u) for a split u that later
    // ends can still use. With a minimum segment length, u only serves ends ≥ u + minSegment, so the test uses
    // u = t + 1 − minSegment: pruning against u = t would drop s while it is still needed for the next few ends.
    const u = t + 1 - minSegment;
    const Fu = F[u]!;
    let kept = 0;
    for (let k = 0; k < size; k++) {
      const s = candidates[k]!;
      if (s >= u || !Number.isFinite(Fu) || F[s]! + cost(s, u) + K < Fu) candidates[kept++] = s;
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
