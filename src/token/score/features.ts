import type { RugFeatures } from './dataset.js';

/**
 * The 18 features of Dataset_v1.9.csv (rugpull-uniswapv2-features) computed from live chain data of one
 * Uniswap V2 token/WETH pair, so the learned rug score applies to a real token.
 *
 * Definitions follow the original project's feature code (BOBAI "RugPull_Prediction_AI": predict.py and
 * lib/FeatureLib.py) and the README ("from first transaction to the last one / the one before the rug"):
 *
 * - active_period = last event's timestamp − first Mint's timestamp (seconds), over Mint, Swap and Burn of
 *   the pair. Events after `now` are ignored, so a past point in time can be replayed. Note the window
 *   ends at the last event, not at `now`, as in the dataset.
 * - weeks = active_period / 604800 + 1 (the "+ 1" is the original's, it avoids dividing by zero).
 * - mint_count_per_week, burn_count_per_week, swap_in_per_week, swap_out_per_week = count / weeks.
 * - mint_ratio, swap_ratio, burn_ratio = count / (mints + swaps + burns).
 * - mint_mean_period etc. = mean over those events of (timestamp − first Mint), truncated to whole
 *   seconds, / active_period. The original divides by zero when active_period is 0 (the row was dropped);
 *   we return 0 then.
 * - swap in = a swap with WETH going in (a buy of the token), swap out = a sell (the original counts a swap
 *   as "in" when the WETH side's amountIn is non-zero). swap_rate = swap_in / (swap_out + 1).
 * - lp_avg, lp_std: over the LP holders with a share of at least 0.01 % (shares in percent, 0..100):
 *   lp_avg = 100 / count; lp_std = sqrt(Σ (share − lp_avg)²) — the square root of the *sum* of squared
 *   deviations, not divided by the count, exactly as the original computes it.
 * - lp_creator_holding_ratio: the token creator's LP balance / LP total supply, a fraction 0..1 (the
 *   dataset's values sit in 0..1 with the rugs' median at exactly 1).
 * - lp_lock_ratio: LP held by lockers / LP total supply, a fraction 0..1. Lockers: DATASET_LOCKERS (the
 *   original's list) and the caller's `lockers`. As in the original, the 0x…dead address counts as a locker (LP sent there is locked for ever); the zero address is not (Uniswap V2
 *   mints MINIMUM_LIQUIDITY to it in every pool). The original took the first locker in the holder list;
 *   we sum all lockers (they agree unless two lockers hold the same LP token).
 * - token_burn_ratio: token balance of burn addresses (0x0, 0x1 … 0xf, 0x…dead) plus `tokenBurned` (burns
 *   that reduced the supply), as a percentage 0..100 of the supply (the original used Ethplorer's holder
 *   share, a percentage; the dataset's values reach 99.4).
 * - token_creator_holding_ratio: the creator's token balance as a percentage 0..100 of the supply (same
 *   source as token_burn_ratio in the original). Interpretation: the dataset's column also holds values
 *   outside 0..100 (−500 … 6,250) that no balance share can give; we cannot reproduce those.
 * - number_of_token_creation_of_creator: tokens (WETH pairs) the token's creator has created, this one
 *   included, so at least 1.
 */

export interface PairEvent {
  /** Unix seconds. */
  timestamp: number;
}

export interface SwapEvent extends PairEvent {
  /** Relative to WETH: 'buy' = WETH in, token out; 'sell' = token in, WETH out. */
  direction: 'buy' | 'sell';
}

export interface HolderBalance {
  address: string;
  balance: bigint;
}

export interface PairChainData {
  mints: PairEvent[];
  burns: PairEvent[];
  swaps: SwapEvent[];
  /** LP token holders of the pair and the LP total supply. */
  lpHolders: HolderBalance[];
  lpTotalSupply: bigint;
  /** Token holders (at least the creator and the burn addresses) and the token's total supply. */
  tokenHolders: HolderBalance[];
  tokenTotalSupply: bigint;
  /** Tokens destroyed by reducing the supply (a burn() that emits Transfer to 0x0 and lowers totalSupply), if known. */
  tokenBurned?: bigint;
  /** The token contract's deployer. */
  creator: string;
  /** Tokens the creator has deployed, this one included. */
  creatorTokenCount: number;
  /** Further LP locker contracts (any case); DATASET_LOCKERS (with 0x…dead) are always counted. */
  lockers?: Iterable<string>;
  /** Ignore events after this unix time (default: none). */
  now?: number;
}

export interface LiveFeatures {
  features: RugFeatures;
  window: { start: number; end: number; activePeriod: number; mints: number; swaps: number; burns: number; swapIn: number; swapOut: number };
}

export const DEAD = '0x000000000000000000000000000000000000dead';

/**
 * The LP lockers the dataset's lp_lock_ratio counted: the original project's FeatureLib lists exactly these
 * two contracts (commented there only as "locker"; they are usually identified as UniCrypt's Uniswap V2
 * locker and Team Finance's lock contract — we include them because the dataset counted them, not on our
 * own verification) plus 0x…dead. Other lockers can be passed in `lockers`.
 */
export const DATASET_LOCKERS: readonly string[] = ['0x663a5c229c09b049e36dcc11a9b0d4a8eb9db214', '0xe2fe530c047f2d85298b07d9333c05737f1435fb', DEAD];
export const ZERO = '0x0000000000000000000000000000000000000000';

/** 0x0 … 0xf and 0x…dead, the original's burn-address list. */
export const BURN_ADDRESSES: ReadonlySet<string> = new Set([...Array.from({ length: 16 }, (_, i) => '0x' + i.toString(16).padStart(40, '0')), DEAD]);

const WEEK = 60 * 60 * 24 * 7;

/** a / b as a float, exact for balances far beyond 2^53. */
export function share(a: bigint, b: bigint): number {
  if (b <= 0n) return 0;
  const SCALE = 10n ** 18n;
  return Number((a * SCALE) / b) / 1e18;
}

/** LP holder distribution: lp_avg and lp_std as the original computes them (percent shares ≥ 0.01). */
export function lpDistribution(holders: HolderBalance[], totalSupply: bigint): { lpAvg: number; lpStd: number } {
  const shares = holders
    .map((h) => share(h.balance, totalSupply) * 100)
    .filter((s) => s >= 0.01)
    .sort((a, b) => b - a);
  if (shares.length === 0) return { lpAvg: 0, lpStd: 0 };
  const avg = 100 / shares.length;
  return { lpAvg: avg, lpStd: Math.sqrt(shares.reduce((s, x) => s + (x - avg) ** 2, 0)) };
}

export function computeRugFeatures(data: PairChainData): LiveFeatures {
  const now = data.now ?? Number.POSITIVE_INFINITY;
  const keep = <T extends PairEvent>(xs: T[]) => xs.filter((e) => e.timestamp <= now);
  const mints = keep(data.mints);
  const burns = keep(data.burns);
  const swaps = keep(data.swaps);
  if (mints.length === 0) throw new Error('computeRugFeatures: the pair has no Mint event (no liquidity was ever added)');

  const start = Math.min(...mints.map((e) => e.timestamp));
  const end = Math.max(start, ...mints.map((e) => e.timestamp), ...burns.map((e) => e.timestamp), ...swaps.map((e) => e.timestamp));
  const active = end - start;
  const weeks = active / WEEK + 1;
  const total = mints.length + burns.length + swaps.length;
  const meanPeriod = (xs: PairEvent[]) => {
    if (xs.length === 0 || active <= 0) return 0;
    return Math.trunc(xs.reduce((s, e) => s + (e.timestamp - start), 0) / xs.length) / active;
  };
  const swapIn = swaps.filter((s) => s.direction === 'buy').length;
  const swapOut = swaps.length - swapIn;

  const lc = (a: string) => a.toLowerCase();
  const creator = lc(data.creator);
  const lockers = new Set<string>([...DATASET_LOCKERS, ...(data.lockers ?? [])].map(lc));
  const sum = (hs: HolderBalance[], pick: (a: string) => boolean) => hs.reduce((s, h) => (pick(lc(h.address)) ? s + h.balance : s), 0n);

  const { lpAvg, lpStd } = lpDistribution(data.lpHolders, data.lpTotalSupply);
  const burned = sum(data.tokenHolders, (a) => BURN_ADDRESSES.has(a)) + (data.tokenBurned ?? 0n);
  // Burns that lowered the supply are measured against the supply before them.
  const supplyForBurn = data.tokenTotalSupply + (data.tokenBurned ?? 0n);

  const features: RugFeatures = {
    mint_count_per_week: mints.length / weeks,
    burn_count_per_week: burns.length / weeks,
    mint_ratio: mints.length / total,
    swap_ratio: swaps.length / total,
    burn_ratio: burns.length / total,
    mint_mean_period: meanPeriod(mints),
    swap_mean_period: meanPeriod(swaps),
    burn_mean_period: meanPeriod(burns),
    swap_in_per_week: swapIn / weeks,
    swap_out_per_week: swapOut / weeks,
    swap_rate: swapIn / (swapOut + 1),
    lp_avg: lpAvg,
    lp_std: lpStd,
    lp_creator_holding_ratio: share(sum(data.lpHolders, (a) => a === creator), data.lpTotalSupply),
    lp_lock_ratio: share(sum(data.lpHolders, (a) => lockers.has(a)), data.lpTotalSupply),
    token_burn_ratio: share(burned, supplyForBurn) * 100,
    token_creator_holding_ratio: share(sum(data.tokenHolders, (a) => a === creator), data.tokenTotalSupply) * 100,
    number_of_token_creation_of_creator: Math.max(1, data.creatorTokenCount),
  };
  return { features, window: { start, end, activePeriod: active, mints: mints.length, swaps: swaps.length, burns: burns.length, swapIn, swapOut } };
}
