// TF-IDF document vectors: sublinear tf, smoothed idf, document-frequency filters, l2-normalised rows.
// Weights are computed sparsely (per document, only its terms); the dense output of fixed width `dim` is made
// by one of three documented methods (see `TfidfDensify`). Definitions follow scikit-learn's TfidfVectorizer
// (Pedregosa et al., JMLR 12, 2011); feature hashing follows Weinberger et al., "Feature Hashing for Large Scale
// Multitask Learning", ICML 2009; the random projection is Achlioptas, "Database-friendly random projections", 2003.
import type { Embedding } from "./dense-matrix";
import { hashString } from "./internal/hash";
import { createRng } from "./internal/random";
import {
  assertBoolean,
  assertDocuments,
  assertFinite,
  assertFunction,
  assertInteger,
  assertKnownKeys,
  assertOneOf,
  assertSignal,
  readCounts,
} from "./internal/validate";
import type { Document, EmbeddingModel, FitOptions, FitSummary } from "./model";
import type { TfidfJSON } from "./model-json";

/**
 * How sparse TF-IDF weights become a dense row of width `dim`.
 * - `"vocabulary"`: exact. The vocabulary is capped at the `dim` most frequent terms and each term owns a column;
 *   terms beyond the cap are dropped (on log text these are rare variable parts). No distortion of cosine.
 * - `"hashing"`: every vocabulary term is kept and hashed to a column with a random sign; colliding terms share
 *   a column, which perturbs cosine by roughly `vocabularySize / dim` collisions.
 * - `"projection"`: every term is kept and mapped through a seeded ±1 random projection; cosine is preserved in
 *   expectation with an error of about `1 / sqrt(dim)`.
 */
export type TfidfDensify = "vocabulary" | "hashing" | "projection";

/** Options of {@link createTfidf}. */
export interface TfidfOptions {
  /** Output dimension (`cols` of `transform`'s matrix). @defaultValue 512 */
  readonly dim?: number;
  /** How sparse weights become dense rows; see {@link TfidfDensify}. @defaultValue "hashing" */
  readonly densify?: TfidfDensify;
  /** Use `1 + ln(tf)` instead of the raw term count. @defaultValue true */
  readonly sublinearTf?: boolean;
  /** Weight terms by inverse document frequency; `false` keeps (sublinear) term frequency only. @defaultValue true */
  readonly useIdf?: boolean;
  /** Use `ln((1 + n) / (1 + df)) + 1` (as if one extra document held every term) instead of `ln(n / df) + 1`. @defaultValue true */
  readonly smoothIdf?: boolean;
  /** Drop terms found in fewer documents than this (an absolute count, weighted by `counts`). @defaultValue 1 */
  readonly minDf?: number;
  /** Drop terms found in more than this fraction of the documents, in (0, 1]. @defaultValue 1 */
  readonly maxDf?: number;
  /** Keep at most this many terms, the most frequent over the corpus. @defaultValue no limit (but see `densify`) */
  readonly maxFeatures?: number;
  /** Seed of the hashing signs and of the random projection. @defaultValue 1 */
  readonly seed?: number;
}

/** A TF-IDF model: {@link EmbeddingModel} plus access to its vocabulary. */
export interface TfidfModel extends EmbeddingModel {
  readonly kind: "tfidf";
  /** The resolved options, defaults filled in. */
  readonly options: Readonly<Required<Omit<TfidfOptions, "maxFeatures">>> & { readonly maxFeatures: number | null };
  /** Vocabulary terms, most frequent first (empty before `fit`). */
  readonly vocabulary: readonly string[];
  /** Inverse document frequency of `term`, or `undefined` when it is not in the vocabulary. */
  idf(term: string): number | undefined;
  toJSON(): TfidfJSON;
}

type ResolvedTfidfOptions = TfidfModel["options"];

const KEYS = ["dim", "densify", "useIdf", "sublinearTf", "smoothIdf", "minDf", "maxDf", "maxFeatures", "seed"] as const;

export function resolveTfidfOptions(options: TfidfOptions, at = "options"): ResolvedTfidfOptions {
  assertKnownKeys(at, options, KEYS);
  const maxFeatures = options.maxFeatures ?? null;
  return {
    dim: assertInteger(`${at}.dim`, options.dim ?? 512, 1, 1 << 20),
    densify: assertOneOf(`${at}.densify`, options.densify ?? "hashing", ["vocabulary", "hashing", "projection"]),
    useIdf: assertBoolean(`${at}.useIdf`, options.useIdf ?? true),
    sublinearTf: assertBoolean(`${at}.sublinearTf`, options.sublinearTf ?? true),
    smoothIdf: assertBoolean(`${at}.smoothIdf`, options.smoothIdf ?? true),
    minDf: assertInteger(`${at}.minDf`, options.minDf ?? 1, 1),
    maxDf: assertFinite(`${at}.maxDf`, options.maxDf ?? 1, 0, 1, true),
    maxFeatures: maxFeatures === null ? null : assertInteger(`${at}.maxFeatures`, maxFeatures, 1),
    seed: assertInteger(`${at}.seed`, options.seed ?? 1, 0, 0xffffffff),
  };
}

interface TfidfState {
  terms: string[];
  df: Float64Array;
  /** Weighted number of documents seen by `fit`. */
  documents: number;
  idf: Float64Array;
  index: Map<string, number>;
  /** Column and sign of each term for "vocabulary" and "hashing". */
  column: Int32Array;
  sign: Float32Array;
  /** Seeds of each term's projection row for "projection". */
  projectionSeed: Uint32Array;
}

function buildState(opts: ResolvedTfidfOptions, terms: string[], df: Float64Array, documents: number): TfidfState {
  const n = terms.length;
  const idf = new Float64Array(n);
  const index = new Map<string, number>();
  const column = new Int32Array(n);
  const sign = new Float32Array(n);
  const projectionSeed = new Uint32Array(n);
  for (let t = 0; t < n; t++) {
    const term = terms[t]!;
    index.set(term, t);
    idf[t] = !opts.useIdf
      ? 1
      : opts.smoothIdf
        ? Math.log((1 + documents) / (1 + df[t]!)) + 1
        : Math.log(documents / df[t]!) + 1;
    if (opts.densify === "vocabulary") {
      column[t] = t;
      sign[t] = 1;
    } else if (opts.densify === "hashing") {
      column[t] = hashString(term, opts.seed) % opts.dim;
      sign[t] = (hashString(term, opts.seed ^ 0x5bd1e995) & 1) === 0 ? 1 : -1;
    } else {
      projectionSeed[t] = hashString(term, opts.seed);
    }
  }
  return { terms, df, documents, idf, index, column, sign, projectionSeed };
}

/** Counts the vocabulary over documents and applies the df filters and the feature cap. */
function learnVocabulary(
  docs: readonly Document[],
  counts: Float64Array,
  opts: ResolvedTfidfOptions,
): { terms: string[]; df: Float64Array; documents: number; tokens: number } {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  const seen = new Set<string>();
  let documents = 0;
  let tokens = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const c = counts[i]!;
    documents += c;
    tokens += c * doc.length;
    seen.clear();
    for (const token of doc) {
      tf.set(token, (tf.get(token) ?? 0) + c);
      if (!seen.has(token)) {
        seen.add(token);
        df.set(token, (df.get(token) ?? 0) + c);
      }
    }
  }
  const maxDocs = opts.maxDf * documents;
  let kept = [...df.entries()].filter(([, d]) => d >= opts.minDf && d <= maxDocs).map(([term]) => term);
  // Most frequent first; ties by code-unit order so the vocabulary does not depend on document order.
  kept.sort((a, b) => tf.get(b)! - tf.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  let cap = opts.maxFeatures ?? Number.POSITIVE_INFINITY;
  if (opts.densify === "vocabulary") cap = Math.min(cap, opts.dim);
  if (kept.length > cap) kept = kept.slice(0, cap);
  return { terms: kept, df: Float64Array.from(kept, (t) => df.get(t)!), documents, tokens };
}

function transformWith(state: TfidfState, opts: ResolvedTfidfOptions, docs: readonly Document[]): Embedding {
  const { dim } = opts;
  const rows = docs.length;
  const data = new Float32Array(rows * dim);
  const zero: number[] = [];
  const tf = new Float64Array(state.terms.length);
  const touched: number[] = [];
  const row = new Float64Array(dim);
  for (let i = 0; i < rows; i++) {
    touched.length = 0;
    for (const token of docs[i]!) {
      const t = state.index.get(token);
      if (t === undefined) continue;
      if (tf[t] === 0) touched.push(t);
      tf[t]! += 1;
    }
    row.fill(0);
    for (const t of touched) {
      const w = (opts.sublinearTf ? 1 + Math.log(tf[t]!) : tf[t]!) * state.idf[t]!;
      tf[t] = 0;
      if (opts.densify === "projection") {
        // A ±1 row per term, drawn from the term's own seed: no V × dim table to store.
        const rng = createRng(state.projectionSeed[t]!);
        for (let c = 0; c < dim; c += 32) {
          let bits = rng.uint32();
          const end = Math.min(dim, c + 32);
          for (let k = c; k < end; k++, bits >>>= 1) row[k]! += bits & 1 ? w : -w;
        }
      } else {
        row[state.column[t]!]! += state.sign[t]! * w;
      }
    }
    // Normalise after densifying, so rows are unit length whatever the method (collisions change the norm).
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += row[k]! * row[k]!;
    if (norm === 0) {
      zero.push(i);
      continue;
    }
    const inv = 1 / Math.sqrt(norm);
    const base = i * dim;
    for (let k = 0; k < dim; k++) data[base + k] = row[k]! * inv;
  }
  return { data, rows, cols: dim, zeroRows: Int32Array.from(zero) };
}

/** Builds a model around resolved options and (optionally) learned state; shared with `fromJSON`. */
export function tfidfModel(opts: ResolvedTfidfOptions, initial?: TfidfState): TfidfModel {
  let state = initial;
  const model: TfidfModel = {
    kind: "tfidf",
    options: opts,
    get dim() {
      return opts.dim;
    },
    get fitted() {
      return state !== undefined;
    },
    get vocabulary() {
      return state ? state.terms : [];
    },
    idf(term: string): number | undefined {
      const t = state?.index.get(term);
      return t === undefined ? undefined : state!.idf[t];
    },
    async fit(docs: readonly Document[], options: FitOptions = {}): Promise<FitSummary> {
      const started = performance.now();
      assertKnownKeys("options", options, ["counts", "signal", "onProgress"]);
      assertDocuments(docs);
      assertSignal(options.signal);
      assertFunction("options.onProgress", options.onProgress);
      const counts = readCounts(options.counts, docs.length);
      if (docs.length === 0) throw new RangeError("[@faultline/embed] docs must hold at least one document (got 0)");
      options.signal?.throwIfAborted();
      const learned = learnVocabulary(docs, counts, opts);
      const next = buildState(opts, learned.terms, learned.df, learned.documents);
      options.signal?.throwIfAborted();
      const empty: number[] = [];
      for (let i = 0; i < docs.length; i++) if (!docs[i]!.some((token) => next.index.has(token))) empty.push(i);
      state = next;
      options.onProgress?.({ progress: 1, epoch: 1, epochs: 1, wordsProcessed: learned.tokens, alpha: 0 });
      return {
        documents: docs.length,
        tokens: learned.tokens,
        vocabularySize: next.terms.length,
        emptyDocuments: Int32Array.from(empty),
        elapsedMs: performance.now() - started,
      };
    },
    transform(docs: readonly Document[]): Embedding {
      if (!state) throw new TypeError("[@faultline/embed] transform() needs a fitted model: call fit(docs) first");
      assertDocuments(docs);
      return transformWith(state, opts, docs);
    },
    toJSON(): TfidfJSON {
      return {
        kind: "tfidf",
        version: 1,
        options: { ...opts },
        documents: state?.documents ?? 0,
        terms: state ? [...state.terms] : [],
        df: state ? Array.from(state.df) : [],
      };
    },
  };
  return model;
}

/** Restores learned state from validated JSON. */
export function restoreTfidf(json: TfidfJSON): TfidfModel {
  const { maxFeatures, ...rest } = json.options;
  const opts = resolveTfidfOptions(maxFeatures === null ? rest : { ...rest, maxFeatures }, "json.options");
  // `fit` needs one document at least, so 0 marks an unfitted model; a fitted one may have learned no term at
  // all (empty documents, or minDf / maxDf left nothing) and must come back fitted, transforming to zero rows.
  if (json.documents === 0) return tfidfModel(opts);
  return tfidfModel(opts, buildState(opts, [...json.terms], Float64Array.from(json.df), json.documents));
}

/**
 * Creates an unfitted TF-IDF model.
 *
 * @throws {TypeError | RangeError} when an option has the wrong type or is out of range (the message names it).
 * @example
 * ```ts
 * const tfidf = createTfidf({ dim: 256 });
 * await tfidf.fit([["disk", "full"], ["oom", "killed"]]);
 * const { data, rows, cols } = tfidf.transform([["disk", "full"]]);
 * ```
 */
export function createTfidf(options: TfidfOptions = {}): TfidfModel {
  return tfidfModel(resolveTfidfOptions(options));
}
