import type { DbscanOptions } from "../types";
import { PREFIX, show } from "./errors";

/** Options after validation, with defaults applied. */
export interface ResolvedOptions {
  eps: number;
  minSamples: number;
  cosine: boolean;
  /** One weight per row, or null when every row weighs 1. */
  weights: Float64Array | null;
  workers: number | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
}

/** Validates the clustering parameters (eps, minSamples, metric). */
export function resolveParameters(options: unknown): { eps: number; minSamples: number; cosine: boolean } {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${PREFIX} options must be an object with at least { eps } (got ${show(options)})`);
  }
  const { eps, minSamples = 5, metric = "cosine" } = options as DbscanOptions;
  if (typeof eps !== "number") throw new TypeError(`${PREFIX} options.eps must be a number (got ${show(eps)})`);
  if (!(eps > 0)) throw new RangeError(`${PREFIX} options.eps must be > 0 (got ${show(eps)})`);
  if (typeof minSamples !== "number" || !Number.isInteger(minSamples) || minSamples < 1) {
    throw new RangeError(`${PREFIX} options.minSamples must be an integer >= 1 (got ${show(minSamples)})`);
  }
  if (metric !== "cosine" && metric !== "euclidean") {
    throw new TypeError(`${PREFIX} options.metric must be "cosine" or "euclidean" (got ${show(metric)})`);
  }
  return { eps, minSamples, cosine: metric === "cosine" };
}

/** Validates `sampleWeight` against n rows: finite and >= 0 (negative weights would break the early exits). */
export function resolveWeights(sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array | null {
  if (sampleWeight === undefined) return null;
  if (typeof sampleWeight !== "object" || sampleWeight === null || typeof sampleWeight.length !== "number") {
    throw new TypeError(`${PREFIX} options.sampleWeight must be an array of numbers (got ${show(sampleWeight)})`);
  }
  if (sampleWeight.length !== n) {
    throw new TypeError(
      `${PREFIX} options.sampleWeight has ${sampleWeight.length} values, expected one per point (${n})`,
    );
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = sampleWeight[i];
    if (typeof v !== "number") {
      throw new TypeError(`${PREFIX} options.sampleWeight[${i}] must be a number (got ${show(v)})`);
    }
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) {
      throw new RangeError(`${PREFIX} options.sampleWeight[${i}] must be a finite number >= 0 (got ${show(v)})`);
    }
    w[i] = v;
  }
  return w;
}

/** Validates every option of `dbscan` for n rows. */
export function resolveOptions(options: DbscanOptions, n: number): ResolvedOptions {
  const params = resolveParameters(options);
  const { workers, signal, onProgress } = options;
  if (workers !== undefined && (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1)) {
    throw new RangeError(`${PREFIX} options.workers must be an integer >= 1 (got ${show(workers)})`);
  }
  if (signal !== undefined && (typeof signal !== "object" || signal === null || !("aborted" in signal))) {
    throw new TypeError(`${PREFIX} options.signal must be an AbortSignal (got ${show(signal)})`);
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TypeError(`${PREFIX} options.onProgress must be a function (got ${show(onProgress)})`);
  }
  return { ...params, weights: resolveWeights(options.sampleWeight, n), workers, signal, onProgress };
}
