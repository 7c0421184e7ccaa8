/**
 * Reads of one protocol's state, all at one block (the head when the assessment starts), so that every
 * answer describes the same moment. A call that reverts, or returns what its ABI cannot decode, is
 * "absent" (the contract does not answer that question); a node that fails is an outage, which the
 * checks turn into "cannot decide" rather than into a clean answer.
 */
import { decodeFunctionResult, encodeFunctionData, getAddress, parseAbi, type Abi, type Address, type Hex } from 'viem';
import { rpc } from '../chain/rpc/json-rpc.js';
import { RpcOutageError } from '../chain/rpc/errors.js';

export const VIEWS = parseAbi([
  'function owner() view returns (address)',
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function getMinDelay() view returns (uint256)',
  'function hasRole(bytes32 role, address account) view returns (bool)',
  'function votingDelay() view returns (uint256)',
  'function votingPeriod() view returns (uint256)',
  'function timelock() view returns (address)',
  'function token() view returns (address)',
  'function implementation() view returns (address)',
  'function paused() view returns (bool)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function decimals() view returns (uint8)',
  'function token0() view returns (address)',
  'function token1() view returns (address)',
]);

export type Answer<T> = { ok: true; value: T } | { ok: false; outage: boolean; why: string };

export class ChainReader {
  readonly url: string;
  /** The block every read is made at (hex). */
  block: Hex = '0x0';
  private readonly codes = new Map<string, Hex>();

  constructor(url: string) {
    this.url = url;
  }

  async pin(): Promise<bigint> {
    this.block = await rpc<Hex>(this.url, 'eth_blockNumber', []);
    return BigInt(this.block);
  }

  async chainId(): Promise<number> {
    return Number(await rpc<Hex>(this.url, 'eth_chainId', []));
  }

  async code(address: string): Promise<Hex> {
    const key = address.toLowerCase();
    const cached = this.codes.get(key);
    if (cached !== undefined) return cached;
    const code = await rpc<Hex>(this.url, 'eth_getCode', [address, this.block]);
    this.codes.set(key, code);
    return code;
  }

  async slot(address: string, slot: Hex): Promise<bigint> {
    return BigInt(await rpc<Hex>(this.url, 'eth_getStorageAt', [address, slot, this.block]));
  }

  /** A view of `VIEWS`, or why there is no answer (reverted / not that ABI, or the node failed). */
  async view<T>(address: string, fn: string, args: readonly unknown[] = []): Promise<Answer<T>> {
    const abi = VIEWS as Abi;
    const data = encodeFunctionData({ abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
    let result: Hex;
    try {
      result = await rpc<Hex>(this.url, 'eth_call', [{ to: address, data }, this.block]);
    } catch (error) {
      return { ok: false, outage: error instanceof RpcOutageError, why: (error as Error).message };
    }
    if (result === '0x') return { ok: false, outage: false, why: `${fn} returned nothing` };
    try {
      return { ok: true, value: decodeFunctionResult({ abi, functionName: fn, data: result } as Parameters<typeof decodeFunctionResult>[0]) as T };
    } catch {
      return { ok: false, outage: false, why: `${fn} returned no valid answer` };
    }
  }

  async logs(filter: { address: string | string[]; topics?: Array<Hex | Hex[] | null>; fromBlock: bigint }): Promise<Array<{ address: Address; topics: Hex[]; data: Hex; blockNumber: Hex; transactionHash: Hex; logIndex: Hex }>> {
    return rpc(this.url, 'eth_getLogs', [{ address: filter.address, topics: filter.topics ?? [], fromBlock: `0x${filter.fromBlock.toString(16)}`, toBlock: this.block }], { timeoutMs: 60_000 });
  }

  async blockTime(block: Hex): Promise<number> {
    const b = await rpc<{ timestamp: Hex } | null>(this.url, 'eth_getBlockByNumber', [block, false]);
    return b ? Number(BigInt(b.timestamp)) : 0;
  }
}

export const ZERO = '0x0000000000000000000000000000000000000000';

/** The address in the low 20 bytes of a storage word, or null when the word is empty. */
export function addressOfWord(word: bigint): Address | null {
  if (word === 0n) return null;
  return getAddress(`0x${(word & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`);
}
