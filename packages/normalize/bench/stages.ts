// Where the time of normalizeMessage goes: each stage timed alone on the previous stage's real output
// (CPU time per message, median of rounds), so the next optimisation starts from numbers.

import { defaultMaskingRules } from "../src/default-masking-rules";
import { englishStopWords } from "../src/english-stop-words";
import { flatten } from "../src/flatten";
import { maskWith } from "../src/mask";
import { defaultClean, maskFrameVariables, normalizeMessage, stripUnicodeForMasking } from "../src/normalize-message";
import { defaultVendorFrames } from "../src/qovery-frame";
import { tokenizeLowerAscii, tokenizeWith } from "../src/tokenize";
import { tryFrames } from "../src/vendor-frame";
import { keyOfLower } from "../src/wildcard";
import { cpuSecondsPerCall, median } from "./cpu-time";

export interface StageTime {
  readonly stage: string;
  /** Median CPU microseconds per message. */
  readonly micros: number;
}

/** Times each stage of the default path on `rows` (batched rows, as `flatten` takes them). */
export function timeStages(rows: readonly unknown[], rounds: number): StageTime[] {
  const messages = flatten(rows).events.map((e) => e.event.message);
  const n = messages.length;
  const framed = messages.map((m) => tryFrames(m, defaultVendorFrames));
  const bodies = framed.map((f, i) => (f === undefined ? messages[i]! : f.body));
  const unicode = bodies.map((b, i) => stripUnicodeForMasking(b, framed[i] !== undefined));
  const masked = unicode.map((b) => maskWith(b, defaultMaskingRules));
  const named = masked.map((m, i) => maskFrameVariables(m, framed[i]));
  const cleaned = named.map((m) => defaultClean(m.text));
  const lowered = cleaned.map((t) => t.toLowerCase());
  /** Sums a length over `items`, so no stage's work can be optimised away. */
  const sum = <T>(items: readonly T[], f: (item: T, i: number) => number) => {
    let total = 0;
    for (let i = 0; i < items.length; i++) total += f(items[i]!, i);
    return total;
  };
  const stages: [string, () => number][] = [
    ["flatten (validate and unbatch)", () => flatten(rows).events.length],
    ["vendor frame", () => sum(messages, (m) => tryFrames(m, defaultVendorFrames)?.body.length ?? 0)],
    [
      "unicode (NFKC, emoji; a frame's ASCII body copied to one byte per character)",
      () => sum(bodies, (b, i) => stripUnicodeForMasking(b, framed[i] !== undefined).length),
    ],
    ["masking rules", () => sum(unicode, (b) => maskWith(b, defaultMaskingRules).params.length)],
    ["frame names (`<NAME>`)", () => sum(masked, (m, i) => maskFrameVariables(m, framed[i]).text.length)],
    ["whitespace + non-empty", () => sum(named, (m) => defaultClean(m.text).length)],
    ["lower-case", () => sum(cleaned, (t) => t.toLowerCase().length)],
    [
      "tokenize",
      () =>
        sum(lowered, (t) => (tokenizeLowerAscii(t, englishStopWords) ?? tokenizeWith(t, englishStopWords, 2)).length),
    ],
    ["template key", () => sum(cleaned, (t, i) => keyOfLower(t, lowered[i]!).length)],
    ["normalizeMessage, all of the above but flatten", () => sum(messages, (m) => normalizeMessage(m).tokens.length)],
  ];
  let sink = 0;
  const samples = new Map<string, number[]>();
  for (let r = 0; r < rounds + 1; r++) {
    for (const [stage, run] of stages) {
      const { result, seconds } = cpuSecondsPerCall(run);
      sink += result;
      if (r > 0) samples.set(stage, [...(samples.get(stage) ?? []), (seconds * 1e6) / n]); // round 0 warms up
    }
  }
  if (sink === -1) console.log(sink); // keeps the work observable
  return stages.map(([stage]) => ({ stage, micros: median(samples.get(stage)!) }));
}
