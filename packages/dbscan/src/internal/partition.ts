/**
 * Partitions the rows into small balls so that whole blocks of pairs can be skipped with the triangle
 * inequality: rows i and j can only be neighbours when ‖x_i − x_j‖ ≤ r, so a group h whose centre lies further
 * than r + (its radius) from x_i holds none of i's neighbours, and within a group (rows sorted by their distance
 * to its centre) only the rows whose distance lies in [δ − r, δ + r] can be (Elkan 2003; Moore 2000, the
 * "anchors hierarchy"). Cosine works with angles on the unit sphere, a metric too: neighbours are at most
 * acos(1 − eps) apart, and centres are unit directions. Angles prune far better than chords there: chords of a
 * sum of angles are less than the sum of the chords, so chord bounds between two tight but distant clusters
 * (80 dimensions, eps = 0.2) fail where angle bounds succeed.
 *
 * Groups are the leaves of a tree of seeded k-means splits (k-means++ on a sample, a few Lloyd steps, one
 * assignment pass; at most BRANCHING children per node), which costs about n · d · BRANCHING · depth flops
 * whatever the balance of the data. Candidate pairs of groups come from a dual traversal of that tree (Gray &
 * Moore 2001). Any assignment keeps the pruning exact: it only decides how much work is skipped.
 */

/** Rows per group the partition aims at. Small groups prune more but cost more centre distances per row. */
const GROUP_SIZE = 96;
/** Children per tree node. */
const BRANCHING = 16;
/** k-means runs on at most this many rows per centre. */
const SAMPLE_PER_CENTRE = 10;
const LLOYD_STEPS = 2;

export interface PartitionInput {
  X: Float32Array | Float64Array;
  d: number;
  /** Per-row scale into the partition's geometry (1 / ‖x‖ for cosine, 1 for euclidean). */
  scale: Float64Array;
  /** The rows to partition (indices into X). */
  members: Int32Array;
  /** Pruning radius: an angle for cosine, a distance for euclidean. */
  r: number;
  /** Angles to unit centres (cosine) or euclidean distances to mean centres. */
  cosine: boolean;
  seed: number;
  /** The same rows as compressed sparse rows (cosine only), when most values are zero. */
  csr: Csr | null;
}

/** Compressed sparse rows: row i's non-zeros are cols/vals[ptr[i] .. ptr[i + 1]), columns ascending. */
export interface Csr {
  ptr: Int32Array;
  cols: Int32Array;
  vals: Float32Array | Float64Array;
}

/** x_row · C[at ..] (raw row, not scaled), over the non-zeros only when the input is sparse. */
function dotRow(input: PartitionInput, row: number, C: Float64Array, at: number): number {
  const { csr } = input;
  if (csr !== null) {
    let s = 0;
    for (let t = csr.ptr[row]; t < csr.ptr[row + 1]; t++) s += csr.vals[t] * C[at + csr.cols[t]];
    return s;
  }
  const { X, d } = input;
  const p = row * d;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let t = 0;
  for (const tail = d - (d & 3); t < tail; t += 4) {
    a0 += X[p + t] * C[at + t];
    a1 += X[p + t + 1] * C[at + t + 1];
    a2 += X[p + t + 2] * C[at + t + 2];
    a3 += X[p + t + 3] * C[at + t + 3];
  }
  for (; t < d; t++) a0 += X[p + t] * C[at + t];
  return a0 + a1 + (a2 + a3);
}

/** target[at ..] += sc · x_row. */
function addRow(input: PartitionInput, row: number, sc: number, target: Float64Array, at: number): void {
  const { csr } = input;
  if (csr !== null) {
    for (let t = csr.ptr[row]; t < csr.ptr[row + 1]; t++) target[at + csr.cols[t]] += csr.vals[t] * sc;
    return;
  }
  const { X, d } = input;
  for (let t = 0; t < d; t++) target[at + t] += X[row * d + t] * sc;
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
  /** Distance between the centres of g and nbList[e], parallel to nbList. */
  nbDist: Float64Array;
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

/**
 * Index of the nearest centre to a row: argmin of ‖c‖² − 2 x·c, two flops per value instead of three.
 * Rounding here only moves a row between groups, which is harmless: `ball` measures the real distances.
 */
function nearest(input: PartitionInput, row: number, C: Float64Array, cNorm: Float64Array, k: number): number {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  const sc = input.scale[row];
  const d = input.d;
  for (let c = 0; c < k; c++) {
    const dist = cNorm[c] - 2 * sc * dotRow(input, row, C, c * d);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best;
}

function centreNorms(C: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += C[c * d + t] ** 2;
    out[c] = s;
  }
  return out;
}

/** Seeded k-means on (a sample of) `rows`: k-means++ seeding, then a few Lloyd steps. Returns k × d centres. */
function kmeans(input: PartitionInput, rows: Int32Array, k: number, rand: () => number): Float64Array {
  const { X, d, scale } = input;
  const m = Math.min(rows.length, k * SAMPLE_PER_CENTRE);
  const sample = new Int32Array(m);
  if (m === rows.length) sample.set(rows);
  else {
    // With replacement: k-means does not mind a repeated row, and this copies nothing.
    for (let t = 0; t < m; t++) sample[t] = rows[Math.floor(rand() * rows.length)];
  }
  const C = new Float64Array(k * d);
  const setCentre = (c: number, row: number): void => addRow(input, row, scale[row], C, c * d);
  // Squared distance of a row to centre c (a row itself while seeding, so unit length under cosine).
  const seedDistance = (row: number, c: number): number =>
    input.cosine
      ? Math.max(0, 2 - 2 * scale[row] * dotRow(input, row, C, c * d))
      : squaredDistanceToCentre(X, row * d, scale[row], C, c * d, d);
  // k-means++ seeding.
  const minD = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  setCentre(0, sample[Math.floor(rand() * m)]);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let s = 0; s < m; s++) {
      const row = sample[s];
      const dist = seedDistance(row, c - 1);
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
  for (let step = 0; step < LLOYD_STEPS; step++) {
    sums.fill(0);
    counts.fill(0);
    const cNorm = centreNorms(C, k, d);
    for (let s = 0; s < m; s++) {
      const row = sample[s];
      const sc = scale[row];
      const c = nearest(input, row, C, cNorm, k);
      counts[c]++;
      addRow(input, row, sc, sums, c * d);
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let t = 0; t < d; t++) C[c * d + t] = sums[c * d + t] / counts[c];
      if (input.cosine) normalise(C, c * d, d);
    }
  }
  return C;
}

/** Splits `rows` among k fresh centres; returns one list of rows per non-empty cell. */
function split(input: PartitionInput, rows: Int32Array, k: number, rand: () => number): Int32Array[] {
  if (k <= 1) return [rows];
  const C = kmeans(input, rows, k, rand);
  const { d } = input;
  const cellOf = new Int32Array(rows.length);
  const sizes = new Int32Array(k);
  const cNorm = centreNorms(C, k, d);
  for (let s = 0; s < rows.length; s++) {
    const row = rows[s];
    const c = nearest(input, row, C, cNorm, k);
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
  /** Distances of `rows` to the centre (leaves only; empty for inner nodes). */
  dist: Float64Array;
  /** Sum of the rows (scaled), and their number: inner nodes combine their children's. */
  sum: Float64Array;
  count: number;
}

/** Scales C[at .. at + d) to unit length (left as is when it is zero). */
function normalise(C: Float64Array, at: number, d: number): void {
  let s = 0;
  for (let t = at; t < at + d; t++) s += C[t] * C[t];
  if (s === 0) return;
  const inv = 1 / Math.sqrt(s);
  for (let t = at; t < at + d; t++) C[t] *= inv;
}

/** The angle between unit vectors whose dot product is `dot`, robust to rounding outside [−1, 1]. */
function angle(dot: number): number {
  return Math.acos(dot > 1 ? 1 : Math.max(dot, -1));
}

/** Distance from a row to a centre in the partition's geometry (an angle for cosine). */
function rowDistance(input: PartitionInput, row: number, centre: Float64Array, at: number): number {
  const { X, d, scale } = input;
  const p = row * d;
  const sc = scale[row];
  if (input.cosine) return angle(dotRow(input, row, centre, at) * sc);
  return Math.sqrt(squaredDistanceToCentre(X, p, sc, centre, at, d));
}

/** The rows' mean (a unit direction for cosine) as centre, and each row's distance to it. */
function ball(input: PartitionInput, rows: Int32Array): Ball {
  const { d, scale } = input;
  const centre = new Float64Array(d);
  for (const row of rows) addRow(input, row, scale[row], centre, 0);
  const sum = centre.slice();
  for (let t = 0; t < d; t++) centre[t] /= rows.length;
  if (input.cosine) normalise(centre, 0, d);
  const dist = new Float64Array(rows.length);
  let radius = 0;
  for (let s = 0; s < rows.length; s++) {
    const v = rowDistance(input, rows[s], centre, 0);
    dist[s] = v;
    if (v > radius) radius = v;
  }
  return { rows, centre, radius, dist, sum, count: rows.length };
}

/** Non-zero positions of a centre (sparse inputs only: their centres are mostly zeros too). */
const supports = new WeakMap<Ball, Int32Array>();

function support(b: Ball): Int32Array {
  let s = supports.get(b);
  if (s === undefined) {
    const at: number[] = [];
    b.centre.forEach((v, t) => {
      if (v !== 0) at.push(t);
    });
    s = Int32Array.from(at);
    supports.set(b, s);
  }
  return s;
}

/** Distance between two balls' centres; over the sparser centre's non-zeros when rows are sparse (cosine). */
function ballDistance(a: Ball, b: Ball, input: PartitionInput): number {
  if (input.csr === null || !input.cosine) return centreDistance(a.centre, b.centre, input.cosine);
  const sa = support(a);
  const sb = support(b);
  const [few, other, fewCentre] = sa.length <= sb.length ? [sa, b.centre, a.centre] : [sb, a.centre, b.centre];
  let s = 0;
  for (const t of few) s += fewCentre[t] * other[t];
  return angle(s);
}

function centreDistance(a: Float64Array, b: Float64Array, cosine: boolean): number {
  let s = 0;
  if (cosine) {
    for (let t = 0; t < a.length; t++) s += a[t] * b[t];
    return angle(s);
  }
  for (let t = 0; t < a.length; t++) {
    const v = a[t] - b[t];
    s += v * v;
  }
  return Math.sqrt(s);
}

interface TreeNode {
  ball: Ball;
  children: TreeNode[] | null;
}

/** Splits rows recursively until each leaf holds about GROUP_SIZE rows (or cannot be split: duplicates). */
function buildTree(input: PartitionInput, rows: Int32Array, rand: () => number): TreeNode {
  if (rows.length > GROUP_SIZE * 2) {
    const parts = split(input, rows, Math.min(BRANCHING, Math.round(rows.length / GROUP_SIZE)), rand);
    if (parts.length > 1) {
      const children = parts.map((part) => buildTree(input, part, rand));
      return { ball: enclosing(input, rows, children), children };
    }
  }
  return { ball: ball(input, rows), children: null };
}

/**
 * An inner node's ball from its children's, without touching the rows again: the centre is the mean of all
 * rows, the radius the furthest child ball's far side (triangle inequality), a bound a little looser than exact.
 */
function enclosing(input: PartitionInput, rows: Int32Array, children: TreeNode[]): Ball {
  const { d, cosine } = input;
  const sum = new Float64Array(d);
  let count = 0;
  for (const child of children) {
    for (let t = 0; t < d; t++) sum[t] += child.ball.sum[t];
    count += child.ball.count;
  }
  const centre = sum.map((v) => v / count);
  if (cosine) normalise(centre, 0, d);
  let radius = 0;
  for (const child of children) {
    radius = Math.max(radius, centreDistance(centre, child.ball.centre, cosine) + child.ball.radius);
  }
  return { rows, centre, radius, dist: new Float64Array(0), sum, count };
}

function leaves(node: TreeNode, out: TreeNode[]): TreeNode[] {
  if (node.children === null) out.push(node);
  else for (const child of node.children) leaves(child, out);
  return out;
}

/**
 * Rows further than `limit` from their leaf's centre (isolated rows, noise) would widen its ball and spoil the
 * pruning for every row near it; they are taken out here (to be partitioned among themselves). The balls of
 * inner nodes still bound what remains: their centres are unchanged and rows were only removed.
 */
function extractOutliers(input: PartitionInput, tree: TreeNode, limit: number): Int32Array {
  const outliers: number[] = [];
  const prune = (node: TreeNode): boolean => {
    if (node.children !== null) {
      node.children = node.children.filter(prune);
      return node.children.length > 0;
    }
    const g = node.ball;
    if (g.radius <= limit) return true;
    const inliers: number[] = [];
    g.rows.forEach((row, s) => {
      if (g.dist[s] <= limit) inliers.push(row);
      else outliers.push(row);
    });
    if (inliers.length === 0) return false;
    node.ball = ball(input, Int32Array.from(inliers));
    return true;
  };
  prune(tree);
  return Int32Array.from(outliers);
}

/** Builds the partition (dense regions, then the rows left isolated) and the candidate lists between groups. */
export function buildPartition(input: PartitionInput): Partition {
  const { d, members, r } = input;
  const n = members.length;
  const rand = random(input.seed);
  // Without a finite radius nothing can be pruned: one group, all pairs.
  const dense = Number.isFinite(r) ? buildTree(input, members, rand) : { ball: ball(input, members), children: null };
  const outliers = Number.isFinite(r) ? extractOutliers(input, dense, r) : new Int32Array(0);
  const roots = outliers.length > 0 ? [dense, buildTree(input, outliers, rand)] : [dense];
  const leafNodes = roots.flatMap((root) => leaves(root, []));
  const groups = leafNodes.map((leaf) => leaf.ball);
  const k = groups.length;
  const groupOf = new Map(leafNodes.map((leaf, g) => [leaf, g]));

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

  // Candidate pairs of groups: a dual traversal that drops any two nodes whose balls are more than r apart.
  const lists: number[][] = Array.from({ length: k }, () => []);
  const dists: number[][] = Array.from({ length: k }, () => []);
  const visit = (a: TreeNode, b: TreeNode): void => {
    const between = a === b ? 0 : ballDistance(a.ball, b.ball, input);
    if (between > a.ball.radius + b.ball.radius + r) return;
    if (a === b) {
      const kids = a.children;
      if (kids === null) return;
      for (let x = 0; x < kids.length; x++) for (let y = x; y < kids.length; y++) visit(kids[x], kids[y]);
    } else if (a.children === null && b.children === null) {
      const ga = groupOf.get(a)!;
      const gb = groupOf.get(b)!;
      lists[ga].push(gb);
      lists[gb].push(ga);
      dists[ga].push(between);
      dists[gb].push(between);
    } else if (a.children === null || (b.children !== null && b.ball.radius > a.ball.radius)) {
      for (const child of b.children!) visit(a, child);
    } else {
      for (const child of a.children) visit(child, b);
    }
  };
  const top: TreeNode = roots.length === 1 ? roots[0] : { ball: roots[0].ball, children: roots };
  visit(top, top);
  const nbStart = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) nbStart[g + 1] = nbStart[g] + lists[g].length;
  const nbList = new Int32Array(nbStart[k]);
  const nbDist = new Float64Array(nbStart[k]);
  for (let g = 0; g < k; g++) {
    const idx = Array.from(lists[g].keys()).sort((x, y) => lists[g][x] - lists[g][y]);
    idx.forEach((t, e) => {
      nbList[nbStart[g] + e] = lists[g][t];
      nbDist[nbStart[g] + e] = dists[g][t];
    });
  }
  return { order, gStart, C, gRad, rad, nbStart, nbList, nbDist };
}
