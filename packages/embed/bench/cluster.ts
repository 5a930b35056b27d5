// Brute-force weighted DBSCAN on cosine distance, with scikit-learn's semantics (a point is core when the
// weights of its eps-neighbourhood, itself included, sum to at least minSamples). Used until the bench can
// depend on @faultline/dbscan. Zero rows have no defined cosine: each one is noise.
import type { DenseMatrix } from "../src/index";

export function dbscanCosine(m: DenseMatrix, weights: ArrayLike<number>, eps: number, minSamples: number): Int32Array {
  const { data, rows, cols } = m;
  const unit = new Float64Array(rows * cols);
  const zero = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let k = 0; k < cols; k++) norm += data[i * cols + k]! ** 2;
    if (norm === 0) zero[i] = 1;
    const inv = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    for (let k = 0; k < cols; k++) unit[i * cols + k] = data[i * cols + k]! * inv;
  }
  const neighbours: number[][] = Array.from({ length: rows }, () => []);
  const minCos = 1 - eps;
  for (let i = 0; i < rows; i++) {
    if (zero[i]) continue;
    neighbours[i]!.push(i);
    for (let j = i + 1; j < rows; j++) {
      if (zero[j]) continue;
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += unit[i * cols + k]! * unit[j * cols + k]!;
      if (dot >= minCos) {
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
    }
  }
  const core = neighbours.map((n) => n.reduce((s, j) => s + weights[j]!, 0) >= minSamples);
  const labels = new Int32Array(rows).fill(-1);
  let next = 0;
  for (let i = 0; i < rows; i++) {
    if (!core[i] || labels[i] !== -1) continue;
    const stack = [i];
    labels[i] = next;
    while (stack.length) {
      const p = stack.pop()!;
      if (!core[p]) continue;
      for (const q of neighbours[p]!) {
        if (labels[q] === -1) {
          labels[q] = next;
          stack.push(q);
        }
      }
    }
    next++;
  }
  return labels;
}
