// Crash: kill -9 the collector in the middle of a load run, restart it on the same database, and check that every
// acknowledged delivery is present exactly once; then resend everything, as providers retry, and check the totals.
import { signedDelivery } from "../test/support/deliveries";
import { type BackendName, openStore, out, startCollectorProcess, storeConfig } from "./common";

async function deliver(url: string, n: number): Promise<{ status: number; stored?: string }> {
  const d = signedDelivery(n);
  const response = await fetch(`${url}/webhooks/github`, { method: "POST", headers: d.headers, body: d.body });
  const body = (await response.json()) as { status?: string };
  return { status: response.status, ...(body.status === undefined ? {} : { stored: body.status }) };
}

async function pool(count: number, concurrency: number, task: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export async function runCrash(backend: BackendName, seconds: number): Promise<boolean> {
  const config = await storeConfig(backend);
  if (!config) return true;
  out(`\n## crash (${backend}): load for up to ${seconds} s, kill -9 at ${seconds / 2} s, restart, verify, resend all`);
  const first = await startCollectorProcess(config);
  const acked = new Set<number>();
  let sent = 0;
  let dead = false;
  const started = Date.now();
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, (seconds / 2) * 1000));
    await first.kill9();
    dead = true;
  })();
  await Promise.all([
    killer,
    ...Array.from({ length: 32 }, async () => {
      while (!dead && Date.now() - started < seconds * 1000) {
        const n = sent++;
        try {
          if ((await deliver(first.url, n)).status === 200) acked.add(n);
        } catch {
          // Died under this request: not acknowledged.
        }
      }
    }),
  ]);
  const second = await startCollectorProcess(config);
  const store = await openStore(config);
  let ok = true;
  try {
    let missing = 0;
    for (const n of acked) if (!(await store.getDelivery("github", `load-${n}`))) missing++;
    const afterCrash = await store.counts();
    let retriesNotDuplicate = 0;
    let retriesFailed = 0;
    await pool(sent, 32, async (n) => {
      const result = await deliver(second.url, n);
      if (result.status !== 200) retriesFailed++;
      else if (acked.has(n) && result.stored !== "duplicate") retriesNotDuplicate++;
    });
    const final = await store.counts();
    out(
      "| sent before kill | acknowledged | acknowledged missing after restart | stored after restart | duplicated | after resending all: stored | failed resends | acknowledged but not duplicate on resend |",
    );
    out("|---|---|---|---|---|---|---|---|");
    out(
      `| ${sent} | ${acked.size} | ${missing} | ${afterCrash.deliveries} | ${afterCrash.deliveries - afterCrash.events} | ${final.deliveries} | ${retriesFailed} | ${retriesNotDuplicate} |`,
    );
    ok =
      missing === 0 &&
      afterCrash.deliveries === afterCrash.events &&
      final.deliveries === sent &&
      final.events === sent &&
      retriesFailed === 0 &&
      retriesNotDuplicate === 0 &&
      acked.size > 0;
    out(ok ? `crash (${backend}): PASS` : `crash (${backend}): FAIL`);
  } finally {
    await store.close();
    await second.stop();
  }
  return ok;
}
