import { assertString } from "../internal/assert";

// Emoji and their modifiers (variation selectors, zero-width joiner, keycap, skin tones, tags), and
// invisible format/control/private-use characters. Tab and line breaks stay: they are whitespace.
// Built from a string: the class lists control characters and combining marks on purpose, which the
// linter's regex-literal checks would flag.
const NOISE = new RegExp(
  "[\\p{Extended_Pictographic}\\u{FE00}-\\u{FE0F}\\u{200D}\\u{20E3}\\u{1F3FB}-\\u{1F3FF}\\u{1F1E6}-\\u{1F1FF}" +
    "\\u{E0020}-\\u{E007F}\\p{Cf}\\p{Co}\\p{Cs}\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]+",
  "gu",
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: tab, LF and CR are the allowed whitespace
const NEEDS_WORK = /[^\x09\x0a\x0d\x20-\x7e]/;

/**
 * Normalises Unicode to NFKC (full-width letters, ligatures and compatibility forms become plain
 * ones) and replaces emoji, pictographs and invisible control or format characters by a space.
 * Letters and digits of every script are kept.
 * @throws TypeError when `text` is not a string.
 */
export function stripUnicode(text: string): string {
  assertString(text, "text");
  return isPlainAscii(text) ? text : stripNonAscii(text);
}

/**
 * Printable ASCII with tabs and line breaks (the common case): {@link stripUnicode} has nothing to
 * normalise or strip.
 * @internal
 */
export function isPlainAscii(text: string): boolean {
  return !NEEDS_WORK.test(text);
}

/** @internal {@link stripUnicode} for a text that is not {@link isPlainAscii}, without the checks. */
export function stripNonAscii(text: string): string {
  return text.normalize("NFKC").replace(NOISE, " ");
}
