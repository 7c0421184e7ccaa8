/**
 * Protocol invariants learnt per contract (issue 17), from logs and token flows only (no state reads, so
 * they hold on recorded blocks too). Each contract's normal range is learnt online from the transactions
 * that touch it (a short warm-up, then the median of its recent values); a jump that no ordinary user's
 * deposit, withdrawal or trade causes is reported, whatever the mechanism behind it:
 *
 * 1. A pool's spot price (from `Sync`) against its own recent median: an ordinary trade moves a pool by a
 *    few per cent; a price multiplied or divided by JUMP in one transaction means reserves were burnt,
 *    donated, or flooded with tokens minted from nothing.
 * 2. A vault's share price: a contract whose own token it mints to depositors in exchange for an asset
 *    (learnt from the first such deposit, ERC-4626 or not) is worth its asset balance over its share
 *    supply. Deposits and withdrawals keep that price; a donation, a payout without its shares burnt or a
 *    mint without its assets paid moves it. Jumps by JUMP against the recent median are reported.
 * 3. A vault's accounting against its balance: a depositor who paid the vault its asset in a call to the
 *    vault and was minted no shares at all lost the deposit to the holders (a share-inflation victim).
 *
 * Findings name the transaction (stage exploitation, severity high): an invariant broken is evidence of an
 * exploit in progress, not yet of who profits (value-extraction says that).
 */
import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report, ZERO, type DetectorEnv } from './detector.js';
import { transfersOf, type TxView } from '../state.js';

/** Factor by which a price must move against its recent median to be reported (both directions). */
export const JUMP = 4;
/** Observations a pool needs before its price is judged (a new pool's first trades set its price). */
const POOL_WARMUP = 5;
/** Observations a vault needs (a vault is priced from its first deposit on: the first jump is the attack). */
const VAULT_WARMUP = 1;
/** Recent values kept per contract. */
const WINDOW = 24;
/** An asset movement below this many base units moves no price worth reporting (rounding dust). */
const MIN_MOVE = 10n ** 12n;

const meta = {
  id: 'protocol-invariants',
  title: 'A protocol invariant broke: price or share value jumped, or a deposit bought nothing',
  severity: 'high' as const,
  confidence: 0.75,
  kind: 'protocol-exploit' as const,
  description:
    "A pool's spot price moved by a factor its recent trading never approached, a vault's value per share jumped against its recent median (a donation, a payout without shares burnt, a mint without assets), or a depositor paid a vault and was minted no shares: the contract's own accounting no longer holds.",
  recommendation: 'Pause the contract if it can be paused; compare its balances with its accounting and follow the transaction that broke them.',
};

/**
 * A robust running record of one contract's recent values (natural logarithms of prices). Plain data, not a
 * class: detector state is saved as JSON and restored after a restart, which keeps fields but not methods.
 */
export interface RecentRange {
  values: number[];
  count: number;
}

export const newRange = (): RecentRange => ({ values: [], count: 0 });

export function addToRange(range: RecentRange, x: number, size = WINDOW): void {
  range.values.push(x);
  if (range.values.length > size) range.values.shift();
  range.count++;
}

export function rangeMedian(range: RecentRange): number | undefined {
  if (range.values.length === 0) return undefined;
  const s = [...range.values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** ln(a / b) for positive bigints of any size (a float ratio would overflow past 2^1024). */
export function logRatio(a: bigint, b: bigint): number {
  const ln = (x: bigint): number => {
    const bits = x.toString(2).length;
    const shift = Math.max(0, bits - 60);
    return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
  };
  return ln(a) - ln(b);
}

interface Vault {
  asset: string;
  range: RecentRange;
}

interface Own {
  pools: Map<string, RecentRange>;
  /** share token (the vault itself) -> its asset and price record. */
  vaults: Map<string, Vault>;
}

const factor = (x: number): string => (Math.exp(Math.abs(x)) >= 1e6 ? `${Math.exp(Math.abs(x)).toExponential(1)}×` : `${Math.exp(Math.abs(x)).toFixed(1)}×`);

function poolJumps(tx: TxView, own: Own, env: DetectorEnv): Finding[] {
  if (!tx.events.some((e) => e.standard === 'uniswap-v2' && e.event === 'Sync')) return [];
  const last = new Map<string, [bigint, bigint]>();
  for (const e of tx.events) if (e.standard === 'uniswap-v2' && e.event === 'Sync') last.set(e.address.toLowerCase(), [e.args.reserve0 as bigint, e.args.reserve1 as bigint]);
  const out: Finding[] = [];
  for (const [pool, [r0, r1]] of last) {
    if (r0 <= 0n || r1 <= 0n) continue;
    const before = env.state.reserves.get(pool);
    const price = logRatio(r1, r0);
    let range = own.pools.get(pool);
    if (!range) own.pools.set(pool, (range = newRange()));
    const median = rangeMedian(range);
    // Liquidity added or removed in proportion keeps the price: only a change of price is judged.
    if (median !== undefined && range.count >= POOL_WARMUP && Math.abs(price - median) >= Math.log(JUMP)) {
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          message: `Pool ${pool}'s spot price moved ${factor(price - median)} ${price > median ? 'up' : 'down'} against its median over its last ${Math.min(range.count, WINDOW)} trades in one transaction from ${tx.from} (reserves ${before ? `${before[0]}/${before[1]}` : 'unknown'} → ${r0}/${r1}); ordinary trades move it by a few per cent.`,
          evidence: { invariant: 'pool-spot-price', pool, reserves: [String(r0), String(r1)], before: before ? before.map(String) : null, jumpFactor: Number(Math.exp(Math.abs(price - median)).toPrecision(3)), sender: tx.from },
        }),
      );
    }
    addToRange(range, price);
  }
  return out;
}

function vaultJumps(tx: TxView, own: Own, env: DetectorEnv): Finding[] {
  // Only a transaction that mints or burns a token, or touches a vault known already, can move a vault.
  let relevant = false;
  for (const e of tx.events) {
    if (e.standard !== 'erc20' || e.event !== 'Transfer') continue;
    const from = String(e.args.from).toLowerCase();
    const to = String(e.args.to).toLowerCase();
    if (from === ZERO || to === ZERO || own.vaults.has(from) || own.vaults.has(to) || own.vaults.has(e.address.toLowerCase())) {
      relevant = true;
      break;
    }
  }
  if (!relevant) return [];
  const transfers = transfersOf(tx);
  // Learn vaults: a contract minting its own token in a transaction in which one other token went into it.
  for (const t of transfers) {
    if (t.from !== ZERO || own.vaults.has(t.token) || env.state.pools.has(t.token) || env.knownGood.has(t.token)) continue;
    const paid = new Set(transfers.filter((x) => x.to === t.token && x.token !== t.token).map((x) => x.token));
    if (paid.size === 1) own.vaults.set(t.token, { asset: [...paid][0] as string, range: newRange() });
  }
  const out: Finding[] = [];
  const touched = new Set<string>();
  for (const t of transfers) for (const a of [t.token, t.from, t.to]) if (own.vaults.has(a)) touched.add(a);
  for (const v of touched) {
    const vault = own.vaults.get(v) as Vault;
    let balance = env.state.balance(vault.asset, v);
    let supply = env.state.supply.get(v) ?? 0n;
    const supplyBefore = supply;
    let assetMoved = 0n;
    for (const t of transfers) {
      if (t.token === vault.asset && (t.to === v || t.from === v)) {
        balance += t.to === v ? t.value : -t.value;
        assetMoved += t.value;
      }
      if (t.token === v && t.from === ZERO) supply += t.value;
      if (t.token === v && t.to === ZERO) supply -= t.value;
    }
    // Invariant 3: paid the vault in a call to it, minted nothing.
    if (tx.to === v && supplyBefore > 0n) {
      const paid = transfers.filter((t) => t.token === vault.asset && t.from === tx.from && t.to === v).reduce((s, t) => s + t.value, 0n);
      const minted = transfers.filter((t) => t.token === v && t.from === ZERO && t.to === tx.from).reduce((s, t) => s + t.value, 0n);
      const back = transfers.some((t) => t.to === tx.from && t.from === v);
      if (paid >= MIN_MOVE && minted === 0n && !back) {
        out.push(
          report(meta, env, {
            tx,
            stage: 'exploitation',
            message: `${tx.from} paid vault ${v} ${paid} base units of ${vault.asset} and was minted no shares: the deposit went to the existing holders (a share price inflated beyond any deposit, or rounding against the depositor).`,
            evidence: { invariant: 'deposit-without-shares', vault: v, asset: vault.asset, paid: String(paid), depositor: tx.from, supplyBefore: String(supplyBefore) },
          }),
        );
      }
    }
    if (balance <= 0n || supply <= 0n) continue;
    const price = logRatio(balance, supply);
    const median = rangeMedian(vault.range);
    // Judged once the vault has shares outstanding and the transaction moved more than rounding dust.
    const judged = supplyBefore > 0n && assetMoved >= MIN_MOVE && vault.range.count >= VAULT_WARMUP;
    if (judged && median !== undefined && Math.abs(price - median) >= Math.log(JUMP) && out.length === 0) {
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          message: `Vault ${v}'s assets per share moved ${factor(price - median)} ${price > median ? 'up' : 'down'} against its recent median in one transaction from ${tx.from} (now ${balance} base units of ${vault.asset} for ${supply} shares); deposits and withdrawals keep a vault's share price.`,
          evidence: { invariant: 'vault-share-price', vault: v, asset: vault.asset, balance: String(balance), supply: String(supply), jumpFactor: Number(Math.exp(Math.abs(price - median)).toPrecision(3)), sender: tx.from },
        }),
      );
    }
    addToRange(vault.range, price);
  }
  return out;
}

export default defineMonitorDetector(meta, (): Own => ({ pools: new Map(), vaults: new Map() }), (tx, own, env) => {
  if (tx.status !== 'success' || tx.events.length === 0) return [];
  return [...poolJumps(tx, own, env), ...vaultJumps(tx, own, env)];
});
