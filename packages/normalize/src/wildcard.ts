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
