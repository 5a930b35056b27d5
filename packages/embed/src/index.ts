// @faultline/embed public API. Explicit named re-exports only.
export {};
