/**
 * Personalisation after a federated run (FedAvg + local fine-tuning, the standard recipe): a node takes
 * the released global model, takes a few gradient steps on its OWN training records, stops early on its
 * own validation part, and picks its own operating threshold on that validation part.
 *
 * Privacy: this step reads only the node's own records and sends nothing anywhere (no coordinator call,
 * no update); the model it returns stays on the node. The global model is already a DP release, and
 * post-processing a DP release with data that is not shared is not a release: the run's (ε, δ) is
 * unchanged and no extra privacy budget is spent. (The personalised model itself is of course not DP with
 * respect to the node's own records; it is the node's own model, as "alone" is.)
 *
 * The settings are fixed once, before any figure was seen (docs/figures/fed-personal-first-contact.txt):
 * the task's own learning rate (the one the server Adam trains with), at most 50 steps, patience 5, and
 * the unweighted log-loss (the node's own class prior is what it should fit; the global model's prior is
 * the pooled one).
 */
import type { SparseRow } from '../fraud/posts/linear.js';
import { ServerAdam, localGradient, scoreRows } from './posts-task.js';
import type { GradientTaskSpec } from './task.js';

export interface Labelled {
  rows: SparseRow[];
  labels: number[];
}

export interface FineTuneOptions {
  /** Largest number of local steps. */
  maxSteps?: number;
  /** Steps without a better validation loss before stopping. */
  patience?: number;
  /** What the local steps may move: every weight, or only the bias (a shift of the node's prior and nothing else). */
  scope?: 'all' | 'bias';
  /** Step size of the local Adam; default the task's own. */
  learningRate?: number;
}

export const FINE_TUNE_DEFAULTS: Required<Omit<FineTuneOptions, 'learningRate'>> = { maxSteps: 50, patience: 5, scope: 'all' };

export interface FineTuned {
  model: Float64Array;
  /** Steps of the kept model (0 = the global model was best on validation). */
  steps: number;
  /** Steps taken before early stopping. */
  tried: number;
  /** Mean log-loss on the node's validation part: global model, kept model. */
  globalLoss: number;
  loss: number;
}

/** Mean (unweighted) log-loss of a model on labelled rows; NaN when there are none. */
export function logLoss(model: Float64Array, data: Labelled): number {
  if (data.rows.length === 0) return NaN;
  const p = scoreRows(model, data.rows);
  let sum = 0;
  p.forEach((s, i) => {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, s));
    sum -= data.labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  });
  return sum / p.length;
}

/**
 * Fine-tunes `global` on the node's training rows with the task's Adam, keeping the step whose model has
 * the lowest validation log-loss (step 0, the global model itself, included): by construction the kept
 * model is never worse than the global one on the node's validation part. Without validation rows of
 * both classes (or without training rows) there is nothing to stop on, and the global model is kept.
 */
export function fineTune(spec: GradientTaskSpec, global: Float64Array, train: Labelled, val: Labelled, o: FineTuneOptions = {}): FineTuned {
  const { maxSteps, patience, scope } = { ...FINE_TUNE_DEFAULTS, ...o };
  const globalLoss = logLoss(global, val);
  // A validation part with one class only cannot stop fine-tuning honestly: its log-loss falls as every
  // score is pushed to that class, which teaches a node without scams that nothing is one, at a cost in
  // recall it cannot see. The same rule as the threshold's (bestF1Threshold): no local evidence, no change.
  // (Added after the first contact, where the two posts nodes with no positive lost all recall this way.)
  const valPositives = val.labels.filter((y) => y === 1).length;
  if (train.rows.length === 0 || valPositives === 0 || valPositives === val.labels.length) return { model: Float64Array.from(global), steps: 0, tried: 0, globalLoss, loss: globalLoss };
  const adam = new ServerAdam(o.learningRate !== undefined ? { ...spec, learningRate: o.learningRate } : spec, global.length);
  adam.model.set(global);
  let best = { model: Float64Array.from(global), steps: 0, loss: globalLoss };
  let tried = 0;
  for (let step = 1; step <= maxSteps && step - best.steps <= patience; step++) {
    adam.step(localGradient(adam.model, train.rows, train.labels, { positiveWeight: 1, totalWeight: train.rows.length }));
    if (scope === 'bias') adam.model.set(global.subarray(0, global.length - 1));
    tried = step;
    const loss = logLoss(adam.model, val);
    if (loss < best.loss) best = { model: Float64Array.from(adam.model), steps: step, loss };
  }
  return { model: best.model, steps: best.steps, tried, globalLoss, loss: best.loss };
}

/**
 * The operating threshold a node picks on its own validation part: the score at which F1 there is
 * highest (ties: the higher threshold, fewer alerts). A validation part without both classes cannot rank
 * thresholds by F1, so the default 0.5 stands.
 */
export function bestF1Threshold(scores: number[], labels: number[], fallback = 0.5): number {
  const positives = labels.filter((y) => y === 1).length;
  if (positives === 0 || positives === labels.length) return fallback;
  const order = scores.map((s, i) => ({ s, y: labels[i] === 1 })).sort((a, b) => b.s - a.s);
  let tp = 0;
  let fp = 0;
  let best = { f1: -1, t: fallback };
  for (let i = 0; i < order.length; i++) {
    const o = order[i]!;
    if (o.y) tp++;
    else fp++;
    // Only cut between distinct scores: every record at this score is on the alert side.
    if (i + 1 < order.length && order[i + 1]!.s === o.s) continue;
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 > best.f1) best = { f1, t: o.s };
  }
  return best.t;
}

export interface Personalised extends FineTuned {
  threshold: number;
}

/** Fine-tune, then pick the threshold on the same validation part: all on the node, nothing sent. */
export function personalise(spec: GradientTaskSpec, global: Float64Array, train: Labelled, val: Labelled, o: FineTuneOptions = {}): Personalised {
  const tuned = fineTune(spec, global, train, val, o);
  return { ...tuned, threshold: bestF1Threshold(scoreRows(tuned.model, val.rows), val.labels) };
}
