/**
 * Who made a contract and when, from plain JSON-RPC (no explorer API, no traces):
 * - the creation block is found by bisecting `eth_getCode(address, block)` over [0, head]: about
 *   log2(head) calls (25 on Ethereum mainnet), but it needs historical state (an archive node; Hardhat
 *   keeps it). Without it the answer is null, not a guess.
 * - the creator is the sender of the transaction that made the token's first log in that block (its
 *   constructor mint, as a rule): the deployer for a direct deployment, the caller of the factory when a
 *   launchpad deployed it. A token that logs nothing at creation falls back to the block's creation
 *   transaction (receipt.contractAddress), looked at in a bounded batch.
 * - the creator's other contracts are the CREATE addresses of its nonces (0 … nonce−1), those with code
 *   that answer totalSupply() counted as tokens. Contracts a factory deployed for it are not seen.
 */
import { getAddress, getContractAddress, type Address, type Hex } from 'viem';
import { blockParam, rpc, rpcBatch } from '../../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../../chain/rpc/errors.js';

const TOTAL_SUPPLY = '0x18160ddd';
/** Most transactions a creation block may have before the fallback gives up. */
const MAX_BLOCK_TXS = 500;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function hasCode(url: string, address: Address, block: number): Promise<boolean> {
  const code = await rpc<Hex>(url, 'eth_getCode', [address, blockParam(block)]);
  return code !== '0x' && code.length > 2;
}

/** The first block at which `address` has code, or null (no code at `head`, or no historical state). */
export async function creationBlock(url: string, address: Address, head: number): Promise<number | null> {
  try {
    if (!(await hasCode(url, address, head))) return null;
    let lo = 0;
    let hi = head;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await hasCode(url, address, mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  } catch (error) {
    if (error instanceof RpcAnswerError) return null; // pruned state: not an archive node
    throw error;
  }
}

interface Tx {
  hash: Hex;
  from: Address;
  to: Address | null;
}

/** The creator of `token`, created at `block` (see the header); null when it cannot be told. */
export async function findCreator(url: string, token: Address, block: number): Promise<Address | null> {
  const logs = await rpc<Array<{ transactionHash: Hex }>>(url, 'eth_getLogs', [{ address: token, fromBlock: blockParam(block), toBlock: blockParam(block) }]);
  const first = logs[0];
  if (first) {
    const tx = await rpc<Tx | null>(url, 'eth_getTransactionByHash', [first.transactionHash]);
    if (tx) return getAddress(tx.from);
  }
  const full = await rpc<{ transactions: Tx[] } | null>(url, 'eth_getBlockByNumber', [blockParam(block), true]);
  const creations = (full?.transactions ?? []).filter((t) => t.to === null).slice(0, MAX_BLOCK_TXS);
  const receipts = await rpcBatch(url, creations.map((t) => ({ method: 'eth_getTransactionReceipt', params: [t.hash] })));
  for (const [i, r] of receipts.entries()) {
    const receipt = r as { contractAddress?: Address | null } | Error | null;
    if (receipt && !(receipt instanceof Error) && receipt.contractAddress && same(receipt.contractAddress, token)) return getAddress((creations[i] as Tx).from);
  }
  return null;
}

/**
 * Token contracts `creator` deployed itself (CREATE from its nonces, at most `maxNonce` looked at), other
 * than `exclude`. `complete` is false when the creator has sent more transactions than were looked at.
 */
export async function creatorTokens(url: string, creator: Address, block: number, exclude: Address, maxNonce = 256): Promise<{ tokens: Address[]; complete: boolean }> {
  const nonce = Number(await rpc<Hex>(url, 'eth_getTransactionCount', [creator, blockParam(block)]));
  const n = Math.min(nonce, maxNonce);
  const candidates = Array.from({ length: n }, (_, i) => getContractAddress({ from: creator, nonce: BigInt(i) })).filter((a) => !same(a, exclude));
  const codes = await rpcBatch(url, candidates.map((a) => ({ method: 'eth_getCode', params: [a, blockParam(block)] })));
  const contracts = candidates.filter((_, i) => typeof codes[i] === 'string' && (codes[i] as string).length > 2);
  const supplies = await rpcBatch(url, contracts.map((a) => ({ method: 'eth_call', params: [{ to: a, data: TOTAL_SUPPLY }, blockParam(block)] })));
  const tokens = contracts.filter((_, i) => typeof supplies[i] === 'string' && (supplies[i] as string).length === 66);
  return { tokens, complete: nonce <= maxNonce };
}
