import { createHash } from "node:crypto";
import type { WebhookProvider } from "../adapter";
import type { NormalizedHeaders } from "./headers";
import { isRecord } from "./json";

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
      if (ceSource !== undefined) source = `cdevents:${ceSource}`;
      break;
    }
  }
  return { source, deliveryId: id?.trim() || bodyHash(body) };
}
