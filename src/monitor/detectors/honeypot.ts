import { decodeFunctionData, encodeFunctionData, erc20Abi, parseAbi } from 'viem';
import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, lc, report, type DetectorEnv } from './detector.js';
import { formatToken, tokenName, tokenUnits } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

const SELLS = parseAbi([
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
]);

const meta = {
  id: 'honeypot-sell',
  title: 'Sells of a token fail or are taxed away',
  severity: 'high' as const,
  confidence: 0.8,
  kind: 'honeypot' as const,
  description: 'A holder\'s sell of a token through the router reverted although buys of it succeed, or most of the tokens sold never reached the pool (a sell tax of 50 % or more).',
  recommendation: 'Do not buy the token: holders cannot sell it (or only at a loss set by its owner). Warn buyers and list the token.',
};

/** Buyers of a token whose sell is simulated (one probe each) before the token is left alone. */
const PROBES_PER_TOKEN = 3;

interface Own {
  /** token -> distinct successful buyers from a pool. */
  buyers: Map<string, Set<string>>;
  /** token -> sell probes run so far. */
  probes: Map<string, number>;
  /** Tokens already reported from a probe (the probe is not repeated). */
  probed: Set<string>;
}

/**
 * The sell probe: a buyer's fresh tokens sent straight back to the pool they came from, simulated with
 * `eth_call` on the state after the buy's block. A sell through the router starts with exactly that
 * transfer, so a token that refuses it while it lets buyers in is a honeypot before anyone has tried to
 * sell; this is what scam kits that evade static scanners cannot hide.
 */
async function probeSell(token: string, pool: string, buyer: string, amount: bigint, blockNumber: bigint, env: DetectorEnv): Promise<string | undefined> {
  if (!env.chain) return undefined;
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [pool as `0x${string}`, amount] });
  // An outage throws (after the engine's retries), like every other chain read: the block is then
  // processed again, instead of a honeypot going unreported because the endpoint blinked.
  const outcome = await env.chain.call({ from: buyer, to: token, data, blockNumber });
  return outcome.reverted ? outcome.reason : undefined;
}

const detector = defineMonitorDetector(meta, (): Own => ({ buyers: new Map(), probes: new Map(), probed: new Set() }), async (tx, own, env) => {
  const out: Finding[] = [];
  if (tx.status === 'reverted') {
    if (!tx.to || !env.knownGood.has(tx.to)) return [];
    let path: readonly string[];
    try {
      const call = decodeFunctionData({ abi: SELLS, data: tx.input });
      path = (call.args[2] as readonly string[]).map(lc);
    } catch {
      return [];
    }
    const token = path[0];
    const buyers = token ? own.buyers.get(token) : undefined;
    if (token && buyers && buyers.size >= 2 && !env.knownGood.has(token)) {
      out.push(report(meta, env, { tx, stage: 'exploitation', message: `${tx.from}'s sell of ${tokenName(token, env.tokens.get(token))} reverted, while ${buyers.size} addresses bought it without trouble.`, evidence: { token, seller: tx.from, buyers: buyers.size } }));
    }
    return out;
  }
  const transfers = transfersOf(tx);
  const pools = env.state.pools;
  for (const t of transfers) {
    if (pools.has(t.from) && !pools.has(t.token) && t.to === tx.from) {
      const s = own.buyers.get(t.token) ?? new Set<string>();
      const firstBuy = !s.has(t.to);
      s.add(t.to);
      own.buyers.set(t.token, s);
      const probes = own.probes.get(t.token) ?? 0;
      if (!firstBuy || probes >= PROBES_PER_TOKEN || own.probed.has(t.token) || env.knownGood.has(t.token) || t.value < 2n) continue;
      own.probes.set(t.token, probes + 1);
      const reason = await probeSell(t.token, t.from, t.to, t.value / 2n, tx.blockNumber, env);
      if (reason === undefined) continue;
      own.probed.add(t.token);
      out.push(
        report(meta, env, {
          tx,
          stage: 'preparation',
          address: t.token,
          role: 'token',
          message: `${t.to} bought ${formatToken(t.value, t.token, env.tokens.get(t.token))} from pool ${t.from}, but a simulated sell of half of it back to that pool reverts (${reason}): holders cannot sell.`,
          evidence: { token: t.token, pool: t.from, buyer: t.to, probeAmount: String(t.value / 2n), revert: reason },
          confidence: 0.85,
        }),
      );
    }
  }
  // Sell tax: of what the seller sent, less than half reached a pool.
  const sent = new Map<string, bigint>();
  const pooled = new Map<string, bigint>();
  /** token -> who received the part that did not reach the pool (the tax collector, usually the owner). */
  const diverted = new Map<string, string>();
  for (const t of transfers) {
    if (t.from !== tx.from || pools.has(t.token)) continue;
    sent.set(t.token, (sent.get(t.token) ?? 0n) + t.value);
    if (pools.has(t.to)) pooled.set(t.token, (pooled.get(t.token) ?? 0n) + t.value);
    else if (!diverted.has(t.token)) diverted.set(t.token, t.to);
  }
  for (const [token, total] of sent) {
    const reached = pooled.get(token) ?? 0n;
    if (reached === 0n || total === 0n || reached * 2n >= total || env.knownGood.has(token)) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${tx.from} sold ${formatToken(total, token, env.tokens.get(token))} but only ${tokenUnits(reached, env.tokens.get(token))} reached the pool: a ${Number(((total - reached) * 1000n) / total) / 10} % sell tax${diverted.has(token) ? `, paid to ${diverted.get(token)}` : ''}.`,
        evidence: { token, seller: tx.from, sent: String(total), reachedPool: String(reached), ...(diverted.has(token) ? { taxCollector: diverted.get(token) } : {}) },
        confidence: 0.85,
        kind: 'honeypot-sell-tax',
      }),
    );
  }
  return out;
});

export default detector;
