import { defaultMaskingRules } from "./default-masking-rules";
import { englishStopWords } from "./english-stop-words";
import { assertFunction, assertOptionsObject, assertPositiveInteger, assertString, fail } from "./internal/assert";
import { maskNames } from "./internal/mask-names";
import { asciiAsOneByte } from "./internal/one-byte";
import { type MaskedParam, type MaskResult, maskWith } from "./mask";
import type { MaskingRule } from "./masking-rule";
import { pipeline } from "./pipeline";
import { defaultVendorFrames } from "./qovery-frame";
import type { CleaningStep } from "./steps/cleaning-step";
import { collapseWhitespace } from "./steps/collapse-whitespace";
import { nonEmpty } from "./steps/non-empty";
import { isPlainAscii, stripNonAscii } from "./steps/strip-unicode";
import { tokenizeLowerAscii, tokenizeWith } from "./tokenize";
import { truncateMessage } from "./truncate-message";
import { assertFrames, type ParsedVendorFrame, tryFrames, type VendorFrame } from "./vendor-frame";
import { keyOfLower } from "./wildcard";

/** Default {@link NormalizeOptions.maxLength}: 32 Ki code units, far above any cause line. */
export const DEFAULT_MAX_LENGTH = 32_768;

/** The default {@link NormalizeOptions.clean} step: whitespace collapsed, and a blank text becomes `<EMPTY>`. */
export const defaultClean: CleaningStep = pipeline([collapseWhitespace, nonEmpty]);

/** Options of {@link normalizeMessage} and {@link templateKey}. */
export interface NormalizeOptions {
  /** Vendor frames to try, in order. Pass `[]` to treat every message as plain text. @defaultValue defaultVendorFrames ([qoveryFrame]) */
  readonly frames?: readonly VendorFrame[];
  /** Masking rules, in order. @defaultValue defaultMaskingRules */
  readonly rules?: readonly MaskingRule[];
  /** Messages longer than this (UTF-16 code units) lose their middle; see {@link truncateMessage}. `Infinity` disables the cap. @defaultValue 32768 */
  readonly maxLength?: number;
  /** Cleaning applied to the masked body to give `text`. @defaultValue defaultClean (collapseWhitespace, nonEmpty) */
  readonly clean?: CleaningStep;
  /** Stop words dropped from `tokens`, or `false`. @defaultValue englishStopWords */
  readonly stopWords?: ReadonlySet<string> | false;
}

/** What {@link normalizeMessage} returns. */
export interface NormalizedMessage {
  /** The masked, cleaned cause text, case kept: `error while building container image api (<ID>)`. */
  readonly text: string;
  /** `text` lower-cased, every placeholder replaced by `<*>`: equal keys mean the same cause with different variable parts. */
  readonly templateKey: string;
  /** Tokens of `text` for embedding ({@link tokenize}); placeholders stay named (`<ip>`). */
  readonly tokens: readonly string[];
  /** The masked values, in text order. */
  readonly params: readonly MaskedParam[];
  /** Fields of the vendor frame (empty when none matched). */
  readonly fields: Readonly<Record<string, string>>;
  /** Name of the vendor frame that matched, if any. */
  readonly frame?: string;
  /** True when the message exceeded `maxLength` and its middle was cut. */
  readonly truncated: boolean;
  /** Length of the raw message, in UTF-16 code units. */
  readonly originalLength: number;
}

const EMPTY_FIELDS: Readonly<Record<string, string>> = Object.freeze({});

interface Resolved {
  frames: readonly VendorFrame[];
  rules: readonly MaskingRule[];
  maxLength: number;
  clean: CleaningStep;
  stopWords: ReadonlySet<string> | false;
}

const DEFAULTS: Resolved = {
  frames: defaultVendorFrames,
  rules: defaultMaskingRules,
  maxLength: DEFAULT_MAX_LENGTH,
  clean: defaultClean,
  stopWords: englishStopWords,
};

/** @internal Options are checked once per call; the cost is a few property reads. */
export function resolveOptions(options: NormalizeOptions | undefined): Resolved {
  assertOptionsObject(options, "options");
  if (options === undefined) return DEFAULTS;
  const frames = options.frames ?? defaultVendorFrames;
  assertFrames(frames, "options.frames");
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  assertPositiveInteger(maxLength, "options.maxLength", true);
  const clean = options.clean ?? defaultClean;
  assertFunction(clean, "options.clean");
  const stopWords = options.stopWords ?? englishStopWords;
  if (stopWords !== false && !(stopWords instanceof Set)) fail("options.stopWords must be a Set of words or false");
  return { frames, rules: options.rules ?? defaultMaskingRules, maxLength, clean, stopWords };
}

/**
 * `stripUnicode` of the text to mask. A frame's body is cut from the whole message; when that held
 * an emoji, the ASCII body is still stored two bytes per character, and the steps after it are faster
 * on a one-byte copy.
 * @internal
 */
export function stripUnicodeForMasking(body: string, fromFrame: boolean): string {
  if (!isPlainAscii(body)) return stripNonAscii(body);
  return fromFrame ? asciiAsOneByte(body) : body;
}

/**
 * The frame's variables (such as Qovery's application name) masked as `<NAME>` in the rules' output. After
 * the rules, so a pod or image name around an application name is masked whole first.
 * @internal
 */
export function maskFrameVariables(masked: MaskResult, framed: ParsedVendorFrame | undefined): MaskResult {
  const names = framed?.variables;
  return names === undefined || names.length === 0 ? masked : maskNames(masked.text, masked.params, names);
}

/**
 * Normalises one deployment error message: cuts it to `maxLength`, parses its vendor frame into fields,
 * strips emoji and makes Unicode canonical (`stripUnicode`), masks the variable parts (and the
 * frame's variables, such as Qovery's application name, as `<NAME>`) (keeping them as `params`), cleans the result and derives the template key
 * and tokens. Normalising `text` again gives the same `text` and `templateKey`.
 *
 * @throws TypeError when `message` is not a string or an option is malformed; RangeError for a bad `maxLength`.
 * @example
 * const n = normalizeMessage("Readiness probe failed: dial tcp 10.2.1.5:8080: connect: connection refused");
 * n.templateKey; // => "readiness probe failed: dial tcp <*>: connect: connection refused"
 * n.params;      // => [{ name: "ipv4", mask: "<IP>", value: "10.2.1.5:8080" }]
 */
export function normalizeMessage(message: string, options?: NormalizeOptions): NormalizedMessage {
  assertString(message, "message");
  const o = resolveOptions(options);
  const cut = o.maxLength === Number.POSITIVE_INFINITY ? undefined : truncateMessage(message, o.maxLength);
  const raw = cut === undefined ? message : cut.text;
  const framed = o.frames.length === 0 ? undefined : tryFrames(raw, o.frames);
  // Unicode is made canonical before masking, so that `１２３` (full-width) is masked like `123`.
  const body = stripUnicodeForMasking(framed?.body ?? raw, framed !== undefined);
  const masked = maskFrameVariables(maskWith(body, o.rules), framed);
  const text = o.clean(masked.text);
  if (typeof text !== "string") fail(`options.clean returned ${typeof text}, expected a string`);
  const lower = text.toLowerCase();
  // Lower-case ASCII (the common case) is tokenized in one table-driven pass; the key is read off `lower`
  // instead of lower-casing the text again.
  const tokens = tokenizeLowerAscii(lower, o.stopWords) ?? tokenizeWith(lower, o.stopWords, 2);
  const templateKey = keyOfLower(text, lower);
  const truncated = cut?.truncated ?? false;
  if (framed === undefined) {
    return {
      text,
      templateKey,
      tokens,
      params: masked.params,
      fields: EMPTY_FIELDS,
      truncated,
      originalLength: message.length,
    };
  }
  return {
    text,
    templateKey,
    tokens,
    params: masked.params,
    fields: framed.fields,
    frame: framed.frame,
    truncated,
    originalLength: message.length,
  };
}
