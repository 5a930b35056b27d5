/**
 * The three DBSCAN passes (neighbour weights, core–core union, border assignment) over a partitioned,
 * row-permuted matrix.
 *
 * Everything lives inside one self-contained factory so that worker threads run the very same code:
 * `kernelSource()` is the factory's text, evaluated in each worker (see `pool.ts`). The factory must therefore
 * reference nothing outside its own body: no imports, no module constants, no helpers defined elsewhere.
 */

/** Typed arrays and scalars shared by every thread. Index positions are rows of `X` (partition order). */
export interface KernelState {
  n: number;
  d: number;
  cosine: boolean;
  eps: number;
  /** Every pair is a neighbour (cosine with eps >= 2, or eps = Infinity): skip the arithmetic. */
  everything: boolean;
  /** Rows in partition order: the input values, not normalised, so products are exact in float64. */
  X: Float32Array | Float64Array;
  /** Cosine: 1 / ‖row‖ (0 for a zero row). Euclidean: all ones. */
  inv: Float64Array;
  /** Distance of each row to its group centre; ascending within each group. */
  rad: Float64Array;
  /** Groups: rows gStart[g] .. gStart[g + 1] - 1, centre C[g * d ..], radius gRad[g]. */
  gStart: Int32Array;
  gRad: Float64Array;
  C: Float64Array;
  /** For each group, the other groups that may hold a neighbour (ascending), as CSR. */
  nbStart: Int32Array;
  nbList: Int32Array;
  /** Pruning radius in the partition's geometry, with slack for rounding. */
  r: number;
  /** Weights in partition order, or null when every weight is 1. */
  w: Float64Array | null;
  minSamples: number;
  /** A point whose partial weight reaches this is certainly core: its remaining pairs may be skipped. */
  saturation: number;
  /** Partial neighbour weights (self excluded), one slice of n per thread. */
  cnt: Float64Array;
  /** 1 = core, 0 = not core, 2 = not core and no neighbour at all (pass 3 skips it). */
  core: Uint8Array;
  parent: Int32Array;
  /** Cluster label of core rows after pass 2; of every row after pass 3. */
  lab: Int32Array;
  /** Groups in the order threads take them (largest estimated cost first). */
  tasks: Int32Array;
  /** [next task, finished tasks, generation, command, acknowledgements, abort, error]. */
  ctrl: Int32Array;
}

/** What the factory returns. */
export interface Kernel {
  runPass(S: KernelState, pass: number, thread: number, onTask: ((done: number) => void) | null): void;
  find(parent: Int32Array, x: number): number;
  isNeighbour(S: KernelState, i: number, j: number): boolean;
  collectNeighbours(S: KernelState, i: number, out: number[]): void;
  workerLoop(S: KernelState, thread: number, report: (message: string) => void): void;
}

/** Indices into `KernelState.ctrl`. Duplicated as literals inside the factory, which cannot see this. */
export const CTRL = { next: 0, done: 1, gen: 2, cmd: 3, ack: 4, abort: 5, error: 6, length: 7 } as const;
export const PASS = { count: 1, union: 2, border: 3, exit: 9 } as const;

/** Builds the kernel. Self-contained on purpose (see the file header). */
export function createKernel(): Kernel {
  const NEXT = 0;
  const DONE = 1;
  const GEN = 2;
  const CMD = 3;
  const ACK = 4;
  const ABORT = 5;
  const ERROR = 6;
  const NO_LABEL = 0x7fffffff;

  /** First index in [lo, hi) whose value is >= v (rad is ascending there). */
  function lowerBound(a: Float64Array, lo: number, hi: number, v: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in [lo, hi) whose value is > v. */
  function upperBound(a: Float64Array, lo: number, hi: number, v: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Distance from row i (normalised for cosine) to the centre of group h. Direct differences: no cancellation. */
  function centreDistance(S: KernelState, i: number, h: number): number {
    const X = S.X;
    const C = S.C;
    const d = S.d;
    const sc = S.inv[i];
    const p = i * d;
    const q = h * d;
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < d; k += 2) {
      const t0 = X[p + k] * sc - C[q + k];
      const t1 = X[p + k + 1] * sc - C[q + k + 1];
      s0 += t0 * t0;
      s1 += t1 * t1;
    }
    if (k < d) {
      const t = X[p + k] * sc - C[q + k];
      s0 += t * t;
    }
    return Math.sqrt(s0 + s1);
  }

  /**
   * The exact neighbour test, in float64 (float32 inputs are widened, so every product is exact).
   * Cosine mirrors scikit-learn: distance = 1 - (x/‖x‖)·(y/‖y‖), neighbour when distance <= eps. Clipping the
   * distance to [0, 2] changes nothing for 0 < eps < 2, and eps >= 2 sets `everything`.
   */
  function isNeighbour(S: KernelState, i: number, j: number): boolean {
    if (S.everything) return true;
    const X = S.X;
    const d = S.d;
    let p = i * d;
    let q = j * d;
    const end = p + d - (d & 3);
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    if (S.cosine) {
      for (; p < end; p += 4, q += 4) {
        a0 += X[p] * X[q];
        a1 += X[p + 1] * X[q + 1];
        a2 += X[p + 2] * X[q + 2];
        a3 += X[p + 3] * X[q + 3];
      }
      for (const stop = i * d + d; p < stop; p++, q++) a0 += X[p] * X[q];
      const inv = S.inv;
      return 1 - (a0 + a1 + (a2 + a3)) * inv[i] * inv[j] <= S.eps;
    }
    for (; p < end; p += 4, q += 4) {
      const t0 = X[p] - X[q];
      const t1 = X[p + 1] - X[q + 1];
      const t2 = X[p + 2] - X[q + 2];
      const t3 = X[p + 3] - X[q + 3];
      a0 += t0 * t0;
      a1 += t1 * t1;
      a2 += t2 * t2;
      a3 += t3 * t3;
    }
    for (const stop = i * d + d; p < stop; p++, q++) {
      const t = X[p] - X[q];
      a0 += t * t;
    }
    return Math.sqrt(a0 + a1 + (a2 + a3)) <= S.eps;
  }

  /** Root of x, halving the path. Safe under concurrency: a row's parent only ever moves to an ancestor. */
  function find(parent: Int32Array, x: number): number {
    for (;;) {
      const p = parent[x];
      if (p === x) return x;
      const gp = parent[p];
      if (gp === p) return p;
      parent[x] = gp;
      x = gp;
    }
  }

  /** Joins the sets of a and b. The larger root is linked under the smaller, by compare-and-swap. */
  function unite(parent: Int32Array, a: number, b: number): void {
    for (;;) {
      a = find(parent, a);
      b = find(parent, b);
      if (a === b) return;
      if (a < b) {
        const t = a;
        a = b;
        b = t;
      }
      if (Atomics.compareExchange(parent, a, a, b) === a) return;
    }
  }

  /**
   * Pass 1 for group g: every pair (i, j) with i in g and j in g (j > i) or in a later candidate group, counted
   * once on both sides. A pair whose ends are both already saturated is skipped: both are core whatever it adds.
   */
  function countTask(S: KernelState, thread: number, g: number): void {
    const n = S.n;
    const off = thread * n;
    const cnt = S.cnt;
    const w = S.w;
    const rad = S.rad;
    const r = S.r;
    const sat = S.saturation;
    const gStart = S.gStart;
    const nbList = S.nbList;
    const ge = gStart[g + 1];
    const nbEnd = S.nbStart[g + 1];
    let nbFirst = S.nbStart[g];
    while (nbFirst < nbEnd && nbList[nbFirst] < g) nbFirst++;
    for (let i = gStart[g]; i < ge; i++) {
      const wi = w === null ? 1 : w[i];
      let ci = cnt[off + i];
      let satI = wi + ci >= sat;
      let lo = i + 1;
      let hi = upperBound(rad, lo, ge, rad[i] + r);
      let e = nbFirst;
      for (;;) {
        for (let j = lo; j < hi; j++) {
          const wj = w === null ? 1 : w[j];
          if (satI && wj + cnt[off + j] >= sat) continue;
          if (isNeighbour(S, i, j)) {
            ci += wj;
            cnt[off + j] += wi;
            if (!satI && wi + ci >= sat) satI = true;
          }
        }
        // Next candidate group whose ball can reach row i; rows outside [δ - r, δ + r] cannot be neighbours.
        let found = false;
        while (e < nbEnd) {
          const h = nbList[e++];
          const delta = centreDistance(S, i, h);
          if (delta - r > S.gRad[h]) continue;
          lo = lowerBound(rad, gStart[h], gStart[h + 1], delta - r);
          hi = upperBound(rad, lo, gStart[h + 1], delta + r);
          found = true;
          break;
        }
        if (!found) break;
      }
      cnt[off + i] = ci;
    }
  }

  /** Pass 2 for group g: union of core–core neighbour pairs; pairs already in one set need no arithmetic. */
  function unionTask(S: KernelState, g: number): void {
    const core = S.core;
    const parent = S.parent;
    const rad = S.rad;
    const r = S.r;
    const gStart = S.gStart;
    const nbList = S.nbList;
    const ge = gStart[g + 1];
    const nbEnd = S.nbStart[g + 1];
    let nbFirst = S.nbStart[g];
    while (nbFirst < nbEnd && nbList[nbFirst] < g) nbFirst++;
    for (let i = gStart[g]; i < ge; i++) {
      if (core[i] !== 1) continue;
      let ri = find(parent, i);
      let lo = i + 1;
      let hi = upperBound(rad, lo, ge, rad[i] + r);
      let e = nbFirst;
      for (;;) {
        for (let j = lo; j < hi; j++) {
          if (core[j] !== 1) continue;
          if (find(parent, j) === ri) continue;
          if (isNeighbour(S, i, j)) {
            unite(parent, i, j);
            ri = find(parent, i);
          }
        }
        let found = false;
        while (e < nbEnd) {
          const h = nbList[e++];
          const delta = centreDistance(S, i, h);
          if (delta - r > S.gRad[h]) continue;
          lo = lowerBound(rad, gStart[h], gStart[h + 1], delta - r);
          hi = upperBound(rad, lo, gStart[h + 1], delta + r);
          found = true;
          break;
        }
        if (!found) break;
      }
    }
  }

  /**
   * Pass 3 for group g: each non-core row takes the lowest cluster label among its core neighbours, which is
   * the cluster that scikit-learn's expansion (clusters in order of their lowest-index core row) reaches first.
   */
  function borderTask(S: KernelState, g: number): void {
    const core = S.core;
    const lab = S.lab;
    const rad = S.rad;
    const r = S.r;
    const gStart = S.gStart;
    const nbList = S.nbList;
    const gs = gStart[g];
    const ge = gStart[g + 1];
    const nbEnd = S.nbStart[g + 1];
    for (let i = gs; i < ge; i++) {
      if (core[i] !== 0) continue;
      let best = NO_LABEL;
      let lo = lowerBound(rad, gs, ge, rad[i] - r);
      let hi = upperBound(rad, lo, ge, rad[i] + r);
      let e = S.nbStart[g];
      for (;;) {
        for (let j = lo; j < hi; j++) {
          if (core[j] !== 1) continue;
          const lj = lab[j];
          if (lj >= best) continue;
          if (isNeighbour(S, i, j)) best = lj;
        }
        if (best === 0) break;
        let found = false;
        while (e < nbEnd) {
          const h = nbList[e++];
          const delta = centreDistance(S, i, h);
          if (delta - r > S.gRad[h]) continue;
          lo = lowerBound(rad, gStart[h], gStart[h + 1], delta - r);
          hi = upperBound(rad, lo, gStart[h + 1], delta + r);
          found = true;
          break;
        }
        if (!found) break;
      }
      lab[i] = best === NO_LABEL ? -1 : best;
    }
  }

  /** Every neighbour of row i (itself included), in no particular order. Used for rare exact recounts. */
  function collectNeighbours(S: KernelState, i: number, out: number[]): void {
    const rad = S.rad;
    const r = S.r;
    const gStart = S.gStart;
    let g = 0;
    while (gStart[g + 1] <= i) g++;
    const nbEnd = S.nbStart[g + 1];
    let lo = lowerBound(rad, gStart[g], gStart[g + 1], rad[i] - r);
    let hi = upperBound(rad, lo, gStart[g + 1], rad[i] + r);
    let e = S.nbStart[g];
    for (;;) {
      for (let j = lo; j < hi; j++) if (j === i || isNeighbour(S, i, j)) out.push(j);
      let found = false;
      while (e < nbEnd) {
        const h = S.nbList[e++];
        const delta = centreDistance(S, i, h);
        if (delta - r > S.gRad[h]) continue;
        lo = lowerBound(rad, gStart[h], gStart[h + 1], delta - r);
        hi = upperBound(rad, lo, gStart[h + 1], delta + r);
        found = true;
        break;
      }
      if (!found) break;
    }
  }

  /** Takes tasks from the shared counter until none is left (or the run is aborted). */
  function runPass(S: KernelState, pass: number, thread: number, onTask: ((done: number) => void) | null): void {
    const ctrl = S.ctrl;
    const tasks = S.tasks;
    for (;;) {
      if (Atomics.load(ctrl, ABORT) !== 0) return;
      const t = Atomics.add(ctrl, NEXT, 1);
      if (t >= tasks.length) return;
      const g = tasks[t];
      if (pass === 1) countTask(S, thread, g);
      else if (pass === 2) unionTask(S, g);
      else borderTask(S, g);
      const done = Atomics.add(ctrl, DONE, 1) + 1;
      if (onTask !== null) onTask(done);
    }
  }

  /** A worker's life: wait for a new generation, run its pass, acknowledge; until told to exit. */
  function workerLoop(S: KernelState, thread: number, report: (message: string) => void): void {
    const ctrl = S.ctrl;
    let gen = 0;
    for (;;) {
      Atomics.wait(ctrl, GEN, gen);
      gen = Atomics.load(ctrl, GEN);
      const cmd = Atomics.load(ctrl, CMD);
      if (cmd === 9) return;
      try {
        runPass(S, cmd, thread, null);
      } catch (error) {
        report(error instanceof Error ? (error.stack ?? error.message) : String(error));
        Atomics.store(ctrl, ERROR, 1);
        Atomics.store(ctrl, ABORT, 1);
      }
      Atomics.add(ctrl, ACK, 1);
      Atomics.notify(ctrl, ACK);
    }
  }

  return { runPass, find, isNeighbour, collectNeighbours, workerLoop };
}

/** The factory's source text, for `new Worker(code, { eval: true })`. */
export function kernelSource(): string {
  return createKernel.toString();
}
