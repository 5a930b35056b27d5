import { DeploymentErrorEvent } from "@faultline/schemas";
import { assertBoolean, assertOptionsObject, describe, fail } from "./internal/assert";

/** One error event taken out of its batch, with a pointer back to where it came from. */
export interface FlatEvent {
  readonly kind: "event";
  /** The event, validated with `DeploymentErrorEvent` from `@faultline/schemas` (unknown fields kept). */
  readonly event: DeploymentErrorEvent;
  /** 0-based number of the source record (row) in the input. */
  readonly record: number;
  /** 0-based position of the event within its batch. */
  readonly index: number;
  /** 1-based line where the source record starts, when it was read from a stream. */
  readonly line?: number;
  /** The record's other fields (row id, environment id, …): the record without its events (for a nested `path`, the whole record). */
  readonly row: Readonly<Record<string, unknown>>;
}

/** An input record, or one event of it, that could not be used, and why. Nothing is dropped silently. */
export interface Rejection {
  readonly kind: "rejected";
  /** 0-based number of the source record. */
  readonly record: number;
  /** Position of the rejected event within its batch; absent when the whole record was rejected. */
  readonly index?: number;
  /** 1-based line where the source record starts, when read from a stream. */
  readonly line?: number;
  /** What was wrong, naming the record, line and field: `record 3 (line 4): events[1].message: expected string, received number`. */
  readonly reason: string;
  /** The rejected record or event, untouched (for a dead-letter store). */
  readonly input: unknown;
}

/** Options of {@link flatten} and {@link flattenStream}. */
export interface FlattenOptions {
  /**
   * Where each record keeps its batch of events: a property name, a dotted path (`"payload.events"`), or
   * an array of keys for names that contain dots.
   * @defaultValue "events"
   */
  readonly path?: string | readonly string[];
  /**
   * Accept a batch stored as JSON text (`"events": "[{…}]"`) and events stored as JSON object strings,
   * as database exports often have them. When false, such records are rejected.
   * @defaultValue true
   */
  readonly parseJsonStrings?: boolean;
}

/** What {@link flatten} returns: every input record is represented in `events`, in `rejected`, or both. */
export interface FlattenResult {
  readonly events: FlatEvent[];
  readonly rejected: Rejection[];
}

/** @internal Options after validation. */
export interface ResolvedFlatten {
  readonly path: readonly string[];
  readonly parseJsonStrings: boolean;
}

const DEFAULT_FLATTEN: ResolvedFlatten = { path: ["events"], parseJsonStrings: true };

/** @internal */
export function resolveFlattenOptions(options: FlattenOptions | undefined): ResolvedFlatten {
  assertOptionsObject(options, "options");
  if (options === undefined || (options.path === undefined && options.parseJsonStrings === undefined)) {
    return DEFAULT_FLATTEN;
  }
  let path: readonly string[] = DEFAULT_FLATTEN.path;
  if (typeof options.path === "string") {
    if (options.path === "") fail("options.path must not be empty");
    path = options.path.split(".");
  } else if (Array.isArray(options.path)) {
    if (options.path.length === 0) fail("options.path must name at least one key");
    options.path.forEach((k: unknown, i) => {
      if (typeof k !== "string") fail(`options.path[${i}] must be a string (got ${describe(k)})`);
    });
    path = [...options.path];
  } else if (options.path !== undefined) {
    fail(`options.path must be a string or an array of strings (got ${describe(options.path)})`);
  }
  const parseJsonStrings = options.parseJsonStrings ?? true;
  assertBoolean(parseJsonStrings, "options.parseJsonStrings");
  return { path, parseJsonStrings };
}

function where(record: number, line: number | undefined): string {
  return line === undefined ? `record ${record}` : `record ${record} (line ${line})`;
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const k of path) out += typeof k === "number" ? `[${k}]` : `.${String(k)}`;
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * @internal Flattens one record, calling `emit` for each event and rejection in order. Shared by
 * {@link flatten} and {@link flattenStream}.
 */
export function flattenRecord(
  value: unknown,
  record: number,
  line: number | undefined,
  o: ResolvedFlatten,
  emit: (item: FlatEvent | Rejection) => void,
): void {
  const reject = (reason: string, input: unknown, index?: number): void => {
    const base = { kind: "rejected" as const, record, reason: `${where(record, line)}: ${reason}`, input };
    const withIndex = index === undefined ? base : { ...base, index };
    emit(line === undefined ? withIndex : { ...withIndex, line });
  };
  const pathName = o.path.join(".");
  if (!isPlainObject(value)) {
    reject(`expected an object with a \`${pathName}\` array, got ${describe(value)}`, value);
    return;
  }
  let batch: unknown = value;
  for (const key of o.path) {
    batch = isPlainObject(batch) ? batch[key] : undefined;
  }
  if (batch === undefined) {
    reject(`missing \`${pathName}\`: expected an array of error events`, value);
    return;
  }
  if (typeof batch === "string" && o.parseJsonStrings) {
    const parsed = parseJson(batch);
    if (!parsed.ok) {
      reject(`\`${pathName}\` is a string but not valid JSON (${parsed.error})`, value);
      return;
    }
    batch = parsed.value;
  }
  if (!Array.isArray(batch)) {
    reject(`\`${pathName}\` must be an array of error events, got ${describe(batch)}`, value);
    return;
  }
  if (batch.length === 0) {
    reject(`\`${pathName}\` is empty: the record holds no events`, value);
    return;
  }
  let row: Record<string, unknown> = value;
  if (o.path.length === 1) {
    row = {};
    const top = o.path[0]!;
    for (const k of Object.keys(value)) if (k !== top) row[k] = value[k];
  }
  for (let index = 0; index < batch.length; index++) {
    let event: unknown = batch[index];
    if (typeof event === "string" && o.parseJsonStrings && event.trimStart().startsWith("{")) {
      const parsed = parseJson(event);
      if (!parsed.ok) {
        reject(`${pathName}[${index}] is a string but not valid JSON (${parsed.error})`, event, index);
        continue;
      }
      event = parsed.value;
    }
    const checked = DeploymentErrorEvent.safeParse(event);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${formatPath(`${pathName}[${index}]`, i.path)}: ${i.message}`);
      reject(issues.join("; "), event, index);
      continue;
    }
    const flat = { kind: "event" as const, event: checked.data, record, index, row };
    emit(line === undefined ? flat : { ...flat, line });
  }
}

/**
 * Flattens stored rows that each hold a batch of deployment error events into one entry per event.
 * Each event keeps its record number, its index in the batch and the row's other fields. A record
 * that is not an object, lacks the batch, or holds an empty batch is rejected whole; an invalid event
 * is rejected alone. Every record therefore ends up in `events`, in `rejected`, or both.
 *
 * @throws TypeError when `records` is not iterable or an option is malformed (bad data never throws).
 * @example
 * const { events, rejected } = flatten([{ id: "r1", events: [{ message: "OOMKilled" }] }, { id: "r2" }]);
 * events[0];          // => { kind: "event", event: { message: "OOMKilled" }, record: 0, index: 0, row: { id: "r1" } }
 * rejected[0].reason; // => "record 1: missing `events`: expected an array of error events"
 */
export function flatten(records: Iterable<unknown>, options?: FlattenOptions): FlattenResult {
  if (records === null || typeof records !== "object" || !(Symbol.iterator in records)) {
    fail(`records must be an iterable (an array of rows), got ${describe(records)}`);
  }
  const o = resolveFlattenOptions(options);
  const events: FlatEvent[] = [];
  const rejected: Rejection[] = [];
  const emit = (item: FlatEvent | Rejection): void => {
    if (item.kind === "event") events.push(item);
    else rejected.push(item);
  };
  let record = 0;
  for (const value of records) flattenRecord(value, record++, undefined, o, emit);
  return { events, rejected };
}
