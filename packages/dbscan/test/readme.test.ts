import { expect, it } from "vitest";

it("runs the README quick start as written", async () => {
  // Copied verbatim from README.md "Quick start".
  const { dbscan, fitDbscan } = await import("../src/index");

  const rows = [
    [1, 0],
    [1, 0.1],
    [0.9, 0.1],
    [0, 1],
    [0.1, 1],
    [-1, -1],
  ];
  const { labels, nClusters } = dbscan(rows, { eps: 0.05, minSamples: 2 });
  // labels => Int32Array [0, 0, 0, 1, 1, -1], nClusters => 2

  const model = fitDbscan(rows, { eps: 0.05, minSamples: 2 });
  const predicted = model.predict([
    [1, 0.05],
    [0, -1],
  ]); // => Int32Array [0, -1]

  expect(labels).toEqual(new Int32Array([0, 0, 0, 1, 1, -1]));
  expect(nClusters).toBe(2);
  expect(predicted).toEqual(new Int32Array([0, -1]));
});

it("runs the README dedupe snippet", async () => {
  const { dbscan, dedupeRows, expandResult } = await import("../src/index");
  const rows = [
    [1, 0],
    [1, 0],
    [1, 0.01],
    [1, 0.01],
    [1, 0.02],
    [0, 1],
  ];
  const { points, weights, inverse } = dedupeRows(rows);
  const result = expandResult(dbscan(points, { eps: 0.2, sampleWeight: weights }), inverse);
  expect(result).toEqual(dbscan(rows, { eps: 0.2 }));
  expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, -1]);
});
