import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report } from './detector.js';
import { transfersOf } from '../state.js';

const WINDOW = 100n;
/** Legs (buy, hand over, sell of exactly the same amount) before a ring is reported. */
const MIN_LEGS = 2;

const meta = {
  id: 'wash-trading',
  title: 'Wash trading ring',
  severity: 'medium' as const,
  confidence: 0.8,
  kind: 'wash-trading' as const,
  description: 'Addresses buy a token from a pool, hand exactly what they bought to another address, which sells exactly that back into the pool: volume without any change of position.',
  recommendation: 'Discount the token\'s volume; its trading activity is manufactured. Look at who funded the ring.',
};

interface Own {
  /** token -> buyer -> [amount, block] of recent buys. */
  buys: Map<string, Map<string, Array<[bigint, bigint]>>>;
  /** token -> receiver -> [from, amount, block] of recent direct transfers. */
  gifts: Map<string, Map<string, Array<[string, bigint, bigint]>>>;
  /** token -> legs [seller, passer, block]. */
  legs: Map<string, Array<[string, string, bigint]>>;
}

function push<V>(m: Map<string, Map<string, V[]>>, a: string, b: string, v: V): void {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  const list = inner.get(b);
  if (list) list.push(v);
  else inner.set(b, [v]);
}

export default defineMonitorDetector(meta, (): Own => ({ buys: new Map(), gifts: new Map(), legs: new Map() }), (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out: Finding[] = [];
  const now = tx.blockNumber;
  const pools = env.state.pools;
  for (const t of transfersOf(tx)) {
    if (pools.has(t.token) || t.value === 0n) continue;
    if (pools.has(t.from) && !pools.has(t.to) && t.to === tx.from) push(own.buys, t.token, t.to, [t.value, now] as [bigint, bigint]);
    else if (!pools.has(t.from) && !pools.has(t.to) && tx.from === t.from && tx.to === t.token) push(own.gifts, t.token, t.to, [t.from, t.value, now] as [string, bigint, bigint]);
    else if (pools.has(t.to) && t.from === tx.from) {
      const gift = own.gifts.get(t.token)?.get(t.from)?.find(([, v, b]) => v === t.value && now - b <= WINDOW);
      if (!gift) continue;
      const bought = own.buys.get(t.token)?.get(gift[0])?.some(([v, b]) => v === t.value && now - b <= WINDOW);
      if (!bought) continue;
      const legs = (own.legs.get(t.token) ?? []).filter(([, , b]) => now - b <= WINDOW);
      legs.push([t.from, gift[0], now]);
      own.legs.set(t.token, legs);
      const ring = new Set(legs.flatMap(([s, p]) => [s, p]));
      if (legs.length < MIN_LEGS || ring.size < 2) continue;
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          address: t.from,
          role: 'ring member',
          message: `${gift[0]} bought ${t.value} of ${t.token}, passed exactly that to ${t.from}, who sold it back to pool ${t.to}; ${legs.length} such legs among ${ring.size} addresses within ${WINDOW} blocks.`,
          evidence: { token: t.token, pool: t.to, seller: t.from, buyer: gift[0], amount: String(t.value), legs: legs.length, ring: [...ring] },
        }),
      );
    }
  }
  return out;
});
