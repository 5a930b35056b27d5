import { DeploymentErrorEvent } from "@faultline/schemas";
import { type FlatEvent, type FlattenOptions, flattenRecord, type Rejection, resolveFlattenOptions } from "./flatten";
import { type ReadRecordsOptions, readRecords } from "./read-records";

/** Options of {@link flattenStream}. */
export interface FlattenStreamOptions extends ReadRecordsOptions, FlattenOptions {}

type Chunk = string | Uint8Array;

/**
 * The streaming form of {@link flatten}: reads records with {@link readRecords} and yields each event and
 * each rejection as soon as it is known, in input order, with one record in memory at a time. With the
 * `lines` format every non-blank line is one event whose `message` is the line (`index` 0, empty `row`).
 *
 * @throws TypeError for a malformed source or options (bad data is yielded as a rejection, never thrown).
 * @example
 * for await (const item of flattenStream(createReadStream("error-rows.ndjson"))) {
 *   if (item.kind === "event") console.log(item.record, item.event.message);
 *   else console.error(item.reason);
 * }
 */
export async function* flattenStream(
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  options?: FlattenStreamOptions,
): AsyncGenerator<FlatEvent | Rejection> {
  const o = resolveFlattenOptions(
    options === undefined
      ? undefined
      : {
          ...(options.path === undefined ? {} : { path: options.path }),
          ...(options.parseJsonStrings === undefined ? {} : { parseJsonStrings: options.parseJsonStrings }),
        },
  );
  const reader = readRecords(source, options);
  const queue: (FlatEvent | Rejection)[] = [];
  const emit = (item: FlatEvent | Rejection): void => {
    queue.push(item);
  };
  const empty: Readonly<Record<string, unknown>> = Object.freeze({});
  for await (const item of reader) {
    if (item.kind === "rejected") {
      yield item;
      continue;
    }
    if (item.format === "lines") {
      const event = DeploymentErrorEvent.parse({ message: item.value });
      yield { kind: "event", event, record: item.record, index: 0, line: item.line, row: empty };
      continue;
    }
    flattenRecord(item.value, item.record, item.line, o, emit);
    for (const out of queue) yield out;
    queue.length = 0;
  }
}
