import { createHash } from "node:crypto";
import type { WebhookProvider } from "../adapter";
import type { NormalizedHeaders } from "./headers";
import { isRecord } from "./json";
import { hasNul } from "./rows";

/** Where a delivery is deduplicated: `source` plus the provider's own id for the delivery. */
export interface DeliveryKey {
  source: string;
  deliveryId: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Content address used when a provider sends no delivery id: identical bodies are one delivery. */
export function bodyHash(body: Uint8Array): string {
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}

/**
 * The provider's delivery id: `X-GitHub-Delivery`; GitLab's `Idempotency-Key` (stable across retries), else
 * `X-Gitlab-Event-UUID` or `webhook-id`; the payload `id` for CircleCI and Azure DevOps; the Pub/Sub
 * `message.messageId`; the CloudEvents `id` (binary `ce-id` or structured) or CDEvents `context.id`, scoped by its
 * `source` as `cdevents:<source>` (so no sender can reach another route's namespace). Falls back to a hash of the
 * body.
 *
 * An id or CloudEvents source holding U+0000 (NUL) is not used: PostgreSQL text cannot hold it, and no escape keeps
 * distinct keys apart (`x\0` and the literal `x\u0000` would become one, and the second delivery would be answered
 * as a duplicate of the first). Such an id falls back to the body hash, as when there is none, and such a source to
 * the plain route source; the raw body and its events are still stored.
 */
export function deliveryKey(
  provider: WebhookProvider,
  headers: NormalizedHeaders,
  payload: unknown,
  body: Uint8Array,
): DeliveryKey {
  const root = isRecord(payload) ? payload : {};
  let source: string = provider;
  let id: string | undefined;
  switch (provider) {
    case "github":
      id = headers["x-github-delivery"];
      break;
    case "gitlab":
      id = headers["idempotency-key"] ?? headers["x-gitlab-event-uuid"] ?? headers["webhook-id"];
      break;
    case "circleci":
    case "azure-devops":
      id = text(root.id);
      break;
    case "qovery":
      // Qovery sends no delivery id; its payload's own ids are shared by the started and finished events.
      id = headers["idempotency-key"];
      break;
    case "cloudbuild": {
      const message = isRecord(root.message) ? root.message : {};
      id = text(message.messageId) ?? text(message.message_id);
      break;
    }
    case "cdevents": {
      const context = isRecord(root.context) ? root.context : {};
      id = headers["ce-id"] ?? text(root.id) ?? text(context.id) ?? headers["webhook-id"];
      const ceSource = headers["ce-source"] ?? text(root.source) ?? text(context.source);
      // Prefixed by the route: a sender picks its own `source`, and a bare "github" would otherwise share the
      // github route's namespace and have its events answered as that route's duplicates.
      if (ceSource !== undefined && !hasNul(ceSource)) source = `cdevents:${ceSource}`;
      // A CloudEvents id is unique only within its source: without a usable source, two senders' ids could meet
      // under the plain route source, so the body hash keys the delivery instead.
      else if (ceSource !== undefined) id = undefined;
      break;
    }
  }
  return { source, deliveryId: usableId(id) ?? bodyHash(body) };
}

/**
 * A delivery id as a dedup key: trimmed, and `undefined` when empty or holding U+0000 (NUL), which no store can
 * key by without collisions (see {@link deliveryKey}); the caller then falls back to the body hash.
 */
export function usableId(id: string | undefined): string | undefined {
  const trimmed = id?.trim();
  return trimmed === undefined || trimmed === "" || hasNul(trimmed) ? undefined : trimmed;
}
