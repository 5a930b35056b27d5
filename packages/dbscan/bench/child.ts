/**
 * Our side of a benchmark case, in its own process so that its peak memory is its own:
 * usage: child.ts DATA.f32 N D EPS MIN_SAMPLES WORKERS LABELS_OUT.i32
 * Prints one JSON line: {"seconds": clustering time, "maxrss_mb": peak resident memory of this process}.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dbscan } from "@faultline/dbscan";

const [path, n, d, eps, minSamples, workers, out] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const buf = readFileSync(path);
const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const start = performance.now();
const result = dbscan(
  { data, rows: Number(n), cols: Number(d) },
  { eps: Number(eps), minSamples: Number(minSamples), metric: "cosine", workers: Number(workers) },
);
const seconds = (performance.now() - start) / 1000;
writeFileSync(out, new Uint8Array(result.labels.buffer, result.labels.byteOffset, result.labels.byteLength));
console.log(JSON.stringify({ seconds, maxrss_mb: process.resourceUsage().maxRSS / 1024 }));
