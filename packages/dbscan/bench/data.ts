/**
 * Seeded synthetic data for the benchmark (no file needed).
 *
 * - `sphereBlobs`: clusters on the unit sphere (a random centre plus Gaussian noise, normalised), cluster sizes
 *   skewed like real error groups, cluster spreads varied so that some clusters sit on the edge of eps, and a
 *   fraction of isolated rows drawn uniformly on the sphere (noise).
 * - `sparseDocs`: hashed TF-IDF-like rows of dimension 512: each row keeps a template's tokens (most of them),
 *   plus a few tokens of its own; about 20 non-zeros per row, all weights positive.
 */

/** mulberry32: small, seeded, good enough for data generation. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function normaliseRow(data: Float32Array, i: number, d: number): void {
  let s = 0;
  for (let k = 0; k < d; k++) s += data[i * d + k] ** 2;
  const inv = 1 / Math.sqrt(s);
  for (let k = 0; k < d; k++) data[i * d + k] *= inv;
}

export interface BenchMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export function sphereBlobs(n: number, d: number, seed: number, noiseFraction = 0.1): BenchMatrix {
  const rand = rng(seed);
  const data = new Float32Array(n * d);
  const clusters = Math.max(1, Math.round(n / 250));
  const centres = new Float64Array(clusters * d);
  const spread = new Float64Array(clusters);
  const share = new Float64Array(clusters);
  let totalShare = 0;
  for (let c = 0; c < clusters; c++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      centres[c * d + k] = gaussian(rand);
      s += centres[c * d + k] ** 2;
    }
    for (let k = 0; k < d; k++) centres[c * d + k] /= Math.sqrt(s);
    // Per-coordinate sigma: 1 − cos between two members is about 80σ²/(1 + 80σ²) at d = 80.
    spread[c] = (0.02 + 0.035 * rand()) * Math.sqrt(80 / d);
    share[c] = 1 / (c + 1) ** 0.8 + 0.02; // Zipf-like sizes
    totalShare += share[c];
  }
  const noisy = Math.round(n * noiseFraction);
  for (let i = 0; i < n; i++) {
    if (i % Math.max(1, Math.round(n / Math.max(1, noisy))) === 0 && noisy > 0) {
      for (let k = 0; k < d; k++) data[i * d + k] = gaussian(rand);
    } else {
      let pick = rand() * totalShare;
      let c = 0;
      for (; c < clusters - 1; c++) {
        pick -= share[c];
        if (pick <= 0) break;
      }
      for (let k = 0; k < d; k++) data[i * d + k] = centres[c * d + k] + spread[c] * gaussian(rand);
    }
    normaliseRow(data, i, d);
  }
  return { data, rows: n, cols: d };
}

export function sparseDocs(n: number, d: number, seed: number): BenchMatrix {
  const rand = rng(seed);
  const data = new Float32Array(n * d);
  const templates = Math.max(1, Math.round(n / 100));
  const tokens: number[][] = [];
  for (let t = 0; t < templates; t++) {
    const len = 8 + Math.floor(rand() * 16);
    tokens.push(Array.from({ length: len }, () => Math.floor(rand() * d)));
  }
  const idf = Float64Array.from({ length: d }, () => 1 + 3 * rand());
  for (let i = 0; i < n; i++) {
    // Skewed template popularity, as in real logs.
    const t = Math.min(templates - 1, Math.floor(templates * rand() ** 2));
    for (const tok of tokens[t]) if (rand() < 0.9) data[i * d + tok] += idf[tok];
    const own = Math.floor(rand() * 4);
    for (let v = 0; v < own; v++) {
      const tok = Math.floor(rand() * d);
      data[i * d + tok] += idf[tok];
    }
    if (tokens[t].length === 0 && own === 0) data[i * d] = 1;
  }
  return { data, rows: n, cols: d };
}
