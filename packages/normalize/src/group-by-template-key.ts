import { fail } from "./internal/assert";

/** Identical causes, counted: one entry per distinct template key. */
export interface TemplateGroup {
  readonly templateKey: string;
  /** How many inputs had this key. */
  readonly count: number;
  /** Positions of those inputs, ascending: map a cluster label back to every event. */
  readonly indices: readonly number[];
}

/**
 * Deduplicates normalised messages by template key, with counts, in order of first appearance:
 * embed each group once (with `count` as its sample weight) instead of every message.
 * @throws TypeError when an item has no string `templateKey` (names its index).
 * @example
 * groupByTemplateKey([{ templateKey: "a" }, { templateKey: "b" }, { templateKey: "a" }]);
 * // => [{ templateKey: "a", count: 2, indices: [0, 2] }, { templateKey: "b", count: 1, indices: [1] }]
 */
export function groupByTemplateKey(items: Iterable<{ readonly templateKey: string }>): TemplateGroup[] {
  if (items === null || typeof items !== "object" || !(Symbol.iterator in items)) {
    fail("items must be an iterable of { templateKey: string }");
  }
  const groups = new Map<string, { templateKey: string; count: number; indices: number[] }>();
  let i = 0;
  for (const item of items) {
    const key: unknown = item?.templateKey;
    if (typeof key !== "string") fail(`items[${i}].templateKey must be a string (got ${typeof key})`);
    let g = groups.get(key);
    if (g === undefined) {
      g = { templateKey: key, count: 0, indices: [] };
      groups.set(key, g);
    }
    g.count++;
    g.indices.push(i);
    i++;
  }
  return [...groups.values()];
}
