/**
 * Token balances rebuilt from the token's Transfer logs, in bounded `eth_getLogs` ranges: providers cap
 * both the block range and the number of logs per call, so a range the node refuses is split in two
 * (down to single blocks) before giving up, and the whole replay stops at `maxLogs`. The replay finds the
 * holders; their balances are then read with balanceOf, which is right even for tokens whose balances
 * move without a Transfer (rebases, reflections).
 */
import { erc20Abi, getAddress, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { blockParam, readContract, rpc } from '../../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../../chain/rpc/errors.js';

export const TRANSFER_TOPIC: Hex = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

export interface ReplayLimits {
  /** Blocks per eth_getLogs call to start with. Default 10,000. */
  chunkBlocks?: number;
  /** Longest history replayed; a longer one gives null. Default 500,000 blocks. */
  maxBlocks?: number;
  /** Most Transfer logs replayed; more gives null. Default 50,000. */
  maxLogs?: number;
}

export interface Log {
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
}

/** Too much history for the limits: the caller reports null, not a partial answer. */
export class ReplayLimitError extends ArgusError {
  constructor(message: string) {
    super(ERROR_CODES.RPC, message);
    this.name = 'ReplayLimitError';
  }
}

/** The logs of `address` whose first topic is one of `topic0s`, in [from, to]; a refused range is halved. */
export async function logsIn(url: string, address: Address, topic0s: readonly Hex[], from: number, to: number, depth = 0): Promise<Log[]> {
  try {
    return await rpc<Log[]>(url, 'eth_getLogs', [{ address, topics: [topic0s.length === 1 ? topic0s[0] : [...topic0s]], fromBlock: blockParam(from), toBlock: blockParam(to) }], { timeoutMs: 30_000 });
  } catch (error) {
    // "query returned more than 10000 results", "block range too large"…: split and try again.
    if (!(error instanceof RpcAnswerError) || from === to || depth >= 12) throw error;
    const mid = Math.floor((from + to) / 2);
    return [...(await logsIn(url, address, topic0s, from, mid, depth + 1)), ...(await logsIn(url, address, topic0s, mid + 1, to, depth + 1))];
  }
}

const topicAddress = (t: Hex) => `0x${t.slice(26)}`.toLowerCase();

/** Net balances (lower-case addresses) from the Transfer logs of [fromBlock, toBlock]. */
export async function replayTransfers(url: string, token: Address, fromBlock: number, toBlock: number, limits: ReplayLimits = {}): Promise<Map<string, bigint>> {
  const { chunkBlocks = 10_000, maxBlocks = 500_000, maxLogs = 50_000 } = limits;
  if (toBlock - fromBlock + 1 > maxBlocks) throw new ReplayLimitError(`the token's history (${toBlock - fromBlock + 1} blocks) is longer than the ${maxBlocks} blocks replayed`);
  const balances = new Map<string, bigint>();
  let seen = 0;
  for (let start = fromBlock; start <= toBlock; start += chunkBlocks) {
    const logs = await logsIn(url, token, [TRANSFER_TOPIC], start, Math.min(toBlock, start + chunkBlocks - 1));
    seen += logs.length;
    if (seen > maxLogs) throw new ReplayLimitError(`the token has more than ${maxLogs} transfers`);
    for (const log of logs) {
      if (log.topics.length !== 3) continue; // an ERC-721 Transfer (the id is indexed), not ours
      const value = BigInt(log.data === '0x' ? 0 : log.data);
      const from = topicAddress(log.topics[1] as Hex);
      const to = topicAddress(log.topics[2] as Hex);
      balances.set(from, (balances.get(from) ?? 0n) - value);
      balances.set(to, (balances.get(to) ?? 0n) + value);
    }
  }
  return balances;
}

/** The `n` largest holders by replayed balance, minus `excluded`, with balances read at `block`. */
export async function topHolders(url: string, token: Address, replayed: Map<string, bigint>, excluded: Set<string>, block: number, n = 10): Promise<Array<{ holder: Address; balance: bigint }>> {
  // Twice as many candidates as needed: a replayed balance can be off for a token that rebases.
  const candidates = [...replayed.entries()]
    .filter(([a, b]) => b > 0n && !excluded.has(a))
    .sort((x, y) => (x[1] === y[1] ? 0 : x[1] > y[1] ? -1 : 1))
    .slice(0, n * 2)
    .map(([a]) => getAddress(a));
  const balances = await Promise.all(candidates.map((holder) => readContract<bigint>(url, token, erc20Abi, 'balanceOf', [holder], { block })));
  return candidates
    .map((holder, i) => ({ holder, balance: balances[i] as bigint }))
    .sort((x, y) => (x.balance === y.balance ? 0 : x.balance > y.balance ? -1 : 1))
    .slice(0, n);
}
