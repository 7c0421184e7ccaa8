import { describe, expect, it } from 'vitest';
import { DEAD, ZERO, computeRugFeatures, lpDistribution, share, type PairChainData } from './features.js';
import { RUG_FEATURES } from './dataset.js';

const DAY = 86_400;
const T0 = 1_630_000_000;
const CREATOR = '0xC0FFEE0000000000000000000000000000000001';
const LOCKER = '0x1111111111111111111111111111111111111111';
const ALICE = '0xa11ce00000000000000000000000000000000000';
const E18 = 10n ** 18n;

/** A pool created at T0 with one mint, 3 buys and 1 sell over two weeks, and a burn on day 14. */
function pool(over: Partial<PairChainData> = {}): PairChainData {
  return {
    mints: [{ timestamp: T0 }],
    swaps: [
      { timestamp: T0 + DAY, direction: 'buy' },
      { timestamp: T0 + 2 * DAY, direction: 'buy' },
      { timestamp: T0 + 3 * DAY, direction: 'sell' },
      { timestamp: T0 + 4 * DAY, direction: 'buy' },
    ],
    burns: [{ timestamp: T0 + 14 * DAY }],
    lpTotalSupply: 1000n * E18,
    lpHolders: [
      { address: CREATOR.toLowerCase(), balance: 600n * E18 },
      { address: LOCKER, balance: 300n * E18 },
      { address: DEAD, balance: 100n * E18 },
      { address: ZERO, balance: 1000n },
    ],
    tokenTotalSupply: 1_000_000n * E18,
    tokenHolders: [
      { address: CREATOR, balance: 50_000n * E18 },
      { address: DEAD, balance: 200_000n * E18 },
      { address: ALICE, balance: 10n * E18 },
    ],
    creator: CREATOR,
    creatorTokenCount: 3,
    lockers: [LOCKER.toUpperCase().replace('0X', '0x')],
    ...over,
  };
}

describe('computeRugFeatures', () => {
  it('computes all 18 dataset features from hand-made events and balances', () => {
    const { features: f, window: w } = computeRugFeatures(pool());
    expect(Object.keys(f).sort()).toEqual([...RUG_FEATURES].sort());
    expect(w).toEqual({ start: T0, end: T0 + 14 * DAY, activePeriod: 14 * DAY, mints: 1, swaps: 4, burns: 1, swapIn: 3, swapOut: 1 });
    // 14 days = 2 weeks → divisor 3.
    expect(f.mint_count_per_week).toBeCloseTo(1 / 3, 12);
    expect(f.burn_count_per_week).toBeCloseTo(1 / 3, 12);
    expect(f.swap_in_per_week).toBeCloseTo(1, 12);
    expect(f.swap_out_per_week).toBeCloseTo(1 / 3, 12);
    expect(f.mint_ratio).toBeCloseTo(1 / 6, 12);
    expect(f.swap_ratio).toBeCloseTo(4 / 6, 12);
    expect(f.burn_ratio).toBeCloseTo(1 / 6, 12);
    expect(f.mint_mean_period).toBe(0);
    expect(f.swap_mean_period).toBeCloseTo(2.5 / 14, 12);
    expect(f.burn_mean_period).toBe(1);
    expect(f.swap_rate).toBeCloseTo(3 / 2, 12);
    // LP shares ≥ 0.01 %: 60, 30, 10 (the zero address' 1000 wei is below) → avg 100/3.
    expect(f.lp_avg).toBeCloseTo(100 / 3, 10);
    expect(f.lp_std).toBeCloseTo(Math.sqrt((60 - 100 / 3) ** 2 + (30 - 100 / 3) ** 2 + (10 - 100 / 3) ** 2), 10);
    expect(f.lp_creator_holding_ratio).toBeCloseTo(0.6, 12);
    // The given locker and 0x…dead both count as locked.
    expect(f.lp_lock_ratio).toBeCloseTo(0.4, 12);
    expect(f.token_burn_ratio).toBeCloseTo(20, 10);
    expect(f.token_creator_holding_ratio).toBeCloseTo(5, 10);
    expect(f.number_of_token_creation_of_creator).toBe(3);
  });

  it('replays a past moment: events after `now` are ignored, and the window ends at the last event', () => {
    const { features: f, window: w } = computeRugFeatures(pool({ now: T0 + 3 * DAY + 10 }));
    expect(w).toMatchObject({ activePeriod: 3 * DAY, swaps: 3, burns: 0, swapIn: 2, swapOut: 1 });
    expect(f.burn_ratio).toBe(0);
    expect(f.burn_mean_period).toBe(0);
    expect(f.mint_count_per_week).toBeCloseTo(1 / (3 / 7 + 1), 12);
    expect(f.swap_mean_period).toBeCloseTo(2 / 3, 12);
  });

  it('a pool with only its first mint: zero-length window gives 0 mean periods, not NaN', () => {
    const { features: f } = computeRugFeatures(pool({ swaps: [], burns: [] }));
    expect(f.mint_count_per_week).toBe(1);
    expect(f.mint_ratio).toBe(1);
    expect(f.swap_mean_period).toBe(0);
    expect(f.mint_mean_period).toBe(0);
    expect(Object.values(f).every(Number.isFinite)).toBe(true);
  });

  it('counts supply-reducing burns and refuses a pool without liquidity', () => {
    const { features: f } = computeRugFeatures(pool({ tokenTotalSupply: 800_000n * E18, tokenHolders: [], tokenBurned: 200_000n * E18 }));
    expect(f.token_burn_ratio).toBeCloseTo(20, 10);
    expect(() => computeRugFeatures(pool({ mints: [] }))).toThrow(/no Mint/);
  });

  it('number_of_token_creation_of_creator is at least 1 (this token)', () => {
    expect(computeRugFeatures(pool({ creatorTokenCount: 0 })).features.number_of_token_creation_of_creator).toBe(1);
  });
});

describe('helpers', () => {
  it('share is exact for large bigints', () => {
    expect(share(1n, 3n)).toBeCloseTo(1 / 3, 15);
    expect(share(10n ** 30n, 4n * 10n ** 30n)).toBe(0.25);
    expect(share(1n, 0n)).toBe(0);
  });

  it('lpDistribution: one holder of everything gives avg 100, std 0 (the typical pre-rug pool)', () => {
    expect(lpDistribution([{ address: CREATOR, balance: 5n }], 5n)).toEqual({ lpAvg: 100, lpStd: 0 });
  });
});
