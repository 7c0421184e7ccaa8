import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, lc, report, type DetectorEnv } from './detector.js';
import { formatToken, tokenName } from '../../core/amounts.js';
import { transfersOf, type TxView } from '../state.js';

const WINDOW = 100n;
/** Legs (buy, hand over, sell of exactly the same amount) before a ring is reported. */
const MIN_LEGS = 2;
/** Wallets funded by a token's creator that get ready to trade it before the ring is reported as forming. */
const MIN_ARMED = 3;

const meta = {
  id: 'wash-trading',
  title: 'Wash trading ring',
  severity: 'medium' as const,
  confidence: 0.8,
  kind: 'wash-trading' as const,
  description: 'Addresses buy a token from a pool, hand exactly what they bought to another address, which sells exactly that back into the pool: volume without any change of position.',
  recommendation: 'Discount the token\'s volume; its trading activity is manufactured. Look at who funded the ring.',
};

const formingMeta = {
  ...meta,
  id: 'wash-trading',
  title: 'Wash trading ring forming',
  severity: 'low' as const,
  confidence: 0.6,
};

interface Own {
  /** token -> buyer -> [amount, block] of recent buys. */
  buys: Map<string, Map<string, Array<[bigint, bigint]>>>;
  /** token -> receiver -> [from, amount, block] of recent direct transfers. */
  gifts: Map<string, Map<string, Array<[string, bigint, bigint]>>>;
  /** token -> legs [seller, passer, block]. */
  legs: Map<string, Array<[string, string, bigint]>>;
  /** wallet -> [funder, block]: ETH sent to an address that had never been seen. */
  fundedBy: Map<string, [string, bigint]>;
  /** token -> wallets its creator funded that then approved it while holding none. */
  armed: Map<string, Set<string>>;
  /** Tokens already reported as having a ring forming. */
  forming: Set<string>;
}

function push<V>(m: Map<string, Map<string, V[]>>, a: string, b: string, v: V): void {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  const list = inner.get(b);
  if (list) list.push(v);
  else inner.set(b, [v]);
}

/**
 * The ring before its first trade: a token's creator sends ETH to fresh wallets which then approve the
 * token while holding none of it, i.e. they are being armed to trade a token whose creator pays them.
 * Wallets sharing one funding source is the usual way wash-trading rings are found on chain; a creator
 * funding its own future buyers is the strongest form of it.
 */
function armedRing(tx: TxView, own: Own, env: DetectorEnv): Finding[] {
  const now = tx.blockNumber;
  if (tx.to && tx.value > 0n && tx.input === '0x' && !env.state.firstSeen.has(tx.to)) {
    own.fundedBy.set(tx.to, [tx.from, now]);
    // Only recent fundings matter; forget the rest so a long watch does not grow without bound.
    if (own.fundedBy.size > 10_000) for (const [w, [, b]] of own.fundedBy) if (now - b > WINDOW) own.fundedBy.delete(w);
  }
  const funding = own.fundedBy.get(tx.from);
  if (!funding || now - funding[1] > WINDOW) return [];
  const out: Finding[] = [];
  for (const e of tx.events) {
    if (e.standard !== 'erc20' || e.event !== 'Approval' || lc(e.args.owner) !== tx.from) continue;
    const token = lc(e.address);
    const creator = env.state.contracts.get(token)?.deployer;
    if (creator !== funding[0] || env.state.balance(token, tx.from) > 0n || own.forming.has(token) || env.knownGood.has(token)) continue;
    const armed = own.armed.get(token) ?? new Set<string>();
    armed.add(tx.from);
    own.armed.set(token, armed);
    if (armed.size < MIN_ARMED) continue;
    own.forming.add(token);
    out.push(
      report(formingMeta, env, {
        tx,
        stage: 'preparation',
        address: creator,
        role: 'organiser',
        message: `${creator} created ${tokenName(token, env.tokens.get(token))} and, within ${WINDOW} blocks, sent ETH to ${armed.size} fresh wallets that approved the token while holding none of it: a ring being readied to trade it.`,
        evidence: { token, organiser: creator, wallets: [...armed] },
      }),
    );
  }
  return out;
}

export default defineMonitorDetector(meta, (): Own => ({ buys: new Map(), gifts: new Map(), legs: new Map(), fundedBy: new Map(), armed: new Map(), forming: new Set() }), (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out: Finding[] = armedRing(tx, own, env);
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
          message: `${gift[0]} bought ${formatToken(t.value, t.token, env.tokens.get(t.token))}, passed exactly that to ${t.from}, who sold it back to pool ${t.to}; ${legs.length} such legs among ${ring.size} addresses within ${WINDOW} blocks.`,
          evidence: { token: t.token, pool: t.to, seller: t.from, buyer: gift[0], amount: String(t.value), legs: legs.length, ring: [...ring] },
        }),
      );
    }
  }
  return out;
});
