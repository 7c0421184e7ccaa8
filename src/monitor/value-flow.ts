/**
 * Who gained what from whom in one transaction: every movement of value it made, in ether (the top-level
 * value, the internal transfers a trace shows, and the ether WETH pays out on an unwrap), ERC-20 tokens
 * (Transfer events, and WETH's Deposit and Withdrawal, which emit none), and each address's net change,
 * valued in wei at the prices from before the transaction: ether and wrapped ether at par, a token at its
 * WETH pool's spot price, a pool's LP token at its share of the pool's WETH times two. NFTs and tokens
 * without a WETH pool are counted but not valued.
 */
import { transfersOf, type ChainState, type TxView } from './state.js';
import type { TraceSummary } from './trace.js';

export const ETH = 'eth';
const ZERO = '0x0000000000000000000000000000000000000000';

export interface Flow {
  /** `eth` or the token's address. */
  asset: string;
  from: string;
  to: string;
  amount: bigint;
}

export function flowsOf(tx: TxView, trace?: TraceSummary): Flow[] {
  const out: Flow[] = [];
  if (tx.status !== 'success') return out;
  const to = tx.to ?? tx.contractAddress;
  if (tx.value > 0n && to) out.push({ asset: ETH, from: tx.from, to, amount: tx.value });
  for (const t of transfersOf(tx)) if (t.value > 0n) out.push({ asset: t.token, from: t.from, to: t.to, amount: t.value });
  let unwraps = false;
  for (const e of tx.events) {
    if (e.standard !== 'weth') continue;
    const token = e.address.toLowerCase();
    const wad = e.args.wad as bigint;
    if (e.event === 'Deposit') out.push({ asset: token, from: ZERO, to: String(e.args.dst).toLowerCase(), amount: wad });
    else {
      out.push({ asset: token, from: String(e.args.src).toLowerCase(), to: ZERO, amount: wad });
      unwraps = true;
      // Without a trace, the ether WETH pays out on an unwrap is known from the event (it goes to src).
      if (!trace) out.push({ asset: ETH, from: token, to: String(e.args.src).toLowerCase(), amount: wad });
    }
  }
  if (trace) for (const t of trace.ethTransfers) out.push({ asset: ETH, from: t.from, to: t.to, amount: t.value });
  // A wrap's ether goes into WETH (top level or traced) and comes back as WETH minted to the wrapper: the
  // pair is a swap of one form of ether for the other, so neither side counts as a gain.
  void unwraps;
  return out;
}

/** address -> asset -> net change. */
export function netChanges(flows: readonly Flow[]): Map<string, Map<string, bigint>> {
  const net = new Map<string, Map<string, bigint>>();
  const add = (a: string, asset: string, d: bigint) => {
    let m = net.get(a);
    if (!m) net.set(a, (m = new Map()));
    m.set(asset, (m.get(asset) ?? 0n) + d);
  };
  for (const f of flows) {
    add(f.from, f.asset, -f.amount);
    add(f.to, f.asset, f.amount);
  }
  return net;
}

/** Values assets in wei from the chain state before the transaction. */
export class Valuer {
  constructor(
    private readonly state: ChainState,
    /** token -> its WETH pool and which reserve is the token (0 or 1). */
    private readonly wethPools: ReadonlyMap<string, { pool: string; tokenIs0: boolean }>,
    /** pool -> which reserve is WETH (0 or 1), for pools with a WETH side. */
    private readonly poolWethSide: ReadonlyMap<string, 0 | 1>,
  ) {}

  /** The value in wei, or undefined when the asset has no price. */
  value(asset: string, amount: bigint): bigint | undefined {
    if (asset === ETH || this.state.wrappedEth.has(asset)) return amount;
    const side = this.poolWethSide.get(asset);
    if (side !== undefined) {
      const r = this.state.reserves.get(asset);
      const supply = this.state.supply.get(asset) ?? 0n;
      if (!r || supply <= 0n) return undefined;
      return (amount * 2n * r[side]) / supply;
    }
    const p = this.wethPools.get(asset);
    if (!p) return undefined;
    const r = this.state.reserves.get(p.pool);
    if (!r) return undefined;
    const [tokenReserve, wethReserve] = p.tokenIs0 ? [r[0], r[1]] : [r[1], r[0]];
    // A pool too thin to price anything (below 0.01 ether) gives no price.
    if (tokenReserve <= 0n || wethReserve < 10n ** 16n) return undefined;
    return (amount * wethReserve) / tokenReserve;
  }

  /** Net value of an address's changes (unpriced assets count zero), and the priced parts. */
  total(changes: ReadonlyMap<string, bigint> | undefined): bigint {
    let v = 0n;
    for (const [asset, d] of changes ?? []) v += this.value(asset, d) ?? 0n;
    return v;
  }
}
