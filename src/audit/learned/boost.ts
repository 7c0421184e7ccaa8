/**
 * Gradient-boosted decision trees (depth 2) with logistic loss, written small on purpose: the audit
 * features are a few dozen counts and flags, the data tens of thousands of rows, and trees of depth 2
 * capture the interactions that matter ("a call, and a write after it", "arithmetic, and it wraps")
 * without scaling or one-hot coding. Training is deterministic (no sampling), so the same data give the
 * same model byte for byte.
 */

export interface Leaf {
  v: number;
}
export interface Split {
  f: number;
  /** Goes left when value <= t. */
  t: number;
  l: Tree;
  r: Tree;
}
export type Tree = Leaf | Split;

export interface BoostedModel {
  base: number;
  rate: number;
  trees: Tree[];
}

export interface BoostOptions {
  rounds?: number;
  rate?: number;
  depth?: number;
  lambda?: number;
  minHessian?: number;
  /** Weight of positive rows (the positives are few). */
  positiveWeight?: number;
}

const isLeaf = (t: Tree): t is Leaf => (t as Leaf).v !== undefined;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Candidate thresholds per feature: the distinct values (up to 32, by quantile) except the largest. */
function thresholds(X: number[][], f: number): number[] {
  const vals = [...new Set(X.map((r) => r[f]!))].sort((a, b) => a - b);
  if (vals.length <= 1) return [];
  const cut = vals.slice(0, -1);
  if (cut.length <= 32) return cut;
  return Array.from({ length: 32 }, (_, i) => cut[Math.floor((i * cut.length) / 32)]!).filter((v, i, a) => i === 0 || v !== a[i - 1]);
}

export function trainBoosted(X: number[][], y: number[], options: BoostOptions = {}): BoostedModel {
  const rounds = options.rounds ?? 120;
  const rate = options.rate ?? 0.2;
  const depth = options.depth ?? 2;
  const lambda = options.lambda ?? 1;
  const minH = options.minHessian ?? 1;
  const pw = options.positiveWeight ?? 1;
  const n = X.length;
  const nf = X[0]?.length ?? 0;
  const w = y.map((v) => (v ? pw : 1));
  const pos = y.reduce((s, v, i) => s + v * w[i]!, 0);
  const tot = w.reduce((s, v) => s + v, 0);
  const p0 = Math.min(Math.max(pos / Math.max(tot, 1), 1e-4), 1 - 1e-4);
  let base = round(Math.log(p0 / (1 - p0)));
  const score = new Float64Array(n).fill(base);
  const cuts = Array.from({ length: nf }, (_, f) => thresholds(X, f));
  // Bin index of each value per feature: count of thresholds below it.
  const bins = cuts.map((c, f) => Uint8Array.from(X.map((r) => { let k = 0; while (k < c.length && r[f]! > c[k]!) k++; return k; })));
  const trees: Tree[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);

  const leafValue = (rows: number[]) => {
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i]!;
      H += h[i]!;
    }
    return round(-G / (H + lambda));
  };

  const grow = (rows: number[], d: number): Tree => {
    if (d === 0 || rows.length < 2) return { v: leafValue(rows) };
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i]!;
      H += h[i]!;
    }
    const parent = (G * G) / (H + lambda);
    let best = { gain: 1e-9, f: -1, k: -1 };
    for (let f = 0; f < nf; f++) {
      const c = cuts[f]!;
      if (c.length === 0) continue;
      const gs = new Float64Array(c.length + 1);
      const hs = new Float64Array(c.length + 1);
      const bf = bins[f]!;
      for (const i of rows) {
        const k = bf[i]!;
        gs[k] = gs[k]! + g[i]!;
        hs[k] = hs[k]! + h[i]!;
      }
      let gl = 0;
      let hl = 0;
      for (let k = 0; k < c.length; k++) {
        gl += gs[k]!;
        hl += hs[k]!;
        const gr = G - gl;
        const hr = H - hl;
        if (hl < minH || hr < minH) continue;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
        if (gain > best.gain) best = { gain, f, k };
      }
    }
    if (best.f < 0) return { v: leafValue(rows) };
    const bf = bins[best.f]!;
    const left = rows.filter((i) => bf[i]! <= best.k);
    const right = rows.filter((i) => bf[i]! > best.k);
    return { f: best.f, t: cuts[best.f]![best.k]!, l: grow(left, d - 1), r: grow(right, d - 1) };
  };

  const all = Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i]!);
      g[i] = (p - y[i]!) * w[i]!;
      h[i] = Math.max(p * (1 - p), 1e-6) * w[i]!;
    }
    const tree = grow(all, depth);
    if (isLeaf(tree)) {
      // No split helps any more: a lone leaf only shifts the bias, so it goes into the base (every
      // kept tree then has a split, and per-feature contributions sum exactly to the margin).
      if (Math.abs(tree.v) < 1e-6) break;
      base = round(base + rate * tree.v);
      for (let i = 0; i < n; i++) score[i] = score[i]! + rate * tree.v;
      continue;
    }
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i] = score[i]! + rate * evalTree(tree, X[i]!);
  }
  return { base, rate, trees };
}

export function evalTree(t: Tree, x: ArrayLike<number>): number {
  let node = t;
  while (!isLeaf(node)) node = x[node.f]! <= node.t ? node.l : node.r;
  return node.v;
}

/** The raw score (log-odds) of a row. */
export function margin(m: BoostedModel, x: ArrayLike<number>): number {
  let s = m.base;
  for (const t of m.trees) s += m.rate * evalTree(t, x);
  return s;
}

/**
 * Per-feature contributions to the margin: each tree's leaf value is shared among the features of the
 * splits on its path (a cheap, exact-sum attribution for shallow trees).
 */
export function contributions(m: BoostedModel, x: ArrayLike<number>, nf: number): number[] {
  const out = new Array<number>(nf).fill(0);
  for (const t of m.trees) {
    const path: number[] = [];
    let node = t;
    while (!isLeaf(node)) {
      path.push(node.f);
      node = x[node.f]! <= node.t ? node.l : node.r;
    }
    for (const f of path) out[f] = out[f]! + (m.rate * node.v) / path.length;
  }
  return out;
}

/** Platt scaling: probability = sigmoid(a * margin + b), fitted by Newton steps on held-apart rows. */
export function fitPlatt(margins: number[], y: number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  // Targets smoothed as Platt recommends, so a separable set does not push a to infinity.
  const np = y.filter((v) => v).length;
  const nn = y.length - np;
  const tp = (np + 1) / (np + 2);
  const tn = 1 / (nn + 2);
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    margins.forEach((m, i) => {
      const p = sigmoid(a * m + b);
      const t = y[i] ? tp : tn;
      const d = p - t;
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: round(a), b: round(b) };
}

export { sigmoid };
