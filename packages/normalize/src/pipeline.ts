import { fail } from "./internal/assert";
import type { CleaningStep } from "./steps/cleaning-step";

/**
 * Composes cleaning steps left to right into one step. Each step receives the previous one's output.
 * @throws TypeError when `steps` is not an array or an entry is not a function (names its index).
 * @example
 * const clean = pipeline([stripVendorFrame, lowercase, stripPunctuation, collapseWhitespace]);
 * clean("Error: Pod  CrashLoopBackOff!"); // => "error pod crashloopbackoff"
 */
export function pipeline(steps: readonly CleaningStep[]): CleaningStep {
  if (!Array.isArray(steps)) fail("steps must be an array of functions (text: string) => string");
  steps.forEach((step: unknown, i) => {
    if (typeof step !== "function")
      fail(`steps[${i}] must be a function (text: string) => string (got ${typeof step})`);
  });
  const list = [...steps];
  return (text: string): string => {
    let out = text;
    for (let i = 0; i < list.length; i++) {
      const next: unknown = list[i]!(out);
      if (typeof next !== "string") fail(`steps[${i}] returned ${typeof next}, expected a string`);
      out = next;
    }
    return out;
  };
}
