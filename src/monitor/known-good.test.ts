import { isAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { KNOWN_GOOD_BY_CHAIN, knownGoodFor } from './known-good.js';

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
});
