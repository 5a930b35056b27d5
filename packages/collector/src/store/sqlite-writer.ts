// The SQLite write path, shared by the inline store and its writer thread. `createSqliteWriter` must stay
// self-contained (no imports, no module-level references): the writer thread runs its source text.

/** One delivery, already turned into rows on the caller's thread. */
export interface WriteItem {
  /** source, delivery_id, provider, received_at, outcome, reason, headers, body, rejected */
  delivery: [string, string, string, string, string, string | null, string, string, string];
  /** source, id, type, provider, ts_ms, app, environment, data */
  events: [string, string, string, string, number, string | null, string | null, string][];
  /** key, ts_ms, app, environment, data */
  errors: [string, number, string | null, string | null, string][];
}

/** The outcome of one item: written, already there, or why it failed. */
export type WriteOutcome =
  | { status: "stored"; storedEvents: number; storedErrors: number; alreadyStoredErrors?: number[] }
  | {
      status: "duplicate";
      existing: {
        outcome: "accepted" | "ignored" | "rejected";
        reason?: string;
        storedEvents: number;
        storedErrors: number;
      };
    }
  | { status: "failed"; message: string };

/** The subset of a better-sqlite3 Database the writer uses. */
export interface WriterDatabase {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number };
  };
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

/**
 * Returns `write(items)`: all items in one transaction (one fsync), or, when that transaction fails, each item in
 * its own, so one bad item never fails the deliveries grouped with it.
 */
export function createSqliteWriter(db: WriterDatabase): (items: readonly WriteItem[]) => WriteOutcome[] {
  const insertDelivery = db.prepare(
    `INSERT INTO faultline_deliveries (source, delivery_id, provider, received_at, outcome, reason, headers, body, rejected)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, delivery_id) DO NOTHING RETURNING pk`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO faultline_events (source, id, type, provider, ts_ms, app, environment, delivery_pk, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, id) DO NOTHING`,
  );
  const insertError = db.prepare(
    `INSERT INTO faultline_errors (source, key, ts_ms, app, environment, delivery_pk, data)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO NOTHING`,
  );
  const selectExisting = db.prepare(
    `SELECT outcome, reason,
            (SELECT count(*) FROM faultline_events e WHERE e.delivery_pk = d.pk) AS events,
            (SELECT count(*) FROM faultline_errors r WHERE r.delivery_pk = d.pk) AS errors
     FROM faultline_deliveries d WHERE source = ? AND delivery_id = ?`,
  );

  function writeOne(item: WriteItem): WriteOutcome {
    const inserted = insertDelivery.get(...item.delivery) as { pk: number } | undefined;
    if (inserted === undefined) {
      const found = selectExisting.get(item.delivery[0], item.delivery[1]) as
        | { outcome: "accepted" | "ignored" | "rejected"; reason: string | null; events: number; errors: number }
        | undefined;
      if (!found) throw new Error("delivery conflict without a stored row");
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
    let storedEvents = 0;
    for (const e of item.events) {
      storedEvents += insertEvent.run(e[0], e[1], e[2], e[3], e[4], e[5], e[6], inserted.pk, e[7]).changes;
    }
    let storedErrors = 0;
    const alreadyStoredErrors: number[] = [];
    for (const [i, r] of item.errors.entries()) {
      const changes = insertError.run(item.delivery[0], r[0], r[1], r[2], r[3], inserted.pk, r[4]).changes;
      storedErrors += changes;
      if (changes === 0) alreadyStoredErrors.push(i);
    }
    return {
      status: "stored",
      storedEvents,
      storedErrors,
      ...(alreadyStoredErrors.length > 0 ? { alreadyStoredErrors } : {}),
    };
  }

  const writeAll = db.transaction((items: readonly WriteItem[]) => items.map(writeOne));
  const writeAlone = db.transaction(writeOne);

  return (items) => {
    try {
      return writeAll(items);
    } catch {
      return items.map((item) => {
        try {
          return writeAlone(item);
        } catch (error) {
          return { status: "failed", message: error instanceof Error ? error.message : String(error) };
        }
      });
    }
  };
}
