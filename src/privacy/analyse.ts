/**
 * `argus privacy <address>`: the heuristics' links, the cluster they put the address in (each member with
 * the chain of links that reaches it), an anonymity-set estimate for each mixer withdrawal the cluster
 * received, and advice in words. The report is also a `Finding` for the house's sinks.
 */
import type { Finding, Severity } from '../core/finding.js';
import { ActivityIndex, type MixerWithdrawal } from './index-activity.js';
import { allLinks, denominationText, HEURISTIC_DEFAULTS, HEURISTIC_META, type HeuristicId, type HeuristicOptions, type Link } from './heuristics.js';
import type { PrivacyTx } from './activity.js';

export interface ClusterMember {
  address: string;
  /** Links from the queried address to this one, in order. */
  path: Link[];
  /**
   * 'confirmed': reached through strong links only; 'possible': one probable or weak link away from a
   * confirmed member (see LinkStrength: such a link names one address and goes no further).
   */
  confidence: 'confirmed' | 'possible';
}

export interface WithdrawalAnonymity {
  withdrawal: string;
  pool: string;
  denomination?: string;
  recipient: string;
  time: number;
  /** Notes in the pool when it was withdrawn: deposits before it, less the withdrawals before it. */
  naiveSet: number;
  /** After the heuristics: 1 when this withdrawal is linked to a deposit; otherwise less the deposits linked to other withdrawals. */
  heuristicSet: number;
  linkedBy: HeuristicId[];
}

export interface PrivacyReport {
  address: string;
  chainId: number;
  transactions: number;
  cluster: ClusterMember[];
  links: Link[];
  heuristics: Partial<Record<HeuristicId, number>>;
  withdrawals: WithdrawalAnonymity[];
  advice: string[];
  /** 'linked' when the address has company in its cluster or a withdrawal whose anonymity set fell to 1. */
  verdict: 'linked' | 'exposed' | 'no-link-found' | 'no-activity';
}

/**
 * The cluster of an address: every address its strong links reach (transitively), then each address one
 * probable or weak link away from those, as 'possible'. The queried address comes first.
 */
export function clusterOf(address: string, links: readonly Link[]): ClusterMember[] {
  const adjacency = new Map<string, Link[]>();
  for (const l of links) {
    if (l.a === l.b) continue;
    for (const x of [l.a, l.b]) {
      if (!adjacency.has(x)) adjacency.set(x, []);
      adjacency.get(x)?.push(l);
    }
  }
  const strong = (l: Link) => HEURISTIC_META[l.heuristic].strength === 'strong';
  const members: ClusterMember[] = [{ address, path: [], confidence: 'confirmed' }];
  const seen = new Map<string, Link[]>([[address, []]]);
  const queue = [address];
  while (queue.length) {
    const x = queue.shift() as string;
    for (const l of adjacency.get(x) ?? []) {
      const y = l.a === x ? l.b : l.a;
      if (!strong(l) || seen.has(y)) continue;
      const path = [...(seen.get(x) ?? []), l];
      seen.set(y, path);
      members.push({ address: y, path, confidence: 'confirmed' });
      queue.push(y);
    }
  }
  for (const m of members.filter((c) => c.confidence === 'confirmed')) {
    for (const l of adjacency.get(m.address) ?? []) {
      const y = l.a === m.address ? l.b : l.a;
      if (strong(l) || seen.has(y)) continue;
      const path = [...m.path, l];
      seen.set(y, path);
      members.push({ address: y, path, confidence: 'possible' });
    }
  }
  return members;
}

/** Anonymity set of each withdrawal: naive (notes in the pool) and after the heuristics. */
export function anonymitySets(ix: ActivityIndex, links: readonly Link[]): Map<string, WithdrawalAnonymity> {
  const linkedDeposit = new Map<string, Set<HeuristicId>>();
  /** Deposit → the withdrawals a heuristic ties it to; withdrawals tied to a deposit. */
  const depositOwners = new Map<string, Set<string>>();
  const linksToDeposit = new Set<string>();
  for (const l of links) {
    if (!l.withdrawal) continue;
    if (!linkedDeposit.has(l.withdrawal)) linkedDeposit.set(l.withdrawal, new Set());
    linkedDeposit.get(l.withdrawal)?.add(l.heuristic);
    if (l.deposit) {
      if (!depositOwners.has(l.deposit)) depositOwners.set(l.deposit, new Set());
      depositOwners.get(l.deposit)?.add(l.withdrawal);
      linksToDeposit.add(l.withdrawal);
    }
  }
  const out = new Map<string, WithdrawalAnonymity>();
  const ordered = [...ix.withdrawals].sort((a, b) => a.block - b.block || a.time - b.time);
  for (const w of ordered) {
    const before = ix.deposits.filter((d) => d.pool === w.pool && d.block <= w.block && d.tx !== w.tx);
    const spentBefore = ordered.filter((x: MixerWithdrawal) => x.pool === w.pool && x.block < w.block).length;
    const naive = Math.max(before.length - spentBefore, 0);
    const heuristics = linkedDeposit.get(w.tx);
    let heuristicSet: number;
    if (heuristics && linksToDeposit.has(w.tx)) heuristicSet = Math.min(1, naive);
    else {
      // Deposits the heuristics give to other withdrawals are not this one's; a pool with a note left keeps one.
      const elsewhere = before.filter((d) => [...(depositOwners.get(d.tx) ?? [])].some((x) => x !== w.tx)).length;
      heuristicSet = naive > 0 ? Math.max(naive - elsewhere, 1) : 0;
    }
    const denomination = denominationText(ix.poolDenomination.get(w.pool));
    out.set(w.tx, { withdrawal: w.tx, pool: w.pool, ...(denomination ? { denomination } : {}), recipient: w.to, time: w.time, naiveSet: naive, heuristicSet, linkedBy: [...(heuristics ?? [])] });
  }
  return out;
}

/** The whole analysis for one address over the records. */
export function analyseAddress(address: string, records: readonly PrivacyTx[], options: { chainId: number; heuristics?: HeuristicOptions; serviceDegree?: number }): PrivacyReport {
  const target = address.toLowerCase();
  const ix = new ActivityIndex(records, { serviceDegree: options.serviceDegree ?? 15 });
  const links = allLinks(ix, options.heuristics ?? HEURISTIC_DEFAULTS);
  const cluster = clusterOf(target, links);
  const members = new Set(cluster.map((m) => m.address));
  const mine = links.filter((l) => members.has(l.a) || members.has(l.b));
  const heuristics: Partial<Record<HeuristicId, number>> = {};
  for (const l of mine) heuristics[l.heuristic] = (heuristics[l.heuristic] ?? 0) + 1;
  const sets = anonymitySets(ix, links);
  const withdrawals = ix.withdrawals.filter((w) => members.has(w.to)).map((w) => sets.get(w.tx) as WithdrawalAnonymity);
  const advice = (Object.keys(heuristics) as HeuristicId[]).map((h) => HEURISTIC_META[h].advice);
  const small = withdrawals.filter((w) => w.heuristicSet <= 5 && w.linkedBy.length === 0);
  if (small.length) advice.push(`${small.length} of your mixer withdrawals had at most 5 other notes to hide among: wait until the pool has many more deposits than that.`);
  if (ix.isService(target)) advice.push('This address deals with very many counterparties (an exchange, a relayer, a contract): it is not linked as a person.');
  const active = records.some((r) => r.from === target || r.to === target || r.events.some((e) => JSON.stringify(e).includes(target)));
  const verdict: PrivacyReport['verdict'] = !active ? 'no-activity' : cluster.length > 1 ? 'linked' : withdrawals.some((w) => w.heuristicSet <= 1) ? 'exposed' : 'no-link-found';
  if (verdict === 'no-link-found') advice.push('No published heuristic links this address to another one in the data read. That is not anonymity: more history, labels or off-chain data can still link it.');
  return { address: target, chainId: options.chainId, transactions: ix.txCount, cluster, links: mine, heuristics, withdrawals, advice, verdict };
}

/** The report as the house's finding (none when no activity was found: that is said, not scored). */
export function privacyFinding(report: PrivacyReport): Finding | undefined {
  if (report.verdict === 'no-activity') return undefined;
  const others = report.cluster.length - 1;
  const possible = report.cluster.filter((m) => m.confidence === 'possible').length;
  const confirmed = others - possible;
  const severity: Severity = report.verdict === 'linked' ? (confirmed >= 3 ? 'high' : 'medium') : report.verdict === 'exposed' ? 'medium' : 'info';
  const kinds = Object.keys(report.heuristics) as HeuristicId[];
  return {
    detector: 'privacy/linkable-address',
    title: report.verdict === 'linked' ? `Linked to ${confirmed} other address(es)${possible ? `, possibly ${possible} more` : ''}` : report.verdict === 'exposed' ? 'A mixer withdrawal is traceable' : 'No link found',
    severity,
    confidence: report.verdict === 'no-link-found' ? 0.5 : 0.7,
    tags: kinds.map((k) => `heuristic:${k}`),
    subject: { kind: 'address', chainId: report.chainId, address: report.address },
    explanation:
      report.verdict === 'linked'
        ? `Public heuristics put ${report.address} in one cluster with ${confirmed} other address(es) on strong evidence${possible ? ` and ${possible} more on evidence two people can also produce (a shared approval, a direct payment, timing)` : ''}: ${kinds.map((k) => `${k} (${HEURISTIC_META[k].source})`).join(', ')}.`
        : report.verdict === 'exposed'
          ? 'A mixer withdrawal to this address has an anonymity set of one after the heuristics.'
          : 'None of the published heuristics links this address in the transactions read.',
    evidence: { cluster: report.cluster.map((m) => m.address), possible: report.cluster.filter((m) => m.confidence === 'possible').map((m) => m.address), withdrawals: report.withdrawals, links: report.links.length },
    recommendation: report.advice.join(' '),
  };
}
