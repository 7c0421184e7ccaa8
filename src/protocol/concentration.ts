/**
 * Holder and liquidity concentration from the chain: balances replayed from the token's Transfer events
 * since `fromBlock`, the largest confirmed with `balanceOf` at the pinned block (a fee-on-transfer or
 * rebasing token's events are not its balances), shares of `totalSupply`. A holder that answers
 * token0()/token1() is a liquidity pair; for each such pair (and for the address itself when it is one),
 * how much of the pair's LP supply the largest LP holder has, and how much is burned (locked forever).
 */
import { decodeEventLog, parseAbi, toEventSelector, type Hex } from 'viem';
import type { ChainReader } from './chain.js';
import { ZERO } from './chain.js';

const TRANSFER = parseAbi(['event Transfer(address indexed from, address indexed to, uint256 value)']);
const TRANSFER_TOPIC = toEventSelector(TRANSFER[0]);
const DEAD = '0x000000000000000000000000000000000000dead';

export interface Holder {
  address: string;
  share: number;
  contract: boolean;
  pair: boolean;
}

export interface Liquidity {
  pair: string;
  /** Share of the token's supply in this pair. */
  tokenShare: number;
  /** Largest LP holder's share of the LP supply (burned LP excluded from "holders"). */
  topLpHolder: string | null;
  topLpShare: number;
  burnedShare: number;
}

export interface Concentration {
  holders: number;
  top1: number;
  top10: number;
  top: Holder[];
  liquidity: Liquidity[];
  notes: string[];
}

async function balances(reader: ChainReader, token: string, fromBlock: bigint): Promise<Map<string, bigint>> {
  const logs = await reader.logs({ address: token, topics: [TRANSFER_TOPIC], fromBlock });
  const out = new Map<string, bigint>();
  for (const log of logs) {
    if (log.topics.length !== 3) continue; // ERC-721 has the id indexed: not a fungible balance
    let ev;
    try {
      ev = decodeEventLog({ abi: TRANSFER, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    } catch {
      continue;
    }
    const from = ev.args.from.toLowerCase();
    const to = ev.args.to.toLowerCase();
    if (from !== ZERO) out.set(from, (out.get(from) ?? 0n) - ev.args.value);
    out.set(to, (out.get(to) ?? 0n) + ev.args.value);
  }
  return out;
}

async function confirmedTop(reader: ChainReader, token: string, all: Map<string, bigint>, n: number): Promise<Array<[string, bigint]>> {
  const candidates = [...all].filter(([a, v]) => v > 0n && a !== ZERO).sort((a, b) => (a[1] < b[1] ? 1 : -1)).slice(0, n * 2);
  const out: Array<[string, bigint]> = [];
  for (const [a] of candidates) {
    const b = await reader.view<bigint>(token, 'balanceOf', [a]);
    if (!b.ok) throw new Error(`balanceOf(${a}) could not be read: ${b.why}`);
    out.push([a, b.value]);
  }
  return out.sort((a, b) => (a[1] < b[1] ? 1 : -1)).slice(0, n);
}

async function lpOf(reader: ChainReader, pair: string, fromBlock: bigint, tokenShare: number): Promise<Liquidity> {
  const supply = await reader.view<bigint>(pair, 'totalSupply');
  if (!supply.ok || supply.value === 0n) return { pair, tokenShare, topLpHolder: null, topLpShare: 0, burnedShare: 0 };
  const all = await balances(reader, pair, fromBlock);
  const burned = (all.get(DEAD) ?? 0n) + (all.get(ZERO) ?? 0n) + (all.get(pair) ?? 0n);
  all.delete(DEAD);
  all.delete(pair);
  const [top] = await confirmedTop(reader, pair, all, 1);
  const s = Number(supply.value);
  return { pair, tokenShare, topLpHolder: top?.[0] ?? null, topLpShare: top ? Number(top[1]) / s : 0, burnedShare: Number(burned) / s };
}

export async function concentration(reader: ChainReader, token: string, fromBlock: bigint, isPair: boolean): Promise<Concentration> {
  const notes: string[] = [];
  const supply = await reader.view<bigint>(token, 'totalSupply');
  if (!supply.ok) throw new Error(`totalSupply could not be read: ${supply.why}`);
  const all = await balances(reader, token, fromBlock);
  const top = await confirmedTop(reader, token, all, 10);
  const total = Number(supply.value);
  const holders: Holder[] = [];
  for (const [address, value] of top) {
    const code = await reader.code(address);
    const contract = code !== '0x';
    const pair = contract && (await reader.view<string>(address, 'token0')).ok && (await reader.view<string>(address, 'token1')).ok;
    holders.push({ address, share: total > 0 ? Number(value) / total : 0, contract, pair });
  }
  const liquidity: Liquidity[] = [];
  if (isPair) liquidity.push(await lpOf(reader, token, fromBlock, 1));
  for (const h of holders.filter((x) => x.pair)) liquidity.push(await lpOf(reader, h.address, fromBlock, h.share));
  if (fromBlock > 0n) notes.push(`balances replayed from block ${fromBlock}: holders from before then are missing`);
  return {
    holders: [...all.values()].filter((v) => v > 0n).length,
    top1: holders[0]?.share ?? 0,
    top10: holders.reduce((a, h) => a + h.share, 0),
    top: holders,
    liquidity,
    notes,
  };
}
