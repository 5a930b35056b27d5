// Load: autocannon with distinct signed GitHub deliveries against the collector in a child process, then the
// store is checked: every 2xx delivery is stored, nothing twice.
import autocannon from "autocannon";
import { signedDelivery } from "../test/support/deliveries";
import { type BackendName, openStore, out, startCollectorProcess, startPeer, storeConfig } from "./common";

export interface LoadResult {
  target: string;
  requestsPerSecond: number;
  p99Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  stored?: number;
  lost?: number;
  duplicated?: number;
  inFlightAtStop?: number;
  /** CPU time (user + system, all threads) of the server process per answered request, in microseconds. */
  cpuPerRequestUs?: number;
}

function cpuPerRequest(output: string, requests: number): number | undefined {
  const match = /CPU (\{.*\})/.exec(output);
  if (!match?.[1] || requests === 0) return undefined;
  const usage = JSON.parse(match[1]) as { user: number; system: number };
  return (usage.user + usage.system) / requests;
}

async function fire(url: string, seconds: number, connections: number, first: number, acked?: Set<string>) {
  let n = first;
  const result = await autocannon({
    url: `${url}/webhooks/github`,
    method: "POST",
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest(request: Record<string, unknown>) {
          const d = signedDelivery(n++);
          return { ...request, method: "POST", path: "/webhooks/github", headers: d.headers, body: d.body };
        },
        onResponse(status: number, body: string) {
          if (acked && status >= 200 && status < 300)
            acked.add((JSON.parse(body) as { deliveryId: string }).deliveryId);
        },
      },
    ],
  });
  return { result, sent: n - first };
}

export async function runLoad(
  backend: BackendName,
  seconds: number,
  connections: number,
): Promise<LoadResult | undefined> {
  const config = await storeConfig(backend);
  if (!config) return undefined;
  const child = await startCollectorProcess(config);
  const acked = new Set<string>();
  let result: Awaited<ReturnType<typeof fire>>["result"];
  try {
    ({ result } = await fire(child.url, seconds, connections, 0, acked));
    // Let the collector finish requests autocannon abandoned at the deadline before counting.
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await child.stop();
  }
  const store = await openStore(config);
  try {
    const counts = await store.counts();
    let lost = 0;
    for (const id of acked) if (!(await store.getDelivery("github", id))) lost++;
    const cpu = cpuPerRequest(child.output(), counts.deliveries);
    return {
      target: `collector (${backend})`,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      ok2xx: result["2xx"],
      non2xx: result.non2xx,
      errors: result.errors,
      stored: counts.deliveries,
      lost,
      duplicated: counts.deliveries - counts.events,
      inFlightAtStop: counts.deliveries - acked.size,
      ...(cpu === undefined ? {} : { cpuPerRequestUs: cpu }),
    };
  } finally {
    await store.close();
  }
}

export async function runPeer(seconds: number, connections: number): Promise<LoadResult> {
  const peer = await startPeer();
  let result: Awaited<ReturnType<typeof fire>>["result"];
  try {
    ({ result } = await fire(peer.url, seconds, connections, 0));
  } finally {
    await peer.stop();
  }
  const cpu = cpuPerRequest(peer.output(), result["2xx"]);
  return {
    target: "peer: bare node:http + HMAC + JSON.parse, no storage",
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    ...(cpu === undefined ? {} : { cpuPerRequestUs: cpu }),
  };
}

export function printLoad(results: LoadResult[], seconds: number, connections: number): boolean {
  out(
    `\n## load: ${seconds} s, ${connections} connections, distinct signed GitHub deployment_status deliveries (10 kB)`,
  );
  out(
    "| target | req/s | p99 ms | server CPU µs/request | 2xx | non-2xx | errors | stored | lost | duplicated | in flight at stop |",
  );
  out("|---|---|---|---|---|---|---|---|---|---|---|");
  let ok = true;
  for (const r of results) {
    out(
      `| ${r.target} | ${r.requestsPerSecond.toFixed(0)} | ${r.p99Ms} | ${r.cpuPerRequestUs?.toFixed(0) ?? "-"} | ${r.ok2xx} | ${r.non2xx} | ${r.errors} | ${r.stored ?? "-"} | ${r.lost ?? "-"} | ${r.duplicated ?? "-"} | ${r.inFlightAtStop ?? "-"} |`,
    );
    if ((r.lost ?? 0) > 0 || (r.duplicated ?? 0) !== 0 || r.non2xx > 0) ok = false;
  }
  const peer = results.find((r) => r.target.startsWith("peer"));
  for (const r of results) {
    if (r === peer || !peer) continue;
    const cpu =
      r.cpuPerRequestUs && peer.cpuPerRequestUs
        ? `; server CPU per request ${(r.cpuPerRequestUs / peer.cpuPerRequestUs).toFixed(2)}× the peer's (one free core: ~${(1e6 / r.cpuPerRequestUs).toFixed(0)} req/s)`
        : "";
    out(`ratio ${r.target} / peer: ${(r.requestsPerSecond / peer.requestsPerSecond).toFixed(2)}× the throughput${cpu}`);
  }
  const sqlite = results.find((r) => r.target === "collector (sqlite)");
  if (sqlite && sqlite.requestsPerSecond < 2000) {
    out(`TARGET MISSED: SQLite served ${sqlite.requestsPerSecond.toFixed(0)} req/s; the target is >= 2,000 req/s`);
    ok = false;
  }
  out(ok ? "load: PASS (no lost, no duplicated)" : "load: FAIL");
  out("(2 shared cores: re-measure on a quiet machine before quoting these figures)");
  return ok;
}
