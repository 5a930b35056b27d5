// One call from stored error rows to ranked error groups: flatten → normalise → keep the cause lines →
// dedupe → embed → DBSCAN → groups. Memory grows with the number of distinct causes, not with events:
// each event costs one integer (its assignment) once it has been read.
import { dbscan } from "@faultline/dbscan";
import {
  createDoc2Vec,
  createTfidf,
  type Doc2VecOptions,
  type EmbeddingModel,
  type TfidfOptions,
} from "@faultline/embed";
import {
  type FlattenOptions,
  flatten,
  mineTemplates,
  type NormalizeOptions,
  nonEmpty,
  normalizeMessage,
  type ReadRecordsOptions,
  readRecords,
  tokenize,
} from "@faultline/normalize";
import { DeploymentErrorEvent } from "@faultline/schemas";
import { causeLines } from "./cause-lines";
import { buildErrorGroups, type ErrorGroupsOptions, type ErrorGroupsResult, type ErrorItem } from "./error-groups";
import { assertPositiveInt, rangeError, show, typeError } from "./internal/assert";
import { assertTimeZone, createDayKeyer, parseInstant } from "./internal/time";
import { linkCoreFragments } from "./link-core-fragments";
import {
  defaultNormalizeWorkers,
  type NormalizedCause,
  type NormalizePool,
  startNormalizePool,
} from "./normalize-pool";

/** Options of {@link analyzeErrors} and {@link analyzeErrorStream}. */
export interface AnalyzeErrorsOptions {
  /**
   * How messages become vectors: `tfidf` (fast, deterministic, the better grouping on error text) or `doc2vec`
   * (gensim-compatible paragraph vectors, the original study's choice).
   * @defaultValue "tfidf"
   */
  embedding?: "tfidf" | "doc2vec";
  /**
   * DBSCAN radius in cosine distance: two distinct causes whose vectors are within it are neighbours. 0.2 is the
   * value of the study this toolkit follows, and what keeps distinct one-line log templates apart.
   * @defaultValue 0.2
   */
  eps?: number;
  /**
   * A second, wider DBSCAN pass over long causes only (at least `longTokens` tokens: build logs, framed engine
   * reports), whose clusters are united with the first pass's. In a long report the line that names the cause is
   * diluted by the output around it, so two reports of one cause sit further apart than two one-line messages do.
   * `false` disables the pass.
   * @defaultValue 0.4
   */
  longEps?: number | false;
  /** Token count from which a cause counts as long (see `longEps`). @defaultValue 15 */
  longTokens?: number;
  /**
   * DBSCAN `min_samples`, counted in events (distinct causes are weighted by how often they occur).
   * @defaultValue 5
   */
  minSamples?: number;
  /**
   * What part of a message is clustered: `cause-lines` keeps the lines that report a failure
   * ({@link causeLines}); `message` keeps the whole normalised message.
   * @defaultValue "cause-lines"
   */
  focus?: "cause-lines" | "message";
  /**
   * Events that DBSCAN leaves as noise but whose normalised cause occurs at least twice form their own small
   * group (identical messages share a cause by construction). `false` leaves them as noise.
   * @defaultValue true
   */
  groupRepeats?: boolean;
  /**
   * Merge causes whose normalised keys differ only where a variable stands (`mineTemplates` of
   * `@faultline/normalize`) before embedding them.
   * @defaultValue true
   */
  mineTemplates?: boolean;
  /**
   * After clustering, unite clusters that share an exclusive core clause: one of at least four words carried by at
   * least 90 % of the events of each of them and by no other cluster (a framed summary and the raw build output of
   * one failure). `false` keeps DBSCAN's clusters.
   * @defaultValue true
   */
  linkCoreClauses?: boolean;
  /** Passed to `normalizeMessage` (vendor frames, masking rules, stop words, length cap). */
  normalize?: Omit<NormalizeOptions, "clean">;
  /** Where batched rows keep their events. @defaultValue { path: "events" } */
  flatten?: FlattenOptions;
  /**
   * Where an event keeps its text and its time, for logs that do not call them `message` and `timestamp`: a
   * property name or a dotted path (`msg` for pino, `log` for Docker's JSON files, `textPayload` or
   * `jsonPayload.message` for Google Cloud Logging, `time`, `@timestamp`). Applies to single events and to the
   * events of a batch. An event without the field is rejected naming it.
   * @defaultValue { message: "message", timestamp: "timestamp" }
   */
  fields?: { message?: string; timestamp?: string };
  /** Options of the TF-IDF model. @defaultValue createTfidf's defaults */
  tfidf?: TfidfOptions;
  /** Options of the Doc2Vec model. @defaultValue vectorSize 80, window 2, minCount 1, epochs 40, seed 1 */
  doc2vec?: Doc2VecOptions;
  /** Group building (time zone of daily counts, near-duplicate merging, top terms). */
  groups?: ErrorGroupsOptions;
  /**
   * Threads. Normalisation moves to this many worker threads once an input passes 20,000 events (0 or 1 keeps it on
   * the calling thread; custom `normalize` options also keep it there); DBSCAN uses as many. Results never depend on
   * it. @defaultValue min(4, available cores) when there are at least 2, for normalisation; DBSCAN's own choice
   */
  workers?: number;
  /** Aborts the work; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Progress of each stage: `read` (events, total unknown: 0), `embed` and `cluster` (fractions of 1). */
  onProgress?: (stage: AnalyzeStage, done: number, total: number) => void;
}

/** A stage reported by {@link AnalyzeErrorsOptions.onProgress}. */
export type AnalyzeStage = "read" | "embed" | "cluster";

/** An input record, or one event of a batch, that could not be analysed, and why. */
export interface AnalysisRejection {
  /** 0-based number of the input record (row, JSON value or text line). */
  record: number;
  /** 1-based line where the record starts, when read from a stream. */
  line?: number;
  /** Position of the event in its batch, when only that event was rejected. */
  index?: number;
  /** What was wrong, naming the record, line and field. */
  reason: string;
}

/** What {@link analyzeErrors} returns: groups biggest first, one assignment per accepted event. */
export interface ErrorAnalysis extends Omit<ErrorGroupsResult, "rejected"> {
  /**
   * Group of each accepted event, in input order: the index into `groups` (rank − 1), or −1 for noise. Events
   * are counted after flattening batches; rejected records and events have no entry.
   */
  assignments: Int32Array;
  /**
   * The deduplicated rows the groups were built from (one per distinct cause, scope, state and day);
   * `groups[].members` and `noise.members` index this array.
   */
  items: ErrorItem[];
  /** Number of distinct normalised causes that were embedded and clustered. */
  distinctCauses: number;
  /** Worker threads that normalised messages (0 when the calling thread did it all: small input, or no workers). */
  normalizeThreads: number;
  /** Records and events that could not be used, in input order. Nothing is dropped silently. */
  rejected: AnalysisRejection[];
}

type Source = Iterable<unknown> | AsyncIterable<unknown>;
type Chunk = string | Uint8Array;

/** Events read on one thread before worker threads are started for normalisation. */
const POOL_AFTER_EVENTS = 20_000;
/** Messages per batch sent to a worker. */
const BATCH_SIZE = 256;
/** Events queued while the workers start, before reading pauses. */
const MAX_QUEUED = 8_192;

const DOC2VEC_DEFAULTS: Doc2VecOptions = { vectorSize: 80, window: 2, minCount: 1, epochs: 40, seed: 1 };

/**
 * Groups deployment error reports by cause. `records` are stored rows holding a batch of events
 * (`{ events: [{ message, scope, state, timestamp }] }`), single events (`{ message }`) or plain message
 * strings, in any mix, from an array or an async iterable (a database cursor).
 *
 * @throws {TypeError | RangeError} when an option is malformed (bad records are rejected, never thrown).
 * @example
 * const analysis = await analyzeErrors(rows);
 * for (const g of analysis.groups) console.log(g.sharePercent, g.representative);
 */
export async function analyzeErrors(records: Source, options: AnalyzeErrorsOptions = {}): Promise<ErrorAnalysis> {
  if (
    records === null ||
    typeof records !== "object" ||
    !(Symbol.iterator in records || Symbol.asyncIterator in records)
  ) {
    throw typeError(`analyzeErrors: records must be an iterable or async iterable (got ${show(records)})`);
  }
  const run = createRun(options);
  let record = 0;
  for await (const value of records as AsyncIterable<unknown>) {
    const wait = run.feed(value, record++, undefined);
    if (wait !== undefined) await wait;
  }
  return (await run.finish())[0]!;
}

/**
 * {@link analyzeErrors} on text: NDJSON, a JSON array or concatenated JSON values, or plain text with one
 * message per line (`format`, detected by default). Reads the stream record by record, so an export far larger
 * than memory can be analysed; unreadable lines are rejected with their line number.
 *
 * @example
 * const analysis = await analyzeErrorStream(createReadStream("errors.ndjson"));
 */
export async function analyzeErrorStream(
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: AnalyzeErrorsOptions & ReadRecordsOptions = {},
): Promise<ErrorAnalysis> {
  const { format, maxRecordLength, ...rest } = options;
  const run = createRun(rest);
  await feedRecordStream(run, source, {
    ...(format === undefined ? {} : { format }),
    ...(maxRecordLength === undefined ? {} : { maxRecordLength }),
  });
  return (await run.finish())[0]!;
}

/** @internal Reads records from text or bytes into a run; unreadable records are rejected with their line. */
export async function feedRecordStream(
  run: Run,
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: ReadRecordsOptions,
): Promise<void> {
  for await (const item of readRecords(source, options)) {
    if (item.kind === "rejected") run.reject({ record: item.record, line: item.line, reason: item.reason });
    else {
      const wait = run.feed(item.value, item.record, item.line);
      if (wait !== undefined) await wait;
    }
  }
}

/** @internal One pipeline run; events fed under `period` p end up in the p-th analysis of `finish`. */
export interface Run {
  /** Takes one record; returns a promise to await when work in flight must drain first (bounded memory). */
  feed(value: unknown, record: number, line: number | undefined): Promise<void> | undefined;
  reject(rejection: { record: number; line?: number | undefined; index?: number; reason: string }): void;
  /** Events fed from now on belong to the next period (clustered together with the earlier ones). */
  nextPeriod(): Promise<void>;
  /** One analysis per period, all from one clustering: the same cause has the same labels in every period. */
  finish(): Promise<ErrorAnalysis[]>;
}

/** @internal */
export function createRun(options: AnalyzeErrorsOptions): Run {
  if (options === null || typeof options !== "object")
    throw typeError(`options must be an object (got ${show(options)})`);
  const embedding = options.embedding ?? "tfidf";
  if (embedding !== "tfidf" && embedding !== "doc2vec") {
    throw rangeError(`options.embedding must be "tfidf" or "doc2vec" (got ${show(embedding)})`);
  }
  const eps = options.eps ?? 0.2;
  if (typeof eps !== "number" || !(eps > 0 && eps <= 2)) {
    throw rangeError(`options.eps must be in (0, 2] (got ${show(eps)})`);
  }
  const longEps = options.longEps ?? 0.4;
  if (longEps !== false && (typeof longEps !== "number" || !(longEps > 0 && longEps <= 2))) {
    throw rangeError(`options.longEps must be in (0, 2] or false (got ${show(longEps)})`);
  }
  const longTokens = options.longTokens ?? 15;
  assertPositiveInt(longTokens, "options.longTokens");
  const minSamples = options.minSamples ?? 5;
  assertPositiveInt(minSamples, "options.minSamples");
  const focus = options.focus ?? "cause-lines";
  if (focus !== "cause-lines" && focus !== "message") {
    throw rangeError(`options.focus must be "cause-lines" or "message" (got ${show(focus)})`);
  }
  const groupRepeats = options.groupRepeats ?? true;
  const linkCore = options.linkCoreClauses ?? true;
  if (typeof linkCore !== "boolean")
    throw typeError(`options.linkCoreClauses must be a boolean (got ${show(linkCore)})`);
  const mine = options.mineTemplates ?? true;
  if (typeof mine !== "boolean") throw typeError(`options.mineTemplates must be a boolean (got ${show(mine)})`);
  const timeZone = options.groups?.timeZone ?? "UTC";
  assertTimeZone(timeZone, "options.groups.timeZone");
  const dayOf = createDayKeyer(timeZone);
  const normalizeOptions: NormalizeOptions = { ...options.normalize, clean: nonEmpty };
  const stopWords = options.normalize?.stopWords;
  const batchKey = batchKeyOf(options.flatten);
  const messagePath = fieldPath(options.fields?.message, "options.fields.message");
  const timestampPath = fieldPath(options.fields?.timestamp, "options.fields.timestamp");
  // Renamed fields are copied to `message` / `timestamp` before validation, so every later step reads one shape.
  const renamed: [key: "message" | "timestamp", path: string[]][] = [];
  if (messagePath !== undefined) renamed.push(["message", messagePath]);
  if (timestampPath !== undefined) renamed.push(["timestamp", timestampPath]);
  const remap =
    renamed.length === 0
      ? undefined
      : (event: unknown): unknown => {
          if (!isPlainObject(event)) return event;
          const out: Record<string, unknown> = { ...event };
          for (const [key, path] of renamed) {
            const value = readPath(event, path);
            if (value === undefined) delete out[key];
            else out[key] = value;
          }
          return out;
        };
  const messageName = messagePath === undefined ? "message" : messagePath.join(".");

  const rejected: AnalysisRejection[] = [];
  const causeIndex = new Map<string, number>();
  const causeTokens: (readonly string[])[] = [];
  const causeCounts: number[] = [];
  const causeTexts: string[] = [];
  const causeKeys: string[] = [];
  const itemIndex = new Map<string, number>();
  const items: ErrorItem[] = [];
  const itemCause: number[] = [];
  const itemPeriod: number[] = [];
  const periodStarts: number[] = [0];
  const rejectionPeriod: number[] = [];
  let period = 0;
  let eventItems = new Int32Array(1024);
  let events = 0;

  interface Pending {
    event: DeploymentErrorEvent;
    ms: number | undefined;
  }

  const localCause = (message: string): NormalizedCause => {
    const n = normalizeMessage(message, normalizeOptions);
    return focus === "cause-lines"
      ? { key: causeLines(n.templateKey).join("\n"), text: causeLines(n.text).join("\n") }
      : { key: n.templateKey.replace(/\s+/g, " ").trim(), text: n.text };
  };

  const commit = (event: DeploymentErrorEvent, ms: number | undefined, normalized: NormalizedCause): void => {
    const key = normalized.key;
    let cause = causeIndex.get(key);
    if (cause === undefined) {
      cause = causeTokens.length;
      causeIndex.set(key, cause);
      causeKeys.push(key);
      const text = normalized.text;
      causeTexts.push(text.replace(/\s+/g, " ").trim());
      const tokens = tokenize(text, stopWords === undefined ? {} : { stopWords });
      causeTokens.push(tokens.length > 0 ? tokens : ["<empty>"]);
      causeCounts.push(0);
    }
    causeCounts[cause]! += 1;
    const scope = event.scope ?? "";
    const state = event.state ?? "";
    const day = ms === undefined ? "" : dayOf(ms);
    const itemKey = `${period}\u0000${cause}\u0000${scope}\u0000${state}\u0000${day}`;
    let item = itemIndex.get(itemKey);
    if (item === undefined) {
      item = items.length;
      itemIndex.set(itemKey, item);
      items.push({
        message: causeTexts[cause]!,
        tokens: causeTokens[cause]!,
        templateKey: key,
        ...(event.scope === undefined ? {} : { scope: event.scope }),
        ...(event.state === undefined ? {} : { state: event.state }),
        ...(ms === undefined ? {} : { timestamp: ms }),
        count: 0,
      });
      itemCause.push(cause);
      itemPeriod.push(period);
    }
    const it = items[item]!;
    it.count = (it.count ?? 0) + 1;
    if (ms !== undefined && typeof it.timestamp === "number" && ms < it.timestamp) it.timestamp = ms;
    if (events === eventItems.length) {
      const grown = new Int32Array(eventItems.length * 2);
      grown.set(eventItems);
      eventItems = grown;
    }
    eventItems[events++] = item;
    if ((events & 0x3fff) === 0) options.onProgress?.("read", events, 0);
  };

  // Worker threads take over normalisation once an input proves large; small inputs never pay their start-up.
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 0)) {
    throw rangeError(`options.workers must be an integer >= 0 (got ${show(options.workers)})`);
  }
  const poolSize = options.normalize === undefined ? (options.workers ?? defaultNormalizeWorkers()) : 0;
  let pool: NormalizePool | undefined | null = poolSize >= 2 ? undefined : null;
  let poolStart: Promise<void> | undefined;
  let accepted = 0;
  let batch: Pending[] = [];
  const inflight: { batch: Pending[]; result: Promise<NormalizedCause[]> }[] = [];

  const drainOne = async (): Promise<void> => {
    const job = inflight.shift()!;
    const results = await job.result;
    for (let i = 0; i < job.batch.length; i++) commit(job.batch[i]!.event, job.batch[i]!.ms, results[i]!);
  };

  const dispatch = (): void => {
    if (batch.length === 0) return;
    const messages = batch.map((b) => b.event.message);
    inflight.push({ batch, result: pool ? pool.run(messages) : Promise.resolve(messages.map(localCause)) });
    batch = [];
  };

  /** Waits when too much is in flight (bounded memory), and drains everything when `all`. */
  const settle = async (all: boolean): Promise<void> => {
    if (poolStart !== undefined) await poolStart;
    if (all) dispatch();
    const limit = all ? 0 : 2 * (pool?.size ?? 1);
    while (inflight.length > limit) await drainOne();
  };

  const addEvent = (
    event: DeploymentErrorEvent,
    where: string,
    row: Readonly<Record<string, unknown>>,
  ): string | undefined => {
    const stamp = event.timestamp ?? row.created_at ?? row.timestamp;
    let ms: number | undefined;
    if (stamp !== undefined && stamp !== null) {
      ms = parseInstant(stamp);
      if (ms === undefined) return `${where}timestamp is not a date-time (got ${show(stamp)})`;
    }
    accepted++;
    if (pool === undefined && poolStart === undefined && accepted >= POOL_AFTER_EVENTS) {
      poolStart = startNormalizePool(poolSize, focus, (messages) => messages.map(localCause)).then((p) => {
        pool = p ?? null;
        poolStart = undefined;
        if (pool === null) {
          // No workers here: what queued while they were being tried is normalised on this thread, in order.
          for (const b of batch) commit(b.event, b.ms, localCause(b.event.message));
          batch = [];
        }
      });
    }
    if (pool === null || (pool === undefined && poolStart === undefined)) {
      commit(event, ms, localCause(event.message));
      return undefined;
    }
    batch.push({ event, ms });
    if (batch.length >= BATCH_SIZE && pool !== undefined) dispatch();
    return undefined;
  };

  const reject: Run["reject"] = (r) => {
    const out: AnalysisRejection = { record: r.record, reason: r.reason };
    if (r.line !== undefined) out.line = r.line;
    if (r.index !== undefined) out.index = r.index;
    rejected.push(out);
    rejectionPeriod.push(period);
  };

  const feed: Run["feed"] = (value, record, line) => {
    feedOne(value, record, line);
    if (inflight.length > 2 * (pool?.size ?? 1) || (poolStart !== undefined && batch.length >= MAX_QUEUED)) {
      return settle(false);
    }
    return undefined;
  };

  const feedOne = (input: unknown, record: number, line: number | undefined): void => {
    const at = `record ${record}${line === undefined ? "" : ` (line ${line})`}`;
    let value = input;
    if (remap !== undefined && isPlainObject(input)) {
      const batch = input[batchKey];
      value = Array.isArray(batch) ? { ...input, [batchKey]: batch.map(remap) } : remap(input);
    }
    if (typeof value === "string") {
      const why = addEvent({ message: value }, `${at}: `, EMPTY_ROW);
      if (why !== undefined) reject({ record, line, reason: why });
      return;
    }
    if (isPlainObject(value) && !(batchKey in value) && "message" in value) {
      const checked = DeploymentErrorEvent.safeParse(value);
      if (!checked.success) {
        const issues = checked.error.issues.map(
          (i) =>
            `${i.path.length ? (i.path.length === 1 && i.path[0] === "message" ? messageName : i.path.join(".")) : "(record)"}: ${i.message}`,
        );
        reject({ record, line, reason: `${at}: ${issues.join("; ")}` });
        return;
      }
      const why = addEvent(checked.data, `${at}: `, EMPTY_ROW);
      if (why !== undefined) reject({ record, line, reason: why });
      return;
    }
    if (isPlainObject(value) && !(batchKey in value)) {
      // Neither one event nor a batch: say what the record has, so a log with other field names is easy to map.
      const strings = Object.keys(value).filter((k) => typeof value[k] === "string");
      reject({
        record,
        line,
        reason:
          `${at}: no \`${messageName}\` (the text of one error event) and no \`${batchKey}\` (a batch of them)` +
          (strings.length > 0
            ? `; its text fields are ${strings.slice(0, 8).join(", ")}: name the one that holds the message in fields.message`
            : ""),
      });
      return;
    }
    const flat = flatten([value], options.flatten);
    // flatten numbers this lone record 0; give its rejections the real record number and line.
    for (const r of flat.rejected) {
      reject({
        record,
        line,
        ...(r.index === undefined ? {} : { index: r.index }),
        reason: `${at}: ${r.reason.replace(/^record 0: /, "").replace(/(\]\.)message:/, messagePath === undefined ? "$1message:" : `$1${messageName}:`)}`,
      });
    }
    for (const e of flat.events) {
      const why = addEvent(e.event, `${at}: ${batchKey}[${e.index}].`, e.row);
      if (why !== undefined) reject({ record, line, index: e.index, reason: why });
    }
  };

  const labelItems = async (): Promise<Int32Array> => {
    // Causes whose keys differ only where a variable stands (user names, units, free-length parameters) share a
    // mined template; they are embedded and clustered as one.
    const mined = mine
      ? mineTemplates(causeKeys, { weights: causeCounts })
      : { templateIds: Int32Array.from(causeKeys, (_, i) => i), templates: causeKeys, counts: causeCounts };
    const templateTokens: (readonly string[])[] = [];
    for (let c = 0; c < causeKeys.length; c++) {
      const t = mined.templateIds[c]!;
      if (templateTokens[t] === undefined) templateTokens[t] = causeTokens[c]!;
    }
    const templateLabels = await clusterCauses(templateTokens, mined.counts, {
      embedding,
      eps,
      longEps,
      longTokens,
      minSamples,
      ...(options.tfidf === undefined ? {} : { tfidf: options.tfidf }),
      ...(options.doc2vec === undefined ? {} : { doc2vec: options.doc2vec }),
      ...(options.workers === undefined ? {} : { workers: Math.max(1, options.workers) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    if (groupRepeats) {
      let next = 0;
      for (const l of templateLabels) if (l >= next) next = l + 1;
      for (let t = 0; t < templateLabels.length; t++) {
        if (templateLabels[t] === -1 && mined.counts[t]! >= 2) templateLabels[t] = next++;
      }
    }
    const clustered = Int32Array.from(mined.templateIds, (t) => templateLabels[t]!);
    const causeLabels = linkCore ? linkCoreFragments(causeKeys, causeCounts, clustered) : clustered;
    return Int32Array.from(itemCause, (c) => causeLabels[c]!);
  };

  const finish = async (): Promise<ErrorAnalysis[]> => {
    await settle(true);
    if (pool) await pool.close();
    options.signal?.throwIfAborted();
    const labels = causeTokens.length === 0 ? new Int32Array(0) : await labelItems();
    const out: ErrorAnalysis[] = [];
    for (let p = 0; p <= period; p++) {
      const first = periodStarts[p]!;
      const end = p < period ? periodStarts[p + 1]! : events;
      const local = new Int32Array(items.length).fill(-1);
      const periodItems: ErrorItem[] = [];
      const periodLabels: number[] = [];
      for (let i = 0; i < items.length; i++) {
        if (itemPeriod[i] !== p) continue;
        local[i] = periodItems.length;
        periodItems.push(items[i]!);
        periodLabels.push(labels[i]!);
      }
      const result = buildErrorGroups(periodItems, periodLabels, options.groups);
      if (result.rejected.length > 0) {
        // Timestamps were checked on the way in, so this is a bug rather than bad input.
        throw new Error(
          `analyzeErrors: internal error, ${result.rejected.length} items rejected: ${result.rejected[0]!.reason}`,
        );
      }
      const groupOfItem = new Int32Array(periodItems.length).fill(-1);
      for (const g of result.groups) for (const m of g.members) groupOfItem[m] = g.rank - 1;
      const assignments = new Int32Array(end - first);
      for (let e = first; e < end; e++) assignments[e - first] = groupOfItem[local[eventItems[e]!]!]!;
      out.push({
        ...withoutRejected(result),
        assignments,
        items: periodItems,
        distinctCauses: new Set(periodItems.map((it) => it.templateKey)).size,
        normalizeThreads: pool ? pool.size : 0,
        rejected: rejected.filter((_, i) => rejectionPeriod[i] === p),
      });
    }
    return out;
  };

  const nextPeriod = async (): Promise<void> => {
    await settle(true);
    period++;
    periodStarts.push(events);
  };

  return { feed, reject, nextPeriod, finish };
}

interface ClusterOptions {
  embedding: "tfidf" | "doc2vec";
  eps: number;
  longEps: number | false;
  longTokens: number;
  minSamples: number;
  tfidf?: TfidfOptions;
  doc2vec?: Doc2VecOptions;
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (stage: AnalyzeStage, done: number, total: number) => void;
}

async function clusterCauses(
  docs: readonly (readonly string[])[],
  counts: number[],
  o: ClusterOptions,
): Promise<Int32Array> {
  const model: EmbeddingModel =
    o.embedding === "tfidf" ? createTfidf(o.tfidf) : createDoc2Vec({ ...DOC2VEC_DEFAULTS, ...o.doc2vec });
  const progress = o.onProgress;
  await model.fit(docs, {
    counts,
    ...(o.signal === undefined ? {} : { signal: o.signal }),
    ...(progress === undefined ? {} : { onProgress: (p: { progress: number }) => progress("embed", p.progress, 1) }),
  });
  const vectors = model.transform(docs);
  const result = dbscan(vectors, {
    eps: o.eps,
    minSamples: o.minSamples,
    metric: "cosine",
    sampleWeight: counts,
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
    ...(progress === undefined
      ? {}
      : { onProgress: (done: number, total: number) => progress("cluster", done / total, 1) }),
  });
  const labels = Int32Array.from(result.labels);
  const longEps = o.longEps;
  const minLen = o.longTokens;
  if (longEps !== false && longEps > o.eps) {
    const long: number[] = [];
    docs.forEach((d, i) => {
      if (d.length >= minLen) long.push(i);
    });
    if (long.length > 0) {
      const cols = vectors.cols;
      const sub = new Float32Array(long.length * cols);
      long.forEach((i, j) => {
        sub.set(vectors.data.subarray(i * cols, (i + 1) * cols), j * cols);
      });
      const second = dbscan(
        { data: sub, rows: long.length, cols },
        {
          eps: longEps,
          minSamples: o.minSamples,
          sampleWeight: long.map((i) => counts[i]!),
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          ...(o.signal === undefined ? {} : { signal: o.signal }),
        },
      );
      // Union the two clusterings: a long-document cluster joins every first-pass cluster it touches.
      const parent = new Map<number, number>();
      const find = (x: number): number => {
        let r = x;
        while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
        return r;
      };
      let next = 0;
      for (const l of labels) if (l >= next) next = l + 1;
      const secondBase = next;
      long.forEach((i, j) => {
        const b = second.labels[j]!;
        if (b < 0) return;
        const a = labels[i]!;
        const nb = secondBase + b;
        if (a < 0) {
          labels[i] = nb;
          return;
        }
        const ra = find(a);
        const rb = find(nb);
        if (ra !== rb) parent.set(rb, ra);
      });
      for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) labels[i] = find(labels[i]!);
    }
  }
  return labels;
}

const EMPTY_ROW: Readonly<Record<string, unknown>> = Object.freeze({});

function fieldPath(path: unknown, name: string): string[] | undefined {
  if (path === undefined) return undefined;
  if (typeof path !== "string" || path === "" || path.split(".").some((k) => k === ""))
    throw typeError(
      `${name} must be a property name or a dotted path such as "jsonPayload.message" (got ${show(path)})`,
    );
  return path.split(".");
}

/** The value at `path`, or undefined when a step is missing or not an object. */
function readPath(value: Record<string, unknown>, path: readonly string[]): unknown {
  if (path.length === 1) return Object.hasOwn(value, path[0]!) ? value[path[0]!] : undefined;
  let at: unknown = value;
  for (const key of path) {
    if (!isPlainObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

function batchKeyOf(options: FlattenOptions | undefined): string {
  const path = options?.path ?? "events";
  return typeof path === "string" ? (path.split(".")[0] ?? "events") : (path[0] ?? "events");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function withoutRejected(result: ErrorGroupsResult): Omit<ErrorGroupsResult, "rejected"> {
  const { rejected: _rejected, ...rest } = result;
  return rest;
}
