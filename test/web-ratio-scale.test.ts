import { describe, expect, it } from 'vitest';
import { ratioScale } from '../web/src/charts/ratio-scale.js';

describe('the baseline chart scale', () => {
  it('draws 10 against a normal of 9 and 1 against a normal of 0.1 apart, not as equal bars', () => {
    const rows = [
      { value: 10, p99: 9 },
      { value: 1, p99: 0.1 },
    ];
    const s = ratioScale(rows);
    const a = s.at(s.ratio(10, 9));
    const b = s.at(s.ratio(1, 0.1));
    expect(b).toBeGreaterThan(a + 0.2);
    // The normal maximum sits at the same place on every row, and the axis is monotone.
    expect(s.at(s.ratio(9, 9))).toBeCloseTo(s.at(s.ratio(0.1, 0.1)));
    expect(s.at(0.5)).toBeLessThan(s.at(1));
  });

  it('puts a value above a normal of zero at the far end, and zero at the start', () => {
    const s = ratioScale([{ value: 1, p99: 0 }, { value: 3, p99: 1 }]);
    expect(s.at(s.ratio(1, 0))).toBe(1);
    expect(s.at(s.ratio(0, 1))).toBe(0);
    expect(s.at(s.ratio(3, 1))).toBeLessThan(1);
  });
});
