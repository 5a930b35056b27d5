import * as z from "zod";
import { type Doc2VecModel, doc2vecModel, resolveDoc2VecOptions } from "./doc2vec";
import { EmbedModelError, type EmbedModelIssue } from "./errors";
import { base64ToFloat32, isBase64 } from "./internal/base64";
import { fromEntries } from "./internal/vocabulary";
import type { Doc2VecJSON, ModelJSON, TfidfJSON } from "./model-json";
import { restoreTfidf, type TfidfModel } from "./tfidf";

const count = z.number().finite().nonnegative();

const TfidfSchema: z.ZodType<TfidfJSON> = z
  .object({
    kind: z.literal("tfidf"),
    version: z.literal(1),
    options: z.object({
      dim: z.number().int().positive(),
      densify: z.enum(["vocabulary", "hashing", "projection"]),
      useIdf: z.boolean(),
      sublinearTf: z.boolean(),
      smoothIdf: z.boolean(),
      minDf: z.number().int().positive(),
      maxDf: z.number().gt(0).lte(1),
      maxFeatures: z.number().int().positive().nullable(),
      seed: z.number().int().nonnegative(),
    }),
    documents: count,
    terms: z.array(z.string()),
    df: z.array(z.number().finite().positive()),
  })
  .superRefine((m, ctx) => {
    if (m.df.length !== m.terms.length)
      ctx.addIssue({
        code: "custom",
        path: ["df"],
        message: `expected ${m.terms.length} entries (one per term), got ${m.df.length}`,
      });
    if (new Set(m.terms).size !== m.terms.length)
      ctx.addIssue({ code: "custom", path: ["terms"], message: "terms must be unique" });
    const over = m.df.findIndex((d) => d > m.documents);
    if (over >= 0)
      ctx.addIssue({
        code: "custom",
        path: ["df", over],
        message: `document frequency exceeds documents (${m.documents})`,
      });
    if (m.options.densify === "vocabulary" && m.terms.length > m.options.dim)
      ctx.addIssue({
        code: "custom",
        path: ["terms"],
        message: `"vocabulary" densify allows at most dim = ${m.options.dim} terms`,
      });
  });

const base64 = z.string().refine(isBase64, "must be base64");

const Doc2VecSchema: z.ZodType<Doc2VecJSON> = z
  .object({
    kind: z.literal("doc2vec"),
    version: z.literal(1),
    options: z.object({
      vectorSize: z.number().int().positive(),
      window: z.number().int().positive(),
      minCount: z.number().int().positive(),
      maxVocabSize: z.number().int().positive().nullable(),
      epochs: z.number().int().positive(),
      dm: z.boolean(),
      dbowWords: z.boolean(),
      alpha: z.number().finite().positive(),
      minAlpha: z.number().finite().nonnegative(),
      negative: z.number().int().positive(),
      nsExponent: z.number().finite(),
      sample: z.number().finite().nonnegative(),
      seed: z.number().int().nonnegative(),
      workers: z.number().int().positive(),
      inferEpochs: z.number().int().positive(),
    }),
    vocabulary: z.array(z.string()),
    wordCounts: z.array(z.number().finite().positive()),
    documents: z.number().int().nonnegative(),
    wordVectors: base64,
    docVectors: base64,
    syn1neg: base64,
  })
  .superRefine((m, ctx) => {
    if (m.wordCounts.length !== m.vocabulary.length)
      ctx.addIssue({
        code: "custom",
        path: ["wordCounts"],
        message: `expected ${m.vocabulary.length} entries (one per word), got ${m.wordCounts.length}`,
      });
    if (new Set(m.vocabulary).size !== m.vocabulary.length)
      ctx.addIssue({ code: "custom", path: ["vocabulary"], message: "words must be unique" });
    if ((m.vocabulary.length === 0) !== (m.documents === 0))
      ctx.addIssue({
        code: "custom",
        path: ["documents"],
        message: "an unfitted model has neither words nor documents",
      });
  });

const ModelSchema = z.discriminatedUnion("kind", [
  TfidfSchema as never,
  Doc2VecSchema as never,
]) as unknown as z.ZodType<ModelJSON>;

/** The result of {@link safeFromJSON}. */
export type FromJSONResult =
  | { success: true; data: TfidfModel | Doc2VecModel; error?: never }
  | { success: false; data?: never; error: EmbedModelError };

function fail(message: string, issues: EmbedModelIssue[], cause?: unknown): FromJSONResult {
  const detail = issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
  return {
    success: false,
    error: new EmbedModelError(`[@faultline/embed] ${message}${detail ? `: ${detail}` : ""}`, issues, { cause }),
  };
}

function restoreDoc2Vec(json: Doc2VecJSON): FromJSONResult {
  const { maxVocabSize, ...rest } = json.options;
  const opts = resolveDoc2VecOptions(maxVocabSize === null ? rest : { ...rest, maxVocabSize }, "json.options");
  if (json.documents === 0) return { success: true, data: doc2vecModel(opts) };
  const dim = opts.vectorSize;
  const v = json.vocabulary.length;
  const issues: EmbedModelIssue[] = [];
  const decode = (field: "wordVectors" | "docVectors" | "syn1neg", rows: number): Float32Array => {
    const out = base64ToFloat32(json[field], rows * dim, true);
    if (!out) {
      issues.push({ path: [field], message: `expected ${rows} × ${dim} float32 values` });
      return new Float32Array(0);
    }
    const bad = out.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) issues.push({ path: [field], message: `value ${bad} is not finite` });
    return out;
  };
  const wordVectors = decode("wordVectors", v);
  const docVectors = decode("docVectors", json.documents);
  const syn1neg = decode("syn1neg", v);
  if (issues.length > 0) return fail("corrupt Doc2Vec model", issues);
  const vocab = fromEntries([...json.vocabulary], Float64Array.from(json.wordCounts));
  return {
    success: true,
    data: doc2vecModel(opts, { vocab, wordVectors, docVectors, syn1neg, documents: json.documents }),
  };
}

/**
 * Restores a model written by `toJSON()`, like {@link fromJSON}, but returns the problem instead of throwing.
 */
export function safeFromJSON(json: unknown): FromJSONResult {
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (cause) {
      return fail("model JSON text does not parse", [{ path: [], message: String(cause) }], cause);
    }
  }
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (typeof json !== "object" || json === null || (kind !== "tfidf" && kind !== "doc2vec"))
    return fail('not a @faultline/embed model: expected an object with kind "tfidf" or "doc2vec"', [
      { path: ["kind"], message: `got ${JSON.stringify(kind) ?? typeof json}` },
    ]);
  const version = (json as { version?: unknown }).version;
  if (version !== 1)
    return fail(`unsupported ${kind} model version ${JSON.stringify(version)}: this release reads version 1`, [
      { path: ["version"], message: "expected 1" },
    ]);
  const parsed = ModelSchema.safeParse(json);
  if (!parsed.success)
    return fail(
      `corrupt ${kind} model`,
      parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
        message: i.message,
      })),
      parsed.error,
    );
  try {
    if (parsed.data.kind === "tfidf") return { success: true, data: restoreTfidf(parsed.data) };
    return restoreDoc2Vec(parsed.data);
  } catch (cause) {
    // Options that pass the schema but not the factories' checks (e.g. minAlpha > alpha).
    return fail(`corrupt ${kind} model`, [{ path: ["options"], message: (cause as Error).message }], cause);
  }
}

/**
 * Restores a TF-IDF or Doc2Vec model from the object (or JSON text) that its `toJSON()` returned.
 * The restored model transforms exactly as the original did.
 *
 * @throws {EmbedModelError} when the input is not a model, of an unknown kind or version, or corrupt; its
 *   `issues` name each offending field.
 * @example
 * ```ts
 * const saved = JSON.stringify(model.toJSON());
 * const again = fromJSON(saved);
 * again.transform([["disk", "full"]]);
 * ```
 */
export function fromJSON(json: unknown): TfidfModel | Doc2VecModel {
  const result = safeFromJSON(json);
  if (!result.success) throw result.error;
  return result.data;
}
