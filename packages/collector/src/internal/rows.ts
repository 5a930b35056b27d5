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

export function rawRef(record: Pick<DeliveryRecord, "source" | "deliveryId">): string {
  return `${record.source}#${record.deliveryId}`;
}

export function eventRows(record: DeliveryRecord): EventRow[] {
  const ref = rawRef(record);
  return record.events.map((event) => {
    const app =
      ("service" in event && typeof event.service === "string" ? event.service : undefined) ?? event.repository;
    const environment = event.type === "change" ? undefined : event.environment?.name;
    return {
      source: event.source,
      id: event.id,
      type: event.type,
      provider: event.provider,
      tsMs: Date.parse(event.timestamp),
      app: typeof app === "string" ? app : null,
      environment: environment ?? null,
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

export function errorRows(record: DeliveryRecord, receivedMs: number): ErrorRow[] {
  return record.errors.map((report: DeploymentErrorEvent, index) => {
    const parsed = parseLooseTime(report.timestamp);
    const tsMs = Number.isNaN(parsed) ? receivedMs : parsed;
    return {
      key: typeof report.id === "string" && report.id !== "" ? `id:${report.id}` : `${record.deliveryId}#${index}`,
      tsMs,
      app: pickId(report.ids, ["application", "app", "service"]),
      environment: pickId(report.ids, ["environment", "env"]),
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
    app: query.app ?? null,
    environment: query.environment ?? null,
    provider: query.provider ?? null,
    limit: limit ?? null,
  };
}

/** The CI/CD event types, one query method each. */
export type EventTypeName = "deployment" | "environment" | "change";
