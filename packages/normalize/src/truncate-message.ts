import { assertPositiveInteger, assertString } from "./internal/assert";

/** What stands in for the cut middle of a truncated message (ASCII, so Unicode normalisation leaves it alone). */
export const TRUNCATION_MARKER = "\n[...]\n";

/** What {@link truncateMessage} returns. */
export interface TruncateResult {
  readonly text: string;
  readonly truncated: boolean;
  /** Length of the input, in UTF-16 code units. */
  readonly originalLength: number;
}

/**
 * Caps a message at `maxLength` code units by cutting its middle: the head (where frames and the first
 * error line live) and the tail (where build output ends with the failure) are both kept, joined by
 * {@link TRUNCATION_MARKER}. Never splits a surrogate pair.
 * @throws TypeError when `text` is not a string; RangeError when `maxLength` is not a positive integer ≥ 8 or Infinity.
 */
export function truncateMessage(text: string, maxLength: number): TruncateResult {
  assertString(text, "text");
  assertPositiveInteger(maxLength, "maxLength", true);
  if (maxLength < 8) throw new RangeError(`[@faultline/normalize] maxLength must be at least 8 (got ${maxLength})`);
  const n = text.length;
  if (n <= maxLength) return { text, truncated: false, originalLength: n };
  const keep = maxLength - TRUNCATION_MARKER.length;
  let head = Math.ceil(keep / 2);
  let tail = n - (keep - head);
  // Do not cut between a high and a low surrogate.
  if (isHigh(text.charCodeAt(head - 1))) head--;
  if (isLow(text.charCodeAt(tail))) tail++;
  return { text: text.slice(0, head) + TRUNCATION_MARKER + text.slice(tail), truncated: true, originalLength: n };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
