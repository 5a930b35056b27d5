import { assertOptionsObject, assertString } from "./internal/assert";
import { defaultVendorFrames } from "./qovery-frame";
import { assertFrames, type ParsedVendorFrame, tryFrames, type VendorFrame } from "./vendor-frame";

/** Options of {@link parseVendorFrame}. */
export interface ParseVendorFrameOptions {
  /** Frames to try, in order; the first that matches wins. @defaultValue defaultVendorFrames ([qoveryFrame]) */
  readonly frames?: readonly VendorFrame[];
}

/**
 * Parses a message's vendor frame into fields and a body; `undefined` when no frame matches.
 * @throws TypeError when `message` is not a string or `options.frames` is malformed.
 * @example
 * parseVendorFrame(qoveryMessage)?.fields.errorMessage; // => "error while building container image …"
 */
export function parseVendorFrame(message: string, options?: ParseVendorFrameOptions): ParsedVendorFrame | undefined {
  assertString(message, "message");
  assertOptionsObject(options, "options");
  const frames = options?.frames ?? defaultVendorFrames;
  assertFrames(frames, "options.frames");
  return tryFrames(message, frames);
}
