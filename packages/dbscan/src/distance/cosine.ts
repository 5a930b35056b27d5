import { PREFIX } from "../internal/errors";
import { isExtremeValue, MIN_NORMAL } from "../internal/input";

/** Throws unless the two vectors have the same length. */
export function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, name: string): void {
  if (a.length !== b.length) {
    throw new TypeError(`${PREFIX} ${name}: a has ${a.length} values, b has ${b.length}; they must match`);
  }
}

/**
 * Cosine distance as scikit-learn computes it: 1 − (a/‖a‖)·(b/‖b‖), clipped to [0, 2]. A zero vector stays zero
 * when normalised, so its distance to anything (itself included) is 1, never NaN. Vectors with values so large or
 * small that their squares leave float64's range are normalised first, and one whose ‖x‖² still overflows or
 * underflows counts as a zero vector: the same distance `dbscan` uses for such rows.
 * @throws TypeError when the lengths differ
 * @example
 * ```ts
 * cosineDistance([1, 0], [0, 2]); // => 1
 * ```
 */
export function cosineDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b, "cosineDistance");
  let dot = 0;
  let na = 0;
  let nb = 0;
  let extreme = false;
  for (let k = 0; k < a.length; k++) {
    dot += a[k] * b[k];
    na += a[k] * a[k];
    nb += b[k] * b[k];
    extreme ||= isExtremeValue(a[k]) || isExtremeValue(b[k]);
  }
  if (extreme) {
    // As dbscan's normaliseExtreme: x / √Σx², a zero row when the sum left float64's normal range.
    const zero = (s: number) => !(s >= MIN_NORMAL) || s === Number.POSITIVE_INFINITY;
    if (zero(na) || zero(nb)) return 1;
    const ra = Math.sqrt(na);
    const rb = Math.sqrt(nb);
    dot = 0;
    for (let k = 0; k < a.length; k++) dot += (a[k] / ra) * (b[k] / rb);
    const d = 1 - dot;
    return d < 0 ? 0 : Math.min(d, 2);
  }
  const ia = na > 0 ? 1 / Math.sqrt(na) : 0;
  const ib = nb > 0 ? 1 / Math.sqrt(nb) : 0;
  const d = 1 - dot * ia * ib;
  return d < 0 ? 0 : Math.min(d, 2);
}
