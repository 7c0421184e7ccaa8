import { count } from '../../core/amounts.js';
import { transfersOf } from '../state.js';
import { defineMonitorDetector, report } from './detector.js';

/** Share of a pool's reserves one Burn may take before it is a pull (most LPs own a few per cent). */
export const PULL_SHARE = 0.5;

const meta = {
  id: 'liquidity-pull',
  title: 'Liquidity pulled from a pool',
  severity: 'critical' as const,
  confidence: 0.9,
  kind: 'soft-rug-pull' as const,
  description: 'One liquidity removal (a Uniswap V2 Burn) took at least half of a pool\'s reserves: the pool\'s buyers can no longer sell at the price they bought at.',
  recommendation: 'Stop trading the token; warn holders; check whether the remover is the token\'s deployer and where the ETH goes next.',
};

function ratio(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * 10_000n) / whole) / 10_000;
}

export default defineMonitorDetector(meta, () => null, (tx, _own, env) => {
  if (tx.status !== 'success') return [];
  const out = [];
  for (const e of tx.events) {
    if (e.standard !== 'uniswap-v2' || e.event !== 'Burn') continue;
    const pool = e.address.toLowerCase();
    const reserves = env.state.reserves.get(pool);
    if (!reserves) continue;
    const share = Math.max(ratio(e.args.amount0 as bigint, reserves[0]), ratio(e.args.amount1 as bigint, reserves[1]));
    if (share < PULL_SHARE) continue;
    const poolAge = env.state.age(pool, tx.blockNumber);
    // The pair pays amount0 of token0 and amount1 of token1 out in the same transaction: its tokens, read
    // from its own transfers (no chain call), so the amounts can be shown in units.
    const paid = (amount: unknown) => transfersOf(tx).find((t) => t.from === pool && t.value === amount)?.token;
    const token0 = paid(e.args.amount0);
    const token1 = paid(e.args.amount1);
    const lpAge = env.state.age(tx.from, tx.blockNumber);
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${tx.from} removed ${(share * 100).toFixed(1)} % of pool ${pool}'s reserves in one transaction (pool seen for ${count(poolAge, 'block')}, remover for ${count(lpAge, 'block')}).`,
        evidence: { pool, remover: tx.from, share, amount0: String(e.args.amount0), amount1: String(e.args.amount1), reserve0: String(reserves[0]), reserve1: String(reserves[1]), poolAgeBlocks: poolAge, removerAgeBlocks: lpAge, ...(token0 ? { token0 } : {}), ...(token1 && token1 !== token0 ? { token1 } : {}) },
        severity: poolAge >= 0 && poolAge < 1_000 ? 'critical' : 'high',
      }),
    );
  }
  return out;
});
