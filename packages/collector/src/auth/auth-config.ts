import { matchesAny } from "../internal/constant-time";
import type { NormalizedHeaders } from "../internal/headers";
import { type AuthResult, authFail, authOk } from "./auth-result";
import { type GoogleOidcOptions, prepareGoogleOidc, verifyGoogleOidcToken } from "./google-oidc";
import { verifyCircleCISignature, verifyGitHubSignature } from "./hmac";
import { hasStandardWebhookHeaders, verifyStandardWebhook } from "./standard-webhooks";

/** One secret, or several accepted at once while a secret is rotated. */
export type Secrets = string | readonly string[];

/**
 * Credentials per route. A route whose entry is absent is disabled (it answers 404): the collector never accepts
 * unauthenticated events. Secrets are compared in constant time and never appear in responses or stored headers.
 */
export interface AuthConfig {
  /** GitHub webhook secret, checked against `X-Hub-Signature-256`. */
  github?: { secret: Secrets };
  /**
   * GitLab: the webhook's secret token (`X-Gitlab-Token`) and/or its signing token (Standard Webhooks
   * `webhook-signature`, checked when the request carries it). At least one is required; each configured
   * one must pass.
   */
  gitlab?: { token?: Secrets; signingToken?: Secrets };
  /** CircleCI webhook secret, checked against `circleci-signature: v1=…`. */
  circleci?: { secret: Secrets };
  /** Azure DevOps service hook HTTP basic authentication. */
  "azure-devops"?: { username: string; password: Secrets };
  /** Qovery webhook target secret, sent verbatim in the `Qovery-Signature` header. */
  qovery?: { secret: Secrets };
  /** Cloud Build notifications through a Pub/Sub push subscription with OIDC authentication. */
  cloudbuild?: GoogleOidcOptions;
  /**
   * CDEvents / CloudEvents over HTTP: a bearer token (`Authorization: Bearer …`) and/or a Standard Webhooks HMAC
   * secret (`webhook-id`, `webhook-timestamp`, `webhook-signature`). A request passes with either.
   */
  cdevents?: { token?: Secrets; secret?: Secrets };
  /** Bearer token for `POST /errors` (deployment error reports from the platform). */
  errors?: { token: Secrets };
  /** Bearer token for the read-only query routes under `/api/`. */
  query?: { token: Secrets };
}

/** Everything needed to authenticate one request. */
export interface AuthInput {
  body: Uint8Array;
  headers: NormalizedHeaders;
  nowMs: number;
  replayWindowSeconds: number;
}

export type Authenticator = (input: AuthInput) => AuthResult;

/** Authenticators for the configured routes, plus every secret string (for redaction). */
export interface PreparedAuth {
  routes: ReadonlyMap<string, Authenticator>;
  secrets: readonly string[];
}

function list(value: Secrets | undefined, where: string): string[] {
  if (value === undefined) return [];
  const values = typeof value === "string" ? [value] : [...value];
  values.forEach((secret, index) => {
    if (typeof secret !== "string" || secret.length === 0) {
      const at = typeof value === "string" ? where : `${where}[${index}]`;
      throw new TypeError(`[@faultline/collector] ${at} must be a non-empty string`);
    }
  });
  return values;
}

function bearer(headers: NormalizedHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return match?.[1];
}

function checkBearer(headers: NormalizedHeaders, tokens: readonly string[]): AuthResult {
  const token = bearer(headers);
  if (token === undefined) return authFail("missing Authorization: Bearer <token> header");
  return matchesAny(token, tokens) ? authOk : authFail("bearer token is not accepted");
}

/**
 * Validates the configuration and builds one authenticator per enabled route.
 * @throws TypeError naming the field when a configured credential is empty or malformed.
 */
export function prepareAuth(config: AuthConfig): PreparedAuth {
  const routes = new Map<string, Authenticator>();
  const secrets: string[] = [];
  const keep = (values: string[]): string[] => {
    secrets.push(...values);
    return values;
  };

  if (config.github) {
    const keys = keep(list(config.github.secret, "auth.github.secret"));
    if (keys.length === 0) throw new TypeError("[@faultline/collector] auth.github.secret is required");
    routes.set("github", ({ body, headers }) => verifyGitHubSignature(body, headers["x-hub-signature-256"], keys));
  }
  if (config.gitlab) {
    const tokens = keep(list(config.gitlab.token, "auth.gitlab.token"));
    const signing = keep(list(config.gitlab.signingToken, "auth.gitlab.signingToken"));
    if (tokens.length === 0 && signing.length === 0) {
      throw new TypeError("[@faultline/collector] auth.gitlab needs token and/or signingToken");
    }
    routes.set("gitlab", ({ body, headers, nowMs, replayWindowSeconds }) => {
      if (tokens.length > 0) {
        const token = headers["x-gitlab-token"];
        if (token === undefined) return authFail("missing X-Gitlab-Token header");
        if (!matchesAny(token, tokens)) return authFail("X-Gitlab-Token is not accepted");
      }
      if (signing.length > 0 && (tokens.length === 0 || hasStandardWebhookHeaders(headers))) {
        return verifyStandardWebhook(body, headers, signing, nowMs, replayWindowSeconds);
      }
      return authOk;
    });
  }
  if (config.circleci) {
    const keys = keep(list(config.circleci.secret, "auth.circleci.secret"));
    if (keys.length === 0) throw new TypeError("[@faultline/collector] auth.circleci.secret is required");
    routes.set("circleci", ({ body, headers }) => verifyCircleCISignature(body, headers["circleci-signature"], keys));
  }
  const azure = config["azure-devops"];
  if (azure) {
    if (typeof azure.username !== "string" || azure.username === "") {
      throw new TypeError('[@faultline/collector] auth["azure-devops"].username must be a non-empty string');
    }
    const passwords = keep(list(azure.password, 'auth["azure-devops"].password'));
    if (passwords.length === 0) throw new TypeError('[@faultline/collector] auth["azure-devops"].password is required');
    const expected = passwords.map((password) => `${azure.username}:${password}`);
    routes.set("azure-devops", ({ headers }) => {
      const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headers.authorization ?? "");
      if (!match?.[1]) return authFail("missing Authorization: Basic <credentials> header");
      const given = Buffer.from(match[1], "base64").toString("utf8");
      return matchesAny(given, expected) ? authOk : authFail("basic credentials are not accepted");
    });
  }
  if (config.qovery) {
    const keys = keep(list(config.qovery.secret, "auth.qovery.secret"));
    if (keys.length === 0) throw new TypeError("[@faultline/collector] auth.qovery.secret is required");
    routes.set("qovery", ({ headers }) => {
      const given = headers["qovery-signature"];
      if (given === undefined) return authFail("missing Qovery-Signature header");
      return matchesAny(given, keys) ? authOk : authFail("Qovery-Signature is not accepted");
    });
  }
  if (config.cloudbuild) {
    const oidc = prepareGoogleOidc(config.cloudbuild, "auth.cloudbuild");
    if (!oidc.audience) throw new TypeError("[@faultline/collector] auth.cloudbuild.audience is required");
    if (!oidc.serviceAccountEmail) {
      throw new TypeError("[@faultline/collector] auth.cloudbuild.serviceAccountEmail is required");
    }
    routes.set("cloudbuild", ({ headers, nowMs }) => verifyGoogleOidcToken(headers.authorization, oidc, nowMs));
  }
  if (config.cdevents) {
    const tokens = keep(list(config.cdevents.token, "auth.cdevents.token"));
    const keys = keep(list(config.cdevents.secret, "auth.cdevents.secret"));
    if (tokens.length === 0 && keys.length === 0) {
      throw new TypeError("[@faultline/collector] auth.cdevents needs token and/or secret");
    }
    routes.set("cdevents", ({ body, headers, nowMs, replayWindowSeconds }) => {
      if (keys.length > 0 && hasStandardWebhookHeaders(headers)) {
        return verifyStandardWebhook(body, headers, keys, nowMs, replayWindowSeconds);
      }
      if (tokens.length > 0) return checkBearer(headers, tokens);
      return authFail("missing webhook-signature header");
    });
  }
  if (config.errors) {
    const tokens = keep(list(config.errors.token, "auth.errors.token"));
    if (tokens.length === 0) throw new TypeError("[@faultline/collector] auth.errors.token is required");
    routes.set("errors", ({ headers }) => checkBearer(headers, tokens));
  }
  if (config.query) {
    const tokens = keep(list(config.query.token, "auth.query.token"));
    if (tokens.length === 0) throw new TypeError("[@faultline/collector] auth.query.token is required");
    routes.set("query", ({ headers }) => checkBearer(headers, tokens));
  }
  return { routes, secrets };
}
