import { createHmac, createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type CollectorStore, createPostgresStore, createSqliteStore, type RsaJwk } from "../../src/index";

const FIXTURES = new URL("../fixtures/", import.meta.url);

/** The webhook secret Cogni-DAO published with its captures (see fixtures/LICENSES.md). */
export const COGNI_SECRET = "402786017574bd28f9d8f7a18648939751c47fe09077d56e10f0444f14fbb73b";

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

/** A real captured delivery: its headers and the exact body bytes. */
export function capture(name: string): { headers: Record<string, string>; body: Buffer } {
  const c = fixtureJson(name) as { headers: Record<string, string>; body_raw_base64: string };
  return { headers: c.headers, body: Buffer.from(c.body_raw_base64, "base64") };
}

export const sign = {
  github: (body: Uint8Array, secret: string): string =>
    `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  circleci: (body: Uint8Array, secret: string): string =>
    `v1=${createHmac("sha256", secret).update(body).digest("hex")}`,
  standardWebhook: (id: string, timestamp: number, body: Uint8Array, secret: string): string => {
    const key = secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret);
    const mac = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
    return `v1,${mac}`;
  },
};

/** An RSA key pair standing in for Google's OIDC signing key, with its public half as a JWKS entry. */
export function oidcKey(kid = "test-key"): {
  jwk: RsaJwk;
  mint: (claims: Record<string, unknown>, header?: Record<string, unknown>) => string;
} {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const exported = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  const jwk: RsaJwk = { kty: "RSA", n: exported.n, e: exported.e, kid, alg: "RS256", use: "sig" };
  const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    jwk,
    mint(claims, header = { alg: "RS256", kid, typ: "JWT" }) {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
      return `${unsigned}.${signature}`;
    },
  };
}

export function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), "faultline-collector-")), name);
}

/** Creates an empty database on the throwaway server so each test file starts clean. */
export async function freshPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `t_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Both backends, as the shared suites use them. `open` returns a store on an empty database; `reopen` a new connection to the same one. */
export interface Backend {
  name: "sqlite" | "sqlite (inline writer)" | "postgres";
  open(): Promise<{ store: CollectorStore; reopen(): Promise<CollectorStore> }>;
}

export function backends(postgresUrl: string | null): Backend[] {
  const list: Backend[] = [
    {
      name: "sqlite",
      async open() {
        const filename = tempFile("store.db");
        return { store: await createSqliteStore({ filename }), reopen: () => createSqliteStore({ filename }) };
      },
    },
    {
      name: "sqlite (inline writer)",
      async open() {
        const filename = tempFile("store.db");
        const options = { filename, writer: "inline" } as const;
        return { store: await createSqliteStore(options), reopen: () => createSqliteStore(options) };
      },
    },
  ];
  if (postgresUrl !== null) {
    list.push({
      name: "postgres",
      async open() {
        const connectionString = await freshPostgresDatabase(postgresUrl);
        return {
          store: await createPostgresStore({ connectionString }),
          reopen: () => createPostgresStore({ connectionString }),
        };
      },
    });
  }
  return list;
}
