// Confidence interval of ours − gensim over seed runs, and the non-inferiority verdict it supports.
//
// The runs are unpaired: ours and gensim with the same seed number share no random stream, so pairing them by seed
// would not remove any noise. The interval is Welch's (unequal variances, Welch–Satterthwaite degrees of freedom).
import { mean, sd } from "./stats";
import { studentTQuantile } from "./student-t";

/** A two-sided confidence interval of mean(a) − mean(b). */
export interface DifferenceInterval {
  difference: number;
  low: number;
  high: number;
  /** Welch–Satterthwaite degrees of freedom (NaN when both samples are constant: the interval is then a point). */
  df: number;
  /** Welch's t statistic, difference / standard error (±Infinity or NaN when both samples are constant). */
  t: number;
}

/** Welch's two-sided `level` confidence interval of mean(a) − mean(b) for independent samples (each ≥ 2 values). */
export function welchInterval(a: readonly number[], b: readonly number[], level = 0.95): DifferenceInterval {
  const difference = mean(a) - mean(b);
  const va = sd(a) ** 2 / a.length;
  const vb = sd(b) ** 2 / b.length;
  const se = Math.sqrt(va + vb);
  const t = difference / se;
  if (se === 0) return { difference, low: difference, high: difference, df: Number.NaN, t };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = studentTQuantile(0.5 + level / 2, df) * se;
  return { difference, low: difference - half, high: difference + half, df, t };
}

/**
 * Non-inferiority at `margin` δ: ours is shown to be at most δ worse than gensim when the lower bound of the
 * two-sided 95% interval of ours − gensim is above −δ (a one-sided test at 2.5%).
 */
export const nonInferior = (interval: DifferenceInterval, margin: number): boolean => interval.low > -margin;
