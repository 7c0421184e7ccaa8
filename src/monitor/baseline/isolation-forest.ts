/**
 * A small isolation forest (Liu, Ting & Zhou 2008), written here rather than taken from npm: the
 * `isolation-forest` package (0.0.9) is unmaintained and cannot serialise a fitted model, and the monitor
 * needs a model file that is fitted once by a training script, committed, and loaded at watch time.
 *
 * - Fits are deterministic: the sub-samples, split features and split values come from a seeded PRNG.
 * - `score(row)` is the standard anomaly score 2^(-E[h(x)] / c(ψ)), in (0, 1]: about 0.5 and below for
 *   ordinary points, near 1 for points that random splits isolate at shallow depth.
 * - `contributions(row)` says which features did the isolating: along each tree's path every split credits
 *   its feature with 1 / h (shorter paths, i.e. more anomalous, give bigger credit), averaged over trees.
 * - Trees are stored as flat pre-order number arrays (a split is `feature, value`, a leaf is `-size`) so
 *   a model of 100 trees stays a few hundred KB of JSON.
 */
import { seededRandom } from '../../core/random.js';

export { seededRandom };

/** Average path length of an unsuccessful binary-search-tree search among n points: the normaliser c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

export interface ForestOptions {
  trees?: number;
  sampleSize?: number;
  seed: string;
}

export interface ForestJson {
  sampleSize: number;
  features: number;
  trees: number[][];
}

/** Split values keep 6 significant digits: smaller files, and the model written is the model fitted. */
const compact = (v: number): number => Number(v.toPrecision(6));

export class IsolationForest {
  /** Per tree, for each split at index i, the index of its right subtree (pre-order makes left i + 2). */
  private readonly rights: Int32Array[];

  private constructor(
    readonly sampleSize: number,
    readonly features: number,
    private readonly trees: number[][],
  ) {
    this.rights = trees.map(rightSubtrees);
  }

  static fit(rows: readonly number[][], options: ForestOptions): IsolationForest {
    if (rows.length === 0) throw new Error('isolation forest: no rows to fit');
    const features = rows[0]!.length;
    const psi = Math.min(options.sampleSize ?? 256, rows.length);
    const rand = seededRandom(options.seed);
    const heightLimit = Math.ceil(Math.log2(Math.max(psi, 2)));
    const trees: number[][] = [];
    for (let t = 0; t < (options.trees ?? 100); t++) {
      const sample = sampleWithoutReplacement(rows, psi, rand);
      const out: number[] = [];
      grow(sample, 0, heightLimit, features, rand, out);
      trees.push(out);
    }
    return new IsolationForest(psi, features, trees);
  }

  static fromJSON(json: ForestJson): IsolationForest {
    return new IsolationForest(json.sampleSize, json.features, json.trees);
  }

  toJSON(): ForestJson {
    return { sampleSize: this.sampleSize, features: this.features, trees: this.trees };
  }

  /** The anomaly score in (0, 1]. */
  score(row: readonly number[]): number {
    let total = 0;
    for (let t = 0; t < this.trees.length; t++) total += walk(this.trees[t]!, this.rights[t]!, row).h;
    return Math.pow(2, -total / this.trees.length / averagePathLength(this.sampleSize));
  }

  /** Per-feature isolation credit (see the header), summing to about the mean of 1 / h over trees × depth. */
  contributions(row: readonly number[]): number[] {
    const credit = new Array<number>(this.features).fill(0);
    for (let t = 0; t < this.trees.length; t++) {
      const { h, path } = walk(this.trees[t]!, this.rights[t]!, row);
      for (const f of path) credit[f]! += 1 / Math.max(h, 1);
    }
    return credit.map((c) => c / this.trees.length);
  }
}

function sampleWithoutReplacement<T>(rows: readonly T[], k: number, rand: () => number): T[] {
  const idx = rows.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, k).map((i) => rows[i]!);
}

/** Appends the pre-order encoding of a tree over `rows` to `out`. */
function grow(rows: number[][], depth: number, limit: number, features: number, rand: () => number, out: number[]): void {
  if (depth >= limit || rows.length <= 1) {
    out.push(-rows.length);
    return;
  }
  // Only features that vary in this node can split it; none varying means the rows are identical.
  const ranges: Array<[number, number, number]> = [];
  for (let f = 0; f < features; f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (r[f]! < lo) lo = r[f]!;
      if (r[f]! > hi) hi = r[f]!;
    }
    if (hi > lo) ranges.push([f, lo, hi]);
  }
  if (ranges.length === 0) {
    out.push(-rows.length);
    return;
  }
  const [f, lo, hi] = ranges[Math.floor(rand() * ranges.length)]!;
  // v must leave rows on both sides (lo < v <= hi): a split value equal to lo would empty the left side.
  let raw = lo + rand() * (hi - lo);
  if (!(raw > lo)) raw = lo + (hi - lo) / 2;
  const v = compact(raw) > lo && compact(raw) <= hi ? compact(raw) : raw;
  out.push(f, v);
  grow(
    rows.filter((r) => r[f]! < v),
    depth + 1,
    limit,
    features,
    rand,
    out,
  );
  grow(
    rows.filter((r) => r[f]! >= v),
    depth + 1,
    limit,
    features,
    rand,
    out,
  );
}

/** Path length h(x) = depth + c(leaf size), and the split features on the way. */
function walk(tree: readonly number[], rights: Int32Array, row: readonly number[]): { h: number; path: number[] } {
  const path: number[] = [];
  let i = 0;
  for (;;) {
    const f = tree[i]!;
    if (f < 0) return { h: path.length + averagePathLength(-f), path };
    const v = tree[i + 1]!;
    if (row[f]! < v) i += 2;
    else i = rights[i]!;
    path.push(f);
  }
}

/** For each split at index i of a pre-order tree, where its right subtree starts (its left one is at i + 2). */
function rightSubtrees(tree: readonly number[]): Int32Array {
  const rights = new Int32Array(tree.length);
  /** Visits the subtree at i and returns the index just after it. */
  const visit = (i: number): number => {
    if (tree[i]! < 0) return i + 1;
    rights[i] = visit(i + 2);
    return visit(rights[i]!);
  };
  visit(0);
  return rights;
}
