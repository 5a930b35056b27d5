/// <reference path="./fast-levenshtein.d.ts" />
import levenshtein from "fast-levenshtein";

/** Levenshtein distance divided by the longer length: 0 for equal strings, 1 for nothing in common. */
export function normalizedDistance(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 0;
  if (a === b) return 0;
  return levenshtein.get(a, b) / max;
}

/**
 * Pairs of strings (i < j) whose normalized distance is at most `threshold`. Strings are visited by length so
 * that pairs whose length ratio alone rules them out are never compared: |la − lb| / max ≤ d is necessary.
 */
export function closePairs(texts: readonly string[], threshold: number): { i: number; j: number; distance: number }[] {
  const order = texts.map((t, i) => ({ i, len: t.length })).sort((x, y) => x.len - y.len || x.i - y.i);
  const out: { i: number; j: number; distance: number }[] = [];
  for (let a = 0; a < order.length; a++) {
    const x = order[a]!;
    for (let b = a + 1; b < order.length; b++) {
      const y = order[b]!;
      if (y.len > 0 && (y.len - x.len) / y.len > threshold) break;
      const d = normalizedDistance(texts[x.i]!, texts[y.i]!);
      if (d <= threshold) out.push({ i: Math.min(x.i, y.i), j: Math.max(x.i, y.i), distance: d });
    }
  }
  return out;
}
