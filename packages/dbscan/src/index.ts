// @faultline/dbscan public API. Explicit named re-exports only.

// Clustering
export { dbscan } from "./dbscan";
export type { DbscanMetric, DbscanOptions, DbscanResult, DenseMatrix, Points } from "./types";
