// A small synthetic corpus of three log templates with variable parts, for Doc2Vec tests.
export const TEMPLATES: ((i: number) => string[])[] = [
  (i) => ["pod", `api${i % 5}`, "crashed", "with", "exit", "code", "<num>", "back-off", "restarting"],
  (i) => ["image", "pull", "failed", "for", `registry${i % 4}`, "manifest", "unknown", "not", "found"],
  (i) => ["helm", "release", `svc${i % 6}`, "timed", "out", "waiting", "for", "the", "condition"],
];

export function templated(n: number): { docs: string[][]; labels: number[] } {
  const docs: string[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i % TEMPLATES.length;
    docs.push(TEMPLATES[t]!(i));
    labels.push(t);
  }
  return { docs, labels };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! * a[k]!;
    nb += b[k]! * b[k]!;
  }
  return dot / Math.sqrt(na * nb);
}

export function rowOf(m: { data: Float32Array; cols: number }, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}
