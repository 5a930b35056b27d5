/** What every changing method of a {@link FrozenWordSet} does once the set is built. */
function readOnly(): never {
  throw new TypeError("[@faultline/normalize] this word set is read-only; copy it with new Set(words)");
}

/**
 * A `Set` of words that cannot change once built: `add`, `delete` and `clear` throw. Tables derived
 * from it (the tokenizer's stop-word filter) therefore never go stale. Still a `Set`: it can be
 * passed wherever one is expected, and copied with `new Set(words)` to make an editable list.
 * @internal
 */
export class FrozenWordSet extends Set<string> {
  #sealed = false;

  constructor(words: Iterable<string>) {
    // Filled after `super()`: the Set constructor would call the overridden `add` before the field exists.
    super();
    for (const w of words) super.add(w);
    this.#sealed = true;
  }

  override add(word: string): this {
    if (this.#sealed) readOnly();
    return super.add(word);
  }

  override delete(_word: string): boolean {
    return readOnly();
  }

  override clear(): void {
    readOnly();
  }
}
