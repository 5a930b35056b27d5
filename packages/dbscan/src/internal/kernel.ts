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
  /** Rows are mostly zeros (cosine only): `X` is empty and rows live in ptr/cols/vals (CSR, partition order). */
  sparse: boolean;
  ptr: Int32Array;
  cols: Int32Array;
  vals: Float32Array | Float64Array;
  /** Early-exit checkpoints per pair: one every 16 values, the last one excluded (floor((d − 1) / 16)). */
  chunks: number;
  /** Cosine: ‖x̂ after checkpoint c‖, rounded up, n × chunks. */
  tails: Float64Array;
  /** Cosine: the same for the group centres, k × chunks. */
  cTails: Float64Array;
  /** Cosine: cos(r + group radius) less slack, −Infinity when that angle reaches π (nothing to rule out). */
  gCos: Float64Array;
  /** Cosine: a pair whose optimistic dot product falls under this cannot be neighbours (1 − eps − slack). */
  floor: number;
  /** Euclidean: a pair whose partial sum of squares exceeds this cannot be neighbours (eps², plus slack). */
  ceiling: number;
  /** Distance (cosine: angle) of each row to its group centre; ascending within each group. */
  rad: Float64Array;
  /** Groups: rows gStart[g] .. gStart[g + 1] - 1, centre C[g * d ..], radius gRad[g]. */
  gStart: Int32Array;
  gRad: Float64Array;
  C: Float64Array;
  /** For each group, the other groups that may hold a neighbour (ascending), as CSR. */
  nbStart: Int32Array;
  nbList: Int32Array;
  /** Distance between the centres of the two groups, parallel to `nbList`. */
  nbDist: Float64Array;
  /** Pruning radius in the partition's geometry (an angle for cosine), with slack for rounding. */
  r: number;
  /** Weights in partition order, or null when every weight is 1. */
  w: Float64Array | null;
  minSamples: number;
  /** A point whose partial weight reaches this is certainly core: its remaining pairs may be skipped. */
  saturation: number;
  /** Partial neighbour weights (self excluded), one slice of n per thread. */
  cnt: Float64Array;
  /** Neighbour weights found within groups (self excluded), set between the two halves of pass 1. */
  base: Float64Array;
  /** 1 when every row of the group was saturated within its group. */
  gFlag: Uint8Array;
  /** After pass 2's first half: −2 if the group has no core row, a core row shared by all of them, or −1. */
  gRoot: Int32Array;
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
  assignRow(S: KernelState, q: number, groups: Int32Array, minLabel: Int32Array): number;
  workerLoop(S: KernelState, thread: number, report: (message: string) => void): void;
}

/** Indices into `KernelState.ctrl`. Duplicated as literals inside the factory, which cannot see this. */
export const CTRL = { next: 0, done: 1, gen: 2, cmd: 3, ack: 4, abort: 5, error: 6, length: 7 } as const;
export const PASS = { countWithin: 1, countAcross: 2, unionWithin: 3, unionAcross: 4, border: 5, exit: 9 } as const;

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
  // Sparse mode: the current outer row, scattered into a dense buffer (one per thread: each has its own kernel).
  let buf = new Float64Array(0);
  let bufOwner: KernelState | null = null;
  let bufRow = -1;

  function load(S: KernelState, i: number): void {
    if (bufOwner !== S) {
      buf = new Float64Array(S.d);
      bufOwner = S;
      bufRow = -1;
    }
    const { ptr, cols, vals } = S;
    if (bufRow >= 0) for (let t = ptr[bufRow]; t < ptr[bufRow + 1]; t++) buf[cols[t]] = 0;
    for (let t = ptr[i]; t < ptr[i + 1]; t++) buf[cols[t]] = vals[t];
    bufRow = i;
  }

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

  /**
   * Distance from row i to the centre of group h in the partition's geometry: for cosine the angle between the
   * row and the group's unit direction (+Infinity when it is certainly out of reach, see `gCos`), else the
   * euclidean distance (direct differences: no cancellation).
   */
  function centreDistance(S: KernelState, i: number, h: number): number {
    const X = S.X;
    const C = S.C;
    const d = S.d;
    const p = i * d;
    const q = h * d;
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    if (S.sparse) {
      const { ptr, cols, vals } = S;
      for (let t = ptr[i]; t < ptr[i + 1]; t++) s0 += vals[t] * C[q + cols[t]];
      const c = s0 * S.inv[i];
      // Out of reach (see `gCos`): skip the arc cosine.
      if (c < S.gCos[h]) return Number.POSITIVE_INFINITY;
      return Math.acos(c > 1 ? 1 : Math.max(c, -1));
    }
    if (S.cosine) {
      for (; k + 1 < d; k += 2) {
        s0 += X[p + k] * C[q + k];
        s1 += X[p + k + 1] * C[q + k + 1];
      }
      if (k < d) s0 += X[p + k] * C[q + k];
      const c = (s0 + s1) * S.inv[i];
      if (c < S.gCos[h]) return Number.POSITIVE_INFINITY;
      return Math.acos(c > 1 ? 1 : Math.max(c, -1));
    }
    for (; k + 1 < d; k += 2) {
      const t0 = X[p + k] - C[q + k];
      const t1 = X[p + k + 1] - C[q + k + 1];
      s0 += t0 * t0;
      s1 += t1 * t1;
    }
    if (k < d) {
      const t = X[p + k] - C[q + k];
      s0 += t * t;
    }
    return Math.sqrt(s0 + s1);
  }

  /**
   * `centreDistance` for dense cosine rows, giving up early (+Infinity) once Cauchy–Schwarz on the remaining
   * values shows the angle exceeds r + the group's radius (cosine under `gCos[h]`): then the group is out of reach.
   */
  function boundedCentreDistance(S: KernelState, i: number, h: number): number {
    const X = S.X;
    const C = S.C;
    const d = S.d;
    const chunks = S.chunks;
    const p = i * d;
    const q = h * d;
    const inv = S.inv[i];
    const floor = S.gCos[h];
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (let c = 0; c < chunks; c++) {
      for (const stop = k + 16; k < stop; k += 2) {
        s0 += X[p + k] * C[q + k];
        s1 += X[p + k + 1] * C[q + k + 1];
      }
      if ((s0 + s1) * inv + S.tails[i * chunks + c] * S.cTails[h * chunks + c] < floor) return Number.POSITIVE_INFINITY;
    }
    for (; k + 1 < d; k += 2) {
      s0 += X[p + k] * C[q + k];
      s1 += X[p + k + 1] * C[q + k + 1];
    }
    if (k < d) s0 += X[p + k] * C[q + k];
    const c = (s0 + s1) * inv;
    if (c < floor) return Number.POSITIVE_INFINITY;
    return Math.acos(c > 1 ? 1 : Math.max(c, -1));
  }

  /**
   * The exact neighbour test, in float64 (float32 inputs are widened, so every product is exact).
   * Cosine mirrors scikit-learn: distance = 1 - (x/‖x‖)·(y/‖y‖), neighbour when distance <= eps. Clipping the
   * distance to [0, 2] changes nothing for 0 < eps < 2, and eps >= 2 sets `everything`.
   * Every CHUNK values it stops early when the pair can no longer be neighbours: for cosine the rest of the dot
   * product is at most ‖x̂ rest‖ · ‖ŷ rest‖ (Cauchy–Schwarz, `tails`), for euclidean the partial sum of squares
   * only grows. The decision itself always comes from the full sum.
   */
  function isNeighbour(S: KernelState, i: number, j: number): boolean {
    if (S.everything) return true;
    if (S.sparse) {
      // Row i is scattered once for a whole range of j; each pair then costs j's non-zeros only.
      if (bufRow !== i || bufOwner !== S) load(S, i);
      const { ptr, cols, vals } = S;
      const e = ptr[j + 1];
      let s0 = 0;
      let s1 = 0;
      let t = ptr[j];
      for (; t + 1 < e; t += 2) {
        s0 += buf[cols[t]] * vals[t];
        s1 += buf[cols[t + 1]] * vals[t + 1];
      }
      if (t < e) s0 += buf[cols[t]] * vals[t];
      return 1 - (s0 + s1) * S.inv[i] * S.inv[j] <= S.eps;
    }
    const X = S.X;
    const d = S.d;
    const p = i * d;
    const q = j * d;
    const chunks = S.chunks;
    const tails = S.tails;
    const end = d - (d & 3);
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let k = 0;
    if (S.cosine) {
      const inv = S.inv;
      const scale = inv[i] * inv[j];
      const floor = S.floor;
      for (let c = 0; c < chunks; c++) {
        for (const stop = k + 16; k < stop; k += 4) {
          a0 += X[p + k] * X[q + k];
          a1 += X[p + k + 1] * X[q + k + 1];
          a2 += X[p + k + 2] * X[q + k + 2];
          a3 += X[p + k + 3] * X[q + k + 3];
        }
        if ((a0 + a1 + (a2 + a3)) * scale + tails[i * chunks + c] * tails[j * chunks + c] < floor) return false;
      }
      for (; k < end; k += 4) {
        a0 += X[p + k] * X[q + k];
        a1 += X[p + k + 1] * X[q + k + 1];
        a2 += X[p + k + 2] * X[q + k + 2];
        a3 += X[p + k + 3] * X[q + k + 3];
      }
      for (; k < d; k++) a0 += X[p + k] * X[q + k];
      return 1 - (a0 + a1 + (a2 + a3)) * inv[i] * inv[j] <= S.eps;
    }
    const ceiling = S.ceiling;
    for (let c = 0; c < chunks; c++) {
      for (const stop = k + 16; k < stop; k += 4) {
        const t0 = X[p + k] - X[q + k];
        const t1 = X[p + k + 1] - X[q + k + 1];
        const t2 = X[p + k + 2] - X[q + k + 2];
        const t3 = X[p + k + 3] - X[q + k + 3];
        a0 += t0 * t0;
        a1 += t1 * t1;
        a2 += t2 * t2;
        a3 += t3 * t3;
      }
      if (a0 + a1 + (a2 + a3) > ceiling) return false;
    }
    for (; k < end; k += 4) {
      const t0 = X[p + k] - X[q + k];
      const t1 = X[p + k + 1] - X[q + k + 1];
      const t2 = X[p + k + 2] - X[q + k + 2];
      const t3 = X[p + k + 3] - X[q + k + 3];
      a0 += t0 * t0;
      a1 += t1 * t1;
      a2 += t2 * t2;
      a3 += t3 * t3;
    }
    for (; k < d; k++) {
      const t = X[p + k] - X[q + k];
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
   * Rows of group h that may lie within r of row a, as [lo, hi) in `span[0..1]`; false when h's ball is out of reach.
   * Rows of h are sorted by their distance to its centre, so the triangle inequality leaves one annulus.
   */
  function reach(S: KernelState, a: number, h: number, span: Int32Array): boolean {
    const r = S.r;
    // The early-exit bound is cosine's (Cauchy–Schwarz on a dot product); euclidean rows always take the plain distance.
    const delta = S.cosine && S.chunks > 0 ? boundedCentreDistance(S, a, h) : centreDistance(S, a, h);
    if (delta - r > S.gRad[h]) return false;
    const end = S.gStart[h + 1];
    const lo = lowerBound(S.rad, S.gStart[h], end, delta - r);
    span[0] = lo;
    span[1] = upperBound(S.rad, lo, end, delta + r);
    return true;
  }

  /**
   * Rows of group `outer` that may reach group `inner` (centres `between` apart): for a row at distance ρ from
   * its own centre, the distance to the other centre is at least |between − ρ|, so only ρ within
   * between ± (r + inner radius) remain; rows are sorted by ρ, which leaves one range, [span[2], span[3]).
   */
  function outerRows(S: KernelState, outer: number, inner: number, between: number, span: Int32Array): void {
    const slack = S.r + S.gRad[inner];
    const end = S.gStart[outer + 1];
    const first = lowerBound(S.rad, S.gStart[outer], end, between - slack);
    span[2] = first;
    span[3] = upperBound(S.rad, first, end, between + slack);
  }

  /** Saturation of row i as seen by this thread: its weight, the shared base and this thread's partial. */
  function weightOf(S: KernelState, off: number, i: number): number {
    return (S.w === null ? 1 : S.w[i]) + S.base[i] + S.cnt[off + i];
  }

  /** Counts the pairs (a, j), j in [lo, hi), on both sides; skips those whose ends are both saturated. */
  function countRange(S: KernelState, off: number, a: number, lo: number, hi: number): void {
    const sat = S.saturation;
    const w = S.w;
    const cnt = S.cnt;
    const wa = w === null ? 1 : w[a];
    let satA = weightOf(S, off, a) >= sat;
    for (let j = lo; j < hi; j++) {
      if (satA && weightOf(S, off, j) >= sat) continue;
      if (isNeighbour(S, a, j)) {
        cnt[off + a] += w === null ? 1 : w[j];
        cnt[off + j] += wa;
        if (!satA) satA = weightOf(S, off, a) >= sat;
      }
    }
  }

  /** Unites core row a with its core neighbours in [lo, hi) not yet in its set. */
  function uniteRange(S: KernelState, a: number, lo: number, hi: number): void {
    const core = S.core;
    const parent = S.parent;
    let ra = find(parent, a);
    for (let j = lo; j < hi; j++) {
      if (core[j] !== 1 || find(parent, j) === ra) continue;
      if (isNeighbour(S, a, j)) {
        unite(parent, a, j);
        ra = find(parent, a);
      }
    }
  }

  /**
   * Pass 1, within each group (first half) or across groups (second half): neighbour weights, each pair counted
   * once on both sides. A pair whose ends are both already saturated is skipped: both are core whatever it adds.
   * Counting within groups first saturates most rows of dense regions cheaply, so that most pairs across groups
   * are skipped. Across groups, the rows of the wider ball are tested against the tighter ball: isolated rows
   * then prune whole dense groups, while the reverse would prune nothing.
   */
  function countTask(S: KernelState, thread: number, g: number, across: boolean): void {
    const off = thread * S.n;
    const gStart = S.gStart;
    const span = new Int32Array(4);
    if (!across) {
      const ge = gStart[g + 1];
      for (let i = gStart[g]; i < ge; i++) countRange(S, off, i, i + 1, upperBound(S.rad, i + 1, ge, S.rad[i] + S.r));
      return;
    }
    const sat = S.saturation;
    for (let e = S.nbStart[g]; e < S.nbStart[g + 1]; e++) {
      const h = S.nbList[e];
      if (h < g) continue;
      const inner = S.gRad[h] <= S.gRad[g] ? h : g;
      const outer = inner === h ? g : h;
      const innerSaturated = S.gFlag[inner] === 1;
      if (innerSaturated && S.gFlag[outer] === 1) continue;
      outerRows(S, outer, inner, S.nbDist[e], span);
      for (let a = span[2], last = span[3]; a < last; a++) {
        if (innerSaturated && weightOf(S, off, a) >= sat) continue;
        if (reach(S, a, inner, span)) countRange(S, off, a, span[0], span[1]);
      }
    }
  }

  /**
   * Pass 2, within each group then across groups: union of core–core neighbour pairs. Pairs already in one set
   * need no arithmetic, and a group whose core rows already share a row's set is skipped whole.
   */
  function unionTask(S: KernelState, g: number, across: boolean): void {
    const core = S.core;
    const parent = S.parent;
    const gStart = S.gStart;
    const span = new Int32Array(4);
    if (!across) {
      const ge = gStart[g + 1];
      for (let i = gStart[g]; i < ge; i++) {
        if (core[i] === 1) uniteRange(S, i, i + 1, upperBound(S.rad, i + 1, ge, S.rad[i] + S.r));
      }
      return;
    }
    for (let e = S.nbStart[g]; e < S.nbStart[g + 1]; e++) {
      const h = S.nbList[e];
      if (h < g || S.gRoot[h] === -2 || S.gRoot[g] === -2) continue;
      const inner = S.gRad[h] <= S.gRad[g] ? h : g;
      const outer = inner === h ? g : h;
      const innerRoot = S.gRoot[inner];
      outerRows(S, outer, inner, S.nbDist[e], span);
      for (let a = span[2], last = span[3]; a < last; a++) {
        if (core[a] !== 1) continue;
        if (innerRoot >= 0 && find(parent, innerRoot) === find(parent, a)) continue;
        if (reach(S, a, inner, span)) uniteRange(S, a, span[0], span[1]);
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
    const gs = S.gStart[g];
    const ge = S.gStart[g + 1];
    const span = new Int32Array(4);
    for (let i = gs; i < ge; i++) {
      if (core[i] !== 0) continue;
      let best = NO_LABEL;
      let lo = lowerBound(rad, gs, ge, rad[i] - r);
      let hi = upperBound(rad, lo, ge, rad[i] + r);
      for (let e = S.nbStart[g] - 1; e < S.nbStart[g + 1]; e++) {
        if (e >= S.nbStart[g]) {
          const h = S.nbList[e];
          const root = S.gRoot[h];
          // No core row there, or all of them in one cluster that cannot improve on `best`, or out of reach.
          if (root === -2 || (root >= 0 && lab[root] >= best)) continue;
          if (Math.abs(S.nbDist[e] - rad[i]) - r > S.gRad[h] || !reach(S, i, h, span)) continue;
          lo = span[0];
          hi = span[1];
        }
        for (let j = lo; j < hi; j++) {
          if (core[j] !== 1) continue;
          const lj = lab[j];
          if (lj < best && isNeighbour(S, i, j)) best = lj;
        }
        if (best === 0) break;
      }
      lab[i] = best === NO_LABEL ? -1 : best;
    }
  }

  /**
   * The cluster a row joins as a border row would: the lowest label among the core rows (every row of the
   * partition) within eps, or −1. `groups` lists the groups by their lowest label, `minLabel` gives it.
   */
  function assignRow(S: KernelState, q: number, groups: Int32Array, minLabel: Int32Array): number {
    const lab = S.lab;
    const span = new Int32Array(4);
    let best = NO_LABEL;
    for (let t = 0; t < groups.length; t++) {
      const h = groups[t];
      if (minLabel[h] >= best) break;
      if (!reach(S, q, h, span)) continue;
      for (let j = span[0]; j < span[1]; j++) {
        const lj = lab[j];
        if (lj < best && isNeighbour(S, q, j)) best = lj;
      }
    }
    return best === NO_LABEL ? -1 : best;
  }

  /** Every neighbour of row i (itself included), in no particular order. Used for rare exact recounts. */
  function collectNeighbours(S: KernelState, i: number, out: number[]): void {
    const span = new Int32Array(4);
    let g = 0;
    while (S.gStart[g + 1] <= i) g++;
    for (let e = S.nbStart[g] - 1; e < S.nbStart[g + 1]; e++) {
      const h = e < S.nbStart[g] ? g : S.nbList[e];
      if (!reach(S, i, h, span)) continue;
      for (let j = span[0]; j < span[1]; j++) if (j === i || isNeighbour(S, i, j)) out.push(j);
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
      if (pass === 1 || pass === 2) countTask(S, thread, g, pass === 2);
      else if (pass === 3 || pass === 4) unionTask(S, g, pass === 4);
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

  return { runPass, find, isNeighbour, collectNeighbours, assignRow, workerLoop };
}

/** The factory's source text, for `new Worker(code, { eval: true })`. */
export function kernelSource(): string {
  return createKernel.toString();
}
