/**
 * The proposal judged by its effects on the protocol's own traffic: the recent transactions users sent to
 * a target (stakes, claims, withdrawals…) are replayed from the same senders on the fork, once on the state
 * before the execution and once after it, and what the target pays out (ERC-20 transfers from it, ETH it
 * loses beyond what the replayed calls brought) is compared asset by asset. An honest parameter change
 * applies from now on and barely moves what the same traffic is paid; an upgrade that mis-accrues rewards
 * (Compound proposal 62, 2021) pays the same claims many times over. Nothing here reads the code or its
 * names: only the value that leaves the contract.
 */
import { decodeEventLog, getAddress, keccak256, parseAbi, toHex, type Address, type Hex } from 'viem';
import { rpc } from '../chain/rpc/json-rpc.js';
import { impersonate, sendLocal } from './tx.js';

export interface TrafficTx {
  hash: Hex;
  from: Address;
  to: Address;
  input: Hex;
  value: bigint;
  gas: bigint;
}

export interface ReplayFlows {
  /** Outflow per asset ('ETH' or the token), summed over the replayed transactions. */
  out: Map<Address | 'ETH', bigint>;
  /** ERC-20 outflow of each replayed transaction (same order as the traffic), per token. */
  perTx: Array<Map<Address, bigint>>;
  reverted: number;
}

export interface ReplayComparison {
  contract: Address;
  asset: Address | 'ETH';
  before: bigint;
  after: bigint;
  /** What the contract held of the asset before the execution. */
  holding: bigint;
  txs: number;
  revertedBefore: number;
  revertedAfter: number;
  /** The replayed transaction whose outflow of the asset grew most: paid before and after. */
  worst: { hash: Hex; before: bigint; after: bigint } | null;
}

const TRANSFER = keccak256(toHex('Transfer(address,address,uint256)'));
const ERC20 = parseAbi(['event Transfer(address indexed from, address indexed to, uint256 value)', 'function balanceOf(address) view returns (uint256)']);
/** How far back a target's traffic is read, and how many of its latest transactions are replayed. */
const TRAFFIC_WINDOW = 20_000n;
const MAX_TXS = 16;

const topicOf = (a: Address): Hex => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;

/** The latest transactions sent straight to `contract` (found through its logs and the transfers from or to it). */
export async function recentTraffic(url: string, contract: Address, until: bigint): Promise<TrafficTx[]> {
  const from = until > TRAFFIC_WINDOW ? until - TRAFFIC_WINDOW : 0n;
  const range = { fromBlock: toHex(from), toBlock: toHex(until) };
  const queries = [
    { address: contract, ...range },
    { topics: [TRANSFER, topicOf(contract)], ...range },
    { topics: [TRANSFER, null, topicOf(contract)], ...range },
  ];
  const logs = (await Promise.all(queries.map((q) => rpc<Array<{ transactionHash: Hex; blockNumber: Hex; logIndex: Hex }>>(url, 'eth_getLogs', [q], { timeoutMs: 60_000 }).catch(() => [])))).flat();
  logs.sort((a, b) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || Number(BigInt(a.logIndex) - BigInt(b.logIndex)));
  const hashes = [...new Set(logs.map((l) => l.transactionHash))];
  const txs: TrafficTx[] = [];
  for (const hash of hashes.reverse()) {
    if (txs.length >= MAX_TXS) break;
    const t = await rpc<{ from: Address; to: Address | null; input: Hex; value: Hex; gas: Hex } | null>(url, 'eth_getTransactionByHash', [hash]);
    if (!t?.to || getAddress(t.to) !== contract || t.input === '0x') continue;
    txs.push({ hash, from: getAddress(t.from), to: contract, input: t.input, value: BigInt(t.value), gas: BigInt(t.gas) });
  }
  return txs.reverse();
}

async function tokenBalance(url: string, token: Address, who: Address): Promise<bigint> {
  const { encodeFunctionData, decodeFunctionResult } = await import('viem');
  try {
    const out = await rpc<Hex>(url, 'eth_call', [{ to: token, data: encodeFunctionData({ abi: ERC20, functionName: 'balanceOf', args: [who] }) }, 'latest']);
    return decodeFunctionResult({ abi: ERC20, functionName: 'balanceOf', data: out });
  } catch {
    return 0n;
  }
}

/** Replays `txs` on the fork as it is now, inside a snapshot it reverts; returns what left `contract`. */
export async function replayOutflows(url: string, contract: Address, txs: TrafficTx[]): Promise<ReplayFlows> {
  const out = new Map<Address | 'ETH', bigint>();
  const perTx: Array<Map<Address, bigint>> = [];
  let reverted = 0;
  const snap = await rpc<Hex>(url, 'evm_snapshot');
  try {
    const ethBefore = BigInt(await rpc<Hex>(url, 'eth_getBalance', [contract, 'latest']));
    let ethIn = 0n;
    for (const tx of txs) {
      const mine = new Map<Address, bigint>();
      perTx.push(mine);
      await impersonate(url, tx.from);
      const balance = BigInt(await rpc<Hex>(url, 'eth_getBalance', [tx.from, 'latest']));
      if (balance < tx.value + 10n ** 18n) await rpc(url, 'hardhat_setBalance', [tx.from, toHex(tx.value + 2n * 10n ** 18n)]);
      try {
        const receipt = await sendLocal(url, { from: tx.from, to: tx.to, data: tx.input, value: tx.value, gas: tx.gas > 8_000_000n ? 8_000_000n : tx.gas + 100_000n });
        ethIn += tx.value;
        for (const log of receipt.logs) {
          if (log.topics[0] !== TRANSFER || log.topics.length !== 3) continue;
          try {
            const d = decodeEventLog({ abi: ERC20, topics: log.topics as [Hex, ...Hex[]], data: log.data });
            if (d.eventName !== 'Transfer' || getAddress(d.args.from) !== contract) continue;
            const token = getAddress(log.address);
            out.set(token, (out.get(token) ?? 0n) + d.args.value);
            mine.set(token, (mine.get(token) ?? 0n) + d.args.value);
          } catch {
            // not an ERC-20 transfer (ERC-721's has four topics)
          }
        }
      } catch {
        reverted++;
      }
    }
    const ethAfter = BigInt(await rpc<Hex>(url, 'eth_getBalance', [contract, 'latest']));
    const ethOut = ethBefore + ethIn - ethAfter;
    if (ethOut > 0n) out.set('ETH', ethOut);
  } finally {
    await rpc(url, 'evm_revert', [snap]);
  }
  return { out, perTx, reverted };
}

/** What the contract holds of each asset now (for the share an excess outflow is of it). */
export async function holdings(url: string, contract: Address, assets: Iterable<Address | 'ETH'>): Promise<Map<Address | 'ETH', bigint>> {
  const m = new Map<Address | 'ETH', bigint>();
  for (const a of assets) m.set(a, a === 'ETH' ? BigInt(await rpc<Hex>(url, 'eth_getBalance', [contract, 'latest'])) : await tokenBalance(url, a, contract));
  return m;
}

/** Pairs the two replays asset by asset (and, for tokens, transaction by transaction). */
export function compareReplays(contract: Address, txs: TrafficTx[], before: ReplayFlows, after: ReplayFlows, held: Map<Address | 'ETH', bigint>): ReplayComparison[] {
  const assets = new Set([...before.out.keys(), ...after.out.keys()]);
  return [...assets].map((asset) => {
    let worst: ReplayComparison['worst'] = null;
    if (asset !== 'ETH') for (const [i, tx] of txs.entries()) {
      const b = before.perTx[i]?.get(asset) ?? 0n;
      const a = after.perTx[i]?.get(asset) ?? 0n;
      if (a > b && (!worst || a - b > worst.after - worst.before)) worst = { hash: tx.hash, before: b, after: a };
    }
    return { contract, asset, before: before.out.get(asset) ?? 0n, after: after.out.get(asset) ?? 0n, holding: held.get(asset) ?? 0n, txs: txs.length, revertedBefore: before.reverted, revertedAfter: after.reverted, worst };
  });
}
