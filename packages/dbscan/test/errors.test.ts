import { describe, expect, it } from "vitest";
import { dbscan, type Points } from "../src/index";

const ok: Points = [
  [1, 0],
  [0, 1],
];

describe("dbscan bad input", () => {
  it.each([
    ["eps = 0", ok, { eps: 0 }, RangeError, "options.eps must be > 0 (got 0)"],
    ["eps < 0", ok, { eps: -1 }, RangeError, "options.eps must be > 0 (got -1)"],
    ["eps NaN", ok, { eps: Number.NaN }, RangeError, "options.eps must be > 0 (got NaN)"],
    ["eps not a number", ok, { eps: "0.1" }, TypeError, "options.eps must be a number"],
    ["minSamples 0", ok, { eps: 0.1, minSamples: 0 }, RangeError, "options.minSamples must be an integer >= 1 (got 0)"],
    ["minSamples 1.5", ok, { eps: 0.1, minSamples: 1.5 }, RangeError, "options.minSamples"],
    [
      "unknown metric",
      ok,
      { eps: 0.1, metric: "manhattan" },
      TypeError,
      'options.metric must be "cosine" or "euclidean"',
    ],
    ["ragged rows", [[1, 0], [1]], { eps: 0.1 }, TypeError, "points[1] has 1 values, expected 2"],
    [
      "NaN value",
      [
        [1, 0],
        [0, Number.NaN],
      ],
      { eps: 0.1 },
      RangeError,
      "points[1][1] must be a finite number (got NaN)",
    ],
    [
      "Infinity value",
      [
        [1, 0],
        [Number.POSITIVE_INFINITY, 0],
      ],
      { eps: 0.1 },
      RangeError,
      "points[1][0] must be a finite number (got Infinity)",
    ],
    ["a string value", [[1, "0"]], { eps: 0.1 }, TypeError, "points[0][1] must be a number"],
    ["a row that is not an array", [[1, 0], null], { eps: 0.1 }, TypeError, "points[1] must be an array of numbers"],
    [
      "matrix with a wrong length",
      { data: new Float32Array(5), rows: 2, cols: 3 },
      { eps: 0.1 },
      TypeError,
      "points.data has 5 values, expected rows × cols = 2 × 3 = 6",
    ],
    [
      "matrix with -Infinity",
      { data: new Float64Array([1, 0, 0, Number.NEGATIVE_INFINITY]), rows: 2, cols: 2 },
      { eps: 0.1 },
      RangeError,
      "points.data[3] (row 1, column 1) must be a finite number (got -Infinity)",
    ],
    [
      "matrix of plain numbers",
      { data: [1, 2], rows: 1, cols: 2 },
      { eps: 0.1 },
      TypeError,
      "points.data must be a Float32Array",
    ],
    [
      "weights of the wrong length",
      ok,
      { eps: 0.1, sampleWeight: [1] },
      TypeError,
      "options.sampleWeight has 1 values, expected one per point (2)",
    ],
    [
      "a negative weight",
      ok,
      { eps: 0.1, sampleWeight: [1, -2] },
      RangeError,
      "options.sampleWeight[1] must be a finite number >= 0 (got -2)",
    ],
    ["a NaN weight", ok, { eps: 0.1, sampleWeight: [Number.NaN, 1] }, RangeError, "options.sampleWeight[0]"],
    ["workers 0", ok, { eps: 0.1, workers: 0 }, RangeError, "options.workers must be an integer >= 1 (got 0)"],
    ["onProgress not a function", ok, { eps: 0.1, onProgress: 3 }, TypeError, "options.onProgress must be a function"],
  ] as const)("throws on %s", (_, points, options, type, message) => {
    const run = (): unknown => dbscan(points as unknown as Points, options as never);
    expect(run).toThrow(type);
    expect(run).toThrow(`[@faultline/dbscan] ${message}`);
  });

  it("throws a TypeError without options", () => {
    expect(() => dbscan(ok, undefined as never)).toThrow(TypeError);
  });
});
