// Calendar helpers. Days are `YYYY-MM-DD` keys in an explicit IANA time zone; arithmetic on keys is done on the
// proleptic Gregorian calendar in UTC, so it never depends on the machine's own zone.
import { rangeError, show } from "./assert";

const DAY_MS = 86_400_000;
// Zone offsets only change on quarter-hour boundaries in the tz database, so a 15-minute bucket cache is exact.
const BUCKET_MS = 900_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError unless `timeZone` is an IANA zone name the runtime knows. */
export function assertTimeZone(timeZone: unknown, name = "options.timeZone"): asserts timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0)
    throw rangeError(`${name} must be an IANA time zone name such as "Europe/Paris" (got ${show(timeZone)})`);
  try {
    formatter(timeZone);
  } catch {
    throw rangeError(`${name} is not a known IANA time zone (got ${show(timeZone)}); use e.g. "UTC" or "Europe/Paris"`);
  }
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in `timeZone`. */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  if (timeZone === "UTC") return 0;
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** Returns a function mapping an instant (ms) to its calendar day key in `timeZone`, with a small cache. */
export function createDayKeyer(timeZone: string): (ms: number) => string {
  // Offsets change a few times a year: when a UTC day starts and ends with the same offset (and the zone has
  // not two transitions in one day, which no zone has), every instant of that day has it. Other days fall back
  // to 15-minute buckets.
  const days = new Map<number, number | null>();
  const buckets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const day = Math.floor(ms / DAY_MS);
    let whole = days.get(day);
    if (whole === undefined) {
      const a = zoneOffsetMs(timeZone, day * DAY_MS);
      const b = zoneOffsetMs(timeZone, (day + 1) * DAY_MS - 1000);
      whole = a === b ? a : null;
      if (days.size > 100_000) days.clear();
      days.set(day, whole);
    }
    if (whole !== null) return whole;
    const bucket = Math.floor(ms / BUCKET_MS);
    let cached = buckets.get(bucket);
    if (cached === undefined) {
      cached = zoneOffsetMs(timeZone, bucket * BUCKET_MS);
      buckets.set(bucket, cached);
    }
    return cached;
  };
  return (ms: number): string => new Date(ms + (timeZone === "UTC" ? 0 : offsetAt(ms))).toISOString().slice(0, 10);
}

/**
 * The UTC instant at which the wall clock of `timeZone` reads `wallMs` (a wall-clock time written as if it were UTC).
 * A time repeated when clocks go back is its earlier instant; a time skipped when they go forward is read with the
 * offset before the gap, so it lands as far past the gap as it was into it (RFC 5545 and Temporal's "compatible").
 */
export function localToUtcMs(wallMs: number, timeZone: string): number {
  if (timeZone === "UTC") return wallMs;
  const { before, after } = offsetsAround(wallMs, timeZone);
  return wallInstant(wallMs, timeZone, before, after) ?? wallMs - before;
}

/**
 * The zone's offsets a day before and a day after `wallMs`. No zone changes its offset twice within two days, so
 * these are the only candidates for the instant the wall clock reads `wallMs`. (A fixed-point iteration from
 * `wallMs` alone picks the offset after a gap, which puts a skipped midnight at 23:00 of the day before.)
 */
function offsetsAround(wallMs: number, timeZone: string): { before: number; after: number } {
  return { before: zoneOffsetMs(timeZone, wallMs - DAY_MS), after: zoneOffsetMs(timeZone, wallMs + DAY_MS) };
}

/**
 * The earliest instant at which the wall clock reads `wallMs`, given the offsets around it ({@link offsetsAround}),
 * or undefined when it reads it never (a time in a gap). With one offset around, that offset holds throughout.
 */
function wallInstant(wallMs: number, timeZone: string, before: number, after: number): number | undefined {
  if (before === after) return wallMs - before;
  let found: number | undefined;
  for (const offset of [before, after]) {
    const t = wallMs - offset;
    if (t + zoneOffsetMs(timeZone, t) === wallMs && (found === undefined || t < found)) found = t;
  }
  return found;
}

/**
 * UTC instant at which `day` starts in `timeZone`: local midnight, or, where clocks skip midnight (America/Santiago,
 * America/Havana, Asia/Beirut…), the first instant after the gap, which is the first instant of that day.
 */
export function startOfDayMs(day: string, timeZone: string): number {
  const midnight = keyToUtcMs(day);
  if (timeZone === "UTC") return midnight;
  const { before, after } = offsetsAround(midnight, timeZone);
  const t = wallInstant(midnight, timeZone, before, after);
  if (t !== undefined) return t;
  if (after <= before) return midnight - before;
  // Midnight falls in a gap. The day starts at the transition, which lies in (midnight − after, midnight − before]:
  // find the first second there whose offset is already the new one (transitions fall on whole seconds).
  let lo = Math.floor((midnight - after) / 1000); // offset still `before` here
  let hi = Math.floor((midnight - before) / 1000); // offset `after` here
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(timeZone, mid * 1000) === after) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDayKey(value: unknown): value is string {
  if (typeof value !== "string" || !KEY.test(value)) return false;
  return new Date(keyToUtcMs(value)).toISOString().slice(0, 10) === value;
}

/** Throws a RangeError naming `name` unless `value` is a calendar day key `YYYY-MM-DD`. */
export function checkDay(value: unknown, name: string): asserts value is string {
  if (!isDayKey(value)) throw rangeError(`${name} must be a calendar day "YYYY-MM-DD" (got ${show(value)})`);
}

export function keyToUtcMs(day: string): number {
  const m = KEY.exec(day);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(day: string, n: number): string {
  return new Date(keyToUtcMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((keyToUtcMs(b) - keyToUtcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(day: string): number {
  return new Date(keyToUtcMs(day)).getUTCDay();
}

/** Every day key from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** The Monday starting the ISO week that holds `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const SHORT_OFFSET = /([+-]\d{2})$/;

/**
 * Parses an instant: epoch milliseconds, a Date, or an ISO 8601 / SQL-style date-time string. A date-time without
 * an offset is read as UTC (never as the machine's zone). Returns undefined when the value is not an instant.
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value !== "string") return undefined;
  // The schema's own form (ISO 8601 with Z or an offset) goes straight to Date.parse.
  if (CANONICAL.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  let text = value.trim();
  if (/^\d{4}-\d{2}-\d{2} \d/.test(text)) text = text.replace(" ", "T");
  if (NAIVE.test(text)) text += "Z";
  else if (/T\d{2}:\d{2}.*[+-]\d{2}$/.test(text)) text = text.replace(SHORT_OFFSET, "$1:00");
  if (!/^\d{4}-\d{2}-\d{2}(?:T.*)?$/.test(text)) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += "T00:00:00Z";
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** ISO 8601 string in UTC without milliseconds when they are zero. */
export function toIso(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith(".000Z") ? `${s.slice(0, -5)}Z` : s;
}
