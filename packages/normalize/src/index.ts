// @faultline/normalize public API. Explicit named re-exports only.

export {
  dateRule,
  defaultMaskingRules,
  digestRule,
  durationRule,
  emailRule,
  hashRule,
  hexRule,
  hostnameRule,
  idRule,
  imageRule,
  ipv4Rule,
  ipv6Rule,
  macRule,
  numberRule,
  pathRule,
  podRule,
  timeRule,
  timestampRule,
  urlRule,
  uuidRule,
  versionRule,
} from "./default-masking-rules";
export { englishStopWords } from "./english-stop-words";
// Flattening batched rows
export { type FlatEvent, type FlattenOptions, type FlattenResult, flatten, type Rejection } from "./flatten";
export { type FlattenStreamOptions, flattenStream } from "./flatten-stream";
export { groupByTemplateKey, type TemplateGroup } from "./group-by-template-key";
export { type MaskedParam, type MaskOptions, type MaskResult, mask } from "./mask";
// Masking rules (data) and masking
export { defineMaskingRule, type MaskingRule } from "./masking-rule";
// Normalising messages
export {
  DEFAULT_MAX_LENGTH,
  defaultClean,
  type NormalizedMessage,
  type NormalizeOptions,
  normalizeMessage,
} from "./normalize-message";
export { type ParseVendorFrameOptions, parseVendorFrame } from "./parse-vendor-frame";
export { pipeline } from "./pipeline";
export { defaultVendorFrames, qoveryFrame } from "./qovery-frame";
// Streaming readers
export {
  DEFAULT_MAX_RECORD_LENGTH,
  type ReadRecordsOptions,
  type RecordFormat,
  type RecordItem,
  readRecords,
} from "./read-records";
// Cleaning steps
export type { CleaningStep } from "./steps/cleaning-step";
export { collapseWhitespace } from "./steps/collapse-whitespace";
export { lowercase } from "./steps/lowercase";
export { EMPTY_PLACEHOLDER, nonEmpty } from "./steps/non-empty";
export { type RemoveStopWordsOptions, removeStopWords } from "./steps/remove-stop-words";
export { stripNumbers } from "./steps/strip-numbers";
export { stripPunctuation } from "./steps/strip-punctuation";
export { stripUnicode } from "./steps/strip-unicode";
export { type StripVendorFrameOptions, stripVendorFrame } from "./steps/strip-vendor-frame";
export { templateKey } from "./template-key";
// Tokens
export { type TokenizeOptions, tokenize } from "./tokenize";
export { TRUNCATION_MARKER, type TruncateResult, truncateMessage } from "./truncate-message";
// Vendor frames
export {
  type CustomFrameSpec,
  defineVendorFrame,
  type LabelledFrameSpec,
  type ParsedVendorFrame,
  type VendorFrame,
} from "./vendor-frame";
