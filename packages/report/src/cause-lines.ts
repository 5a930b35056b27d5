// Which lines of a multi-line error report carry its cause. Deployment errors arrive wrapped in build
// output, progress lines and stack frames; the lines that say what failed are the ones that name a
// failure. Keeping only those lets two reports of the same cause with different surrounding output
// look alike, which is what the clustering needs.

/**
 * Words that mark a line as reporting a failure, in English and in the usual engine/tool spellings
 * (`npm ERR!`, `OOMKilled`, `CrashLoopBackOff`, `ImagePullBackOff`).
 */
const FAILURE_WORD =
  /\b(?:err(?:or|ors|!)?|fail(?:ed|ure|ures|s|ing)?|fatal|panic(?:ked)?|exception|denied|refused|killed|oomkilled|crash\w*|timed out|timeout|not found|unable|cannot|can't|could not|couldn't|exceeded|invalid|missing|unhealthy|back-?off|\w*backoff|abort(?:ed)?|unauthori[sz]ed|forbidden|no such|rejected|unreachable|conflict)\b/i;

/**
 * The lines of `text` that report a failure, blank lines and exact repeats removed, in order; all
 * non-blank lines when none does (a one-line message is its own cause).
 *
 * @example
 * causeLines("===> BUILDING\nnpm ERR! missing script: build\nERROR: failed to build: exit status 1");
 * // => ["npm ERR! missing script: build", "ERROR: failed to build: exit status 1"]
 */
export function causeLines(text: string): string[] {
  return causeLinesWith(text, FAILURE_WORD);
}

/** The failure-word pattern, for {@link causeLinesWith} in a worker thread. @internal */
export const FAILURE_WORD_SOURCE: string = FAILURE_WORD.source;

/**
 * {@link causeLines} with the pattern passed in. Self-contained (it references nothing else in this module), so its
 * source text can run in a worker thread. @internal
 */
export function causeLinesWith(text: string, failureWord: RegExp): string[] {
  const lines: string[] = [];
  const failing: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (line.length === 0 || seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
    if (failureWord.test(line)) failing.push(line);
  }
  return failing.length > 0 ? failing : lines;
}
