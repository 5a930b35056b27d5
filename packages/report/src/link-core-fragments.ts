// Joins clusters that are one cause told two ways. A deployment engine reports the same failure as a framed summary
// ("error while building container image api: ERROR: failed to detect: no buildpack groups passed detection") and as
// raw build output holding the same core line; the vectors of the two sit far apart because of everything around the
// core. A clause that (nearly) every event of each cluster carrying it has, and that does not only ever open a line
// (where engines put context such as "error while building container image api"), is that core.

/**
 * Clauses of a cause key: split at line breaks and at ". ", ": ", "; ", ", " boundaries; `leading` marks the first
 * clause of a line that has several (where a report puts its context: "error while building image api: …").
 */
function clauses(key: string): { clause: string; leading: boolean }[] {
  const out: { clause: string; leading: boolean }[] = [];
  for (const line of key.split("\n")) {
    const parts = line.split(/[.:;,](?:\s|$)/);
    parts.forEach((raw, i) => {
      const clause = raw.replace(/\s+/g, " ").trim();
      // Specific enough to name a cause: at least four words that are not placeholders.
      const words = clause.split(" ").filter((w) => /[a-z]{2,}/.test(w) && !w.startsWith("<"));
      if (words.length >= 4) out.push({ clause, leading: i === 0 && parts.length > 1 });
    });
  }
  return out;
}

/**
 * Unites the clusters that carry a core clause when it is carried by at least `coverage` of the events of every one
 * of them (so no cluster carries it only in passing), and it appears somewhere other than at the head of a line.
 * Returns new labels (noise stays −1).
 */
export function linkCoreFragments(
  keys: readonly string[],
  counts: readonly number[],
  labels: Int32Array,
  coverage = 0.9,
): Int32Array {
  const clusterSize = new Map<number, number>();
  for (let c = 0; c < keys.length; c++) {
    const l = labels[c]!;
    if (l >= 0) clusterSize.set(l, (clusterSize.get(l) ?? 0) + counts[c]!);
  }
  // clause → cluster → events carrying it; and the clauses seen somewhere other than at the head of a line
  const carried = new Map<string, Map<number, number>>();
  const notOnlyLeading = new Set<string>();
  for (let c = 0; c < keys.length; c++) {
    const l = labels[c]!;
    if (l < 0) continue;
    const seen = new Set<string>();
    for (const { clause, leading } of clauses(keys[c]!)) {
      if (!leading) notOnlyLeading.add(clause);
      if (seen.has(clause)) continue;
      seen.add(clause);
      let byCluster = carried.get(clause);
      if (byCluster === undefined) {
        byCluster = new Map();
        carried.set(clause, byCluster);
      }
      byCluster.set(l, (byCluster.get(l) ?? 0) + counts[c]!);
    }
  }
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [clause, byCluster] of carried) {
    // A clause that only ever opens a line is context shared by many causes (the engine's wrapper), not a cause.
    if (byCluster.size < 2 || !notOnlyLeading.has(clause)) continue;
    const clusters = [...byCluster.keys()];
    // Exclusive and near-universal in every cluster that carries it.
    if (!clusters.every((l) => byCluster.get(l)! >= coverage * clusterSize.get(l)!)) continue;
    const root = find(clusters[0]!);
    for (const l of clusters.slice(1)) {
      const r = find(l);
      if (r !== root) parent.set(r, root);
    }
  }
  return Int32Array.from(labels, (l) => (l < 0 ? l : find(l)));
}
