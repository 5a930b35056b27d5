import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { loadMetric } from "../scripts/sample-data";
import { buildDailySeries, changePointF1, detectChangePoints, generateLabelledSeries } from "../src/index";
import { pelt } from "../src/internal/pelt";
import { createRandom } from "../src/internal/random";

/** Optimal partitioning (Jackson et al. 2005), O(n²): the exact answer PELT must reproduce. */
function segmentCost(y: number[], a: number, b: number, lengthTerm: boolean): number {
  const seg = y.slice(a, b);
  const m = seg.reduce((s, v) => s + v, 0) / seg.length;
  return seg.reduce((s, v) => s + (v - m) ** 2, 0) + (lengthTerm ? Math.log(b - a) : 0);
}

function totalCost(y: number[], cps: number[], penalty: number, lengthTerm: boolean): number {
  const bounds = [0, ...cps, y.length];
  let total = penalty * cps.length;
  for (let k = 0; k + 1 < bounds.length; k++) total += segmentCost(y, bounds[k]!, bounds[k + 1]!, lengthTerm);
  return total;
}

function optimalPartitioning(y: number[], penalty: number, minSeg: number, lengthTerm: boolean): number[] {
  const n = y.length;
  const cost = (a: number, b: number): number => segmentCost(y, a, b, lengthTerm);
  const F = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const last = new Array<number>(n + 1).fill(-1);
  F[0] = -penalty;
  for (let t = minSeg; t <= n; t++)
    for (let s = 0; s <= t - minSeg; s++) {
      if (s !== 0 && s < minSeg) continue;
      const v = F[s]! + cost(s, t) + penalty;
      if (v < F[t]! - 1e-9) {
        F[t] = v;
        last[t] = s;
      }
    }
  const out: number[] = [];
  for (let t = n; last[t]! > 0; t = last[t]!) out.push(last[t]!);
  return out.reverse();
}

describe("pelt", () => {
  test.prop(
    [
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 40 }),
      fc.integer({ min: 1, max: 5 }),
      fc.boolean(),
      fc.double({ min: 0.5, max: 12, noNaN: true }),
    ],
    { numRuns: 300 },
  )("finds the same optimum as exhaustive optimal partitioning", (y, minSeg, lengthTerm, penalty) => {
    const got = pelt(y, penalty, minSeg, lengthTerm).changePoints;
    const want = optimalPartitioning(y, penalty, minSeg, lengthTerm);
    // Equal-cost segmentations exist (ties), so compare the penalized cost, and check segment lengths.
    expect(totalCost(y, got, penalty, lengthTerm)).toBeCloseTo(totalCost(y, want, penalty, lengthTerm), 7);
    const bounds = [0, ...got, y.length];
    if (got.length > 0)
      for (let k = 1; k < bounds.length; k++) expect(bounds[k]! - bounds[k - 1]!).toBeGreaterThanOrEqual(minSeg);
  });
});

describe("detectChangePoints", () => {
  it("finds a clean step", () => {
    const r = detectChangePoints([5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9], { period: 0, minSegmentLength: 3 });
    expect(r.changePoints).toEqual([6]);
    expect(r.segments.map((s) => s.mean)).toEqual([5, 9]);
  });

  it("reports nothing on pure noise with weekly seasonality and a trend", () => {
    const { values, phase } = generateLabelledSeries({ seed: 7, changes: 0, length: 150 });
    expect(detectChangePoints(values, { phase }).changePoints).toEqual([]);
  });

  it("replaces outliers instead of cutting segments around them", () => {
    const values = Array.from({ length: 40 }, (_, t) => 10 + 0.1 * Math.sin(t * 1.7));
    values[12] = 25;
    values[30] = -4;
    const r = detectChangePoints(values, { period: 0 });
    expect(r.changePoints).toEqual([]);
    expect(r.outliers).toEqual([12, 30]);
    expect(
      detectChangePoints(values, { period: 0, robust: false, minSegmentLength: 1 }).changePoints.length,
    ).toBeGreaterThan(0);
  });

  it("respects the minimum segment length", () => {
    const r = createRandom(5);
    const values = [...Array(10).fill(0), 8, 8, ...Array(10).fill(0)].map((v) => v + 0.5 * r.normal());
    expect(detectChangePoints(values, { period: 0, robust: false, minSegmentLength: 2 }).changePoints).toEqual([
      10, 12,
    ]);
    const longer = detectChangePoints(values, { period: 0, robust: false, minSegmentLength: 3 });
    for (const s of longer.segments) expect(s.end - s.start).toBeGreaterThanOrEqual(3);
  });

  it("finds the drop in the sample checkout conversion rate", () => {
    const series = buildDailySeries(loadMetric());
    const r = detectChangePoints(series.values, { phase: 1 });
    expect(r.changePoints.map((t) => series.dates[t])).toEqual(["2026-11-17"]);
    expect(r.outliers.map((t) => series.dates[t])).toEqual(["2026-10-31", "2026-11-12"]);
  });

  it("scores F1 ≥ 0.9 on 40 seeded labelled series (the bench runs more)", () => {
    let sum = 0;
    for (let seed = 0; seed < 40; seed++) {
      const g = generateLabelledSeries({ seed });
      sum += changePointF1(g.changePoints, detectChangePoints(g.values, { phase: g.phase }).changePoints).f1;
    }
    expect(sum / 40).toBeGreaterThanOrEqual(0.9);
  });

  it("validates input and options", () => {
    expect(() => detectChangePoints([1, Number.NaN])).toThrow("[@faultline/report] values[1] must be a finite number");
    expect(() => detectChangePoints([1, 2], { minSegmentLength: 0 })).toThrow(RangeError);
    expect(() => detectChangePoints([1, 2], { penalty: "aic" as never })).toThrow(
      'options.penalty must be "mbic", "bic" or a number',
    );
    expect(detectChangePoints([]).changePoints).toEqual([]);
  });
});

describe("changePointF1", () => {
  it.each([
    // TCPDBench's own doctest cases (true_positives) and hand-computed F1 with index 0 added to both sets.
    [[1, 10, 20, 23], [3, 8, 20], 4 / 4, 4 / 5],
    [[50], [52], 1, 1],
    [[50], [], 1 / 1, 1 / 2],
    [[], [], 1, 1],
    [[], [30, 60], 1 / 3, 1],
    [[20], [14], 1 / 2, 1 / 2],
  ])("truth %j, predicted %j → P %d R %d", (truth, predicted, precision, recall) => {
    const r = changePointF1(truth, predicted);
    expect(r.precision).toBeCloseTo(precision, 12);
    expect(r.recall).toBeCloseTo(recall, 12);
    expect(r.f1).toBeCloseTo(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), 12);
  });

  it("uses each prediction once", () => {
    expect(changePointF1([10, 12], [11]).recall).toBeCloseTo(2 / 3, 12);
  });

  it("validates input", () => {
    expect(() => changePointF1([1.5], [])).toThrow("truth[0] must be an integer >= 0");
  });
});

describe("generateLabelledSeries", () => {
  it("is deterministic for a seed and places change points at least minGap apart", () => {
    const a = generateLabelledSeries({ seed: 3, changes: 3 });
    expect(generateLabelledSeries({ seed: 3, changes: 3 })).toEqual(a);
    expect(a.values).toHaveLength(120);
    expect(a.changePoints).toHaveLength(3);
    const bounds = [0, ...a.changePoints, 120];
    for (let k = 1; k < bounds.length; k++) expect(bounds[k]! - bounds[k - 1]!).toBeGreaterThanOrEqual(10);
  });

  it("refuses impossible layouts", () => {
    expect(() => generateLabelledSeries({ seed: 1, length: 30, changes: 3 })).toThrow(RangeError);
  });
});
