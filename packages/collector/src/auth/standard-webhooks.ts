import { createHmac } from "node:crypto";
import { matchesAny } from "../internal/constant-time";
import type { NormalizedHeaders } from "../internal/headers";
import { type AuthResult, authFail, authOk } from "./auth-result";

/** Key bytes of a Standard Webhooks secret: `whsec_<base64>` is decoded, anything else is used as UTF-8 text. */
function keyBytes(secret: string): Buffer {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
}

/** True when the request carries the Standard Webhooks signature headers. */
export function hasStandardWebhookHeaders(headers: NormalizedHeaders): boolean {
  return headers["webhook-signature"] !== undefined;
}

/**
 * Verifies the Standard Webhooks scheme (standardwebhooks.com, used by GitLab signing tokens):
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, with the
 * timestamp (Unix seconds) inside `windowSeconds` of `nowMs`, so a captured request cannot be replayed later.
 */
export function verifyStandardWebhook(
  body: Uint8Array,
  headers: NormalizedHeaders,
  secrets: readonly string[],
  nowMs: number,
  windowSeconds: number,
): AuthResult {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signature = headers["webhook-signature"];
  if (signature === undefined) return authFail("missing webhook-signature header");
  if (id === undefined || id === "") return authFail("missing webhook-id header");
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return authFail("missing or malformed webhook-timestamp header; expected Unix seconds");
  }
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > windowSeconds) {
    return authFail(
      `webhook-timestamp is ${Math.round(skew)} s away from now; the replay window is ${windowSeconds} s`,
    );
  }
  const prefix = Buffer.from(`${id}.${timestamp}.`, "utf8");
  const expected = secrets.map((secret) =>
    createHmac("sha256", keyBytes(secret)).update(prefix).update(body).digest("base64"),
  );
  const candidates = signature
    .split(" ")
    .filter((part) => part.startsWith("v1,"))
    .map((part) => part.slice(3));
  if (candidates.length === 0) return authFail("webhook-signature has no v1,<base64> signature");
  let matched = false;
  for (const candidate of candidates) if (matchesAny(candidate, expected)) matched = true;
  return matched ? authOk : authFail("webhook-signature does not match the body");
}
