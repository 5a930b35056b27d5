import { PREFIX } from "../internal/errors";
import { hasDirection } from "../internal/input";

/** Throws unless the two vectors have the same length. */
export function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, name: string): void {
  if (a.length !== b.length) {
    throw new TypeError(`${PREFIX} ${name}: a has ${a.length} values, b has ${b.length}; they must match`);
  }
}

/**
 * Cosine distance as scikit-learn computes it: 1 − (a/‖a‖)·(b/‖b‖), clipped to [0, 2]. A zero vector stays zero
 * when normalised, so its distance to anything (itself included) is 1, never NaN. Vectors with values so large or
 * small that ‖x‖² overflows, or underflows below float64's normal range, count as zero vectors: the same distances
 * `dbscan` uses for such rows.
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
  for (let k = 0; k < a.length; k++) {
    dot += a[k] * b[k];
    na += a[k] * a[k];
    nb += b[k] * b[k];
  }
  // A vector whose ‖x‖² overflowed or left float64's normal range is a zero vector, as dbscan's normaliseExtreme
  // makes it. Within that range the products below stay finite (|x·y| ≤ ‖x‖‖y‖), so no second pass is needed.
  // NaN in, NaN out (as before): a broken vector must not read as merely far away.
  if (Number.isNaN(na) || Number.isNaN(nb)) return Number.NaN;
  if (!hasDirection(na) || !hasDirection(nb)) return 1;
  const d = 1 - dot * (1 / Math.sqrt(na)) * (1 / Math.sqrt(nb));
  return d < 0 ? 0 : Math.min(d, 2);
}
