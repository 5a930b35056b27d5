import type { TfidfDensify } from "./tfidf";

/** A serialised TF-IDF model (version 1), as `toJSON()` writes it. */
export interface TfidfJSON {
  kind: "tfidf";
  version: 1;
  options: {
    dim: number;
    densify: TfidfDensify;
    useIdf: boolean;
    sublinearTf: boolean;
    smoothIdf: boolean;
    minDf: number;
    maxDf: number;
    maxFeatures: number | null;
    seed: number;
  };
  /** Weighted number of documents seen by `fit` (0 when unfitted). */
  documents: number;
  terms: string[];
  /** Weighted document frequency of each term. */
  df: number[];
}

/** A serialised Doc2Vec model (version 1). Vectors are base64 of little-endian float32, row-major. */
export interface Doc2VecJSON {
  kind: "doc2vec";
  version: 1;
  options: {
    vectorSize: number;
    window: number;
    minCount: number;
    maxVocabSize: number | null;
    epochs: number;
    dm: boolean;
    dbowWords: boolean;
    alpha: number;
    minAlpha: number;
    negative: number;
    nsExponent: number;
    sample: number;
    seed: number;
    workers: number;
    inferEpochs: number;
  };
  vocabulary: string[];
  wordCounts: number[];
  /** Number of training documents (rows of `docVectors`; 0 when unfitted). */
  documents: number;
  wordVectors: string;
  docVectors: string;
  syn1neg: string;
}

/** Either serialised model, discriminated by `kind`. */
export type ModelJSON = TfidfJSON | Doc2VecJSON;
