import { describe, expect, it } from 'vitest';
import { graphAmountToRaw } from './transfers.js';

describe('graphAmountToRaw', () => {
  it('keeps every digit a file gave, beyond six decimals', () => {
    expect(graphAmountToRaw(0.123456789)).toBe(123456789000000000n);
    expect(graphAmountToRaw(12.5)).toBe(12_500_000_000_000_000_000n);
    expect(graphAmountToRaw(0.0000001234)).toBe(123_400_000_000n); // 1.234e-7 in exponent form
    expect(graphAmountToRaw(1e21)).toBe(10n ** 39n);
    expect(graphAmountToRaw(0)).toBe(0n);
    expect(graphAmountToRaw(1e-19)).toBe(0n); // below one wei
  });
  it('refuses what is not an amount', () => {
    expect(() => graphAmountToRaw(-1)).toThrow(RangeError);
    expect(() => graphAmountToRaw(Number.NaN)).toThrow(RangeError);
  });
});
