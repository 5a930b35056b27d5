import { runDbscan } from "./internal/engine";
import { packPoints } from "./internal/input";
import { resolveOptions } from "./internal/options";
import type { DbscanOptions, DbscanResult, Points } from "./types";

/**
 * Density-based clustering (DBSCAN) with exactly the labels of scikit-learn's
 * `DBSCAN(eps, min_samples, metric).fit(X, sample_weight)`, in O(n·d) memory.
 *
 * Rows within `eps` of each other are neighbours (a row is its own neighbour); a row is core when its
 * neighbourhood weighs at least `minSamples`; clusters are the connected core rows plus the non-core rows next
 * to them, numbered in the order of their lowest-index core row; a border row next to several clusters takes the
 * lowest-numbered one; every other row is noise (−1). Under cosine, a zero row is at distance 1 from everything.
 *
 * @param points - an array of equally long rows, or a row-major `{ data, rows, cols }` matrix
 * @returns labels (−1 = noise), the indices of the core rows, and the number of clusters
 * @throws TypeError when the points are ragged or not numbers, or `sampleWeight` has the wrong length
 * @throws RangeError when a value is NaN or ±Infinity, eps ≤ 0, minSamples is not an integer ≥ 1, a weight is
 *   negative or not finite, or `workers` is not an integer ≥ 1
 * @throws `signal.reason` when `signal` is aborted
 * @example
 * ```ts
 * import { dbscan } from "@faultline/dbscan";
 * const { labels } = dbscan([[1, 0], [1, 0.1], [0, 1]], { eps: 0.05, minSamples: 2 });
 * // labels => Int32Array [0, 0, -1]
 * ```
 */
export function dbscan(points: Points, options: DbscanOptions): DbscanResult {
  const packed = packPoints(points);
  return runDbscan(packed, resolveOptions(options, packed.n));
}
