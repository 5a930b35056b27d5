// @faultline/dbscan public API. Explicit named re-exports only.
export {};
