/**
 * A dense row-major matrix: row `i` is `data.subarray(i * cols, (i + 1) * cols)`.
 * This is the shape `@faultline/dbscan` accepts.
 */
export interface DenseMatrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Document vectors as a {@link DenseMatrix}, plus the rows that are all zeros.
 *
 * A document with no known token (empty, or only out-of-vocabulary tokens) gets a zero row: cosine distance is
 * undefined for it, so callers should treat those rows as their own group or drop them explicitly.
 */
export interface Embedding extends DenseMatrix {
  /** Indices (ascending) of the rows that are all zeros. */
  readonly zeroRows: Int32Array;
}
