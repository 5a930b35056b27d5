import { Timestamp } from "../common";

// `2021-04-28 21:50:00 +0200`, `2016-08-12 15:23:28 UTC` (GitLab hooks), `2021-04-28T21:50:00+0200`.
const LOOSE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(Z|UTC|[+-]\d{2}:?\d{2})$/i;

/**
 * Converts the timestamp formats providers send to our {@link Timestamp} form (ISO 8601 with an explicit
 * offset). Returns undefined for anything else, including local times without an offset, which name no instant.
 */
export function toTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (Timestamp.safeParse(value).success) return value;
  const m = LOOSE.exec(value.trim());
  if (!m) return undefined;
  const zone = m[3]!.toUpperCase();
  const offset =
    zone === "Z" || zone === "UTC" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const iso = `${m[1]}T${m[2]}${offset}`;
  return Timestamp.safeParse(iso).success ? iso : undefined;
}
