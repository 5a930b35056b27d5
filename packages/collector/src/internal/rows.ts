import type { DeploymentErrorEvent, FaultlineEvent } from "@faultline/schemas";
import type { DeliveryRecord, EventQuery } from "../store/store";

/** The columns both stores index an event by. */
export interface EventRow {
  source: string;
  id: string;
  type: FaultlineEvent["type"];
  provider: string;
  tsMs: number;
  app: string | null;
  environment: string | null;
  data: string;
}

export interface ErrorRow {
  key: string;
  tsMs: number;
  app: string | null;
  environment: string | null;
  data: string;
}

/**
 * PostgreSQL `text` cannot hold U+0000, so the extracted text columns that only feed query filters and display
 * (delivery reason; event app and environment; error app and environment) store a NUL as the six characters
 * `\u0000`, its JSON escape. That is lossy (a value holding a literal `\u0000` reads the same), which is harmless
 * there; both stores apply it, and the query filters too, so they behave the same and a filter given the raw value
 * still matches. The JSON `data` columns need nothing: `JSON.stringify` already escapes NUL, and the events and
 * reports read back are exactly those received.
 *
 * Key columns are never escaped (see {@link keyColumn}): an escape would make distinct keys collide.
 */
export function textColumn(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "\\u0000") : value;
}

function textColumnOrNull(value: string | null): string | null {
  return value === null ? null : textColumn(value);
}

/** Why a key value holding U+0000 is refused, after its field name: `events[2].id: contains U+0000 …`. */
export const NUL_KEY_REASON = "contains U+0000 (NUL), which cannot be stored as a key";

/** Whether a value would be refused as a key: it holds U+0000. */
export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}

/**
 * A key column (delivery source and id, event source and id, error report key) stored as given. PostgreSQL text
 * cannot hold U+0000 and any escape would not be injective (`e\0` and the literal `e\u0000` would become one key,
 * and the second record would be dropped as a duplicate), so a key holding a NUL is refused. The collector never
 * gets here with one: it rejects such events and reports with a reason and does not use such a delivery id.
 * @throws RangeError naming the field.
 */
function keyColumn(value: string, field: string): string {
  if (hasNul(value)) throw new RangeError(`[@faultline/collector] ${field}: ${NUL_KEY_REASON}`);
  return value;
}

/** The `faultline_deliveries` columns both stores insert, in order (the raw body is left to each store). */
export type DeliveryColumns = [string, string, string, string, string, string | null, string, string, string];

/**
 * source, delivery_id, provider, received_at, outcome, reason, headers, body, rejected.
 * @throws RangeError when the delivery's key holds U+0000 (see {@link keyColumn}).
 */
export function deliveryColumns(record: DeliveryRecord): DeliveryColumns {
  return [
    keyColumn(record.source, "record.source"),
    keyColumn(record.deliveryId, "record.deliveryId"),
    record.provider,
    record.receivedAt,
    record.outcome,
    record.reason === undefined ? null : textColumn(record.reason),
    JSON.stringify(record.headers),
    record.body,
    JSON.stringify(record.rejected),
  ];
}

export function rawRef(record: Pick<DeliveryRecord, "source" | "deliveryId">): string {
  return `${record.source}#${record.deliveryId}`;
}

/** @throws RangeError when an event's `source` or `id` holds U+0000 (see {@link keyColumn}). */
export function eventRows(record: DeliveryRecord): EventRow[] {
  const ref = rawRef(record);
  return record.events.map((event, index) => {
    const app =
      ("service" in event && typeof event.service === "string" ? event.service : undefined) ?? event.repository;
    const environment = event.type === "change" ? undefined : event.environment?.name;
    return {
      source: keyColumn(event.source, `record.events[${index}].source`),
      id: keyColumn(event.id, `record.events[${index}].id`),
      type: event.type,
      provider: event.provider,
      tsMs: Date.parse(event.timestamp),
      app: typeof app === "string" ? textColumn(app) : null,
      environment: textColumnOrNull(environment ?? null),
      data: JSON.stringify({ ...event, rawRef: ref }),
    };
  });
}

/**
 * Parses the time formats error reports arrive with: ISO 8601, database timestamps
 * (`2024-05-01 10:00:00.123+00`) and epoch milliseconds. Returns NaN when none fits.
 */
export function parseLooseTime(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string" || value.trim() === "") return Number.NaN;
  const text = value.trim();
  if (/^\d{12,14}$/.test(text)) return Number(text);
  // `YYYY-MM-DD HH:MM:SS[.fff][+HH[:MM]]` → ISO; a bare date-time without an offset is taken as UTC.
  const db = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (db) {
    const [, date, time, zone] = db;
    let offset = zone ?? "Z";
    if (/^[+-]\d{2}$/.test(offset)) offset += ":00";
    else if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
    return Date.parse(`${date}T${time}${offset}`);
  }
  return Date.parse(text);
}

function pickId(ids: Readonly<Record<string, string>> | undefined, names: readonly string[]): string | null {
  if (!ids) return null;
  for (const name of names) {
    const value = ids[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

/** @throws RangeError when a report's key (its `id`, else the delivery id) holds U+0000 (see {@link keyColumn}). */
export function errorRows(record: DeliveryRecord, receivedMs: number): ErrorRow[] {
  return record.errors.map((report: DeploymentErrorEvent, index) => {
    const parsed = parseLooseTime(report.timestamp);
    const tsMs = Number.isNaN(parsed) ? receivedMs : parsed;
    return {
      key: keyColumn(
        typeof report.id === "string" && report.id !== "" ? `id:${report.id}` : `${record.deliveryId}#${index}`,
        `record.errors[${index}].id`,
      ),
      tsMs,
      app: textColumnOrNull(pickId(report.ids, ["application", "app", "service"])),
      environment: textColumnOrNull(pickId(report.ids, ["environment", "env"])),
      data: JSON.stringify(report),
    };
  });
}

/** A query with its bounds as epoch milliseconds. */
export interface ResolvedQuery {
  fromMs: number;
  toMs: number;
  app: string | null;
  environment: string | null;
  provider: string | null;
  limit: number | null;
}

function toMs(value: string | Date | number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : parseLooseTime(value);
  if (!Number.isFinite(ms)) {
    throw new RangeError(`[@faultline/collector] query.${field} is not a valid time (got ${JSON.stringify(value)})`);
  }
  return ms;
}

/**
 * Validates a query.
 * @throws RangeError naming the field for an invalid time or limit.
 */
export function resolveQuery(query: EventQuery = {}): ResolvedQuery {
  const limit = query.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`[@faultline/collector] query.limit must be a non-negative integer (got ${limit})`);
  }
  return {
    // Bounds stay inside the safe-integer range that both SQLite and PostgreSQL bigint handle exactly.
    fromMs: toMs(query.from, "from", -8.64e15),
    toMs: toMs(query.to, "to", 8.64e15),
    // The app and environment columns escape NUL (see textColumn), so the filters must too.
    app: query.app === undefined ? null : textColumn(query.app),
    environment: query.environment === undefined ? null : textColumn(query.environment),
    provider: query.provider ?? null,
    limit: limit ?? null,
  };
}

/** The CI/CD event types, one query method each. */
export type EventTypeName = "deployment" | "environment" | "change";
