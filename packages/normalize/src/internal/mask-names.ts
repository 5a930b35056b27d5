import type { MaskedParam } from "../mask";

export const NAME_MASK = "<NAME>";
export const NAME_RULE = "frame-variable";

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Masks literal names (a vendor frame's variables) where they stand as whole words, after the rules ran,
 * and merges their params with the rules' params in text order. Plain `indexOf` scans, no regex to
 * compile per message; longer names win where two overlap.
 */
export function maskNames(
  text: string,
  params: readonly MaskedParam[],
  names: readonly string[],
): { text: string; params: readonly MaskedParam[] } {
  const hits: { start: number; end: number }[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      const before = at === 0 ? 32 : text.charCodeAt(at - 1);
      const after = end >= text.length ? 32 : text.charCodeAt(end);
      // Not inside a word, and not inside a placeholder such as <NUM>.
      if (isWordChar(before) || isWordChar(after) || before === 60 || after === 62) continue;
      hits.push({ start: at, end });
    }
  }
  if (hits.length === 0) return { text, params };
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let last = 0;
  const values: string[] = [];
  for (const h of hits) {
    if (h.start < last) continue; // overlaps a longer (or earlier) name already masked
    out += text.slice(last, h.start) + NAME_MASK;
    values.push(text.slice(h.start, h.end));
    last = h.end;
  }
  out += text.slice(last);
  // Walk the placeholders in order: `<NAME>` takes the next name, any other the next rule param.
  const merged: MaskedParam[] = [];
  let n = 0;
  let p = 0;
  // Placeholders are `<` + upper-case letters + `>`, found with indexOf rather than a regex's match arrays.
  for (let lt = out.indexOf("<"); lt !== -1; ) {
    let j = lt + 1;
    let c = out.charCodeAt(j);
    while (c >= 65 && c <= 90) c = out.charCodeAt(++j);
    if (j === lt + 1 || c !== 62 /* > */) {
      lt = out.indexOf("<", lt + 1);
      continue;
    }
    const len = j + 1 - lt;
    if (n < values.length && len === NAME_MASK.length && out.startsWith(NAME_MASK, lt)) {
      merged.push({ name: NAME_RULE, mask: NAME_MASK, value: values[n++]! });
    } else if (p < params.length) {
      const m = params[p]!.mask;
      if (m.length === len && out.startsWith(m, lt)) merged.push(params[p++]!);
    }
    lt = out.indexOf("<", j + 1);
  }
  while (p < params.length) merged.push(params[p++]!);
  while (n < values.length) merged.push({ name: NAME_RULE, mask: NAME_MASK, value: values[n++]! });
  return { text: out, params: merged };
}
