// Run-to-run diff: match the groups of two runs by template similarity and say what grew, shrank, appeared or went.
import type { ErrorGroup, ErrorGroupsResult } from "./error-groups";
import { assertNonNegative, assertUnitInterval, rangeError, typeError } from "./internal/assert";
import { normalizedDistance } from "./internal/similarity";
import { round } from "./internal/stats";

/** Options of {@link diffErrorGroups}. */
export interface ErrorDiffOptions {
  /**
   * Smallest template similarity (1 − normalized Levenshtein distance) at which a group of the first run and a
   * group of the second run are taken to be the same cause.
   * @defaultValue 0.75
   */
  minSimilarity?: number;
  /**
   * Share changes (in percentage points) up to this size count as `steady`.
   * @defaultValue 0.5
   */
  tolerance?: number;
  /**
   * How groups of the two runs are paired. `template`: by template similarity (runs clustered separately).
   * `labels`: by shared cluster labels, for two runs clustered together (`compareErrorRuns`), where a label means the
   * same cause in both; `similarity` is then the Jaccard index of the two groups' label sets.
   * @defaultValue "template"
   */
  match?: "template" | "labels";
}

/** How a cause moved between two runs. */
export type ErrorChangeStatus = "grew" | "shrank" | "steady" | "new" | "gone";

/** A group's figures in one run. */
export interface ErrorGroupSide {
  rank: number;
  count: number;
  sharePercent: number;
}

/** One cause across two runs. */
export interface ErrorGroupChange {
  status: ErrorChangeStatus;
  /** Template of the later run when the cause is present there, else of the earlier run. */
  template: string;
  representative: string;
  before: ErrorGroupSide | null;
  after: ErrorGroupSide | null;
  /** after − before share, in percentage points (a missing side counts as 0). */
  shareDelta: number;
  /** Template similarity of the matched pair, null for `new` and `gone`. */
  similarity: number | null;
}

/** Result of {@link diffErrorGroups}. */
export interface ErrorGroupsDiff {
  totals: { before: number; after: number };
  noise: { before: number; after: number; shareDelta: number };
  /** Sorted by the larger of the two shares, largest first. */
  changes: ErrorGroupChange[];
}

const defaults = { minSimilarity: 0.75, tolerance: 0.5, match: "template" as "template" | "labels" };

function side(g: ErrorGroup): ErrorGroupSide {
  return { rank: g.rank, count: g.count, sharePercent: g.sharePercent };
}

function checkResult(value: unknown, name: string): asserts value is ErrorGroupsResult {
  if (value === null || typeof value !== "object" || !Array.isArray((value as ErrorGroupsResult).groups))
    throw typeError(`${name} must be a result of buildErrorGroups`);
}

/**
 * Compares two runs of {@link buildErrorGroups} (e.g. last month and this month): groups are matched one-to-one
 * by template similarity, greedily from the most similar pair down, and each cause is reported as `grew`,
 * `shrank`, `steady`, `new` or `gone` with its share delta ("liveness probe failures 16.5 % → 9 %").
 *
 * @throws TypeError when an argument is not a buildErrorGroups result; RangeError for a bad option.
 * @example
 * const diff = diffErrorGroups(lastMonth, thisMonth);
 * diff.changes[0]; // => { status: "shrank", before: { sharePercent: 16.5, … }, after: { sharePercent: 9, … }, … }
 */
export function diffErrorGroups(
  before: ErrorGroupsResult,
  after: ErrorGroupsResult,
  options: ErrorDiffOptions = {},
): ErrorGroupsDiff {
  checkResult(before, "before");
  checkResult(after, "after");
  const opts = { ...defaults, ...options };
  assertUnitInterval(opts.minSimilarity, "options.minSimilarity");
  assertNonNegative(opts.tolerance, "options.tolerance");

  if (opts.match !== "template" && opts.match !== "labels") {
    throw rangeError(`options.match must be "template" or "labels" (got ${JSON.stringify(opts.match)})`);
  }
  const maxDistance = 1 - opts.minSimilarity;
  const pairs: { i: number; j: number; similarity: number }[] = [];
  if (opts.match === "labels") {
    for (let i = 0; i < before.groups.length; i++) {
      const a = new Set(before.groups[i]!.labels);
      for (let j = 0; j < after.groups.length; j++) {
        const b = after.groups[j]!.labels;
        const shared = b.filter((l) => a.has(l)).length;
        if (shared > 0) pairs.push({ i, j, similarity: shared / (a.size + b.length - shared) });
      }
    }
  }
  for (let i = 0; opts.match === "template" && i < before.groups.length; i++) {
    const a = before.groups[i]!.template;
    for (let j = 0; j < after.groups.length; j++) {
      const b = after.groups[j]!.template;
      const longer = Math.max(a.length, b.length);
      // The length gap alone bounds the distance from below: skip pairs it already rules out.
      if (longer > 0 && Math.abs(a.length - b.length) / longer > maxDistance) continue;
      const similarity = 1 - normalizedDistance(a, b);
      if (similarity >= opts.minSimilarity) pairs.push({ i, j, similarity });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity || x.i - y.i || x.j - y.j);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const changes: ErrorGroupChange[] = [];
  const classify = (delta: number): ErrorChangeStatus =>
    Math.abs(delta) <= opts.tolerance ? "steady" : delta > 0 ? "grew" : "shrank";
  for (const { i, j, similarity } of pairs) {
    if (usedBefore.has(i) || usedAfter.has(j)) continue;
    usedBefore.add(i);
    usedAfter.add(j);
    const b = before.groups[i]!;
    const a = after.groups[j]!;
    const delta = round(a.sharePercent - b.sharePercent, 1);
    changes.push({
      status: classify(delta),
      template: a.template,
      representative: a.representative,
      before: side(b),
      after: side(a),
      shareDelta: delta,
      similarity: round(similarity, 4),
    });
  }
  after.groups.forEach((a, j) => {
    if (usedAfter.has(j)) return;
    changes.push({
      status: "new",
      template: a.template,
      representative: a.representative,
      before: null,
      after: side(a),
      shareDelta: a.sharePercent,
      similarity: null,
    });
  });
  before.groups.forEach((b, i) => {
    if (usedBefore.has(i)) return;
    changes.push({
      status: "gone",
      template: b.template,
      representative: b.representative,
      before: side(b),
      after: null,
      shareDelta: round(-b.sharePercent, 1),
      similarity: null,
    });
  });
  const weight = (c: ErrorGroupChange): number => Math.max(c.before?.sharePercent ?? 0, c.after?.sharePercent ?? 0);
  changes.sort(
    (x, y) =>
      weight(y) - weight(x) ||
      (x.after?.rank ?? Number.MAX_SAFE_INTEGER) - (y.after?.rank ?? Number.MAX_SAFE_INTEGER) ||
      (x.before?.rank ?? Number.MAX_SAFE_INTEGER) - (y.before?.rank ?? Number.MAX_SAFE_INTEGER),
  );
  return {
    totals: { before: before.total, after: after.total },
    noise: {
      before: before.noise.sharePercent,
      after: after.noise.sharePercent,
      shareDelta: round(after.noise.sharePercent - before.noise.sharePercent, 1),
    },
    changes,
  };
}
