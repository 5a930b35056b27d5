import type { Document } from "../model";

const P = "[@faultline/embed]";

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}

/** Throws a RangeError unless `value` is an integer in [min, max]. */
export function assertInteger(
  name: string,
  value: unknown,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number") throw new TypeError(`${P} ${name} must be a number (got ${show(value)})`);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(
      `${P} ${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}] (got ${show(value)})`,
    );
  return value;
}

/** Throws a RangeError unless `value` is a finite number within the bounds (`open` excludes `min`). */
export function assertFinite(name: string, value: unknown, min: number, max: number, open: boolean = false): number {
  if (typeof value !== "number") throw new TypeError(`${P} ${name} must be a number (got ${show(value)})`);
  if (!Number.isFinite(value) || (open ? value <= min : value < min) || value > max)
    throw new RangeError(
      `${P} ${name} must be a finite number in ${open ? "(" : "["}${min}, ${max === Number.MAX_VALUE ? "∞" : max}] (got ${show(value)})`,
    );
  return value;
}

export function assertBoolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${P} ${name} must be a boolean (got ${show(value)})`);
  return value;
}

export function assertOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value))
    throw new TypeError(`${P} ${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${show(value)})`);
  return value as T;
}

/** Rejects unknown option names, so a typo (`vectorsize`) is not silently ignored. */
export function assertKnownKeys(name: string, options: object, known: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new TypeError(`${P} ${name} must be an object (got ${show(options)})`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new TypeError(`${P} unknown option ${name}.${key}; expected one of: ${known.join(", ")}`);
  }
}

/** Checks the documents' shape: an array of arrays of strings. */
export function assertDocuments(docs: unknown, name = "docs"): asserts docs is readonly Document[] {
  if (!Array.isArray(docs)) throw new TypeError(`${P} ${name} must be an array of token arrays (got ${show(docs)})`);
  for (let i = 0; i < docs.length; i++) {
    const doc: unknown = docs[i];
    if (!Array.isArray(doc))
      throw new TypeError(`${P} ${name}[${i}] must be an array of string tokens (got ${show(doc)})`);
    for (let j = 0; j < doc.length; j++) {
      if (typeof doc[j] !== "string")
        throw new TypeError(`${P} ${name}[${i}][${j}] must be a string token (got ${show(doc[j])})`);
    }
  }
}

/** Returns the per-document counts (all 1 when absent), checking length and values. */
export function readCounts(counts: ArrayLike<number> | undefined, n: number): Float64Array {
  const out = new Float64Array(n);
  if (counts === undefined) return out.fill(1);
  if (typeof counts !== "object" || counts === null || typeof counts.length !== "number")
    throw new TypeError(`${P} options.counts must be an array of positive integers (got ${show(counts)})`);
  if (counts.length !== n)
    throw new TypeError(`${P} options.counts must have one entry per document: ${n} (got ${counts.length})`);
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    if (typeof c !== "number" || !Number.isInteger(c) || c < 1)
      throw new RangeError(`${P} options.counts[${i}] must be a positive integer (got ${show(c)})`);
    out[i] = c;
  }
  return out;
}

export function assertSignal(signal: unknown): void {
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new TypeError(`${P} options.signal must be an AbortSignal (got ${show(signal)})`);
}

export function assertFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function")
    throw new TypeError(`${P} ${name} must be a function (got ${show(value)})`);
}

export const PREFIX: string = P;
