import type { Embedding } from "./dense-matrix";

/** A tokenised document: tokenisation happens upstream (e.g. `@faultline/normalize`). */
export type Document = readonly string[];

/** Training progress, reported at most a few times per second and once at the end. */
export interface FitProgress {
  /** Fraction of the work done, in [0, 1]. */
  readonly progress: number;
  /** Current epoch, counting from 1 (always 1 for TF-IDF). */
  readonly epoch: number;
  readonly epochs: number;
  /** Corpus words processed so far, summed over epochs (before frequent-word downsampling). */
  readonly wordsProcessed: number;
  /** Learning rate in use at this point (Doc2Vec only; 0 for TF-IDF). */
  readonly alpha: number;
}

/** Options of `fit()`. */
export interface FitOptions {
  /**
   * How many times each document occurred, for deduplicated input (`counts[i]` belongs to `docs[i]`).
   * Positive integers. @defaultValue every document counts once
   */
  readonly counts?: ArrayLike<number>;
  /** Aborts training: `fit` then rejects with `signal.reason` and the model keeps its previous state. @defaultValue none */
  readonly signal?: AbortSignal;
  /** Called with training progress (about every 100 ms, and once at the end). Must not throw. @defaultValue none */
  readonly onProgress?: (progress: FitProgress) => void;
}

/** What `fit()` learned, for logging and checks. */
export interface FitSummary {
  /** Number of documents passed (not weighted by counts). */
  readonly documents: number;
  /** Number of tokens over all documents, weighted by counts. */
  readonly tokens: number;
  /** Number of terms kept in the vocabulary. */
  readonly vocabularySize: number;
  /** Indices of the documents left with no vocabulary term: their rows are zero (see {@link Embedding}). */
  readonly emptyDocuments: Int32Array;
  /** Training wall time in milliseconds. */
  readonly elapsedMs: number;
}

/** What every embedding model offers. */
export interface EmbeddingModel {
  readonly kind: "tfidf" | "doc2vec";
  /** Output dimension: `cols` of every matrix `transform` returns. */
  readonly dim: number;
  /** Whether the model has been fitted (or restored from JSON). */
  readonly fitted: boolean;
  /**
   * Learns from tokenised documents, replacing anything learned before (only once training succeeds).
   * @throws {TypeError} (as a rejection) when `docs` or an option is malformed; the message names the index.
   * @throws {RangeError} (as a rejection) when `docs` is empty or a count is not a positive integer.
   */
  fit(docs: readonly Document[], options?: FitOptions): Promise<FitSummary>;
  /**
   * Embeds documents with the fitted model; never mutates the model.
   * @throws {TypeError} when the model is not fitted or `docs` is malformed.
   */
  transform(docs: readonly Document[]): Embedding;
  /** A plain, versioned, JSON-serialisable snapshot; restore it with `fromJSON`. */
  toJSON(): unknown;
}
