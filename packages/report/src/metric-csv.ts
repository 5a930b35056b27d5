// Reads a product metric exported as CSV (from a BI tool, a spreadsheet, a warehouse query) into MetricPoints.
import { MetricPoint } from "@faultline/schemas";
import { assertTimeZone, localToUtcMs, startOfDayMs } from "./internal/time";

/** Options of {@link parseMetricCsv}. */
export interface MetricCsvOptions {
  /**
   * Metric name for rows without a `name` column (or with an empty one).
   * @defaultValue "metric"
   */
  name?: string;
  /**
   * IANA time zone in which date-only values (`2026-11-17`) and date-times without an offset are read:
   * `2026-11-17` becomes that day's local midnight.
   * @defaultValue "UTC"
   */
  timeZone?: string;
}

/** A CSV row that could not become a metric point, with its 1-based line number. */
export interface MetricCsvRejection {
  line: number;
  reason: string;
}

/** What {@link parseMetricCsv} returns: every data row is either a point or a rejection. */
export interface MetricCsvResult {
  points: MetricPoint[];
  rejected: MetricCsvRejection[];
}

const TIME_COLUMNS = ["timestamp", "date", "day", "time"];
const NAME_COLUMNS = ["name", "metric"];
const VALUE_COLUMNS = ["value"];

/** Splits CSV text into records of fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
function records(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ""));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function toTimestamp(raw: string, timeZone: string): string | undefined {
  const value = raw.trim();
  const date = DATE_ONLY.exec(value);
  const local = date ? undefined : LOCAL_DATE_TIME.exec(value);
  if (date || local) {
    const m = (date ?? local)!;
    const wall = Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
    const check = new Date(wall);
    if (
      check.getUTCFullYear() !== Number(m[1]) ||
      check.getUTCMonth() !== Number(m[2]) - 1 ||
      check.getUTCDate() !== Number(m[3])
    )
      return undefined;
    // A date is its day's first instant, which is not local midnight where clocks skip midnight (Santiago, Havana).
    const ms = date ? startOfDayMs(value, timeZone) : localToUtcMs(wall, timeZone);
    return new Date(ms).toISOString();
  }
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** {@link toTimestamp} for one file, remembering each date's instant: a file holds many rows per day. */
function timestampReader(timeZone: string): (raw: string) => string | undefined {
  const days = new Map<string, string | undefined>();
  return (raw) => {
    const value = raw.trim();
    if (!DATE_ONLY.test(value)) return toTimestamp(value, timeZone);
    if (days.has(value)) return days.get(value);
    const ts = toTimestamp(value, timeZone);
    days.set(value, ts);
    return ts;
  };
}

/**
 * Parses a metric CSV with a header row. Recognised columns: a time column (`timestamp`, `date`, `day` or `time`:
 * ISO date-times with an offset, or dates and local date-times read in `timeZone`), `value` (a finite number) and
 * an optional `name` (or `metric`); every other column becomes a dimension (`app`, `region`, …). Without a `value`
 * column the file is read as a wide table (`date,signups,revenue`, as spreadsheets and BI exports have it): every
 * column whose cells are all numbers (or empty) is a metric named by its header, the others are dimensions, and a
 * row gives one point per non-empty metric cell. Each data row ends up in `points` (at least one) or in `rejected`
 * with its line number and the reason.
 *
 * @throws TypeError when `text` is not a string; RangeError for an unknown time zone.
 * @example
 * const { points, rejected } = parseMetricCsv("date,name,value,app\n2026-11-17,checkout_conversion_rate,2.61,checkout\n");
 * points[0]; // => { type: "metric", name: "checkout_conversion_rate", timestamp: "2026-11-17T00:00:00.000Z", value: 2.61, dimensions: { app: "checkout" } }
 */
export function parseMetricCsv(text: string, options: MetricCsvOptions = {}): MetricCsvResult {
  if (typeof text !== "string")
    throw new TypeError(`[@faultline/report] parseMetricCsv: text must be a string (got ${typeof text})`);
  const timeZone = options.timeZone ?? "UTC";
  assertTimeZone(timeZone);
  const defaultName = options.name ?? "metric";
  const all = records(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const points: MetricPoint[] = [];
  const rejected: MetricCsvRejection[] = [];
  const header = all[0];
  if (header === undefined) return { points, rejected };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const find = (names: readonly string[]): number => columns.findIndex((c) => names.includes(c));
  const timeAt = find(TIME_COLUMNS);
  const valueAt = find(VALUE_COLUMNS);
  const nameAt = find(NAME_COLUMNS);
  if (timeAt < 0) {
    for (const row of all.slice(1))
      rejected.push({
        line: row.line,
        reason: `the header (line ${header.line}) has no time column (${TIME_COLUMNS.join(", ")}); it has ${columns.join(", ")}`,
      });
    return { points, rejected };
  }
  const readTime = timestampReader(timeZone);
  if (valueAt < 0) return parseWide(all, columns, timeAt, nameAt, readTime);
  const dimensionColumns = columns
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => i !== timeAt && i !== valueAt && i !== nameAt);
  for (const row of all.slice(1)) {
    const timestamp = rowTimestamp(row, columns, timeAt, readTime);
    if (timestamp.reason !== undefined) {
      rejected.push({ line: row.line, reason: timestamp.reason });
      continue;
    }
    const rawValue = row.fields[valueAt]!.trim();
    const value = rawValue === "" ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(value)) {
      rejected.push({
        line: row.line,
        reason: `value: expected a finite number, got ${JSON.stringify(rawValue.slice(0, 40))}`,
      });
      continue;
    }
    const name = (nameAt >= 0 ? row.fields[nameAt]!.trim() : "") || defaultName;
    const dimensions = Object.fromEntries(
      dimensionColumns
        .map(({ c, i }) => [header.fields[i]!.trim() || c, row.fields[i]!.trim()] as const)
        .filter(([, v]) => v !== ""),
    );
    const point = MetricPoint.safeParse({
      type: "metric",
      name,
      timestamp: timestamp.value,
      value,
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    });
    if (point.success) points.push(point.data);
    else
      rejected.push({
        line: row.line,
        reason: point.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
  }
  return { points, rejected };
}

/** A data row's instant, or why the row cannot have one (a field count unlike the header's, an unreadable time). */
function rowTimestamp(
  row: { fields: string[] },
  columns: string[],
  timeAt: number,
  readTime: (raw: string) => string | undefined,
): { value: string; reason?: undefined } | { reason: string } {
  if (row.fields.length !== columns.length)
    return { reason: `expected ${columns.length} fields as in the header, found ${row.fields.length}` };
  const rawTime = row.fields[timeAt]!;
  const value = readTime(rawTime);
  if (value === undefined)
    return {
      reason: `${columns[timeAt]}: expected a date (YYYY-MM-DD) or an ISO date-time, got ${JSON.stringify(rawTime.slice(0, 40))}`,
    };
  return { value };
}

/** A wide table: one metric per numeric column, named by its header (see {@link parseMetricCsv}). */
function parseWide(
  all: { line: number; fields: string[] }[],
  columns: string[],
  timeAt: number,
  nameAt: number,
  readTime: (raw: string) => string | undefined,
): MetricCsvResult {
  const points: MetricPoint[] = [];
  const rejected: MetricCsvRejection[] = [];
  const header = all[0]!;
  const rows = all.slice(1);
  const metricAt: number[] = [];
  const dimensionAt: number[] = [];
  for (let i = 0; i < columns.length; i++) {
    if (i === timeAt || i === nameAt) continue;
    let numbers = 0;
    let numeric = true;
    for (const row of rows) {
      if (row.fields.length !== columns.length) continue;
      const cell = row.fields[i]!.trim();
      if (cell === "") continue;
      if (Number.isFinite(Number(cell))) numbers++;
      else numeric = false;
    }
    (numeric && numbers > 0 ? metricAt : dimensionAt).push(i);
  }
  if (metricAt.length === 0) {
    for (const row of rows)
      rejected.push({
        line: row.line,
        reason: `the header (line ${header.line}) has no value column, and no other column holds only numbers (columns: ${columns.join(", ")})`,
      });
    return { points, rejected };
  }
  const label = (i: number) => header.fields[i]!.trim() || columns[i]!;
  for (const row of rows) {
    const timestamp = rowTimestamp(row, columns, timeAt, readTime);
    if (timestamp.reason !== undefined) {
      rejected.push({ line: row.line, reason: timestamp.reason });
      continue;
    }
    const dimensions = Object.fromEntries(
      dimensionAt.map((i) => [label(i), row.fields[i]!.trim()] as const).filter(([, v]) => v !== ""),
    );
    const prefix = nameAt >= 0 ? row.fields[nameAt]!.trim() : "";
    let made = 0;
    for (const i of metricAt) {
      const cell = row.fields[i]!.trim();
      if (cell === "") continue;
      points.push({
        type: "metric",
        name: prefix === "" ? label(i) : `${prefix}.${label(i)}`,
        timestamp: timestamp.value,
        value: Number(cell),
        ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
      });
      made++;
    }
    if (made === 0) rejected.push({ line: row.line, reason: `no value in ${metricAt.map(label).join(", ")}` });
  }
  return { points, rejected };
}
