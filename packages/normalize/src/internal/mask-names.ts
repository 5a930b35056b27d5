import type { MaskedParam } from "../mask";

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * Masks literal names (a vendor frame's variables) where they stand as whole words, after the rules ran,
 * and merges their params with the rules' params in text order. One regex of literal alternatives: linear.
 */
export function maskNames(
  text: string,
  params: readonly MaskedParam[],
  names: readonly string[],
): { text: string; params: readonly MaskedParam[] } {
  const unique = [...new Set(names)].sort((a, b) => b.length - a.length);
  const re = new RegExp(
    `(?<![A-Za-z0-9_<])(?:${unique.map((n) => n.replace(SPECIAL, "\\$&")).join("|")})(?![A-Za-z0-9_>])`,
    "g",
  );
  const found: string[] = [];
  const masked = text.replace(re, (m) => {
    found.push(m);
    return NAME_MASK;
  });
  if (found.length === 0) return { text, params };
  // Walk the placeholders in order: `<NAME>` takes the next name, any other takes the next rule param.
  const merged: MaskedParam[] = [];
  let n = 0;
  let p = 0;
  const placeholder = /<[A-Z]+>/g;
  for (let m = placeholder.exec(masked); m !== null; m = placeholder.exec(masked)) {
    if (m[0] === NAME_MASK && n < found.length) merged.push({ name: NAME_RULE, mask: NAME_MASK, value: found[n++]! });
    else if (p < params.length && params[p]!.mask === m[0]) merged.push(params[p++]!);
  }
  while (p < params.length) merged.push(params[p++]!);
  while (n < found.length) merged.push({ name: NAME_RULE, mask: NAME_MASK, value: found[n++]! });
  return { text: masked, params: merged };
}

export const NAME_MASK = "<NAME>";
export const NAME_RULE = "frame-variable";
