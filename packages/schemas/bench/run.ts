// Throughput of the adapters and the CDEvents/CloudEvents round trip over the real fixtures in test/fixtures.
// Reference ("peer") in the same run: JSON.parse + JSON.stringify of the same payloads, the floor any webhook
// receiver pays. Reads only this package's fixtures, never ../shared.
//   pnpm --filter @faultline/schemas bench
import { adapters, type FaultlineEvent, fromCDEvent, fromCloudEvent, toCDEvent, toCloudEvent } from "../src/index";
import { webhookFixtures } from "../test/helpers/fixtures";

const fixtures = webhookFixtures().map((f) => ({ ...f, body: JSON.stringify(f.payload) }));
const events: FaultlineEvent[] = fixtures.flatMap((f) => {
  const r = adapters[f.provider](f.payload, f.headers);
  return r.success ? r.events : [];
});
const budgetMs = Number(process.env.BENCH_MS ?? 1500);

function measure(label: string, unitsPerRound: number, round: () => void): number {
  for (let i = 0; i < 20; i++) round(); // warm up
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    round();
    rounds++;
  }
  const perSecond = (rounds * unitsPerRound) / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(58)} ${Math.round(perSecond).toLocaleString("en-US").padStart(12)} /s`);
  return perSecond;
}

let sink = 0;
console.log(
  `${fixtures.length} webhook fixtures, ${events.length} events; ${budgetMs} ms per measurement (Node ${process.version})`,
);
const peer = measure("peer: JSON.parse(body) + JSON.stringify, per payload", fixtures.length, () => {
  for (const f of fixtures) sink += JSON.stringify(JSON.parse(f.body)).length;
});
const adapt = measure("JSON.parse(body) + adapter, per payload", fixtures.length, () => {
  for (const f of fixtures) {
    const r = adapters[f.provider](JSON.parse(f.body), f.headers);
    sink += r.success ? r.events.length : 1;
  }
});
const cd = measure("toCDEvent + JSON + fromCDEvent, per event", events.length, () => {
  for (const e of events) {
    const r = fromCDEvent(JSON.parse(JSON.stringify(toCDEvent(e))));
    sink += r.success ? r.events.length : 1;
  }
});
const ce = measure("toCloudEvent (binary) + fromCloudEvent, per event", events.length, () => {
  for (const e of events) {
    const r = fromCloudEvent(toCloudEvent(e, { mode: "binary" }));
    sink += r.success ? r.events.length : 1;
  }
});
console.log(
  `adapter cost: ${(peer / adapt).toFixed(1)}x the parse+stringify peer; CDEvents round trip ${(peer / cd).toFixed(1)}x; CloudEvents ${(peer / ce).toFixed(1)}x (per item)`,
);
if (sink === 0) console.log("(no work done)");
