import { describe, expect, it } from "vitest";
import { fitDbscan, restoreDbscanModel } from "../src/index";
import { loadCase, refCases } from "./helpers/fixtures";

const rows = [
  [1, 0],
  [1, 0.1],
  [0, 1],
  [0.1, 1],
];

describe("fitDbscan", () => {
  it("labels new rows by the cluster of a core row within eps, else noise", () => {
    const model = fitDbscan(rows, { eps: 0.05, minSamples: 2 });
    expect(Array.from(model.labels)).toEqual([0, 0, 1, 1]);
    expect(
      Array.from(
        model.predict([
          [1, 0.05],
          [0.05, 1],
          [-1, 0],
          [0, 0],
        ]),
      ),
    ).toEqual([0, 1, -1, -1]);
    expect(model.predict([]).length).toBe(0);
  });

  it("gives a new row in reach of two clusters the lower-numbered one, as fit does for border rows", () => {
    const model = fitDbscan(
      [
        [1, 0],
        [1, 0.01],
        [0, 1],
        [0.01, 1],
      ],
      { eps: 0.3, minSamples: 2 },
    );
    expect(Array.from(model.predict([[1, 1]]))).toEqual([0]);
  });

  it("predicts scikit-learn's labels for the training rows of a reference case", () => {
    const c = refCases.find((x) => x.name === "blobs-2k")!;
    const { data, labels } = loadCase(c);
    const model = fitDbscan({ data, rows: c.n, cols: c.d }, { eps: c.eps, minSamples: c.min_samples });
    expect(Array.from(model.predict({ data, rows: c.n, cols: c.d }))).toEqual(Array.from(labels));
  });

  it("round-trips through toJSON and restoreDbscanModel", () => {
    const model = fitDbscan(rows, { eps: 0.05, minSamples: 2, metric: "cosine" });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json).toMatchObject({ version: 1, metric: "cosine", eps: 0.05, minSamples: 2, dimensions: 2, nClusters: 2 });
    const restored = restoreDbscanModel(json);
    const probe = [
      [1, 0.05],
      [0.05, 1],
      [-1, 0],
    ];
    expect(Array.from(restored.predict(probe))).toEqual(Array.from(model.predict(probe)));
    expect(restored.nClusters).toBe(2);
  });

  it("keeps working when the caller later mutates the training rows", () => {
    const data = new Float32Array([1, 0, 1, 0.1, 0, 1, 0.1, 1]);
    const model = fitDbscan({ data, rows: 4, cols: 2 }, { eps: 0.05, minSamples: 2 });
    data.fill(0);
    expect(Array.from(model.predict([[1, 0.05]]))).toEqual([0]);
  });

  it("works under the euclidean metric", () => {
    const model = fitDbscan(
      [
        [0, 0],
        [0, 1],
        [10, 10],
        [10, 11],
      ],
      { eps: 1, minSamples: 2, metric: "euclidean" },
    );
    expect(
      Array.from(
        model.predict([
          [0, 0.5],
          [10, 12],
          [5, 5],
        ]),
      ),
    ).toEqual([0, 1, -1]);
  });

  it("throws on rows of another length and on malformed models", () => {
    const model = fitDbscan(rows, { eps: 0.05, minSamples: 2 });
    expect(() => model.predict([[1, 0, 0]])).toThrow(
      "[@faultline/dbscan] predict: points have 3 values per row, the model 2",
    );
    expect(() => model.predict([[1, Number.NaN]])).toThrow(RangeError);
    expect(() => restoreDbscanModel({ version: 2 })).toThrow("version must be 1");
    const json = model.toJSON();
    expect(() => restoreDbscanModel({ ...json, coreVectors: [1] })).toThrow(
      "coreVectors has 1 values, expected 4 × 2 = 8",
    );
    expect(() => restoreDbscanModel({ ...json, coreLabels: [0, 0, 5, 1] })).toThrow(
      "coreLabels[2] must be an integer in [0, 2)",
    );
    expect(() => restoreDbscanModel({ ...json, eps: -1 })).toThrow(RangeError);
  });
});
