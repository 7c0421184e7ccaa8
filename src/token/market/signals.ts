/**
 * Market signals of a token, from the chain's JSON-RPC as of one block:
 * - pool and liquidity: the deepest Uniswap V2 pool (see simulate/pool.ts) and its WETH side, in ether
 *   (for a pool against another quote token, that side's worth in WETH);
 * - LP shares: balanceOf over totalSupply of the pool's LP token for the creator, the burn addresses
 *   (0x0, which also holds Uniswap's 1,000-wei minimum liquidity, and 0x…dEaD) and the given lockers;
 * - holders: top-10 share and creator share of the total supply. The ranked holders leave out the token's
 *   pools and the burn addresses: the pool is the market, not a holder who can dump; burned tokens
 *   belong to no one. Both still count in the total supply, the denominator;
 * - pool age in blocks, from the pool's creation block;
 * - the creator (given, or found, see creation.ts), its other tokens, and how many of them the monitor
 *   saw rugged (only when a set of rugged addresses is given: otherwise null, not 0).
 * A signal that cannot be had (no archive state, too much history) is null with a note saying why; a
 * dead endpoint throws an ArgusError (code RPC).
 */
import { erc20Abi, formatEther, zeroAddress, type Address } from 'viem';
import type { MarketSignals } from '../types.js';
import { findPools, pairAbi, factoryAbi, type DexConfig } from '../simulate/pool.js';
import { readContract, rpc } from '../../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../../chain/rpc/errors.js';
import { creationBlock, creatorTokens, findCreator } from './creation.js';
import { replayTransfers, topHolders, ReplayLimitError, type ReplayLimits } from './holders.js';

export const DEAD_ADDRESS: Address = '0x000000000000000000000000000000000000dEaD';

export interface SignalOptions {
  dex: DexConfig;
  /** As of this block; default: the latest. */
  block?: number;
  /** The deployer, when known (skips finding it). */
  creator?: Address;
  /** LP locker contracts (Unicrypt, Team Finance, PinkLock… on that chain). */
  lockers?: Address[];
  /** Lower-case addresses of tokens or pools the monitor saw rugged (see rugs.ts); omitted: creatorEarlierRugs is null. */
  rugged?: Set<string>;
  /** Transfer-log replay bounds. */
  replay?: ReplayLimits;
  /** Most creator nonces looked at for its other tokens. Default 256. */
  maxCreatorNonce?: number;
}

export interface MarketSignalsDetail {
  signals: MarketSignals;
  block: number;
  tokenCreationBlock: number | null;
  poolCreationBlock: number | null;
  topHolders: Array<{ holder: Address; balance: string }>;
  creatorTokens: Address[];
  /** Why a signal is null or partial. */
  notes: string[];
}

/** part / whole in 0..1, rounded to 1e-6; null for an empty whole. */
function share(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}

/**
 * Runs `f`; a node's error answer or too much history (`ReplayLimitError` and its kin) becomes null plus
 * a note, so one unanswerable signal never sinks a report; a dead endpoint still throws.
 */
export async function soft<T>(notes: string[], what: string, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof RpcAnswerError || error instanceof ReplayLimitError) {
      notes.push(`${what}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

export async function marketSignals(url: string, token: Address, options: SignalOptions): Promise<MarketSignalsDetail> {
  const notes: string[] = [];
  const block = options.block ?? Number(await rpc<string>(url, 'eth_blockNumber'));
  const balance = (of: Address, holder: Address) => readContract<bigint>(url, of, erc20Abi, 'balanceOf', [holder], { block });
  const signals: MarketSignals = {
    pool: null,
    liquidityEth: null,
    lpCreatorShare: null,
    lpBurnedShare: null,
    lpLockedShare: null,
    top10HolderShare: null,
    creatorShare: null,
    poolAgeBlocks: null,
    creator: null,
    creatorOtherTokens: null,
    creatorEarlierRugs: null,
  };

  const [pools, tokenBorn] = await Promise.all([findPools(url, token, options.dex, block), creationBlock(url, token, block)]);
  const pool = pools[0] ?? null;
  if (tokenBorn === null) notes.push('token creation block: unknown (no code, or the node keeps no historical state)');
  const creator = options.creator ?? (tokenBorn === null ? null : await soft(notes, 'creator', () => findCreator(url, token, tokenBorn)));
  signals.creator = creator;
  if (!creator) notes.push('creator: unknown');

  let poolBorn: number | null = null;
  if (pool) {
    signals.pool = pool.pair;
    signals.liquidityEth = Number(formatEther(pool.wethReserve));
    poolBorn = await creationBlock(url, pool.pair, block);
    signals.poolAgeBlocks = poolBorn === null ? null : block - poolBorn;
    const lp = await soft(notes, 'LP shares', async () => {
      const lockers = options.lockers ?? [];
      const [supply, zero, dead, mine, ...locked] = await Promise.all([
        readContract<bigint>(url, pool.pair, pairAbi, 'totalSupply', [], { block }),
        balance(pool.pair, zeroAddress),
        balance(pool.pair, DEAD_ADDRESS),
        creator ? balance(pool.pair, creator) : Promise.resolve(null),
        ...lockers.map((l) => balance(pool.pair, l)),
      ]);
      return { supply, burned: zero + dead, mine, locked: locked.reduce<bigint>((a, b) => a + (b ?? 0n), 0n) };
    });
    if (lp) {
      signals.lpBurnedShare = share(lp.burned, lp.supply);
      signals.lpLockedShare = share(lp.locked, lp.supply);
      signals.lpCreatorShare = lp.mine === null ? null : share(lp.mine, lp.supply);
    }
  } else {
    notes.push('pool: no Uniswap V2 pool with WETH or a known quote token');
  }

  // Holders: replay from the token's creation (the whole history, or nothing).
  const supply = await soft(notes, 'total supply', () => readContract<bigint>(url, token, erc20Abi, 'totalSupply', [], { block }));
  let top: Array<{ holder: Address; balance: bigint }> = [];
  if (supply !== null && tokenBorn !== null) {
    const replayed = await soft(notes, 'holders', () => replayTransfers(url, token, tokenBorn, block, options.replay));
    if (replayed) {
      const excluded = new Set([zeroAddress, DEAD_ADDRESS.toLowerCase(), ...pools.map((p) => p.pair.toLowerCase())]);
      top = (await soft(notes, 'top holders', () => topHolders(url, token, replayed, excluded, block))) ?? [];
      signals.top10HolderShare = share(top.reduce((a, h) => a + h.balance, 0n), supply);
    }
  }
  if (supply !== null && creator) {
    const mine = await soft(notes, 'creator balance', () => balance(token, creator));
    if (mine !== null) signals.creatorShare = share(mine, supply);
  }

  // The creator's other tokens, and which of them the monitor saw rugged.
  let others: Address[] = [];
  if (creator) {
    const found = await soft(notes, 'creator tokens', () => creatorTokens(url, creator, block, token, options.maxCreatorNonce));
    if (found) {
      others = found.tokens;
      signals.creatorOtherTokens = others.length;
      if (!found.complete) notes.push(`creator tokens: only the first ${options.maxCreatorNonce ?? 256} transactions of the creator were looked at`);
      if (options.rugged) {
        const rugged = options.rugged;
        const flags = await Promise.all(
          others.map(async (t) => {
            if (rugged.has(t.toLowerCase())) return true;
            const pair = await soft(notes, 'earlier rugs', () => readContract<Address>(url, options.dex.factory, factoryAbi, 'getPair', [t, options.dex.weth], { block }));
            return pair !== null && rugged.has(pair.toLowerCase());
          }),
        );
        signals.creatorEarlierRugs = flags.filter(Boolean).length;
      } else {
        notes.push('creator earlier rugs: no list of rugs from the monitor was given');
      }
    }
  }

  return {
    signals,
    block,
    tokenCreationBlock: tokenBorn,
    poolCreationBlock: poolBorn,
    topHolders: top.map((h) => ({ holder: h.holder, balance: h.balance.toString() })),
    creatorTokens: others,
    notes,
  };
}
