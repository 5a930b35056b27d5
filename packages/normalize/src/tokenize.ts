import { englishStopWords } from "./english-stop-words";
import { assertOptionsObject, assertPositiveInteger, assertString, fail } from "./internal/assert";
import { isTabledStopWord, stopWordTable } from "./internal/stop-word-table";

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Lower-case words to drop, or `false` to keep every word. @defaultValue englishStopWords */
  readonly stopWords?: ReadonlySet<string> | false;
  /** Shortest word kept, in characters; placeholders are always kept. @defaultValue 2 */
  readonly minLength?: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ALL_DIGITS = /^\p{Nd}+$/u;

/** 1 for ASCII letters and digits, 2 for upper-case letters. */
const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = 1;
for (let c = 97; c <= 122; c++) ASCII[c] = 1;
for (let c = 65; c <= 90; c++) ASCII[c] = 2;

/**
 * For lower-case ASCII text (tab, LF, CR and 0x20–0x7e without `A`–`Z`): 1 for digits, 2 for
 * lower-case letters, 3 for `_`, 4 for other allowed characters; 0 marks a character that is not allowed.
 * One entry per UTF-16 code unit (64 KiB), so the hot loop reads the class without testing `c < 128` first.
 */
const LOWER = new Uint8Array(65536);
for (let c = 0x20; c <= 0x7e; c++) LOWER[c] = 4;
for (const c of [9, 10, 13]) LOWER[c] = 4;
for (let c = 65; c <= 90; c++) LOWER[c] = 0;
for (let c = 48; c <= 57; c++) LOWER[c] = 1;
for (let c = 97; c <= 122; c++) LOWER[c] = 2;
LOWER[95] = 3;

/**
 * Tokens of a lower-case ASCII text with `minLength` 2: placeholders `<[a-z][a-z0-9_]{0,31}>` whole, and
 * runs of `[a-z0-9]` of two or more characters that are neither stop words nor all digits. Returns
 * undefined as soon as a character outside lower-case ASCII shows up.
 * @internal
 */
export function tokenizeLowerAscii(text: string, stopWords: ReadonlySet<string> | false): string[] | undefined {
  // Stop words of a read-only set are told in place, without making their strings.
  const table = stopWordTable(stopWords);
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = LOWER[c]!;
    if (k === 0) return undefined;
    if (k <= 2) {
      const start = i;
      // Bit 0 set once a letter (class 2) is seen: `k - 1` is 0 for a digit, 1 for a letter.
      let letters = k - 1;
      for (i++; i < n; i++) {
        const kd = LOWER[text.charCodeAt(i)]!;
        if (kd === 0 || kd > 2) break;
        letters |= kd - 1;
      }
      if (i - start < 2 || letters === 0) continue;
      if (table !== undefined) {
        if (!isTabledStopWord(table, text, start, i)) out.push(text.slice(start, i));
        continue;
      }
      const word = text.slice(start, i);
      if (stopWords === false || !stopWords.has(word)) out.push(word);
      continue;
    }
    if (c === 60 /* < */) {
      // <[a-z][a-z0-9_]{0,31}>
      let j = i + 1;
      if (j < n && LOWER[text.charCodeAt(j)] === 2) {
        const limit = Math.min(n, i + 34);
        for (j++; j < limit; j++) {
          const e = LOWER[text.charCodeAt(j)]!;
          if (e > 3 || e === 0) break;
        }
        if (j < n && text.charCodeAt(j) === 62 /* > */ && j <= i + 33) {
          out.push(text.slice(i, j + 1));
          i = j + 1;
          continue;
        }
      }
    }
    i++;
  }
  return out;
}

function isWordChar(text: string, i: number, c: number): boolean {
  if (c < 128) return ASCII[c] !== 0;
  // Surrogate pairs: test the whole code point.
  const cp = text.codePointAt(i)!;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** End of a placeholder `<name>` starting at `i` (lower-case after lower-casing), or -1. */
function placeholderEnd(text: string, i: number): number {
  const n = Math.min(text.length, i + 34);
  let j = i + 1;
  const first = text.charCodeAt(j);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) return -1;
  for (j++; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 62 /* > */) return j + 1;
    if (!(c === 95 || (c < 128 && ASCII[c] !== 0))) return -1;
  }
  return -1;
}

/**
 * Splits a (masked) message into lower-case tokens for embedding: placeholders such as `<ip>` stay whole,
 * words split on anything but letters and digits, and stop words, pure numbers and words shorter than
 * `minLength` go. `_`, `-`, `.` and all other punctuation split words: `blk_<num>` gives `blk` and `<num>`.
 * @throws TypeError when `text` is not a string; RangeError when `minLength` is not a positive integer.
 * @example
 * tokenize("Back-off restarting failed container in pod <POD>"); // => ["back", "restarting", "failed", "container", "pod", "<pod>"]
 */
export function tokenize(text: string, options?: TokenizeOptions): string[] {
  assertString(text, "text");
  assertOptionsObject(options, "options");
  const stopWords = options?.stopWords ?? englishStopWords;
  if (stopWords !== false && !(stopWords instanceof Set)) fail("options.stopWords must be a Set of words or false");
  const minLength = options?.minLength ?? 2;
  assertPositiveInteger(minLength, "options.minLength");
  return tokenizeWith(text, stopWords, minLength);
}

/** @internal The tokenizer without argument checks, for {@link normalizeMessage}. */
export function tokenizeWith(text: string, stopWords: ReadonlySet<string> | false, minLength: number): string[] {
  // Lower-case ASCII (what normalizeMessage passes) takes a table-driven pass; any other character
  // sends the whole text to the general pass below.
  if (minLength === 2) {
    const fast = tokenizeLowerAscii(text, stopWords);
    if (fast !== undefined) return fast;
  }
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  // One hand-written pass: this runs on every message, and a regex with Unicode classes plus a
  // lower-casing copy cost about twice as much.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) {
      const end = placeholderEnd(text, i);
      if (end !== -1) {
        out.push(text.slice(i, end).toLowerCase());
        i = end;
        continue;
      }
      i++;
      continue;
    }
    if (!isWordChar(text, i, c)) {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      continue;
    }
    const start = i;
    let upper = false;
    let digits = true;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        const k = ASCII[d];
        if (k === 0) break;
        if (k === 2) upper = true;
        if (d > 57) digits = false;
        i++;
      } else {
        if (!isWordChar(text, i, d)) break;
        digits = false;
        i += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
      }
    }
    if (i - start < minLength) continue;
    let word = text.slice(start, i);
    if (upper || word.charCodeAt(0) >= 128) word = word.toLowerCase();
    if (stopWords !== false && stopWords.has(word)) continue;
    if (digits || (word.charCodeAt(0) >= 128 && ALL_DIGITS.test(word))) continue;
    out.push(word);
  }
  return out;
}
