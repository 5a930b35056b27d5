/**
 * Grouping accuracy as logpai/logparser's evaluator computes it: a message counts as correct only when
 * its predicted group holds exactly the messages of its true group.
 */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  const groups = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    const g = groups.get(p);
    if (g === undefined) groups.set(p, [i]);
    else g.push(i);
  });
  let correct = 0;
  for (const members of groups.values()) {
    const t = truth[members[0]!]!;
    if (members.every((i) => truth[i] === t) && truthSize.get(t) === members.length) correct += members.length;
  }
  return correct / predicted.length;
}
