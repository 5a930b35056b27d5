import { assertString } from "../internal/assert";

/** What {@link nonEmpty} puts in place of a blank text. */
export const EMPTY_PLACEHOLDER = "<EMPTY>";

/**
 * Keeps a text that has any non-whitespace character, and turns a blank one into `<EMPTY>`: a message
 * that cleans down to nothing stays countable and never becomes a zero vector downstream.
 * @throws TypeError when `text` is not a string.
 */
export function nonEmpty(text: string): string {
  assertString(text, "text");
  return text.trim() === "" ? EMPTY_PLACEHOLDER : text;
}
