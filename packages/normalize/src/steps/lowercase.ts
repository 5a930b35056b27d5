import { assertString } from "../internal/assert";

/**
 * Lower-cases the text (locale-independent).
 * @throws TypeError when `text` is not a string.
 */
export function lowercase(text: string): string {
  assertString(text, "text");
  return text.toLowerCase();
}
