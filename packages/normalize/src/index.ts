// @faultline/normalize public API. Explicit named re-exports only.
export {};
