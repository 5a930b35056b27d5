// kill -9 in the middle of a load, restart: every acknowledged delivery is present, none twice.
// Runs the collector in a child process against both backends (PostgreSQL when a binary exists).
import { afterEach, describe, expect, inject, it } from "vitest";
import { type CollectorStore, createPostgresStore, createSqliteStore, type StoreConfig } from "../src/index";
import { type ChildServer, startChildServer } from "./support/child";
import { LOAD_SECRET, signedDelivery } from "./support/deliveries";
import { freshPostgresDatabase, tempFile } from "./support/helpers";

const postgresUrl = inject("postgresUrl");
const TOTAL = 400;
const CONCURRENCY = 16;
const KILL_AFTER_ACKS = 120;

async function deliver(url: string, n: number): Promise<{ status: number; stored?: string }> {
  const d = signedDelivery(n);
  const response = await fetch(`${url}/webhooks/github`, { method: "POST", headers: d.headers, body: d.body });
  const body = (await response.json()) as { status?: string };
  return { status: response.status, ...(body.status === undefined ? {} : { stored: body.status }) };
}

interface Case {
  name: string;
  config(): Promise<StoreConfig>;
  open(config: StoreConfig): Promise<CollectorStore>;
}

const cases: Case[] = [
  {
    name: "sqlite",
    config: async () => ({ kind: "sqlite", filename: tempFile("crash.db") }),
    open: (c) => createSqliteStore({ filename: (c as { filename: string }).filename }),
  },
];
if (postgresUrl !== null) {
  cases.push({
    name: "postgres",
    config: async () => ({ kind: "postgres", connectionString: await freshPostgresDatabase(postgresUrl) }),
    open: (c) => createPostgresStore({ connectionString: (c as { connectionString: string }).connectionString }),
  });
}

const children: ChildServer[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});

describe.each(cases)("crash recovery: $name", ({ config, open }) => {
  it("keeps every acknowledged delivery exactly once across kill -9 and restart", { timeout: 90_000 }, async () => {
    const storeConfig = await config();
    const serverConfig = { store: storeConfig, auth: { github: { secret: LOAD_SECRET } } };
    const first = await startChildServer(serverConfig);
    children.push(first);

    const acked = new Set<number>();
    let next = 0;
    let dead = false;
    const worker = async (): Promise<void> => {
      while (next < TOTAL && !dead) {
        const n = next++;
        try {
          if ((await deliver(first.url, n)).status === 200) acked.add(n);
        } catch {
          // The collector died under this request: it was never acknowledged.
        }
      }
    };
    const killer = (async () => {
      const deadline = Date.now() + 30_000;
      while (acked.size < KILL_AFTER_ACKS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      await first.kill9();
      dead = true;
    })();
    await Promise.all([killer, ...Array.from({ length: CONCURRENCY }, worker)]);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    // The kill landed mid-load: some deliveries were never sent or never answered.
    expect(acked.size).toBeLessThan(TOTAL);

    const second = await startChildServer(serverConfig);
    children.push(second);
    const store = await open(storeConfig);
    try {
      for (const n of acked) expect(await store.getDelivery("github", `load-${n}`), `load-${n}`).toBeDefined();
      const afterCrash = await store.counts();
      expect(afterCrash.events).toBe(afterCrash.deliveries);

      // Providers retry what was not acknowledged: resend everything. Acknowledged ones must be duplicates.
      for (let n = 0; n < TOTAL; n++) {
        const result = await deliver(second.url, n);
        expect(result.status).toBe(200);
        if (acked.has(n)) expect(result.stored, `load-${n}`).toBe("duplicate");
      }
      expect(await store.counts()).toEqual({ deliveries: TOTAL, events: TOTAL, errors: 0 });
    } finally {
      await store.close();
    }
  });
});
