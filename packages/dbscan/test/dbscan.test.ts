import { describe, expect, expectTypeOf, it } from "vitest";
import { type DbscanOptions, type DbscanResult, dbscan } from "../src/index";

const unit = (deg: number): number[] => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];

describe("dbscan", () => {
  it("clusters two directions and leaves an isolated row as noise", () => {
    const rows = [
      [1, 0],
      [1, 0.01],
      [0.99, 0.02],
      [0, 1],
      [0.01, 1],
      [0.02, 0.99],
      [-1, -1],
    ];
    const result = dbscan(rows, { eps: 0.01, minSamples: 3 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(Array.from(result.coreSampleIndices)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.nClusters).toBe(2);
  });

  it("returns an empty result for empty input", () => {
    expect(dbscan([], { eps: 0.1 })).toEqual({
      labels: new Int32Array(0),
      coreSampleIndices: new Int32Array(0),
      nClusters: 0,
    });
    expect(dbscan({ data: new Float32Array(0), rows: 0, cols: 8 }, { eps: 0.1 }).labels.length).toBe(0);
  });

  it("counts a row as its own neighbour and treats distance == eps as a neighbour", () => {
    // Angles 0°, 60°: cosine distance exactly 0.5 (cos 60° rounds to 0.5000000000000001, so use 0.5 + 1e-12).
    const rows = [unit(0), unit(60)];
    expect(Array.from(dbscan(rows, { eps: 0.5 + 1e-12, minSamples: 2 }).labels)).toEqual([0, 0]);
    expect(Array.from(dbscan(rows, { eps: 0.5 - 1e-12, minSamples: 2 }).labels)).toEqual([-1, -1]);
    expect(Array.from(dbscan(rows, { eps: 0.1, minSamples: 1 }).labels)).toEqual([0, 1]);
    // Integer coordinates: the distance is exactly eps.
    expect(
      Array.from(
        dbscan(
          [
            [0, 0],
            [3, 4],
          ],
          { eps: 5, minSamples: 2, metric: "euclidean" },
        ).labels,
      ),
    ).toEqual([0, 0]);
  });

  it("gives a border row reachable from two clusters to the lower-numbered one", () => {
    // Row at 45° is 33° from 12° and from 78°, further from the rest: 3 neighbours, so a border row of both.
    const eps = 1 - Math.cos((34 * Math.PI) / 180);
    const a = [6, 7, 8, 12].map(unit);
    const b = [78, 82, 83, 84].map(unit);
    const first = dbscan([...a, unit(45), ...b], { eps, minSamples: 4 });
    expect(Array.from(first.coreSampleIndices)).not.toContain(4);
    expect(Array.from(first.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const second = dbscan([...b, unit(45), ...a], { eps, minSamples: 4 });
    expect(Array.from(second.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it("puts zero rows at cosine distance 1 from everything, themselves included (scikit-learn)", () => {
    const rows = [
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 0.01],
      [0.99, 0.02],
    ];
    expect(Array.from(dbscan(rows, { eps: 0.5, minSamples: 2 }).labels)).toEqual([-1, -1, -1, 0, 0, 0]);
    expect(Array.from(dbscan(rows, { eps: 1, minSamples: 2 }).labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(dbscan(rows, { eps: 1, minSamples: 4 }).coreSampleIndices)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(dbscan(rows, { eps: 1, minSamples: 7 }).coreSampleIndices)).toEqual([]);
  });

  it("normalises rows of extreme magnitude first, and treats rows whose norm leaves float64 as zero rows", () => {
    const rows = [
      [1e150, 1e149],
      [3e-120, 3e-121],
      [2, 0.2],
      [1e300, 1e300],
      [1e-170, 0],
    ];
    const result = dbscan(rows, { eps: 0.01, minSamples: 3 });
    // Rows 0–2 point the same way; ‖row 3‖² overflows and ‖row 4‖² underflows: zero rows, noise.
    expect(Array.from(result.labels)).toEqual([0, 0, 0, -1, -1]);
  });

  it("makes every pair neighbours from eps = 2 on under cosine", () => {
    const rows = [
      [1, 0],
      [-1, 0],
      [0, 0],
    ];
    expect(Array.from(dbscan(rows, { eps: 2, minSamples: 3 }).labels)).toEqual([0, 0, 0]);
  });

  it("weighs neighbourhoods with sampleWeight (itself included)", () => {
    const rows = [
      [1, 0],
      [1, 0.01],
      [0, 1],
    ];
    expect(Array.from(dbscan(rows, { eps: 0.01, minSamples: 5, sampleWeight: [4, 1, 5] }).labels)).toEqual([0, 0, 1]);
    expect(Array.from(dbscan(rows, { eps: 0.01, minSamples: 5, sampleWeight: [3, 1, 4.5] }).labels)).toEqual([
      -1, -1, -1,
    ]);
    // A zero weight still lets a row be core when its neighbours weigh enough.
    const zero = dbscan(rows, { eps: 0.01, minSamples: 5, sampleWeight: [0, 5, 0] });
    expect(Array.from(zero.coreSampleIndices)).toEqual([0, 1]);
  });

  it("decides fractional-weight ties as NumPy's pairwise sum does", () => {
    // Ten rows weighing 0.1: the plain running sum gives 0.9999999999999999 < 1, NumPy's pairwise sum gives 1.
    const rows = Array.from({ length: 10 }, (_, i) => [1, i * 1e-9]);
    const result = dbscan(rows, { eps: 0.1, minSamples: 1, sampleWeight: new Array(10).fill(0.1) });
    let running = 0;
    for (let i = 0; i < 10; i++) running += 0.1;
    expect(running).toBeLessThan(1);
    expect(result.coreSampleIndices.length).toBe(10);
  });

  it("clusters under the euclidean metric", () => {
    const rows = [
      [0, 0],
      [0, 1],
      [1, 0],
      [10, 10],
      [10, 11],
      [50, 50],
    ];
    expect(Array.from(dbscan(rows, { eps: 1, minSamples: 2, metric: "euclidean" }).labels)).toEqual([
      0, 0, 0, 1, 1, -1,
    ]);
  });

  it("clusters wide rows (32 values or more) under the euclidean metric", () => {
    // 400 points 0.5 apart on a line: one chain. Rows this wide take the early-exit path, whose group-centre
    // bound once used the cosine formula under the euclidean metric too and split the chain.
    const line = (d: number) =>
      Array.from({ length: 400 }, (_, i) => Array.from({ length: d }, (_, k) => (k === 0 ? i * 0.5 : 0)));
    for (const d of [31, 32, 80]) {
      const labels = dbscan(line(d), { eps: 1, minSamples: 3, metric: "euclidean" }).labels;
      expect(new Set(labels), `d = ${d}`).toEqual(new Set([0]));
    }
    const one = new Array(32).fill(1);
    const weighted = dbscan([one, one.map((v) => v + 100)], {
      eps: 0.5,
      minSamples: 1,
      metric: "euclidean",
      sampleWeight: [0.5, 1],
    });
    expect(Array.from(weighted.labels)).toEqual([-1, 0]);
  });

  it("clusters sparse high-dimensional rows (the CSR path) like the dense ones", () => {
    const d = 256;
    const rows = Array.from({ length: 60 }, (_, i) => {
      const v = new Array(d).fill(0);
      const t = i % 3;
      for (let k = 0; k < 6; k++) v[t * 20 + k] = 1 + k;
      v[100 + i] = i % 2 === 0 ? 0.5 : 0;
      return v;
    });
    const { labels, nClusters } = dbscan(rows, { eps: 0.05, minSamples: 5 });
    expect(nClusters).toBe(3);
    expect(Array.from(labels.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("reports progress up to its total and stops on an aborted signal", () => {
    const rows = Array.from({ length: 400 }, (_, i) => unit(i % 90));
    const seen: [number, number][] = [];
    dbscan(rows, { eps: 0.01, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(0);
    const [lastDone, total] = seen[seen.length - 1]!;
    expect(lastDone).toBe(total);
    expect(seen.every(([d], t) => t === 0 || d > seen[t - 1]![0])).toBe(true);

    const controller = new AbortController();
    expect(() =>
      dbscan(rows, { eps: 0.01, signal: controller.signal, onProgress: () => controller.abort(new Error("stop")) }),
    ).toThrow("stop");
    expect(() => dbscan(rows, { eps: 0.01, signal: AbortSignal.abort() })).toThrow();
  });

  it("types options and results", () => {
    expectTypeOf(dbscan).returns.toEqualTypeOf<DbscanResult>();
    expectTypeOf<DbscanOptions["metric"]>().toEqualTypeOf<"cosine" | "euclidean" | undefined>();
    // @ts-expect-error exactOptionalPropertyTypes: undefined cannot replace a default
    const bad: DbscanOptions = { eps: 0.1, minSamples: undefined };
    expect(bad.eps).toBe(0.1);
  });
});
