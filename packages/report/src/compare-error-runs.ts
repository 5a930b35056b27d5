// "We fixed the top causes: what improved?" Two runs clustered together, so one cause carries the same labels in
// both and the diff pairs groups by label rather than by how alike their templates happen to read.
import type { ReadRecordsOptions } from "@faultline/normalize";
import { type AnalyzeErrorsOptions, createRun, type ErrorAnalysis, feedRecordStream, type Run } from "./analyze-errors";
import { diffErrorGroups, type ErrorGroupsDiff } from "./error-diff";
import type { ErrorGroupsResult } from "./error-groups";
import { show, typeError } from "./internal/assert";

type Source = Iterable<unknown> | AsyncIterable<unknown>;

/** What {@link compareErrorRuns} returns. */
export interface ErrorRunsComparison {
  /** The earlier run's groups (record numbers count from 0 within that run). */
  before: ErrorAnalysis;
  /** The later run's groups. */
  after: ErrorAnalysis;
  /** Cause by cause: grew, shrank, steady, new or gone, with the share delta in percentage points. */
  diff: ErrorGroupsDiff;
}

/**
 * Analyses two periods of error records (e.g. last month and this month) in one clustering, then diffs them: a
 * cause is the same cause in both periods by construction, so "Procfile with several processes: 6 % → 1 %" is not at
 * the mercy of its template reading a little differently. Records are as {@link analyzeErrors} takes them.
 *
 * @example
 * const { diff } = await compareErrorRuns(october, november);
 * diff.changes.filter((c) => c.status === "shrank");
 */
export async function compareErrorRuns(
  before: Source,
  after: Source,
  options: AnalyzeErrorsOptions & { tolerance?: number } = {},
): Promise<ErrorRunsComparison> {
  for (const [name, records] of [
    ["before", before],
    ["after", after],
  ] as const) {
    if (
      records === null ||
      typeof records !== "object" ||
      !(Symbol.iterator in records || Symbol.asyncIterator in records)
    ) {
      throw typeError(`compareErrorRuns: ${name} must be an iterable or async iterable (got ${show(records)})`);
    }
  }
  const { tolerance, ...analyzeOptions } = options;
  const run = createRun(analyzeOptions);
  let record = 0;
  for await (const value of before as AsyncIterable<unknown>) {
    const wait = run.feed(value, record++, undefined);
    if (wait !== undefined) await wait;
  }
  await run.nextPeriod();
  record = 0;
  for await (const value of after as AsyncIterable<unknown>) {
    const wait = run.feed(value, record++, undefined);
    if (wait !== undefined) await wait;
  }
  return compare(run, tolerance);
}

/**
 * {@link compareErrorRuns} on text or byte streams (NDJSON, JSON or plain lines, as {@link analyzeErrorStream}
 * reads them); unreadable records are rejected with their line, per run.
 *
 * @example
 * const { diff } = await compareErrorStreams(createReadStream("october.ndjson"), createReadStream("november.ndjson"));
 */
export async function compareErrorStreams(
  before: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  after: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: AnalyzeErrorsOptions & ReadRecordsOptions & { tolerance?: number } = {},
): Promise<ErrorRunsComparison> {
  const { tolerance, format, maxRecordLength, ...analyzeOptions } = options;
  const read = {
    ...(format === undefined ? {} : { format }),
    ...(maxRecordLength === undefined ? {} : { maxRecordLength }),
  };
  const run = createRun(analyzeOptions);
  await feedRecordStream(run, before, read);
  await run.nextPeriod();
  await feedRecordStream(run, after, read);
  return compare(run, tolerance);
}

async function compare(run: Run, tolerance: number | undefined): Promise<ErrorRunsComparison> {
  const [a, b] = await run.finish();
  const diff = diffErrorGroups(groupsOf(a!), groupsOf(b!), {
    match: "labels",
    ...(tolerance === undefined ? {} : { tolerance }),
  });
  return { before: a!, after: b!, diff };
}

function groupsOf(a: ErrorAnalysis): ErrorGroupsResult {
  return { ...a, rejected: [] };
}
