import { describe, expect, it } from 'vitest';
import { RUG_FEATURES, parseRugCsv, recoverActivity, stratifiedSplit, type RugFeatures } from './dataset.js';

const header = '\uFEFFid,Label,' + RUG_FEATURES.join(',');
const row = (id: string, label: string, values: number[]) => [id, label, ...values].join(',');

describe('rug dataset', () => {
  it('parses the BOM header, labels and the 18 features by name', () => {
    const values = RUG_FEATURES.map((_, i) => i + 0.5);
    const rows = parseRugCsv([header, row('0xa', 'TRUE', values), row('0xb', 'FALSE', values), ''].join('\r\n'));
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      ['0xa', 1],
      ['0xb', 0],
    ]);
    expect(rows[0]?.features.mint_count_per_week).toBe(0.5);
    expect(rows[0]?.features.number_of_token_creation_of_creator).toBe(17.5);
    expect(() => parseRugCsv([header, row('0xc', 'maybe', values)].join('\n'))).toThrow(/Bad label/);
  });

  it('recovers integer event counts and the window from the normalised features', () => {
    // 2 mints, 45 swaps, 3 burns over 10 days (weeks + 1 = 10/7 + 1).
    const weeks = 10 / 7;
    const f = { mint_ratio: 2 / 50, swap_ratio: 45 / 50, burn_ratio: 3 / 50, mint_count_per_week: 2 / (weeks + 1) } as RugFeatures;
    const a = recoverActivity(f);
    expect(a?.mints).toBe(2);
    expect(a?.events).toBe(50);
    expect(a?.weeks).toBeCloseTo(weeks, 9);
    // Values as printed in the CSV (9 significant digits) still work.
    const printed = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v.toPrecision(9))])) as RugFeatures;
    expect(recoverActivity(printed)?.events).toBe(50);
  });

  it('splits each class by the same share, deterministically for a seed', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, label: i < 90 ? 1 : 0 }));
    const a = stratifiedSplit(rows, 0.2, 'seed');
    expect(a.test.filter((r) => r.label === 1)).toHaveLength(18);
    expect(a.test.filter((r) => r.label === 0)).toHaveLength(2);
    expect(a.train).toHaveLength(80);
    expect(stratifiedSplit(rows, 0.2, 'seed').test.map((r) => r.id)).toEqual(a.test.map((r) => r.id));
  });
});
