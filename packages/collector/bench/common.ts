// Shared pieces of the reliability scripts: backends, a child-process collector, output. Loopback only.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CollectorStore, createPostgresStore, createSqliteStore, type StoreConfig } from "../src/index";
import { type ChildServer, startChildServer } from "../test/support/child";
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
  if (backend === "sqlite") return { kind: "sqlite", filename: tempFile("bench.db") };
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
 * The peer: a bare `node:http` server that reads the body, checks the same HMAC, parses the JSON and answers 200
 * without storing anything. The ratio to it is the cost of validation, normalization and durable storage.
 * Runs in this process, so its numbers include sharing a core with the load generator.
 */
export async function startPeer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const expected = `sha256=${createHmac("sha256", LOAD_SECRET).update(body).digest("hex")}`;
      const ok = req.headers["x-hub-signature-256"] === expected;
      if (ok) JSON.parse(body.toString("utf8"));
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
