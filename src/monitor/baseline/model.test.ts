/**
 * The committed model file (models/monitor-baseline.json): it loads from the package root, matches this
 * code's features, its threshold follows its stated rule from its own training scores, and it ranks a
 * drain of almost a whole balance to a new address above the sender's usual payment.
 */
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './features.js';
import { BaselineScorer, loadBaselineModel } from './model.js';

const row = (values: Partial<Record<(typeof FEATURE_NAMES)[number], number>>) => FEATURE_NAMES.map((f) => values[f] ?? 0);

describe('the committed baseline model', () => {
  const model = loadBaselineModel();
  const scorer = new BaselineScorer(model);

  it('is over this code\'s features, with a threshold above every training score', () => {
    expect(model.featureNames).toEqual([...FEATURE_NAMES]);
    expect(model.threshold).toBeGreaterThan(model.training.scores.max);
    expect(model.training.seeds.some((s) => s.startsWith('monitor-'))).toBe(false);
  });

  it('ranks a drain above a usual payment and names the departing features', () => {
    const usual = row({ historyLength: Math.log2(11), tokenAmountZ: 0.3, balanceShareMoved: 0.02 });
    const drain = row({ historyLength: Math.log2(11), tokenAmountZ: 12, balanceShareMoved: 0.97, newRecipient: 1 });
    expect(scorer.score(drain)).toBeGreaterThan(scorer.score(usual));
    const names = scorer.departures(drain).map((d) => d.feature);
    expect(names.some((n) => n === 'tokenAmountZ' || n === 'balanceShareMoved')).toBe(true);
    const text = scorer.explain(scorer.score(drain), scorer.departures(drain), { sender: '0xabc', history: 10, meanEth: 0.3 });
    expect(text).toMatch(/against a history of 10 transactions \(mean 0.300 ETH\)/);
  });
});
