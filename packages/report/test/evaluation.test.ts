import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, groupingAccuracy } from "../src/index";

const golden = JSON.parse(readFileSync(new URL("./fixtures/ari-golden.json", import.meta.url), "utf8")) as {
  cases: { truth: number[]; predicted: number[]; ari: number }[];
};

describe("adjustedRandIndex", () => {
  it.each(golden.cases.map((c, i) => [i, c] as const))("matches scikit-learn 1.2.1 on golden case %i", (_, c) => {
    expect(adjustedRandIndex(c.truth, c.predicted)).toBeCloseTo(c.ari, 12);
  });

  it.each([
    [[0, 0, 1, 1], [1, 1, 0, 0], 1],
    [[0, 0, 0, 0], [0, 1, 2, 3], 0],
    // By hand: 2 same-truth pairs, 3 same-predicted pairs, 1 in both; expected 2·3/6 = 1 = index, so 0.
    [[0, 0, 1, 1], [0, 0, 0, 1], 0],
    [[0, 0, 1, 2], [0, 0, 1, 1], 0.5714285714285714],
    [[], [], 1],
    [[3], [7], 1],
  ])("ARI(%j, %j) = %d", (truth, predicted, expected) => {
    expect(adjustedRandIndex(truth, predicted)).toBeCloseTo(expected, 12);
  });

  it("takes string labels and typed arrays", () => {
    expect(adjustedRandIndex(["a", "a", "b"], Int32Array.from([5, 5, -1]))).toBe(1);
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: -1, max: 4 })), { minLength: 2 })])(
    "is symmetric and invariant to renaming labels",
    (pairs) => {
      const a = pairs.map((p) => p[0]);
      const b = pairs.map((p) => p[1]);
      expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 12);
      expect(adjustedRandIndex(a, b)).toBeCloseTo(
        adjustedRandIndex(
          a.map((x) => `L${x * 7}`),
          b,
        ),
        12,
      );
      expect(adjustedRandIndex(a, b)).toBeLessThanOrEqual(1 + 1e-12);
    },
  );

  it("rejects arrays of different lengths and non-label values", () => {
    expect(() => adjustedRandIndex([1, 2], [1])).toThrow(
      "[@faultline/report] adjustedRandIndex: truth and predicted must have the same length (got 2 and 1)",
    );
    expect(() => adjustedRandIndex([1, Number.NaN], [1, 2])).toThrow(TypeError);
  });
});

describe("groupingAccuracy", () => {
  it.each([
    // Every predicted group equals a true group.
    [["A", "A", "B"], [0, 0, 1], 1],
    // One predicted group holds two true groups: all three lines are wrong.
    [["A", "A", "B"], [0, 0, 0], 0],
    // Split true group: neither half holds all of A; B (singleton) is right.
    [["A", "A", "B"], [0, 1, 2], 1 / 3],
    // Noise is a singleton: right only when its true group has one line.
    [["A", "A", "B"], [0, 0, -1], 1],
    [["A", "A", "B"], [-1, -1, 1], 1 / 3],
    // Two noise points of the same true group are two singletons, not one group.
    [["A", "A"], [-1, -1], 0],
    [[], [], 1],
  ])("GA(%j, %j) = %d", (truth, predicted, expected) => {
    expect(groupingAccuracy(truth, predicted)).toBeCloseTo(expected, 12);
  });

  it("treats noise as an ordinary label with noiseLabel: null", () => {
    expect(groupingAccuracy(["A", "A"], [-1, -1], { noiseLabel: null })).toBe(1);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1 })])(
    "is 1 for the truth itself and in [0, 1]",
    (t) => {
      expect(groupingAccuracy(t, t)).toBe(1);
      expect(
        groupingAccuracy(
          t,
          t.map(() => 0),
        ),
      ).toBeGreaterThanOrEqual(0);
    },
  );

  it("rejects mismatched lengths", () => {
    expect(() => groupingAccuracy(["a"], [])).toThrow(TypeError);
  });
});
