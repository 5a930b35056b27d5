// Clustering scores. Noise (-1) is scored as singletons: a line left unclustered is a group of its own.

/** Turns per-line predicted labels (noise = -1) into group keys, each noise line its own group. */
export function groupsOf(predicted: ArrayLike<number>): string[] {
  return Array.from({ length: predicted.length }, (_, i) => (predicted[i]! < 0 ? `noise-${i}` : `c${predicted[i]}`));
}

/** Loghub grouping accuracy (logpai/logparser): a line is correct when its group holds exactly its true group. */
export function groupingAccuracy(truth: readonly string[], groups: readonly string[]): number {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const members = byGroup.get(g);
    if (members) members.push(i);
    else byGroup.set(g, [i]);
  });
  const trueSize = new Map<string, number>();
  for (const t of truth) trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
  let correct = 0;
  for (const members of byGroup.values()) {
    const t = truth[members[0]!]!;
    if (members.every((i) => truth[i] === t) && trueSize.get(t) === members.length) correct += members.length;
  }
  return correct / truth.length;
}

const choose2 = (n: number): number => (n * (n - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie, 1985). */
export function adjustedRandIndex(truth: readonly string[], groups: readonly string[]): number {
  const table = new Map<string, number>();
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  truth.forEach((t, i) => {
    const g = groups[i]!;
    table.set(`${t}\u0000${g}`, (table.get(`${t}\u0000${g}`) ?? 0) + 1);
    a.set(t, (a.get(t) ?? 0) + 1);
    b.set(g, (b.get(g) ?? 0) + 1);
  });
  let index = 0;
  for (const n of table.values()) index += choose2(n);
  let sa = 0;
  for (const n of a.values()) sa += choose2(n);
  let sb = 0;
  for (const n of b.values()) sb += choose2(n);
  const expected = (sa * sb) / choose2(truth.length);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
