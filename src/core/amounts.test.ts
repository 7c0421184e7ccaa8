import { describe, expect, it } from 'vitest';
import { count, formatEth, formatToken, formatUnits, tokenName, tokenUnits } from './amounts.js';

const E18 = 10n ** 18n;
const USDC = '0x9a676e781a523b5d0c0e43731313a708cb607508';

describe('formatUnits', () => {
  it('separates thousands and keeps at most four fractional digits, trailing zeros dropped', () => {
    expect(formatUnits(28n * E18, 18)).toBe('28');
    expect(formatUnits(671n * 10n ** 14n, 18)).toBe('0.0671');
    expect(formatUnits(12_505n * 10n ** 17n, 18)).toBe('1,250.5');
    expect(formatUnits(1_823_000_000n, 6)).toBe('1,823');
    expect(formatUnits(1_234_567_891_234n, 6)).toBe('1,234,567.8912');
    expect(formatUnits(100_000_000n, 8)).toBe('1');
    expect(formatUnits(999n, 0)).toBe('999');
    expect(formatUnits(1_000n, 0)).toBe('1,000');
  });

  it('cuts the fraction rather than rounding it up', () => {
    expect(formatUnits(999_999_999n, 9)).toBe('0.9999');
    expect(formatUnits(1_999_990_000_000_000_000n, 18)).toBe('1.9999');
  });

  it('shows a non-zero amount below 0.0001 as <0.0001, and zero as 0', () => {
    expect(formatUnits(1n, 18)).toBe('<0.0001');
    expect(formatUnits(99_999_999_999_999n, 18)).toBe('<0.0001');
    expect(formatUnits(100_000_000_000_000n, 18)).toBe('0.0001');
    expect(formatUnits(0n, 18)).toBe('0');
    expect(formatUnits(-5n * 10n ** 17n, 18)).toBe('-0.5');
    expect(formatUnits(-1n, 18)).toBe('>-0.0001');
  });

  it('is exact for amounts beyond a double\'s precision', () => {
    expect(formatUnits(194_000_000n * E18, 18)).toBe('194,000,000');
    expect(formatUnits(123_456_789_012_345_678_901_234_567n * E18 + 1n, 18)).toBe('123,456,789,012,345,678,901,234,567');
    expect(formatUnits(2n ** 256n - 1n, 18)).toBe('115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584');
  });

  it('refuses negative or fractional decimals', () => {
    expect(() => formatUnits(1n, -1)).toThrow(RangeError);
    expect(() => formatUnits(1n, 1.5)).toThrow(RangeError);
  });
});

describe('formatEth', () => {
  it('gives ETH from wei', () => {
    expect(formatEth(28n * E18)).toBe('28 ETH');
    expect(formatEth(671n * 10n ** 14n)).toBe('0.0671 ETH');
    expect(formatEth(12_505n * 10n ** 17n)).toBe('1,250.5 ETH');
    expect(formatEth(3n)).toBe('<0.0001 ETH');
  });
});

describe('token amounts', () => {
  it('names the symbol and the full address when both decimals and symbol are known', () => {
    expect(formatToken(1_823_000_000n, USDC, { symbol: 'USDC', decimals: 6 })).toBe(`1,823 USDC (${USDC})`);
    expect(tokenName(USDC, { symbol: 'USDC', decimals: 6 })).toBe(`USDC (${USDC})`);
  });

  it('says "of token" without a symbol and "base units" without decimals', () => {
    expect(formatToken(29n * E18, USDC, { symbol: null, decimals: 18 })).toBe(`29 of token ${USDC}`);
    expect(formatToken(1_823_000_000n, USDC, undefined)).toBe(`1823000000 base units of token ${USDC}`);
    expect(formatToken(1_823_000_000n, USDC, { symbol: null, decimals: null })).toBe(`1823000000 base units of token ${USDC}`);
    expect(formatToken(1_823_000_000n, USDC, { symbol: 'USDC', decimals: null })).toBe(`1823000000 base units of USDC (${USDC})`);
    expect(tokenName(USDC, undefined)).toBe(`token ${USDC}`);
  });

  it('gives the number alone in the token\'s units, or raw', () => {
    expect(tokenUnits(1_000_000n * E18, { symbol: 'SCAM', decimals: 18 })).toBe('1,000,000');
    expect(tokenUnits(1_000_000n * E18, undefined)).toBe('1000000000000000000000000');
  });
});

describe('count', () => {
  it('says 1 block, 0 blocks, 3 blocks', () => {
    expect([count(1, 'block'), count(0, 'block'), count(3n, 'block')]).toEqual(['1 block', '0 blocks', '3 blocks']);
  });
});
