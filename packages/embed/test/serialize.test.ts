import { describe, expect, it } from "vitest";
import { createDoc2Vec, createTfidf, EmbedModelError, fromJSON, safeFromJSON } from "../src/index";
import { templated } from "./corpus";

async function fittedTfidf() {
  const model = createTfidf({ dim: 32, minDf: 1, maxFeatures: 100 });
  await model.fit(templated(30).docs, { counts: Array.from({ length: 30 }, (_, i) => 1 + (i % 3)) });
  return model;
}

async function fittedDoc2Vec() {
  const model = createDoc2Vec({ vectorSize: 16, window: 2, minCount: 1, epochs: 10, inferEpochs: 20, seed: 3 });
  await model.fit(templated(30).docs);
  return model;
}

describe("fromJSON", () => {
  it("round-trips TF-IDF through JSON text to identical vectors", async () => {
    const model = await fittedTfidf();
    const again = fromJSON(JSON.stringify(model.toJSON()));
    expect(again.kind).toBe("tfidf");
    expect(again.toJSON()).toEqual(model.toJSON());
    const probe = [...templated(9).docs, ["never", "seen"]];
    expect(again.transform(probe)).toEqual(model.transform(probe));
  });

  it("round-trips Doc2Vec to identical trained, inferred and transformed vectors", async () => {
    const model = await fittedDoc2Vec();
    const again = fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    if (again.kind !== "doc2vec") throw new Error("expected a Doc2Vec model");
    expect(again.options).toEqual(model.options);
    expect(again.documentVectors()).toEqual(model.documentVectors());
    expect(again.wordVector("pod")).toEqual(model.wordVector("pod"));
    const probe = templated(6).docs;
    expect(again.inferVector(probe[0]!)).toEqual(model.inferVector(probe[0]!));
    expect(again.transform(probe)).toEqual(model.transform(probe));
  });

  it("restores a TF-IDF model fitted to an empty vocabulary as fitted", async () => {
    // minDf: 5 on two documents leaves no term: fit accepts that, so the restored model must behave the same.
    const model = createTfidf({ dim: 8, minDf: 5 });
    await model.fit([["a"], ["b"]]);
    const restored = fromJSON(JSON.stringify(model.toJSON()));
    expect(restored.fitted).toBe(true);
    expect(restored.vocabulary).toEqual([]);
    expect(Array.from(restored.transform([["a"]]).data)).toEqual(Array.from(model.transform([["a"]]).data));
  });

  it("restores unfitted models as unfitted", () => {
    expect(fromJSON(createTfidf().toJSON()).fitted).toBe(false);
    expect(fromJSON(createDoc2Vec().toJSON()).fitted).toBe(false);
  });

  it("rejects foreign, unknown-version and corrupt models with a message naming the field", async () => {
    const tfidf = (await fittedTfidf()).toJSON();
    const d2v = (await fittedDoc2Vec()).toJSON();
    const cases: [unknown, RegExp][] = [
      [null, /not a @faultline\/embed model/],
      [{ kind: "word2vec", version: 1 }, /not a @faultline\/embed model.*kind: got "word2vec"/],
      ["{not json", /does not parse/],
      [{ ...tfidf, version: 2 }, /unsupported tfidf model version 2/],
      [{ ...tfidf, df: tfidf.df.slice(1) }, /corrupt tfidf model: df: expected \d+ entries/],
      [{ ...tfidf, terms: tfidf.terms.map(() => "same") }, /terms: terms must be unique/],
      [{ ...tfidf, options: { ...tfidf.options, dim: -1 } }, /options\.dim/],
      [
        { ...d2v, syn1neg: d2v.syn1neg.slice(0, 40) },
        /corrupt Doc2Vec model: syn1neg: expected \d+ × 16 float32 values/,
      ],
      [{ ...d2v, docVectors: "%%%%" }, /docVectors: must be base64/],
      [{ ...d2v, wordCounts: [] }, /wordCounts: expected \d+ entries/],
      [{ ...d2v, options: { ...d2v.options, alpha: 0.01, minAlpha: 0.02 } }, /options\.minAlpha/],
      [{ ...d2v, wordVectors: undefined }, /wordVectors/],
    ];
    for (const [json, message] of cases) {
      const result = safeFromJSON(json);
      expect(result.success).toBe(false);
      expect(result.error).toBeInstanceOf(EmbedModelError);
      expect(result.error?.message).toMatch(message);
      expect(result.error?.issues.length).toBeGreaterThan(0);
      expect(() => fromJSON(json)).toThrow(EmbedModelError);
    }
  });

  it("rejects vectors holding NaN", async () => {
    const d2v = (await fittedDoc2Vec()).toJSON();
    const bytes = Buffer.from(d2v.wordVectors, "base64");
    bytes.writeFloatLE(Number.NaN, 8);
    const result = safeFromJSON({ ...d2v, wordVectors: bytes.toString("base64") });
    expect(result.error?.issues).toEqual([{ path: ["wordVectors"], message: "value 2 is not finite" }]);
  });
});
