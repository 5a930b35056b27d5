import { describe, expect, it } from "vitest";
import { createDoc2Vec, type FitProgress } from "../src/index";
import { jobSeed } from "../src/internal/kernel";
import { cosine, rowOf, templated } from "./corpus";

const small = { vectorSize: 24, window: 2, minCount: 1, epochs: 40, seed: 7 } as const;

describe("createDoc2Vec", () => {
  it("uses gensim's defaults and reads the original configuration", () => {
    expect(createDoc2Vec().options).toEqual({
      vectorSize: 100,
      window: 5,
      minCount: 5,
      maxVocabSize: null,
      epochs: 10,
      dm: true,
      dbowWords: false,
      alpha: 0.025,
      minAlpha: 0.0001,
      negative: 5,
      nsExponent: 0.75,
      sample: 0.001,
      seed: 1,
      workers: 1,
      inferEpochs: 10,
    });
    const original = createDoc2Vec({ vectorSize: 80, window: 2, minCount: 1, epochs: 1000 });
    expect(original.dim).toBe(80);
    expect(original.options.inferEpochs).toBe(1000);
  });

  it.each([
    ["PV-DM", { dm: true }],
    ["PV-DBOW", { dm: false }],
    ["PV-DBOW with word training", { dm: false, dbowWords: true }],
  ])("%s gives identical vectors for the same seed and different ones for another seed", async (_name, mode) => {
    const { docs } = templated(60);
    const train = async (seed: number) => {
      const model = createDoc2Vec({ ...small, ...mode, seed });
      await model.fit(docs);
      return model;
    };
    const a = await train(7);
    const b = await train(7);
    const c = await train(8);
    expect(a.documentVectors().data).toEqual(b.documentVectors().data);
    expect(a.wordVector("pod")).toEqual(b.wordVector("pod"));
    expect(a.documentVectors().data).not.toEqual(c.documentVectors().data);
    expect(a.documentVectors().data.every(Number.isFinite)).toBe(true);
  });

  it.each([
    ["PV-DM", true],
    ["PV-DBOW", false],
  ])("%s: inferVector of a training document lands nearest its own template", async (_name, dm) => {
    const { docs, labels } = templated(90);
    const model = createDoc2Vec({ ...small, dm, epochs: 100 });
    await model.fit(docs);
    const trained = model.documentVectors();
    for (const i of [0, 1, 2, 30, 31, 32]) {
      const inferred = model.inferVector(docs[i]!);
      expect(cosine(inferred, rowOf(trained, i))).toBeGreaterThan(0.6);
      // The trained vector closest to the inferred one belongs to the same template.
      let best = -1;
      let bestCos = -2;
      for (let j = 0; j < trained.rows; j++) {
        const c = cosine(inferred, rowOf(trained, j));
        if (c > bestCos) [best, bestCos] = [j, c];
      }
      expect(labels[best]).toBe(labels[i]);
    }
    // Inference is deterministic.
    expect(model.inferVector(docs[0]!)).toEqual(model.inferVector(docs[0]!));
  });

  it.each([
    ["PV-DM", true],
    ["PV-DBOW", false],
  ])(
    "%s: inferVector steps alpha down per epoch and reaches minAlpha at the last epoch, as gensim's infer_vector",
    async (_name, dm) => {
      // gensim 4.2 infer_vector: alpha_delta = (alpha - min_alpha) / max(epochs - 1, 1), subtracted after each epoch.
      // With minAlpha 0 the last epoch has a zero learning rate and leaves the vector unchanged, so two epochs must
      // give exactly the vector of one (the first epoch is the same in both: same seed, same alpha).
      const { docs } = templated(60);
      const model = createDoc2Vec({ ...small, dm });
      await model.fit(docs);
      const doc = docs[4]!;
      const one = model.inferVector(doc, { epochs: 1, alpha: 0.05, minAlpha: 0 });
      const two = model.inferVector(doc, { epochs: 2, alpha: 0.05, minAlpha: 0 });
      expect(Array.from(two)).toEqual(Array.from(one));
      // The middle epoch of three runs at (alpha + minAlpha) / 2, so three epochs do move the vector further.
      const three = model.inferVector(doc, { epochs: 3, alpha: 0.05, minAlpha: 0 });
      expect(Array.from(three)).not.toEqual(Array.from(one));
    },
  );

  it.each([
    ["PV-DM", true],
    ["PV-DBOW", false],
  ])("%s separates templates: each document's nearest neighbour shares its template", async (_name, dm) => {
    const { docs, labels } = templated(90);
    const model = createDoc2Vec({ ...small, dm, epochs: 100 });
    await model.fit(docs);
    const m = model.documentVectors();
    let hits = 0;
    for (let i = 0; i < m.rows; i++) {
      let best = -1;
      let bestCos = -2;
      for (let j = 0; j < m.rows; j++) {
        if (j === i) continue;
        const c = cosine(rowOf(m, i), rowOf(m, j));
        if (c > bestCos) [best, bestCos] = [j, c];
      }
      if (labels[best] === labels[i]) hits++;
    }
    expect(hits / m.rows).toBeGreaterThanOrEqual(0.95);
  });

  it("gives flagged zero rows, never NaN, to documents with no vocabulary word", async () => {
    const model = createDoc2Vec({ ...small, minCount: 2 });
    const summary = await model.fit([["a", "b"], [], ["a", "b"], ["rare"]]);
    expect(Array.from(summary.emptyDocuments)).toEqual([1, 3]);
    const m = model.documentVectors();
    expect(Array.from(m.zeroRows)).toEqual([1, 3]);
    expect(Array.from(rowOf(m, 1)).every((x) => x === 0)).toBe(true);
    const t = model.transform([["a"], [], ["unknown"]]);
    expect(Array.from(t.zeroRows)).toEqual([1, 2]);
    expect(t.data.every(Number.isFinite)).toBe(true);
    expect(model.inferVector([]).every((x) => x === 0)).toBe(true);
    expect(model.wordVector("rare")).toBeUndefined();
  });

  it("weights word counts by document counts", async () => {
    const model = createDoc2Vec({ ...small, minCount: 3 });
    await model.fit(
      [
        ["x", "y"],
        ["y", "z"],
      ],
      { counts: [3, 1] },
    );
    expect([...model.vocabulary].sort()).toEqual(["x", "y"]); // x: 3, y: 4, z: 1
  });

  it("reports progress up to 1 with a decaying learning rate", async () => {
    const { docs } = templated(3000);
    const seen: FitProgress[] = [];
    const model = createDoc2Vec({ ...small, epochs: 30 });
    await model.fit(docs, { onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1]!;
    expect(last.progress).toBe(1);
    expect(last.wordsProcessed).toBe(27 * 1000 * 30);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.progress).toBeGreaterThanOrEqual(seen[i - 1]!.progress);
      expect(seen[i]!.alpha).toBeLessThanOrEqual(seen[i - 1]!.alpha);
    }
    expect(last.alpha).toBeCloseTo(0.0001, 6);
  });

  it("stops when aborted and keeps its previous state", async () => {
    const { docs } = templated(3000);
    const model = createDoc2Vec({ ...small, epochs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stop")), 150);
    await expect(model.fit(docs, { signal: controller.signal })).rejects.toThrow("user stop");
    expect(model.fitted).toBe(false);
  });

  it("trains on two worker threads with shared memory, and stops them when aborted", async () => {
    const { docs, labels } = templated(300);
    const model = createDoc2Vec({ ...small, epochs: 60, workers: 2 });
    let calls = 0;
    const summary = await model.fit(docs, { onProgress: () => calls++ });
    expect(summary.vocabularySize).toBe(model.vocabulary.length);
    expect(calls).toBeGreaterThan(0);
    const m = model.documentVectors();
    expect(m.data.every(Number.isFinite)).toBe(true);
    // Not bit-reproducible, but it learns: each document is closer to its own template's centroid.
    expect(cosine(rowOf(m, 0), rowOf(m, 3))).toBeGreaterThan(cosine(rowOf(m, 0), rowOf(m, 1)));
    expect(labels[0]).toBe(labels[3]);

    const long = createDoc2Vec({ ...small, epochs: 100_000, workers: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stop")), 300);
    await expect(long.fit(templated(3000).docs, { signal: controller.signal })).rejects.toThrow("user stop");
    expect(long.fitted).toBe(false);
  });

  it.each([
    [{ vectorSize: 0 }, /options\.vectorSize must be an integer in \[1/],
    [{ vectorSize: 2.5 }, /options\.vectorSize/],
    [{ window: 0 }, /options\.window/],
    [{ epochs: Number.POSITIVE_INFINITY }, /options\.epochs/],
    [{ alpha: Number.NaN }, /options\.alpha must be a finite number/],
    [{ alpha: 0 }, /options\.alpha/],
    [{ alpha: 0.01, minAlpha: 0.02 }, /options\.minAlpha must be a finite number in \[0, 0\.01\]/],
    [{ negative: 0 }, /options\.negative/],
    [{ sample: -1 }, /options\.sample/],
    [{ workers: 0 }, /options\.workers/],
    [{ seed: -1 }, /options\.seed/],
    [{ dm: 1 }, /options\.dm must be a boolean/],
    [{ vector_size: 80 }, /unknown option options\.vector_size/],
  ])("rejects %o", (options, message) => {
    expect(() => createDoc2Vec(options as never)).toThrow(message);
  });

  it("rejects empty corpora and unusable input, naming the problem", async () => {
    const model = createDoc2Vec({ minCount: 1 });
    await expect(model.fit([])).rejects.toThrow(RangeError);
    await expect(model.fit([[], []])).rejects.toThrow(/no word occurs at least minCount = 1 times/);
    await expect(model.fit([["a", null as never]])).rejects.toThrow(/docs\[0\]\[1\] must be a string token/);
    expect(() => model.inferVector(["a"])).toThrow(/needs a fitted model/);
    expect(() => model.documentVectors()).toThrow(/needs a fitted model/);
    await model.fit([["a", "b"]]);
    expect(() => model.inferVector(["a"], { epochs: 0 })).toThrow(/options\.epochs/);
    expect(() => model.inferVector("a b" as never)).toThrow(/doc\[0\] must be an array/);
  });
});

describe("Doc2Vec random streams", () => {
  it("gives every (seed, epoch, job) its own stream: a seed is not just another epoch order", () => {
    // jobSeed once folded the raw epoch into the raw seed (seed ^ epoch) before mixing, so seeds 1, 2, 3, … replayed
    // the same per-epoch downsampling and negative-sampling streams in another epoch order.
    const seen = new Set<number>();
    for (let seed = 0; seed < 32; seed++)
      for (let epoch = 0; epoch < 32; epoch++) for (let job = 0; job < 4; job++) seen.add(jobSeed(seed, epoch, job));
    expect(seen.size).toBe(32 * 32 * 4);
    const epochsOf = (seed: number): number[] => Array.from({ length: 8 }, (_, e) => jobSeed(seed, e, 0)).sort();
    expect(epochsOf(2)).not.toEqual(epochsOf(1));
  });

  it("draws other initial document vectors for another seed, not the same rows in another order", async () => {
    // A negligible learning rate leaves the initial vectors as they are (the output weights start at zero).
    const docs = [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "a"],
      ["a", "c"],
      ["b", "d"],
      ["a", "d"],
      ["b", "a"],
    ];
    const initial = async (seed: number): Promise<Float32Array[]> => {
      const model = createDoc2Vec({
        vectorSize: 8,
        minCount: 1,
        epochs: 1,
        dm: false,
        alpha: 1e-12,
        minAlpha: 0,
        seed,
      });
      await model.fit(docs);
      const m = model.documentVectors();
      return Array.from({ length: m.rows }, (_, i) => rowOf(m, i));
    };
    const one = await initial(1);
    const two = await initial(2);
    for (const row of two) {
      for (const other of one) {
        const same = row.every((x, k) => Math.abs(x - other[k]!) < 1e-9);
        expect(same).toBe(false);
      }
    }
  });
});

describe("createDoc2Vec with a throwing onProgress", () => {
  it.each([1, 2])("rejects fit with the callback's error (workers: %i)", async (workers) => {
    const model = createDoc2Vec({ ...small, epochs: 2000, workers });
    const fit = model.fit(templated(3000).docs, {
      onProgress: () => {
        throw new Error("callback failed");
      },
    });
    await expect(fit).rejects.toThrow("callback failed");
    expect(model.fitted).toBe(false);
  });
});
