/**
 * Filling a devnet with traffic, for the stream tests and `npm run bench:stream`: ERC-20 transfers and
 * Uniswap V2 swaps sent from the node's unlocked accounts with raw JSON-RPC batches, several per block
 * (automine off, `evm_mine`, automine back on).
 */
import { encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { loadUniswapV2, type Devnet } from '../src/chain/devnet/index.js';

interface RpcReply {
  id: number;
  result?: unknown;
  error?: { message: string };
}

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const [r] = await rpcBatch(url, [[method, params]]);
  return r as T;
}

/** One HTTP request with many calls; throws on the first error. */
export async function rpcBatch(url: string, calls: [string, unknown[]][]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map(([method, params], id) => ({ jsonrpc: '2.0', id, method, params }))),
  });
  const replies = (await res.json()) as RpcReply[];
  replies.sort((a, b) => a.id - b.id);
  return replies.map((r) => {
    if (r.error) throw new Error(`${calls[r.id]?.[0]}: ${r.error.message}`);
    return r.result;
  });
}

export interface TxRequest {
  from: Address;
  to: Address;
  data?: Hex;
  value?: bigint;
  gas: bigint;
}

const hex = (n: bigint) => `0x${n.toString(16)}`;
const FAR_DEADLINE = 2n ** 40n;

/** ERC-20 transfer of `amount` base units of `token`. */
export function transferTx(from: Address, token: Address, to: Address, amount: bigint): TxRequest {
  return { from, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }), gas: 100_000n };
}

/** ETH -> token swap through the Uniswap V2 router (no approval needed). */
export function swapEthTx(devnet: Devnet, from: Address, token: Address, wei: bigint): TxRequest {
  const abi = loadUniswapV2().router.abi;
  const data = encodeFunctionData({ abi, functionName: 'swapExactETHForTokens', args: [0n, [devnet.contracts.weth9, token], from, FAR_DEADLINE] });
  return { from, to: devnet.contracts.uniswapV2Router02, data, value: wei, gas: 250_000n };
}

/** Mines one block holding `txs` (in order); returns their hashes. An empty list mines an empty block. */
export async function mineBlock(url: string, txs: readonly TxRequest[]): Promise<Hex[]> {
  if (txs.length === 0) {
    await rpc(url, 'evm_mine');
    return [];
  }
  await rpc(url, 'evm_setAutomine', [false]);
  try {
    const sends: [string, unknown[]][] = txs.map((t) => ['eth_sendTransaction', [{ from: t.from, to: t.to, data: t.data ?? '0x', value: hex(t.value ?? 0n), gas: hex(t.gas) }]]);
    const hashes = (await rpcBatch(url, sends)) as Hex[];
    await rpc(url, 'evm_mine');
    return hashes;
  } finally {
    await rpc(url, 'evm_setAutomine', [true]);
  }
}

/** A mix of transfers (3 in 4) and swaps (1 in 4) from the devnet's accounts 1..9. */
export function mixedTxs(devnet: Devnet, count: number, salt = 0): TxRequest[] {
  const tokens = Object.values(devnet.tokens).map((t) => t.address);
  const accounts = devnet.accounts.slice(1).map((a) => a.address);
  const out: TxRequest[] = [];
  for (let i = 0; i < count; i++) {
    const from = accounts[(i + salt) % accounts.length] as Address;
    const token = tokens[(i + salt) % tokens.length] as Address;
    if ((i + salt) % 4 === 3) out.push(swapEthTx(devnet, from, token, 10n ** 15n + BigInt(i + salt)));
    else out.push(transferTx(from, token, accounts[(i + salt + 1) % accounts.length] as Address, BigInt(1 + i + salt)));
  }
  return out;
}

export async function blockNumber(url: string): Promise<bigint> {
  return BigInt(await rpc<string>(url, 'eth_blockNumber'));
}
