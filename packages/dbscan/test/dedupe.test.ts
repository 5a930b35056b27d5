import { describe, expect, it } from "vitest";
import { dbscan, dedupeRows, expandLabels, expandResult } from "../src/index";

describe("dedupeRows", () => {
  it("merges identical rows in order of first appearance, counting them", () => {
    const { points, weights, inverse } = dedupeRows([
      [1, 2],
      [3, 4],
      [1, 2],
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(points).toEqual({ data: new Float32Array([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2 });
    expect(Array.from(weights)).toEqual([3, 2, 1]);
    expect(Array.from(inverse)).toEqual([0, 1, 0, 0, 1, 2]);
  });

  it("sums given weights, treats −0 as 0, and keeps float64 values that float32 cannot hold", () => {
    const { points, weights, inverse } = dedupeRows(
      [
        [0.1, -0],
        [0.1, 0],
        [0.2, 0],
      ],
      [1, 2.5, 1],
    );
    expect(points.data).toBeInstanceOf(Float64Array);
    expect(Array.from(weights)).toEqual([3.5, 1]);
    expect(Array.from(inverse)).toEqual([0, 0, 1]);
  });

  it("accepts a dense matrix and an empty input", () => {
    const m = { data: new Float32Array([1, 0, 1, 0]), rows: 2, cols: 2 };
    expect(Array.from(dedupeRows(m).weights)).toEqual([2]);
    expect(dedupeRows([]).points.rows).toBe(0);
  });

  it("gives the labels of the full input once expanded (README example)", () => {
    const rows = [
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ];
    const { points, weights, inverse } = dedupeRows(rows);
    const expanded = expandResult(dbscan(points, { eps: 0.1, minSamples: 3, sampleWeight: weights }), inverse);
    expect(expanded).toEqual(dbscan(rows, { eps: 0.1, minSamples: 3 }));
    expect(Array.from(expanded.labels)).toEqual([0, 0, -1, 0]);
  });

  it("throws on bad rows, bad weights and an inverse out of range", () => {
    expect(() => dedupeRows([[1], [1, 2]])).toThrow(TypeError);
    expect(() => dedupeRows([[1], [2]], [1, -1])).toThrow("options.sampleWeight[1] must be a finite number >= 0");
    expect(() => expandLabels([0, 1], [0, 2])).toThrow(
      "[@faultline/dbscan] inverse[1] must index the 2 labels (got 2)",
    );
    expect(Array.from(expandLabels([4, -1], [1, 0, 0]))).toEqual([-1, 4, 4]);
  });
});
