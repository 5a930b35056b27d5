import { defaultMaskingRules } from "../src/index";

// The peer: what a first version usually looks like. The same cleaning as the package (frame stripping,
// the same masking regexes in the same order, emoji and whitespace cleanup, lower-casing, tokens), done
// as a chain of String.prototype.replace calls over the whole message, with no validation, no params
// and no linear-time guarantee for the frame regexes.
const MASKS = defaultMaskingRules.map((r) => [new RegExp(r.pattern.source, r.pattern.flags), r.mask] as const);
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu;
const STOP = new Set([
  "the",
  "a",
  "an",
  "and",
  "or",
  "of",
  "to",
  "in",
  "is",
  "it",
  "on",
  "for",
  "with",
  "at",
  "by",
  "your",
]);

export interface NaiveResult {
  templateKey: string;
  tokens: string[];
}

export function naiveNormalize(message: string): NaiveResult {
  let text = message
    .replace(/^[\s\S]*?MESSAGE FOR QOVERY TEAM:[\s\S]*?MESSAGE FOR THE USER[^\n]*\n/, "")
    .replace(/^\s*\S*\s*Need help:.*$/m, "")
    .replace(/^\s*\S*\s*Error message:\s*/m, "")
    .replace(/^\s*\S*\s*Hint:\s*/m, "")
    .replace(/-{5,}/g, " ")
    .normalize("NFKC")
    .replace(EMOJI, " ");
  for (const [re, mask] of MASKS) text = text.replace(re, mask);
  const templateKey = text.replace(/\s+/g, " ").trim().toLowerCase();
  const tokens = templateKey.split(/[^\p{L}\p{N}<>]+/u).filter((t) => t.length > 1 && !STOP.has(t) && !/^\d+$/.test(t));
  return { templateKey, tokens };
}

export function naiveFlatten(rows: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const row of rows) for (const e of (row as { events: { message: string }[] }).events) out.push(e.message);
  return out;
}
