// Duplicates: each delivery sent 10 times (5 one after another, then 5 at once) is stored once.
import { signedDelivery } from "../test/support/deliveries";
import { type BackendName, openStore, out, startCollectorProcess, storeConfig } from "./common";

export async function runDuplicates(backend: BackendName, deliveries = 200): Promise<boolean> {
  const config = await storeConfig(backend);
  if (!config) return true;
  const child = await startCollectorProcess(config);
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const send = async (n: number) => {
    const d = signedDelivery(n);
    const response = await fetch(`${child.url}/webhooks/github`, { method: "POST", headers: d.headers, body: d.body });
    const body = (await response.json()) as { status?: string };
    count(`${response.status} ${body.status ?? "error"}`);
  };
  try {
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let n = w; n < deliveries; n += 8) {
          for (let i = 0; i < 5; i++) await send(n);
          await Promise.all(Array.from({ length: 5 }, () => send(n)));
        }
      }),
    );
    const store = await openStore(config);
    const counts = await store.counts();
    await store.close();
    const ok =
      counts.deliveries === deliveries &&
      counts.events === deliveries &&
      statuses.get("200 stored") === deliveries &&
      statuses.get("200 duplicate") === deliveries * 9;
    out(`\n## duplicates (${backend}): ${deliveries} deliveries × 10 sends`);
    out(
      `responses: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(", ")}; stored deliveries ${counts.deliveries}, events ${counts.events}`,
    );
    out(ok ? `duplicates (${backend}): PASS` : `duplicates (${backend}): FAIL`);
    return ok;
  } finally {
    await child.stop();
  }
}
