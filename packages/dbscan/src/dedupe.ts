import { PREFIX } from "./internal/errors";
import { packPoints } from "./internal/input";
import { resolveWeights } from "./internal/options";
import type { DbscanResult, DenseMatrix, Points } from "./types";

/** Identical rows merged: run `dbscan(points, { sampleWeight: weights })`, then expand with `inverse`. */
export interface DedupeResult {
  /** The distinct rows, in order of first appearance. */
  points: DenseMatrix;
  /** Each distinct row's count (or summed `sampleWeight`). */
  weights: Float64Array;
  /** For each input row, the index of its distinct row. */
  inverse: Int32Array;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** FNV-1a over the row's values as float64 bits, with −0 read as +0 (they are equal values). */
function hashRow(X: Float32Array | Float64Array, row: number, d: number): number {
  let h = 0x811c9dc5;
  for (let k = row * d, end = k + d; k < end; k++) {
    const v = X[k];
    scratch[0] = v === 0 ? 0 : v;
    h = Math.imul(h ^ scratchBits[0], 0x01000193);
    h = Math.imul(h ^ scratchBits[1], 0x01000193);
  }
  return h >>> 0;
}

function sameRow(X: Float32Array | Float64Array, a: number, b: number, d: number): boolean {
  for (let k = 0; k < d; k++) if (X[a * d + k] !== X[b * d + k]) return false;
  return true;
}

/**
 * Merges identical rows into one row weighted by its count, so that `dbscan` runs on fewer rows. With these
 * weights the clustering is the same as on the full input: {@link expandResult} (or {@link expandLabels}) of the
 * result gives exactly the labels of `dbscan(points)`, since distinct rows keep their first-appearance order.
 * With `sampleWeight`, the weights of identical rows are summed (exact for integer weights; fractional ones
 * may round differently at an exact tie with `minSamples`).
 *
 * @throws TypeError / RangeError for malformed points or weights, as `dbscan` does
 * @example
 * ```ts
 * import { dbscan, dedupeRows, expandResult } from "@faultline/dbscan";
 * const rows = [[1, 0], [1, 0], [0, 1], [1, 0]];
 * const { points, weights, inverse } = dedupeRows(rows); // points.rows => 2, weights => [3, 1]
 * const { labels } = expandResult(dbscan(points, { eps: 0.1, minSamples: 3, sampleWeight: weights }), inverse);
 * // labels => Int32Array [0, 0, -1, 0]
 * ```
 */
export function dedupeRows(points: Points, sampleWeight?: ArrayLike<number>): DedupeResult {
  const { X, n, d } = packPoints(points);
  const given = resolveWeights(sampleWeight, n);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const inverse = new Int32Array(n);
  const firstOf: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    let slot = hashRow(X, i, d) & (size - 1);
    for (;;) {
      const u = table[slot];
      if (u < 0) {
        table[slot] = firstOf.length;
        inverse[i] = firstOf.length;
        firstOf.push(i);
        weights.push(given === null ? 1 : given[i]);
        break;
      }
      if (sameRow(X, firstOf[u], i, d)) {
        inverse[i] = u;
        weights[u] += given === null ? 1 : given[i];
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  const data = new (X instanceof Float32Array ? Float32Array : Float64Array)(firstOf.length * d);
  firstOf.forEach((row, u) => {
    data.set(X.subarray(row * d, row * d + d), u * d);
  });
  return { points: { data, rows: firstOf.length, cols: d }, weights: Float64Array.from(weights), inverse };
}

/**
 * Labels of the distinct rows, expanded back to every input row (`labels[inverse[i]]`).
 * @throws RangeError when `inverse` points outside `labels`
 */
export function expandLabels(labels: ArrayLike<number>, inverse: ArrayLike<number>): Int32Array {
  const out = new Int32Array(inverse.length);
  for (let i = 0; i < inverse.length; i++) {
    const u = inverse[i];
    if (!(u >= 0 && u < labels.length)) {
      throw new RangeError(`${PREFIX} inverse[${i}] must index the ${labels.length} labels (got ${u})`);
    }
    out[i] = labels[u];
  }
  return out;
}

/**
 * A clustering of the distinct rows, expanded back to every input row: labels, core rows (every copy of a
 * core row is core) and the same number of clusters.
 * @throws RangeError when `inverse` points outside `result.labels`
 */
export function expandResult(result: DbscanResult, inverse: ArrayLike<number>): DbscanResult {
  const labels = expandLabels(result.labels, inverse);
  const core = new Uint8Array(result.labels.length);
  for (const u of result.coreSampleIndices) core[u] = 1;
  const indices: number[] = [];
  for (let i = 0; i < inverse.length; i++) if (core[inverse[i]] === 1) indices.push(i);
  return { labels, coreSampleIndices: Int32Array.from(indices), nClusters: result.nClusters };
}
