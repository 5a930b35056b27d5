import type { NormalizedHeaders } from "./headers";

/** Headers that carry credentials or replayable authenticators: never stored as received. */
const SENSITIVE = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-hub-signature",
  "x-hub-signature-256",
  "x-gitlab-token",
  "circleci-signature",
  "webhook-signature",
  "qovery-signature",
  "x-api-key",
]);

export const REDACTED = "[redacted]";

/**
 * Copies headers for storage with credentials replaced by `[redacted]`: the known credential headers, and any
 * other header whose value contains a configured secret (a proxy may copy one into a custom header).
 */
export function redactHeaders(headers: NormalizedHeaders, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const leaks = SENSITIVE.has(name) || secrets.some((secret) => value.includes(secret));
    out[name] = leaks ? REDACTED : value;
  }
  return out;
}
