import { availableParallelism } from "node:os";
import type { DbscanResult } from "../types";
import { hasDirection, type PackedMatrix } from "./input";
import { CTRL, createKernel, type KernelState, PASS } from "./kernel";
import type { ResolvedOptions } from "./options";
import { pairwiseSum } from "./pairwise-sum";
import { buildPartition, type Csr, type Partition } from "./partition";
import { createRunner } from "./pool";

/** Cosine rows go sparse (CSR) when at most this fraction of their values is non-zero. */
const SPARSE_MAX_DENSITY = 0.2;
/** Below this many values (rows × dims) a worker's start-up (~30 ms) costs more than it saves. */
const PARALLEL_MIN_VALUES = 20_000 * 80;
const MAX_DEFAULT_THREADS = 8;
const PARTITION_SEED = 0x5eed;

/** Per-row scale into the metric's geometry: 1/‖x‖ for cosine (0 for a zero row), 1 for euclidean. */
export function rowScales(X: Float32Array | Float64Array, n: number, d: number, cosine: boolean): Float64Array {
  const scale = new Float64Array(n);
  if (!cosine) return scale.fill(1);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * d, end = k + d; k < end; k++) s += X[k] * X[k];
    scale[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return scale;
}

/**
 * With values so large or small that products of raw rows could over- or underflow, rows are normalised up
 * front as scikit-learn does: x / √Σx², the sum taken naively. A row whose sum overflows (x / ∞ = 0) or
 * underflows below float64's normal range becomes a zero row (scikit-learn divides by 1 or by an inexact
 * subnormal norm there, so its distances for such rows are rounding noise).
 */
export function normaliseExtreme(packed: PackedMatrix): PackedMatrix {
  const { X, n, d } = packed;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * d; k < i * d + d; k++) s += X[k] * X[k];
    if (!hasDirection(s)) continue;
    const norm = Math.sqrt(s);
    for (let k = i * d; k < i * d + d; k++) out[k] = X[k] / norm;
  }
  return { X: out, n, d, extreme: false };
}

/** Compressed sparse rows of a dense row-major matrix (columns ascending). */
function toCsr(X: Float32Array | Float64Array, n: number, d: number, nonZeros: number): Csr {
  const ptr = new Int32Array(n + 1);
  const cols = new Int32Array(nonZeros);
  const vals = X instanceof Float32Array ? new Float32Array(nonZeros) : new Float64Array(nonZeros);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const v = X[i * d + k];
      if (v !== 0) {
        cols[at] = k;
        vals[at++] = v;
      }
    }
    ptr[i + 1] = at;
  }
  return { ptr, cols, vals };
}

/** Pruning radius in the partition's geometry, with slack far above any rounding of the distances involved. */
function pruningRadius(eps: number, cosine: boolean, X: Float32Array | Float64Array, d: number, all: boolean): number {
  if (all) return Number.POSITIVE_INFINITY;
  // Cosine: an angle. acos near 0 turns a rounding of 1e-16 into at most ~1.5e-8 rad, far under the slack.
  // From eps = 1 on, every pair at 90° or less is a neighbour and zero rows join in: no pruning is worth it.
  if (cosine) return eps >= 1 ? Number.POSITIVE_INFINITY : Math.acos(1 - eps) * (1 + 1e-9) + 1e-7;
  let maxAbs = 0;
  for (let k = 0; k < X.length; k++) maxAbs = Math.max(maxAbs, Math.abs(X[k]));
  return eps * (1 + 1e-9) + 1e-12 * maxAbs * Math.sqrt(d + 1);
}

type Alloc = <T extends Float64Array | Float32Array | Int32Array | Uint8Array>(
  ctor: { new (buffer: ArrayBuffer | SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
) => T;

function allocator(shared: boolean): Alloc {
  return (ctor, length) => {
    const bytes = Math.max(1, length) * ctor.BYTES_PER_ELEMENT;
    const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    return new ctor(buffer).subarray(0, length) as never;
  };
}

/** Threads to use: the caller's choice, else all cores for large inputs. */
function threadCount(requested: number | undefined, values: number): number {
  if (requested !== undefined) return requested;
  if (values < PARALLEL_MIN_VALUES) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

/** The input in the metric's geometry: values, per-row scales, pruning radius and the sparse form if it pays. */
export interface Geometry {
  X: Float32Array | Float64Array;
  scale: Float64Array;
  cosine: boolean;
  everything: boolean;
  r: number;
  sparse: boolean;
  csr: Csr | null;
}

export function prepareGeometry(packed: PackedMatrix, cosine: boolean, eps: number): Geometry {
  const { n, d } = packed;
  const X = cosine && packed.extreme ? normaliseExtreme(packed).X : packed.X;
  const scale = rowScales(X, n, d, cosine);
  const everything = cosine ? eps >= 2 : eps === Number.POSITIVE_INFINITY;
  const r = pruningRadius(eps, cosine, X, d, everything);
  let nonZeros = 0;
  for (let k = 0; k < X.length; k++) if (X[k] !== 0) nonZeros++;
  const sparse = cosine && !everything && d >= 16 && nonZeros <= SPARSE_MAX_DENSITY * n * d;
  return { X, scale, cosine, everything, r, sparse, csr: sparse ? toCsr(X, n, d, nonZeros) : null };
}

export interface StateInput {
  geometry: Geometry;
  d: number;
  eps: number;
  minSamples: number;
  weights: Float64Array | null;
  part: Partition;
  /** The rows of the state, in order (indices into the geometry's rows): the partition's, then any extra. */
  rows: Int32Array;
  threads: number;
  tolerance: number;
}

/** Lays the rows out in state order, in SharedArrayBuffers when more than one thread will read them. */
export function buildState(input: StateInput): KernelState {
  const { geometry, d, eps, minSamples, weights, part, rows, threads, tolerance } = input;
  const { X: X0, scale, cosine, everything, sparse, csr, r } = geometry;
  const m = rows.length;
  const k = part.gStart.length - 1;
  const alloc = allocator(threads > 1);
  const denseLength = sparse ? 0 : m * d;
  const X: Float32Array | Float64Array =
    X0 instanceof Float32Array ? alloc(Float32Array, denseLength) : alloc(Float64Array, denseLength);
  let keptNonZeros = 0;
  if (csr !== null) for (let p = 0; p < m; p++) keptNonZeros += csr.ptr[rows[p] + 1] - csr.ptr[rows[p]];
  const ptr = alloc(Int32Array, csr === null ? 0 : m + 1);
  const cols = alloc(Int32Array, keptNonZeros);
  const vals: Float32Array | Float64Array =
    X0 instanceof Float32Array ? alloc(Float32Array, keptNonZeros) : alloc(Float64Array, keptNonZeros);
  const inv = alloc(Float64Array, m);
  const w = weights === null ? null : alloc(Float64Array, m);
  for (let p = 0; p < m; p++) {
    const o = rows[p];
    if (csr === null) X.set(X0.subarray(o * d, o * d + d), p * d);
    else {
      const from = csr.ptr[o];
      const len = csr.ptr[o + 1] - from;
      ptr[p + 1] = ptr[p] + len;
      cols.set(csr.cols.subarray(from, from + len), ptr[p]);
      vals.set(csr.vals.subarray(from, from + len), ptr[p]);
    }
    inv[p] = scale[o];
    if (w !== null && weights !== null) w[p] = weights[o];
  }
  // Early-exit bounds for the neighbour test (see `isNeighbour`).
  const chunks = everything || sparse || d < 32 ? 0 : Math.floor((d - 1) / 16);
  const tails = alloc(Float64Array, cosine ? m * chunks : 0);
  if (cosine && chunks > 0) {
    for (let p = 0; p < m; p++) {
      let s = 0;
      for (let c = chunks - 1, t = d - 1; c >= 0; c--) {
        for (; t >= (c + 1) * 16; t--) s += X[p * d + t] * X[p * d + t];
        tails[p * chunks + c] = Math.sqrt(s) * inv[p] * (1 + 1e-12);
      }
    }
  }
  const cTails = alloc(Float64Array, cosine ? k * chunks : 0);
  const gCos = alloc(Float64Array, k).fill(Number.NEGATIVE_INFINITY);
  for (let g = 0; g < k && cosine; g++) {
    if (chunks > 0) {
      let s = 0;
      for (let c = chunks - 1, t = d - 1; c >= 0; c--) {
        for (; t >= (c + 1) * 16; t--) s += part.C[g * d + t] ** 2;
        cTails[g * chunks + c] = Math.sqrt(s) * (1 + 1e-12);
      }
    }
    const limit = r + part.gRad[g];
    if (limit < Math.PI) gCos[g] = Math.cos(limit) - 1e-9;
  }
  const copy = <T extends Float64Array | Int32Array>(src: T): T => {
    const dst = alloc(src.constructor as never, src.length) as T;
    dst.set(src as never);
    return dst;
  };

  // Largest expected cost first, so that no thread is left with one big block at the end.
  const cost = new Float64Array(k);
  for (let g = 0; g < k; g++) {
    const size = part.gStart[g + 1] - part.gStart[g];
    let c = size * size;
    for (let e = part.nbStart[g]; e < part.nbStart[g + 1]; e++) {
      const h = part.nbList[e];
      c += size * (part.gStart[h + 1] - part.gStart[h]);
    }
    cost[g] = c;
  }
  const tasks = alloc(Int32Array, k);
  tasks.set(Int32Array.from(cost.keys()).sort((a, b) => cost[b] - cost[a]));

  const S: KernelState = {
    n: m,
    d,
    cosine,
    eps,
    everything,
    X,
    inv,
    sparse,
    ptr,
    cols,
    vals,
    chunks,
    tails,
    cTails,
    gCos,
    floor: 1 - eps - 1e-9,
    ceiling: (eps * (1 + 1e-9)) ** 2,
    rad: copy(part.rad),
    gStart: copy(part.gStart),
    gRad: copy(part.gRad),
    C: copy(part.C),
    nbStart: copy(part.nbStart),
    nbList: copy(part.nbList),
    nbDist: copy(part.nbDist),
    r,
    w,
    minSamples,
    saturation: minSamples + tolerance,
    cnt: alloc(Float64Array, threads * m),
    base: alloc(Float64Array, m),
    gFlag: alloc(Uint8Array, k),
    gRoot: alloc(Int32Array, k),
    core: alloc(Uint8Array, m),
    parent: alloc(Int32Array, m),
    lab: alloc(Int32Array, m),
    tasks,
    ctrl: alloc(Int32Array, CTRL.length),
  };
  for (let p = 0; p < m; p++) S.parent[p] = p;
  S.lab.fill(-1);
  return S;
}

/** The clustering itself, on validated input. */
export function runDbscan(packed: PackedMatrix, opts: ResolvedOptions): DbscanResult {
  const { n, d } = packed;
  const { eps, minSamples, cosine, weights, signal, onProgress } = opts;
  signal?.throwIfAborted();
  const labels = new Int32Array(n).fill(-1);
  if (n === 0) return { labels, coreSampleIndices: new Int32Array(0), nClusters: 0 };
  const geometry = prepareGeometry(packed, cosine, eps);
  const { scale } = geometry;

  // A zero row is at cosine distance 1 from every row, itself included: with eps < 1 it has no neighbour at all
  // (scikit-learn: noise, never core) and can leave the index.
  const keep = !cosine || eps >= 1;
  let m = 0;
  for (let i = 0; i < n; i++) if (keep || scale[i] > 0) m++;
  const members = new Int32Array(m);
  for (let i = 0, at = 0; i < n; i++) if (keep || scale[i] > 0) members[at++] = i;
  if (m === 0) return { labels, coreSampleIndices: new Int32Array(0), nClusters: 0 };
  const part = buildPartition({ ...geometry, d, members, cosine, seed: PARTITION_SEED });
  const threads = threadCount(opts.workers, m * d);
  const pos = new Int32Array(n).fill(-1);
  for (let p = 0; p < m; p++) pos[part.order[p]] = p;
  // Integer weights sum exactly; fractional ones get a tolerance band whose members are recounted exactly.
  let integral = true;
  if (weights !== null) for (let i = 0; i < n && integral; i++) integral = Number.isInteger(weights[i]);
  const tolerance = integral ? 0 : minSamples * 1e-15 * (m + 16);
  const S = buildState({ geometry, d, eps, minSamples, weights, part, rows: part.order, threads, tolerance });
  const w = S.w;
  const k = part.gStart.length - 1;

  const kernel = createKernel();
  const total = 5 * k;
  let passBase = 0;
  const onTask = (done: number): void => {
    if (signal?.aborted) Atomics.store(S.ctrl, CTRL.abort, 1);
    else onProgress?.(passBase + done, total);
  };
  const runner = createRunner(S, threads, kernel);
  try {
    const pass = (which: number): void => {
      Atomics.store(S.ctrl, CTRL.done, 0);
      runner.run(which, onProgress === undefined && signal === undefined ? null : onTask);
      signal?.throwIfAborted();
      passBase += k;
    };

    const { gStart } = S;
    pass(PASS.countWithin);
    // Fold the within-group weights into `base`, which the second half reads to skip saturated pairs.
    for (let p = 0; p < m; p++) {
      let partial = 0;
      for (let t = 0; t < threads; t++) {
        partial += S.cnt[t * m + p];
        S.cnt[t * m + p] = 0;
      }
      S.base[p] = partial;
    }
    for (let g = 0; g < k; g++) {
      let all = 1;
      for (let p = gStart[g]; p < gStart[g + 1] && all === 1; p++) {
        if ((w === null ? 1 : w[p]) + S.base[p] < S.saturation) all = 0;
      }
      S.gFlag[g] = all;
    }
    pass(PASS.countAcross);
    const positive = weights === null || weights.every((v) => v > 0);
    const scratch: number[] = [];
    for (let p = 0; p < m; p++) {
      let partial = S.base[p];
      for (let t = 0; t < threads; t++) partial += S.cnt[t * m + p];
      const self = w === null ? 1 : w[p];
      let weight = self + partial;
      if (tolerance > 0 && Math.abs(weight - minSamples) <= tolerance) {
        weight = canonicalWeight(kernel, S, p, part.order, weights!, scratch);
      }
      S.core[p] = weight >= minSamples ? 1 : positive && partial === 0 ? 2 : 0;
    }

    pass(PASS.unionWithin);
    // A group whose core rows already form one set can be skipped whole by the second half (and by pass 3).
    for (let g = 0; g < k; g++) {
      let root = -2;
      for (let p = gStart[g]; p < gStart[g + 1]; p++) {
        if (S.core[p] !== 1) continue;
        const q = kernel.find(S.parent, p);
        if (root === -2) root = q;
        else if (root !== q) {
          root = -1;
          break;
        }
      }
      S.gRoot[g] = root;
    }
    pass(PASS.unionAcross);
    // Clusters are numbered in the order of their lowest-index core row.
    const clusterOfRoot = new Int32Array(m).fill(-1);
    let nClusters = 0;
    let cores = 0;
    for (let o = 0; o < n; o++) {
      const p = pos[o];
      if (p < 0 || S.core[p] !== 1) continue;
      cores++;
      const root = kernel.find(S.parent, p);
      if (clusterOfRoot[root] < 0) clusterOfRoot[root] = nClusters++;
      S.lab[p] = clusterOfRoot[root];
    }

    pass(PASS.border);
    const coreSampleIndices = new Int32Array(cores);
    for (let o = 0, c = 0; o < n; o++) {
      const p = pos[o];
      if (p < 0) continue;
      labels[o] = S.lab[p];
      if (S.core[p] === 1) coreSampleIndices[c++] = o;
    }
    return { labels, coreSampleIndices, nClusters };
  } finally {
    runner.close();
  }
}

/** The neighbourhood weight of row p summed as scikit-learn does: neighbours in index order, NumPy's sum. */
function canonicalWeight(
  kernel: ReturnType<typeof createKernel>,
  S: KernelState,
  p: number,
  order: Int32Array,
  weights: Float64Array,
  scratch: number[],
): number {
  scratch.length = 0;
  kernel.collectNeighbours(S, p, scratch);
  const originals = Int32Array.from(scratch, (q) => order[q]).sort();
  const gathered = Float64Array.from(originals, (o) => weights[o]);
  return pairwiseSum(gathered, 0, gathered.length);
}
