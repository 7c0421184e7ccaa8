/**
 * The post classifier as a federated task. The model is the house's hashed-n-gram logistic regression
 * (src/fraud/posts), with one change: no idf. Fitting idf needs document frequencies pooled over every
 * node's posts, which is exactly what federation avoids, so every kept bucket has idf 1 (sublinear tf,
 * L2-normalised word and character blocks, as in the house model). Central and per-node baselines in
 * eval:fed use the same features, so the comparison is of training regimes, not of feature sets.
 *
 * A round is one federated gradient step (FedSGD with a server-side Adam, "adaptive federated
 * optimisation", Reddi et al. 2021): each node sends the sum of its records' (clipped) gradients at the
 * current model, scaled by the public total weight, so that the securely aggregated sum is the mean
 * gradient of the pooled data and the server step is the one central full-batch training would take.
 */
import { postFeatures, type FeatureOptions } from '../fraud/posts/features.js';
import { dot, sigmoid, type SparseRow } from '../fraud/posts/linear.js';
import { vectoriseFeatures, type Vectoriser } from '../fraud/posts/model.js';

export interface PostTaskSpec {
  task?: 'posts';
  buckets: number;
  features: FeatureOptions;
  wordBlockWeight: number;
  /** L2 strength on the weights (the server adds λw to the aggregated gradient). */
  lambda: number;
  learningRate: number;
  /** Adam's ε (default 1e-8). Under DP noise a larger one keeps coordinates that carry only noise from taking full-size steps. */
  adamEpsilon?: number;
  /**
   * Release an exponential moving average of the iterates (decay, e.g. 0.9) instead of the last one. Under
   * DP it averages the noise of the last rounds out of the released model; it is post-processing of the
   * noisy sums, so it costs no privacy.
   */
  emaDecay?: number;
}

export const POST_TASK: PostTaskSpec = {
  buckets: 1 << 16,
  features: { charMin: 3, charMax: 5, wordBigrams: true },
  wordBlockWeight: 0.7,
  lambda: 1e-4,
  learningRate: 0.05,
};

/** The labels the house post model counts as positive (eval/posts-data.ts, scheme scam-or-phishing). */
export const POSITIVE_POST_LABELS = ['scam', 'phishing', 'recovery_scam'];

export interface LabelledText {
  text: string;
  label: 0 | 1;
}

export function vectoriserOf(spec: PostTaskSpec): Vectoriser {
  return { buckets: spec.buckets, features: spec.features, idf: new Float64Array(spec.buckets).fill(1), wordBlockWeight: spec.wordBlockWeight };
}

export function vectorisePosts(spec: PostTaskSpec, texts: string[]): SparseRow[] {
  const v = vectoriserOf(spec);
  return texts.map((t) => vectoriseFeatures(v, postFeatures(t, spec.features)));
}

/** The model as one vector: `buckets` weights then the bias. */
export const modelLength = (spec: { buckets: number }): number => spec.buckets + 1;

export function scoreRows(model: Float64Array, rows: SparseRow[]): number[] {
  const bias = model[model.length - 1] as number;
  return rows.map((r) => sigmoid(dot(model, r) + bias));
}

export interface GradientOptions {
  /** Class weight of a positive record (balanced: negatives / positives over all nodes). */
  positiveWeight: number;
  /** Σ record weights over all nodes; the gradient sum is divided by it. */
  totalWeight: number;
  /**
   * Per-record L2 clipping norm of the *unweighted* gradient; undefined = no clipping. The class weight is
   * applied after clipping, so one record moves the sum by at most clip × max(positiveWeight, 1) (the
   * sensitivity the DP noise is scaled to: dpSensitivity). Clipping the weighted gradient instead would
   * cut the up-weighted positives hardest and quietly undo the class balance.
   */
  clip?: number;
}

/** How far one record can move a node's (unnormalised) gradient sum under per-record clipping at `clip`. */
export const dpSensitivity = (clip: number, positiveWeight: number): number => clip * Math.max(1, positiveWeight);

/**
 * Σ over this node's records of the (clipped) weighted log-loss gradient at `model`, divided by the
 * total weight. Entry `buckets` is the bias gradient.
 */
export function localGradient(model: Float64Array, rows: SparseRow[], labels: number[], o: GradientOptions): Float64Array {
  const g = new Float64Array(model.length);
  const biasAt = model.length - 1;
  const bias = model[biasAt] as number;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SparseRow;
    const y = labels[i] as number;
    let err = sigmoid(dot(model, row) + bias) - y;
    if (o.clip !== undefined) {
      let sq = 1;
      for (let k = 0; k < row.value.length; k++) sq += (row.value[k] as number) ** 2;
      const norm = Math.abs(err) * Math.sqrt(sq);
      if (norm > o.clip) err *= o.clip / norm;
    }
    if (y === 1) err *= o.positiveWeight;
    const e = err / o.totalWeight;
    for (let k = 0; k < row.index.length; k++) g[row.index[k] as number] = (g[row.index[k] as number] as number) + e * (row.value[k] as number);
    g[biasAt] = (g[biasAt] as number) + e;
  }
  return g;
}

/** The server's optimiser: Adam over the aggregated gradient, as the house trainer (linear.ts) steps. */
export class ServerAdam {
  readonly model: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly ema: Float64Array | undefined;

  constructor(
    readonly spec: { buckets: number; learningRate: number; lambda: number; adamEpsilon?: number; emaDecay?: number },
    length = modelLength(spec),
  ) {
    this.model = new Float64Array(length);
    this.m = new Float64Array(length);
    this.v = new Float64Array(length);
    if (spec.emaDecay !== undefined) this.ema = new Float64Array(length);
  }

  /** The model to release: the last iterate, or the bias-corrected moving average of the iterates. */
  released(): Float64Array {
    if (!this.ema || this.t === 0) return Float64Array.from(this.model);
    const c = 1 - (this.spec.emaDecay as number) ** this.t;
    return Float64Array.from(this.ema, (x) => x / c);
  }

  step(gradient: Float64Array): void {
    const beta1 = 0.9;
    const beta2 = 0.999;
    this.t++;
    const lrT = (this.spec.learningRate * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    const biasAt = this.model.length - 1;
    const eps = this.spec.adamEpsilon ?? 1e-8;
    for (let j = 0; j < this.model.length; j++) {
      const w = this.model[j] as number;
      const gj = (gradient[j] as number) + (j === biasAt ? 0 : this.spec.lambda * w);
      if (gj === 0 && w === 0) continue;
      this.m[j] = beta1 * (this.m[j] as number) + (1 - beta1) * gj;
      this.v[j] = beta2 * (this.v[j] as number) + (1 - beta2) * gj * gj;
      this.model[j] = w - (lrT * (this.m[j] as number)) / (Math.sqrt(this.v[j] as number) + eps);
    }
    if (this.ema) {
      const d = this.spec.emaDecay as number;
      for (let j = 0; j < this.model.length; j++) this.ema[j] = d * (this.ema[j] as number) + (1 - d) * (this.model[j] as number);
    }
  }
}

/** Parses a JSON-lines file of posts ({"text", "labels"} as in ../shared/datasets/crypto-posts). Bad lines are counted, not fatal. */
export function parsePostsJsonl(content: string): { records: LabelledText[]; bad: number } {
  const records: LabelledText[] = [];
  let bad = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const o = JSON.parse(line) as { text?: unknown; labels?: unknown; label?: unknown };
      if (typeof o.text !== 'string') throw new Error('no text');
      const labels = Array.isArray(o.labels) ? o.labels.map(String) : [];
      const label = typeof o.label === 'number' ? (o.label ? 1 : 0) : POSITIVE_POST_LABELS.some((l) => labels.includes(l)) ? 1 : 0;
      records.push({ text: o.text, label });
    } catch {
      bad++;
    }
  }
  return { records, bad };
}
