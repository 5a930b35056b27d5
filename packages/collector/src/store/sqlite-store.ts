import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { ChangeEvent, DeploymentEvent, EnvironmentEvent } from "@faultline/schemas";
import type BetterSqlite3 from "better-sqlite3";
import {
  deliveryColumns,
  type EventTypeName,
  errorRows,
  eventRows,
  hasNul,
  type ResolvedQuery,
  resolveQuery,
} from "../internal/rows";
import { createSqliteWriter, type WriteItem, type WriteOutcome, type WriterDatabase } from "./sqlite-writer";
import type {
  CollectorStore,
  DeliveryOutcome,
  DeliveryRecord,
  EventQuery,
  PutResult,
  StoreCounts,
  StoredDelivery,
  StoredError,
} from "./store";

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file path; `":memory:"` for a throwaway database. The file and its tables are created when missing. */
  filename: string;
  /**
   * SQLite `synchronous` level in WAL mode. `"full"` fsyncs every commit, so an acknowledged event survives power
   * loss; `"normal"` survives a crash of the process (kill -9) but may lose the last commits on power loss.
   * @defaultValue "full"
   */
  synchronous?: "full" | "normal";
  /**
   * How long a writer waits for another process's lock before failing, in milliseconds.
   * @defaultValue 5000
   */
  busyTimeoutMs?: number;
  /**
   * Most deliveries committed in one transaction. Deliveries that arrive while a commit is pending are grouped
   * so that one fsync covers many of them.
   * @defaultValue 256
   */
  maxBatch?: number;
  /**
   * Where commits run. `"thread"` commits on a worker thread, so the event loop keeps serving requests while
   * SQLite writes and fsyncs; `"inline"` commits on the calling thread. `":memory:"` databases are always inline.
   * @defaultValue "thread"
   */
  writer?: "thread" | "inline";
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS faultline_deliveries (
  pk INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  received_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  rejected TEXT NOT NULL,
  UNIQUE (source, delivery_id)
);
CREATE TABLE IF NOT EXISTS faultline_events (
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  provider TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  app TEXT,
  environment TEXT,
  delivery_pk INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (source, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS faultline_events_type_ts ON faultline_events (type, ts_ms);
CREATE INDEX IF NOT EXISTS faultline_events_delivery ON faultline_events (delivery_pk);
CREATE TABLE IF NOT EXISTS faultline_errors (
  source TEXT NOT NULL,
  key TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  app TEXT,
  environment TEXT,
  delivery_pk INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS faultline_errors_ts ON faultline_errors (ts_ms);
CREATE INDEX IF NOT EXISTS faultline_errors_delivery ON faultline_errors (delivery_pk);
`;

interface Pending {
  item: WriteItem;
  resolve: (result: PutResult) => void;
  reject: (error: unknown) => void;
}

/** Group commit: deliveries queue up while a commit runs, and the next commit takes them all (up to maxBatch). */
interface Writer {
  write(item: WriteItem): Promise<PutResult>;
  /** Resolves once every queued delivery is committed and the writer is released. */
  close(): Promise<void>;
}

function toWriteItem(record: DeliveryRecord): WriteItem {
  return {
    // SQLite text holds U+0000, so the raw body is stored as received.
    delivery: deliveryColumns(record),
    events: eventRows(record).map((r) => [r.source, r.id, r.type, r.provider, r.tsMs, r.app, r.environment, r.data]),
    errors: errorRows(record, Date.parse(record.receivedAt)).map((r) => [r.key, r.tsMs, r.app, r.environment, r.data]),
  };
}

function settle(pending: Pending, outcome: WriteOutcome | undefined): void {
  if (outcome === undefined) pending.reject(new Error("[@faultline/collector] the SQLite writer returned no result"));
  else if (outcome.status === "failed") {
    pending.reject(new Error(`[@faultline/collector] SQLite write failed: ${outcome.message}`));
  } else pending.resolve(outcome);
}

/** Runs commits through `commit` (synchronous inline, or a round trip to the writer thread), one batch at a time. */
function groupCommit(
  commit: (items: WriteItem[], done: (outcomes: WriteOutcome[] | Error) => void) => void,
  maxBatch: number,
  onBusy: (busy: boolean) => void,
): { write: Writer["write"]; drained: () => Promise<void> } {
  let queue: Pending[] = [];
  let running = false;
  let scheduled = false;
  const waiters: (() => void)[] = [];

  function next(): void {
    scheduled = false;
    if (running) return;
    if (queue.length === 0) {
      onBusy(false);
      for (const wake of waiters.splice(0)) wake();
      return;
    }
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    running = true;
    commit(
      batch.map((p) => p.item),
      (outcomes) => {
        running = false;
        if (outcomes instanceof Error) for (const p of batch) p.reject(outcomes);
        else for (const [i, p] of batch.entries()) settle(p, outcomes[i]);
        next();
      },
    );
  }

  return {
    write(item) {
      return new Promise<PutResult>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        onBusy(true);
        if (!running && !scheduled) {
          scheduled = true;
          // setImmediate lets every request already read from the sockets join this commit.
          setImmediate(next);
        }
      });
    },
    drained() {
      if (!running && !scheduled && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

function driverPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("better-sqlite3");
  } catch {
    return undefined;
  }
}

function openWriter(db: BetterSqlite3.Database, options: SqliteStoreOptions, maxBatch: number): Writer {
  const inMemory = options.filename === ":memory:" || options.filename.startsWith("file::memory:");
  const driver = options.writer === "inline" || inMemory ? undefined : driverPath();
  if (driver === undefined) {
    const write = createSqliteWriter(db as unknown as WriterDatabase);
    const queue = groupCommit(
      (items, done) => done(write(items)),
      maxBatch,
      () => {},
    );
    return { write: queue.write, close: queue.drained };
  }
  // `__name`: some TypeScript loaders (tsx, esbuild keepNames) wrap named functions in a helper the eval'd
  // source would not have.
  const source = `
    var __name = (target) => target;
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const db = new Database(workerData.filename);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = " + workerData.synchronous);
    db.pragma("busy_timeout = " + workerData.busyTimeoutMs);
    const write = (${createSqliteWriter.toString()})(db);
    parentPort.on("message", (items) => {
      if (items === "close") { db.close(); parentPort.close(); return; }
      parentPort.postMessage(write(items));
    });`;
  const worker = new Worker(source, {
    eval: true,
    workerData: {
      driver,
      filename: options.filename,
      synchronous: options.synchronous === "normal" ? "NORMAL" : "FULL",
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    },
  });
  let failure: Error | undefined;
  let reply: ((outcomes: WriteOutcome[] | Error) => void) | undefined;
  const fail = (error: Error): void => {
    failure = new Error(`[@faultline/collector] the SQLite writer thread stopped: ${error.message}`, { cause: error });
    reply?.(failure);
    reply = undefined;
  };
  worker.on("message", (outcomes: WriteOutcome[]) => {
    const done = reply;
    reply = undefined;
    done?.(outcomes);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (reply) fail(new Error(`exited with code ${code}`));
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // An idle writer must not keep the process alive; a busy one must, until its deliveries are committed.
  worker.unref();
  const queue = groupCommit(
    (items, done) => {
      if (failure) return done(failure);
      reply = done;
      worker.postMessage(items);
    },
    maxBatch,
    (busy) => (busy ? worker.ref() : worker.unref()),
  );
  return {
    write: queue.write,
    async close() {
      await queue.drained();
      if (!failure) {
        // Keep the process alive until the thread has closed the database, or close() would never settle.
        worker.ref();
        worker.postMessage("close");
        await exited;
      }
    },
  };
}

interface DeliveryRow {
  pk: number;
  source: string;
  delivery_id: string;
  provider: string;
  received_at: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  headers: string;
  body: string;
  rejected: string;
}

function validate(options: SqliteStoreOptions): void {
  if (typeof options?.filename !== "string" || options.filename === "") {
    throw new TypeError("[@faultline/collector] createSqliteStore: options.filename must be a non-empty path");
  }
  if (options.synchronous !== undefined && options.synchronous !== "full" && options.synchronous !== "normal") {
    throw new RangeError(
      `[@faultline/collector] createSqliteStore: options.synchronous must be "full" or "normal" (got ${JSON.stringify(options.synchronous)})`,
    );
  }
  for (const field of ["busyTimeoutMs", "maxBatch"] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`[@faultline/collector] createSqliteStore: options.${field} must be a positive integer`);
    }
  }
}

async function loadDriver(): Promise<typeof BetterSqlite3> {
  try {
    const mod = (await import("better-sqlite3")) as { default: typeof BetterSqlite3 };
    return mod.default;
  } catch (cause) {
    throw new Error(
      "[@faultline/collector] createSqliteStore needs the optional peer dependency better-sqlite3 (npm install better-sqlite3@12)",
      { cause },
    );
  }
}

/**
 * Opens (and creates when missing) an embedded SQLite store: WAL journal, group commit of concurrent deliveries
 * in one transaction, `synchronous=FULL` by default. better-sqlite3 is loaded only when this is called.
 *
 * @example
 * ```ts
 * const store = await createSqliteStore({ filename: "faultline.db" });
 * const deployments = await store.deployments({ from: "2026-11-01T00:00:00Z", app: "api" });
 * ```
 * @throws TypeError or RangeError for invalid options; Error when better-sqlite3 is not installed.
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<CollectorStore> {
  validate(options);
  const Database = await loadDriver();
  const db = new Database(options.filename);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous === "normal" ? "NORMAL" : "FULL"}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.exec(SCHEMA);
  const maxBatch = options.maxBatch ?? 256;

  const selectDelivery = db.prepare<[string, string], DeliveryRow>(
    "SELECT * FROM faultline_deliveries WHERE source = ? AND delivery_id = ?",
  );
  const selectEventsOf = db.prepare<[number], { data: string }>(
    "SELECT data FROM faultline_events WHERE delivery_pk = ? ORDER BY ts_ms, source, id",
  );
  const selectErrorsOf = db.prepare<[number], { data: string }>(
    "SELECT data FROM faultline_errors WHERE delivery_pk = ? ORDER BY ts_ms, key",
  );
  const selectEvents = db.prepare<unknown[], { data: string }>(
    `SELECT data FROM faultline_events
     WHERE type = ? AND ts_ms >= ? AND ts_ms < ?
       AND (? IS NULL OR app = ?) AND (? IS NULL OR environment = ?) AND (? IS NULL OR provider = ?)
     ORDER BY ts_ms, source, id LIMIT ?`,
  );
  const selectErrors = db.prepare<unknown[], { ts_ms: number; source: string; delivery_id: string; data: string }>(
    `SELECT e.ts_ms, e.source, d.delivery_id, e.data FROM faultline_errors e
     JOIN faultline_deliveries d ON d.pk = e.delivery_pk
     WHERE e.ts_ms >= ? AND e.ts_ms < ?
       AND (? IS NULL OR e.app = ?) AND (? IS NULL OR e.environment = ?) AND (? IS NULL OR d.provider = ?)
     ORDER BY e.ts_ms, e.source, e.key LIMIT ?`,
  );

  const writer = openWriter(db, options, maxBatch);
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new Error("[@faultline/collector] the SQLite store is closed");
  }

  function events<T>(type: EventTypeName, query: EventQuery | undefined): T[] {
    assertOpen();
    const q: ResolvedQuery = resolveQuery(query);
    return selectEvents
      .all(type, q.fromMs, q.toMs, q.app, q.app, q.environment, q.environment, q.provider, q.provider, q.limit ?? -1)
      .map((row) => JSON.parse(row.data) as T);
  }

  return {
    kind: "sqlite",
    put(record: DeliveryRecord): Promise<PutResult> {
      if (closed) return Promise.reject(new Error("[@faultline/collector] the SQLite store is closed"));
      let item: WriteItem;
      try {
        item = toWriteItem(record);
      } catch (error) {
        // A key holding U+0000 (see keyColumn): refused as a rejection, like every other put failure.
        return Promise.reject(error);
      }
      return writer.write(item);
    },
    async getDelivery(source: string, deliveryId: string): Promise<StoredDelivery | undefined> {
      assertOpen();
      // No stored key holds U+0000 (see keyColumn), so such a lookup finds nothing, as on PostgreSQL.
      if (hasNul(source) || hasNul(deliveryId)) return undefined;
      const row = selectDelivery.get(source, deliveryId);
      if (!row) return undefined;
      const events = selectEventsOf.all(row.pk).map((r) => JSON.parse(r.data));
      const errors = selectErrorsOf.all(row.pk).map((r) => JSON.parse(r.data));
      return {
        source: row.source,
        deliveryId: row.delivery_id,
        provider: row.provider as StoredDelivery["provider"],
        receivedAt: row.received_at,
        headers: JSON.parse(row.headers),
        body: row.body,
        outcome: row.outcome,
        ...(row.reason === null ? {} : { reason: row.reason }),
        events,
        errors,
        rejected: JSON.parse(row.rejected),
        storedEvents: events.length,
        storedErrors: errors.length,
      };
    },
    async deployments(query?: EventQuery): Promise<DeploymentEvent[]> {
      return events<DeploymentEvent>("deployment", query);
    },
    async environmentEvents(query?: EventQuery): Promise<EnvironmentEvent[]> {
      return events<EnvironmentEvent>("environment", query);
    },
    async changes(query?: EventQuery): Promise<ChangeEvent[]> {
      return events<ChangeEvent>("change", query);
    },
    async errors(query?: EventQuery): Promise<StoredError[]> {
      assertOpen();
      const q = resolveQuery(query);
      return selectErrors
        .all(q.fromMs, q.toMs, q.app, q.app, q.environment, q.environment, q.provider, q.provider, q.limit ?? -1)
        .map((row) => ({
          time: row.ts_ms,
          source: row.source,
          deliveryId: row.delivery_id,
          report: JSON.parse(row.data),
        }));
    },
    async counts(): Promise<StoreCounts> {
      assertOpen();
      const count = (table: string): number =>
        (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return {
        deliveries: count("faultline_deliveries"),
        events: count("faultline_events"),
        errors: count("faultline_errors"),
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await writer.close();
      db.close();
    },
  };
}
