import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report } from './detector.js';
import { transfersOf } from '../state.js';

/** A pool whose spot price moves this much inside the transaction. */
export const PRICE_MOVE = 0.3;

const meta = {
  id: 'flash-price-manipulation',
  title: 'Flash swap moves a pool\'s price',
  severity: 'critical' as const,
  confidence: 0.85,
  kind: 'price-manipulation' as const,
  description: 'A contract borrowed from a pool with a flash swap and, inside that loan, traded another pool so that its spot price moved by 30 % or more: the pattern of oracle and lending manipulation.',
  recommendation: 'Protocols reading this pool\'s spot price are at risk: use a TWAP or an external oracle; pause lending against the affected token.',
};

function price(r: readonly [bigint, bigint]): number {
  return r[0] === 0n ? 0 : Number((r[1] * 10n ** 12n) / r[0]) / 1e12;
}

export default defineMonitorDetector(meta, () => null, (tx, _own, env) => {
  if (tx.status !== 'success' || !tx.to || env.knownGood.has(tx.to)) return [];
  const swaps = tx.events.filter((e) => e.standard === 'uniswap-v2' && e.event === 'Swap');
  if (swaps.length < 2) return [];
  const transfers = transfersOf(tx);
  // A flash swap: tokens leave pool P before another pool's Swap, and P's own Swap is logged after it.
  let flash: string | null = null;
  for (const s of swaps) {
    const pool = s.address.toLowerCase();
    const out = transfers.find((t) => t.from === pool && t.logIndex < (s.logIndex ?? 0));
    if (!out) continue;
    if (swaps.some((o) => o !== s && (o.logIndex ?? 0) > out.logIndex && (o.logIndex ?? 0) < (s.logIndex ?? 0))) flash = pool;
  }
  if (!flash) return [];
  const out: Finding[] = [];
  const last = new Map<string, [bigint, bigint]>();
  for (const e of tx.events) if (e.standard === 'uniswap-v2' && e.event === 'Sync') last.set(e.address.toLowerCase(), [e.args.reserve0 as bigint, e.args.reserve1 as bigint]);
  for (const [pool, after] of last) {
    const before = env.state.reserves.get(pool);
    if (!before || pool === flash) continue;
    const p0 = price(before);
    const p1 = price(after);
    if (p0 === 0) continue;
    const move = Math.abs(p1 - p0) / p0;
    if (move < PRICE_MOVE) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `Inside a flash swap from pool ${flash}, ${tx.to} (called by ${tx.from}) moved pool ${pool}'s price by ${(move * 100).toFixed(0)} %.`,
        evidence: { flashPool: flash, pool, priceBefore: p0, priceAfter: p1, move, caller: tx.from, contract: tx.to },
      }),
    );
  }
  return out;
});
