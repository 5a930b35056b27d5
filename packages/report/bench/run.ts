// Benchmarks for @faultline/report. Run: pnpm --filter @faultline/report bench  (add --quick for a short run)
//
// 1. Change points: TCPDBench-style F1 (margin 5) on seeded labelled series, by noise level, with ablations, and
//    detection time by series length. No peer runs here: ruptures (PyPI) and R's changepoint are not installable
//    on this machine (no PyPI; Debian has no r-cran-changepoint), so the ablations are the comparison.
// 2. adjustedRandIndex against scikit-learn's adjusted_rand_score (Debian /usr/bin/python3), same labels, same run.
// 3. buildErrorGroups and analyzeDeployFrequency throughput on synthetic data.
// 4. groupingAccuracy of a naive grouper (mask tokens holding a digit, group identical lines) on Loghub-2k from ../shared, when present.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  adjustedRandIndex,
  analyzeDeployFrequency,
  buildErrorGroups,
  type ChangePointOptions,
  changePointF1,
  detectChangePoints,
  generateLabelledSeries,
  groupingAccuracy,
} from "../src/index";
import { createRandom } from "../src/internal/random";

const quick = process.argv.includes("--quick");
const SERIES = quick ? 60 : 300;

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function f1At(
  noise: number,
  options: ChangePointOptions = {},
): { f1: number; precision: number; recall: number; ms: number } {
  let f1 = 0;
  let precision = 0;
  let recall = 0;
  let ms = 0;
  for (let s = 0; s < SERIES; s++) {
    const g = generateLabelledSeries({ seed: 10_000 + s, noise });
    const t = time(() => detectChangePoints(g.values, { phase: g.phase, ...options }));
    ms += t.ms;
    const m = changePointF1(g.changePoints, t.value.changePoints);
    f1 += m.f1;
    precision += m.precision;
    recall += m.recall;
  }
  return { f1: f1 / SERIES, precision: precision / SERIES, recall: recall / SERIES, ms: ms / SERIES };
}

console.log(`# Change points: mean F1 over ${SERIES} seeded series of 120 days (0–3 shifts of 3–8, noise σ as given,`);
console.log("#   weekly seasonality ±3, trend ±0.05/day, 2 % outliers of 6–10σ, partial-day changes), margin 5");
console.log("noise σ | F1     | precision | recall | ms/series");
for (const noise of [0.5, 1, 1.5, 2, 3, 4]) {
  const r = f1At(noise);
  console.log(
    `${String(noise).padEnd(7)} | ${r.f1.toFixed(3)}  | ${r.precision.toFixed(3)}     | ${r.recall.toFixed(3)}  | ${r.ms.toFixed(2)}`,
  );
}
console.log("\n# Ablations at noise σ = 1 (what each step buys)");
for (const [label, options] of [
  ["default", {}],
  ["no seasonality removal (period: 0)", { period: 0 }],
  ["no outlier filter (robust: false)", { robust: false }],
  ["no trend (trend: false)", { trend: false }],
  ['BIC penalty (penalty: "bic")', { penalty: "bic" }],
] as [string, ChangePointOptions][]) {
  const r = f1At(1, options);
  console.log(`${label.padEnd(38)} F1 ${r.f1.toFixed(3)}  P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}`);
}
console.log("\n# Detection time by length (one series, 4 shifts, median of 5 runs)");
for (const length of [120, 365, 1095, 3650]) {
  const g = generateLabelledSeries({ seed: 1, length, changes: 4 });
  const runs = Array.from({ length: 5 }, () => time(() => detectChangePoints(g.values, { phase: g.phase })).ms).sort(
    (a, b) => a - b,
  );
  console.log(`n=${String(length).padEnd(5)} ${runs[2]!.toFixed(1)} ms`);
}

// 2. ARI vs scikit-learn.
console.log("\n# adjustedRandIndex vs scikit-learn 1.2.1 adjusted_rand_score (same labels)");
const python = "/usr/bin/python3";
let sklearn = false;
try {
  execFileSync(python, ["-c", "import sklearn"], { stdio: "ignore" });
  sklearn = true;
} catch {
  console.log(`PEER MISSING: ${python} with scikit-learn (apt-get install python3-sklearn); ARI is timed alone`);
}
const dir = mkdtempSync(join(tmpdir(), "faultline-ari-"));
try {
  for (const n of quick ? [100_000] : [100_000, 1_000_000]) {
    const r = createRandom(n);
    const truth = Int32Array.from({ length: n }, () => r.int(0, 199));
    const predicted = Int32Array.from(truth, (t) => (r.next() < 0.1 ? r.int(-1, 249) : t));
    const ours = time(() => adjustedRandIndex(truth, predicted));
    let line = `n=${n}: ours ${ours.ms.toFixed(1)} ms (ARI ${ours.value.toFixed(6)})`;
    if (sklearn) {
      writeFileSync(join(dir, "t.bin"), Buffer.from(truth.buffer));
      writeFileSync(join(dir, "p.bin"), Buffer.from(predicted.buffer));
      const out = execFileSync(python, [
        "-c",
        `import numpy as np, time
from sklearn.metrics import adjusted_rand_score
t = np.fromfile("${join(dir, "t.bin")}", dtype=np.int32); p = np.fromfile("${join(dir, "p.bin")}", dtype=np.int32)
s = time.perf_counter(); v = adjusted_rand_score(t, p); e = time.perf_counter() - s
print(v, e * 1000)`,
      ])
        .toString()
        .trim()
        .split(" ");
      const [value, ms] = out.map(Number) as [number, number];
      line += `; scikit-learn ${ms.toFixed(1)} ms (ARI ${value.toFixed(6)}, |Δ| ${Math.abs(value - ours.value).toExponential(1)}); ratio ours/sklearn ${(ours.ms / ms).toFixed(2)}`;
    }
    console.log(line);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 3. Throughput.
console.log(
  "\n# buildErrorGroups throughput (synthetic: 200 causes, 12-token messages with 2 masked variables, 1 % token noise, 5 % noise points)",
);
for (const n of quick ? [20_000] : [20_000, 100_000]) {
  const r = createRandom(7);
  const vocab = Array.from({ length: 5000 }, (_, i) => `word${i}`);
  const bases = Array.from({ length: 200 }, () => Array.from({ length: 12 }, () => vocab[r.int(0, 4999)]!));
  const labels = new Int32Array(n);
  const items = Array.from({ length: n }, (_, i) => {
    const c = r.int(0, 199);
    labels[i] = r.next() < 0.05 ? -1 : c;
    // Positions 3 and 8 are variables the upstream masking replaced; 1 % of other tokens vary.
    const tokens = bases[c]!.map((t, k) =>
      k === 3 || k === 8 ? "<NUM>" : r.next() < 0.01 ? vocab[r.int(0, 4999)]! : t,
    );
    return { message: tokens.join(" "), tokens, timestamp: Date.UTC(2026, 9, 1) + r.int(0, 60 * 86_400) * 1000 };
  });
  const t = time(() => buildErrorGroups(items, labels));
  const grouped = new Int32Array(n).fill(-1);
  t.value.groups.forEach((g, k) => {
    for (const m of g.members) grouped[m] = k;
  });
  const ari = adjustedRandIndex(labels, grouped);
  console.log(
    `n=${n}: ${t.ms.toFixed(0)} ms, ${t.value.groups.length} groups (input labels kept: ARI ${ari.toFixed(3)})`,
  );
}
console.log("\n# analyzeDeployFrequency throughput (synthetic production deploys over a year)");
{
  const r = createRandom(3);
  const n = quick ? 20_000 : 200_000;
  const events = Array.from({ length: n }, (_, i) => ({
    type: "deployment",
    id: `d${i}`,
    source: "s",
    provider: "github",
    timestamp: new Date(Date.UTC(2026, 0, 1) + r.int(0, 364 * 86_400) * 1000).toISOString(),
    kind: "deployed",
    outcome: r.next() < 0.05 ? "failure" : "success",
    service: `svc${r.int(0, 20)}`,
    environment: { name: "production", kind: "production" },
    author: `dev${r.int(0, 50)}`,
  }));
  for (const timeZone of ["UTC", "Europe/Paris"]) {
    const t = time(() => analyzeDeployFrequency(events, { timeZone }));
    console.log(`n=${n} ${timeZone}: ${t.ms.toFixed(0)} ms (${t.value.total} deploys)`);
  }
}

// 4. Loghub GA of a naive grouper.
const loghub = new URL("../../../../shared/data/loghub-2k/", import.meta.url);
console.log("\n# groupingAccuracy of 'mask tokens with digits, group identical lines' on Loghub-2k (../shared)");
if (!existsSync(loghub)) console.log(`SHARED DATA MISSING: ${loghub.pathname} not found; skipped`);
else {
  const parseCsv = (text: string): string[][] => {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    const endField = (): void => {
      row.push(field);
      field = "";
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") endField();
      else if (c === "\n") {
        endField();
        rows.push(row);
        row = [];
      } else if (c !== "\r") field += c;
    }
    if (field.length > 0 || row.length > 0) {
      endField();
      rows.push(row);
    }
    return rows;
  };
  let sum = 0;
  let count = 0;
  for (const system of readdirSync(loghub).filter((d) => !d.includes("."))) {
    const file = new URL(`${system}/${system}_2k.log_structured_corrected.csv`, loghub);
    if (!existsSync(file)) continue;
    const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
    const content = header!.indexOf("Content");
    const event = header!.indexOf("EventId");
    const truth = rows.map((r) => r[event]!);
    const predicted = rows.map((r) =>
      r[content]!.split(/\s+/)
        .map((t) => (/\d/.test(t) ? "<*>" : t))
        .join(" "),
    );
    const ga = groupingAccuracy(truth, predicted);
    sum += ga;
    count += 1;
    console.log(`${system.padEnd(12)} GA ${ga.toFixed(3)}  ARI ${adjustedRandIndex(truth, predicted).toFixed(3)}`);
  }
  console.log(`mean GA ${(sum / count).toFixed(3)} over ${count} systems`);
}
console.log("\nTimings are from a shared 2-core machine: re-measure on a quiet one.");
