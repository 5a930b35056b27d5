// @faultline/normalize public API. Explicit named re-exports only, grouped by concept.
// biome-ignore-all assist/source/organizeImports: the sections below are the documented grouping

// Flattening batched rows
export { type FlatEvent, type FlattenOptions, type FlattenResult, flatten, type Rejection } from "./flatten";
export { type FlattenStreamOptions, flattenStream } from "./flatten-stream";

// Streaming readers
export {
  DEFAULT_MAX_RECORD_LENGTH,
  type ReadRecordsOptions,
  type RecordFormat,
  type RecordItem,
  readRecords,
} from "./read-records";

// Normalising messages
export {
  DEFAULT_MAX_LENGTH,
  defaultClean,
  type NormalizedMessage,
  type NormalizeOptions,
  normalizeMessage,
} from "./normalize-message";
export { templateKey } from "./template-key";
export { WILDCARD } from "./wildcard";
export { groupByTemplateKey, type TemplateGroup } from "./group-by-template-key";
export { type MinedTemplates, type MineTemplatesOptions, mineTemplates } from "./mine-templates";
export { TRUNCATION_MARKER, type TruncateResult, truncateMessage } from "./truncate-message";

// Masking rules (data) and masking
export { defineMaskingRule, type MaskingRule } from "./masking-rule";
export {
  dateRule,
  defaultMaskingRules,
  digestRule,
  digitWordRule,
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
export { type MaskedParam, type MaskOptions, type MaskResult, mask } from "./mask";

// Vendor frames
export {
  type CustomFrameSpec,
  defineVendorFrame,
  type LabelledFrameSpec,
  type ParsedVendorFrame,
  type VendorFrame,
} from "./vendor-frame";
export { defaultVendorFrames, qoveryFrame } from "./qovery-frame";
export { type ParseVendorFrameOptions, parseVendorFrame } from "./parse-vendor-frame";

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
export { pipeline } from "./pipeline";
export { englishStopWords } from "./english-stop-words";

// Tokens
export { type TokenizeOptions, tokenize } from "./tokenize";
