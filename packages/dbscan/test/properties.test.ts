import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { dbscan, dedupeRows, expandResult, fitDbscan } from "../src/index";
import { bruteDbscan, closestToEps, corePartition } from "./helpers/brute";

/** Doubles in [−max, max] without magnitudes under 1e-100, whose squares leave float64's normal range (README). */
const plain = (max: number): fc.Arbitrary<number> =>
  fc.double({ min: -max, max, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v));

/** Small clustered data: rows are a few centres plus noise, with zero rows now and then. */
const clustered = (minD: number, maxD: number, maxRows = 40, minRows = 0): fc.Arbitrary<number[][]> =>
  fc.integer({ min: minD, max: maxD }).chain((d) =>
    fc
      .record({
        centres: fc.array(fc.array(plain(5), { minLength: d, maxLength: d }), {
          minLength: 1,
          maxLength: 4,
        }),
        rows: fc.array(
          fc.record({
            centre: fc.nat(),
            zero: fc.integer({ min: 0, max: 15 }),
            noise: fc.array(plain(0.4), { minLength: d, maxLength: d }),
          }),
          { minLength: minRows, maxLength: maxRows },
        ),
      })
      .map(({ centres, rows }) =>
        rows.map((r) =>
          r.zero === 0 ? new Array(d).fill(0) : centres[r.centre % centres.length]!.map((v, k) => v + r.noise[k]!),
        ),
      ),
  );

/** Random walks: each row one small step from the one before, now and then a jump to a new start. */
const walks = (minD: number, maxD: number, maxRows: number, minRows: number): fc.Arbitrary<number[][]> =>
  fc.integer({ min: minD, max: maxD }).chain((d) =>
    fc
      .array(
        fc.record({
          jump: fc.integer({ min: 0, max: 40 }),
          step: fc.array(plain(0.15), { minLength: d, maxLength: d }),
        }),
        { minLength: minRows, maxLength: maxRows },
      )
      .map((steps) => {
        const rows: number[][] = [];
        let at = new Array(d).fill(0);
        for (const { jump, step } of steps) {
          at = jump === 0 ? step.map((v) => v * 40) : at.map((v, k) => v + step[k]!);
          rows.push(at);
        }
        return rows;
      }),
  );

/** Mostly-zero rows of dimension 40 (the sparse CSR path): a few hot columns per centre. */
const sparseRows: fc.Arbitrary<number[][]> = fc
  .array(
    fc.record({
      topic: fc.integer({ min: 0, max: 2 }),
      extra: fc.integer({ min: 0, max: 39 }),
      weight: fc.double({ min: 0.1, max: 3, noNaN: true }),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map(({ topic, extra, weight }) => {
      const v = new Array(40).fill(0);
      for (let k = 0; k < 4; k++) v[topic * 5 + k] = 1 + k;
      v[extra] += weight;
      return v;
    }),
  );

const epsCosine = fc.double({ min: 0.001, max: 0.6, noNaN: true });
const minSamples = fc.integer({ min: 1, max: 6 });
// Inputs with a pair within this of eps sit on a rounding tie, where any two float64 orders may disagree.
const TIE = 1e-9;

describe("dbscan properties", () => {
  test.prop([clustered(2, 6), epsCosine, minSamples])(
    "agrees with a brute-force scikit-learn port (cosine)",
    (rows, eps, ms) => {
      const ref = bruteDbscan(rows, eps, ms, "cosine");
      fc.pre(closestToEps(ref.distances, eps) > TIE);
      const res = dbscan(rows, { eps, minSamples: ms });
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expect(Array.from(res.coreSampleIndices)).toEqual(ref.core);
    },
  );

  test.prop([clustered(33, 48, 30), epsCosine, minSamples])(
    "agrees with brute force on wide dense rows (early-exit bounds)",
    (rows, eps, ms) => {
      const ref = bruteDbscan(rows, eps, ms, "cosine");
      fc.pre(closestToEps(ref.distances, eps) > TIE);
      expect(Array.from(dbscan(rows, { eps, minSamples: ms }).labels)).toEqual(ref.labels);
    },
  );

  test.prop([sparseRows, epsCosine, minSamples])(
    "agrees with brute force on sparse rows (CSR path)",
    (rows, eps, ms) => {
      const ref = bruteDbscan(rows, eps, ms, "cosine");
      fc.pre(closestToEps(ref.distances, eps) > TIE);
      expect(Array.from(dbscan(rows, { eps, minSamples: ms }).labels)).toEqual(ref.labels);
    },
  );

  // Hundreds of rows: the partition tree, outlier groups and pruning across groups all take part.
  test.prop([clustered(3, 8, 700, 250), epsCosine, minSamples, fc.boolean()], { numRuns: 12 })(
    "agrees with brute force on hundreds of rows (pruned search)",
    (rows, eps, ms, euclidean) => {
      const metric = euclidean ? ("euclidean" as const) : ("cosine" as const);
      const e = euclidean ? eps * 5 : eps;
      const ref = bruteDbscan(rows, e, ms, metric);
      fc.pre(closestToEps(ref.distances, e) > TIE);
      const res = dbscan(rows, { eps: e, minSamples: ms, metric });
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expect(Array.from(res.coreSampleIndices)).toEqual(ref.core);
    },
  );

  // 32 values or more per row turn on the early-exit checkpoints; random walks make long chains, which the
  // partition splits into many groups, so pruning across groups decides most pairs.
  // endOnFailure: shrinking inputs of hundreds of wide rows, brute force included, takes many minutes.
  test.prop([walks(32, 48, 400, 150), fc.double({ min: 0.2, max: 2, noNaN: true }), minSamples], {
    numRuns: 8,
    endOnFailure: true,
  })("agrees with brute force under the euclidean metric on wide rows (pruned search)", (rows, eps, ms) => {
    const ref = bruteDbscan(rows, eps, ms, "euclidean");
    fc.pre(closestToEps(ref.distances, eps) > TIE);
    const res = dbscan(rows, { eps, minSamples: ms, metric: "euclidean" });
    expect(Array.from(res.labels)).toEqual(ref.labels);
    expect(Array.from(res.coreSampleIndices)).toEqual(ref.core);
  });

  test.prop([clustered(1, 5), fc.double({ min: 0.01, max: 3, noNaN: true }), minSamples])(
    "agrees with brute force under the euclidean metric",
    (rows, eps, ms) => {
      const ref = bruteDbscan(rows, eps, ms, "euclidean");
      fc.pre(closestToEps(ref.distances, eps) > TIE);
      const res = dbscan(rows, { eps, minSamples: ms, metric: "euclidean" });
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expect(Array.from(res.coreSampleIndices)).toEqual(ref.core);
    },
  );

  test.prop([clustered(2, 5), epsCosine, minSamples, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 })])(
    "agrees with brute force with integer weights",
    (rows, eps, ms, w) => {
      const weights = rows.map((_, i) => w[i] ?? 1);
      const ref = bruteDbscan(rows, eps, ms, "cosine", weights);
      fc.pre(closestToEps(ref.distances, eps) > TIE);
      expect(Array.from(dbscan(rows, { eps, minSamples: ms, sampleWeight: weights }).labels)).toEqual(ref.labels);
    },
  );

  test.prop([
    clustered(2, 6).chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length },
        ),
      ),
    ),
    epsCosine,
    minSamples,
  ])("keeps the partition of core rows when rows are permuted", ([rows, perm], eps, ms) => {
    const a = dbscan(rows, { eps, minSamples: ms });
    const b = dbscan(
      perm.map((i) => rows[i]!),
      { eps, minSamples: ms },
    );
    expect(corePartition(b.labels, b.coreSampleIndices, (i) => perm[i]!)).toBe(
      corePartition(a.labels, a.coreSampleIndices),
    );
  });

  test.prop([clustered(2, 6), epsCosine, minSamples, fc.array(fc.integer({ min: -30, max: 30 }), { maxLength: 40 })])(
    "changes nothing under cosine when rows are scaled by powers of two (exact)",
    (rows, eps, ms, exps) => {
      const scaled = rows.map((row, i) => row.map((v) => v * 2 ** (exps[i] ?? 0)));
      const a = dbscan(rows, { eps, minSamples: ms });
      const b = dbscan(scaled, { eps, minSamples: ms });
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    },
  );

  test.prop([
    clustered(2, 6),
    epsCosine,
    minSamples,
    fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { maxLength: 40 }),
  ])("changes nothing under cosine when rows are scaled by positive constants", (rows, eps, ms, factors) => {
    fc.pre(closestToEps(bruteDbscan(rows, eps, ms).distances, eps) > 1e-7);
    const scaled = rows.map((row, i) => row.map((v) => v * (factors[i] ?? 1)));
    expect(Array.from(dbscan(scaled, { eps, minSamples: ms }).labels)).toEqual(
      Array.from(dbscan(rows, { eps, minSamples: ms }).labels),
    );
  });

  test.prop([
    clustered(2, 5, 25).chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.array(fc.nat({ max: Math.max(0, rows.length - 1) }), { maxLength: rows.length === 0 ? 0 : 30 }),
      ),
    ),
    epsCosine,
    minSamples,
    fc.boolean(),
  ])("gives identical results through dedupe + weights", ([base, picks], eps, ms, euclidean) => {
    // Duplicates interleaved at random places, as they come in real logs.
    const rows = [...base, ...picks.map((i) => base[i]!)].sort((x, y) => x[0]! - y[0]!);
    const metric = euclidean ? ("euclidean" as const) : ("cosine" as const);
    const full = dbscan(rows, { eps, minSamples: ms, metric });
    const { points, weights, inverse } = dedupeRows(rows);
    const merged = expandResult(dbscan(points, { eps, minSamples: ms, metric, sampleWeight: weights }), inverse);
    expect(Array.from(merged.labels)).toEqual(Array.from(full.labels));
    expect(Array.from(merged.coreSampleIndices)).toEqual(Array.from(full.coreSampleIndices));
    expect(merged.nClusters).toBe(full.nClusters);
  });

  test.prop([clustered(2, 6), epsCosine, minSamples])("predicts the training rows' own labels", (rows, eps, ms) => {
    const model = fitDbscan(rows, { eps, minSamples: ms });
    expect(Array.from(model.predict(rows))).toEqual(Array.from(model.labels));
  });

  test.prop([clustered(3, 40, 400), epsCosine, minSamples], { numRuns: 6 })(
    "gives identical results with one and two threads",
    (rows, eps, ms) => {
      const one = dbscan(rows, { eps, minSamples: ms, workers: 1 });
      const two = dbscan(rows, { eps, minSamples: ms, workers: 2 });
      expect(two).toEqual(one);
    },
  );
});
