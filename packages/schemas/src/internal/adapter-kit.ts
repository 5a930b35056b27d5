import type * as z from "zod";
import type { AdapterResult, WebhookHeaders } from "../adapters/types";
import type { Environment, EnvironmentKind, Provider } from "../common";
import { inferEnvironmentKind } from "../environment-kind";
import { FaultlineEvent } from "../faultline-event";
import { formatPath, issueDetail } from "./path";
import { stripUndefined } from "./values";

/** The first value of a header, looked up case-insensitively (the contract says lower-case; be lenient). */
export function readHeader(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = typeof value === "string" ? value : value[0];
    if (first !== undefined && first.trim() !== "") return first.trim();
  }
  return undefined;
}

/** A rejection naming the provider and the path inside the payload. */
export function reject(provider: Provider, path: (string | number)[], detail: string): AdapterResult {
  return { success: false, error: { provider, path, message: `${formatPath(path)}: ${detail}` } };
}

/** Nothing to emit, and why (an event type or state we do not track). */
export function ignore(reason: string): AdapterResult {
  return { success: true, events: [], ignored: { reason } };
}

/** Validates a payload against the shape an adapter relies on; the first issue becomes the error. */
export function readPayload<S extends z.ZodType>(
  provider: Provider,
  schema: S,
  payload: unknown,
  prefix: (string | number)[] = [],
): { ok: true; data: z.infer<S> } | { ok: false; result: AdapterResult } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  return { ok: false, result: reject(provider, path, issueDetail(issue.message)) };
}

/**
 * Validates the events an adapter built (with `undefined` members removed) against {@link FaultlineEvent}.
 * A failure here means the payload held a value our schemas refuse (a zero pull request number, say), so it
 * is reported as a rejection naming the built event's field, never thrown.
 */
export function emit(provider: Provider, drafts: readonly Record<string, unknown>[]): AdapterResult {
  const events: FaultlineEvent[] = [];
  for (const [i, draft] of drafts.entries()) {
    const parsed = FaultlineEvent.safeParse(stripUndefined(draft));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ["events", i, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
      return reject(provider, path, `${issueDetail(issue.message)} (in the event mapped from this payload)`);
    }
    events.push(parsed.data);
  }
  return { success: true, events };
}

/** Builds an {@link Environment}, inferring its kind from the name unless the provider said it. */
export function environmentOf(
  name: string,
  options: { kind?: EnvironmentKind | undefined; id?: string | undefined; url?: string | undefined } = {},
): Environment {
  return stripUndefined({
    name,
    kind: options.kind ?? inferEnvironmentKind(name),
    id: options.id,
    url: options.url,
  });
}

/** A rejection when the payload is not a JSON object (adapters take the parsed body). */
export function requireObject(provider: Provider, payload: unknown): AdapterResult | undefined {
  if (payload !== null && typeof payload === "object" && !Array.isArray(payload)) return undefined;
  const got = Array.isArray(payload) ? "array" : payload === null ? "null" : typeof payload;
  return reject(provider, [], `expected a JSON object (the parsed request body), received ${got}`);
}
