import type { FaultlineEvent, Provider } from "@faultline/schemas";
import type { IncomingHeaders } from "./request";

/**
 * What a provider adapter returns: normalized events (possibly none, with why), or where the payload failed. A
 * payload of many items (a CloudEvents batch) also lists each item that gave no event in `rejected`, with
 * `eventItems` naming the item each event came from (see `AdapterResult` of `@faultline/schemas`).
 */
export type AdapterResult =
  | {
      success: true;
      events: FaultlineEvent[];
      ignored?: { reason: string };
      rejected?: { index: number; reason: string }[];
      eventItems?: number[];
    }
  | { success: false; error: { provider: Provider; path: (string | number)[]; message: string } };

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
