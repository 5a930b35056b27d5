import type { AdapterResult, WebhookHeaders } from "../adapters/types";
import type { FaultlineEvent } from "../faultline-event";
import { ignore, readHeader, reject } from "../internal/adapter-kit";
import { decodeBase64Utf8 } from "../internal/base64";
import { formatPath } from "../internal/path";
import { fromCDEvent, toCDEvent } from "./convert";

const provider = "cdevents";

/** CloudEvents HTTP content modes: attributes in the JSON body (`structured`) or in `ce-*` headers (`binary`). */
export type CloudEventMode = "structured" | "binary";

/** Options of {@link toCloudEvent}. */
export interface CloudEventOptions {
  /**
   * HTTP content mode.
   * @defaultValue "structured"
   */
  mode?: CloudEventMode;
}

/** An HTTP message carrying one CloudEvent: lower-case header names and the body as a string. */
export interface CloudEventMessage {
  headers: Record<string, string>;
  body: string;
}

/** What {@link fromCloudEvent} reads: headers as `node:http` gives them and the body as text, bytes or parsed JSON. */
export interface CloudEventInput {
  headers?: WebhookHeaders;
  body: unknown;
}

// CloudEvents HTTP binding §3.1.3.2: header values escape space, `"`, `%` and anything outside printable ASCII.
function encodeHeader(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out += code > 0x20 && code < 0x7f && ch !== '"' && ch !== "%" ? ch : encodeURIComponent(ch);
  }
  return out;
}

function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Wraps an event in a CloudEvents 1.0 HTTP message following the CDEvents CloudEvents binding: `type`, `id`,
 * `source`, `subject` and `time` come from the CDEvent's context and subject, and `data` is the whole CDEvent
 * ({@link toCDEvent}).
 *
 * @throws TypeError when `event` is not a valid {@link FaultlineEvent}, or `options.mode` is not a known mode.
 * @example
 * const { headers, body } = toCloudEvent(event, { mode: "binary" });
 * headers["ce-type"]; // => "dev.cdevents.service.deployed.0.3.0"
 */
export function toCloudEvent(event: FaultlineEvent, options: CloudEventOptions = {}): CloudEventMessage {
  const mode = options.mode ?? "structured";
  if (mode !== "structured" && mode !== "binary") {
    throw new TypeError(
      `[@faultline/schemas] toCloudEvent: options.mode must be "structured" or "binary" (got ${JSON.stringify(mode)})`,
    );
  }
  const cd = toCDEvent(event);
  const attributes = {
    specversion: "1.0",
    id: cd.context.id,
    source: cd.context.source,
    type: cd.context.type,
    subject: cd.subject.id,
    time: cd.context.timestamp,
    datacontenttype: "application/json",
  };
  if (mode === "structured") {
    return {
      headers: { "content-type": "application/cloudevents+json; charset=utf-8" },
      body: JSON.stringify({ ...attributes, data: cd }),
    };
  }
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== "datacontenttype") headers[`ce-${name}`] = encodeHeader(value);
  }
  return { headers, body: JSON.stringify(cd) };
}

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false; detail: string } {
  if (typeof body !== "string" && !(body instanceof Uint8Array)) return { ok: true, value: body };
  const textBody = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return { ok: true, value: JSON.parse(textBody) };
  } catch (cause) {
    return { ok: false, detail: `expected JSON, ${(cause as Error).message}` };
  }
}

function fromStructured(envelope: unknown, path: (string | number)[]): AdapterResult {
  if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope)) {
    return reject(provider, path, "expected a CloudEvent JSON object");
  }
  const ce = envelope as Record<string, unknown>;
  if (ce.specversion !== "1.0")
    return reject(provider, [...path, "specversion"], `expected "1.0", received ${JSON.stringify(ce.specversion)}`);
  if (typeof ce.type !== "string")
    return reject(
      provider,
      [...path, "type"],
      `expected string, received ${ce.type === null ? "null" : typeof ce.type}`,
    );
  if (!ce.type.startsWith("dev.cdevents.")) return notCDEvent(ce.type);
  if (ce.data === undefined && typeof ce.data_base64 === "string") {
    let data: unknown;
    try {
      data = JSON.parse(decodeBase64Utf8(ce.data_base64));
    } catch (cause) {
      return reject(provider, [...path, "data_base64"], `expected base64-encoded JSON: ${(cause as Error).message}`);
    }
    return prefixed(fromCDEvent(data), [...path, "data_base64"]);
  }
  return prefixed(fromCDEvent(ce.data), [...path, "data"]);
}

function notCDEvent(type: string): AdapterResult {
  return { success: true, events: [], ignored: { reason: `CloudEvent type "${type}" is not a CDEvent` } };
}

/** Re-roots a CDEvent error path under the CloudEvent member that held the CDEvent. */
function prefixed(result: AdapterResult, path: (string | number)[]): AdapterResult {
  if (result.success || path.length === 0) return result;
  const full = [...path, ...result.error.path];
  return reject(provider, full, result.error.message.slice(result.error.message.indexOf(": ") + 2));
}

/**
 * A batch is read item by item, each as a structured CloudEvent (never in binary mode, whatever `ce-*` headers came
 * with the request): one bad or unmapped item costs only itself and is listed in `rejected`.
 */
function fromBatch(items: readonly unknown[]): AdapterResult {
  if (items.length === 0) return ignore("empty CloudEvents batch: no events");
  const events: FaultlineEvent[] = [];
  const eventItems: number[] = [];
  const rejected: { index: number; reason: string }[] = [];
  let failed = false;
  for (const [index, item] of items.entries()) {
    const result = fromStructured(item, ["body", index]);
    if (!result.success) {
      failed = true;
      rejected.push({ index, reason: result.error.message });
    } else if (result.events.length === 0) {
      const why = result.ignored?.reason ?? "no event";
      rejected.push({ index, reason: `${formatPath(["body", index])}: ignored: ${why}` });
    } else {
      events.push(...result.events);
      eventItems.push(...result.events.map(() => index));
    }
  }
  if (events.length > 0 || failed) {
    return { success: true, events, ...(rejected.length > 0 ? { rejected } : {}), eventItems };
  }
  // Nothing failed and nothing mapped: the reason names the first five items; every one is in `rejected`.
  const reason = rejected
    .slice(0, 5)
    .map((r) => r.reason)
    .join("; ");
  return { success: true, events, ignored: { reason }, rejected, eventItems };
}

/**
 * Reads a CloudEvents 1.0 HTTP message carrying a CDEvent, in structured mode
 * (`application/cloudevents+json`), batched structured mode (`application/cloudevents-batch+json`) or binary
 * mode (`ce-*` headers, the CDEvent as the body), and maps it with {@link fromCDEvent}.
 *
 * A batch keeps its good items: each item that is invalid or not a mapped CDEvent is listed in the result's
 * `rejected` with its index and a reason naming its path (`body[1].data.context.timestamp: …`,
 * `body[2]: ignored: CloudEvent type "…" is not a CDEvent`), and `eventItems` says which item each event came from.
 * Only a body that is not a JSON array fails the whole batch; an empty batch is ignored with a reason.
 *
 * @example
 * const result = fromCloudEvent({ headers: req.headers, body: rawBody });
 */
export function fromCloudEvent(message: CloudEventInput): AdapterResult {
  const headers = message.headers;
  const contentType = (readHeader(headers, "content-type") ?? "").toLowerCase();
  const parsed = parseBody(message.body);
  if (!parsed.ok) return reject(provider, ["body"], parsed.detail);
  const body = parsed.value;
  if (contentType.startsWith("application/cloudevents-batch+json")) {
    if (!Array.isArray(body)) return reject(provider, ["body"], "expected a JSON array of CloudEvents (batched mode)");
    return fromBatch(body);
  }
  const specversion = readHeader(headers, "ce-specversion");
  if (specversion !== undefined) {
    if (specversion !== "1.0")
      return reject(provider, ["headers", "ce-specversion"], `expected "1.0", received ${JSON.stringify(specversion)}`);
    for (const name of ["ce-id", "ce-source", "ce-type"]) {
      if (readHeader(headers, name) === undefined)
        return reject(provider, ["headers", name], "expected string, received undefined (required in binary mode)");
    }
    const type = decodeHeader(readHeader(headers, "ce-type")!);
    if (!type.startsWith("dev.cdevents.")) return notCDEvent(type);
    return prefixed(fromCDEvent(body), ["body"]);
  }
  if (
    contentType.startsWith("application/cloudevents+json") ||
    (body !== null && typeof body === "object" && "specversion" in body)
  ) {
    return fromStructured(body, ["body"]);
  }
  return reject(
    provider,
    ["headers", "content-type"],
    `expected application/cloudevents+json or ce-* headers, received ${JSON.stringify(contentType || "(none)")}`,
  );
}
