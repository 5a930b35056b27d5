// Token templates: the tokens every member shares, in order, with each varying stretch replaced by one `<*>`.
// Members are folded in one at a time with a longest-common-subsequence alignment (the merge step of
// LogMine / Drain-style template extraction), so the result is the same whatever the member token lengths.

/** The wildcard a template uses for a varying stretch of tokens. */
export const WILDCARD = "<*>";

/** Folds `tokens` into `template` (both token arrays) and returns the shared-token template. */
export function mergeTemplate(template: readonly string[], tokens: readonly string[]): string[] {
  if (template.length === tokens.length && template.every((t, i) => t === tokens[i])) return template.slice();
  const n = template.length;
  const m = tokens.length;
  // LCS table, (n+1) x (m+1), in one typed array. Wildcards never match, so they become gaps.
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const ti = template[i]!;
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] =
        ti !== WILDCARD && ti === tokens[j]
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const out: string[] = [];
  let gap = false;
  const pushGap = (): void => {
    if (out[out.length - 1] !== WILDCARD) out.push(WILDCARD);
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ti = template[i]!;
    if (ti !== WILDCARD && ti === tokens[j] && table[i * w + j] === table[(i + 1) * w + j + 1]! + 1) {
      if (gap) pushGap();
      gap = false;
      out.push(ti);
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) {
      gap = true;
      i++;
    } else {
      gap = true;
      j++;
    }
  }
  if (gap || i < n || j < m) pushGap();
  return out;
}

/** Template of several token sequences, folded in the given order (callers pass the most frequent first). */
export function buildTemplate(sequences: readonly (readonly string[])[]): string[] {
  if (sequences.length === 0) return [];
  let template = sequences[0]!.slice();
  for (let k = 1; k < sequences.length; k++) template = mergeTemplate(template, sequences[k]!);
  return template;
}
