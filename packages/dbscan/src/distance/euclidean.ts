import { checkPair } from "./cosine";

/**
 * Euclidean distance, √Σ(a_k − b_k)², as `dbscan` decides neighbours under `metric: "euclidean"`.
 * @throws TypeError when the lengths differ
 */
export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b, "euclideanDistance");
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const t = a[k] - b[k];
    s += t * t;
  }
  return Math.sqrt(s);
}
