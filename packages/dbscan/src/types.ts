/** A row-major dense matrix, as `@faultline/embed` produces it: row i is `data[i * cols .. (i + 1) * cols - 1]`. */
export interface DenseMatrix {
  /** rows × cols values, row after row. */
  data: Float32Array | Float64Array;
  /** Number of rows (points). */
  rows: number;
  /** Values per row (dimensions). */
  cols: number;
}

/** The points to cluster: an array of equally long rows, or a row-major dense matrix. */
export type Points = readonly ArrayLike<number>[] | DenseMatrix;

/** Distance between rows. `cosine` is 1 − cos θ (zero rows at distance 1 from everything, themselves included). */
export type DbscanMetric = "cosine" | "euclidean";

/** Options of {@link dbscan}. */
export interface DbscanOptions {
  /** Neighbourhood radius: two rows are neighbours when their distance is ≤ eps. Must be > 0. */
  eps: number;
  /**
   * A row is core when the weight of its neighbourhood (itself included) is ≥ minSamples. An integer ≥ 1.
   * @defaultValue 5
   */
  minSamples?: number;
  /**
   * `cosine` (1 − cos θ, as scikit-learn's `metric="cosine"`) or `euclidean`.
   * @defaultValue "cosine"
   */
  metric?: DbscanMetric;
  /**
   * One finite, non-negative weight per row (scikit-learn's `sample_weight`); omitted means every row weighs 1.
   * @defaultValue undefined
   */
  sampleWeight?: ArrayLike<number>;
  /**
   * Threads to use, the calling one included (extra ones are `worker_threads`). Labels never depend on it.
   * @defaultValue `os.availableParallelism()` (at most 8) when the input is large enough to pay for the
   * threads' start-up (about 20,000 rows × 80 dimensions), else 1
   */
  workers?: number;
  /**
   * Checked between blocks of work (at start and after each progress step): once aborted, `dbscan` throws
   * `signal.reason`. Since `dbscan` is synchronous, abort it from `onProgress` or another thread.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Called on the calling thread as work completes, with `done` rising to `total` (work units: blocks of rows,
   * over the three passes).
   * @defaultValue undefined
   */
  onProgress?: (done: number, total: number) => void;
}

/** The clustering, as scikit-learn's `DBSCAN` reports it. */
export interface DbscanResult {
  /** Cluster of each row, numbered 0, 1, … in the order of their lowest-index core row; −1 is noise. */
  labels: Int32Array;
  /** Indices of the core rows, ascending. */
  coreSampleIndices: Int32Array;
  /** Number of clusters: labels run from 0 to nClusters − 1. */
  nClusters: number;
}
