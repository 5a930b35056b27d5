// Doc2Vec (Le & Mikolov, "Distributed Representations of Sentences and Documents", ICML 2014) trained in
// TypeScript with gensim's parameters and update rules: PV-DBOW and PV-DM (mean of context), negative sampling,
// frequent-word downsampling, learning rate decaying linearly over the whole run. The kernel is in
// internal/kernel.ts; single- and multi-threaded scheduling in internal/train.ts.
import type { Embedding } from "./dense-matrix";
import { float32ToBase64 } from "./internal/base64";
import { hashString } from "./internal/hash";
import { jobSeed, type KernelState, trainJob } from "./internal/kernel";
import { createRng } from "./internal/random";
import { planJobs, runTraining } from "./internal/train";
import {
  assertBoolean,
  assertDocuments,
  assertFinite,
  assertFunction,
  assertInteger,
  assertKnownKeys,
  assertSignal,
  readCounts,
} from "./internal/validate";
import {
  aliasTable,
  buildVocabulary,
  encodeCorpus,
  sampleThresholds,
  sigmoidTable,
  type Vocabulary,
} from "./internal/vocabulary";
import type { Document, EmbeddingModel, FitOptions, FitSummary } from "./model";
import type { Doc2VecJSON } from "./model-json";

/** Options of {@link createDoc2Vec}: gensim's `Doc2Vec` parameters in camelCase, with gensim's defaults. */
export interface Doc2VecOptions {
  /** Dimension of the document (and word) vectors. @defaultValue 100 */
  readonly vectorSize?: number;
  /** Maximum distance between the predicted word and a context word (randomly shrunk per word). @defaultValue 5 */
  readonly window?: number;
  /** Ignore words with a total count (weighted by document counts) below this. @defaultValue 5 */
  readonly minCount?: number;
  /** Keep at most this many words, the most frequent. @defaultValue no limit */
  readonly maxVocabSize?: number;
  /** Passes over the corpus. @defaultValue 10 */
  readonly epochs?: number;
  /** `true`: PV-DM (the document vector and the mean of the context predict a word); `false`: PV-DBOW. @defaultValue true */
  readonly dm?: boolean;
  /** PV-DBOW only: also train word vectors with skip-gram, interleaved (slower). @defaultValue false */
  readonly dbowWords?: boolean;
  /** Initial learning rate. @defaultValue 0.025 */
  readonly alpha?: number;
  /** Final learning rate, reached linearly at the end of the last epoch. @defaultValue 0.0001 */
  readonly minAlpha?: number;
  /** Noise words drawn per positive example. @defaultValue 5 */
  readonly negative?: number;
  /** Exponent of the unigram noise distribution. @defaultValue 0.75 */
  readonly nsExponent?: number;
  /** Downsampling threshold for frequent words; 0 disables it. @defaultValue 0.001 */
  readonly sample?: number;
  /** Seed of the initial vectors and of all sampling. @defaultValue 1 */
  readonly seed?: number;
  /**
   * Training threads. 1 trains on the calling thread and is deterministic for a given seed; more uses
   * `worker_threads` updating shared weights without locks, which is faster but not reproducible bit for bit.
   * @defaultValue 1
   */
  readonly workers?: number;
  /** Epochs of `inferVector` / `transform`. @defaultValue `epochs` */
  readonly inferEpochs?: number;
}

/** Options of {@link Doc2VecModel.inferVector}. */
export interface InferOptions {
  /** @defaultValue the model's `inferEpochs` */
  readonly epochs?: number;
  /** @defaultValue the model's `alpha` */
  readonly alpha?: number;
  /** @defaultValue the model's `minAlpha` */
  readonly minAlpha?: number;
}

/** The resolved options of a {@link Doc2VecModel}. */
export interface ResolvedDoc2VecOptions {
  readonly vectorSize: number;
  readonly window: number;
  readonly minCount: number;
  readonly maxVocabSize: number | null;
  readonly epochs: number;
  readonly dm: boolean;
  readonly dbowWords: boolean;
  readonly alpha: number;
  readonly minAlpha: number;
  readonly negative: number;
  readonly nsExponent: number;
  readonly sample: number;
  readonly seed: number;
  readonly workers: number;
  readonly inferEpochs: number;
}

/** A Doc2Vec model: {@link EmbeddingModel} plus inference and access to the trained vectors. */
export interface Doc2VecModel extends EmbeddingModel {
  readonly kind: "doc2vec";
  readonly options: ResolvedDoc2VecOptions;
  /** Vocabulary words, most frequent first (empty before `fit`). */
  readonly vocabulary: readonly string[];
  /**
   * Infers a vector for a new document by training a fresh document vector against the frozen model, as
   * gensim's `infer_vector` does. Deterministic: the same document and model give the same vector.
   * A document with no vocabulary word gives a zero vector.
   * @throws {TypeError} when the model is not fitted or `doc` is not an array of strings.
   */
  inferVector(doc: Document, options?: InferOptions): Float32Array;
  /** The trained vectors of the documents passed to `fit`, in order (a copy). Empty documents get zero rows. */
  documentVectors(): Embedding;
  /** The vector of `word` (a copy), or `undefined` when it is not in the vocabulary. */
  wordVector(word: string): Float32Array | undefined;
  /** `transform` embeds each document with `inferVector`. */
  transform(docs: readonly Document[]): Embedding;
  toJSON(): Doc2VecJSON;
}

const KEYS = [
  "vectorSize",
  "window",
  "minCount",
  "maxVocabSize",
  "epochs",
  "dm",
  "dbowWords",
  "alpha",
  "minAlpha",
  "negative",
  "nsExponent",
  "sample",
  "seed",
  "workers",
  "inferEpochs",
] as const;

export function resolveDoc2VecOptions(options: Doc2VecOptions, at = "options"): ResolvedDoc2VecOptions {
  assertKnownKeys(at, options, KEYS);
  const epochs = assertInteger(`${at}.epochs`, options.epochs ?? 10, 1, 1_000_000);
  const alpha = assertFinite(`${at}.alpha`, options.alpha ?? 0.025, 0, 1, true);
  const maxVocabSize = options.maxVocabSize ?? null;
  return {
    vectorSize: assertInteger(`${at}.vectorSize`, options.vectorSize ?? 100, 1, 100_000),
    window: assertInteger(`${at}.window`, options.window ?? 5, 1, 1000),
    minCount: assertInteger(`${at}.minCount`, options.minCount ?? 5, 1),
    maxVocabSize: maxVocabSize === null ? null : assertInteger(`${at}.maxVocabSize`, maxVocabSize, 1),
    epochs,
    dm: assertBoolean(`${at}.dm`, options.dm ?? true),
    dbowWords: assertBoolean(`${at}.dbowWords`, options.dbowWords ?? false),
    alpha,
    minAlpha: assertFinite(`${at}.minAlpha`, options.minAlpha ?? 0.0001, 0, alpha),
    negative: assertInteger(`${at}.negative`, options.negative ?? 5, 1, 1000),
    nsExponent: assertFinite(`${at}.nsExponent`, options.nsExponent ?? 0.75, -10, 10),
    sample: assertFinite(`${at}.sample`, options.sample ?? 0.001, 0, Number.MAX_VALUE),
    seed: assertInteger(`${at}.seed`, options.seed ?? 1, 0, 0xffffffff),
    workers: assertInteger(`${at}.workers`, options.workers ?? 1, 1, 256),
    inferEpochs: assertInteger(`${at}.inferEpochs`, options.inferEpochs ?? epochs, 1, 1_000_000),
  };
}

/** Learned state; weight arrays are row-major (row i = word or document i). */
export interface Doc2VecState {
  vocab: Vocabulary;
  wordVectors: Float32Array;
  docVectors: Float32Array;
  syn1neg: Float32Array;
  documents: number;
}

/**
 * Initial word and document vectors as gensim 4.2's `prep_vectors`: uniform in [-1, 1) / dim. One random stream
 * per row, so rows do not depend on each other.
 */
function randomRows(rows: number, dim: number, seed: number, salt: number): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(rows * dim * 4));
  for (let r = 0; r < rows; r++) randomRow(out, r * dim, dim, jobSeed(seed ^ salt, r, 0x51ed), 2);
  return out;
}

/** Uniform in [-width / 2, width / 2) / dim; `inferVector` starts from width 1, as gensim's `infer_vector`. */
function randomRow(out: Float32Array, offset: number, dim: number, seed: number, width: number): void {
  const rng = createRng(seed);
  for (let k = 0; k < dim; k++) out[offset + k] = ((rng.next() - 0.5) * width) / dim;
}

interface Frozen {
  expTable: Float64Array;
  sampleThreshold: Float64Array;
  aliasProb: Float64Array;
  aliasIndex: Int32Array;
}

function freeze(vocab: Vocabulary, opts: ResolvedDoc2VecOptions): Frozen {
  const { prob, alias } = aliasTable(vocab.counts, opts.nsExponent);
  return {
    expTable: sigmoidTable(),
    sampleThreshold: sampleThresholds(vocab.counts, opts.sample),
    aliasProb: prob,
    aliasIndex: alias,
  };
}

function kernelState(
  opts: ResolvedDoc2VecOptions,
  frozen: Frozen,
  weights: { wordVectors: Float32Array; docVectors: Float32Array; syn1neg: Float32Array; vocabSize: number },
  corpus: { tokens: Int32Array; docStart: Int32Array; maxLength: number },
  learn: { docs: number; words: number; hidden: number; dbowWords: number },
  schedule: { epochs: number; alpha: number; minAlpha: number },
): KernelState {
  return {
    dim: opts.vectorSize,
    negative: opts.negative,
    window: opts.window,
    dm: opts.dm ? 1 : 0,
    dbowWords: learn.dbowWords,
    learnDocs: learn.docs,
    learnWords: learn.words,
    learnHidden: learn.hidden,
    vocabSize: weights.vocabSize,
    wordVectors: weights.wordVectors,
    docVectors: weights.docVectors,
    syn1neg: weights.syn1neg,
    tokens: corpus.tokens,
    docStart: corpus.docStart,
    sampleThreshold: frozen.sampleThreshold,
    aliasProb: frozen.aliasProb,
    aliasIndex: frozen.aliasIndex,
    expTable: frozen.expTable,
    alpha: schedule.alpha,
    minAlpha: schedule.minAlpha,
    epochs: schedule.epochs,
    totalTokens: corpus.tokens.length,
    neu1: new Float64Array(opts.vectorSize),
    neu1e: new Float64Array(opts.vectorSize),
    sentence: new Int32Array(Math.max(1, corpus.maxLength)),
    abort: new Int32Array(1),
  };
}

function zeroRowsOf(data: Float32Array, rows: number, cols: number): Int32Array {
  const zero: number[] = [];
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let k = r * cols, end = k + cols; k < end; k++)
      if (data[k] !== 0) {
        any = true;
        break;
      }
    if (!any) zero.push(r);
  }
  return Int32Array.from(zero);
}

/** Builds a model around resolved options and (optionally) learned state; shared with `fromJSON`. */
export function doc2vecModel(opts: ResolvedDoc2VecOptions, initial?: Doc2VecState): Doc2VecModel {
  let state = initial;
  let frozen = state ? freeze(state.vocab, opts) : undefined;
  const dim = opts.vectorSize;

  const requireState = (what: string): Doc2VecState => {
    if (!state) throw new TypeError(`[@faultline/embed] ${what} needs a fitted model: call fit(docs) first`);
    return state;
  };

  const infer = (doc: Document, inferOptions: InferOptions, at: string): Float32Array => {
    const s = requireState(at);
    assertKnownKeys("options", inferOptions, ["epochs", "alpha", "minAlpha"]);
    const epochs = assertInteger("options.epochs", inferOptions.epochs ?? opts.inferEpochs, 1, 1_000_000);
    const alpha = assertFinite("options.alpha", inferOptions.alpha ?? opts.alpha, 0, 1, true);
    const minAlpha = assertFinite("options.minAlpha", inferOptions.minAlpha ?? opts.minAlpha, 0, alpha);
    const corpus = encodeCorpus([doc], s.vocab.index);
    const vector = new Float32Array(dim);
    if (corpus.tokens.length === 0) return vector;
    const seed = hashString(doc.join("\u0000"), opts.seed);
    randomRow(vector, 0, dim, seed, 1);
    // gensim's infer_vector steps alpha down by (alpha - minAlpha) / max(epochs - 1, 1) after each epoch, so the
    // last epoch runs at minAlpha. The kernel sets epoch e's rate to alpha - (alpha - minAlpha) · e / schedule epochs
    // (one document starting at token 0), so a schedule of max(epochs - 1, 1) epochs gives exactly gensim's steps.
    const ks = kernelState(
      opts,
      frozen!,
      { wordVectors: s.wordVectors, docVectors: vector, syn1neg: s.syn1neg, vocabSize: s.vocab.words.length },
      corpus,
      { docs: 1, words: 0, hidden: 0, dbowWords: 0 },
      { epochs: Math.max(epochs - 1, 1), alpha, minAlpha },
    );
    for (let e = 0; e < epochs; e++) trainJob(ks, 0, 1, e, jobSeed(seed, e, 0));
    return vector;
  };

  const model: Doc2VecModel = {
    kind: "doc2vec",
    options: opts,
    dim,
    get fitted() {
      return state !== undefined;
    },
    get vocabulary() {
      return state ? state.vocab.words : [];
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
      const vocab = buildVocabulary(docs, counts, opts.minCount, opts.maxVocabSize);
      if (vocab.words.length === 0)
        throw new RangeError(
          `[@faultline/embed] no word occurs at least minCount = ${opts.minCount} times: nothing to train (lower minCount or pass more documents)`,
        );
      const corpus = encodeCorpus(docs, vocab.index);
      const next: Doc2VecState = {
        vocab,
        wordVectors: randomRows(vocab.words.length, dim, opts.seed, 0x3c6ef372),
        docVectors: randomRows(docs.length, dim, opts.seed, 0xa54ff53a),
        syn1neg: new Float32Array(new SharedArrayBuffer(vocab.words.length * dim * 4)),
        documents: docs.length,
      };
      const nextFrozen = freeze(vocab, opts);
      const ks = kernelState(
        opts,
        nextFrozen,
        { ...next, vocabSize: vocab.words.length },
        corpus,
        { docs: 1, words: opts.dm || opts.dbowWords ? 1 : 0, hidden: 1, dbowWords: opts.dbowWords ? 1 : 0 },
        { epochs: opts.epochs, alpha: opts.alpha, minAlpha: opts.minAlpha },
      );
      await runTraining({
        state: ks,
        jobStart: planJobs(corpus.docStart, 10_000),
        seed: opts.seed,
        workers: opts.workers,
        signal: options.signal,
        onProgress: options.onProgress,
      });
      // Documents with no vocabulary word were never trained: make their rows zero rather than random.
      const empty: number[] = [];
      for (let d = 0; d < docs.length; d++) {
        if (corpus.docStart[d] === corpus.docStart[d + 1]) {
          empty.push(d);
          next.docVectors.fill(0, d * dim, (d + 1) * dim);
        }
      }
      state = next;
      frozen = nextFrozen;
      let tokens = 0;
      for (let i = 0; i < docs.length; i++) tokens += counts[i]! * docs[i]!.length;
      return {
        documents: docs.length,
        tokens,
        vocabularySize: vocab.words.length,
        emptyDocuments: Int32Array.from(empty),
        elapsedMs: performance.now() - started,
      };
    },
    inferVector(doc: Document, options: InferOptions = {}): Float32Array {
      assertDocuments([doc], "doc");
      return infer(doc, options, "inferVector()");
    },
    transform(docs: readonly Document[]): Embedding {
      requireState("transform()");
      assertDocuments(docs);
      const data = new Float32Array(docs.length * dim);
      const zero: number[] = [];
      for (let i = 0; i < docs.length; i++) {
        const v = infer(docs[i]!, {}, "transform()");
        data.set(v, i * dim);
        if (v.every((x) => x === 0)) zero.push(i);
      }
      return { data, rows: docs.length, cols: dim, zeroRows: Int32Array.from(zero) };
    },
    documentVectors(): Embedding {
      const s = requireState("documentVectors()");
      const data = s.docVectors.slice();
      return { data, rows: s.documents, cols: dim, zeroRows: zeroRowsOf(data, s.documents, dim) };
    },
    wordVector(word: string): Float32Array | undefined {
      const s = requireState("wordVector()");
      const i = s.vocab.index.get(word);
      return i === undefined ? undefined : s.wordVectors.slice(i * dim, (i + 1) * dim);
    },
    toJSON(): Doc2VecJSON {
      return {
        kind: "doc2vec",
        version: 1,
        options: { ...opts },
        vocabulary: state ? [...state.vocab.words] : [],
        wordCounts: state ? Array.from(state.vocab.counts) : [],
        documents: state?.documents ?? 0,
        wordVectors: state ? float32ToBase64(state.wordVectors) : "",
        docVectors: state ? float32ToBase64(state.docVectors) : "",
        syn1neg: state ? float32ToBase64(state.syn1neg) : "",
      };
    },
  };
  return model;
}

/**
 * Creates an untrained Doc2Vec model. The original gensim configuration reads
 * `createDoc2Vec({ vectorSize: 80, window: 2, minCount: 1, epochs: 1000 })`.
 *
 * @throws {TypeError | RangeError} when an option has the wrong type or is out of range (the message names it).
 * @example
 * ```ts
 * const d2v = createDoc2Vec({ vectorSize: 32, minCount: 1, epochs: 50, seed: 7 });
 * await d2v.fit(docs, { onProgress: (p) => bar.update(p.progress) });
 * const vectors = d2v.documentVectors(); // { data, rows, cols, zeroRows }
 * const v = d2v.inferVector(["pod", "crashloopbackoff"]);
 * ```
 */
export function createDoc2Vec(options: Doc2VecOptions = {}): Doc2VecModel {
  return doc2vecModel(resolveDoc2VecOptions(options));
}
