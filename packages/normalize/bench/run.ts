// @faultline/normalize bench: `pnpm --filter @faultline/normalize bench` (add `-- --quick` for a short run,
// `-- --stream-mb=1024` to stream 1 GB). Reads ../shared/data/loghub-2k when present (set FAULTLINE_SHARED
// to point elsewhere) and says so when it is missing. Timings on a shared machine are noisy: compare the
// ratios measured in the same run, and re-measure absolute figures on a quiet machine.
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { flatten, flattenStream, groupByTemplateKey, normalizeMessage } from "../src/index";
import { cpuSecondsPerCall, median } from "./cpu-time";
import { readDemoRows, repo } from "./demo-sample";
import { groupingAccuracy } from "./grouping-accuracy";
import { type LoghubRow, loghubGa } from "./loghub";
import { makeRows } from "./messages";
import { timeMine } from "./mine";
import { naiveFlatten, naiveNormalize } from "./naive";
import { timeStages } from "./stages";

const shared = process.env.FAULTLINE_SHARED ?? resolve(repo, "../shared");
const quick = process.argv.includes("--quick");
const streamMb = Number(process.argv.find((a) => a.startsWith("--stream-mb="))?.split("=")[1] ?? (quick ? 32 : 256));
const TARGET = 100_000;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
/** Items (what `f` returns) per CPU-second, over at least a quarter CPU-second of calls ({@link cpuSecondsPerCall}). */
function timeIt(f: () => number): number {
  const { result, seconds } = cpuSecondsPerCall(f);
  return result / seconds;
}

/** Runs ours and the peer alternately, `rounds` times each, and returns the median rates. */
function compare(ours: () => number, peer: () => number, rounds: number): { ours: number; peer: number } {
  ours();
  peer(); // warm-up: JIT and regex compilation
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(timeIt(ours));
    b.push(timeIt(peer));
  }
  return { ours: median(a), peer: median(b) };
}

console.log("# @faultline/normalize bench");
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? "cpu"} ×${cpus().length}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (one thread is used; others may share the machine)`,
);

// 1. Throughput of the full path.
function throughput(title: string, rows: readonly unknown[], rounds: number): void {
  const messages = naiveFlatten(rows);
  const avg = messages.reduce((s, m) => s + m.length, 0) / messages.length;
  const ours = () => {
    let n = 0;
    for (const e of flatten(rows).events) {
      const r = normalizeMessage(e.event.message);
      n += r.tokens.length > -1 ? 1 : 0;
    }
    return n;
  };
  const peer = () => {
    let n = 0;
    for (const m of naiveFlatten(rows)) n += naiveNormalize(m).tokens.length > -1 ? 1 : 0;
    return n;
  };
  const { ours: o, peer: p } = compare(ours, peer, rounds);
  console.log(`\n## Throughput: ${title}`);
  console.log(`${fmt(messages.length)} messages, ${Math.round(avg)} characters on average`);
  console.log("| path | messages per CPU-second |");
  console.log("|---|---|");
  console.log(`| flatten + frame + mask + clean + tokenize (this package) | ${fmt(o)} |`);
  console.log(`| naive String.prototype.replace chain (same cleaning, no validation or params) | ${fmt(p)} |`);
  console.log(
    `ratio: ${(o / p).toFixed(2)}× the naive chain; target ${fmt(TARGET)} messages/s: ${o >= TARGET ? "met" : `NOT met (${((100 * o) / TARGET).toFixed(0)}% of it)`}`,
  );
}

throughput("issue #4 messages (Qovery frame around six causes)", makeRows(quick ? 500 : 4000, 5, 42), quick ? 3 : 7);
{
  const stages = timeStages(makeRows(quick ? 200 : 1000, 5, 42), quick ? 3 : 7);
  const total = stages.at(-1)!.micros;
  console.log("\nWhere the time goes (each stage alone on the previous stage's output; CPU µs per message, median):");
  console.log("| stage | µs per message | share of normalizeMessage |");
  console.log("|---|---|---|");
  for (const s of stages)
    console.log(`| ${s.stage} | ${s.micros.toFixed(2)} | ${((100 * s.micros) / total).toFixed(0)}% |`);
  console.log(`${fmt(TARGET)} messages/s leaves ${(1e6 / TARGET).toFixed(0)} µs per message for all of it.`);
}
const demoRows = readDemoRows();
if (demoRows !== undefined)
  throughput("apps/demo sample (frames, build logs, Kubernetes events)", demoRows, quick ? 3 : 7);
else console.log("\napps/demo/sample/errors.ndjson not found: demo sample throughput skipped");

// 2. Hostile input.
console.log("\n## Hostile input (size cap disabled), wall-clock milliseconds");
const MB = 1024 * 1024;
const hostile: [string, string][] = [
  [
    "1 MB single-line message",
    "error while pulling image ghcr.io/acme/api:1.2.3 from 10.0.0.1:443 (id ze9e19029) ".repeat(MB / 80),
  ],
  ["1 MB of repeated punctuation", "!?.,:;-_/\\()[]{}<>'\"`@#$%^&*+=|~".repeat(MB / 32)],
  ["1 MB of '1-' (one token)", "1-".repeat(MB / 2)],
];
console.log("| input | this package | naive chain |");
console.log("|---|---|---|");
for (const [name, text] of hostile) {
  const t0 = performance.now();
  normalizeMessage(text, { maxLength: Number.POSITIVE_INFINITY });
  const t1 = performance.now();
  naiveNormalize(text);
  const t2 = performance.now();
  console.log(`| ${name} | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(0)} |`);
}

// 3. Streaming with bounded memory.
async function streaming(): Promise<void> {
  const rows = makeRows(200, 5, 7).map((r) => `${JSON.stringify(r)}\n`);
  const encoder = new TextEncoder();
  const target = streamMb * MB;
  let produced = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    let i = 0;
    // 64 KiB chunks, as fs.createReadStream gives them.
    let chunk = "";
    while (produced < target) {
      chunk += rows[i++ % rows.length];
      if (chunk.length >= 65_536) {
        const bytes = encoder.encode(chunk);
        produced += bytes.length;
        yield bytes;
        chunk = "";
      }
    }
  }
  let peakHeap = 0;
  let peakRss = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const live: number[] = []; // heap after a full GC, at each quarter of the input: flat when memory is bounded
  let events = 0;
  let rejected = 0;
  const t0 = performance.now();
  for await (const item of flattenStream(source())) {
    if (item.kind === "event") {
      normalizeMessage(item.event.message);
      events++;
      if (events % 20_000 === 0) {
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
        if (gc !== undefined && produced >= ((live.length + 1) * target) / 4) {
          gc();
          live.push(process.memoryUsage().heapUsed);
        }
      }
    } else rejected++;
  }
  const s = (performance.now() - t0) / 1000;
  if (gc !== undefined) {
    gc();
    live.push(process.memoryUsage().heapUsed);
  }
  console.log(`\n## Streaming ${streamMb} MB of NDJSON rows (flattenStream + normalizeMessage, 64 KiB byte chunks)`);
  console.log(
    `${fmt(events)} events, ${rejected} rejected, ${(produced / MB / s).toFixed(1)} MB/s, ${fmt(events / s)} events/s; ` +
      `peak heap ${(peakHeap / MB).toFixed(0)} MB, peak RSS ${(peakRss / MB).toFixed(0)} MB while reading ${(produced / MB).toFixed(0)} MB`,
  );
  console.log(
    gc === undefined
      ? "live heap not sampled: run with node --expose-gc (the bench script does)"
      : `live heap after a full GC at each quarter of the input: ${live.map((b) => `${(b / MB).toFixed(1)} MB`).join(", ")}`,
  );
}
await streaming();

// 4. Loghub-2k: grouping accuracy of the template key alone, and of mined templates over the keys.
const loghubDir = join(shared, "data/loghub-2k");
const ga = loghubGa(loghubDir);
console.log("\n## Loghub-2k grouping accuracy: exact template keys, and templateKey + mineTemplates (defaults)");
if (ga === undefined) {
  console.log(`${loghubDir} not found: Loghub comparison skipped (it lives in ../shared, beside the repository)`);
} else {
  console.log(
    "| system | exact template key | templateKey + mineTemplates | digit runs masked | digit tokens masked | distinct keys | mined templates | true events |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of ga) {
    console.log(
      `| ${r.system} | ${r.ga.toFixed(3)} | ${r.mined.toFixed(3)} | ${r.baseline.toFixed(3)} | ${r.tokenBaseline.toFixed(3)} | ${r.keys} | ${r.templates} | ${r.events} |`,
    );
  }
  const mean = (f: (r: LoghubRow) => number) => ga.reduce((s, r) => s + f(r), 0) / ga.length;
  console.log(
    `| **mean** | **${mean((r) => r.ga).toFixed(3)}** | **${mean((r) => r.mined).toFixed(3)}** | **${mean((r) => r.baseline).toFixed(3)}** | **${mean((r) => r.tokenBaseline).toFixed(3)}** | | | |`,
  );
  console.log(
    "baselines (identical lines grouped after masking; GA as logpai/logparser computes it): every digit run replaced by <*>, and every whitespace token holding a digit replaced by <*>. " +
      "mineTemplates gets the distinct keys with their counts as weights, defaults only, nothing per system",
  );
}

// 4b. mineTemplates on many distinct keys.
console.log("\n## mineTemplates on synthetic distinct keys (CPU time, median of 3)");
console.log("| distinct keys | templates | mineTemplates ms | keys per second | exact Map grouping ms (the floor) |");
console.log("|---|---|---|---|---|");
for (const n of quick ? [10_000] : [10_000, 100_000]) {
  const t = timeMine(n, 3);
  console.log(
    `| ${fmt(t.keys)} | ${fmt(t.templates)} | ${fmt(t.ms)} | ${fmt((1000 * t.keys) / t.ms)} | ${t.exactMs.toFixed(0)} |`,
  );
}

// 5. The demo sample: how far template keys alone go, and how much deduplication saves before embedding.
const truthFile = join(repo, "apps/demo/sample/errors.truth.json");
if (demoRows !== undefined && existsSync(truthFile)) {
  const truth = JSON.parse(readFileSync(truthFile, "utf8")) as string[];
  const { events } = flatten(demoRows);
  const keys = events.map((e) => normalizeMessage(e.event.message));
  const groups = groupByTemplateKey(keys);
  console.log("\n## apps/demo sample: template keys against the truth labels");
  console.log(
    `${events.length} events → ${groups.length} distinct template keys (${(events.length / groups.length).toFixed(1)} events per key); ` +
      `grouping accuracy of the keys alone ${groupingAccuracy(
        keys.map((k) => k.templateKey),
        truth,
      ).toFixed(3)} (the clustering stage merges keys of one cause)`,
  );
}
