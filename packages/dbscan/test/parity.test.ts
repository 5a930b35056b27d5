import { describe, expect, it } from "vitest";
import { dbscan } from "../src/index";
import { loadCase, refCases } from "./helpers/fixtures";

// scikit-learn's own labels (test/fixtures/dbscan-ref/NOTICE.md): element-for-element equality, nothing less.
describe("dbscan parity with scikit-learn", () => {
  it.each(refCases.map((c) => [c.name, c] as const))("gives scikit-learn's labels on %s", (_, c) => {
    const { data, labels, weights } = loadCase(c);
    const result = dbscan(
      { data, rows: c.n, cols: c.d },
      {
        eps: c.eps,
        minSamples: c.min_samples,
        metric: "cosine",
        workers: 1,
        ...(weights ? { sampleWeight: weights } : {}),
      },
    );
    expect(Array.from(result.labels)).toEqual(Array.from(labels));
    expect(result.nClusters).toBe(c.clusters);
    expect(result.labels.filter((l) => l === -1).length).toBe(c.noise);
  });

  it.each(refCases.filter((c) => c.n >= 2000).map((c) => [c.name, c] as const))(
    "gives the same labels with two threads on %s",
    (_, c) => {
      const { data, labels, weights } = loadCase(c);
      const result = dbscan(
        { data, rows: c.n, cols: c.d },
        { eps: c.eps, minSamples: c.min_samples, workers: 2, ...(weights ? { sampleWeight: weights } : {}) },
      );
      expect(Array.from(result.labels)).toEqual(Array.from(labels));
    },
  );

  it("gives the same labels from rows as from a float64 matrix", () => {
    const c = refCases.find((x) => x.name === "edge-500")!;
    const { data, labels } = loadCase(c);
    const rows = Array.from({ length: c.n }, (_, i) => Array.from(data.subarray(i * c.d, (i + 1) * c.d)));
    expect(Array.from(dbscan(rows, { eps: c.eps, minSamples: c.min_samples }).labels)).toEqual(Array.from(labels));
    const f64 = { data: Float64Array.from(data), rows: c.n, cols: c.d };
    expect(Array.from(dbscan(f64, { eps: c.eps, minSamples: c.min_samples }).labels)).toEqual(Array.from(labels));
  });

  it("keeps pairs that sit within 1e-7 of eps on the right side (float32 alone would flip them)", () => {
    // chain-3k has a pair 2.6e-8 from eps: any float32 decision would move it.
    const c = refCases.find((x) => x.name === "chain-3k")!;
    expect(c.min_abs_distance_minus_eps).toBeLessThan(1e-7);
    const { data, labels } = loadCase(c);
    const result = dbscan({ data, rows: c.n, cols: c.d }, { eps: c.eps, minSamples: c.min_samples });
    expect(Array.from(result.labels)).toEqual(Array.from(labels));
  });
});
