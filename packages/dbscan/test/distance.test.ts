import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { cosineDistance, dbscan, euclideanDistance } from "../src/index";

const vec = fc
  .array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 })
  .filter((v) => v.some((x) => Math.abs(x) > 1e-6)); // subnormals square to 0

describe("cosineDistance", () => {
  it("follows scikit-learn on zero vectors and opposite directions", () => {
    expect(cosineDistance([0, 0], [1, 0])).toBe(1);
    expect(cosineDistance([0, 0], [0, 0])).toBe(1);
    expect(cosineDistance([1, 0], [-2, 0])).toBe(2);
    expect(cosineDistance([1, 0], [0, 2])).toBe(1);
  });

  it("treats vectors whose squared norm leaves float64 as zero vectors, as dbscan does", () => {
    expect(cosineDistance([1e200], [1e200])).toBe(1); // ‖x‖² overflows: was NaN
    expect(cosineDistance([Number.NaN, 1], [1, 1])).toBeNaN(); // a NaN value stays visible
    expect(cosineDistance([1e200, 0], [1, 0])).toBe(1);
    expect(cosineDistance([1e-160, 0], [1e-160, 0])).toBe(1); // ‖x‖² is subnormal
    expect(cosineDistance([1e150, 0], [2e150, 0])).toBe(0); // extreme values, but ‖x‖² fits: normalised first
    expect(cosineDistance([3e-120, 4e-120], [4e-120, 3e-120])).toBeCloseTo(1 - 24 / 25, 12);
    // dbscan puts the same rows at the same distances: the overflowing pair are noise, the others join at eps = 0.
    const rows = [[1e200], [1e200], [1e150], [2e150]];
    expect(Array.from(dbscan(rows, { eps: 1e-9, minSamples: 2 }).labels)).toEqual([-1, -1, 0, 0]);
  });

  test.prop([vec, vec])("is symmetric and in [0, 2]", (a, b) => {
    const d = cosineDistance(a, b);
    expect(d).toBeCloseTo(cosineDistance(b, a), 12);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(2);
  });

  test.prop([vec, vec, fc.double({ min: 1e-3, max: 1e3, noNaN: true })])("ignores positive scaling", (a, b, k) => {
    expect(cosineDistance(a, a)).toBeCloseTo(0, 12);
    expect(
      cosineDistance(
        a.map((x) => x * k),
        b,
      ),
    ).toBeCloseTo(cosineDistance(a, b), 12);
  });

  it("throws on vectors of different lengths", () => {
    expect(() => cosineDistance([1], [1, 2])).toThrow(TypeError);
    expect(() => euclideanDistance([1], [1, 2])).toThrow(
      "[@faultline/dbscan] euclideanDistance: a has 1 values, b has 2",
    );
  });
});

describe("euclideanDistance", () => {
  it("is the length of the difference", () => {
    expect(euclideanDistance([0, 0], [3, 4])).toBe(5);
  });
});
