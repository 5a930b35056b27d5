import { assertFunction, assertString, describe, fail } from "./internal/assert";

/** The fields a vendor frame yielded, and the text that carries the cause. */
export interface ParsedVendorFrame {
  /** Name of the frame that matched (`"qovery"`). */
  readonly frame: string;
  /** Named fields read from the frame (`errorMessage`, `hint`, `executionId`, …); boilerplate is left out. */
  readonly fields: Readonly<Record<string, string>>;
  /** The cause-bearing text (for Qovery: the error message, then the hint), to be masked and cleaned. */
  readonly body: string;
  /**
   * Names the frame says vary per deployment (the application and environment names of Qovery's scope):
   * {@link normalizeMessage} masks them as `<NAME>` wherever they stand as whole words in the body.
   */
  readonly variables?: readonly string[];
}

/** A parser for one vendor's message frame. Make one with {@link defineVendorFrame}. */
export interface VendorFrame {
  readonly name: string;
  /** Returns the parsed frame, or `undefined` when the message is not in this frame. Never throws on data. */
  readonly parse: (message: string) => ParsedVendorFrame | undefined;
}

/**
 * A frame made of `Label: value` lines (bullets, emoji and indentation before the label are ignored),
 * separated by rules (`-----`) and section headers. A value runs until the next label, rule or header,
 * so multi-line values (build output) stay whole.
 */
export interface LabelledFrameSpec {
  readonly name: string;
  /** Header lines of the frame; a message is in this frame when it contains at least one of them. */
  readonly headers: readonly string[];
  /** Field name → the label that introduces it (matched case-insensitively, followed by `:`). */
  readonly fields: Readonly<Record<string, string>>;
  /** Fields whose text joins the body, in order. Lines outside any field are appended after them. */
  readonly body: readonly string[];
  /**
   * Fields that are vendor boilerplate (a support blurb): parsed so they end the previous field, then dropped.
   * @defaultValue []
   */
  readonly boilerplate?: readonly string[];
  /**
   * Fields that name variable things (an application, an environment). Their quoted parts (`'api'`,
   * `"dev"`), or their whole value when unquoted, become {@link ParsedVendorFrame.variables}: the first 16
   * of at least 3 characters.
   * @defaultValue []
   */
  readonly variables?: readonly string[];
}

/** A frame with a hand-written parser, for frames that are not `Label: value` lines. */
export interface CustomFrameSpec {
  readonly name: string;
  readonly parse: (message: string) => ParsedVendorFrame | undefined;
}

/** Longest quoted part of a variables field: bounded, so a stray quote cannot make the scan long. */
const MAX_QUOTED = 128;

/**
 * Pushes the quoted parts of `value` (`'api'`, `"dev"`: 1 to {@link MAX_QUOTED} characters, no line
 * break, quotes removed) onto `out`, leftmost first, as `/'[^'\n]{1,128}'|"[^"\n]{1,128}"/g` would
 * find them; returns false when there is none. A loop rather than that regex: no match array per call.
 * @internal Exported for its property test.
 */
export function pushQuoted(value: string, out: string[]): boolean {
  let found = false;
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const q = value.charCodeAt(i);
    if (q !== 39 /* ' */ && q !== 34 /* " */) continue;
    const limit = Math.min(n, i + MAX_QUOTED + 2);
    let k = i + 1;
    while (k < limit && value.charCodeAt(k) !== q && value.charCodeAt(k) !== 10) k++;
    if (k < limit && k > i + 1 && value.charCodeAt(k) === q) {
      out.push(value.slice(i + 1, k));
      found = true;
      i = k; // the search goes on after the closing quote
    }
  }
  return found;
}
// Shorter names (`qa`) would mask ordinary words too often.
const MIN_VARIABLE_LENGTH = 3;
// Each variable costs one scan of the body: a bounded count keeps masking linear on hostile frames.
const MAX_VARIABLES = 16;

/** Index in `[a, b)` where a label may start: after bullets, emoji and other symbols; -1 if none. */
function labelStart(text: string, a: number, b: number): number {
  // Bounded: a label sits near the start of its line; a line of 1 MB of symbols is not scanned to the end.
  const limit = Math.min(b, a + 64);
  for (let i = a; i < limit; i++) {
    const c = text.charCodeAt(i);
    const isAsciiAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isAsciiAlnum) return i;
    if (c >= 0xc0 && c < 0x2000) return i; // Latin-1 letters and other alphabets: a label may be localised
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0;
}

/** What rule lines (`-----`, `=====`) are made of; `-` first, so it is a literal inside the regex class below. */
const RULE_CHARS = "-=_*~#";
// A line's first character is checked against this before the regex runs: most lines are ruled out by one read.
const RULE_START = new Uint8Array(128);
for (const c of RULE_CHARS) RULE_START[c.charCodeAt(0)] = 1;
// Sticky, so it matches exactly at `lastIndex`; the regex engine walks a long rule line faster than a loop.
const RULE_RUN = new RegExp(`[${RULE_CHARS}]+`, "y");

/** A rule line: three or more characters of `-=_*~#` and nothing else (bounds are already trimmed). */
function isRuleLine(text: string, a: number, b: number): boolean {
  if (b - a < 3) return false;
  RULE_RUN.lastIndex = a;
  return RULE_RUN.test(text) && RULE_RUN.lastIndex >= b;
}

/**
 * `message.slice(at, at + label.length).toLowerCase() === label` for a lower-cased `label`, without the
 * copy when the text is ASCII (other characters take the copy: their lower case may change the length).
 */
function equalsFolded(message: string, at: number, label: string): boolean {
  const n = label.length;
  if (at + n > message.length) return message.slice(at, at + n).toLowerCase() === label;
  for (let i = 0; i < n; i++) {
    let c = message.charCodeAt(at + i);
    if (c >= 128) return message.slice(at, at + n).toLowerCase() === label;
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== label.charCodeAt(i)) return false;
  }
  return true;
}

function buildLabelledParser(spec: LabelledFrameSpec): (message: string) => ParsedVendorFrame | undefined {
  const labels = Object.entries(spec.fields).map(([field, label], slot) => ({
    field,
    label: label.trim().toLowerCase(),
    exact: label.trim(),
    slot,
    drop: spec.boilerplate?.includes(field) ?? false,
  }));
  const fieldCount = labels.length;
  // Longest label first, so `Error message` wins over a hypothetical `Error`.
  labels.sort((a, b) => b.label.length - a.label.length);
  // Labels by their first letter: most lines are then ruled out by one array read (a map for non-ASCII letters).
  const byFirstAscii: ((typeof labels)[number][] | undefined)[] = new Array(128).fill(undefined);
  const byFirst = new Map<number, (typeof labels)[number][]>();
  for (const l of labels) {
    const first = l.label.charCodeAt(0);
    const list = (first < 128 ? byFirstAscii[first] : byFirst.get(first)) ?? [];
    list.push(l);
    if (first < 128) byFirstAscii[first] = list;
    else byFirst.set(first, list);
  }
  const slotLabel = [...labels].sort((a, b) => a.slot - b.slot);
  const variableFields = spec.variables ?? [];
  const headers = spec.headers;
  return (message) => {
    // Header occurrences, found once: a line holding one is a section header.
    const headerAt: number[] = [];
    for (const h of headers) {
      for (let i = message.indexOf(h); i !== -1; i = message.indexOf(h, i + h.length)) headerAt.push(i);
    }
    if (headerAt.length === 0) return undefined;
    // Usually already in order (one occurrence of each header, in the order they are listed).
    for (let i = 1; i < headerAt.length; i++) {
      if (headerAt[i - 1]! > headerAt[i]!) {
        headerAt.sort((a, b) => a - b);
        break;
      }
    }
    // Each field is a list of [start, end) line ranges of `message`; sliced only at the end.
    // Each field's ranges by slot, and the slots in the order they were first met (the order of `fields`).
    const values: (number[] | undefined)[] = new Array(fieldCount);
    const order: number[] = [];
    const loose: string[] = [];
    let current: number[] | undefined;
    let h = 0;
    const n = message.length;
    // Lines are walked as index ranges: no per-line string is made unless a line is kept.
    for (let pos = 0; pos <= n; ) {
      const nl = message.indexOf("\n", pos);
      const lineEnd = nl === -1 ? n : nl;
      let a = pos;
      let b = lineEnd;
      pos = lineEnd + 1;
      while (a < b && isSpace(message.charCodeAt(a))) a++;
      while (b > a && isSpace(message.charCodeAt(b - 1))) b--;
      while (h < headerAt.length && headerAt[h]! < a) h++;
      const isHeader = h < headerAt.length && headerAt[h]! < b;
      if (isHeader || (RULE_START[message.charCodeAt(a)] === 1 && isRuleLine(message, a, b))) {
        current = undefined;
        continue;
      }
      const at = labelStart(message, a, b);
      let matched = false;
      const c = at >= 0 ? message.charCodeAt(at) : -1;
      // ASCII upper case folds to lower case by one bit; other first letters are looked up lower-cased.
      const first = c >= 65 && c <= 90 ? c | 0x20 : c < 128 ? c : message[at]!.toLowerCase().charCodeAt(0);
      const candidates = at < 0 ? undefined : first < 128 ? byFirstAscii[first] : byFirst.get(first);
      if (candidates !== undefined) {
        for (const { slot, label, exact } of candidates) {
          if (!message.startsWith(exact, at) && !equalsFolded(message, at, label)) continue;
          let k = at + label.length;
          while (message.charCodeAt(k) === 32 || message.charCodeAt(k) === 9) k++;
          if (k >= b || message.charCodeAt(k) !== 58 /* : */) continue;
          k++;
          while (k < b && isSpace(message.charCodeAt(k))) k++;
          current = k < b ? [k, b] : [];
          if (values[slot] === undefined) order.push(slot);
          values[slot] = current;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (current !== undefined) {
        // Blank lines inside a multi-line value are kept only between non-blank ones.
        if (a < b || current.length > 0) current.push(a, b);
      } else if (a < b) {
        loose.push(message.slice(a, b));
      }
    }
    const fields: Record<string, string> = {};
    for (const slot of order) {
      const { field, drop } = slotLabel[slot]!;
      if (drop) continue;
      const ranges = values[slot]!;
      let last = ranges.length;
      while (last >= 2 && ranges[last - 2] === ranges[last - 1]) last -= 2; // trailing blank lines
      if (last === 2) fields[field] = message.slice(ranges[0], ranges[1]);
      else {
        const lines: string[] = [];
        for (let i = 0; i < last; i += 2) lines.push(message.slice(ranges[i], ranges[i + 1]));
        fields[field] = lines.join("\n");
      }
    }
    const parts: string[] = [];
    for (const field of spec.body) {
      const v = fields[field];
      if (v !== undefined && v !== "") parts.push(v);
    }
    if (loose.length > 0) parts.push(loose.join("\n"));
    const found: string[] = [];
    for (const field of variableFields) {
      const v = fields[field];
      if (v === undefined || v === "") continue;
      if (!pushQuoted(v, found)) found.push(v);
    }
    const variables: string[] = [];
    for (let i = 0; i < found.length && variables.length < MAX_VARIABLES; i++) {
      const v = found[i]!;
      if (v.trim().length >= MIN_VARIABLE_LENGTH) variables.push(v);
    }
    const body = parts.length === 1 ? parts[0]! : parts.join("\n");
    // Built whole rather than spread: this runs once per message.
    return variables.length === 0 ? { frame: spec.name, fields, body } : { frame: spec.name, fields, body, variables };
  };
}

/**
 * Defines a vendor frame: either declaratively from its `Label: value` layout ({@link LabelledFrameSpec}),
 * or with your own `parse` function ({@link CustomFrameSpec}). Pass the result in the `frames` option of
 * {@link normalizeMessage} (or to {@link parseVendorFrame}) next to {@link qoveryFrame}.
 *
 * @throws TypeError when the spec is malformed (names the field).
 * @example
 * const acme = defineVendorFrame({
 *   name: "acme",
 *   headers: ["== ACME DEPLOY FAILURE =="],
 *   fields: { reason: "Reason", runbook: "Runbook" },
 *   body: ["reason"],
 *   boilerplate: ["runbook"],
 * });
 * parseVendorFrame("== ACME DEPLOY FAILURE ==\nReason: disk full\nRunbook: https://wiki", { frames: [acme] });
 * // => { frame: "acme", fields: { reason: "disk full" }, body: "disk full" }
 */
export function defineVendorFrame(spec: LabelledFrameSpec | CustomFrameSpec): VendorFrame {
  if (typeof spec !== "object" || spec === null) fail("spec must be a vendor frame spec object");
  assertString(spec.name, "spec.name");
  if ("parse" in spec) {
    assertFunction(spec.parse, "spec.parse");
    return { name: spec.name, parse: spec.parse };
  }
  const s = spec as LabelledFrameSpec;
  if (!Array.isArray(s.headers) || s.headers.length === 0) fail("spec.headers must be a non-empty array of strings");
  s.headers.forEach((h, i) => {
    assertString(h, `spec.headers[${i}]`);
    if (h === "") fail(`spec.headers[${i}] must not be empty`);
  });
  if (typeof s.fields !== "object" || s.fields === null) fail("spec.fields must be an object of field → label");
  for (const [field, label] of Object.entries(s.fields)) {
    assertString(label, `spec.fields.${field}`);
    if (label.trim() === "") fail(`spec.fields.${field} must not be empty`);
  }
  if (!Array.isArray(s.body)) fail("spec.body must be an array of field names");
  s.body.forEach((f, i) => {
    if (!(f in s.fields)) fail(`spec.body[${i}] names an unknown field (${JSON.stringify(f)})`);
  });
  (s.boilerplate ?? []).forEach((f, i) => {
    if (!(f in s.fields)) fail(`spec.boilerplate[${i}] names an unknown field (${JSON.stringify(f)})`);
  });
  (s.variables ?? []).forEach((f, i) => {
    if (!(f in s.fields)) fail(`spec.variables[${i}] names an unknown field (${JSON.stringify(f)})`);
  });
  return { name: s.name, parse: buildLabelledParser(s) };
}

/** @internal Validates a frames list once per call. */
export function assertFrames(frames: unknown, name: string): asserts frames is readonly VendorFrame[] {
  if (!Array.isArray(frames)) fail(`${name} must be an array of vendor frames`);
  // A plain loop, and the message built only on failure: this runs once per normalised message.
  for (let i = 0; i < frames.length; i++) {
    const f: unknown = frames[i];
    if (typeof f !== "object" || f === null) fail(`${name}[${i}] must be a vendor frame (use defineVendorFrame)`);
    if (typeof (f as VendorFrame).parse !== "function") assertFunction((f as VendorFrame).parse, `${name}[${i}].parse`);
  }
}

/**
 * @internal Tries each frame in order.
 * @throws TypeError when a frame's `parse` returns something other than undefined or an object with a string `body`.
 */
export function tryFrames(message: string, frames: readonly VendorFrame[]): ParsedVendorFrame | undefined {
  for (const frame of frames) {
    const parsed: unknown = frame.parse(message);
    if (parsed === undefined) continue;
    // A custom parser's result is checked once here, so every caller can trust `body`. The messages are built
    // only on failure: this runs once per framed message.
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      fail(
        `vendor frame ${JSON.stringify(frame.name)} returned ${describe(parsed)}, expected undefined or { frame, fields, body }`,
      );
    const body: unknown = (parsed as { body?: unknown }).body;
    if (typeof body !== "string") {
      const got = body === undefined ? "no body" : `a body of ${describe(body)}`;
      fail(`vendor frame ${JSON.stringify(frame.name)} returned ${got}, expected a string`);
    }
    return parsed as ParsedVendorFrame;
  }
  return undefined;
}
