import { assertOptionsObject, assertString } from "../internal/assert";
import { defaultVendorFrames } from "../qovery-frame";
import { assertFrames, tryFrames, type VendorFrame } from "../vendor-frame";

/** Options of {@link stripVendorFrame}. */
export interface StripVendorFrameOptions {
  /** Frames to try, in order. @defaultValue defaultVendorFrames ([qoveryFrame]) */
  readonly frames?: readonly VendorFrame[];
}

/**
 * The "vendor specifics" step: replaces a framed message by its body (for Qovery, the error message
 * and the hint), dropping the frame's scaffolding and boilerplate. Text in no known frame is returned
 * as is. Use {@link parseVendorFrame} to keep the fields too.
 * @throws TypeError when `text` is not a string or `options.frames` is malformed.
 */
export function stripVendorFrame(text: string, options?: StripVendorFrameOptions): string {
  assertString(text, "text");
  assertOptionsObject(options, "options");
  const frames = options?.frames ?? defaultVendorFrames;
  assertFrames(frames, "options.frames");
  return tryFrames(text, frames)?.body ?? text;
}
