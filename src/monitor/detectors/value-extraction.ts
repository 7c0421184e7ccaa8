import type { Hex } from 'viem';
import type { Finding } from '../../core/finding.js';
import { formatEth } from '../../core/amounts.js';
import { defineMonitorDetector, report, ZERO, type DetectorEnv } from './detector.js';
import { transfersOf, type TxView } from '../state.js';
import type { TraceSummary } from '../trace.js';
import { flowsOf, netChanges, Valuer } from '../value-flow.js';

/**
 * The core signal of theft, whatever the mechanism: in one transaction, the sender and the contracts it
 * deployed (its "side") gain value that other addresses lose, and take out of a victim more than they
 * ever put into it. Value flows come from src/monitor/value-flow.ts (ether with traces, ERC-20s, wraps,
 * LP tokens, valued at the prices before the transaction). Two invariants need no history: a transfer
 * larger than the token's whole supply (minted from nothing: overflow, broken accounting), and a side
 * that profits while a contract it does not own is re-entered mid-call (from the trace).
 */

/** Below this (in wei) a gain is not worth an alert. */
const MIN_GAIN = 10n ** 18n;
/** Profit over what the side ever put into the victim must be at least this share of what it took. */
const PROFIT_SHARE = 4n;

const meta = {
  id: 'value-extraction',
  title: 'Value extracted from others beyond what was put in',
  severity: 'critical' as const,
  confidence: 0.85,
  kind: 'protocol-exploit' as const,
  description:
    'A transaction in which the sender (with the contracts it deployed) gained value that other addresses lost, taking out of a contract or of other users more than it ever put in; or a token transferred in an amount above its whole supply; or a profit made while a contract was re-entered mid-call.',
  recommendation: 'Treat it as an exploit in progress: pause the drained contract if it can be paused, and follow the funds from the sender.',
};

interface Own {
  /** `${sender}:${victim}` -> value (wei) the sender's side ever moved into the victim. */
  putIn: Map<string, bigint>;
  /** pool -> [token0, token1], asked of the chain once. */
  poolTokens: Map<string, [string, string]>;
}

const T0 = '0x0dfe1681' as Hex;
const T1 = '0xd21220a7' as Hex;

async function learnPools(tx: TxView, own: Own, env: DetectorEnv): Promise<void> {
  if (!env.chain) return;
  for (const e of tx.events) {
    if (e.standard !== 'uniswap-v2' || e.event !== 'Sync') continue;
    const pool = e.address.toLowerCase();
    if (own.poolTokens.has(pool)) continue;
    const [a, b] = await Promise.all([env.chain.call({ from: ZERO, to: pool, data: T0, blockNumber: tx.blockNumber }), env.chain.call({ from: ZERO, to: pool, data: T1, blockNumber: tx.blockNumber })]);
    if (a.reverted || b.reverted) continue;
    own.poolTokens.set(pool, ['0x' + a.data.slice(-40).toLowerCase(), '0x' + b.data.slice(-40).toLowerCase()]);
  }
}

/** The valuer is rebuilt only when a pool or a wrapped-ether token was learnt since the last one. */
const valuers = new WeakMap<Own, { key: string; valuer: Valuer }>();

function valuer(own: Own, env: DetectorEnv): Valuer {
  const key = `${own.poolTokens.size}:${env.state.wrappedEth.size}`;
  const cached = valuers.get(own);
  if (cached && cached.key === key) return cached.valuer;
  const built = buildValuer(own, env);
  valuers.set(own, { key, valuer: built });
  return built;
}

function buildValuer(own: Own, env: DetectorEnv): Valuer {
  const wethPools = new Map<string, { pool: string; tokenIs0: boolean }>();
  const side = new Map<string, 0 | 1>();
  for (const [pool, [t0, t1]] of own.poolTokens) {
    if (env.state.wrappedEth.has(t1)) {
      side.set(pool, 1);
      if (!wethPools.has(t0)) wethPools.set(t0, { pool, tokenIs0: true });
    } else if (env.state.wrappedEth.has(t0)) {
      side.set(pool, 0);
      if (!wethPools.has(t1)) wethPools.set(t1, { pool, tokenIs0: false });
    }
  }
  return new Valuer(env.state, wethPools, side);
}

/**
 * Whether the transaction could move ether the logs do not show: inner ether can only leave a contract
 * that holds some, so it is traced when it calls a contract that took ether from others (a pot), or a
 * contract of the sender's own (whose calls could reach any pot).
 */
function worthTracing(tx: TxView, env: DetectorEnv): boolean {
  if (tx.status !== 'success' || !tx.to || env.knownGood.has(tx.to)) return false;
  if (env.state.contracts.get(tx.to)?.deployer === tx.from) return true;
  return (env.state.ethSenders.get(tx.to)?.size ?? 0) > 0;
}

export default defineMonitorDetector(meta, (): Own => ({ putIn: new Map(), poolTokens: new Map() }), async (tx, own, env) => {
  if (tx.status !== 'success') return [];
  await learnPools(tx, own, env);
  const out: Finding[] = [];

  // Invariant 1: a token moved in an amount above its whole supply was minted from nothing.
  for (const t of transfersOf(tx)) {
    const supply = env.state.supply.get(t.token);
    if (t.from === ZERO || supply === undefined || supply <= 0n || t.value <= supply || env.knownGood.has(t.token)) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${t.from} moved ${t.value} base units of token ${t.token} to ${t.to}, ${t.value / supply}× the token's whole supply (${supply}): tokens created from nothing (an overflow or broken accounting).`,
        evidence: { token: t.token, from: t.from, to: t.to, amount: String(t.value), supply: String(supply) },
      }),
    );
    break;
  }

  let trace: TraceSummary | undefined;
  if (env.chain?.trace && worthTracing(tx, env)) trace = await env.chain.trace(tx.hash, tx.to, tx.contractAddress);
  const flows = flowsOf(tx, trace);
  if (flows.length === 0) return out;
  const side = new Set<string>([tx.from]);
  if (tx.contractAddress) side.add(tx.contractAddress);
  for (const f of flows) for (const a of [f.from, f.to]) if (env.state.contracts.get(a)?.deployer === tx.from) side.add(a);
  for (const c of trace?.calls ?? []) if (c.kind.startsWith('CREATE') && c.to && side.has(c.from)) side.add(c.to);
  const net = netChanges(flows);
  const v = valuer(own, env);
  let gain = 0n;
  for (const a of side) gain += v.total(net.get(a));
  // What the side moved into each other address in this transaction (for later "put in" comparisons).
  const movedIn = new Map<string, bigint>();
  for (const f of flows) {
    if (!side.has(f.from) || side.has(f.to)) continue;
    movedIn.set(f.to, (movedIn.get(f.to) ?? 0n) + (v.value(f.asset, f.amount) ?? 0n));
  }
  const victims: Array<{ address: string; loss: bigint; putIn: bigint }> = [];
  for (const [a, changes] of net) {
    if (side.has(a) || a === ZERO || env.knownGood.has(a)) continue;
    const loss = -v.total(changes);
    if (loss < MIN_GAIN) continue;
    const putIn = own.putIn.get(`${tx.from}:${a}`) ?? 0n;
    victims.push({ address: a, loss, putIn });
  }
  for (const [a, value] of movedIn) if (value > 0n) own.putIn.set(`${tx.from}:${a}`, (own.putIn.get(`${tx.from}:${a}`) ?? 0n) + value);

  const reentered = (trace?.reentered ?? []).filter((c) => !side.has(c) && !env.knownGood.has(c));
  if (gain >= MIN_GAIN) {
    const taken = victims.filter((x) => x.loss - x.putIn >= x.loss / PROFIT_SHARE && x.loss - x.putIn >= MIN_GAIN);
    const lost = taken.reduce((s, x) => s + x.loss, 0n);
    if (taken.length > 0 && lost * 2n >= gain) {
      const top = taken.sort((a, b) => (b.loss > a.loss ? 1 : -1))[0] as { address: string; loss: bigint; putIn: bigint };
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          message: `${tx.from} (with ${side.size - 1} contract${side.size === 2 ? '' : 's'} of its own) gained ${formatEth(gain)} in this transaction; ${top.address} lost ${formatEth(top.loss)} to it, having received ${formatEth(top.putIn)} from it before${taken.length > 1 ? `, and ${taken.length - 1} other address${taken.length > 2 ? 'es' : ''} lost too` : ''}${reentered.length ? `; ${reentered[0]} was re-entered mid-call` : ''}.`,
          evidence: { gainWei: String(gain), victims: taken.map((x) => ({ address: x.address, lossWei: String(x.loss), putInWei: String(x.putIn) })), side: [...side], traced: trace !== undefined, reentered },
        }),
      );
      return out;
    }
  }
  if (reentered.length > 0 && gain > 0n) {
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${reentered[0]} was re-entered while it was still mid-call, in a transaction from which ${tx.from} gained ${formatEth(gain)}.`,
        evidence: { reentered, gainWei: String(gain), side: [...side] },
        severity: 'high',
        confidence: 0.75,
      }),
    );
  }
  return out;
});
