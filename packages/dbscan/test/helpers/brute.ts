/**
 * A direct port of scikit-learn's DBSCAN (`DBSCAN.fit` + `_dbscan_inner.dbscan_inner`): every pairwise distance,
 * neighbourhoods, weights, then the depth-first expansion in index order. O(n²): small inputs only. It shares no
 * code with the package, so agreement is evidence, not tautology.
 */
export function bruteDistance(a: ArrayLike<number>, b: ArrayLike<number>, metric: "cosine" | "euclidean"): number {
  if (metric === "euclidean") {
    let s = 0;
    for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
    return Math.sqrt(s);
  }
  // sklearn.preprocessing.normalize leaves zero rows at zero; cosine_distances clips to [0, 2].
  const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0)) || 1;
  const na = norm(a);
  const nb = norm(b);
  let dot = 0;
  for (let k = 0; k < a.length; k++) dot += (a[k] / na) * (b[k] / nb);
  return Math.min(2, Math.max(0, 1 - dot));
}

export function bruteDbscan(
  rows: readonly ArrayLike<number>[],
  eps: number,
  minSamples: number,
  metric: "cosine" | "euclidean" = "cosine",
  weights?: ArrayLike<number>,
): { labels: number[]; core: number[]; distances: number[][] } {
  const n = rows.length;
  const distances = rows.map((a) => rows.map((b) => bruteDistance(a, b, metric)));
  const neighbourhoods = distances.map((row) => row.flatMap((v, j) => (v <= eps ? [j] : [])));
  const isCore = neighbourhoods.map((nb) => nb.reduce((s, j) => s + (weights ? weights[j] : 1), 0) >= minSamples);
  const labels = new Array<number>(n).fill(-1);
  let label = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1 || !isCore[start]) continue;
    const stack: number[] = [];
    let i = start;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = label;
        if (isCore[i]) for (const v of neighbourhoods[i]) if (labels[v] === -1) stack.push(v);
      }
      if (stack.length === 0) break;
      i = stack.pop()!;
    }
    label++;
  }
  return { labels, core: isCore.flatMap((c, i) => (c ? [i] : [])), distances };
}

/** Smallest |distance − eps| over all pairs: property tests skip inputs that sit on a rounding tie. */
export function closestToEps(distances: number[][], eps: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const row of distances) for (const v of row) best = Math.min(best, Math.abs(v - eps));
  return best;
}

/** Clusters as sets of core indices, independent of numbering: sorted lists of sorted members. */
export function corePartition(
  labels: ArrayLike<number>,
  core: ArrayLike<number>,
  relabel?: (i: number) => number,
): string {
  const groups = new Map<number, number[]>();
  for (let t = 0; t < core.length; t++) {
    const i = core[t];
    const key = labels[i];
    const list = groups.get(key) ?? [];
    list.push(relabel ? relabel(i) : i);
    groups.set(key, list);
  }
  return JSON.stringify([...groups.values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]));
}
