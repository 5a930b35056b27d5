import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createTfidf } from "../src/index";

const row = (m: { data: Float32Array; cols: number }, i: number): number[] =>
  Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

describe("createTfidf", () => {
  // Worked by hand: n = 3 documents; df(a) = 1, df(b) = 2, df(c) = 2.
  // Smoothed idf: idf(a) = ln(4/2) + 1, idf(b) = idf(c) = ln(4/3) + 1. Sublinear tf: tf(a in d1) = 2 → 1 + ln 2.
  const docs = [["a", "b", "a"], ["b", "c"], ["c"]];
  const idfA = Math.log(4 / 2) + 1;
  const idfB = Math.log(4 / 3) + 1;

  it("equals a hand-computed example (sublinear tf, smoothed idf, l2 rows)", async () => {
    const model = createTfidf({ densify: "vocabulary", dim: 4 });
    const summary = await model.fit(docs);
    expect(summary).toMatchObject({ documents: 3, tokens: 6, vocabularySize: 3 });
    expect(model.vocabulary).toEqual(["a", "b", "c"]); // equal corpus counts: ties by term
    expect(model.idf("a")).toBeCloseTo(idfA, 12);
    expect(model.idf("b")).toBeCloseTo(idfB, 12);
    expect(model.idf("zzz")).toBeUndefined();
    const m = model.transform(docs);
    expect([m.rows, m.cols]).toEqual([3, 4]);
    const wa = (1 + Math.log(2)) * idfA;
    const wb = 1 * idfB;
    const norm = Math.hypot(wa, wb);
    const expected = [
      [wa / norm, wb / norm, 0, 0],
      [0, Math.SQRT1_2, Math.SQRT1_2, 0],
      [0, 0, 1, 0],
    ];
    for (const [i, r] of expected.entries()) for (const [k, x] of r.entries()) expect(row(m, i)[k]).toBeCloseTo(x, 6);
    expect(Array.from(m.zeroRows)).toEqual([]);
  });

  it("uses raw tf and unsmoothed idf when asked", async () => {
    const model = createTfidf({ densify: "vocabulary", dim: 3, sublinearTf: false, smoothIdf: false });
    await model.fit(docs);
    expect(model.idf("a")).toBeCloseTo(Math.log(3) + 1, 12);
    const wa = 2 * (Math.log(3) + 1);
    const wb = Math.log(3 / 2) + 1;
    expect(row(model.transform([["a", "b", "a"]]), 0)[0]).toBeCloseTo(wa / Math.hypot(wa, wb), 6);
  });

  it("counts a document seen c times c times in document frequency", async () => {
    const weighted = createTfidf({ dim: 8 });
    await weighted.fit([["disk", "full"], ["oom"], ["disk", "oom"]], { counts: [3, 1, 1] });
    const repeated = createTfidf({ dim: 8 });
    await repeated.fit([["disk", "full"], ["disk", "full"], ["disk", "full"], ["oom"], ["disk", "oom"]]);
    expect(weighted.toJSON()).toEqual(repeated.toJSON());
    expect(weighted.idf("full")).toBeCloseTo(Math.log(6 / 4) + 1, 12);
    const probe = [["disk", "oom", "full"]];
    expect(weighted.transform(probe).data).toEqual(repeated.transform(probe).data);
  });

  it("applies minDf, maxDf and maxFeatures", async () => {
    const corpus = [
      ["x", "common", "rare"],
      ["y", "common"],
      ["x", "common"],
      ["y", "common"],
    ];
    const model = createTfidf({ minDf: 2, maxDf: 0.9 });
    await model.fit(corpus);
    expect([...model.vocabulary].sort()).toEqual(["x", "y"]); // rare: df 1 < 2; common: df 4 > 0.9 × 4
    const capped = createTfidf({ maxFeatures: 1 });
    await capped.fit(corpus);
    expect(capped.vocabulary).toEqual(["common"]);
  });

  it("caps the vocabulary at dim with the exact 'vocabulary' densify", async () => {
    const model = createTfidf({ densify: "vocabulary", dim: 2 });
    await model.fit([["a", "a", "a", "b", "b", "c"]]);
    expect(model.vocabulary).toEqual(["a", "b"]);
  });

  it("gives a flagged zero row, never NaN, to empty and out-of-vocabulary documents", async () => {
    const model = createTfidf({ dim: 8 });
    const summary = await model.fit([["a"], [], ["b"]]);
    expect(Array.from(summary.emptyDocuments)).toEqual([1]);
    const m = model.transform([[], ["unknown"], ["a"]]);
    expect(Array.from(m.zeroRows)).toEqual([0, 1]);
    expect(row(m, 0).every((x) => x === 0)).toBe(true);
    expect(m.data.every(Number.isFinite)).toBe(true);
  });

  it.each(["hashing", "projection"] as const)(
    "keeps rows unit-length and similar documents close with %s",
    async (densify) => {
      const model = createTfidf({ densify, dim: 256, seed: 3 });
      const corpus = Array.from({ length: 50 }, (_, i) => [`w${i}`, `v${i % 7}`, "error"]);
      await model.fit(corpus);
      expect(model.vocabulary.length).toBe(58); // every term kept, none capped
      const m = model.transform([
        ["w1", "v1", "error"],
        ["w1", "v1", "error"],
        ["w2", "v3"],
      ]);
      const dot = (i: number, j: number): number => row(m, i).reduce((s, x, k) => s + x * row(m, j)[k]!, 0);
      expect(dot(0, 0)).toBeCloseTo(1, 5);
      expect(dot(0, 1)).toBeCloseTo(1, 5);
      expect(Math.abs(dot(0, 2))).toBeLessThan(0.5);
    },
  );

  it("is deterministic for a seed and differs across seeds (projection)", async () => {
    const corpus = [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
    ];
    const make = async (seed: number) => {
      const model = createTfidf({ densify: "projection", dim: 16, seed });
      await model.fit(corpus);
      return model.transform(corpus).data;
    };
    expect(await make(1)).toEqual(await make(1));
    expect(await make(1)).not.toEqual(await make(2));
  });

  it("rejects bad options and input, naming the field", async () => {
    expect(() => createTfidf({ dim: 0 })).toThrow(/options\.dim must be an integer in \[1/);
    expect(() => createTfidf({ maxDf: Number.NaN })).toThrow(RangeError);
    expect(() => createTfidf({ maxDf: 1.5 })).toThrow(/options\.maxDf/);
    expect(() => createTfidf({ minDf: 0.5 })).toThrow(/options\.minDf/);
    expect(() => createTfidf({ densify: "pca" as never })).toThrow(/options\.densify must be one of/);
    expect(() => createTfidf({ dims: 3 } as never)).toThrow(/unknown option options\.dims/);
    const model = createTfidf();
    await expect(model.fit([])).rejects.toThrow(/at least one document/);
    await expect(model.fit([["a"], ["b", 3 as never]])).rejects.toThrow(/docs\[1\]\[1\] must be a string token/);
    await expect(model.fit(["a b" as never])).rejects.toThrow(/docs\[0\] must be an array/);
    await expect(model.fit([["a"]], { counts: [0] })).rejects.toThrow(
      /options\.counts\[0\] must be a positive integer/,
    );
    await expect(model.fit([["a"]], { counts: [1, 2] })).rejects.toThrow(/one entry per document: 1 \(got 2\)/);
    expect(() => model.transform([["a"]])).toThrow(/needs a fitted model/);
  });

  it("honours an aborted signal and reports progress", async () => {
    const model = createTfidf();
    await expect(model.fit([["a"]], { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
    expect(model.fitted).toBe(false);
    const seen: number[] = [];
    await model.fit([["a"]], { onProgress: (p) => seen.push(p.progress) });
    expect(seen).toEqual([1]);
  });

  const token = fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h");
  const docsArb = fc.array(fc.array(token, { maxLength: 6 }), { minLength: 1, maxLength: 20 });
  test.prop([docsArb, docsArb, fc.constantFrom("vocabulary", "hashing", "projection")])(
    "rows are finite, unit-length or flagged zero, and transform never mutates the model",
    async (train, probe, densify) => {
      const model = createTfidf({ densify, dim: 16 });
      await model.fit(train);
      const before = JSON.stringify(model.toJSON());
      const m = model.transform(probe);
      expect(JSON.stringify(model.toJSON())).toBe(before);
      const zero = new Set(m.zeroRows);
      for (let i = 0; i < m.rows; i++) {
        const r = row(m, i);
        expect(r.every(Number.isFinite)).toBe(true);
        const norm = Math.hypot(...r);
        if (zero.has(i)) expect(norm).toBe(0);
        else expect(norm).toBeCloseTo(1, 5);
      }
    },
  );
});
