// Programmer-error guards. Every message carries the package prefix and names the argument.
const PREFIX = "[@faultline/report]";

/** Builds a TypeError whose message starts with the package prefix. */
export function typeError(message: string): TypeError {
  return new TypeError(`${PREFIX} ${message}`);
}

/** Builds a RangeError whose message starts with the package prefix. */
export function rangeError(message: string): RangeError {
  return new RangeError(`${PREFIX} ${message}`);
}

/** Short, printable form of a received value for error messages. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function assertArray(value: unknown, name: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw typeError(`${name} must be an array (got ${show(value)})`);
}

export function assertPositiveInt(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw rangeError(`${name} must be a positive integer (got ${show(value)})`);
}

export function assertNonNegative(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw rangeError(`${name} must be a finite number >= 0 (got ${show(value)})`);
}

export function assertUnitInterval(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    throw rangeError(`${name} must be a number in [0, 1] (got ${show(value)})`);
}

export function assertUnreachable(value: never): never {
  throw typeError(`unexpected value ${show(value)}`);
}
