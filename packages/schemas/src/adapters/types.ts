import type { Provider } from "../common";
import type { FaultlineEvent } from "../faultline-event";

/** HTTP request headers as `node:http` gives them: lower-case names, a string or a list of strings per name. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Why a payload could not be mapped: the provider, the path of the offending field inside the payload
 * (`["deployment_status", "state"]`) and a message that names the path, what was expected and what was received.
 */
export type AdapterError = { provider: Provider; path: (string | number)[]; message: string };

/**
 * What an adapter returns. A payload is either mapped to zero or more events (with `ignored` saying why
 * nothing was emitted, for event types or states we do not track) or rejected with an {@link AdapterError}.
 * Nothing is dropped silently.
 *
 * A payload of many items (a CloudEvents batch, see `fromCloudEvent`) is read item by item: the good items' events
 * are kept, and each item that gave no event is listed in `rejected` with its index and a reason naming its path
 * (`body[1].data.context.timestamp: …`, or `body[2]: ignored: …` for an item not mapped to an event); `eventItems`
 * then gives, parallel to `events`, the index of the item each event came from. `ignored` is set only when no item
 * failed and none gave an event.
 */
export type AdapterResult =
  | {
      success: true;
      events: FaultlineEvent[];
      ignored?: { reason: string };
      rejected?: { index: number; reason: string }[];
      eventItems?: number[];
    }
  | { success: false; error: AdapterError };

/**
 * Maps one webhook delivery (its parsed JSON body and, optionally, its headers) to normalized events.
 * Adapters are pure: they never throw on bad data, never log and never read anything else. Event ids are
 * derived from the provider's own ids, so a re-delivered payload yields the same ids.
 */
export type Adapter = (payload: unknown, headers?: WebhookHeaders) => AdapterResult;
