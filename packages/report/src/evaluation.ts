// Clustering evaluation: adjusted Rand index (Hubert & Arabie 1985, as scikit-learn's adjusted_rand_score) and
// grouping accuracy (Zhu et al., "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019, as
// logpai/logparser's evaluator computes it).
import { typeError } from "./internal/assert";

/** A label sequence: numbers (cluster ids, typed arrays welcome) or strings (e.g. Loghub `EventId`s). */
export type Labels = ArrayLike<number> | readonly string[];

/** Options of {@link groupingAccuracy}. */
export interface GroupingAccuracyOptions {
  /**
   * Predicted label that marks noise. Each noise point counts as its own singleton group, so it is correct only
   * when its true group has exactly one line. Set to `null` to treat it as an ordinary label.
   * @defaultValue -1
   */
  noiseLabel?: number | string | null;
}

function checkPair(truth: Labels, predicted: Labels, fn: string): void {
  if (truth == null || typeof truth.length !== "number") throw typeError(`${fn}: truth must be an array of labels`);
  if (predicted == null || typeof predicted.length !== "number")
    throw typeError(`${fn}: predicted must be an array of labels`);
  if (truth.length !== predicted.length)
    throw typeError(
      `${fn}: truth and predicted must have the same length (got ${truth.length} and ${predicted.length})`,
    );
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if ((typeof t !== "number" && typeof t !== "string") || (typeof t === "number" && Number.isNaN(t)))
      throw typeError(`${fn}: truth[${i}] must be a number or a string (got ${String(t)})`);
    if ((typeof p !== "number" && typeof p !== "string") || (typeof p === "number" && Number.isNaN(p)))
      throw typeError(`${fn}: predicted[${i}] must be a number or a string (got ${String(p)})`);
  }
}

/** Maps arbitrary labels to dense ids 0..k-1. */
function densify(labels: Labels): { ids: Int32Array; k: number } {
  const map = new Map<number | string, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const key = labels[i]!;
    let id = map.get(key);
    if (id === undefined) {
      id = map.size;
      map.set(key, id);
    }
    ids[i] = id;
  }
  return { ids, k: map.size };
}

/**
 * Adjusted Rand index between two labellings: 1 for identical partitions (up to renaming), about 0 for random
 * ones, negative when worse than chance. Labels are compared as values, so `-1` (noise) is one ordinary cluster,
 * exactly as scikit-learn's `adjusted_rand_score`. Degenerate inputs follow scikit-learn too: 1 when the partitions are
 * identical (including one cluster on both sides, or all singletons) and when there are fewer than two points.
 *
 * @throws TypeError when the arrays differ in length or hold something other than numbers and strings.
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 */
export function adjustedRandIndex(truth: Labels, predicted: Labels): number {
  checkPair(truth, predicted, "adjustedRandIndex");
  const n = truth.length;
  if (n < 2) return 1;
  const a = densify(truth);
  const b = densify(predicted);
  const cells = new Map<number, number>();
  const rows = new Float64Array(a.k);
  const cols = new Float64Array(b.k);
  for (let i = 0; i < n; i++) {
    const key = a.ids[i]! * b.k + b.ids[i]!;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows[a.ids[i]!]! += 1;
    cols[b.ids[i]!]! += 1;
  }
  // Ordered pair counts, the form scikit-learn's pair_confusion_matrix uses (1.2.1).
  let sumSquares = 0;
  for (const c of cells.values()) sumSquares += c * c;
  let rowDot = 0; // sum over cells of cell * its row total
  let colDot = 0;
  for (const [key, c] of cells) {
    rowDot += c * rows[Math.floor(key / b.k)]!;
    colDot += c * cols[key % b.k]!;
  }
  const tp = sumSquares - n;
  const fp = colDot - sumSquares; // same predicted cluster, different true class
  const fn = rowDot - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Grouping accuracy (GA) as logpai/logparser's evaluator computes it: a line counts as correct only when its
 * predicted group holds exactly the lines of its true group; GA = correct lines / all lines. Noise points
 * (`noiseLabel`) are singleton groups. Returns 1 for empty input.
 *
 * @throws TypeError when the arrays differ in length or hold something other than numbers and strings.
 * @example
 * groupingAccuracy(["E1", "E1", "E2"], [0, 0, 0]); // => 0
 */
export function groupingAccuracy(truth: Labels, predicted: Labels, options: GroupingAccuracyOptions = {}): number {
  checkPair(truth, predicted, "groupingAccuracy");
  const n = truth.length;
  if (n === 0) return 1;
  const noise = options.noiseLabel === undefined ? -1 : options.noiseLabel;
  const t = densify(truth);
  const trueSize = new Int32Array(t.k);
  for (let i = 0; i < n; i++) trueSize[t.ids[i]!]! += 1;
  // Members of each predicted group; noise points get a group of their own.
  const groups = new Map<number | string, number[]>();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    if (noise !== null && p === noise) {
      if (trueSize[t.ids[i]!] === 1) correct += 1;
      continue;
    }
    let g = groups.get(p);
    if (!g) {
      g = [];
      groups.set(p, g);
    }
    g.push(i);
  }
  for (const members of groups.values()) {
    const first = t.ids[members[0]!]!;
    if (members.every((i) => t.ids[i] === first) && trueSize[first] === members.length) correct += members.length;
  }
  return correct / n;
}
