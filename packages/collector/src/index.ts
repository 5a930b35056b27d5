// @faultline/collector public API. Explicit named re-exports only.

export {
  type AdapterRegistry,
  type AdapterResult,
  WEBHOOK_PROVIDERS,
  type WebhookAdapter,
  type WebhookProvider,
} from "./adapter";
// Authentication
export type { AuthConfig, Secrets } from "./auth/auth-config";
export type { GoogleOidcOptions, Jwks, RsaJwk } from "./auth/google-oidc";
// Collector (framework-agnostic handler)
export { type Collector, type CollectorOptions, createCollector } from "./collector";
// Configuration (`faultline serve`)
export {
  type CollectorConfig,
  openStore,
  parseCollectorConfig,
  type StartedCollector,
  type StoreConfig,
  startCollector,
} from "./config";
export type { CollectorRequest, CollectorResponse, HeaderValue, IncomingHeaders } from "./request";
export { createFetchHandler, createHonoHandler, type HonoContextLike } from "./server/fetch-handler";
// Servers
export {
  createNodeListener,
  createServer,
  type NodeServerOptions,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from "./server/node-server";
export { createPostgresStore, type PostgresStoreOptions } from "./store/postgres-store";
export { createSqliteStore, type SqliteStoreOptions } from "./store/sqlite-store";
// Storage
export type {
  CollectorStore,
  DeliveryOutcome,
  DeliveryRecord,
  EventQuery,
  PutResult,
  RejectedRecord,
  StoreCounts,
  StoredDelivery,
  StoredError,
} from "./store/store";
