// Reads deploy/environment/change events from NDJSON or JSON: Faultline events as stored by the collector,
// CDEvents / CloudEvents envelopes, or raw webhook payloads of the supported providers (stored request bodies), all
// converted with @faultline/schemas. Every record is accepted, ignored with a reason (a payload type that carries no
// deploy, such as a GitHub push) or rejected with its line and the reason.
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

export async function readDeployEvents(path: string, io: CommandIo): Promise<ReadEventsResult> {
  const { stream } = openInput(path, io);
  const events: FaultlineEvent[] = [];
  const rejected: ReadEventsResult["rejected"] = [];
  const ignored: ReadEventsResult["ignored"] = [];
  for await (const item of readRecords(stream)) {
    if (item.kind === "rejected") {
      rejected.push({
        record: item.record,
        ...(item.line === undefined ? {} : { line: item.line }),
        reason: item.reason,
      });
      continue;
    }
    const at = `record ${item.record} (line ${item.line})`;
    const direct = FaultlineEvent.safeParse(item.value);
    if (direct.success) {
      events.push(direct.data);
      continue;
    }
    if (isCDEvent(item.value)) {
      const converted = fromCDEvent(item.value);
      if (converted.success) events.push(...converted.events);
      else rejected.push({ record: item.record, line: item.line, reason: `${at}: ${converted.error.message}` });
      continue;
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
      continue;
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
  return { events, rejected, ignored };
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
