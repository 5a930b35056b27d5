// Statistical template mining over template keys, in the spirit of Brain (Yu et al., "Brain: Log Parsing with
// Bidirectional Parallel Tree", IEEE TSC 2023) and Drain's post-merge (He et al., ICWS 2017): keys of one length
// that agree everywhere but one position merge when that position shows a variable, then templates that differ
// only by a variable-length parameter merge across lengths. https://doi.org/10.1109/TSC.2023.3270566
import { fail, describe as show } from "./internal/assert";
import { WILDCARD } from "./wildcard";

/** Options of {@link mineTemplates}. */
export interface MineTemplatesOptions {
  /** Occurrences of each key; they only change {@link MinedTemplates.counts}, never the grouping. @defaultValue 1 for every key */
  readonly weights?: ArrayLike<number>;
  /**
   * Distinct words one position must show, among keys equal everywhere else, before it is called a variable
   * (a position where any key already holds a placeholder is a variable at once). Lower merges more:
   * 3 also merges `GET`/`POST`/`DELETE` lines. @defaultValue 5
   */
  readonly minVariants?: number;
}

/** What {@link mineTemplates} returns. */
export interface MinedTemplates {
  /** The template id of each key, `0..templates.length - 1`, numbered in order of first appearance. */
  readonly templateIds: Int32Array;
  /** The text of each template: constant words kept, variable positions as `<*>` (consecutive ones collapsed). */
  readonly templates: string[];
  /** The summed weights of each template's keys. */
  readonly counts: number[];
}

const DEFAULT_MIN_VARIANTS = 5;
/** Keys longer than this many tokens skip the cross-length alignment. */
const MAX_ALIGN_TOKENS = 64;
/** The largest alignment table, in cells, over the parts of two templates between their common prefix and suffix. */
const MAX_ALIGN_CELLS = 1024;
/** Rounds of step 2, at most; each round merges at least two sets or ends the step. */
const MAX_ROUNDS = 16;
/** How many earlier templates of its bucket each template is aligned with, at most. */
const ALIGN_WINDOW = 32;

const WEEKDAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const MONTHS = new Set(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]);
const ZONES = new Set(["utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "bst"]);

/**
 * Groups template keys into templates: keys that differ only in variable words get one template id. Keys
 * are split on whitespace; the miner
 * 1. folds ctime dates that the per-token masking rules cannot see (`fri jun <*> <*> <*>` becomes `<*>`)
 *    and runs of placeholders (`<*> <*> <*>`, `blk_<*> blk_<*>`) into one `<*>`;
 * 2. among keys of one length, groups keys by their longest common pattern (Brain's blocks) and turns the
 *    block's other positions into `<*>` where they show a variable: a word that fits another's placeholder
 *    (`rhost=<*>` beside `rhost=example.org`), or at least `minVariants` distinct words; then merges keys
 *    equal at every position but one under the same test, until nothing merges;
 * 3. merges templates of different lengths that align word for word except for gaps that each hold a
 *    placeholder and at most one more word (`<*> bytes sent` beside `<*> bytes (<*> kb) sent`).
 *
 * The grouping depends only on the set of distinct keys: not on their order, duplicates or weights.
 * Time is linear in the total number of tokens for steps 1 and 2; step 3 aligns each template with at most
 * 32 others that share its first two constant words.
 *
 * @param keys Outputs of {@link templateKey} (masked, lower-cased, placeholders `<*>`), usually distinct.
 * @throws TypeError when `keys` is not an array of strings or `weights` is not as long as `keys`.
 * @throws RangeError when a weight is negative or not finite, or `minVariants` is not an integer ≥ 2.
 * @example
 * const { templateIds, templates } = mineTemplates([
 *   "session opened for user alice by (uid=<*>)",
 *   "session opened for user bob by (uid=<*>)",
 * ], { minVariants: 2 });
 * templateIds; // => Int32Array [0, 0]
 * templates;   // => ["session opened for user <*> by (uid=<*>)"]
 */
export function mineTemplates(keys: readonly string[], options?: MineTemplatesOptions): MinedTemplates {
  if (!Array.isArray(keys)) fail(`keys must be an array of strings (got ${show(keys)})`);
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    fail(`options must be an options object (got ${show(options)})`);
  }
  const weights = options?.weights;
  if (weights !== undefined) {
    if (weights === null || typeof weights !== "object" || typeof weights.length !== "number") {
      fail(`options.weights must be an array of numbers (got ${show(weights)})`);
    }
    if (weights.length !== keys.length) {
      fail(`options.weights must have one weight per key (got ${weights.length} weights for ${keys.length} keys)`);
    }
  }
  const minVariants = options?.minVariants ?? DEFAULT_MIN_VARIANTS;
  if (typeof minVariants !== "number") fail(`options.minVariants must be a number (got ${show(minVariants)})`);
  if (!Number.isInteger(minVariants) || minVariants < 2) {
    throw new RangeError(`[@faultline/normalize] options.minVariants must be an integer ≥ 2 (got ${minVariants})`);
  }

  const vocab = new Vocabulary();
  // Distinct pre-processed token sequences: the items the miner groups.
  const itemOf = new Map<string, number>();
  const items: Int32Array[] = [];
  const keyItem = new Map<string, number>();
  const itemIds = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key: unknown = keys[i];
    if (typeof key !== "string") fail(`keys[${i}] must be a string (got ${show(key)})`);
    let item = keyItem.get(key);
    if (item === undefined) {
      const tokens = prepare(key);
      const text = tokens.join(" ");
      item = itemOf.get(text);
      if (item === undefined) {
        item = items.length;
        itemOf.set(text, item);
        items.push(vocab.ids(tokens));
      }
      keyItem.set(key, item);
    }
    itemIds[i] = item;
  }

  const sets = new DisjointSets(items.length);
  const templates = foldTemplates(mergeSameLength(items, sets, vocab, minVariants), sets, vocab);
  mergeAcrossLengths(templates, sets, vocab);

  // Number templates in order of first appearance and render them.
  const idOfRoot = new Map<number, number>();
  const templateIds = new Int32Array(keys.length);
  const texts: string[] = [];
  const counts: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const root = sets.find(itemIds[i]!);
    let id = idOfRoot.get(root);
    if (id === undefined) {
      id = texts.length;
      idOfRoot.set(root, id);
      texts.push(render(templates.get(root)!, vocab));
      counts.push(0);
    }
    templateIds[i] = id;
    const w = weights === undefined ? 1 : weights[i]!;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`[@faultline/normalize] options.weights[${i}] must be a finite number ≥ 0 (got ${w})`);
    }
    counts[id]! += w;
  }
  return { templateIds, templates: texts, counts };
}

/** Token strings interned to small integers; id 0 is the wildcard. */
class Vocabulary {
  readonly words: string[] = [WILDCARD];
  /** 1 when the word holds a placeholder (`<*>`, `rhost=<*>`, `(<*>)`). */
  readonly bearing: number[] = [1];
  readonly hashA: number[] = [hashWord(WILDCARD, 0x811c9dc5)];
  readonly hashB: number[] = [hashWord(WILDCARD, 0x01000193)];
  private readonly index = new Map<string, number>([[WILDCARD, 0]]);

  /**
   * The placeholder that stands for all of `ids`: their common prefix before any placeholder and common suffix
   * after any, around `<*>` (`rhost=<*>` for `rhost=a.org` and `rhost=<*>`), or the bare wildcard.
   */
  generalize(ids: Iterable<number>): number {
    let prefix: string | undefined;
    let suffix = "";
    let shortest = Number.POSITIVE_INFINITY;
    for (const id of ids) {
      const w = this.words[id]!;
      shortest = Math.min(shortest, w.length);
      if (prefix === undefined) {
        prefix = w;
        suffix = w;
        continue;
      }
      let i = 0;
      while (i < prefix.length && i < w.length && prefix.charCodeAt(i) === w.charCodeAt(i)) i++;
      prefix = prefix.slice(0, i);
      let j = 0;
      while (
        j < suffix.length &&
        j < w.length &&
        suffix.charCodeAt(suffix.length - 1 - j) === w.charCodeAt(w.length - 1 - j)
      )
        j++;
      suffix = suffix.slice(suffix.length - j);
    }
    prefix = (prefix ?? "").split("<")[0]!;
    suffix = suffix.slice(suffix.lastIndexOf(">") + 1);
    if (prefix.length + suffix.length > shortest) suffix = suffix.slice(prefix.length + suffix.length - shortest);
    if (prefix === "" && suffix === "") return 0;
    return this.ids([`${prefix}${WILDCARD}${suffix}`])[0]!;
  }

  ids(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!;
      let id = this.index.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.index.set(w, id);
        this.words.push(w);
        this.bearing.push(w.includes(WILDCARD) ? 1 : 0);
        this.hashA.push(hashWord(w, 0x811c9dc5));
        this.hashB.push(hashWord(w, 0x01000193));
      }
      out[i] = id;
    }
    return out;
  }
}

/** FNV-1a over UTF-16 code units, from a seed. */
function hashWord(word: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A word's contribution to a positional sum hash (murmur3's finaliser over word and position). */
function mix(h: number, position: number): number {
  let x = (h ^ Math.imul(position + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

class DisjointSets {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  /** Joins two sets under the smaller root, so the root does not depend on the order of unions. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** Whitespace tokens of a key, with ctime dates and runs of placeholders folded into one `<*>`. */
function prepare(key: string): string[] {
  const raw = key.split(/\s+/).filter((t) => t !== "");
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const end = dateEnd(raw, i);
    const token = end > i ? WILDCARD : t;
    if (end > i) i = end - 1;
    const prev = out[out.length - 1];
    // `<*> <*>` and `blk_<*> blk_<*>`: a list of values of one kind is one variable-length parameter.
    if (prev !== undefined && (token === WILDCARD ? prev === WILDCARD : token === prev && token.includes(WILDCARD))) {
      continue;
    }
    out.push(token);
  }
  return out;
}

/**
 * The end (exclusive) of a ctime-style date starting at `i` (`fri jun <*> <*> [pdt] [<*>]`, `jun <*> <*>`),
 * or `i` when none starts there. Masking sees one token at a time, so it leaves the day and month names.
 */
function dateEnd(tokens: readonly string[], i: number): number {
  let j = i;
  if (WEEKDAYS.has(tokens[j]!)) j++;
  if (!MONTHS.has(tokens[j] ?? "")) return i;
  j++;
  const start = j;
  while (j < tokens.length && (tokens[j] === WILDCARD || (j > start && ZONES.has(tokens[j]!)))) j++;
  // A weekday and a month need one number after them; a bare month needs a day and a time.
  return j - start >= (j - i - (j - start) === 2 ? 1 : 2) ? j : i;
}

/** Whether a merged position may be a variable: `minVariants` distinct words, or one word fits another's placeholder. */
function isVariable(words: ReadonlySet<number>, vocab: Vocabulary, minVariants: number): boolean {
  return words.size >= minVariants || (words.size > 1 && fitsPlaceholder([...words], vocab));
}

/**
 * Step 2: merges the items of each length into templates. First Brain's blocks: each template is cut down to
 * its longest common pattern (the words whose frequency at their position, over the templates of its length,
 * is shared by the most positions; ties to the more frequent), templates with one pattern form a block, and
 * the other positions of a block become variables where they qualify ({@link isVariable}); members that still
 * differ elsewhere stay apart. Then rounds of one-off merges: templates equal at every position but one merge
 * when that position qualifies, until nothing merges.
 * @returns the template of each set, by root.
 */
function mergeSameLength(
  items: readonly Int32Array[],
  sets: DisjointSets,
  vocab: Vocabulary,
  minVariants: number,
): Map<number, Int32Array> {
  let current = new Map<number, Int32Array>();
  for (let i = 0; i < items.length; i++) current.set(i, items[i]!);
  if (mergeByPattern(current, sets, vocab, minVariants)) current = combine(current, sets, vocab);
  mergeOneOff(current, sets, vocab, minVariants);
  return current;
}

function mergeByPattern(
  current: ReadonlyMap<number, Int32Array>,
  sets: DisjointSets,
  vocab: Vocabulary,
  minVariants: number,
): boolean {
  const byLength = new Map<number, number[]>();
  for (const [root, t] of current) {
    push(byLength, t.length, root);
  }
  let merged = false;
  for (const [n, roots] of byLength) {
    if (roots.length < 2) continue;
    const freq: Map<number, number>[] = Array.from({ length: n }, () => new Map());
    for (const r of roots) {
      const t = current.get(r)!;
      for (let p = 0; p < n; p++) freq[p]!.set(t[p]!, (freq[p]!.get(t[p]!) ?? 0) + 1);
    }
    const blocks = new Map<string, number[]>();
    const f = new Int32Array(n);
    for (const r of roots) {
      const t = current.get(r)!;
      const positions = new Map<number, number>();
      for (let p = 0; p < n; p++) {
        f[p] = freq[p]!.get(t[p]!)!;
        positions.set(f[p]!, (positions.get(f[p]!) ?? 0) + 1);
      }
      let best = 0;
      let most = 0;
      for (const [value, count] of positions)
        if (count > most || (count === most && value > best)) [best, most] = [value, count];
      if (best < 2) continue;
      let k = "";
      for (let p = 0; p < n; p++) k += f[p]! >= best ? `${t[p]},` : "?,";
      push(blocks, k, r);
    }
    for (const [k, block] of blocks) {
      if (block.length < 2) continue;
      const open = k.split(",").flatMap((x, p) => (x === "?" ? [p] : []));
      const variable = open.filter((p) =>
        isVariable(new Set(block.map((r) => current.get(r)![p]!)), vocab, minVariants),
      );
      if (variable.length === 0) continue;
      const keep = open.filter((p) => !variable.includes(p));
      const first = current.get(block[0]!)!;
      // A template keeps one constant word: `<*> foo` and `<*> bar` are not one template.
      if (!first.some((w, p) => vocab.bearing[w] === 0 && !variable.includes(p))) continue;
      const parts = new Map<string, number>();
      for (const r of block) {
        const t = current.get(r)!;
        const sub = keep.map((p) => t[p]).join(",");
        const other = parts.get(sub);
        if (other === undefined) parts.set(sub, r);
        else if (sets.union(r, other)) merged = true;
      }
    }
  }
  return merged;
}

interface Entry {
  readonly root: number;
  readonly t: Int32Array;
}

/**
 * The one-off rounds of step 2. Every template is hashed with each position blanked (a positional sum hash, so
 * all blanks of one template cost O(length)); a round looks only at the buckets that changed in the last one,
 * judges them all against the state at the round's start, then merges.
 */
function mergeOneOff(
  current: Map<number, Int32Array>,
  sets: DisjointSets,
  vocab: Vocabulary,
  minVariants: number,
): void {
  const buckets = new Map<string, Entry[]>();
  let dirty = new Set<string>();
  const add = (root: number, t: Int32Array): void => {
    const n = t.length;
    if (n < 2) return;
    let sumA = 0;
    let sumB = 0;
    let constants = 0;
    for (let p = 0; p < n; p++) {
      sumA = (sumA + mix(vocab.hashA[t[p]!]!, p)) >>> 0;
      sumB = (sumB + mix(vocab.hashB[t[p]!]!, p)) >>> 0;
      constants += 1 - vocab.bearing[t[p]!]!;
    }
    for (let p = 0; p < n; p++) {
      // Keep one constant word besides the blank: `<*> foo` and `<*> bar` are not one template.
      if (constants - (1 - vocab.bearing[t[p]!]!) < 1) continue;
      const a = (sumA - mix(vocab.hashA[t[p]!]!, p)) >>> 0;
      const b = (sumB - mix(vocab.hashB[t[p]!]!, p)) >>> 0;
      const k = `${p}:${n}:${a}:${b}`;
      if (push(buckets, k, { root, t }) > 1) dirty.add(k);
    }
  };
  for (const [root, t] of current) add(root, t);
  for (let round = 0; round < MAX_ROUNDS && dirty.size > 0; round++) {
    const unions: number[] = [];
    for (const k of dirty) {
      // Entries whose template has since changed are stale: drop them.
      const live = buckets.get(k)!.filter((e) => current.get(e.root) === e.t);
      buckets.set(k, live);
      if (live.length < 2) continue;
      const p = Number(k.slice(0, k.indexOf(":")));
      const first = live[0]!.t;
      const same = live.filter((e) => equalExcept(e.t, first, p));
      if (same.length < 2 || !isVariable(new Set(same.map((e) => e.t[p]!)), vocab, minVariants)) continue;
      for (const e of same) unions.push(e.root, same[0]!.root);
    }
    dirty = new Set();
    const touched = new Set<number>();
    for (let i = 0; i < unions.length; i += 2) {
      if (sets.union(unions[i]!, unions[i + 1]!)) {
        touched.add(unions[i]!);
        touched.add(unions[i + 1]!);
      }
    }
    if (touched.size === 0) return;
    const groups = new Map<number, Int32Array[]>();
    for (const r of [...touched].sort((x, y) => x - y)) {
      const root = sets.find(r);
      push(groups, root, current.get(r)!);
      current.delete(r);
    }
    for (const [root, list] of groups) {
      const t = generalizeAll(list, vocab);
      current.set(root, t);
      add(root, t);
    }
  }
}

/** Comparisons {@link fitsPlaceholder} makes per bucket, at most: a bucket this varied has `minVariants` anyway. */
const MAX_FIT_CHECKS = 256;

/**
 * Whether one of the words holds a placeholder whose shape another word fits, reading `<*>` as any text:
 * `rhost=<*>` fits `rhost=example.org`, `(<*>)` fits `()`, `<*>,` fits `local(<*>),`; `dcbf...<*>` does not fit
 * `icbi...<*>`.
 */
function fitsPlaceholder(words: readonly number[], vocab: Vocabulary): boolean {
  let checks = 0;
  for (const pattern of words) {
    if (vocab.bearing[pattern] === 0) continue;
    if (pattern === 0) return true;
    const parts = vocab.words[pattern]!.split(WILDCARD);
    for (const w of words) {
      if (w === pattern) continue;
      if (globMatch(parts, vocab.words[w]!)) return true;
      if (++checks >= MAX_FIT_CHECKS) return false;
    }
  }
  return false;
}

/** `parts` is a pattern split on `<*>`; each `<*>` matches any text, the empty text too. Leftmost matching is exact here. */
function globMatch(parts: readonly string[], word: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!word.startsWith(first) || word.length < first.length + last.length || !word.endsWith(last)) return false;
  let at = first.length;
  const end = word.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = word.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > end) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

/** Appends `value` to the list at `key`, creating it; returns the list's new length. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): number {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [value]);
    return 1;
  }
  return list.push(value);
}

function equalExcept(a: Int32Array, b: Int32Array, p: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (i !== p && a[i] !== b[i]) return false;
  return true;
}

/**
 * One template per set: where members differ, the words' common prefix and suffix around a placeholder
 * (`rhost=<*>`, `(<*>)`), or the bare wildcard.
 */
function combine(
  current: ReadonlyMap<number, Int32Array>,
  sets: DisjointSets,
  vocab: Vocabulary,
): Map<number, Int32Array> {
  const groups = new Map<number, Int32Array[]>();
  for (const [member, t] of current) {
    push(groups, sets.find(member), t);
  }
  const next = new Map<number, Int32Array>();
  for (const [root, list] of groups) next.set(root, generalizeAll(list, vocab));
  return next;
}

/** The template of equal-length templates: positions where they differ generalised ({@link Vocabulary.generalize}). */
function generalizeAll(list: readonly Int32Array[], vocab: Vocabulary): Int32Array {
  const first = list[0]!;
  if (list.length === 1) return first;
  const out = first.slice();
  for (let p = 0; p < out.length; p++) {
    const words = new Set<number>();
    for (const t of list) words.add(t[p]!);
    if (words.size > 1) out[p] = vocab.generalize(words);
  }
  return out;
}

/** Folds runs of wildcards in every template; sets whose templates fold equal merge. */
function foldTemplates(
  current: ReadonlyMap<number, Int32Array>,
  sets: DisjointSets,
  vocab: Vocabulary,
): Map<number, Int32Array> {
  const folded = new Map<number, Int32Array>();
  const byText = new Map<string, number>();
  for (const [root, t] of current) {
    const f = fold(t);
    folded.set(root, f);
    const text = render(f, vocab);
    const other = byText.get(text);
    if (other === undefined) byText.set(text, root);
    else sets.union(root, other);
  }
  return combine(folded, sets, vocab);
}

function fold(t: Int32Array): Int32Array {
  const out: number[] = [];
  for (const w of t) if (!(w === 0 && out[out.length - 1] === 0)) out.push(w);
  return Int32Array.from(out);
}

function render(t: Int32Array, vocab: Vocabulary): string {
  let s = "";
  for (let i = 0; i < t.length; i++) s += (i === 0 ? "" : " ") + vocab.words[t[i]!]!;
  return s;
}

/**
 * Step 3: templates that align word for word except for gaps, where each gap holds a placeholder on one
 * side or the other and at most one more constant word, and where an insertion on one side only sits
 * between two aligned words, not at either end. Candidates share their first two constant words; each is
 * aligned with at most {@link ALIGN_WINDOW} earlier ones in text order, so the result does not depend on
 * the input order.
 */
function mergeAcrossLengths(templates: Map<number, Int32Array>, sets: DisjointSets, vocab: Vocabulary): void {
  const buckets = new Map<string, { root: number; text: string }[]>();
  for (const [root, t] of templates) {
    if (t.length > MAX_ALIGN_TOKENS) continue;
    const anchors: number[] = [];
    for (let p = 0; p < t.length && anchors.length < 2; p++) if (vocab.bearing[t[p]!] === 0) anchors.push(t[p]!);
    if (anchors.length < 2) continue;
    const k = anchors.join(",");
    push(buckets, k, { root, text: render(t, vocab) });
  }
  let merged = false;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    bucket.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
    for (let i = 1; i < bucket.length; i++) {
      const a = templates.get(bucket[i]!.root)!;
      for (let j = Math.max(0, i - ALIGN_WINDOW); j < i; j++) {
        const b = templates.get(bucket[j]!.root)!;
        if (a.length !== b.length && alignable(a, b, vocab)) {
          sets.union(bucket[i]!.root, bucket[j]!.root);
          merged = true;
        }
      }
    }
  }
  if (!merged) return;
  // The template of a merged set: its shortest member (then the first in text order), with every word that
  // some other member does not align with turned into the wildcard.
  const members = new Map<number, Int32Array[]>();
  for (const [root, t] of templates) {
    push(members, sets.find(root), t);
  }
  templates.clear();
  for (const [r, list] of members) {
    if (list.length === 1) {
      templates.set(r, list[0]!);
      continue;
    }
    const texts = list.map((t) => render(t, vocab));
    let best = 0;
    for (let i = 1; i < list.length; i++) {
      const d = list[i]!.length - list[best]!.length;
      if (d < 0 || (d === 0 && texts[i]! < texts[best]!)) best = i;
    }
    const base = list[best]!;
    const variable = new Uint8Array(base.length);
    const gapBefore = new Uint8Array(base.length + 1);
    for (const t of list) if (t !== base) markGaps(base, t, variable, gapBefore);
    const out: number[] = [];
    for (let p = 0; p <= base.length; p++) {
      if (gapBefore[p] === 1) out.push(0);
      if (p < base.length) out.push(variable[p] === 1 ? 0 : base[p]!);
    }
    templates.set(r, fold(Int32Array.from(out)));
  }
}

/**
 * Calls `gap(ai, aj, bi, bj)` for every non-empty gap of a longest-common-subsequence alignment, in order. The
 * common prefix and suffix are aligned first, so the quadratic table covers only the middles that differ.
 * @returns false, without calling `gap`, when the middles are too long to align.
 */
function walkAlignment(
  a: Int32Array,
  b: Int32Array,
  gap: (ai: number, aj: number, bi: number, bj: number) => void,
): boolean {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let ea = a.length;
  let eb = b.length;
  while (ea > lo && eb > lo && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  const n = ea - lo;
  const m = eb - lo;
  if (n * m > MAX_ALIGN_CELLS) return false;
  // dp[i][j]: the LCS length of a[lo + i..ea) and b[lo + j..eb).
  const w = m + 1;
  const dp = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        a[lo + i] === b[lo + j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  let gi = 0;
  let gj = 0;
  while (i < n && j < m) {
    if (a[lo + i] === b[lo + j]) {
      if (gi < i || gj < j) gap(lo + gi, lo + i, lo + gj, lo + j);
      i++;
      j++;
      gi = i;
      gj = j;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  if (gi < n || gj < m) gap(lo + gi, ea, lo + gj, eb);
  return true;
}

function alignable(a: Int32Array, b: Int32Array, vocab: Vocabulary): boolean {
  let ok = true;
  let common = 0;
  for (const w of a) common += 1 - vocab.bearing[w]!;
  const walked = walkAlignment(a, b, (ai, aj, bi, bj) => {
    let bearing = 0;
    let words = 0;
    for (let p = ai; p < aj; p++) {
      if (vocab.bearing[a[p]!] === 1) bearing++;
      else {
        words++;
        common--;
      }
    }
    for (let p = bi; p < bj; p++) vocab.bearing[b[p]!] === 1 ? bearing++ : words++;
    const atEnd = ai === 0 || bi === 0 || aj === a.length || bj === b.length;
    const insertion = ai === aj || bi === bj;
    if (bearing === 0 || words > 1 || (insertion && atEnd)) ok = false;
  });
  // At least three constant words in common, so short templates never merge on a placeholder alone.
  return walked && ok && common >= 3;
}

function markGaps(base: Int32Array, t: Int32Array, variable: Uint8Array, gapBefore: Uint8Array): void {
  walkAlignment(base, t, (ai, aj, bi, bj) => {
    if (ai === aj) {
      if (bj > bi) gapBefore[ai] = 1;
    } else for (let p = ai; p < aj; p++) variable[p] = 1;
  });
}
