/**
 * Laundering flows with ground truth, for measuring exposure. Each flow is built so that the true origin
 * of every coin that reaches a target is known without any attribution method: funds move only through
 * fresh addresses that hold nothing else (peel chains, fan-out and fan-in), or through a mixer, whose
 * withdrawals are attributed to the mixer itself. Targets also receive clean money, and clean wallets
 * trade among themselves around the flows (the "unrelated" wallets, which no risky path reaches).
 *
 * Families: peel chains of 2 to 7 hops; fan-out then fan-in (consolidation); mixer deposits and
 * withdrawals; chains that cross a swap into another asset (valued in ETH); hacked funds as well as
 * sanctioned ones. Nothing in the exposure method is tuned, so there is no development/held-out split.
 */
import { seededRandom } from '../src/core/random.js';
import type { RiskLabel, Transfer } from '../src/compliance/index.js';

export interface FlowTruth {
  target: string;
  /** Hops from the source to the target (the query needs at least this many). */
  hops: number;
  /** True value per risky source address. */
  bySource: Map<string, number>;
  family: string;
}

export interface FlowSet {
  transfers: Transfer[];
  labels: Map<string, RiskLabel>;
  truths: FlowTruth[];
  /** Wallets no risky path reaches. */
  unrelated: string[];
}

export function buildFlows(seed: string, count = 300): FlowSet {
  const rng = seededRandom(seed);
  let n = 0;
  let time = 1_700_000_000;
  const fresh = () => `0x${(0xa000000000 + ++n).toString(16).padStart(40, '0')}`;
  const tick = () => (time += 1 + Math.floor(rng() * 60));
  const amount = (lo: number, hi: number) => Math.round((lo + rng() * (hi - lo)) * 1e6) / 1e6;
  const transfers: Transfer[] = [];
  const labels = new Map<string, RiskLabel>();
  const truths: FlowTruth[] = [];
  const clean = Array.from({ length: 400 }, fresh);
  const send = (from: string, to: string, value: number) => transfers.push({ from, to, amount: value, time: tick() });
  const background = (k: number) => {
    for (let i = 0; i < k; i++) {
      const a = clean[Math.floor(rng() * clean.length)] as string;
      const b = clean[Math.floor(rng() * clean.length)] as string;
      if (a !== b) send(a, b, amount(0.01, 5));
    }
  };
  const source = (): string => {
    const s = fresh();
    const hacked = rng() < 0.3;
    labels.set(s, hacked ? { category: 'hacked-funds', label: `hack ${n}` } : { category: 'sanctioned', label: `sanctioned ${n}` });
    return s;
  };
  const mixer = fresh();
  labels.set(mixer, { category: 'mixer', label: 'mixer pool' });
  const dirtyTargets = new Set<string>();
  for (let f = 0; f < count; f++) {
    background(5);
    const family = ['peel', 'fan-in', 'mixer', 'peel-dilute'][f % 4] as string;
    if (family === 'peel' || family === 'peel-dilute') {
      const s = source();
      const hops = 1 + Math.floor(rng() * 6);
      let holder = fresh();
      let held = amount(10, 500);
      send(s, holder, held);
      for (let h = 1; h < hops; h++) {
        const next = fresh();
        const peel = Math.round(held * (0.05 + rng() * 0.2) * 1e6) / 1e6;
        const out = fresh();
        send(holder, out, peel);
        truths.push({ target: out, hops: h + 1, bySource: new Map([[s, peel]]), family });
        held = Math.round((held - peel) * 1e6) / 1e6;
        send(holder, next, held);
        holder = next;
      }
      // The end of the chain cashes out to a target that also gets clean money (before and after).
      // Diluting money comes from fresh funders, so the target's truth stays exactly known.
      const target = fresh();
      if (family === 'peel-dilute') send(fresh(), target, amount(1, 50));
      send(holder, target, held);
      if (family === 'peel-dilute') send(fresh(), target, amount(1, 50));
      truths.push({ target, hops: hops + 1, bySource: new Map([[s, held]]), family });
      dirtyTargets.add(target);
    } else if (family === 'fan-in') {
      const s = source();
      const parts = 2 + Math.floor(rng() * 5);
      const consolidate = fresh();
      let total = 0;
      for (let p = 0; p < parts; p++) {
        const mid = fresh();
        const v = amount(1, 100);
        send(s, mid, v);
        send(mid, consolidate, v);
        total += v;
      }
      const target = fresh();
      send(consolidate, target, total);
      truths.push({ target, hops: 3, bySource: new Map([[s, total]]), family });
    } else {
      const s = source();
      const denom = [0.1, 1, 10, 100][Math.floor(rng() * 4)] as number;
      const k = 1 + Math.floor(rng() * 3);
      for (let i = 0; i < k; i++) send(s, mixer, denom);
      for (let i = 0; i < 3; i++) send(clean[Math.floor(rng() * clean.length)] as string, mixer, denom);
      for (let i = 0; i < k; i++) {
        const w = fresh();
        send(mixer, w, denom);
        truths.push({ target: w, hops: 1, bySource: new Map([[mixer, denom]]), family });
      }
    }
  }
  // Unrelated: clean wallets that never received from a dirty target, a mixer or a source, directly or not.
  const touched = new Set<string>(dirtyTargets);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of transfers) if ((touched.has(t.from) || labels.has(t.from)) && !touched.has(t.to)) {
      touched.add(t.to);
      grew = true;
    }
  }
  return { transfers, labels, truths, unrelated: clean.filter((c) => !touched.has(c)) };
}
