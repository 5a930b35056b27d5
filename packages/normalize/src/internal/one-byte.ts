/**
 * V8 stores a string with one byte per character only if all its characters were Latin-1 when it was
 * made. A slice of a message that holds an emoji (Qovery's frame has several) keeps two bytes per
 * character even when the slice itself is plain ASCII, and everything after the frame (the masking
 * regexes, whitespace, `toLowerCase`, whose fast path is one-byte only) then runs on the slower form:
 * about 17% slower over the rest of `normalizeMessage`, measured in bench. Copying the ASCII body once
 * through a Latin-1 buffer costs about a tenth of that.
 */

/** Node's Buffer when present; elsewhere (browsers) the text is returned as is, which is only slower. */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** Texts longer than this are left as they are: the scratch buffer stays small. */
const MAX_COPY = 65_536;

let scratch: Buffer | undefined;

/**
 * `text`, which must hold only ASCII characters, as a one-byte string (the same characters). Callers
 * know the text is ASCII: Latin-1 encoding would replace any other character.
 * @internal
 */
export function asciiAsOneByte(text: string): string {
  if (NodeBuffer === undefined || text.length > MAX_COPY) return text;
  scratch ??= NodeBuffer.allocUnsafe(MAX_COPY);
  const n = scratch.write(text, 0, "latin1");
  return scratch.toString("latin1", 0, n);
}
