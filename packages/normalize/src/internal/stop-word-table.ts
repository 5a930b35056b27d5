import { FrozenWordSet } from "./frozen-word-set";

/** Words of this many characters or more are not in the table; they are looked up in the set. */
const MAX_TABLED_LENGTH = 16;

/**
 * The stop words of a read-only set by shape: `slots[shapeIndex(…)]` is the index in `words` of the
 * first stop word of that length, first and last character (-1: none), and `next` chains the others.
 */
export interface StopWordTable {
  readonly slots: Int16Array;
  readonly words: readonly string[];
  readonly next: Int16Array;
  /** True when some stop word is {@link MAX_TABLED_LENGTH} characters or longer: those are looked up in `set`. */
  readonly hasLong: boolean;
  readonly set: ReadonlySet<string>;
}

const tables = new WeakMap<ReadonlySet<string>, StopWordTable>();

/** Slot of a word in {@link StopWordTable.slots}, from its length and its first and last character codes. */
export function shapeIndex(length: number, first: number, last: number): number {
  return (length << 10) | ((first & 31) << 5) | (last & 31);
}

/**
 * Whether `text.slice(start, end)` is a stop word, without making that string: the table narrows the
 * candidates to the stop words of the same shape (usually none), which are compared in place.
 */
export function isTabledStopWord(table: StopWordTable, text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length >= MAX_TABLED_LENGTH) return table.hasLong && table.set.has(text.slice(start, end));
  const slot = shapeIndex(length, text.charCodeAt(start), text.charCodeAt(end - 1));
  for (let k = table.slots[slot]!; k !== -1; k = table.next[k]!) {
    const w = table.words[k]!;
    if (w.length === length && text.startsWith(w, start)) return true;
  }
  return false;
}

/**
 * A lookup table for a read-only stop-word set ({@link FrozenWordSet}, such as `englishStopWords`), so
 * the tokenizer neither makes nor hashes a string to tell a stop word. `undefined` for an editable
 * `Set`: a table built from it could go stale, so those are looked up with `has`.
 * @internal
 */
export function stopWordTable(words: ReadonlySet<string> | false): StopWordTable | undefined {
  // Int16 links: a set this large is not a stop-word list; look it up with `has`.
  if (!(words instanceof FrozenWordSet) || words.size > 30_000) return undefined;
  let table = tables.get(words);
  if (table === undefined) {
    const slots = new Int16Array(MAX_TABLED_LENGTH << 10).fill(-1);
    const list: string[] = [];
    const next: number[] = [];
    let hasLong = false;
    for (const w of words) {
      if (w.length === 0) continue;
      if (w.length >= MAX_TABLED_LENGTH) {
        hasLong = true;
        continue;
      }
      const slot = shapeIndex(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1));
      next.push(slots[slot]!);
      slots[slot] = list.push(w) - 1;
    }
    table = { slots, words: list, next: Int16Array.from(next), hasLong, set: words };
    tables.set(words, table);
  }
  return table;
}
