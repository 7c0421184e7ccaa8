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

  it('gives the token\'s amounts in its units when its decimals are known, in base units otherwise', () => {
    const usdc = '0x9a676e781a523b5d0c0e43731313a708cb607508';
    const context = { sender: '0xabc', history: 10, meanEth: 0.3, token: { address: usdc, amount: 1_823_000_000n, history: 4, meanAmount: 12_500_000 } };
    const known = scorer.explain(1, [], context, { symbol: 'USDC', decimals: 6 });
    expect(known).toContain(`; for USDC (${usdc}) 4 earlier transfers (typical amount 12.5, this one 1,823).`);
    const unknown = scorer.explain(1, [], context);
    expect(unknown).toContain(`; for token ${usdc} 4 earlier transfers (typical amount 1.25e+7 base units, this one 1823000000 base units).`);
    const first = scorer.explain(1, [], { ...context, token: { ...context.token, history: 0, meanAmount: 0 } }, { symbol: null, decimals: 6 });
    expect(first).toContain(`; its first transfer of 1,823 of token ${usdc}.`);
    expect(scorer.explain(1, [], { ...context, token: { ...context.token, history: 0 } })).toContain(`; its first transfer of 1823000000 base units of token ${usdc}.`);
    // A float mean of 1e24 base units is a million tokens of 18 decimals, not 999,999.9999.
    const scam = scorer.explain(1, [], { ...context, token: { ...context.token, amount: 179_000_000n * 10n ** 18n, history: 1, meanAmount: 1e24 } }, { symbol: 'EYLD27', decimals: 18 });
    expect(scam).toContain('(typical amount 1,000,000, this one 179,000,000).');
    const odd = scorer.explain(1, [], { ...context, token: { ...context.token, history: 2, meanAmount: 3.8848e22 } }, { symbol: 'VOL30', decimals: 18 });
    expect(odd).toContain('(typical amount 38,850, ');
  });
});
