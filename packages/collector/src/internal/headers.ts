import type { HeaderValue, IncomingHeaders } from "../request";

/** Headers with lower-case names and one string per name (repeated values joined with `, `, as RFC 9110 allows). */
export type NormalizedHeaders = Readonly<Record<string, string>>;

export function normalizeHeaders(headers: IncomingHeaders): NormalizedHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const joined = joinValue(value);
    if (joined === undefined) continue;
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? joined : `${out[key]}, ${joined}`;
  }
  return out;
}

function joinValue(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.join(", ");
}

/** The media type of a Content-Type header without parameters, lower-cased (`application/json`). */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(";", 1)[0]?.trim().toLowerCase();
  return type === "" ? undefined : type;
}
