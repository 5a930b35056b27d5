import type { ChangeEvent, DeploymentEvent, EnvironmentEvent } from "@faultline/schemas";
import type { Pool, PoolClient } from "pg";
import {
  deliveryColumns,
  type EventTypeName,
  errorRows,
  eventRows,
  hasNul,
  resolveQuery,
  textColumn,
} from "../internal/rows";
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

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A libpq connection string (`postgres://user:pass@127.0.0.1:5432/faultline`). */
  connectionString: string;
  /**
   * Most connections this collector instance opens.
   * @defaultValue 10
   */
  maxConnections?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS faultline_deliveries (
  pk BIGSERIAL PRIMARY KEY,
  source TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  received_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  rejected TEXT NOT NULL,
  body_bytes BYTEA,
  UNIQUE (source, delivery_id)
);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                 AND table_name = 'faultline_deliveries' AND column_name = 'body_bytes') THEN
    ALTER TABLE faultline_deliveries ADD COLUMN body_bytes BYTEA;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS faultline_events (
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  provider TEXT NOT NULL,
  ts_ms BIGINT NOT NULL,
  app TEXT,
  environment TEXT,
  delivery_pk BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX IF NOT EXISTS faultline_events_type_ts ON faultline_events (type, ts_ms);
CREATE INDEX IF NOT EXISTS faultline_events_delivery ON faultline_events (delivery_pk);
CREATE TABLE IF NOT EXISTS faultline_errors (
  source TEXT NOT NULL,
  key TEXT NOT NULL,
  ts_ms BIGINT NOT NULL,
  app TEXT,
  environment TEXT,
  delivery_pk BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (source, key)
);
CREATE INDEX IF NOT EXISTS faultline_errors_ts ON faultline_errors (ts_ms);
CREATE INDEX IF NOT EXISTS faultline_errors_delivery ON faultline_errors (delivery_pk);
`;

// Any constant works; it only serialises schema creation between collectors starting at the same time.
const SCHEMA_LOCK = 7_246_301_117;

// One statement, hence one implicit transaction and one round trip: the delivery row, its events and its error
// reports commit together or not at all. Data-modifying CTEs all run even when the final SELECT ignores them.
const PUT = `
WITH d AS (
  INSERT INTO faultline_deliveries (source, delivery_id, provider, received_at, outcome, reason, headers, body, rejected, body_bytes)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $23::bytea)
  ON CONFLICT (source, delivery_id) DO NOTHING
  RETURNING pk
), ev AS (
  INSERT INTO faultline_events (source, id, type, provider, ts_ms, app, environment, delivery_pk, data)
  SELECT x.source, x.id, x.type, x.provider, x.ts_ms, x.app, x.environment, d.pk, x.data
  FROM d CROSS JOIN unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[], $15::text[], $16::text[], $17::text[])
    AS x(source, id, type, provider, ts_ms, app, environment, data)
  ON CONFLICT (source, id) DO NOTHING
  RETURNING 1
), er AS (
  INSERT INTO faultline_errors (source, key, ts_ms, app, environment, delivery_pk, data)
  SELECT $1, x.key, x.ts_ms, x.app, x.environment, d.pk, x.data
  FROM d CROSS JOIN unnest($18::text[], $19::bigint[], $20::text[], $21::text[], $22::text[])
    AS x(key, ts_ms, app, environment, data)
  ON CONFLICT (source, key) DO NOTHING
  RETURNING key
)
SELECT (SELECT pk FROM d) AS pk, (SELECT count(*) FROM ev)::int AS events, n.errors,
       -- The inserted keys only when some report was not inserted (already stored): the rare case pays for them.
       CASE WHEN n.errors < cardinality($18::text[]) THEN (SELECT coalesce(array_agg(key), '{}') FROM er) END AS error_keys
FROM (SELECT count(*)::int AS errors FROM er) AS n`;

/** The parameters of {@link PUT} for one delivery, and its error report keys (`$18`) in `record.errors` order. */
interface PutParams {
  params: unknown[];
  errorKeys: string[];
}

interface Pending extends PutParams {
  resolve: (result: PutResult) => void;
  reject: (error: unknown) => void;
}

function putParams(record: DeliveryRecord): PutParams {
  // Same order as the SQLite store, so a record with several NUL keys is refused with the same message.
  const delivery = deliveryColumns(record);
  const ev = eventRows(record);
  const er = errorRows(record, Date.parse(record.receivedAt));
  // PostgreSQL text cannot hold U+0000 (a form body or an NDJSON line that is not JSON can carry a raw one): such
  // a body is kept byte for byte in body_bytes, and `body` gets the readable escaped text.
  const bodyHasNul = hasNul(record.body);
  if (bodyHasNul) delivery[7] = textColumn(record.body);
  const errorKeys = er.map((r) => r.key);
  const params = [
    ...delivery,
    ev.map((r) => r.source),
    ev.map((r) => r.id),
    ev.map((r) => r.type),
    ev.map((r) => r.provider),
    ev.map((r) => r.tsMs),
    ev.map((r) => r.app),
    ev.map((r) => r.environment),
    ev.map((r) => r.data),
    errorKeys,
    er.map((r) => r.tsMs),
    er.map((r) => r.app),
    er.map((r) => r.environment),
    er.map((r) => r.data),
    bodyHasNul ? Buffer.from(record.body, "utf8") : null,
  ];
  return { params, errorKeys };
}

interface DeliveryRow {
  pk: string;
  source: string;
  delivery_id: string;
  provider: string;
  received_at: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  headers: string;
  body: string;
  body_bytes: Buffer | null;
  rejected: string;
  events: number;
  errors: number;
}

const SELECT_DELIVERY = `
SELECT d.*, (SELECT count(*) FROM faultline_events e WHERE e.delivery_pk = d.pk)::int AS events,
            (SELECT count(*) FROM faultline_errors r WHERE r.delivery_pk = d.pk)::int AS errors
FROM faultline_deliveries d WHERE d.source = $1 AND d.delivery_id = $2`;

function validate(options: PostgresStoreOptions): void {
  if (typeof options?.connectionString !== "string" || options.connectionString === "") {
    throw new TypeError(
      "[@faultline/collector] createPostgresStore: options.connectionString must be a non-empty string",
    );
  }
  const max = options.maxConnections;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(
      `[@faultline/collector] createPostgresStore: options.maxConnections must be a positive integer (got ${max})`,
    );
  }
}

async function loadPool(): Promise<typeof Pool> {
  try {
    const mod = (await import("pg")) as { default?: { Pool: typeof Pool }; Pool?: typeof Pool };
    const PoolClass = mod.default?.Pool ?? mod.Pool;
    if (!PoolClass) throw new Error("pg exports no Pool");
    return PoolClass;
  } catch (cause) {
    throw new Error(
      "[@faultline/collector] createPostgresStore needs the optional peer dependency pg (npm install pg@8)",
      {
        cause,
      },
    );
  }
}

/**
 * Connects to PostgreSQL and creates the tables when missing. Several stateless collector instances can share one
 * database: every delivery is one atomic statement, idempotent on (source, delivery id) under concurrency.
 * pg is loaded only when this is called.
 *
 * @example
 * ```ts
 * const store = await createPostgresStore({ connectionString: "postgres://faultline@127.0.0.1/faultline" });
 * ```
 * @throws TypeError or RangeError for invalid options; Error when pg is missing or the database is unreachable.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<CollectorStore> {
  validate(options);
  const PoolClass = await loadPool();
  const pool = new PoolClass({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle client losing its connection emits 'error' on the pool; without a listener that would crash the
  // process. The next query gets a fresh client and reports its own error.
  pool.on("error", () => {});
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query("SELECT pg_advisory_lock($1)", [SCHEMA_LOCK]);
    try {
      await client.query(SCHEMA);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SCHEMA_LOCK]);
    }
  } catch (cause) {
    client?.release();
    client = undefined;
    await pool.end();
    throw new Error(
      `[@faultline/collector] createPostgresStore could not prepare the database: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  client.release();
  let closed = false;

  // Group commit: deliveries that arrive while commits run are written together in one transaction (one WAL
  // flush for all of them) on one pooled connection, with up to `maxInFlight` such transactions at once.
  const maxInFlight = Math.max(1, Math.min(4, options.maxConnections ?? 10));
  let queue: Pending[] = [];
  let running = 0;
  let scheduled = false;
  const idleWaiters: (() => void)[] = [];

  async function putOne(db: Pool | PoolClient, { params, errorKeys }: PutParams): Promise<PutResult> {
    // Named statements are parsed and planned once per connection, not once per delivery.
    const result = await db.query<{ pk: string | null; events: number; errors: number; error_keys: string[] | null }>({
      name: "faultline_put",
      text: PUT,
      values: params,
    });
    const row = result.rows[0];
    if (row && row.pk !== null) {
      // A report whose key the insert did not return was already stored (error_keys is null when all were inserted).
      const alreadyStoredErrors: number[] = [];
      if (row.error_keys !== null) {
        const inserted = new Set(row.error_keys);
        errorKeys.forEach((key, i) => {
          if (inserted.has(key)) inserted.delete(key);
          else alreadyStoredErrors.push(i);
        });
      }
      return {
        status: "stored",
        storedEvents: row.events,
        storedErrors: row.errors,
        ...(alreadyStoredErrors.length > 0 ? { alreadyStoredErrors } : {}),
      };
    }
    const existing = await db.query<DeliveryRow>(SELECT_DELIVERY, [params[0], params[1]]);
    const found = existing.rows[0];
    if (!found) throw new Error("[@faultline/collector] delivery conflict without a stored row");
    return {
      status: "duplicate",
      existing: {
        outcome: found.outcome,
        ...(found.reason === null ? {} : { reason: found.reason }),
        storedEvents: found.events,
        storedErrors: found.errors,
      },
    };
  }

  async function commitBatch(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      let conn: PoolClient | undefined;
      try {
        conn = await pool.connect();
        await conn.query("BEGIN");
        const results: PutResult[] = [];
        for (const pending of batch) results.push(await putOne(conn, pending));
        await conn.query("COMMIT");
        conn.release();
        for (const [i, pending] of batch.entries()) pending.resolve(results[i] as PutResult);
        return;
      } catch {
        // One failing delivery (or a deadlock between two batches) must not fail the others: roll back and
        // write each on its own below.
        if (conn) {
          await conn.query("ROLLBACK").catch(() => {});
          conn.release();
        }
      }
    }
    await Promise.all(batch.map((pending) => putOne(pool, pending).then(pending.resolve, pending.reject)));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // setImmediate lets every request already read from the sockets join this commit.
    setImmediate(pump);
  }

  function pump(): void {
    scheduled = false;
    while (running < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, 64);
      queue = queue.slice(64);
      running++;
      void commitBatch(batch).finally(() => {
        running--;
        if (queue.length > 0) pump();
        else if (running === 0) for (const wake of idleWaiters.splice(0)) wake();
      });
    }
  }

  function assertOpen(): void {
    if (closed) throw new Error("[@faultline/collector] the PostgreSQL store is closed");
  }

  async function events<T>(type: EventTypeName, query: EventQuery | undefined): Promise<T[]> {
    assertOpen();
    const q = resolveQuery(query);
    const result = await pool.query<{ data: string }>(
      `SELECT data FROM faultline_events
       WHERE type = $1 AND ts_ms >= $2 AND ts_ms < $3
         AND ($4::text IS NULL OR app = $4) AND ($5::text IS NULL OR environment = $5) AND ($6::text IS NULL OR provider = $6)
       ORDER BY ts_ms, source, id LIMIT $7`,
      [type, q.fromMs, q.toMs, q.app, q.environment, q.provider, q.limit],
    );
    return result.rows.map((row) => JSON.parse(row.data) as T);
  }

  return {
    kind: "postgres",
    put(record: DeliveryRecord): Promise<PutResult> {
      if (closed) return Promise.reject(new Error("[@faultline/collector] the PostgreSQL store is closed"));
      let put: PutParams;
      try {
        put = putParams(record);
      } catch (error) {
        // A key holding U+0000 (see keyColumn): refused before it reaches the batch, so it costs no other put.
        return Promise.reject(error);
      }
      return new Promise<PutResult>((resolve, reject) => {
        queue.push({ ...put, resolve, reject });
        schedule();
      });
    },
    async getDelivery(source: string, deliveryId: string): Promise<StoredDelivery | undefined> {
      assertOpen();
      // No stored key holds U+0000 (see keyColumn), and PostgreSQL text cannot take one as a parameter.
      if (hasNul(source) || hasNul(deliveryId)) return undefined;
      const found = (await pool.query<DeliveryRow>(SELECT_DELIVERY, [source, deliveryId])).rows[0];
      if (!found) return undefined;
      const [events, errors] = await Promise.all([
        pool.query<{ data: string }>(
          "SELECT data FROM faultline_events WHERE delivery_pk = $1 ORDER BY ts_ms, source, id",
          [found.pk],
        ),
        pool.query<{ data: string }>("SELECT data FROM faultline_errors WHERE delivery_pk = $1 ORDER BY ts_ms, key", [
          found.pk,
        ]),
      ]);
      return {
        source: found.source,
        deliveryId: found.delivery_id,
        provider: found.provider as StoredDelivery["provider"],
        receivedAt: found.received_at,
        headers: JSON.parse(found.headers),
        body: found.body_bytes === null ? found.body : found.body_bytes.toString("utf8"),
        outcome: found.outcome,
        ...(found.reason === null ? {} : { reason: found.reason }),
        events: events.rows.map((r) => JSON.parse(r.data)),
        errors: errors.rows.map((r) => JSON.parse(r.data)),
        rejected: JSON.parse(found.rejected),
        storedEvents: found.events,
        storedErrors: found.errors,
      };
    },
    deployments(query?: EventQuery): Promise<DeploymentEvent[]> {
      return events<DeploymentEvent>("deployment", query);
    },
    environmentEvents(query?: EventQuery): Promise<EnvironmentEvent[]> {
      return events<EnvironmentEvent>("environment", query);
    },
    changes(query?: EventQuery): Promise<ChangeEvent[]> {
      return events<ChangeEvent>("change", query);
    },
    async errors(query?: EventQuery): Promise<StoredError[]> {
      assertOpen();
      const q = resolveQuery(query);
      const result = await pool.query<{ ts_ms: string; source: string; delivery_id: string; data: string }>(
        `SELECT e.ts_ms, e.source, d.delivery_id, e.data FROM faultline_errors e
         JOIN faultline_deliveries d ON d.pk = e.delivery_pk
         WHERE e.ts_ms >= $1 AND e.ts_ms < $2
           AND ($3::text IS NULL OR e.app = $3) AND ($4::text IS NULL OR e.environment = $4) AND ($5::text IS NULL OR d.provider = $5)
         ORDER BY e.ts_ms, e.source, e.key LIMIT $6`,
        [q.fromMs, q.toMs, q.app, q.environment, q.provider, q.limit],
      );
      return result.rows.map((row) => ({
        time: Number(row.ts_ms),
        source: row.source,
        deliveryId: row.delivery_id,
        report: JSON.parse(row.data),
      }));
    },
    async counts(): Promise<StoreCounts> {
      assertOpen();
      const result = await pool.query<StoreCounts>(
        `SELECT (SELECT count(*) FROM faultline_deliveries)::int AS deliveries,
                (SELECT count(*) FROM faultline_events)::int AS events,
                (SELECT count(*) FROM faultline_errors)::int AS errors`,
      );
      return result.rows[0] as StoreCounts;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      while (queue.length > 0 || running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      await pool.end();
    },
  };
}
