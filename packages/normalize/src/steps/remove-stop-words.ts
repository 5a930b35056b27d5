import { englishStopWords } from "../english-stop-words";
import { assertOptionsObject, assertString, fail } from "../internal/assert";

/** Options of {@link removeStopWords}. */
export interface RemoveStopWordsOptions {
  /** Lower-case words to remove. @defaultValue englishStopWords */
  readonly stopWords?: ReadonlySet<string>;
}

// A word, with an optional apostrophe part (`you're`). `g` scanning resumes after each word, so linear.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Removes stop words (compared lower-cased), leaving the whitespace around them; pair it with
 * {@link collapseWhitespace}. Pass your own list as `stopWords`.
 * @throws TypeError when `text` is not a string or `options.stopWords` is not a Set.
 * @example
 * removeStopWords("the pod is not ready"); // => " pod  not ready"
 */
export function removeStopWords(text: string, options?: RemoveStopWordsOptions): string {
  assertString(text, "text");
  assertOptionsObject(options, "options");
  const stopWords = options?.stopWords ?? englishStopWords;
  if (!(stopWords instanceof Set)) fail("options.stopWords must be a Set of lower-case words");
  return text.replace(WORD, (w) => (stopWords.has(w.toLowerCase().replace("’", "'")) ? "" : w));
}
