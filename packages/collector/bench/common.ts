// Shared pieces of the reliability scripts: backends, a child-process collector, output. Loopback only.
import { fileURLToPath } from "node:url";
import { type CollectorStore, createPostgresStore, createSqliteStore, type StoreConfig } from "../src/index";
import { type ChildServer, startChildScript, startChildServer } from "../test/support/child";
import { LOAD_SECRET } from "../test/support/deliveries";
import { freshPostgresDatabase, tempFile } from "../test/support/helpers";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../test/support/postgres-server";

export type BackendName = "sqlite" | "postgres";

export function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

let postgres: ThrowawayPostgres | undefined | null = null;

/** Starts the throwaway PostgreSQL once per run; undefined when no binary exists (said loudly). */
export async function postgresServer(): Promise<ThrowawayPostgres | undefined> {
  if (postgres === null) {
    postgres = await startThrowawayPostgres();
    if (!postgres) out("!!! no PostgreSQL binary (initdb, pg_ctl) found: PostgreSQL runs are SKIPPED !!!");
  }
  return postgres;
}

export function stopPostgres(): void {
  postgres?.stop();
  postgres = null;
}

/** A fresh, empty store configuration for one run. */
export async function storeConfig(backend: BackendName): Promise<StoreConfig | undefined> {
  if (backend === "sqlite") {
    return {
      kind: "sqlite",
      filename: tempFile("bench.db"),
      synchronous: flag("synchronous", "full") as "full" | "normal",
      writer: flag("writer", "thread") as "thread" | "inline",
    };
  }
  const server = await postgresServer();
  if (!server) return undefined;
  return { kind: "postgres", connectionString: await freshPostgresDatabase(server.url), maxConnections: 20 };
}

export function openStore(config: StoreConfig): Promise<CollectorStore> {
  return config.kind === "sqlite"
    ? createSqliteStore({ filename: config.filename })
    : createPostgresStore({ connectionString: config.connectionString });
}

export function startCollectorProcess(
  config: StoreConfig,
  extraAuth: Record<string, unknown> = {},
): Promise<ChildServer> {
  return startChildServer({ store: config, auth: { github: { secret: LOAD_SECRET }, ...extraAuth } });
}

/**
 * The peer: a bare `node:http` server in its own process that reads the body, checks the same HMAC, parses the JSON
 * and answers 200 without storing anything. The ratio to it is the cost of validation, normalization and durable
 * storage.
 */
export function startPeer(): Promise<ChildServer> {
  return startChildScript(fileURLToPath(new URL("./peer-process.ts", import.meta.url)), []);
}

export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
