/** A parsed JSON value, or why the text is not JSON (the message names the offset or line). */
export type JsonReadResult = { success: true; data: unknown } | { success: false; error: string };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Returns the offset at which nesting first exceeds `maxDepth`, or -1. A linear scan: it runs before `JSON.parse`
 * so that hostile 10,000-deep documents never reach recursive code (zod, adapters). String literals are skipped
 * with native `indexOf` jumps (no regex: a backtracking pattern goes quadratic on an unterminated string).
 * Structural characters are ASCII, so scanning UTF-16 code units is exact.
 */
export function findExcessiveNesting(text: string, maxDepth: number): number {
  // Fast path: nesting can never exceed the number of opening brackets in the text (those inside strings included),
  // so a document with at most `maxDepth` of them is fine without the scan. Counted with native `indexOf` jumps,
  // and given up on as soon as the count passes `maxDepth`.
  if (openersAtMost(text, OPEN_BRACE, maxDepth) + openersAtMost(text, OPEN_BRACKET, maxDepth) <= maxDepth) return -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        // Unterminated: not JSON, and JSON.parse says so next.
        if (end === -1) return -1;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return -1;
}

/** How many times `char` occurs in `text`, counting no further than `limit + 1`. */
function openersAtMost(text: string, char: number, limit: number): number {
  const needle = String.fromCharCode(char);
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1 && count <= limit; i = text.indexOf(needle, i + 1)) count++;
  return count;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 strictly: invalid bytes are an error, not silently replaced. */
export function decodeUtf8(bytes: Uint8Array): { success: true; text: string } | { success: false; error: string } {
  try {
    return { success: true, text: decoder.decode(bytes) };
  } catch {
    return { success: false, error: "body is not valid UTF-8" };
  }
}

/** Parses one JSON document after the nesting check. `where` prefixes messages ("line 3: "). */
export function parseJsonText(text: string, maxDepth: number, where = "body: "): JsonReadResult {
  // A regex test stops at the first non-blank character; trim() would copy the whole body.
  if (!/\S/.test(text)) return { success: false, error: `${where}empty; expected a JSON document` };
  const deep = findExcessiveNesting(text, maxDepth);
  if (deep >= 0) {
    return { success: false, error: `${where}JSON nesting deeper than ${maxDepth} levels at offset ${deep}` };
  }
  try {
    return { success: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    return { success: false, error: `${where}invalid JSON: ${(error as Error).message}` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
