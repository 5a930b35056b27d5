import { assertFunction, assertString, fail } from "./internal/assert";

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
   * `"dev"`), or their whole value when unquoted, become {@link ParsedVendorFrame.variables}.
   * @defaultValue []
   */
  readonly variables?: readonly string[];
}

/** A frame with a hand-written parser, for frames that are not `Label: value` lines. */
export interface CustomFrameSpec {
  readonly name: string;
  readonly parse: (message: string) => ParsedVendorFrame | undefined;
}

// Quoted parts of a variables field, bounded so a stray quote cannot make the scan long.
const QUOTED = /'[^'\n]{1,128}'|"[^"\n]{1,128}"/g;
// Shorter names (`qa`) would mask ordinary words too often.
const MIN_VARIABLE_LENGTH = 3;

const RULE_LINE = /^\s*[-=_*~#]{3,}\s*$/;
const RULE_START = new Uint8Array(128);
for (const c of "-=_*~#") RULE_START[c.charCodeAt(0)] = 1;

/** Index where a label may start: after indentation, bullets, emoji and other symbols. */
function labelStart(line: string): number {
  let i = 0;
  // Bounded: a label sits near the start of its line; a line of 1 MB of symbols is not scanned to the end.
  const limit = Math.min(line.length, 64);
  while (i < limit) {
    const c = line.charCodeAt(i);
    const isAsciiAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isAsciiAlnum) return i;
    if (c >= 0xc0 && c < 0x2000) return i; // Latin-1 letters and other alphabets: a label may be localised
    i++;
  }
  return -1;
}

function buildLabelledParser(spec: LabelledFrameSpec): (message: string) => ParsedVendorFrame | undefined {
  const labels = Object.entries(spec.fields).map(([field, label]) => ({ field, label: label.toLowerCase() }));
  // Longest label first, so `Error message` wins over a hypothetical `Error`.
  labels.sort((a, b) => b.label.length - a.label.length);
  // Labels by their first letter: most lines are then ruled out by one map lookup.
  const byFirst = new Map<string, { field: string; label: string }[]>();
  for (const l of labels) {
    const list = byFirst.get(l.label[0]!) ?? [];
    list.push(l);
    byFirst.set(l.label[0]!, list);
  }
  const drop = new Set(spec.boilerplate ?? []);
  const variableFields = spec.variables ?? [];
  const headers = spec.headers;
  return (message) => {
    if (!headers.some((h) => message.includes(h))) return undefined;
    const values = new Map<string, string[]>();
    const loose: string[] = [];
    let current: string[] | undefined;
    for (const raw of message.split(/\r?\n/)) {
      const line = raw.trimEnd();
      const c0 = line.charCodeAt(0) === 32 ? line.charCodeAt(line.search(/\S|$/)) : line.charCodeAt(0);
      if ((RULE_START[c0] === 1 && RULE_LINE.test(line)) || headers.some((h) => line.includes(h))) {
        current = undefined;
        continue;
      }
      const at = labelStart(line);
      let matched = false;
      const candidates = at >= 0 ? byFirst.get(line[at]!.toLowerCase()) : undefined;
      if (candidates !== undefined) {
        for (const { field, label } of candidates) {
          if (line.slice(at, at + label.length).toLowerCase() !== label) continue;
          let k = at + label.length;
          while (line.charCodeAt(k) === 32) k++;
          if (line.charCodeAt(k) !== 58 /* : */) continue;
          current = [];
          values.set(field, current);
          const first = line.slice(k + 1).trim();
          if (first !== "") current.push(first);
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const text = line.trim();
      if (current !== undefined) {
        // Keep blank lines inside a multi-line value only between non-blank ones.
        if (text !== "" || current.length > 0) current.push(text);
      } else if (text !== "") {
        loose.push(text);
      }
    }
    const fields: Record<string, string> = {};
    for (const [field, lines] of values) {
      if (drop.has(field)) continue;
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      fields[field] = lines.join("\n");
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
      const quoted = v.match(QUOTED);
      if (quoted === null) found.push(v);
      else for (const q of quoted) found.push(q.slice(1, -1));
    }
    const variables = found.filter((v) => v.trim().length >= MIN_VARIABLE_LENGTH);
    const parsed = { frame: spec.name, fields, body: parts.join("\n") };
    return variables.length === 0 ? parsed : { ...parsed, variables };
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
  frames.forEach((f: unknown, i) => {
    if (typeof f !== "object" || f === null) fail(`${name}[${i}] must be a vendor frame (use defineVendorFrame)`);
    assertFunction((f as VendorFrame).parse, `${name}[${i}].parse`);
  });
}

/** @internal Tries each frame in order. */
export function tryFrames(message: string, frames: readonly VendorFrame[]): ParsedVendorFrame | undefined {
  for (const frame of frames) {
    const parsed = frame.parse(message);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}
