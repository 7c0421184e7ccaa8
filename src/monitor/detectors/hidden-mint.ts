import { defineMonitorDetector, report, ZERO } from './detector.js';
import { count, formatToken, tokenUnits } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

/** A mint this many times the supply seen so far is "far above supply". */
export const MINT_RATIO = 5n;
const DUMP_WITHIN = 20n;

const meta = {
  id: 'hidden-mint-dump',
  title: 'Mint far above supply, then dumped into a pool',
  severity: 'critical' as const,
  confidence: 0.9,
  kind: 'hard-rug-pull' as const,
  description: 'A token minted many times its circulating supply to its owner (or to the caller minting for itself), and the new tokens were sold into a pool.',
  recommendation: 'Treat the token as a rug: its supply is controlled by its owner. Exit if still possible and warn holders.',
};

interface Pending {
  holder: string;
  minted: bigint;
  block: bigint;
}

export default defineMonitorDetector(meta, () => new Map<string, Pending>(), (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out = [];
  const transfers = transfersOf(tx);
  for (const t of transfers) {
    if (t.from === ZERO) {
      // Shares paid for: the recipient (or the sender) put another asset into the minting contract in the
      // same transaction (an ERC-4626 deposit, an LP mint), which is buying, not a hidden mint.
      if (transfers.some((x) => x.to === t.token && x.token !== t.token && (x.from === t.to || x.from === tx.from))) continue;
      const supply = env.state.supply.get(t.token) ?? 0n;
      const ownerLike = env.state.firstMintTo.get(t.token) === t.to || (t.to === tx.from && tx.to === t.token);
      if (supply > 0n && ownerLike && t.value >= supply * MINT_RATIO && !env.knownGood.has(t.to)) {
        own.set(t.token, { holder: t.to, minted: t.value, block: tx.blockNumber });
        out.push(
          report(meta, env, {
            tx,
            stage: 'exploitation',
            message: `${t.to} received a mint of ${formatToken(t.value, t.token, env.tokens.get(t.token))}, ${t.value / supply}× its supply so far (${tokenUnits(supply, env.tokens.get(t.token))}).`,
            evidence: { token: t.token, to: t.to, minted: String(t.value), supplyBefore: String(supply) },
            severity: 'high',
            confidence: 0.8,
          }),
        );
      }
      continue;
    }
    const p = own.get(t.token);
    if (!p || t.from !== p.holder || !env.state.pools.has(t.to) || tx.blockNumber - p.block > DUMP_WITHIN || t.value * 2n < p.minted) continue;
    own.delete(t.token);
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${p.holder} sold ${formatToken(t.value, t.token, env.tokens.get(t.token))} into pool ${t.to}, ${count(Number(tx.blockNumber - p.block), 'block')} after a mint of ${tokenUnits(p.minted, env.tokens.get(t.token))} to it.`,
        evidence: { token: t.token, holder: p.holder, pool: t.to, sold: String(t.value), minted: String(p.minted), mintBlock: Number(p.block) },
      }),
    );
  }
  return out;
});
