import { buildState, type Geometry, prepareGeometry, runDbscan } from "./internal/engine";
import { PREFIX, show } from "./internal/errors";
import { isExtremeValue, type PackedMatrix, packPoints } from "./internal/input";
import { createKernel } from "./internal/kernel";
import { resolveOptions, resolveParameters } from "./internal/options";
import { buildPartition, type Partition } from "./internal/partition";
import type { DbscanMetric, DbscanOptions, DbscanResult, Points } from "./types";

/** Plain-data form of a {@link DbscanModel} (`model.toJSON()`), for {@link restoreDbscanModel}. */
export interface DbscanModelJson {
  /** Format version; only 1 exists. */
  version: 1;
  /** Metric the model was fitted with. */
  metric: DbscanMetric;
  /** Neighbourhood radius the model was fitted with. */
  eps: number;
  /** Core threshold the model was fitted with. */
  minSamples: number;
  /** Length of every row. */
  dimensions: number;
  /** Number of clusters (labels 0 … nClusters − 1). */
  nClusters: number;
  /** The core rows, row-major (coreLabels.length × dimensions values). */
  coreVectors: number[];
  /** Cluster of each core row. */
  coreLabels: number[];
}

/** A fitted clustering that can label new rows against its clusters. */
export interface DbscanModel extends DbscanResult {
  /** The parameters the model was fitted with; `predict` uses the same metric and eps. */
  readonly metric: DbscanMetric;
  /** Neighbourhood radius the model was fitted with. */
  readonly eps: number;
  /** Core threshold the model was fitted with (recorded only: new rows never become core). */
  readonly minSamples: number;
  /** Length of every row; `predict` requires the same. */
  readonly dimensions: number;
  /**
   * Labels new rows against the fitted clusters: a row within eps of a core row joins that row's cluster (the
   * lowest-numbered one if several are in reach, as a border row would), else it is noise (−1). The model is
   * not changed: new rows never become core and never merge clusters. `predict` of the training rows gives
   * back `labels`.
   * @throws TypeError / RangeError for malformed points, as `dbscan` does, or rows of another length
   */
  predict(points: Points): Int32Array;
  /** Plain data for storage (the core rows and their labels); restore it with {@link restoreDbscanModel}. */
  toJSON(): DbscanModelJson;
}

const PARTITION_SEED = 0x5eed;

/** The core rows and their labels: all `predict` needs. */
interface Cores {
  X: Float32Array | Float64Array;
  labels: Int32Array;
  d: number;
}

function createModel(
  result: DbscanResult,
  cores: Cores,
  params: { eps: number; minSamples: number; cosine: boolean },
): DbscanModel {
  const { eps, minSamples, cosine } = params;
  const metric: DbscanMetric = cosine ? "cosine" : "euclidean";
  const c = cores.labels.length;
  const d = cores.d;
  // The core rows' partition does not depend on the queries: built on the first `predict`, then kept.
  let index: { part: Partition; groups: Int32Array; minLabel: Int32Array } | null = null;

  const predict = (points: Points): Int32Array => {
    const queries = packPoints(points);
    if (queries.n > 0 && queries.d !== d) {
      throw new TypeError(`${PREFIX} predict: points have ${queries.d} values per row, the model ${d}`);
    }
    const out = new Int32Array(queries.n).fill(-1);
    if (queries.n === 0 || c === 0) return out;
    // One matrix: the core rows, then the queries, so the kernel's arithmetic is the very one of `dbscan`.
    const both = new (
      cores.X instanceof Float32Array && queries.X instanceof Float32Array ? Float32Array : Float64Array
    )((c + queries.n) * d);
    both.set(cores.X);
    both.set(queries.X, c * d);
    const packed: PackedMatrix = { X: both, n: c + queries.n, d, extreme: false };
    let extreme = false;
    for (let k = 0; k < both.length && !extreme; k++) extreme = isExtremeValue(both[k]);
    packed.extreme = extreme;
    const geometry: Geometry = prepareGeometry(packed, cosine, eps);
    if (index === null) {
      const part = buildPartition({
        ...geometry,
        d,
        members: Int32Array.from({ length: c }, (_, i) => i),
        seed: PARTITION_SEED,
      });
      const k = part.gStart.length - 1;
      const minLabel = new Int32Array(k).fill(0x7fffffff);
      for (let g = 0; g < k; g++) {
        for (let p = part.gStart[g]; p < part.gStart[g + 1]; p++) {
          minLabel[g] = Math.min(minLabel[g], cores.labels[part.order[p]]);
        }
      }
      const groups = Int32Array.from(minLabel.keys()).sort((a, b) => minLabel[a] - minLabel[b]);
      index = { part, groups, minLabel };
    }
    const { part, groups, minLabel } = index;
    const rows = new Int32Array(c + queries.n);
    rows.set(part.order);
    for (let q = 0; q < queries.n; q++) rows[c + q] = c + q;
    const S = buildState({ geometry, d, eps, minSamples, weights: null, part, rows, threads: 1, tolerance: 0 });
    for (let p = 0; p < c; p++) S.lab[p] = cores.labels[part.order[p]];
    const kernel = createKernel();
    for (let q = 0; q < queries.n; q++) {
      // Under cosine a zero row is at distance 1 from everything: within reach of nothing while eps < 1.
      if (cosine && eps < 1 && geometry.scale[c + q] === 0) continue;
      out[q] = kernel.assignRow(S, c + q, groups, minLabel);
    }
    return out;
  };

  return {
    ...result,
    metric,
    eps,
    minSamples,
    dimensions: d,
    predict,
    toJSON: () => ({
      version: 1,
      metric,
      eps,
      minSamples,
      dimensions: d,
      nClusters: result.nClusters,
      coreVectors: Array.from(cores.X),
      coreLabels: Array.from(cores.labels),
    }),
  };
}

/**
 * Clusters `points` as {@link dbscan} does and keeps the core rows, so that later rows can be labelled against
 * these clusters with `model.predict` (this week's errors against last week's groups).
 *
 * @returns the clustering (labels, coreSampleIndices, nClusters) plus `predict` and `toJSON`
 * @throws TypeError / RangeError exactly as {@link dbscan}
 * @example
 * ```ts
 * import { fitDbscan } from "@faultline/dbscan";
 * const model = fitDbscan([[1, 0], [1, 0.1], [0, 1], [0.1, 1]], { eps: 0.05, minSamples: 2 });
 * model.predict([[1, 0.05], [-1, 0]]); // => Int32Array [0, -1]
 * ```
 */
export function fitDbscan(points: Points, options: DbscanOptions): DbscanModel {
  const packed = packPoints(points);
  const opts = resolveOptions(options, packed.n);
  const result = runDbscan(packed, opts);
  const { d } = packed;
  const c = result.coreSampleIndices.length;
  const X = new (packed.X instanceof Float32Array ? Float32Array : Float64Array)(c * d);
  const labels = new Int32Array(c);
  result.coreSampleIndices.forEach((o, t) => {
    X.set(packed.X.subarray(o * d, o * d + d), t * d);
    labels[t] = result.labels[o];
  });
  return createModel(result, { X, labels, d }, opts);
}

/**
 * Rebuilds a model from `model.toJSON()` output. The training labels are not stored: `labels` and
 * `coreSampleIndices` of the restored model describe its core rows only (in stored order).
 * @throws TypeError when `json` is not a version-1 model, naming the first bad field
 * @throws RangeError when a parameter or value is out of range
 */
export function restoreDbscanModel(json: unknown): DbscanModel {
  if (typeof json !== "object" || json === null) {
    throw new TypeError(`${PREFIX} restoreDbscanModel: expected a model object (got ${show(json)})`);
  }
  const j = json as Partial<DbscanModelJson>;
  if (j.version !== 1) throw new TypeError(`${PREFIX} restoreDbscanModel: version must be 1 (got ${show(j.version)})`);
  const params = resolveParameters({
    eps: j.eps as number,
    minSamples: j.minSamples as number,
    metric: j.metric as DbscanMetric,
  });
  const d = j.dimensions;
  if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
    throw new TypeError(`${PREFIX} restoreDbscanModel: dimensions must be a non-negative integer (got ${show(d)})`);
  }
  if (!Array.isArray(j.coreLabels) || !Array.isArray(j.coreVectors)) {
    throw new TypeError(`${PREFIX} restoreDbscanModel: coreLabels and coreVectors must be arrays of numbers`);
  }
  const c = j.coreLabels.length;
  if (j.coreVectors.length !== c * d) {
    throw new TypeError(
      `${PREFIX} restoreDbscanModel: coreVectors has ${j.coreVectors.length} values, expected ${c} × ${d} = ${c * d}`,
    );
  }
  const nClusters = j.nClusters;
  if (typeof nClusters !== "number" || !Number.isInteger(nClusters) || nClusters < 0) {
    throw new TypeError(
      `${PREFIX} restoreDbscanModel: nClusters must be a non-negative integer (got ${show(nClusters)})`,
    );
  }
  const labels = new Int32Array(c);
  j.coreLabels.forEach((v, t) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= nClusters) {
      throw new RangeError(
        `${PREFIX} restoreDbscanModel: coreLabels[${t}] must be an integer in [0, ${nClusters}) (got ${show(v)})`,
      );
    }
    labels[t] = v;
  });
  const rows = Array.from({ length: c }, (_, t) => j.coreVectors!.slice(t * d, t * d + d));
  const packed = c === 0 ? { X: new Float64Array(0), n: 0, d, extreme: false } : packPoints(rows, "coreVectors");
  const result: DbscanResult = {
    labels: labels.slice(),
    coreSampleIndices: Int32Array.from({ length: c }, (_, t) => t),
    nClusters,
  };
  return createModel(result, { X: packed.X, labels, d }, params);
}
