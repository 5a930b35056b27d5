import { assertString } from "../internal/assert";

// Placeholders (`<IP>`) survive; any other run of punctuation or symbols becomes one space.
const PUNCTUATION = /<[A-Z][A-Z0-9_]{0,31}>|[\p{P}\p{S}]+/gu;

/**
 * Replaces punctuation and symbols by spaces, keeping mask placeholders such as `<IP>` whole.
 * Pair it with {@link collapseWhitespace}.
 * @throws TypeError when `text` is not a string.
 */
export function stripPunctuation(text: string): string {
  assertString(text, "text");
  return text.replace(PUNCTUATION, (m) => (m.charCodeAt(0) === 60 && m.length > 2 && m.endsWith(">") ? m : " "));
}
