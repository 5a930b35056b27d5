// @faultline/report public API. Explicit named re-exports only.
export {};
