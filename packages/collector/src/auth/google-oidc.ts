import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { isRecord } from "../internal/json";
import { type AuthResult, authFail, authOk } from "./auth-result";

/** One RSA public key in JWK form, as published at https://www.googleapis.com/oauth2/v3/certs. */
export interface RsaJwk {
  kty: "RSA";
  n: string;
  e: string;
  kid?: string;
  alg?: string;
  use?: string;
}

/** A JSON Web Key Set: `{ keys: [...] }`. */
export interface Jwks {
  keys: readonly RsaJwk[];
}

/** Settings for verifying a Google-signed OIDC token, e.g. on a Pub/Sub push subscription. */
export interface GoogleOidcOptions {
  /** The audience configured on the push subscription (by default the push endpoint URL). */
  audience: string;
  /** The service account the subscription pushes as; compared with the token's verified `email` claim. */
  serviceAccountEmail: string;
  /** Google's signing keys. They are never fetched at request time: refresh them in your configuration. */
  jwks: Jwks;
  /**
   * Accepted `iss` values.
   * @defaultValue `["https://accounts.google.com", "accounts.google.com"]`
   */
  issuers?: readonly string[];
  /**
   * Allowed clock skew for `exp`, `iat` and `nbf`, in seconds.
   * @defaultValue 60
   */
  clockSkewSeconds?: number;
}

/** Google OIDC settings with the keys imported once, at configuration time. */
export interface PreparedGoogleOidc {
  audience: string;
  serviceAccountEmail: string;
  issuers: readonly string[];
  clockSkewSeconds: number;
  keys: readonly { kid: string | undefined; key: KeyObject }[];
}

const DEFAULT_ISSUERS = ["https://accounts.google.com", "accounts.google.com"] as const;

/**
 * Imports the JWKS once. Throws on a key that is not a usable RSA public key, so a broken configuration fails at
 * start-up rather than on the first push.
 */
export function prepareGoogleOidc(options: GoogleOidcOptions, where: string): PreparedGoogleOidc {
  if (!isRecord(options.jwks) || !Array.isArray(options.jwks.keys) || options.jwks.keys.length === 0) {
    throw new TypeError(
      `[@faultline/collector] ${where}.jwks must be { keys: [ <RSA JWK>, … ] } with at least one key`,
    );
  }
  const keys = options.jwks.keys.map((jwk, index) => {
    if (!isRecord(jwk) || jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") {
      throw new TypeError(`[@faultline/collector] ${where}.jwks.keys[${index}] must be an RSA JWK with kty, n and e`);
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
    } catch (cause) {
      throw new TypeError(`[@faultline/collector] ${where}.jwks.keys[${index}] is not a valid RSA public key`, {
        cause,
      });
    }
    // Google signs with 2048-bit keys; anything shorter is a broken or hostile configuration.
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) {
      throw new TypeError(
        `[@faultline/collector] ${where}.jwks.keys[${index}] is a ${bits}-bit RSA key; at least 2048 bits are required`,
      );
    }
    return { kid: typeof jwk.kid === "string" ? jwk.kid : undefined, key };
  });
  return {
    audience: options.audience,
    serviceAccountEmail: options.serviceAccountEmail,
    issuers: options.issuers ?? DEFAULT_ISSUERS,
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
    keys,
  };
}

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
}

/**
 * Verifies `Authorization: Bearer <JWT>` as Google documents for authenticated push
 * (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions): RS256 signature by a configured key,
 * `iss` Google, `aud` the configured audience, `email` the configured service account with `email_verified`,
 * and `exp`/`iat` around now (the token's lifetime is the replay window).
 */
export function verifyGoogleOidcToken(
  authorization: string | undefined,
  oidc: PreparedGoogleOidc,
  nowMs: number,
): AuthResult {
  if (authorization === undefined) return authFail("missing Authorization header; expected Bearer <OIDC token>");
  const bearer = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!bearer) return authFail("Authorization header is not Bearer <JWT>");
  const [, headerPart = "", payloadPart = "", signaturePart = ""] = bearer;
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeSegment(headerPart);
    claims = decodeSegment(payloadPart);
  } catch {
    return authFail("bearer token is not a decodable JWT");
  }
  if (!isRecord(header) || !isRecord(claims)) return authFail("bearer token is not a decodable JWT");
  // Only RS256: accepting the token's own `alg` is the classic alg-confusion hole ("none", HS256 with the public key).
  if (header.alg !== "RS256") return authFail(`JWT alg must be RS256 (got ${JSON.stringify(header.alg)})`);
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  const candidates = kid === undefined ? oidc.keys : oidc.keys.filter((k) => k.kid === kid || k.kid === undefined);
  if (candidates.length === 0) return authFail("JWT kid matches no configured key; refresh the JWKS");
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, "ascii");
  const signature = Buffer.from(signaturePart, "base64url");
  if (!candidates.some(({ key }) => verify("RSA-SHA256", signed, key, signature))) {
    return authFail("JWT signature does not verify with the configured keys");
  }
  const now = nowMs / 1000;
  const skew = oidc.clockSkewSeconds;
  if (typeof claims.iss !== "string" || !oidc.issuers.includes(claims.iss)) return authFail("JWT iss is not Google");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(oidc.audience)) return authFail("JWT aud does not match the configured audience");
  if (typeof claims.exp !== "number" || claims.exp + skew < now) return authFail("JWT has expired");
  if (typeof claims.iat === "number" && claims.iat - skew > now) return authFail("JWT iat is in the future");
  if (typeof claims.nbf === "number" && claims.nbf - skew > now) return authFail("JWT is not valid yet (nbf)");
  if (claims.email !== oidc.serviceAccountEmail) return authFail("JWT email is not the configured service account");
  if (claims.email_verified !== true) return authFail("JWT email is not verified");
  return authOk;
}
