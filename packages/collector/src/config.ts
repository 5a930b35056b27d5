import * as z from "zod";
import type { AdapterRegistry } from "./adapter";
import type { AuthConfig } from "./auth/auth-config";
import { createCollector } from "./collector";
import { type RunningServer, startServer } from "./server/node-server";
import { createPostgresStore } from "./store/postgres-store";
import { createSqliteStore } from "./store/sqlite-store";
import type { CollectorStore } from "./store/store";

/** Which store to open: an embedded SQLite file, or a PostgreSQL database shared by several collectors. */
export type StoreConfig =
  | { kind: "sqlite"; filename: string; synchronous?: "full" | "normal"; writer?: "thread" | "inline" }
  | { kind: "postgres"; connectionString: string; maxConnections?: number };

/** Everything `faultline serve` needs, as plain data (e.g. a JSON file with secrets filled in from the environment). */
export interface CollectorConfig {
  store: StoreConfig;
  auth: AuthConfig;
  /**
   * Where to listen.
   * @defaultValue `{ host: "127.0.0.1", port: 8787 }`
   */
  listen?: { host?: string; port?: number };
  /** @defaultValue "" */
  basePath?: string;
  /** @defaultValue 1_048_576 */
  maxBodyBytes?: number;
  /** @defaultValue 64 */
  maxJsonDepth?: number;
  /** @defaultValue 300 */
  replayWindowSeconds?: number;
  /** @defaultValue 10_000 */
  headersTimeoutMs?: number;
  /** @defaultValue 30_000 */
  requestTimeoutMs?: number;
}

const secrets = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const positive = z.int().positive();
const jwk = z.looseObject({
  kty: z.literal("RSA"),
  n: z.string().min(1),
  e: z.string().min(1),
  kid: z.string().optional(),
});

const schema = z.strictObject({
  store: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("sqlite"),
      filename: z.string().min(1),
      synchronous: z.enum(["full", "normal"]).optional(),
      writer: z.enum(["thread", "inline"]).optional(),
    }),
    z.strictObject({
      kind: z.literal("postgres"),
      connectionString: z.string().min(1),
      maxConnections: positive.optional(),
    }),
  ]),
  auth: z.strictObject({
    github: z.strictObject({ secret: secrets }).optional(),
    gitlab: z
      .strictObject({ token: secrets.optional(), signingToken: secrets.optional() })
      .refine((v) => v.token !== undefined || v.signingToken !== undefined, "set token and/or signingToken")
      .optional(),
    circleci: z.strictObject({ secret: secrets }).optional(),
    "azure-devops": z.strictObject({ username: z.string().min(1), password: secrets }).optional(),
    qovery: z.strictObject({ secret: secrets }).optional(),
    cloudbuild: z
      .strictObject({
        audience: z.string().min(1),
        serviceAccountEmail: z.string().min(1),
        jwks: z.looseObject({ keys: z.array(jwk).min(1) }),
        issuers: z.array(z.string().min(1)).min(1).optional(),
        clockSkewSeconds: z.int().nonnegative().optional(),
      })
      .optional(),
    cdevents: z
      .strictObject({ token: secrets.optional(), secret: secrets.optional() })
      .refine((v) => v.token !== undefined || v.secret !== undefined, "set token and/or secret")
      .optional(),
    errors: z.strictObject({ token: secrets }).optional(),
    query: z.strictObject({ token: secrets }).optional(),
  }),
  listen: z
    .strictObject({ host: z.string().min(1).optional(), port: z.int().min(0).max(65_535).optional() })
    .optional(),
  basePath: z
    .string()
    .regex(/^(\/[^/]+)*\/?$/, 'must start with "/"')
    .optional(),
  maxBodyBytes: positive.optional(),
  maxJsonDepth: positive.optional(),
  replayWindowSeconds: positive.optional(),
  headersTimeoutMs: positive.optional(),
  requestTimeoutMs: positive.optional(),
});

/**
 * Validates a configuration object. Errors name each offending field (`auth.github.secret: …`) and never echo a
 * secret's value.
 */
export function parseCollectorConfig(
  input: unknown,
): { success: true; data: CollectorConfig } | { success: false; error: string } {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data as CollectorConfig };
  const error = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
  return { success: false, error: `invalid collector configuration: ${error}` };
}

/**
 * Opens the configured store.
 * @throws Error when the driver is missing or the database cannot be opened.
 */
export function openStore(config: StoreConfig): Promise<CollectorStore> {
  if (config.kind === "postgres") {
    return createPostgresStore({
      connectionString: config.connectionString,
      ...(config.maxConnections === undefined ? {} : { maxConnections: config.maxConnections }),
    });
  }
  return createSqliteStore({
    filename: config.filename,
    ...(config.synchronous === undefined ? {} : { synchronous: config.synchronous }),
    ...(config.writer === undefined ? {} : { writer: config.writer }),
  });
}

/** A running collector started from configuration; `close()` also closes its store. */
export interface StartedCollector extends RunningServer {
  store: CollectorStore;
}

/**
 * Validates the configuration, opens the store, and starts the `node:http` server: what `faultline serve` runs.
 *
 * @example
 * ```ts
 * const running = await startCollector({
 *   store: { kind: "sqlite", filename: "faultline.db" },
 *   auth: { github: { secret: process.env.GITHUB_WEBHOOK_SECRET ?? "" } },
 *   listen: { port: 8787 },
 * });
 * // … later: await running.close();
 * ```
 * @throws TypeError with every invalid field named; Error when the store cannot be opened or the port bound.
 */
export async function startCollector(
  config: CollectorConfig,
  extra: { adapters?: AdapterRegistry } = {},
): Promise<StartedCollector> {
  const parsed = parseCollectorConfig(config);
  if (!parsed.success) throw new TypeError(`[@faultline/collector] ${parsed.error}`);
  const c = parsed.data;
  const store = await openStore(c.store);
  try {
    const collector = createCollector({
      store,
      auth: c.auth,
      ...(extra.adapters === undefined ? {} : { adapters: extra.adapters }),
      ...(c.basePath === undefined ? {} : { basePath: c.basePath }),
      ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }),
      ...(c.maxJsonDepth === undefined ? {} : { maxJsonDepth: c.maxJsonDepth }),
      ...(c.replayWindowSeconds === undefined ? {} : { replayWindowSeconds: c.replayWindowSeconds }),
    });
    const running = await startServer({
      collector,
      host: c.listen?.host ?? "127.0.0.1",
      port: c.listen?.port ?? 8787,
      ...(c.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: c.headersTimeoutMs }),
      ...(c.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: c.requestTimeoutMs }),
    });
    return {
      ...running,
      store,
      close: async () => {
        await running.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
