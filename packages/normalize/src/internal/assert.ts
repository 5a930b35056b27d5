// Argument checks shared by the public entry points. Programmer errors throw; bad data never does.

const PREFIX = "[@faultline/normalize]";

/** Short, single-line rendering of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string") throw new TypeError(`${PREFIX} ${name} must be a string (got ${describe(value)})`);
}

export function assertFunction(value: unknown, name: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") throw new TypeError(`${PREFIX} ${name} must be a function (got ${describe(value)})`);
}

export function assertBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== "boolean") throw new TypeError(`${PREFIX} ${name} must be a boolean (got ${describe(value)})`);
}

/** A positive integer, or Infinity when `allowInfinity`. */
export function assertPositiveInteger(value: unknown, name: string, allowInfinity = false): asserts value is number {
  if (typeof value !== "number") throw new TypeError(`${PREFIX} ${name} must be a number (got ${describe(value)})`);
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `${PREFIX} ${name} must be a positive integer${allowInfinity ? " or Infinity" : ""} (got ${value})`,
    );
  }
}

export function assertOptionsObject(value: unknown, name: string): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
    throw new TypeError(`${PREFIX} ${name} must be an options object (got ${describe(value)})`);
  }
}

export function fail(message: string): never {
  throw new TypeError(`${PREFIX} ${message}`);
}
