// Reads deploy/environment/change events from NDJSON or JSON: Faultline events as stored by the collector, or
// CDEvents / CloudEvents envelopes converted with @faultline/schemas. Every record is accepted or rejected with its
// line and the reason.
import { readRecords } from "@faultline/normalize";
import { FaultlineEvent, fromCDEvent } from "@faultline/schemas";
import type { CommandIo } from "../command";
import { openInput } from "./open-input";

export interface ReadEventsResult {
  events: FaultlineEvent[];
  rejected: { record: number; line?: number; reason: string }[];
}

export async function readDeployEvents(path: string, io: CommandIo): Promise<ReadEventsResult> {
  const { stream } = openInput(path, io);
  const events: FaultlineEvent[] = [];
  const rejected: ReadEventsResult["rejected"] = [];
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
    const issues = direct.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(record)"}: ${i.message}`);
    rejected.push({
      record: item.record,
      line: item.line,
      reason: `${at}: not a Faultline event: ${issues.join("; ")}`,
    });
  }
  return { events, rejected };
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
