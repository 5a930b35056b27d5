// The stages of the full path, for `bench:instructions -- --stages`: pass k runs flatten and then the first k
// stages of normalizeMessage's default path on every event. The count of pass k minus that of pass k - 1 is
// what stage k costs, with the same live data and allocation as in the full path (a stage timed alone on
// precomputed inputs pays for collecting those inputs too). Built from the source: normalizeMessage's inner
// steps are not exported.
import { defaultMaskingRules } from "../src/default-masking-rules";
import { englishStopWords } from "../src/english-stop-words";
import { flatten } from "../src/flatten";
import { maskWith } from "../src/mask";
import { DEFAULT_MAX_LENGTH, defaultClean, maskFrameVariables, stripUnicodeForMasking } from "../src/normalize-message";
import { defaultVendorFrames } from "../src/qovery-frame";
import { tokenizeLowerAscii, tokenizeWith } from "../src/tokenize";
import { truncateMessage } from "../src/truncate-message";
import { tryFrames } from "../src/vendor-frame";
import { keyOfLower } from "../src/wildcard";
import { INSTRUCTION_ROWS } from "./instruction-workload";

/** Stage names, in the order normalizeMessage runs them; index k is what pass k adds. */
export const INSTRUCTION_STAGES = [
  "flatten (validate and unbatch)",
  "size cap + vendor frame",
  "unicode (NFKC, emoji; the frame's ASCII body copied to one byte per character)",
  "masking rules",
  "frame names (`<NAME>`)",
  "whitespace + non-empty",
  "lower-case + tokenize",
  "template key",
] as const;

/** Pass k: flatten, then stages 1..k of the default path on every event; returns a sum of lengths (kept observable). */
export function stagePrefix(k: number): () => number {
  if (!Number.isInteger(k) || k < 0 || k >= INSTRUCTION_STAGES.length) throw new RangeError(`no stage ${k}`);
  return () => {
    let n = 0;
    for (const e of flatten(INSTRUCTION_ROWS).events) {
      const message = e.event.message;
      if (k === 0) {
        n += message.length;
        continue;
      }
      const raw = truncateMessage(message, DEFAULT_MAX_LENGTH).text;
      const framed = tryFrames(raw, defaultVendorFrames);
      if (k === 1) {
        n += framed?.body.length ?? 0;
        continue;
      }
      const body = stripUnicodeForMasking(framed?.body ?? raw, framed !== undefined);
      if (k === 2) {
        n += body.length;
        continue;
      }
      const masked = maskWith(body, defaultMaskingRules);
      if (k === 3) {
        n += masked.params.length;
        continue;
      }
      const named = maskFrameVariables(masked, framed);
      if (k === 4) {
        n += named.text.length;
        continue;
      }
      const text = defaultClean(named.text);
      if (k === 5) {
        n += text.length;
        continue;
      }
      const lower = text.toLowerCase();
      const tokens = tokenizeLowerAscii(lower, englishStopWords) ?? tokenizeWith(lower, englishStopWords, 2);
      if (k === 6) {
        n += tokens.length;
        continue;
      }
      n += keyOfLower(text, lower).length;
    }
    return n;
  };
}
