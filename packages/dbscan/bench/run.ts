/**
 * `pnpm --filter @faultline/dbscan bench`: speed and memory of `dbscan` against its peers, measured in the same
 * run on seeded data (bench/data.ts), each side in its own child process for peak memory.
 *
 *   1. n = 10,000, d = 80, eps = 0.2, minSamples = 5: vs density-clustering 1.3.0 with a cosine distance
 *      (target: ≥ 50× faster).
 *   2. n = 50,000, d = 80, same parameters: vs scikit-learn `DBSCAN(metric="cosine")` through Debian's
 *      /usr/bin/python3, one BLAS thread (target: faster, aiming at 3×; peak memory under 500 MB).
 *   3. n = 20,000, d = 512, sparse TF-IDF-like rows, eps = 0.3: vs scikit-learn.
 *   4. When ../shared (the project's shared data) is present: exact parity on its scikit-learn reference cases.
 *
 * Our times are the median of REPEAT runs in one process (the first, cold run, JIT warm-up included, is shown
 * too); the peers run once (their runs take seconds to minutes, so warm-up does not matter to them).
 * Options: --quick (smaller n, for a fast look), --skip-density (skip the slow density-clustering run).
 * Timings on a busy machine are noisy: compare the ratios, which are measured in the same run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dbscan } from "@faultline/dbscan";
// @ts-expect-error density-clustering ships no types
import clustering from "density-clustering";
import { type BenchMatrix, sparseDocs, sphereBlobs } from "./data";

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const tmp = mkdtempSync(join(tmpdir(), "faultline-dbscan-bench-"));
const PYTHON = "/usr/bin/python3";
const cores = availableParallelism();
const REPEAT = 3;

function fmt(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
}

function sklearnAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import sklearn; print(sklearn.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? null : `${PYTHON} cannot import sklearn (apt-get install python3-sklearn)`;
}

function writeMatrix(m: BenchMatrix, name: string): string {
  const path = join(tmp, `${name}.f32`);
  writeFileSync(path, new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  return path;
}

interface Run {
  first?: number;
  seconds: number;
  maxrss_mb: number;
  labels: Int32Array;
}

function readLabels(path: string): Int32Array {
  const buf = readFileSync(path);
  return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function ours(path: string, m: BenchMatrix, eps: number, workers: number, tag: string): Run {
  const out = join(tmp, `${tag}.ours.i32`);
  const stdout = execFileSync(
    process.execPath,
    [
      "--conditions=@faultline/source",
      "--import",
      "tsx",
      join(here, "child.ts"),
      path,
      String(m.rows),
      String(m.cols),
      String(eps),
      "5",
      String(workers),
      out,
      String(REPEAT),
    ],
    { encoding: "utf8", cwd: join(here, "..") },
  );
  return { ...JSON.parse(stdout.trim().split("\n").pop()!), labels: readLabels(out) };
}

function sklearn(path: string, m: BenchMatrix, eps: number, tag: string): Run & { version: string } {
  const out = join(tmp, `${tag}.sklearn.i32`);
  const single = { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const stdout = execFileSync(
    PYTHON,
    [join(here, "sklearn_dbscan.py"), path, String(m.rows), String(m.cols), String(eps), "5", out],
    { encoding: "utf8", env: { ...process.env, ...single } },
  );
  const res = JSON.parse(stdout.trim().split("\n").pop()!);
  return { ...res, version: res.sklearn, labels: readLabels(out) };
}

function mismatches(a: Int32Array, b: Int32Array): number {
  let bad = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bad++;
  return bad;
}

function versusSklearn(title: string, m: BenchMatrix, eps: number, tag: string, skipReason: string | null): void {
  console.log(`\n## ${title}`);
  const path = writeMatrix(m, tag);
  const one = ours(path, m, eps, 1, `${tag}-1`);
  const all = ours(path, m, eps, cores, `${tag}-${cores}`);
  const line = (label: string, r: Run): string =>
    `@faultline/dbscan, ${label}: ${fmt(r.seconds)} (median of ${REPEAT}; first run ${fmt(r.first ?? r.seconds)}), ` +
    `peak RSS ${r.maxrss_mb.toFixed(0)} MB`;
  console.log(line("1 thread", one));
  console.log(line(`${cores} threads`, all));
  console.log(`labels identical across thread counts: ${mismatches(one.labels, all.labels) === 0 ? "yes" : "NO"}`);
  if (skipReason !== null) {
    console.log(`scikit-learn: not measured (${skipReason})`);
    return;
  }
  const sk = sklearn(path, m, eps, tag);
  console.log(`scikit-learn ${sk.version} (1 BLAS thread): ${fmt(sk.seconds)}, peak RSS ${sk.maxrss_mb.toFixed(0)} MB`);
  console.log(
    `ratio (scikit-learn time / ours): ${(sk.seconds / one.seconds).toFixed(2)}× with 1 thread, ` +
      `${(sk.seconds / all.seconds).toFixed(2)}× with ${cores} threads`,
  );
  console.log(
    `labels identical to scikit-learn: ${mismatches(one.labels, sk.labels) === 0 ? "yes" : `NO (${mismatches(one.labels, sk.labels)} differ)`}`,
  );
}

function cosineDistance(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k] * b[k];
    na += a[k] * a[k];
    nb += b[k] * b[k];
  }
  return 1 - dot / Math.sqrt(na * nb);
}

function versusDensityClustering(n: number): void {
  console.log(`\n## 1. n = ${n}, d = 80, eps = 0.2, minSamples = 5: vs density-clustering 1.3.0 (cosine)`);
  const m = sphereBlobs(n, 80, 42);
  const rows = Array.from({ length: n }, (_, i) => Array.from(m.data.subarray(i * 80, i * 80 + 80)));
  const timed = (workers: number): { median: number; first: number; clusters: number } => {
    const times: number[] = [];
    let clusters = 0;
    for (let r = 0; r < REPEAT; r++) {
      const start = performance.now();
      clusters = dbscan(m, { eps: 0.2, minSamples: 5, workers }).nClusters;
      times.push((performance.now() - start) / 1000);
    }
    return { median: [...times].sort((a, b) => a - b)[Math.floor(REPEAT / 2)]!, first: times[0]!, clusters };
  };
  const one = timed(1);
  const all = timed(cores);
  const oneS = one.median;
  const allS = all.median;
  console.log(
    `@faultline/dbscan (median of ${REPEAT}): ${fmt(oneS)} with 1 thread (first run ${fmt(one.first)}), ` +
      `${fmt(allS)} with ${cores} threads (first run ${fmt(all.first)}); ${one.clusters} clusters`,
  );
  if (args.has("--skip-density")) {
    console.log("density-clustering: skipped (--skip-density)");
    return;
  }
  const start = performance.now();
  const clusters: number[][] = new clustering.DBSCAN().run(rows, 0.2, 5, cosineDistance);
  const peerS = (performance.now() - start) / 1000;
  console.log(`density-clustering: ${fmt(peerS)}; ${clusters.length} clusters`);
  console.log(
    `ratio (density-clustering time / ours): ${(peerS / oneS).toFixed(1)}× with 1 thread, ` +
      `${(peerS / allS).toFixed(1)}× with ${cores} threads (target ≥ 50×); ` +
      `first runs: ${(peerS / one.first).toFixed(1)}× and ${(peerS / all.first).toFixed(1)}×`,
  );
}

function sharedParity(): void {
  console.log("\n## 4. Parity on the shared scikit-learn reference cases");
  const dir = join(here, "../../../../shared/data/dbscan-ref");
  if (!existsSync(join(dir, "cases.json"))) {
    console.log(`../shared is not present (looked for ${dir}): skipped.`);
    return;
  }
  const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8"));
  for (const c of cases) {
    const buf = readFileSync(join(dir, `${c.name}.f32`));
    const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const expected = readLabels(join(dir, `${c.name}.labels.i32`));
    let sampleWeight: Float32Array | undefined;
    if (c.weighted) {
      const w = readFileSync(join(dir, `${c.name}.w.f32`));
      sampleWeight = new Float32Array(w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength));
    }
    const start = performance.now();
    const res = dbscan(
      { data, rows: c.n, cols: c.d },
      { eps: c.eps, minSamples: c.min_samples, ...(sampleWeight ? { sampleWeight } : {}) },
    );
    const bad = mismatches(res.labels, expected);
    const t = fmt((performance.now() - start) / 1000);
    console.log(
      `${c.name}: ${bad === 0 ? "identical" : `${bad} labels differ`} (${t}; scikit-learn took ${c.sklearn_seconds} s)`,
    );
  }
}

try {
  const skip = sklearnAvailable();
  console.log(`# @faultline/dbscan benchmark (${cores} cores available; ${quick ? "quick" : "full"} run)`);
  if (skip !== null) console.log(`scikit-learn peer unavailable: ${skip}. Its comparisons are skipped.`);
  versusDensityClustering(quick ? 3000 : 10_000);
  const n2 = quick ? 10_000 : 50_000;
  versusSklearn(
    `2. n = ${n2}, d = 80, eps = 0.2, minSamples = 5: vs scikit-learn`,
    sphereBlobs(n2, 80, 42),
    0.2,
    "blobs",
    skip,
  );
  const n3 = quick ? 5000 : 20_000;
  versusSklearn(
    `3. n = ${n3}, d = 512 sparse TF-IDF-like, eps = 0.3, minSamples = 5: vs scikit-learn`,
    sparseDocs(n3, 512, 7),
    0.3,
    "docs",
    skip,
  );
  sharedParity();
  console.log("\nThese figures come from one run on this machine; re-measure on a quiet machine before quoting them.");
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
