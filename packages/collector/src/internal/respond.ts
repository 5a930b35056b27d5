import type { CollectorResponse } from "../request";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } as const;

/** Machine-readable error codes, one per failure class. */
export type ErrorCode =
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unauthorized"
  | "bad_request"
  | "rejected"
  | "store_unavailable"
  | "internal";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): CollectorResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function fail(
  status: number,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): CollectorResponse {
  return json(status, { ok: false, error: { code, message, ...extra } }, headers);
}
