import type { MaskingRule } from "./masking-rule";

// Every pattern below is written to run in linear time under a backtracking engine:
// - an unbounded quantifier only starts at a run boundary: a lookbehind excludes its class, so a
//   run of N matching characters is entered once, not N times;
// - no quantifier nests over a class its neighbour can also consume, unless a literal the inner
//   class excludes separates the iterations (`(?:\.[a-z0-9-]+)+`);
// - adjacent quantified pieces over overlapping classes are bounded (`{0,62}`).
// test/linear-time.test.ts runs each rule on 1 MB of hostile input.
//
// Rules see one whitespace-delimited token at a time, in this order: the specific shapes first
// (a URL contains a host, a path and numbers; a timestamp contains a date, a time and numbers),
// numbers last.

const HEX = "0-9a-fA-F";
// Kubernetes' rand.SafeEncodeString alphabet: the hash suffixes of ReplicaSet and Pod names.
const K8S = "bcdfghjklmnpqrstvwxz2456789";
const DIGITS = "0123456789";
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * URLs with a scheme (`https://…`, `s3://…`, `git+ssh://…`) and scp-like git remotes (`git@github.com:org/repo.git`);
 * trailing sentence punctuation stays outside.
 */
export const urlRule: MaskingRule = {
  name: "url",
  pattern:
    /(?<![\w.+-])(?:[a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/[^\s"'`<>()[\]{}|\\^]*[^\s"'`<>()[\]{}|\\^.,;:!?]|[\w.-]{1,64}@[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63})+:(?![\d/])[\w.~-]{1,255}(?:\/[\w.~-]{1,255})*)/g,
  mask: "<URL>",
  triggers: [":", "/"],
};

/** `jane.doe+ci@example.com`. */
export const emailRule: MaskingRule = {
  name: "email",
  pattern: /(?<![\w.+%-])[\w.+%-]{1,64}@[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63})+/g,
  mask: "<EMAIL>",
  triggers: ["@", "."],
};

/**
 * Container image references: anything pinned by digest (`app@sha256:…`), and tagged references whose
 * first component is a registry host (`ghcr.io/acme/api:1.2`, `localhost:5000/app:dev`,
 * `123456789012.dkr.ecr.eu-west-3.amazonaws.com/app:be31`). A bare `nginx:1.25` is left to the
 * version and number rules, because `name:value` is too common to call it an image.
 */
export const imageRule: MaskingRule = {
  name: "image",
  pattern: new RegExp(
    `(?<![\\w.\\/:@-])(?:` +
      // registry host[:port]/path[:tag]@sha256:<64 hex>, registry optional
      `(?:[a-zA-Z0-9-]{1,63}(?:\\.[a-zA-Z0-9-]{1,63})*(?::\\d{1,5})?\\/)?[a-z0-9._-]{1,128}(?:\\/[a-z0-9._-]{1,128})*` +
      `(?::\\w[\\w.-]{0,127})?@sha256:[${HEX}]{64}` +
      `|` +
      // registry host (has a dot, or is localhost, or has a port)/path:tag
      `(?:localhost|[a-zA-Z0-9-]{1,63}(?:\\.[a-zA-Z0-9-]{1,63})+)(?::\\d{1,5})?\\/[a-z0-9._-]{1,128}(?:\\/[a-z0-9._-]{1,128})*` +
      `:\\w[\\w.-]{0,127}` +
      // a trailing `:` or `.` is prose punctuation (`failed to push <ref>: …`), not part of the reference
      `)(?![\\w\\/@]|[.:-]\\w)`,
    "g",
  ),
  mask: "<IMAGE>",
  triggers: ["/@", ":"],
};

/** `sha256:<hex>` content digests (image layers, blobs, checksums) not already inside an image reference. */
export const digestRule: MaskingRule = {
  name: "digest",
  pattern: new RegExp(`(?<![\\w])(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3):[${HEX}]{32,128}(?![\\w])`, "g"),
  mask: "<DIGEST>",
  triggers: [":", "sSmMbB", DIGITS],
};

/**
 * UUIDs, and execution ids built on them: a UUID followed by `-<digits>` parts
 * (`d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439`) is masked as one value.
 */
export const uuidRule: MaskingRule = {
  name: "uuid",
  pattern: new RegExp(
    `(?<![${HEX}])[${HEX}]{8}-[${HEX}]{4}-[${HEX}]{4}-[${HEX}]{4}-[${HEX}]{12}(?:-\\d{1,20})*(?![0-9a-zA-Z])`,
    "g",
  ),
  mask: "<UUID>",
  triggers: ["-", DIGITS],
};

/** ISO 8601 / RFC 3339 date-times in one token: `2021-07-23T10:30:00.123Z`, `2021-07-23T10:30+02:00`. */
export const timestampRule: MaskingRule = {
  name: "timestamp",
  pattern:
    /(?<![\w.:-])\d{4}-\d{2}-\d{2}[T_]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?(?![\w]|[:.]\w)/g,
  mask: "<TIMESTAMP>",
  triggers: [":", "Tt_", "-", DIGITS],
};

/** Calendar dates: `2021-07-23`, `2021/07/23`, `2005.06.03`, `23/07/2021`, `07-23-2021`. */
export const dateRule: MaskingRule = {
  name: "date",
  pattern: /(?<![\w./:-])(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{4})(?![\w:-]|[./]\d)/g,
  mask: "<DATE>",
  triggers: [DIGITS, "-/."],
};

/** Clock times with seconds: `10:30:00`, `15:42:50.675872`, `10:30:00Z`. */
export const timeRule: MaskingRule = {
  name: "time",
  pattern: /(?<![\w.:])\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?Z?(?![\w:]|\.\d)/g,
  mask: "<TIME>",
  triggers: [":", DIGITS],
};

// A dotted IPv4 address, as the tail of an IPv6 one (`::ffff:10.0.0.1`).
const V4 = "\\d{1,3}(?:\\.\\d{1,3}){3}";

/** IPv6 addresses (compressed `fe80::1`, full, or with an IPv4 tail `::ffff:10.0.0.1`), with an optional `%zone`. */
export const ipv6Rule: MaskingRule = {
  name: "ipv6",
  pattern: new RegExp(
    `(?<![\\w:.])(?:` +
      `(?:[${HEX}]{1,4}:){7}[${HEX}]{1,4}` +
      `|(?:[${HEX}]{1,4}:){6}${V4}` +
      `|(?=[${HEX}:.]{0,45}\\d)(?:[${HEX}]{1,4}(?::[${HEX}]{1,4}){0,6})?::` +
      `(?:(?:[${HEX}]{1,4}:){0,5}${V4}|[${HEX}]{1,4}(?::[${HEX}]{1,4}){0,6})?` +
      // a `:` or `.` right after is prose punctuation unless more address characters follow
      `)(?:%[\\w.]{1,32})?(?![\\w]|[.:][\\w:])`,
    "g",
  ),
  mask: "<IP>",
  triggers: [":", DIGITS],
};

/** IPv4 addresses with an optional CIDR suffix or port: `10.0.0.1`, `10.2.1.5:8080`, `10.0.0.0/16`. */
export const ipv4Rule: MaskingRule = {
  name: "ipv4",
  pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2}|:\d{1,5})?(?![\w]|\.\d)/g,
  mask: "<IP>",
  triggers: [DIGITS, "."],
};

// Top-level domains that mark a dotted name as a host even with a single dot. Two-letter country codes
// count too, but only from two dots up and never as a file extension (`app.min.js`, `README.md`).
const GTLD =
  "com|net|org|edu|gov|mil|int|info|biz|io|dev|app|cloud|ai|co|me|tv|xyz|online|site|tech|local|localdomain|internal|lan|svc|cluster|arpa";
const FILE_EXT2 = "js|ts|py|rb|go|rs|md|sh|cc|hh|hs|so|gz|xz|bz|mk|pl|pm|cs|fs|kt|vb|ex|el|jl|ml|rc|db|h|c|o|a|d|r|m|s";

/**
 * Host names: dotted DNS names ending in a common top-level domain (`api.example.com`, `db.svc.cluster.local`),
 * or with three or more labels ending in a two-letter country code (`proxy.cse.cuhk.edu.hk`), with an
 * optional `:port`. Java packages (`org.apache.spark.executor`) and file names keep their text.
 */
export const hostnameRule: MaskingRule = {
  name: "hostname",
  pattern: new RegExp(
    `(?<![\\w.@/-])(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+` +
      `(?:(?:${GTLD})|(?<=\\.[a-zA-Z0-9-]{1,63}\\.)(?!(?:${FILE_EXT2})(?![a-z]))[a-z]{2})` +
      // not before `/`: `app.kubernetes.io/name` is a label key, and `github.com/org/repo` a module path
      `(?::\\d{1,5})?(?![\\w/-]|\\.\\w)`,
    "gi",
  ),
  mask: "<HOST>",
  triggers: ".",
};

/** MAC addresses: `00:1a:2b:3c:4d:5e`, `00-1A-2B-3C-4D-5E`. */
export const macRule: MaskingRule = {
  name: "mac",
  pattern: new RegExp(`(?<![\\w:-])[${HEX}]{2}(?:[:-][${HEX}]{2}){5}(?![\\w:-])`, "g"),
  mask: "<MAC>",
  triggers: [DIGITS, ":-"],
};

/**
 * Kubernetes Pod and ReplicaSet names with their generated hash suffixes
 * (`api-7d4f8b9c6-x2x7k`, `api-7d4f8b9c6`, `migrate-x2x7k`). The whole name is masked: it changes with
 * every rollout, and the workload name is kept in `params`.
 */
export const podRule: MaskingRule = {
  name: "pod",
  pattern: new RegExp(
    `(?<![\\w.-])[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?` +
      // `_` may follow: events print `<pod>_<namespace>(<uid>)`
      `-(?:[${K8S}]{6,10}-[${K8S}]{5}|(?=[${K8S}]{0,9}\\d)[${K8S}]{5,10})(?![a-zA-Z0-9.-])`,
    "g",
  ),
  mask: "<POD>",
  triggers: "-",
};

/** Absolute and home/relative-prefixed file paths (`/app/build/server.js`, `~/x`, `./a/b`, `C:\\x\\y`). */
export const pathRule: MaskingRule = {
  name: "path",
  pattern:
    /(?<![\w./~:\\<>-])(?:(?:~|\.{1,2})?\/+[\w.@%+=~-]{0,254}[\w@%+=~-](?:\/+[\w.@%+=~-]{0,254}[\w@%+=~-])*\/*|[A-Za-z]:\\[^\\\s:*?"<>|]{1,255}(?:\\[^\\\s:*?"<>|]{1,255})*\\?)/g,
  mask: "<PATH>",
  triggers: "/\\",
};

/** Semantic versions (`1.2.3`, `v2.0.0-rc.1+build.5`) and `v`-prefixed two-part versions (`v1.21`). */
export const versionRule: MaskingRule = {
  name: "version",
  pattern:
    /(?<![\w.-])(?:v?\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64})*)?(?:\+[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64})*)?|v\d{1,9}\.\d{1,9})(?![\w]|\.\d)/g,
  mask: "<VERSION>",
  triggers: [DIGITS, "."],
};

/** Durations: `500ms`, `30s`, `5m0s`, `1h2m3.5s`, `2d`. */
export const durationRule: MaskingRule = {
  name: "duration",
  pattern: /(?<![\w.])(?:\d{1,9}(?:\.\d{1,9})?(?:ns|us|µs|ms|s|m|h|d)){1,6}(?![\w])/g,
  mask: "<DURATION>",
  triggers: [DIGITS, "smhdµ"],
};

/** `0x`-prefixed hexadecimal values: `0x7f3a2b`. */
export const hexRule: MaskingRule = {
  name: "hex",
  pattern: new RegExp(`(?<![\\w])0[xX][${HEX}]{1,64}(?![\\w])`, "g"),
  mask: "<HEX>",
  triggers: [DIGITS, "xX"],
};

/**
 * Hashes and hex ids of 7 to 128 digits that mix digits and letters: git SHAs (`9f8e7d6`, full 40),
 * container ids, MD5/SHA sums. Pure-digit runs are left to the number rule.
 */
export const hashRule: MaskingRule = {
  name: "hash",
  pattern: new RegExp(`(?<![\\w])(?=[${HEX}]{0,127}\\d)(?=\\d{0,127}[a-fA-F])[${HEX}]{7,128}(?![\\w])`, "g"),
  mask: "<HASH>",
  triggers: [DIGITS, "abcdefABCDEF"],
};

/**
 * Generated identifiers: alphanumeric tokens of 8+ characters with a letter and at least 3 digits
 * (`cjld2cjxh0000qzrmn831i7rn`), or 2 digits when all lower-case (`ze9e19029`, `z95aeabdf`). Words like
 * `sha256` or `ipv6` are too short to qualify, and CamelCase names (`Win32Exception`) need 3 digits.
 */
export const idRule: MaskingRule = {
  name: "id",
  pattern:
    /(?<![A-Za-z0-9_])(?:(?=(?:[A-Za-z]{0,64}\d){3})(?=\d{0,64}[A-Za-z])[A-Za-z0-9]{8,128}|(?=(?:[a-z]{0,64}\d){2})(?=\d{0,64}[a-z])[a-z0-9]{8,128})(?![A-Za-z0-9_])/g,
  mask: "<ID>",
  triggers: [DIGITS, LETTERS],
};

/**
 * Numbers not glued to letters or digits on the left (`42`, `-7`, `0.25`, `blk_-1608`), with up to
 * three unit letters kept after the mask (`512Mi` becomes `<NUM>Mi`, `3rd` becomes `<NUM>rd`).
 */
export const numberRule: MaskingRule = {
  name: "number",
  pattern: /(?<![A-Za-z0-9])[-+]?\d+(?:\.\d+)*(?=[A-Za-z%]{0,3}(?![A-Za-z0-9]))/g,
  mask: "<NUM>",
  triggers: DIGITS,
};

/**
 * Any token that still holds a digit after the rules above is masked whole (`J12-U11`, `an14`,
 * `us-central1`, `k8s-eu-west-3-q4zl`): Drain's "tokens with digits are variables" heuristic, as the last
 * resort. Trailing `.:!?` stay outside. Technical words with digits (`sha256`, `x86_64`) are masked too:
 * they are constant within a template, so keys stay consistent.
 */
export const digitWordRule: MaskingRule = {
  name: "digit-word",
  // Anchored at the token start: one attempt per token, one backtrack over its trailing punctuation.
  pattern: /^(?=\D{0,4096}\d)[\s\S]*[^.:!?]/g,
  mask: "<VAR>",
  triggers: DIGITS,
};

/**
 * The default masking rules, in the order they run. Specific shapes come first so that, for example,
 * an IP inside a URL is masked as part of the URL, and numbers go last.
 */
export const defaultMaskingRules: readonly MaskingRule[] = Object.freeze([
  urlRule,
  emailRule,
  imageRule,
  digestRule,
  uuidRule,
  timestampRule,
  dateRule,
  timeRule,
  ipv6Rule,
  ipv4Rule,
  hostnameRule,
  macRule,
  podRule,
  pathRule,
  versionRule,
  durationRule,
  hexRule,
  hashRule,
  idRule,
  numberRule,
  digitWordRule,
]);
