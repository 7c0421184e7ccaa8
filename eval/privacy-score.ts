/**
 * Scoring the privacy heuristics against a scenario's ground truth.
 *
 * Precision, per heuristic: of the address pairs it links (depositor and recipient for a mixer link), the
 * share owned by one person. Services (the exchange, the relayer, the distributor, the market, the funder)
 * are owners like any other: linking two people through one is a false link.
 * Recall, per heuristic: of the same-owner pairs the scenario's behaviours exposed to that heuristic, the
 * share it linked (directly, not through the cluster). Cluster recall: of all same-person address pairs,
 * the share the union of every heuristic's links joins (transitively), with the cluster precision beside it.
 */
import type { Link } from '../src/privacy/heuristics.js';
import { HEURISTICS, type HeuristicId } from '../src/privacy/heuristics.js';
import { clusterOf } from '../src/privacy/analyse.js';
import type { PrivacyTruth } from '../src/chain/scenarios/privacy.js';

export interface Counts {
  links: number;
  correct: number;
  exposed: number;
  found: number;
}

export interface SeedScore {
  seed: string;
  perHeuristic: Record<HeuristicId, Counts>;
  /** The session-2 rule for comparison: every link joins, transitively. */
  cluster: { truePairs: number; joinedTrue: number; joinedPairs: number; joinedSame: number };
  /** The product's rule (clusterOf): strong links transitively ('confirmed'), then one probable or weak link ('possible'). */
  confirmed: { truePairs: number; joinedTrue: number; joinedPairs: number; joinedSame: number };
  withPossible: { truePairs: number; joinedTrue: number; joinedPairs: number; joinedSame: number };
  /** Withdrawals by people, and those linked to their own depositor by some heuristic. */
  notes: { total: number; linked: number };
}

const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function scoreSeed(truth: PrivacyTruth, links: readonly Link[]): SeedScore {
  const owner = (a: string) => truth.owners[a] ?? `unknown:${a}`;
  const perHeuristic = Object.fromEntries(HEURISTICS.map((h) => [h, { links: 0, correct: 0, exposed: 0, found: 0 }])) as Record<HeuristicId, Counts>;
  const linkedPairs = new Map<HeuristicId, Set<string>>();
  for (const h of HEURISTICS) {
    const pairs = new Set<string>();
    for (const l of links) if (l.heuristic === h) pairs.add(pair(l.a, l.b));
    linkedPairs.set(h, pairs);
    const c = perHeuristic[h];
    c.links = pairs.size;
    for (const p of pairs) {
      const [a, b] = p.split('|') as [string, string];
      if (owner(a) === owner(b)) c.correct++;
    }
    const exposed = new Set(truth.exposures.filter((e) => e.heuristic === h).map((e) => pair(e.a, e.b)));
    c.exposed = exposed.size;
    for (const p of exposed) if (pairs.has(p)) c.found++;
  }
  // Cluster: union-find over every link between distinct addresses.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  for (const l of links) if (l.a !== l.b) parent.set(find(l.a), find(l.b));
  let truePairs = 0;
  let joinedTrue = 0;
  for (const p of truth.people) {
    for (let i = 0; i < p.addresses.length; i++)
      for (let j = i + 1; j < p.addresses.length; j++) {
        truePairs++;
        if (find(p.addresses[i] as string) === find(p.addresses[j] as string)) joinedTrue++;
      }
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)?.push(x);
  }
  let joinedPairs = 0;
  let joinedSame = 0;
  for (const g of groups.values())
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) {
        joinedPairs++;
        if (owner(g[i] as string) === owner(g[j] as string)) joinedSame++;
      }
  const byWithdrawal = new Map<string, Link[]>();
  for (const l of links) if (l.withdrawal) byWithdrawal.set(l.withdrawal, [...(byWithdrawal.get(l.withdrawal) ?? []), l]);
  let linked = 0;
  for (const n of truth.notes) if ((byWithdrawal.get(n.withdrawal) ?? []).some((l) => owner(l.a) === n.owner && owner(l.b) === n.owner)) linked++;
  return { seed: truth.seed, perHeuristic, cluster: { truePairs, joinedTrue, joinedPairs, joinedSame }, ...productClusters(truth, links), notes: { total: truth.notes.length, linked } };
}

/** Pairs the product's clusterOf puts together (from either side), confirmed only and with the possible members. */
function productClusters(truth: PrivacyTruth, links: readonly Link[]): Pick<SeedScore, 'confirmed' | 'withPossible'> {
  const owner = (a: string) => truth.owners[a] ?? `unknown:${a}`;
  const addresses = new Set<string>();
  for (const l of links) if (l.a !== l.b) addresses.add(l.a).add(l.b);
  const confirmedPairs = new Set<string>();
  const allPairs = new Set<string>();
  for (const x of addresses)
    for (const m of clusterOf(x, links).slice(1)) {
      allPairs.add(pair(x, m.address));
      if (m.confidence === 'confirmed') confirmedPairs.add(pair(x, m.address));
    }
  const count = (pairs: Set<string>) => {
    let joinedSame = 0;
    for (const p of pairs) {
      const [a, b] = p.split('|') as [string, string];
      if (owner(a) === owner(b)) joinedSame++;
    }
    let truePairs = 0;
    let joinedTrue = 0;
    for (const person of truth.people)
      for (let i = 0; i < person.addresses.length; i++)
        for (let j = i + 1; j < person.addresses.length; j++) {
          truePairs++;
          if (pairs.has(pair(person.addresses[i] as string, person.addresses[j] as string))) joinedTrue++;
        }
    return { truePairs, joinedTrue, joinedPairs: pairs.size, joinedSame };
  };
  return { confirmed: count(confirmedPairs), withPossible: count(allPairs) };
}

/** Sums of several seeds. */
export function sumScores(scores: readonly SeedScore[]): SeedScore {
  const total = scoreSeedZero();
  for (const s of scores) {
    for (const h of HEURISTICS) for (const k of ['links', 'correct', 'exposed', 'found'] as const) total.perHeuristic[h][k] += s.perHeuristic[h][k];
    for (const part of ['cluster', 'confirmed', 'withPossible'] as const)
      for (const k of ['truePairs', 'joinedTrue', 'joinedPairs', 'joinedSame'] as const) total[part][k] += s[part][k];
    total.notes.total += s.notes.total;
    total.notes.linked += s.notes.linked;
  }
  return total;
}

function scoreSeedZero(): SeedScore {
  return { seed: 'sum', perHeuristic: Object.fromEntries(HEURISTICS.map((h) => [h, { links: 0, correct: 0, exposed: 0, found: 0 }])) as Record<HeuristicId, Counts>, cluster: zeroPairs(), confirmed: zeroPairs(), withPossible: zeroPairs(), notes: { total: 0, linked: 0 } };
}

function zeroPairs() {
  return { truePairs: 0, joinedTrue: 0, joinedPairs: 0, joinedSame: 0 };
}
