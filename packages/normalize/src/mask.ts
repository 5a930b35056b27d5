import { defaultMaskingRules } from "./default-masking-rules";
import { assertOptionsObject, assertString } from "./internal/assert";
import { assertMaskingRule, type MaskingRule } from "./masking-rule";

/** One masked value, in the order its placeholder appears in the masked text. */
export interface MaskedParam {
  /** The rule that masked it (`"ipv4"`). */
  readonly name: string;
  /** The placeholder it was replaced by (`"<IP>"`). */
  readonly mask: string;
  /** The original text (`"10.2.1.5:8080"`). */
  readonly value: string;
}

/** Options of {@link mask}. */
export interface MaskOptions {
  /** Rules to apply, in order. @defaultValue defaultMaskingRules */
  readonly rules?: readonly MaskingRule[];
}

/** What {@link mask} returns. */
export interface MaskResult {
  /** The text with every match replaced by its rule's mask; whitespace is left exactly as it was. */
  readonly text: string;
  /** The masked values, in the order their placeholders appear in `text`. */
  readonly params: readonly MaskedParam[];
}

interface CompiledRule {
  readonly name: string;
  readonly mask: string;
  readonly re: RegExp;
  /** ASCII trigger bitmaps, all of which a token must meet (bit 0 stands for "any non-ASCII character"); empty: always run. */
  readonly triggers: readonly Int32Array[];
  /** Bits of the distinct trigger groups this rule needs (see {@link Compiled.features}); all must be present. */
  readonly need: number;
}

interface Compiled {
  readonly rules: readonly CompiledRule[];
  /** Finds the tokens that meet at least one rule's first trigger group (all tokens when a rule has none). */
  readonly scan: RegExp;
  /** Union of all trigger bitmaps, or undefined when some rule runs on every token. */
  readonly any: Int32Array | undefined;
  /**
   * When the rules have at most 30 distinct trigger groups: for each UTF-16 code unit, the bits of the
   * groups it belongs to, plus {@link CANDIDATE} when it makes a token a candidate (what `scan` looks
   * for) and the sign bit ({@link BREAKS}) when it ends a token. A token's groups are then the OR over
   * its characters, and a rule runs when its `need` bits are all there: one AND per rule instead of a
   * bitmap intersection per group, and one table load per character. One entry per code unit (256 KiB,
   * all non-ASCII units alike, shared by rule sets with equal entries), so the scan needs no range test.
   * Undefined with more groups (then `triggers` are checked one by one).
   */
  readonly features: Int32Array | undefined;
  /**
   * Short tokens the scan picked (sentence punctuation: `error:`, `starts.`) that no rule changed. Real
   * messages repeat them, so they are remembered and skipped; cleared when full, so memory stays bounded.
   */
  readonly plain: Set<string>;
}

/** Bit of a {@link Compiled.features} entry: the character makes its token a candidate. */
const CANDIDATE = 1 << 30;
/** Bit of a {@link Compiled.features} entry (the sign bit, so the test is `< 0`): the character ends a token. */
const BREAKS = 1 << 31;
/** Trigger groups that fit in a features entry beside {@link CANDIDATE} and {@link BREAKS}. */
const MAX_FEATURE_GROUPS = 30;

/** Longest token remembered in {@link Compiled.plain}, and how many are kept before the set is cleared. */
const PLAIN_MAX_LENGTH = 32;
const PLAIN_MAX_SIZE = 4096;

/**
 * Characters that end a token: ASCII whitespace and controls, and the delimiters no default rule
 * matches across. Splitting there keeps tokens short and most of them free of any trigger.
 */
const BREAK = new Uint8Array(128);
for (let c = 0; c <= 32; c++) BREAK[c] = 1;
for (const ch of "()[]{}\"'`,;|") BREAK[ch.charCodeAt(0)] = 1;
BREAK[127] = 1;

const BREAK_CLASS = "\\x00-\\x20()\\[\\]{}\"'`,;|\\x7f";

/**
 * The token finder. With triggers it matches only tokens holding a trigger character, so the regex
 * engine (native code) skips plain words; the lookbehind anchors each attempt at a token start, which
 * keeps the search linear.
 */
function scanFor(any: Int32Array | undefined): RegExp {
  if (any === undefined) return new RegExp(`[^${BREAK_CLASS}]+`, "g");
  let cls = "";
  for (let c = 33; c < 127; c++) {
    if (BREAK[c] !== 1 && (any[c >> 5]! & (1 << (c & 31))) !== 0) cls += `\\x${c.toString(16).padStart(2, "0")}`;
  }
  if ((any[0]! & 1) !== 0) cls += "\\u0080-\\uffff";
  if (cls === "") return /(?!)/g;
  return new RegExp(`(?<![^${BREAK_CLASS}])[^${BREAK_CLASS}${cls}]*[${cls}][^${BREAK_CLASS}]*`, "g");
}

const cache = new WeakMap<readonly MaskingRule[], Compiled>();

/**
 * Full feature tables by their 129 distinct values. A rules array built per call
 * (`[myRule, ...defaultMaskingRules]`) is compiled per call, but its table (256 KiB) is then filled once,
 * not each time. Rule sets with other trigger groups add entries; past {@link MAX_SHARED_TABLES} the
 * cache starts over, so memory stays bounded.
 */
const sharedTables = new Map<string, Int32Array>();
const MAX_SHARED_TABLES = 16;

/** The 65,536-entry table for `ascii` (128 ASCII entries, then the one for every other code unit). */
function fullFeatureTable(ascii: Int32Array): Int32Array {
  const key = ascii.join(",");
  let table = sharedTables.get(key);
  if (table === undefined) {
    if (sharedTables.size >= MAX_SHARED_TABLES) sharedTables.clear();
    table = new Int32Array(65536);
    table.set(ascii.subarray(0, 128));
    table.fill(ascii[128]!, 128);
    sharedTables.set(key, table);
  }
  return table;
}

function compile(rules: readonly MaskingRule[]): Compiled {
  const hit = cache.get(rules);
  if (hit !== undefined) return hit;
  if (!Array.isArray(rules))
    throw new TypeError("[@faultline/normalize] options.rules must be an array of masking rules");
  let any: Int32Array | undefined = new Int32Array(4);
  const out: CompiledRule[] = [];
  const distinct: Int32Array[] = [];
  rules.forEach((rule: unknown, i) => {
    assertMaskingRule(rule, `options.rules[${i}]`);
    const flags = rule.pattern.flags.includes("g") ? rule.pattern.flags : `${rule.pattern.flags}g`;
    // A private copy: callers' RegExp objects keep their lastIndex, and a sticky flag would change semantics.
    const re = new RegExp(rule.pattern.source, flags.replace("y", ""));
    const groups =
      rule.triggers === undefined ? [] : typeof rule.triggers === "string" ? [rule.triggers] : rule.triggers;
    const triggers = groups.map((chars) => {
      const bits = new Int32Array(4);
      for (let k = 0; k < chars.length; k++) {
        const c = chars.charCodeAt(k);
        const bit = c < 128 ? c : 0;
        bits[bit >> 5]! |= 1 << (bit & 31);
      }
      return bits;
    });
    // The token-level skip uses the first group of each rule: a token meeting no rule's first group is copied as is.
    const first = triggers[0];
    if (first === undefined) any = undefined;
    else if (any !== undefined) for (let w = 0; w < 4; w++) any[w]! |= first[w]!;
    let need = 0;
    for (const g of triggers) {
      let k = distinct.findIndex((d) => d[0] === g[0] && d[1] === g[1] && d[2] === g[2] && d[3] === g[3]);
      if (k === -1) k = distinct.push(g) - 1;
      if (k < 31) need |= 1 << k;
    }
    out.push({ name: rule.name, mask: rule.mask, re, triggers, need });
  });
  let features: Int32Array | undefined;
  if (distinct.length <= MAX_FEATURE_GROUPS) {
    const ascii = new Int32Array(129);
    for (let c = 0; c < 128; c++) {
      for (let k = 0; k < distinct.length; k++)
        if ((distinct[k]![c >> 5]! & (1 << (c & 31))) !== 0) ascii[c]! |= 1 << k;
      if (BREAK[c] === 1) ascii[c]! |= BREAKS;
      else if (c > 32 && c < 127 && (any === undefined || (any[c >> 5]! & (1 << (c & 31))) !== 0))
        ascii[c]! |= CANDIDATE;
    }
    ascii[128] = ascii[0]! & ~BREAKS; // bit 0 of a trigger bitmap stands for every non-ASCII character
    if (any === undefined || (any[0]! & 1) !== 0) ascii[128]! |= CANDIDATE;
    features = fullFeatureTable(ascii);
  }
  const compiled: Compiled = { rules: out, any, scan: scanFor(any), features, plain: new Set() };
  cache.set(rules, compiled);
  return compiled;
}

function intersects(a: Int32Array, b: Int32Array): boolean {
  return (a[0]! & b[0]!) !== 0 || (a[1]! & b[1]!) !== 0 || (a[2]! & b[2]!) !== 0 || (a[3]! & b[3]!) !== 0;
}

function meets(groups: readonly Int32Array[], present: Int32Array): boolean {
  for (const g of groups) if (!intersects(g, present)) return false;
  return true;
}

/** A placeholder already written into the current token, with its original text. */
interface Slot {
  start: number;
  end: number;
  name: string;
  mask: string;
  value: string;
}

/**
 * Applies the rules to one token. Each rule rewrites the token in turn; `slots` tracks where earlier
 * placeholders moved, so params come out in text order and a later match that swallows a placeholder
 * gets the original text back as its value.
 */
function maskToken(
  token: string,
  rules: readonly CompiledRule[],
  present: Int32Array,
  features: Int32Array | undefined,
  has: number,
  params: MaskedParam[],
): string {
  let cur = token;
  let slots: Slot[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    if (features !== undefined ? (rule.need & has) !== rule.need : !meets(rule.triggers, present)) continue;
    const re = rule.re;
    re.lastIndex = 0;
    let m = re.exec(cur);
    if (m === null) continue;
    let out = "";
    let last = 0;
    let si = 0;
    const next: Slot[] = [];
    while (m !== null) {
      let s = m.index;
      let e = s + m[0].length;
      if (e === s) {
        // An empty match would loop forever; rules must consume at least one character.
        re.lastIndex = s + 1;
        m = re.exec(cur);
        continue;
      }
      // Earlier placeholders entirely before this match keep their text; shift them.
      while (si < slots.length && slots[si]!.end <= s) {
        const slot = slots[si++]!;
        const at = out.length + (slot.start - last);
        next.push({ ...slot, start: at, end: at + (slot.end - slot.start) });
      }
      // Placeholders the match overlaps are absorbed; the match's value is rebuilt from their originals.
      let value = "";
      let from = s;
      if (si < slots.length && slots[si]!.start < e) {
        s = Math.min(s, slots[si]!.start);
        from = s;
        while (si < slots.length && slots[si]!.start < e) {
          const slot = slots[si++]!;
          value += cur.slice(from, slot.start) + slot.value;
          from = slot.end;
          e = Math.max(e, slot.end);
        }
      }
      value += cur.slice(from, e);
      out += cur.slice(last, s);
      next.push({ start: out.length, end: out.length + rule.mask.length, name: rule.name, mask: rule.mask, value });
      out += rule.mask;
      last = e;
      if (re.lastIndex < e) re.lastIndex = e;
      // A match that reached the end of the token is the last one (rules never match the empty string):
      // skipping the exec that would return null saves one regex call per masked token.
      m = e >= cur.length ? null : re.exec(cur);
    }
    while (si < slots.length) {
      const slot = slots[si++]!;
      const at = out.length + (slot.start - last);
      next.push({ ...slot, start: at, end: at + (slot.end - slot.start) });
    }
    cur = out + cur.slice(last);
    slots = next;
    // Later rules see the rewritten token: refresh the trigger bits (a token now all placeholder skips them all).
    if (cur === rule.mask) break;
    if (features !== undefined) {
      has = 0;
      for (let i = 0; i < cur.length; i++) {
        const c = cur.charCodeAt(i);
        has |= features[c]!;
      }
      continue;
    }
    present.fill(0);
    for (let i = 0; i < cur.length; i++) {
      const c = cur.charCodeAt(i);
      const bit = c < 128 ? c : 0;
      present[bit >> 5]! |= 1 << (bit & 31);
    }
  }
  for (const slot of slots) params.push({ name: slot.name, mask: slot.mask, value: slot.value });
  return cur;
}

/**
 * Replaces the variable parts of a message (ids, addresses, numbers, …) by named placeholders and
 * returns the replaced values as `params`, like Drain3's masking plus its `get_parameter_list`.
 *
 * Runs in time linear in `text.length` with the default rules: one scan splits the text into
 * whitespace-delimited tokens, a per-rule trigger set skips tokens a rule cannot match, and every
 * default pattern is linear (see {@link MaskingRule}).
 *
 * @throws TypeError when `text` is not a string or a rule is malformed.
 * @example
 * mask("dial tcp 10.2.1.5:8080: connect: connection refused");
 * // => { text: "dial tcp <IP>: connect: connection refused",
 * //      params: [{ name: "ipv4", mask: "<IP>", value: "10.2.1.5:8080" }] }
 */
export function mask(text: string, options?: MaskOptions): MaskResult {
  assertString(text, "text");
  assertOptionsObject(options, "options");
  return maskWith(text, options?.rules ?? defaultMaskingRules);
}

function remember(plain: Set<string>, token: string): void {
  if (plain.size >= PLAIN_MAX_SIZE) plain.clear();
  // A copy: the token may be a slice that would keep the whole message alive.
  plain.add(` ${token}`.slice(1));
}

/** @internal {@link mask} without the argument checks (rules are still checked once, when compiled). */
export function maskWith(text: string, rules: readonly MaskingRule[]): MaskResult {
  const compiled = compile(rules);
  if (compiled.features !== undefined) return maskScanned(text, compiled, compiled.features);
  const params: MaskedParam[] = [];
  const present = new Int32Array(4);
  let out = "";
  let copied = 0;
  let changed = false;
  const scan = compiled.scan;
  const plain = compiled.plain;
  scan.lastIndex = 0;
  for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
    const token = m[0];
    const short = token.length <= PLAIN_MAX_LENGTH;
    if (short && plain.has(token)) continue;
    const before = params.length;
    // Four locals instead of writes into `present`: this loop sees every character of every candidate token.
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      if (c < 64) w1 |= 1 << (c & 31);
      else if (c < 96) w2 |= 1 << (c & 31);
      else if (c < 128) w3 |= 1 << (c & 31);
      else w0 = 1;
    }
    present[0] = w0;
    present[1] = w1;
    present[2] = w2;
    present[3] = w3;
    const masked = maskToken(token, compiled.rules, present, undefined, 0, params);
    if (masked !== token) {
      out += text.slice(copied, m.index) + masked;
      copied = m.index + token.length;
      changed = true;
    } else if (short && params.length === before) remember(plain, token);
  }
  return { text: changed ? out + text.slice(copied) : text, params };
}

/**
 * {@link maskWith} with a group table: one pass over the characters splits the tokens, tells the
 * candidates (the tokens `scan` would match) and collects each token's trigger groups, with no regex
 * match arrays.
 */
function maskScanned(text: string, compiled: Compiled, features: Int32Array): MaskResult {
  const params: MaskedParam[] = [];
  const present = new Int32Array(4);
  const plain = compiled.plain;
  let out = "";
  let copied = 0;
  let changed = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (features[text.charCodeAt(i)]! < 0) {
      i++;
      continue;
    }
    const start = i;
    let has = 0;
    for (; i < n; i++) {
      const f = features[text.charCodeAt(i)]!;
      if (f < 0) break;
      has |= f;
    }
    if ((has & CANDIDATE) === 0) continue;
    const token = text.slice(start, i);
    const short = token.length <= PLAIN_MAX_LENGTH;
    if (short && plain.has(token)) continue;
    const before = params.length;
    const masked = maskToken(token, compiled.rules, present, features, has, params);
    if (masked !== token) {
      out += text.slice(copied, start) + masked;
      copied = i;
      changed = true;
    } else if (short && params.length === before) remember(plain, token);
  }
  return { text: changed ? out + text.slice(copied) : text, params };
}
