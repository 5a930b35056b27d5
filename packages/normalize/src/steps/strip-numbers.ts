import { assertString } from "../internal/assert";

// A number standing alone: not glued to a letter, digit or underscore on either side, so `ipv4`,
// `sha256` and `x86_64` keep their digits. Starts only at a run start (the lookbehind), so linear.
const NUMBER = /(?<![\p{L}\p{N}_])[-+]?\p{Nd}+(?:[.,]\p{Nd}+)*(?![\p{L}\p{N}_])/gu;

/**
 * Removes numbers that stand alone (`retry 3 of 5` becomes `retry  of `); digits inside words stay.
 * Pair it with {@link collapseWhitespace}.
 * @throws TypeError when `text` is not a string.
 */
export function stripNumbers(text: string): string {
  assertString(text, "text");
  return text.replace(NUMBER, "");
}
