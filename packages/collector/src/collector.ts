import { FaultlineEvent, Provider } from "@faultline/schemas";
import type { AdapterRegistry, AdapterResult, WebhookAdapter, WebhookProvider } from "./adapter";
import { WEBHOOK_PROVIDERS } from "./adapter";
import { type AuthConfig, type PreparedAuth, prepareAuth } from "./auth/auth-config";
import { defaultAdapters, validatingAdapters } from "./default-adapters";
import { bodyHash, deliveryKey, usableId } from "./internal/delivery-id";
import { readErrorReports } from "./internal/error-intake";
import { mediaType, type NormalizedHeaders, normalizeHeaders } from "./internal/headers";
import { decodeUtf8, parseJsonText } from "./internal/json";
import { redactHeaders } from "./internal/redact";
import { fail, json } from "./internal/respond";
import { hasNul, NUL_KEY_REASON } from "./internal/rows";
import type { CollectorRequest, CollectorResponse } from "./request";
import type { CollectorStore, DeliveryRecord, EventQuery, PutResult, RejectedRecord } from "./store/store";

/** Options for {@link createCollector}. */
export interface CollectorOptions {
  /** Where deliveries go: {@link createSqliteStore} or {@link createPostgresStore}. */
  store: CollectorStore;
  /** Credentials per route; a route without credentials is disabled. */
  auth: AuthConfig;
  /**
   * Payload adapters by provider, merged over the defaults from `@faultline/schemas`.
   * @defaultValue the `@faultline/schemas` adapters
   */
  adapters?: AdapterRegistry;
  /**
   * Prefix of every route, e.g. `"/faultline"` for `/faultline/webhooks/github`.
   * @defaultValue ""
   */
  basePath?: string;
  /**
   * Largest accepted body in bytes; larger ones get 413.
   * @defaultValue 1_048_576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Deepest accepted JSON nesting; deeper documents get 400 before they are parsed.
   * @defaultValue 64
   */
  maxJsonDepth?: number;
  /**
   * How far a signed timestamp (Standard Webhooks `webhook-timestamp`) may be from now, in seconds.
   * @defaultValue 300
   */
  replayWindowSeconds?: number;
  /**
   * Clock, for tests.
   * @defaultValue `Date.now`
   */
  now?: () => number;
}

/** A configured collector: one method that turns a request into a response. */
export interface Collector {
  /**
   * Handles one request: route, size and content type, authentication, parsing, deduplication, normalization,
   * then storage. Resolves with 2xx only after the store has made the delivery durable. Never rejects.
   */
  handle(request: CollectorRequest): Promise<CollectorResponse>;
  /** The store given in the options. */
  readonly store: CollectorStore;
  /** The effective body limit, for servers that read the body themselves. */
  readonly maxBodyBytes: number;
}

const JSON_TYPES = new Set(["application/json", "text/json"]);
const NDJSON_TYPES = new Set([
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/jsonlines",
]);
const QUERY_KINDS = ["deployments", "environment-events", "changes", "errors"] as const;
type QueryKind = (typeof QUERY_KINDS)[number];

function isJsonType(type: string | undefined): boolean {
  return type !== undefined && (JSON_TYPES.has(type) || (type.startsWith("application/") && type.endsWith("+json")));
}

function positiveInteger(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`[@faultline/collector] options.${field} must be a positive integer (got ${value})`);
  }
  return value;
}

function issueText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : ""}${issue.message}`)
    .join("; ");
}

/**
 * Every event of every route passes here before it is stored. It validates an event of an adapter that is not
 * known to validate its own (see `validatingAdapters`), and rejects any event whose `source` or `id` holds U+0000
 * (NUL): those are its key in the store, which cannot hold a NUL and must not escape it (two distinct ids would
 * become one, and the second event would be dropped as already stored). The reason names `where` and the field:
 * `events[2].id: contains U+0000 (NUL), which cannot be stored as a key`.
 */
function checkEvent(
  event: FaultlineEvent,
  trusted: boolean,
  where: string,
): { success: true; event: FaultlineEvent } | { success: false; reason: string } {
  let checkedEvent = event;
  if (!trusted) {
    const checked = FaultlineEvent.safeParse(event);
    if (!checked.success) return { success: false, reason: `${where}: ${issueText(checked.error.issues)}` };
    checkedEvent = checked.data;
  }
  for (const field of ["source", "id"] as const) {
    const value: unknown = checkedEvent[field];
    if (typeof value === "string" && hasNul(value)) {
      return { success: false, reason: `${where}.${field}: ${NUL_KEY_REASON}` };
    }
  }
  return { success: true, event: checkedEvent };
}

/** The answer to a stored delivery, or to a repeat of one (same answer as the first time, marked duplicate). */
function answer(result: PutResult, key: { source: string; deliveryId: string }, rejected: readonly RejectedRecord[]) {
  if (result.status === "stored") {
    return json(200, {
      ok: true,
      status: "stored",
      source: key.source,
      deliveryId: key.deliveryId,
      events: result.storedEvents,
      errors: result.storedErrors,
      ...(rejected.length > 0 ? { rejected } : {}),
    });
  }
  const { existing } = result;
  if (existing.outcome === "rejected") {
    return fail(400, "rejected", existing.reason ?? "the delivery was rejected", {
      duplicate: true,
      deliveryId: key.deliveryId,
    });
  }
  return json(200, {
    ok: true,
    status: "duplicate",
    source: key.source,
    deliveryId: key.deliveryId,
    events: existing.storedEvents,
    errors: existing.storedErrors,
  });
}

/**
 * Creates the framework-agnostic webhook handler. Routes (under `basePath`):
 * `POST /webhooks/<provider>` for each configured provider, `POST /errors` for deployment error reports
 * (JSON or NDJSON), `GET /api/{deployments,environment-events,changes,errors}` for the query API, and
 * `GET /healthz`.
 *
 * @example
 * ```ts
 * const store = await createSqliteStore({ filename: "faultline.db" });
 * const collector = createCollector({ store, auth: { github: { secret: process.env.GITHUB_WEBHOOK_SECRET! } } });
 * const response = await collector.handle({ method: "POST", url: "/webhooks/github", headers, rawBody });
 * ```
 * @throws TypeError or RangeError naming the option when the configuration is invalid.
 */
export function createCollector(options: CollectorOptions): Collector {
  if (!options || typeof options !== "object") throw new TypeError("[@faultline/collector] options must be an object");
  const { store } = options;
  if (!store || typeof store.put !== "function") {
    throw new TypeError(
      "[@faultline/collector] options.store must be a CollectorStore (createSqliteStore, createPostgresStore)",
    );
  }
  if (!options.auth || typeof options.auth !== "object") {
    throw new TypeError("[@faultline/collector] options.auth must be an object of credentials per route");
  }
  const auth: PreparedAuth = prepareAuth(options.auth);
  const adapters: AdapterRegistry = { ...defaultAdapters, ...options.adapters };
  for (const provider of WEBHOOK_PROVIDERS) {
    const adapter = adapters[provider];
    if (auth.routes.has(provider) && typeof adapter !== "function") {
      throw new TypeError(
        `[@faultline/collector] options.adapters["${provider}"] must be a function (auth.${provider} is set)`,
      );
    }
  }
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, "maxBodyBytes", 1_048_576);
  const maxJsonDepth = positiveInteger(options.maxJsonDepth, "maxJsonDepth", 64);
  const replayWindowSeconds = positiveInteger(options.replayWindowSeconds, "replayWindowSeconds", 300);
  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  if (basePath !== "" && !basePath.startsWith("/")) {
    throw new TypeError(
      `[@faultline/collector] options.basePath must start with "/" (got ${JSON.stringify(basePath)})`,
    );
  }

  const enabledWebhooks = (): string =>
    WEBHOOK_PROVIDERS.filter((p) => auth.routes.has(p))
      .map((p) => `${basePath}/webhooks/${p}`)
      .join(", ") || "none (configure auth)";

  function authenticate(route: string, headers: NormalizedHeaders, body: Uint8Array): CollectorResponse | undefined {
    const check = auth.routes.get(route);
    if (!check) return fail(404, "not_found", `route ${route} is not enabled`);
    const result = check({ body, headers, nowMs: now(), replayWindowSeconds });
    if (result.success) return undefined;
    const challenge =
      route === "azure-devops"
        ? { "www-authenticate": 'Basic realm="faultline", charset="UTF-8"' }
        : route === "errors" || route === "query" || route === "cloudbuild"
          ? { "www-authenticate": 'Bearer realm="faultline"' }
          : undefined;
    return fail(401, "unauthorized", result.reason, {}, challenge);
  }

  async function store_(record: DeliveryRecord): Promise<PutResult | CollectorResponse> {
    try {
      return await store.put(record);
    } catch {
      // The store's message may name hosts or SQL; the client only needs to know to retry.
      return fail(
        503,
        "store_unavailable",
        "the delivery could not be stored; retry later",
        {},
        { "retry-after": "1" },
      );
    }
  }

  function isResponse(value: PutResult | CollectorResponse): value is CollectorResponse {
    return "body" in value;
  }

  function baseRecord(
    provider: Provider,
    key: { source: string; deliveryId: string },
    headers: NormalizedHeaders,
    text: string,
  ): Omit<DeliveryRecord, "outcome" | "events" | "errors" | "rejected"> {
    return {
      source: key.source,
      deliveryId: key.deliveryId,
      provider,
      receivedAt: new Date(now()).toISOString(),
      headers: redactHeaders(headers, auth.secrets),
      body: text,
    };
  }

  async function webhook(
    provider: WebhookProvider,
    adapter: WebhookAdapter,
    headers: NormalizedHeaders,
    body: Uint8Array,
  ): Promise<CollectorResponse> {
    const type = mediaType(headers["content-type"]);
    const form = provider === "github" && type === "application/x-www-form-urlencoded";
    if (!isJsonType(type) && !form) {
      return fail(
        415,
        "unsupported_media_type",
        `Content-Type must be application/json${provider === "github" ? " or application/x-www-form-urlencoded" : ""} (got ${JSON.stringify(headers["content-type"] ?? null)})`,
      );
    }
    const denied = authenticate(provider, headers, body);
    if (denied) return denied;
    const decoded = decodeUtf8(body);
    if (!decoded.success) return fail(400, "bad_request", decoded.error);
    let jsonText = decoded.text;
    if (form) {
      // GitHub's form content type wraps the JSON in a `payload` field; the signature covers the form bytes.
      const payload = new URLSearchParams(decoded.text).get("payload");
      if (payload === null) return fail(400, "bad_request", "form body has no payload field");
      jsonText = payload;
    }
    const parsed = parseJsonText(jsonText, maxJsonDepth);
    if (!parsed.success) return fail(400, "bad_request", parsed.error);
    const key = deliveryKey(provider, headers, parsed.data, body);
    const base = baseRecord(provider === "cdevents" ? "cdevents" : provider, key, headers, decoded.text);

    let adapted: AdapterResult;
    try {
      adapted = adapter(parsed.data, headers);
    } catch (error) {
      adapted = {
        success: false,
        error: { provider, path: [], message: `adapter threw: ${(error as Error)?.message ?? String(error)}` },
      };
    }
    if (!adapted.success) {
      const path = adapted.error.path.length > 0 ? `${adapted.error.path.join(".")}: ` : "";
      const reason = `payload not understood: ${path}${adapted.error.message}`;
      const put = await store_({ ...base, outcome: "rejected", reason, events: [], errors: [], rejected: [] });
      if (isResponse(put)) return put;
      if (put.status === "stored") {
        return fail(400, "rejected", reason, { path: adapted.error.path, deliveryId: key.deliveryId });
      }
      return answer(put, key, []);
    }

    // A payload of many items (a CloudEvents batch) comes with the items that gave no event, and the item of each
    // event, so an event refused here is named and listed under its item: `body[1].events[0].id: …`.
    const trusted = validatingAdapters.has(adapter);
    const items = adapted.eventItems;
    const events: FaultlineEvent[] = [];
    const refused: RejectedRecord[] = [];
    const perItem = new Map<number, number>();
    adapted.events.forEach((event, index) => {
      const item = items?.[index];
      const j = item === undefined ? index : (perItem.get(item) ?? 0);
      if (item !== undefined) perItem.set(item, j + 1);
      const where = item === undefined ? `events[${index}]` : `body[${item}].events[${j}]`;
      const checked = checkEvent(event, trusted, where);
      if (checked.success) events.push(checked.event);
      else refused.push({ index: item ?? index, reason: checked.reason });
    });
    const itemRejections = adapted.rejected ?? [];
    const rejected =
      itemRejections.length === 0 ? refused : [...itemRejections, ...refused].sort((a, b) => a.index - b.index);
    const ignored = adapted.ignored?.reason;
    // An adapter sets `ignored` beside item rejections only when every item was unmapped (none failed).
    const failed = refused.length > 0 || (itemRejections.length > 0 && ignored === undefined);
    const outcome =
      events.length === 0 && failed ? "rejected" : ignored && events.length === 0 ? "ignored" : "accepted";
    // A batch's reason names its first five items (every one is in `rejected`), as /errors does.
    const listed = items === undefined ? rejected : rejected.slice(0, 5);
    const reason = outcome === "rejected" ? listed.map((r) => r.reason).join("; ") : ignored;
    return storeEvents(base, key, outcome, reason, events, rejected);
  }

  async function storeEvents(
    base: Omit<DeliveryRecord, "outcome" | "events" | "errors" | "rejected">,
    key: { source: string; deliveryId: string },
    outcome: DeliveryRecord["outcome"],
    reason: string | undefined,
    events: FaultlineEvent[],
    rejected: RejectedRecord[],
  ): Promise<CollectorResponse> {
    const put = await store_({
      ...base,
      outcome,
      ...(reason === undefined ? {} : { reason }),
      events,
      errors: [],
      rejected,
    });
    if (isResponse(put)) return put;
    if (put.status === "stored" && outcome === "rejected") {
      return fail(400, "rejected", reason ?? "no valid event", { rejected, deliveryId: key.deliveryId });
    }
    if (put.status === "stored" && outcome === "ignored") {
      return json(200, {
        ok: true,
        status: "ignored",
        reason,
        source: key.source,
        deliveryId: key.deliveryId,
        ...(rejected.length > 0 ? { rejected } : {}),
      });
    }
    return answer(put, key, rejected);
  }

  async function errorsRoute(headers: NormalizedHeaders, body: Uint8Array): Promise<CollectorResponse> {
    const type = mediaType(headers["content-type"]);
    const ndjson = type !== undefined && NDJSON_TYPES.has(type);
    if (!ndjson && !isJsonType(type)) {
      return fail(
        415,
        "unsupported_media_type",
        `Content-Type must be application/json or application/x-ndjson (got ${JSON.stringify(headers["content-type"] ?? null)})`,
      );
    }
    const denied = authenticate("errors", headers, body);
    if (denied) return denied;
    const decoded = decodeUtf8(body);
    if (!decoded.success) return fail(400, "bad_request", decoded.error);
    const intake = readErrorReports(decoded.text, ndjson, maxJsonDepth);
    if (intake.fatal !== undefined) return fail(400, "bad_request", intake.fatal);
    const key = {
      source: "errors",
      // An Idempotency-Key holding U+0000 is not used as the key (see usableId): the body hash is, as when absent.
      deliveryId: usableId(headers["idempotency-key"]) ?? bodyHash(body),
    };
    const nothing = intake.accepted.length === 0;
    const reason = nothing
      ? intake.rejected.length > 0
        ? intake.rejected
            .map((r) => r.reason)
            .slice(0, 5)
            .join("; ")
        : "no error reports in the body"
      : undefined;
    const put = await store_({
      ...baseRecord("other", key, headers, decoded.text),
      outcome: nothing ? "rejected" : "accepted",
      ...(reason === undefined ? {} : { reason }),
      events: [],
      errors: intake.accepted,
      rejected: intake.rejected,
    });
    if (isResponse(put)) return put;
    if (put.status === "stored" && nothing) {
      return fail(400, "rejected", reason ?? "no error reports", {
        rejected: intake.rejected,
        deliveryId: key.deliveryId,
      });
    }
    // Reports are unique by id: one an earlier delivery already stored is kept once, and the answer says so.
    const already =
      put.status === "stored"
        ? (put.alreadyStoredErrors ?? []).flatMap((position): RejectedRecord[] => {
            const at = intake.acceptedAt[position];
            const report = intake.accepted[position];
            if (at === undefined || report === undefined) return [];
            const reason = `${at.where}: duplicate of report id ${JSON.stringify(report.id)} already stored by an earlier delivery; not stored again`;
            return [{ index: at.index, reason }];
          })
        : [];
    const rejected =
      already.length === 0 ? intake.rejected : [...intake.rejected, ...already].sort((a, b) => a.index - b.index);
    return answer(put, key, rejected);
  }

  async function queryRoute(kind: QueryKind, url: URL, headers: NormalizedHeaders): Promise<CollectorResponse> {
    const denied = authenticate("query", headers, new Uint8Array());
    if (denied) return denied;
    const query: EventQuery = {};
    const params = url.searchParams;
    for (const name of params.keys()) {
      if (!["from", "to", "app", "environment", "provider", "limit"].includes(name)) {
        return fail(
          400,
          "bad_request",
          `unknown query parameter ${JSON.stringify(name)}; use from, to, app, environment, provider, limit`,
        );
      }
    }
    for (const name of ["from", "to"] as const) {
      const value = params.get(name);
      if (value === null) continue;
      const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms))
        return fail(400, "bad_request", `query parameter ${name} is not a time: ${JSON.stringify(value)}`);
      query[name] = ms;
    }
    const limit = params.get("limit");
    if (limit !== null) {
      if (!/^\d{1,9}$/.test(limit))
        return fail(
          400,
          "bad_request",
          `query parameter limit must be a non-negative integer (got ${JSON.stringify(limit)})`,
        );
      query.limit = Number(limit);
    }
    const app = params.get("app");
    if (app !== null) query.app = app;
    const environment = params.get("environment");
    if (environment !== null) query.environment = environment;
    const provider = params.get("provider");
    if (provider !== null) {
      const known = Provider.safeParse(provider);
      if (!known.success) {
        return fail(
          400,
          "bad_request",
          `query parameter provider must be one of ${Provider.options.join(", ")} (got ${JSON.stringify(provider)})`,
        );
      }
      query.provider = known.data;
    }
    try {
      const items =
        kind === "deployments"
          ? await store.deployments(query)
          : kind === "environment-events"
            ? await store.environmentEvents(query)
            : kind === "changes"
              ? await store.changes(query)
              : await store.errors(query);
      return json(200, { ok: true, items });
    } catch {
      return fail(503, "store_unavailable", "the store could not be read; retry later", {}, { "retry-after": "1" });
    }
  }

  async function route(request: CollectorRequest): Promise<CollectorResponse> {
    const url = new URL(request.url, "http://collector.invalid");
    const method = request.method.toUpperCase();
    let path = url.pathname;
    if (basePath !== "") {
      if (path !== basePath && !path.startsWith(`${basePath}/`)) {
        return fail(404, "not_found", `no route ${path}; routes live under ${basePath}/`);
      }
      path = path.slice(basePath.length) || "/";
    }
    const headers = normalizeHeaders(request.headers);
    const body = request.rawBody;

    if (path === "/healthz") {
      if (method !== "GET" && method !== "HEAD")
        return fail(405, "method_not_allowed", "use GET", {}, { allow: "GET, HEAD" });
      return json(200, { ok: true });
    }
    const apiMatch = /^\/api\/([a-z-]+)\/?$/.exec(path);
    if (apiMatch) {
      const kind = apiMatch[1] as QueryKind;
      if (!QUERY_KINDS.includes(kind) || !auth.routes.has("query")) {
        return fail(
          404,
          "not_found",
          `no query route ${path}${auth.routes.has("query") ? `; use /api/${QUERY_KINDS.join(", /api/")}` : " (set auth.query to enable the query API)"}`,
        );
      }
      if (method !== "GET") return fail(405, "method_not_allowed", "use GET", {}, { allow: "GET" });
      return queryRoute(kind, url, headers);
    }
    const isErrors = path === "/errors" || path === "/errors/";
    const hookMatch = /^\/webhooks\/([^/]+)\/?$/.exec(path);
    const provider = hookMatch?.[1] as WebhookProvider | undefined;
    if (!isErrors && !provider) {
      return fail(404, "not_found", `no route ${path}; webhook routes: ${enabledWebhooks()}`);
    }
    if (provider !== undefined && (!WEBHOOK_PROVIDERS.includes(provider) || !auth.routes.has(provider))) {
      const known = WEBHOOK_PROVIDERS.includes(provider);
      return fail(
        404,
        "not_found",
        known
          ? `provider ${provider} is not enabled; set auth.${provider} in the configuration`
          : `unknown provider ${JSON.stringify(provider)}; enabled webhook routes: ${enabledWebhooks()}`,
      );
    }
    if (isErrors && !auth.routes.has("errors")) {
      return fail(404, "not_found", "the errors route is not enabled; set auth.errors in the configuration");
    }
    if (method !== "POST") return fail(405, "method_not_allowed", "use POST", {}, { allow: "POST" });
    if (body.byteLength > maxBodyBytes) {
      return fail(413, "payload_too_large", `body is ${body.byteLength} bytes; the limit is ${maxBodyBytes}`);
    }
    if (provider === undefined) return errorsRoute(headers, body);
    return webhook(provider, adapters[provider] as WebhookAdapter, headers, body);
  }

  return {
    store,
    maxBodyBytes,
    async handle(request: CollectorRequest): Promise<CollectorResponse> {
      try {
        return await route(request);
      } catch {
        return fail(500, "internal", "internal error; the delivery was not stored");
      }
    },
  };
}
