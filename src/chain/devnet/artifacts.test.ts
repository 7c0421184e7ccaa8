import { describe, expect, it } from 'vitest';
import { keccak256 } from 'viem';
import { ArgusError } from '../../core/errors.js';
import { loadUniswapV2, MAINNET_PAIR_INIT_CODE_HASH, patchInitCodeHash } from './artifacts.js';
import { computePairAddress } from './deploy.js';

describe('Uniswap V2 artifacts', () => {
  it('loads the npm builds with 0x-prefixed bytecode and the pair init code hash', () => {
    const u = loadUniswapV2();
    for (const a of [u.factory, u.pair, u.router, u.weth]) expect(a.bytecode).toMatch(/^0x[0-9a-f]+$/);
    expect(u.pairInitCodeHash).toBe(keccak256(u.pair.bytecode));
    expect(u.router.bytecode.includes(u.pairInitCodeHash.slice(2))).toBe(true);
  });

  it('patches the init code hash inside a router exactly once, and refuses when it is missing', () => {
    const other = `0x${'ab'.repeat(32)}` as const;
    const code = `0x6000${MAINNET_PAIR_INIT_CODE_HASH.slice(2)}6001` as const;
    expect(patchInitCodeHash(code, MAINNET_PAIR_INIT_CODE_HASH, other)).toBe(`0x6000${'ab'.repeat(32)}6001`);
    expect(() => patchInitCodeHash('0x6000', MAINNET_PAIR_INIT_CODE_HASH, other)).toThrow(ArgusError);
  });

  it('computes the mainnet WETH/USDC pair address from the mainnet factory', () => {
    // Uniswap V2 on mainnet: factory 0x5C69…aA6f, USDC/WETH pair 0xB4e1…9Dc.
    const pair = computePairAddress(
      '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f',
      '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
      '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
      MAINNET_PAIR_INIT_CODE_HASH,
    );
    expect(pair).toBe('0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc');
  });
});
