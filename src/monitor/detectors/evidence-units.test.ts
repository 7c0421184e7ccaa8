import { describe, expect, it } from 'vitest';
import { evidenceUnits } from './evidence-units.js';

const DAI = '0x6b175474e89094c44da98b954eedeac495271d0f';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const tokens = new Map([
  [DAI, { symbol: 'DAI', decimals: 18 }],
  [WETH, { symbol: 'WETH', decimals: 18 }],
]);

describe('evidenceUnits', () => {
  it("names the token of a transfer's amounts, and leaves counts alone", () => {
    const units = evidenceUnits({ token: DAI, value: '1765782630000000000000000', balanceBefore: '25000000000000000000', earlierTransfers: 4, z: 3.2 }, tokens, new Set());
    expect(units).toEqual({ value: { token: DAI, symbol: 'DAI', decimals: 18 }, balanceBefore: { token: DAI, symbol: 'DAI', decimals: 18 } });
  });

  it('reads *Wei as ether, amount0/1 as the pair tokens, and an ETH asset', () => {
    expect(evidenceUnits({ gainWei: '1000', side: [] }, tokens, new Set())).toEqual({ gainWei: { token: 'ETH', symbol: 'ETH', decimals: 18 } });
    const pull = evidenceUnits({ pool: '0x' + '1'.repeat(40), amount0: '5', amount1: '7', reserve0: '10', reserve1: '14', token0: DAI, token1: WETH, share: 0.5 }, tokens, new Set([WETH]));
    expect(pull?.amount0?.symbol).toBe('DAI');
    expect(pull?.reserve1).toEqual({ token: WETH, symbol: 'WETH', decimals: 18, wrapsEth: true });
    expect(evidenceUnits({ asset: 'ETH', balanceBefore: '9', balanceAfter: '1' }, tokens, new Set())?.balanceAfter?.token).toBe('ETH');
  });

  it('says symbol and decimals are unknown rather than guessing, and names nothing without a token', () => {
    const other = '0x' + 'ab'.repeat(20);
    expect(evidenceUnits({ token: other, value: '12' }, tokens, new Set())).toEqual({ value: { token: other, symbol: null, decimals: null } });
    expect(evidenceUnits({ amount0: '5', reserve0: '10' }, tokens, new Set())).toBeUndefined();
  });
});
