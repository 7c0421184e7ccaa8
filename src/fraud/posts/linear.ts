/**
 * L2-regularised logistic regression over sparse rows, trained full-batch with Adam. The data are small
 * (a few thousand posts, a few hundred non-zeros each), so a full pass costs milliseconds and full-batch
 * training is deterministic: the same data and settings give the same model on every machine.
 */

export interface SparseRow {
  index: Int32Array;
  value: Float64Array;
}

export interface LogisticOptions {
  /** L2 strength on the weights (not the bias), per example: loss = mean(weighted log-loss) + λ/2 |w|². */
  lambda: number;
  /** Weight of a positive example relative to a negative one (class balance). */
  positiveWeight: number;
  epochs: number;
  learningRate: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function dot(w: Float64Array, row: SparseRow): number {
  let s = 0;
  for (let k = 0; k < row.index.length; k++) s += (w[row.index[k] as number] as number) * (row.value[k] as number);
  return s;
}

export function trainLogistic(rows: SparseRow[], labels: number[], dims: number, options: LogisticOptions): LogisticModel {
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const g = new Float64Array(dims);
  let bias = 0;
  let mb = 0;
  let vb = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const weightOf = (y: number) => (y === 1 ? options.positiveWeight : 1);
  let total = 0;
  for (const y of labels) total += weightOf(y);
  // Buckets no row touches keep weight 0 (their gradient is only the L2 pull toward 0).
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as SparseRow;
      const y = labels[i] as number;
      const err = (sigmoid(dot(w, row) + bias) - y) * weightOf(y);
      gb += err;
      for (let k = 0; k < row.index.length; k++) g[row.index[k] as number] = (g[row.index[k] as number] as number) + err * (row.value[k] as number);
    }
    const lrT = (options.learningRate * Math.sqrt(1 - beta2 ** epoch)) / (1 - beta1 ** epoch);
    for (let j = 0; j < dims; j++) {
      const gj = (g[j] as number) / total + options.lambda * (w[j] as number);
      if (gj === 0 && w[j] === 0) continue;
      m[j] = beta1 * (m[j] as number) + (1 - beta1) * gj;
      v[j] = beta2 * (v[j] as number) + (1 - beta2) * gj * gj;
      w[j] = (w[j] as number) - (lrT * (m[j] as number)) / (Math.sqrt(v[j] as number) + eps);
    }
    gb /= total;
    mb = beta1 * mb + (1 - beta1) * gb;
    vb = beta2 * vb + (1 - beta2) * gb * gb;
    bias -= (lrT * mb) / (Math.sqrt(vb) + eps);
  }
  return { weights: w, bias };
}
