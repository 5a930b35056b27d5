// @faultline/dbscan public API. Explicit named re-exports only.

// Clustering
export { dbscan } from "./dbscan";
// Duplicate rows
export { type DedupeResult, dedupeRows, expandLabels, expandResult } from "./dedupe";
// Distances
export { cosineDistance } from "./distance/cosine";
export { euclideanDistance } from "./distance/euclidean";
// Fitted model: label new rows against known clusters
export { type DbscanModel, type DbscanModelJson, fitDbscan, restoreDbscanModel } from "./model";
export type { DbscanMetric, DbscanOptions, DbscanResult, DenseMatrix, Points } from "./types";
