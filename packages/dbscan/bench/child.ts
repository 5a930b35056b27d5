/**
 * Our side of a benchmark case, in its own process so that its peak memory is its own:
 * usage: child.ts DATA.f32 N D EPS MIN_SAMPLES WORKERS LABELS_OUT.i32 REPEAT
 * Prints one JSON line: {"first": seconds of the first (cold) run, "seconds": median over REPEAT runs,
 * "maxrss_mb": peak resident memory of this process}.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dbscan } from "@faultline/dbscan";

const [path, n, d, eps, minSamples, workers, out, repeat = "1"] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string?,
];
const buf = readFileSync(path);
const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const times: number[] = [];
let result: ReturnType<typeof dbscan> | undefined;
for (let r = 0; r < Number(repeat); r++) {
  const start = performance.now();
  result = dbscan(
    { data, rows: Number(n), cols: Number(d) },
    { eps: Number(eps), minSamples: Number(minSamples), metric: "cosine", workers: Number(workers) },
  );
  times.push((performance.now() - start) / 1000);
}
const labels = result!.labels;
writeFileSync(out, new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
const sorted = [...times].sort((a, b) => a - b);
const seconds = sorted[Math.floor(sorted.length / 2)]!;
console.log(JSON.stringify({ first: times[0], seconds, maxrss_mb: process.resourceUsage().maxRSS / 1024 }));
