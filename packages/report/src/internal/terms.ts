// Term weighting for "top terms": class-based TF-IDF (Grootendorst, BERTopic, 2022): a term scores high when
// many events of the group contain it and few events elsewhere do.

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have if in into is it its may " +
    "might must no not of on or our should so such than that the their then there these this those to too was " +
    "we were what when where which while who will with would you your yes"
  ).split(" "),
);

/** Whether a token is worth showing as a term: has a letter, is not a mask placeholder, not a stopword. */
export function isTerm(token: string): boolean {
  if (token.length < 2 || token.length > 40) return false;
  if (token.startsWith("<") && token.endsWith(">")) return false;
  if (!/\p{L}/u.test(token)) return false;
  return !STOPWORDS.has(token.toLowerCase());
}

/** The distinct displayable terms of one token sequence, lower-cased and stripped of edge punctuation. */
export function termsOf(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const raw of tokens) {
    // Mask placeholders (<NUM>, <IP>, <*>) are not words, whatever is left after stripping the brackets.
    if (/^<[^<>\s]*>$/.test(raw)) continue;
    const t = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
    if (isTerm(t)) out.add(t);
  }
  return out;
}
