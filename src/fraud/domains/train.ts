/**
 * Training for the domain model: class-balanced logistic regression by seeded SGD over the hashed
 * features of `model.ts`. Own small implementation: the model is a dot product, and a dependency for it
 * would weigh more than the code.
 */
import { cachedHash, featurize, HASH_BITS, nonPositiveFeature, sigmoid, structural } from './model.js';
import type { ParsedHost } from './parse.js';
import { seededRandom } from '../../core/random.js';

export interface TrainingRow {
  parsed: ParsedHost;
  brand: boolean;
  /** The registered label is exactly a brand's name. */
  brandExact?: boolean;
  lure: boolean;
  /** 1 phishing, 0 legitimate. */
  y: 0 | 1;
}

/** Featurised rows packed into one typed array (hundreds of thousands of rows, ~100 features each). */
export interface PackedRows {
  idx: Int32Array;
  start: Int32Array;
  grams: Int32Array;
  gramValue: Float32Array;
  y: Uint8Array;
  length: number;
  /** Weight indices that may never go above zero (nonPositiveFeature): set for every such feature seen. */
  nonPositive: Uint8Array;
}

export function packRows(rows: TrainingRow[]): PackedRows {
  const start = new Int32Array(rows.length + 1);
  const grams = new Int32Array(rows.length);
  const gramValue = new Float32Array(rows.length);
  const y = new Uint8Array(rows.length);
  const chunks: Int32Array[] = [];
  const nonPositive = new Uint8Array(1 << HASH_BITS);
  let total = 0;
  rows.forEach((r, i) => {
    const signs = { brand: r.brand, brandExact: r.brandExact ?? false, lure: r.lure };
    for (const s of structural(r.parsed, signs)) if (nonPositiveFeature(s)) nonPositive[cachedHash(s)] = 1;
    const f = featurize(r.parsed, signs);
    chunks.push(f.idx.slice(0, f.count));
    start[i] = total;
    total += f.count;
    grams[i] = f.grams;
    gramValue[i] = f.gramValue;
    y[i] = r.y;
  });
  start[rows.length] = total;
  const idx = new Int32Array(total);
  chunks.forEach((c, i) => idx.set(c, start[i] as number));
  return { idx, start, grams, gramValue, y, length: rows.length, nonPositive };
}

/** The project's seeded PRNG (src/core/random.ts), so training is repeatable. */
export const rng = (seed: number): (() => number) => seededRandom(String(seed));

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Rows to use (indices into the packed rows); all when absent. */
  subset?: Int32Array;
  /**
   * Relative chance of each negative row being drawn (index = row); uniform when absent. Lets a small set
   * that matters (real project sites) weigh as much as a large generic one.
   */
  drawWeight?: Float32Array;
}

/**
 * SGD with the negatives oversampled to as many draws as the positives each epoch: legitimate names are
 * the scarce class, and an unbalanced fit would call everything phishing.
 */
export function trainLogistic(rows: PackedRows, opts: TrainOptions): { weights: Float32Array; bias: number } {
  const w = new Float32Array(1 << HASH_BITS);
  let b = 0;
  const random = rng(opts.seed);
  const all = opts.subset ?? Int32Array.from({ length: rows.length }, (_, i) => i);
  const pos: number[] = [];
  const neg: number[] = [];
  for (const i of all) (rows.y[i] ? pos : neg).push(i);
  // Cumulative draw weights of the negatives, for weighted sampling by binary search.
  const cum = new Float64Array(neg.length);
  let acc = 0;
  neg.forEach((r, i) => {
    acc += opts.drawWeight ? (opts.drawWeight[r] as number) : 1;
    cum[i] = acc;
  });
  const drawNeg = (): number => {
    const x = random() * acc;
    let lo = 0;
    let hi = neg.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return neg[lo] as number;
  };
  const order = new Int32Array(pos.length * 2);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = 0; i < pos.length; i++) {
      order[2 * i] = pos[i] as number;
      order[2 * i + 1] = drawNeg();
    }
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    const lr = opts.learningRate / (1 + epoch);
    for (const r of order) {
      const s = rows.start[r] as number;
      const e = rows.start[r + 1] as number;
      const g0 = s + (rows.grams[r] as number);
      const gv = rows.gramValue[r] as number;
      let z = b;
      for (let k = s; k < e; k++) z += (w[rows.idx[k] as number] as number) * (k < g0 ? gv : 1);
      const g = sigmoid(z) - (rows.y[r] as number);
      b -= lr * g * 0.1;
      for (let k = s; k < e; k++) {
        const j = rows.idx[k] as number;
        const x = k < g0 ? gv : 1;
        w[j] = (w[j] as number) - lr * (g * x + opts.l2 * (w[j] as number));
        // Projected step: a feature that may only speak for a name is held at or below zero.
        if (rows.nonPositive[j] && (w[j] as number) > 0) w[j] = 0;
      }
    }
  }
  return { weights: w, bias: b };
}

/** Margin (log-odds) for one packed row under given weights. */
export function marginRow(rows: PackedRows, r: number, weights: Float32Array, bias: number): number {
  const s = rows.start[r] as number;
  const e = rows.start[r + 1] as number;
  const g0 = s + (rows.grams[r] as number);
  const gv = rows.gramValue[r] as number;
  let z = bias;
  for (let k = s; k < e; k++) z += (weights[rows.idx[k] as number] as number) * (k < g0 ? gv : 1);
  return z;
}
