/**
 * The rug model's input read from a live chain: one Uniswap V2 pair's Mint, Burn and Swap events with
 * their block times, the LP holders (replayed from the pair's Transfer logs), and the holdings that the
 * dataset's features look at (creator, burn addresses). `computeRugFeatures` then turns it into the same
 * 18 features the model was trained on, so the model scores a real token rather than a dataset row.
 *
 * Bounded like the market signals: at most `maxEvents` pair events (a pool with more history than that is
 * not "about to be rugged" in the dataset's sense, and the caller gets null with the reason).
 */
import { erc20Abi, toEventSelector, type Address, type Hex } from 'viem';
import { logsIn, replayTransfers, ReplayLimitError, type Log } from '../market/holders.js';
import { readContract, rpcBatch } from '../../chain/rpc/json-rpc.js';
import { BURN_ADDRESSES, type HolderBalance, type PairChainData, type PairEvent, type SwapEvent } from './features.js';

const MINT = toEventSelector('Mint(address,uint256,uint256)');
const BURN = toEventSelector('Burn(address,uint256,uint256,address)');
const SWAP = toEventSelector('Swap(address,uint256,uint256,uint256,uint256,address)');

export interface PairChainQuery {
  pair: Address;
  token: Address;
  weth: Address;
  /** The pair's creation block (its first event cannot be earlier). */
  fromBlock: number;
  /** As of this block. */
  block: number;
  creator: Address;
  /** Tokens the creator deployed, this one included. */
  creatorTokenCount: number;
  lockers?: Iterable<string>;
  /** Most pair events read. Default 5,000. */
  maxEvents?: number;
  /** Blocks per eth_getLogs call. Default 10,000. */
  chunkBlocks?: number;
}

/** Too much history for the limits (a kind of `ReplayLimitError`): the score is unknown, with this reason. */
export class PairHistoryTooLong extends ReplayLimitError {
  constructor(message: string) {
    super(message);
    this.name = 'PairHistoryTooLong';
  }
}

/** The 32-byte words of a log's data, as bigints. */
function words(data: Hex): bigint[] {
  const hex = data.slice(2);
  const out: bigint[] = [];
  for (let i = 0; i + 64 <= hex.length; i += 64) out.push(BigInt('0x' + hex.slice(i, i + 64)));
  return out;
}

export async function pairChainData(url: string, q: PairChainQuery): Promise<PairChainData> {
  const maxEvents = q.maxEvents ?? 5_000;
  const chunk = q.chunkBlocks ?? 10_000;
  const logs: Log[] = [];
  for (let start = q.fromBlock; start <= q.block; start += chunk) {
    logs.push(...(await logsIn(url, q.pair, [MINT, BURN, SWAP], start, Math.min(q.block, start + chunk - 1))));
    if (logs.length > maxEvents) throw new PairHistoryTooLong(`the pool has more than ${maxEvents} mint, burn and swap events`);
  }
  // Block times, one batch for all the blocks the events sit in.
  const blocks = [...new Set(logs.map((l) => l.blockNumber))];
  const answers = await rpcBatch(url, blocks.map((b) => ({ method: 'eth_getBlockByNumber', params: [b, false] })));
  const time = new Map<string, number>();
  blocks.forEach((b, i) => {
    const block = answers[i] as { timestamp?: Hex } | undefined;
    if (block && typeof block === 'object' && typeof block.timestamp === 'string') time.set(b, Number(block.timestamp));
  });
  // Uniswap V2 orders a pair's tokens by address: WETH is token0 when its address is the smaller one.
  const wethIsToken0 = q.weth.toLowerCase() < q.token.toLowerCase();
  const mints: PairEvent[] = [];
  const burns: PairEvent[] = [];
  const swaps: SwapEvent[] = [];
  for (const log of logs) {
    const timestamp = time.get(log.blockNumber);
    if (timestamp === undefined) continue;
    if (log.topics[0] === MINT) mints.push({ timestamp });
    else if (log.topics[0] === BURN) burns.push({ timestamp });
    else if (log.topics[0] === SWAP) {
      const [amount0In = 0n, amount1In = 0n] = words(log.data);
      const wethIn = wethIsToken0 ? amount0In : amount1In;
      swaps.push({ timestamp, direction: wethIn > 0n ? 'buy' : 'sell' });
    }
  }
  const lpReplay = await replayTransfers(url, q.pair, q.fromBlock, q.block, { chunkBlocks: chunk });
  const lpHolders: HolderBalance[] = [...lpReplay.entries()].filter(([, b]) => b > 0n).map(([address, balance]) => ({ address, balance }));
  const watched = [q.creator.toLowerCase(), ...BURN_ADDRESSES];
  const [lpTotalSupply, tokenTotalSupply, ...held] = await Promise.all([
    readContract<bigint>(url, q.pair, erc20Abi, 'totalSupply', [], { block: q.block }),
    readContract<bigint>(url, q.token, erc20Abi, 'totalSupply', [], { block: q.block }),
    ...watched.map((a) => readContract<bigint>(url, q.token, erc20Abi, 'balanceOf', [a as Address], { block: q.block })),
  ]);
  const tokenHolders = watched.map((address, i) => ({ address, balance: held[i] as bigint })).filter((h) => h.balance > 0n);
  return {
    mints,
    burns,
    swaps,
    lpHolders,
    lpTotalSupply,
    tokenHolders,
    tokenTotalSupply,
    creator: q.creator.toLowerCase(),
    creatorTokenCount: q.creatorTokenCount,
    ...(q.lockers ? { lockers: q.lockers } : {}),
  };
}
