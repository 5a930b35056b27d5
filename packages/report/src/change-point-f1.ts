// F1 score for change-point detection with a margin, as TCPDBench scores it (van den Burg & Williams, "An
// Evaluation of Change Point Detection Algorithms", 2020, metrics.py: true_positives and f_measure).

/** Options of {@link changePointF1}. */
export interface ChangePointF1Options {
  /**
   * A prediction within this many points of a true change point counts as a hit (each used at most once).
   * @defaultValue 5
   */
  margin?: number;
  /**
   * Weight of precision against recall, as TCPDBench's `alpha`: 0.5 gives the harmonic mean (F1).
   * @defaultValue 0.5
   */
  alpha?: number;
}

/** Precision, recall and F-score of a set of predicted change points. */
export interface ChangePointF1Result {
  f1: number;
  precision: number;
  recall: number;
}

import { assertNonNegative, assertUnitInterval, typeError } from "./internal/assert";

/** True change points matched by a distinct prediction within `margin`, closest first (TCPDBench). */
function truePositives(truth: ReadonlySet<number>, predicted: ReadonlySet<number>, margin: number): number {
  const left = new Set(predicted);
  let hits = 0;
  for (const tau of [...truth].sort((a, b) => a - b)) {
    let best: number | undefined;
    for (const x of left) {
      const d = Math.abs(tau - x);
      if (d <= margin && (best === undefined || d < Math.abs(tau - best) || (d === Math.abs(tau - best) && x < best)))
        best = x;
    }
    if (best !== undefined) {
      hits += 1;
      left.delete(best);
    }
  }
  return hits;
}

/**
 * F1 of predicted change points against one annotation, exactly as TCPDBench's `f_measure` with one annotator:
 * index 0 is added to both sets (so a series without changes and without predictions scores 1), a true change
 * point is hit when a not-yet-used prediction lies within `margin`, precision = hits / |predicted|,
 * recall = hits / |truth|.
 *
 * @throws TypeError when an argument is not an array of integers; RangeError for a bad option.
 * @example
 * changePointF1([50], [52]); // => { f1: 1, precision: 1, recall: 1 }
 */
export function changePointF1(
  truth: readonly number[],
  predicted: readonly number[],
  options: ChangePointF1Options = {},
): ChangePointF1Result {
  for (const [list, name] of [
    [truth, "truth"],
    [predicted, "predicted"],
  ] as const) {
    if (!Array.isArray(list)) throw typeError(`${name} must be an array of indices`);
    list.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0) throw typeError(`${name}[${i}] must be an integer >= 0 (got ${String(v)})`);
    });
  }
  const margin = options.margin ?? 5;
  const alpha = options.alpha ?? 0.5;
  assertNonNegative(margin, "options.margin");
  assertUnitInterval(alpha, "options.alpha");
  const t = new Set([0, ...truth]);
  const x = new Set([0, ...predicted]);
  // TCPDBench scores precision against the union of annotations and recall per annotator; with one annotator
  // both use the same set.
  const hits = truePositives(t, x, margin);
  const precision = hits / x.size;
  const recall = hits / t.size;
  const f1 = precision + recall === 0 ? 0 : (precision * recall) / (alpha * recall + (1 - alpha) * precision);
  return { f1, precision, recall };
}
