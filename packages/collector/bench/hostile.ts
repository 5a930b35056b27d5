// Hostile input: every kind of bad request, while a steady stream of good deliveries must keep succeeding.
import { createHmac } from "node:crypto";
import { connect } from "node:net";
import { startChildServer } from "../test/support/child";
import { LOAD_SECRET, signedDelivery } from "../test/support/deliveries";
import { openStore, out, storeConfig } from "./common";

const SIGNING = `whsec_${Buffer.from("bench-signing-key").toString("base64")}`;

function hmac(body: Uint8Array): string {
  return `sha256=${createHmac("sha256", LOAD_SECRET).update(body).digest("hex")}`;
}

function standardSignature(id: string, ts: number, body: Uint8Array): string {
  const key = Buffer.from(SIGNING.slice(6), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${ts}.`).update(body).digest("base64")}`;
}

export async function runHostile(): Promise<boolean> {
  const config = await storeConfig("sqlite");
  if (!config) return true;
  const child = await startChildServer({
    store: config,
    auth: { github: { secret: LOAD_SECRET }, gitlab: { signingToken: SIGNING } },
    headersTimeoutMs: 2_000,
    requestTimeoutMs: 4_000,
  });
  const { port } = new URL(child.url);
  const post = async (headers: Record<string, string>, body: Uint8Array | string, path = "/webhooks/github") => {
    try {
      const r = await fetch(`${child.url}${path}`, { method: "POST", headers, body });
      await r.arrayBuffer();
      return r.status;
    } catch {
      return 0;
    }
  };
  const signed = (body: Buffer) => ({
    ...signedDelivery(0).headers,
    "x-github-delivery": `h-${Math.random()}`,
    "x-hub-signature-256": hmac(body),
  });

  // Good traffic in the background, the whole time.
  let stop = false;
  let good = 0;
  let goodFailed = 0;
  const latencies: number[] = [];
  const goodTraffic = (async () => {
    let n = 0;
    while (!stop) {
      const d = signedDelivery(n++);
      const t = performance.now();
      const status = await post(d.headers, d.body);
      latencies.push(performance.now() - t);
      if (status === 200) good++;
      else goodFailed++;
    }
  })();

  const rows: { name: string; expected: number; statuses: number[] }[] = [];
  const run = async (name: string, expected: number, times: number, send: () => Promise<number>) => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) statuses.push(await send());
    rows.push({ name, expected, statuses });
  };

  const slowLoris = Array.from({ length: 100 }, () => {
    const socket = connect(Number(port), "127.0.0.1");
    socket.on("error", () => {});
    socket.resume(); // read the server's 408, so the close is seen
    socket.write("POST /webhooks/github HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write("X-Slow: 1\r\n");
    }, 500);
    const closedAt = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
    return { socket, drip, closedAt };
  });
  const lorisStart = Date.now();

  const invalid = Buffer.from('{"action": ');
  await run("invalid JSON (signed)", 400, 100, () => post(signed(invalid), invalid));
  const deep = Buffer.from(`${"[".repeat(10_000)}${"]".repeat(10_000)}`);
  await run("10,000-deep nesting (signed)", 400, 20, () => post(signed(deep), deep));
  const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
  await run("10 MB body", 413, 5, () => post(signedDelivery(0).headers, huge));
  await run("wrong signature", 401, 100, () => {
    const d = signedDelivery(999_999);
    return post({ ...d.headers, "x-hub-signature-256": `sha256=${"f".repeat(64)}` }, d.body);
  });
  const replay = signedDelivery(777_777);
  await run("replayed GitHub delivery (answered 200, stored once)", 200, 50, () => post(replay.headers, replay.body));
  const gl = Buffer.from(JSON.stringify({ object_kind: "deployment" }));
  const old = Math.floor(Date.now() / 1000) - 600;
  await run("replayed Standard Webhooks signature, 10 min old", 401, 50, () =>
    post(
      {
        "content-type": "application/json",
        "webhook-id": "w1",
        "webhook-timestamp": String(old),
        "webhook-signature": standardSignature("w1", old, gl),
      },
      gl,
      "/webhooks/gitlab",
    ),
  );
  await run("unknown provider", 404, 20, () => post({ "content-type": "application/json" }, "{}", "/webhooks/jenkins"));
  await run("wrong content type", 415, 20, () =>
    post({ ...signedDelivery(0).headers, "content-type": "text/plain" }, "{}"),
  );

  const closedTimes = await Promise.all(
    slowLoris.map((s) =>
      Promise.race([s.closedAt, new Promise<number>((r) => setTimeout(() => r(Number.NaN), 15_000))]),
    ),
  );
  for (const s of slowLoris) {
    clearInterval(s.drip);
    s.socket.destroy();
  }
  stop = true;
  await goodTraffic;
  await child.stop();

  const store = await openStore(config);
  const replayStored = (await store.getDelivery("github", "load-777777")) ? 1 : 0;
  const counts = await store.counts();
  await store.close();

  out("\n## hostile input (SQLite), with good deliveries sent throughout");
  out("| case | expected | got | pass |");
  out("|---|---|---|---|");
  let ok = true;
  for (const row of rows) {
    const tally = new Map<number, number>();
    for (const s of row.statuses) tally.set(s, (tally.get(s) ?? 0) + 1);
    const pass = row.statuses.every((s) => s === row.expected);
    ok &&= pass;
    out(
      `| ${row.name} | ${row.expected} | ${[...tally].map(([s, n]) => `${s}×${n}`).join(" ")} | ${pass ? "yes" : "NO"} |`,
    );
  }
  const lorisClosed = closedTimes.filter((t) => Number.isFinite(t)).map((t) => t - lorisStart);
  const lorisOk = lorisClosed.length === slowLoris.length && Math.max(...lorisClosed) < 2_000 + 1_000 + 1_500;
  ok &&= lorisOk;
  out(
    `| 100 slow-loris connections (headers timeout 2 s) | closed by server (408) | ${lorisClosed.length} closed, last after ${Math.max(...lorisClosed)} ms | ${lorisOk ? "yes" : "NO"} |`,
  );
  const replayOk = replayStored === 1;
  ok &&= replayOk;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN;
  const goodOk = goodFailed === 0 && good > 0 && counts.events === good + 1;
  ok &&= goodOk;
  out(
    `good deliveries during the attack: ${good} stored, ${goodFailed} failed, p99 ${p99.toFixed(1)} ms; events stored ${counts.events} (= good + 1 replayed)`,
  );
  out(ok ? "hostile: PASS" : "hostile: FAIL");
  return ok;
}
