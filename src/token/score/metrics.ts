/** Binary classification metrics, positive class = label 1. Scores: higher = more likely positive. */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusion(y: number[], scores: number[], threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const pred = (scores[i] as number) >= threshold;
    if (y[i] === 1) {
      if (pred) c.tp++;
      else c.fn++;
    } else if (pred) c.fp++;
    else c.tn++;
  }
  return c;
}

export function precisionRecallF1(c: Confusion): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Average precision (the step-wise area under the precision–recall curve, as scikit-learn computes it):
 * Σ over distinct score thresholds, from the highest, of (R_k − R_{k−1}) · P_k. Ties share a threshold.
 */
export function averagePrecision(y: number[], scores: number[]): number {
  const order = y.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const positives = y.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
  if (positives === 0) return 0;
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (y[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** ROC-AUC by the rank-sum (Mann–Whitney) formula, ties counted as one half. */
export function rocAuc(y: number[], scores: number[]): number {
  const order = y.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const ranks = new Array<number>(y.length);
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && scores[order[e + 1] as number] === scores[order[k] as number]) e++;
    const r = (k + e) / 2 + 1;
    for (let q = k; q <= e; q++) ranks[order[q] as number] = r;
    k = e + 1;
  }
  let nPos = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i++)
    if (y[i] === 1) {
      nPos++;
      sum += ranks[i] as number;
    }
  const nNeg = y.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (sum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface HeldOutMetrics {
  n: number;
  positives: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** PR-AUC (average precision), positive class = rug. */
  prAuc: number;
  rocAuc: number;
  /** PR-AUC with the minority class (not a rug) as the positive one, scored by 1 − p. */
  prAucMinority: number;
  /** Precision, recall, F1 of a classifier calling every token a rug. */
  allRug: { precision: number; recall: number; f1: number };
  confusion: Confusion;
}

export function heldOutMetrics(y: number[], scores: number[], threshold = 0.5): HeldOutMetrics {
  const c = confusion(y, scores, threshold);
  const positives = y.filter((v) => v === 1).length;
  return {
    n: y.length,
    positives,
    threshold,
    ...precisionRecallF1(c),
    prAuc: averagePrecision(y, scores),
    rocAuc: rocAuc(y, scores),
    prAucMinority: averagePrecision(
      y.map((v) => 1 - v),
      scores.map((s) => 1 - s),
    ),
    allRug: precisionRecallF1(confusion(y, y.map(() => 1), 0.5)),
    confusion: c,
  };
}
