// @faultline/embed public API. Explicit named re-exports only.

export type { DenseMatrix, Embedding } from "./dense-matrix";
export {
  createDoc2Vec,
  type Doc2VecModel,
  type Doc2VecOptions,
  type InferOptions,
  type ResolvedDoc2VecOptions,
} from "./doc2vec";
// Errors
export { EmbedModelError, type EmbedModelIssue } from "./errors";
export type { Document, EmbeddingModel, FitOptions, FitProgress, FitSummary } from "./model";
export type { Doc2VecJSON, ModelJSON, TfidfJSON } from "./model-json";
// Persistence
export { type FromJSONResult, fromJSON, safeFromJSON } from "./serialize";
// Models
export { createTfidf, type TfidfDensify, type TfidfModel, type TfidfOptions } from "./tfidf";
