import type {
  ChangeEvent,
  DeploymentErrorEvent,
  DeploymentEvent,
  EnvironmentEvent,
  FaultlineEvent,
  Provider,
} from "@faultline/schemas";

/** What became of one delivery. */
export type DeliveryOutcome = "accepted" | "ignored" | "rejected";

/** One record of a delivery that was not stored as an event, with the reason. */
export interface RejectedRecord {
  /** Index of the record in the delivery (line number − 1 for NDJSON, event index for adapters). */
  index: number;
  reason: string;
}

/** Everything the collector stores for one authenticated delivery, written atomically. */
export interface DeliveryRecord {
  /**
   * Who sent it: the route's provider id (`errors` for error reports), or `cdevents:<CloudEvents source>` for
   * CDEvents (`cdevents` when the event names no source).
   */
  source: string;
  /** The provider's delivery id (`X-GitHub-Delivery`, CircleCI `id`, Pub/Sub `messageId`, …) or a body hash. */
  deliveryId: string;
  provider: Provider;
  /** ISO 8601 time the collector received it. */
  receivedAt: string;
  /** Request headers with credentials redacted. */
  headers: Readonly<Record<string, string>>;
  /** The raw body as UTF-8 text. */
  body: string;
  outcome: DeliveryOutcome;
  /** Why the delivery was ignored or rejected. */
  reason?: string;
  /** Normalized CI/CD events. Their `rawRef` is set to `<source>#<deliveryId>`. */
  events: readonly FaultlineEvent[];
  /** Deployment error reports (the `/errors` route). */
  errors: readonly DeploymentErrorEvent[];
  /** Records of an accepted delivery that could not be stored as events, with reasons. */
  rejected: readonly RejectedRecord[];
}

/** A stored delivery as read back. */
export interface StoredDelivery extends DeliveryRecord {
  /** How many events and error reports were newly stored (ones already stored by an earlier delivery are not counted). */
  storedEvents: number;
  storedErrors: number;
}

/** The result of {@link CollectorStore.put}: stored now, or already there from an earlier delivery. */
export type PutResult =
  | {
      status: "stored";
      storedEvents: number;
      storedErrors: number;
      /**
       * Positions in `record.errors` of reports not stored because a report with the same `id` was already stored
       * by an earlier delivery. Present only when there is at least one.
       */
      alreadyStoredErrors?: number[];
    }
  | {
      status: "duplicate";
      existing: { outcome: DeliveryOutcome; reason?: string; storedEvents: number; storedErrors: number };
    };

/** Filters shared by the query methods. Every field is optional; ranges are half-open `[from, to)`. */
export interface EventQuery {
  /** Inclusive lower bound on the event time (ISO 8601 string, Date or epoch milliseconds). */
  from?: string | Date | number;
  /** Exclusive upper bound on the event time. */
  to?: string | Date | number;
  /**
   * The application: an event's `service` (its `repository` when it has no service). For error reports, the
   * `application`, `app` or `service` entry of `ids`.
   */
  app?: string;
  /** The environment name (for error reports, the `environment` or `env` entry of `ids`). */
  environment?: string;
  /** Only events from this provider. */
  provider?: Provider;
  /**
   * At most this many results, oldest first.
   * @defaultValue no limit
   */
  limit?: number;
}

/** A stored deployment error report with where it came from. */
export interface StoredError {
  /** The report's time in epoch milliseconds (its `timestamp`, else the batch's `created_at`, else receipt time). */
  time: number;
  source: string;
  deliveryId: string;
  report: DeploymentErrorEvent;
}

/** Row counts, for monitoring and the reliability scripts. */
export interface StoreCounts {
  deliveries: number;
  events: number;
  errors: number;
}

/**
 * Durable, idempotent storage behind the collector. Implementations: {@link createSqliteStore} (embedded default)
 * and {@link createPostgresStore} (several collectors sharing one database). Both pass the same conformance suite.
 */
export interface CollectorStore {
  readonly kind: "sqlite" | "postgres";
  /**
   * Stores a delivery with its events and error reports in one transaction, idempotent on
   * (`source`, `deliveryId`): a second put of the same pair changes nothing and returns `duplicate`.
   * Events are also unique on (event `source`, event `id`), so an event that two deliveries describe is kept once.
   * Resolves only once the data is durable.
   * @throws RangeError (as a rejection, nothing stored) naming the field when a key holds U+0000 (NUL): the
   * delivery `source` or `deliveryId`, an event's `source` or `id`, or an error report's `id`. Keys are never
   * escaped, so distinct values cannot collide; the collector never passes such a key.
   */
  put(record: DeliveryRecord): Promise<PutResult>;
  /** Reads one delivery back (headers, raw body, outcome). */
  getDelivery(source: string, deliveryId: string): Promise<StoredDelivery | undefined>;
  /**
   * Deployment events matching the query, oldest first, each with `rawRef` pointing at its delivery.
   * @throws RangeError (as a rejection) naming the query field when a time or the limit is invalid.
   */
  deployments(query?: EventQuery): Promise<DeploymentEvent[]>;
  /** Environment created / modified / deleted events matching the query, oldest first. */
  environmentEvents(query?: EventQuery): Promise<EnvironmentEvent[]>;
  /** Pull / merge request events matching the query, oldest first (`app` matches the repository). */
  changes(query?: EventQuery): Promise<ChangeEvent[]>;
  /** Deployment error reports matching the query, oldest first. */
  errors(query?: EventQuery): Promise<StoredError[]>;
  /** How many deliveries, events and error reports are stored. */
  counts(): Promise<StoreCounts>;
  /** Flushes pending writes and releases the database. */
  close(): Promise<void>;
}
