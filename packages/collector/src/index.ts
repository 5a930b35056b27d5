// @faultline/collector public API. Explicit named re-exports only.
export {};
