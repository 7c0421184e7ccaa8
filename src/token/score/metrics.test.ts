import { describe, expect, it } from 'vitest';
import { averagePrecision, heldOutMetrics, rocAuc } from './metrics.js';

describe('metrics', () => {
  // scikit-learn's documented examples: roc_auc_score and average_precision_score.
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];

  it('ROC-AUC matches scikit-learn (0.75) and counts ties as one half', () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 10);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 10);
  });

  it('average precision matches scikit-learn (0.8333)', () => {
    expect(averagePrecision(y, s)).toBeCloseTo(0.8333333333, 8);
    expect(averagePrecision([1, 1, 0], [0.9, 0.8, 0.1])).toBe(1);
  });

  it('held-out metrics: threshold counts, the all-rug baseline and the minority view', () => {
    const m = heldOutMetrics([1, 1, 1, 0], [0.9, 0.6, 0.2, 0.7]);
    expect(m.confusion).toEqual({ tp: 2, fp: 1, tn: 0, fn: 1 });
    expect(m.precision).toBeCloseTo(2 / 3, 10);
    expect(m.recall).toBeCloseTo(2 / 3, 10);
    expect(m.allRug.precision).toBeCloseTo(0.75, 10);
    expect(m.allRug.recall).toBe(1);
    // Not-rug scored by 1 − p = [0.1, 0.4, 0.8, 0.3]: its one row (0.3) ranks third of four → AP 1/3.
    expect(m.prAucMinority).toBeCloseTo(1 / 3, 10);
  });
});
