// Reads deploy/environment/change events from NDJSON or JSON: Faultline events as stored by the collector, the
// collector's query API answer (`{"ok":true,"items":[…]}` from GET /api/deployments and its siblings), CDEvents /
// CloudEvents envelopes, or raw webhook payloads of the supported providers (stored request bodies), all converted
// with @faultline/schemas. Every record (every item of a query answer) is accepted, ignored with a reason (a payload
// type that carries no deploy, such as a GitHub push) or rejected with its line and the reason.
import { readRecords } from "@faultline/normalize";
import { FaultlineEvent, fromAnyProvider, fromCDEvent } from "@faultline/schemas";
import type { CommandIo } from "../command";
import { openInput } from "./open-input";

export interface ReadEventsResult {
  events: FaultlineEvent[];
  rejected: { record: number; line?: number; reason: string }[];
  /** Webhook payloads the provider's adapter maps to no event (a push, a run still in progress), with why. */
  ignored: { record: number; line?: number; reason: string }[];
}

// A query answer is one JSON line holding every item; the reader's 16 MiB default would reject an answer of some
// 30,000 deploys, so allow 256 MiB instead, half of what a V8 string can hold at most (~512 MiB).
const MAX_RECORD_LENGTH = 256 * 1024 * 1024;

/** Reads deploy, environment and change events from a file or stdin (`-`); see the header for what is accepted. */
export async function readDeployEvents(path: string, io: CommandIo): Promise<ReadEventsResult> {
  const { stream } = openInput(path, io);
  const events: FaultlineEvent[] = [];
  const rejected: ReadEventsResult["rejected"] = [];
  const ignored: ReadEventsResult["ignored"] = [];
  for await (const item of readRecords(stream, { maxRecordLength: MAX_RECORD_LENGTH })) {
    if (item.kind === "rejected") {
      rejected.push({
        record: item.record,
        ...(item.line === undefined ? {} : { line: item.line }),
        reason: item.reason,
      });
      continue;
    }
    const at = `record ${item.record} (line ${item.line})`;
    const answer = queryAnswer(item.value);
    if (answer === undefined) readOne(item.value, item.record, item.line, at);
    else if (answer.ok) {
      for (let k = 0; k < answer.items.length; k++)
        readOne(answer.items[k], item.record, item.line, `${at} items[${k}]`);
    } else rejected.push({ record: item.record, line: item.line, reason: `${at}: ${answer.reason}` });
  }
  return { events, rejected, ignored };

  function readOne(value: unknown, record: number, line: number, at: string): void {
    const item = { value, record, line };
    const direct = FaultlineEvent.safeParse(item.value);
    if (direct.success) {
      events.push(direct.data);
      return;
    }
    if (isCDEvent(item.value)) {
      const converted = fromCDEvent(item.value);
      if (converted.success) events.push(...converted.events);
      else rejected.push({ record: item.record, line: item.line, reason: `${at}: ${converted.error.message}` });
      return;
    }
    const webhook = fromAnyProvider(item.value);
    if (webhook.provider !== undefined) {
      if (!webhook.success) {
        rejected.push({ record: item.record, line: item.line, reason: `${at}: ${webhook.error.message}` });
      } else if (webhook.events.length > 0) events.push(...webhook.events);
      else {
        const why = webhook.ignored?.reason ?? `${webhook.provider} payload carries no event`;
        ignored.push({ record: item.record, line: item.line, reason: `${at}: ${why}` });
      }
      return;
    }
    const issues = direct.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(record)"}: ${i.message}`);
    rejected.push({
      record: item.record,
      line: item.line,
      reason: `${at}: not a Faultline event (nor a CDEvent or a supported provider's webhook payload): ${issues.join("; ")}`,
    });
  }
}

/**
 * The collector's query API answers `{ ok: true, items: [...] }` (every match at once, oldest first: the API does
 * not page, `?limit=` only cuts the list) or `{ ok: false, error: { code, message } }`. Returns undefined for any
 * other value, which is then read as one event.
 */
function queryAnswer(value: unknown): { ok: true; items: unknown[] } | { ok: false; reason: string } | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as { ok?: unknown; items?: unknown; error?: unknown; type?: unknown };
  if (v.type !== undefined || typeof v.ok !== "boolean") return undefined;
  if (v.ok && Array.isArray(v.items)) return { ok: true, items: v.items };
  if (v.ok) return undefined;
  const error = (v.error ?? {}) as { code?: unknown; message?: unknown };
  const said = `the collector answered an error${typeof error.code === "string" ? ` (${error.code})` : ""}: ${String(error.message ?? JSON.stringify(v.error))}`;
  // The two answers a first try gets: the query API is off, or the token is missing or wrong.
  const hint =
    typeof error.message === "string" && error.message.includes("set auth.query")
      ? "; start `faultline serve` with FAULTLINE_QUERY_TOKEN set, then send `-H 'authorization: Bearer <token>'`"
      : error.code === "unauthorized"
        ? "; send the FAULTLINE_QUERY_TOKEN of `faultline serve` as `-H 'authorization: Bearer <token>'`"
        : "";
  return { ok: false, reason: `${said}${hint}` };
}

function isCDEvent(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    "context" in value &&
    "subject" in value &&
    typeof (value as { context: unknown }).context === "object"
  );
}
