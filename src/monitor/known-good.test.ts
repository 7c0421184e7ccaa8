import { isAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { KNOWN_GOOD_BY_CHAIN, knownGoodEntries, knownGoodFor } from './known-good.js';

describe('known-good infrastructure', () => {
  it('has only EIP-55 checksummed addresses (a mistyped one fails the checksum), each once', () => {
    for (const entries of Object.values(KNOWN_GOOD_BY_CHAIN)) {
      for (const e of entries) expect(isAddress(e.address, { strict: true }), `${e.label} ${e.address}`).toBe(true);
      expect(new Set(entries.map((e) => e.address.toLowerCase())).size).toBe(entries.length);
    }
  });

  it('gives lower-case addresses for a chain, nothing for a chain without a list', () => {
    expect(knownGoodFor(1)).toContain('0x7a250d5630b4cf539739df2c5dacb4c659f2488d');
    expect(knownGoodFor(31337)).toEqual([]);
  });

  it('adds the maintained token list: mainnet USDC and WETH, Base and Arbitrum tokens, none for the devnet', () => {
    const mainnet = knownGoodFor(1);
    expect(mainnet).toContain('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
    expect(mainnet).toContain('0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2');
    expect(new Set(mainnet).size).toBe(mainnet.length);
    expect(knownGoodEntries(1).find((e) => e.address.toLowerCase() === '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')?.label).toMatch(/^USDC \(Uniswap Labs Default \d+\.\d+\.\d+\)$/u);
    expect(knownGoodFor(8453).length).toBeGreaterThan(20);
    expect(knownGoodFor(42161).length).toBeGreaterThan(20);
    expect(knownGoodFor(31337)).toEqual([]);
  });
});
