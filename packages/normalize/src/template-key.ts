import { assertString } from "./internal/assert";
import { type NormalizeOptions, normalizeMessage } from "./normalize-message";

/**
 * The template key of a raw message: the masked, cleaned text, lower-cased, with every placeholder
 * replaced by `<*>`. Messages with equal keys differ only in their variable parts, so they can be
 * counted once before embedding. Same as `normalizeMessage(message, options).templateKey`.
 * @throws TypeError when `message` is not a string or an option is malformed.
 * @example
 * templateKey("Pod api-7d4f8b9c6-x2x7k OOMKilled (exit code 137)"); // => "pod <*> oomkilled (exit code <*>)"
 */
export function templateKey(message: string, options?: NormalizeOptions): string {
  assertString(message, "message");
  return normalizeMessage(message, options).templateKey;
}
