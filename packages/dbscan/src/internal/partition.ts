/**
 * Partitions the rows into small balls so that whole blocks of pairs can be skipped with the triangle
 * inequality: rows i and j can only be neighbours when ‖x_i − x_j‖ ≤ r, so a group h whose centre lies further
 * than r + (its radius) from x_i holds none of i's neighbours, and within a group (rows sorted by their distance
 * to its centre) only the rows whose distance lies in [δ − r, δ + r] can be (Elkan 2003; Moore 2000, the
 * "anchors hierarchy"). On the unit sphere ‖x − y‖² = 2 × cosine distance, so cosine uses r = √(2 eps).
 *
 * Groups come from a two-level seeded k-means (k-means++ on a sample, a few Lloyd steps, then one assignment
 * pass), which costs about n · d · 2√(n / GROUP_SIZE) flops. Any assignment keeps the pruning exact: it only
 * decides how much work is skipped.
 */

/** Rows per group the partition aims at. Small groups prune more but cost more centre distances per row. */
const GROUP_SIZE = 64;
/** k-means runs on at most this many rows per centre. */
const SAMPLE_PER_CENTRE = 24;
const LLOYD_STEPS = 4;

export interface PartitionInput {
  X: Float32Array | Float64Array;
  d: number;
  /** Per-row scale into the partition's geometry (1 / ‖x‖ for cosine, 1 for euclidean). */
  scale: Float64Array;
  /** The rows to partition (indices into X). */
  members: Int32Array;
  /** Pruning radius. */
  r: number;
  seed: number;
}

export interface Partition {
  /** Rows in partition order (indices into X). */
  order: Int32Array;
  gStart: Int32Array;
  C: Float64Array;
  gRad: Float64Array;
  /** Distance of each row (partition order) to its group centre, ascending within each group. */
  rad: Float64Array;
  nbStart: Int32Array;
  nbList: Int32Array;
}

/** Small seeded PRNG (mulberry32); the partition only affects speed, never labels. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function squaredDistanceToCentre(
  X: Float32Array | Float64Array,
  p: number,
  sc: number,
  C: Float64Array,
  q: number,
  d: number,
): number {
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
  return s0 + s1;
}

/** Index of the nearest centre to row i, and its squared distance, written to `out`. */
function nearest(
  X: Float32Array | Float64Array,
  i: number,
  sc: number,
  C: Float64Array,
  k: number,
  d: number,
  out: Float64Array,
): number {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const dist = squaredDistanceToCentre(X, i * d, sc, C, c * d, d);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  out[0] = bestD;
  return best;
}

/** Seeded k-means on (a sample of) `rows`: k-means++ seeding, then a few Lloyd steps. Returns k × d centres. */
function kmeans(input: PartitionInput, rows: Int32Array, k: number, rand: () => number): Float64Array {
  const { X, d, scale } = input;
  const m = Math.min(rows.length, k * SAMPLE_PER_CENTRE);
  const sample = new Int32Array(m);
  if (m === rows.length) sample.set(rows);
  else {
    // Partial Fisher–Yates over a copy: a uniform sample without replacement.
    const pool = Int32Array.from(rows);
    for (let t = 0; t < m; t++) {
      const u = t + Math.floor(rand() * (pool.length - t));
      const v = pool[u];
      pool[u] = pool[t];
      pool[t] = v;
      sample[t] = v;
    }
  }
  const C = new Float64Array(k * d);
  const setCentre = (c: number, row: number): void => {
    const sc = scale[row];
    for (let t = 0; t < d; t++) C[c * d + t] = X[row * d + t] * sc;
  };
  // k-means++ seeding.
  const minD = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  setCentre(0, sample[Math.floor(rand() * m)]);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let s = 0; s < m; s++) {
      const row = sample[s];
      const dist = squaredDistanceToCentre(X, row * d, scale[row], C, (c - 1) * d, d);
      if (dist < minD[s]) minD[s] = dist;
      total += minD[s];
    }
    let pick = m - 1;
    if (total > 0) {
      let target = rand() * total;
      for (let s = 0; s < m; s++) {
        target -= minD[s];
        if (target < 0) {
          pick = s;
          break;
        }
      }
    } else pick = Math.floor(rand() * m);
    setCentre(c, sample[pick]);
  }
  // Lloyd steps on the sample; an emptied centre keeps its place.
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const tmp = new Float64Array(1);
  for (let step = 0; step < LLOYD_STEPS; step++) {
    sums.fill(0);
    counts.fill(0);
    for (let s = 0; s < m; s++) {
      const row = sample[s];
      const sc = scale[row];
      const c = nearest(X, row, sc, C, k, d, tmp);
      counts[c]++;
      for (let t = 0; t < d; t++) sums[c * d + t] += X[row * d + t] * sc;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let t = 0; t < d; t++) C[c * d + t] = sums[c * d + t] / counts[c];
    }
  }
  return C;
}

/** Splits `rows` among k fresh centres; returns one list of rows per non-empty cell. */
function split(input: PartitionInput, rows: Int32Array, k: number, rand: () => number): Int32Array[] {
  if (k <= 1) return [rows];
  const C = kmeans(input, rows, k, rand);
  const { X, d, scale } = input;
  const cellOf = new Int32Array(rows.length);
  const sizes = new Int32Array(k);
  const tmp = new Float64Array(1);
  for (let s = 0; s < rows.length; s++) {
    const row = rows[s];
    const c = nearest(X, row, scale[row], C, k, d, tmp);
    cellOf[s] = c;
    sizes[c]++;
  }
  const cells: Int32Array[] = [];
  const fill = new Int32Array(k);
  const buckets = Array.from({ length: k }, (_, c) => new Int32Array(sizes[c]));
  for (let s = 0; s < rows.length; s++) {
    const c = cellOf[s];
    buckets[c][fill[c]++] = rows[s];
  }
  for (const b of buckets) if (b.length > 0) cells.push(b);
  return cells;
}

interface Ball {
  rows: Int32Array;
  centre: Float64Array;
  radius: number;
  /** Distances of `rows` to the centre. */
  dist: Float64Array;
}

/** The exact mean of the rows as centre, and each row's distance to it. */
function ball(input: PartitionInput, rows: Int32Array): Ball {
  const { X, d, scale } = input;
  const centre = new Float64Array(d);
  for (const row of rows) {
    const sc = scale[row];
    for (let t = 0; t < d; t++) centre[t] += X[row * d + t] * sc;
  }
  for (let t = 0; t < d; t++) centre[t] /= rows.length;
  const dist = new Float64Array(rows.length);
  let radius = 0;
  for (let s = 0; s < rows.length; s++) {
    const row = rows[s];
    const v = Math.sqrt(squaredDistanceToCentre(X, row * d, scale[row], centre, 0, d));
    dist[s] = v;
    if (v > radius) radius = v;
  }
  return { rows, centre, radius, dist };
}

function centreDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) {
    const v = a[t] - b[t];
    s += v * v;
  }
  return Math.sqrt(s);
}

/** Builds the two-level partition and the candidate lists between groups. */
export function buildPartition(input: PartitionInput): Partition {
  const { d, members, r } = input;
  const n = members.length;
  const rand = random(input.seed);
  const k1 = Math.max(1, Math.round(Math.sqrt(n / GROUP_SIZE)));
  const cells = split(input, members, k1, rand).map((rows) => ball(input, rows));
  const groupsOfCell: Ball[][] = cells.map((cell) =>
    split(input, cell.rows, Math.round(cell.rows.length / GROUP_SIZE), rand).map((rows) => ball(input, rows)),
  );
  const groups = groupsOfCell.flat();
  const k = groups.length;

  const order = new Int32Array(n);
  const rad = new Float64Array(n);
  const gStart = new Int32Array(k + 1);
  const C = new Float64Array(k * d);
  const gRad = new Float64Array(k);
  let at = 0;
  groups.forEach((g, gi) => {
    gStart[gi] = at;
    C.set(g.centre, gi * d);
    gRad[gi] = g.radius;
    const idx = Array.from(g.dist.keys()).sort((a, b) => g.dist[a] - g.dist[b]);
    for (const s of idx) {
      order[at] = g.rows[s];
      rad[at] = g.dist[s];
      at++;
    }
  });
  gStart[k] = at;

  // Candidate pairs of groups, pruned first between level-1 cells, then between their groups.
  const lists: number[][] = Array.from({ length: k }, () => []);
  const firstGroup: number[] = [];
  let acc = 0;
  for (const gs of groupsOfCell) {
    firstGroup.push(acc);
    acc += gs.length;
  }
  for (let a = 0; a < cells.length; a++) {
    for (let b = a; b < cells.length; b++) {
      if (a !== b && centreDistance(cells[a].centre, cells[b].centre) > cells[a].radius + cells[b].radius + r) continue;
      const ga = groupsOfCell[a];
      const gb = groupsOfCell[b];
      for (let x = 0; x < ga.length; x++) {
        for (let y = a === b ? x + 1 : 0; y < gb.length; y++) {
          const gx = ga[x];
          const gy = gb[y];
          if (centreDistance(gx.centre, gy.centre) > gx.radius + gy.radius + r) continue;
          const ix = firstGroup[a] + x;
          const iy = firstGroup[b] + y;
          lists[ix].push(iy);
          lists[iy].push(ix);
        }
      }
    }
  }
  const nbStart = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) nbStart[g + 1] = nbStart[g] + lists[g].length;
  const nbList = new Int32Array(nbStart[k]);
  for (let g = 0; g < k; g++) nbList.set(lists[g].sort((x, y) => x - y), nbStart[g]);
  return { order, gStart, C, gRad, rad, nbStart, nbList };
}
