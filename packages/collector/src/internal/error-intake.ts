import { DeploymentErrorEvent } from "@faultline/schemas";
import type { RejectedRecord } from "../store/store";
import { isRecord, parseJsonText } from "./json";
import { hasNul, NUL_KEY_REASON } from "./rows";

/** Error reports read from one `/errors` body: every record is accepted or rejected with a reason. */
export interface ErrorIntake {
  accepted: DeploymentErrorEvent[];
  /** For each accepted report, its index in the body and where it was (`line 2.events[0]`), for later notes. */
  acceptedAt: { index: number; where: string }[];
  rejected: RejectedRecord[];
  /** Set when a JSON (not NDJSON) body is not a JSON document at all: nothing in it can be read. */
  fatal?: string;
}

function issueText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : ""}${issue.message}`)
    .join("; ");
}

/**
 * Reads error reports from JSON (a report, a batch `{ events: [...] }`, or an array of either) or NDJSON (one
 * report or batch per line). A report without `timestamp` takes its batch's `created_at`, so it can be found by
 * time; nothing else is changed.
 */
export function readErrorReports(text: string, ndjson: boolean, maxDepth: number): ErrorIntake {
  const intake: ErrorIntake = { accepted: [], acceptedAt: [], rejected: [] };
  // Reports are unique by id in the store. A repeat within this body is rejected here, naming the first, so it never
  // reaches the store; the store's own check (alreadyStoredErrors) then only reports ids of earlier deliveries.
  const firstById = new Map<string, { index: number; where: string }>();
  const addValue = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) addDocument(item, `${where}[${i}]`);
    } else addDocument(value, where);
  };
  const addReport = (value: unknown, where: string, batchCreatedAt: unknown): void => {
    const index = intake.accepted.length + intake.rejected.length;
    const parsed = DeploymentErrorEvent.safeParse(value);
    if (!parsed.success) {
      intake.rejected.push({ index, reason: `${where}: ${issueText(parsed.error.issues)}` });
      return;
    }
    const report = parsed.data;
    // The id is the report's key in the store, which cannot hold a NUL and must not escape it (two distinct ids
    // would become one, and the second report would be dropped as already stored).
    if (typeof report.id === "string" && hasNul(report.id)) {
      intake.rejected.push({ index, reason: `${where}.id: ${NUL_KEY_REASON}` });
      return;
    }
    const first = typeof report.id === "string" && report.id !== "" ? firstById.get(report.id) : undefined;
    if (first !== undefined) {
      intake.rejected.push({
        index,
        reason: `${where}: duplicate of report id ${JSON.stringify(report.id)} at ${first.where} (index ${first.index}) in this delivery; the first is kept`,
      });
      return;
    }
    if (typeof report.id === "string" && report.id !== "") firstById.set(report.id, { index, where });
    if (report.timestamp === undefined && (typeof batchCreatedAt === "string" || typeof batchCreatedAt === "number")) {
      report.timestamp = batchCreatedAt;
    }
    intake.accepted.push(report);
    intake.acceptedAt.push({ index, where });
  };
  const addDocument = (value: unknown, where: string): void => {
    if (isRecord(value) && Array.isArray(value.events) && value.message === undefined) {
      for (const [i, item] of value.events.entries()) addReport(item, `${where}.events[${i}]`, value.created_at);
    } else addReport(value, where, undefined);
  };

  if (!ndjson) {
    const doc = parseJsonText(text, maxDepth);
    if (!doc.success) intake.fatal = doc.error;
    else addValue(doc.data, "body");
    return intake;
  }
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `line ${i + 1}`;
    const doc = parseJsonText(line, maxDepth, `${where}: `);
    if (!doc.success) {
      intake.rejected.push({ index: intake.accepted.length + intake.rejected.length, reason: doc.error });
    } else addValue(doc.data, where);
  });
  return intake;
}
