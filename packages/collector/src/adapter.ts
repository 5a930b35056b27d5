import type { AdapterResult } from "@faultline/schemas";
import type { IncomingHeaders } from "./request";

/**
 * What a provider adapter returns: normalized events (possibly none, with why), or where the payload failed; the
 * type of `@faultline/schemas`. A payload of many items (a CloudEvents batch) also lists each item that gave no event
 * in `rejected`, with `eventItems` naming the item each event came from: splitting a batch is the adapter's job.
 */
export type { AdapterResult } from "@faultline/schemas";

/**
 * Turns one provider payload into normalized events; the contract of the adapters in `@faultline/schemas`.
 * Headers arrive with lower-case names.
 */
export type WebhookAdapter = (payload: unknown, headers?: IncomingHeaders) => AdapterResult;

/** The webhook routes the collector serves, one per provider: `POST /webhooks/<provider>`. */
export type WebhookProvider = "github" | "gitlab" | "circleci" | "azure-devops" | "qovery" | "cloudbuild" | "cdevents";

/** Every {@link WebhookProvider}, in route order. */
export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = [
  "github",
  "gitlab",
  "circleci",
  "azure-devops",
  "qovery",
  "cloudbuild",
  "cdevents",
];

/** Adapters by route. */
export type AdapterRegistry = Readonly<Partial<Record<WebhookProvider, WebhookAdapter>>>;
