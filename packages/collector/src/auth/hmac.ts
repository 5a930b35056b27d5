import { createHmac, timingSafeEqual } from "node:crypto";
import { matchesAny } from "../internal/constant-time";
import { type AuthResult, authFail, authOk } from "./auth-result";

/** Lower-case hex HMAC-SHA256 of `body` under each secret. */
function hexDigests(body: Uint8Array, secrets: readonly string[]): string[] {
  return secrets.map((secret) => createHmac("sha256", secret).update(body).digest("hex"));
}

/**
 * Checks GitHub's `X-Hub-Signature-256: sha256=<hex>` (HMAC-SHA256 of the raw body).
 * Several secrets may be configured so a secret can be rotated without downtime.
 */
export function verifyGitHubSignature(
  body: Uint8Array,
  header: string | undefined,
  secrets: readonly string[],
): AuthResult {
  if (header === undefined) return authFail("missing X-Hub-Signature-256 header");
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return authFail("malformed X-Hub-Signature-256 header; expected sha256=<64 hex digits>");
  // Both sides are 32-byte digests (the pattern fixes the length), so `timingSafeEqual` compares them directly,
  // in constant time, without hashing them again; every secret is compared.
  const given = Buffer.from(match[1], "hex");
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(given, createHmac("sha256", secret).update(body).digest())) matched = true;
  }
  return matched ? authOk : authFail("X-Hub-Signature-256 does not match the body");
}

/**
 * Checks CircleCI's `circleci-signature: v1=<hex>[,v2=…]` (HMAC-SHA256 of the raw body). Versions other than
 * v1 are ignored, as CircleCI documents, so a future scheme can be added beside v1.
 */
export function verifyCircleCISignature(
  body: Uint8Array,
  header: string | undefined,
  secrets: readonly string[],
): AuthResult {
  if (header === undefined) return authFail("missing circleci-signature header");
  const v1 = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3).toLowerCase());
  if (v1.length === 0) return authFail("circleci-signature header has no v1=<hex> signature");
  const expected = hexDigests(body, secrets);
  let matched = false;
  for (const candidate of v1) if (matchesAny(candidate, expected)) matched = true;
  return matched ? authOk : authFail("circleci-signature does not match the body");
}
