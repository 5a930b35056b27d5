import { adapters, fromCDEvent, fromCloudEvent } from "@faultline/schemas";
import type { AdapterRegistry, WebhookAdapter } from "./adapter";
import { isRecord } from "./internal/json";

/**
 * CDEvents over HTTP: a bare CDEvent (`{ context, subject }`), or a CloudEvent carrying one in structured, binary
 * (`ce-*` headers) or batched mode.
 */
const fromCDEventsRoute: WebhookAdapter = (payload, headers) =>
  isRecord(payload) && isRecord(payload.context) && !("specversion" in payload)
    ? fromCDEvent(payload)
    : fromCloudEvent({ ...(headers === undefined ? {} : { headers }), body: payload });

/** The adapters `createCollector` uses unless told otherwise: those of `@faultline/schemas`. */
export const defaultAdapters: AdapterRegistry = { ...adapters, cdevents: fromCDEventsRoute };

/**
 * Adapters whose events are already validated against `FaultlineEvent` (the schemas package validates every event
 * it emits), so the collector need not validate them twice. Events of any other adapter are validated.
 */
export const validatingAdapters: ReadonlySet<WebhookAdapter> = new Set<WebhookAdapter>([
  ...Object.values(adapters),
  fromCDEventsRoute,
]);
