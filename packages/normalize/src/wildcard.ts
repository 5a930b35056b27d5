/** What every placeholder becomes in a template key (Drain's wildcard). */
export const WILDCARD = "<*>";

const PLACEHOLDER = /<[A-Z][A-Z0-9_]{0,31}>/g;

/**
 * @internal The key of a normalised text: placeholders unified to {@link WILDCARD} (a variable slot is
 * one slot whether it held a hash or a number this time), then lower-cased.
 */
export function keyOf(text: string): string {
  return text.replace(PLACEHOLDER, WILDCARD).toLowerCase();
}

/**
 * @internal {@link keyOf} given `lower`, the text's lower case. When both have the same length, every
 * character kept its position (`toLowerCase` only ever lengthens), so the placeholders are found in `text`
 * and written over `lower`, which saves lower-casing the text a second time; otherwise it is `keyOf(text)`.
 */
export function keyOfLower(text: string, lower: string): string {
  if (lower.length !== text.length) return keyOf(text);
  let out = "";
  let last = 0;
  const n = text.length;
  for (let lt = text.indexOf("<"); lt !== -1; ) {
    // <[A-Z][A-Z0-9_]{0,31}>
    let j = lt + 1;
    let c = text.charCodeAt(j);
    if (c >= 65 && c <= 90) {
      const limit = Math.min(n, lt + 34);
      for (j++; j < limit; j++) {
        c = text.charCodeAt(j);
        if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) break;
      }
      if (j < limit && c === 62 /* > */) {
        out += `${lower.slice(last, lt)}${WILDCARD}`;
        last = j + 1;
        lt = text.indexOf("<", last);
        continue;
      }
    }
    lt = text.indexOf("<", lt + 1);
  }
  return last === 0 ? lower : out + lower.slice(last);
}
