/**
 * Exposure of an address to risky sources (sanctioned, hacked funds, mixers, scams), direct and through
 * up to N hops of intermediaries, by the **haircut** method, kept causal:
 *
 * - Every address holds a balance whose parts are tagged with the risky source they came from. Funds that
 *   arrive from a risky address are tagged with it; funds from an ordinary address carry that address's
 *   own mix at the moment it sent them.
 * - Every payment out carries the sender's mix at that moment, in proportion (the "haircut"): a wallet
 *   holding 10 ETH of which 1 came from a mixer pays out 10% mixer funds in whatever it sends.
 * - Only what happened before a payment can taint it, and a payment larger than the balance we saw is
 *   topped up from funds of unknown, untagged origin (our data starts somewhere).
 *
 * Why haircut, and not poison or FIFO (as Chainalysis and Elliptic document their choices): poison marks
 * every coin that ever touched a tainted one as wholly tainted, so one dust payment taints an exchange's
 * hot wallet and everyone paid from it — unusable for a wallet with ordinary counterparties. FIFO follows
 * individual lots, which account-based chains do not have: ETH in an account is fungible, so any order of
 * lots is a convention. The haircut is the proportional share, which is exact when funds are not mixed
 * (peel chains, direct hops), never exceeds the value that moved, dilutes naturally through pools that
 * genuinely mix (so a big exchange passes only its real fraction), and is what a reviewer can check by hand.
 *
 * Risky addresses are terminals: exposure is attributed to the mixer or the sanctioned wallet itself, not
 * traced through them (a mixer's withdrawals are attributed to the mixer, as every vendor does).
 */
import type { TransferGraph } from './graph.js';

export const RISK_CATEGORIES = ['sanctioned', 'hacked-funds', 'mixer', 'scam'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export interface RiskLabel {
  category: RiskCategory;
  /** What the list says: "OFAC SDN: LAZARUS GROUP", "Tornado Cash 10 ETH pool", "hack of <protocol>". */
  label: string;
}

export type Direction = 'incoming' | 'outgoing';

export interface ExposureOptions {
  /** How many transfers a path may have: 1 is direct exposure only. Default 2. */
  hops?: number;
  /** Source of funds (incoming, default) or destination of funds (outgoing). */
  direction?: Direction;
  /** Contributions smaller than this (in the graph's unit) are left out of the report. Default 1e-9. */
  minAmount?: number;
}

export interface ExposurePath {
  /** Addresses from the risky one to the screened one (incoming) or back (outgoing). */
  addresses: string[];
  amount: number;
}

export interface SourceExposure {
  address: string;
  category: RiskCategory;
  label: string;
  /** Value attributed to this source. */
  amount: number;
  /** Value that came (or went) in one transfer, no intermediary. */
  direct: number;
  /** The path that carried most of it. */
  path: ExposurePath;
}

export interface ExposureReport {
  address: string;
  method: 'haircut';
  direction: Direction;
  hops: number;
  /** All value received (incoming) or sent (outgoing) by the address in the graph. */
  total: number;
  /** Value attributed to risky sources, by category. */
  byCategory: Record<RiskCategory, { direct: number; indirect: number }>;
  /** Attributed value as a share of `total`, 0–1. */
  share: number;
  sources: SourceExposure[];
}

interface Part {
  amount: number;
  /** Address ids from the risky source to the holder, excluding the holder. */
  path: number[];
  /** The largest single contribution so far, which names the path. */
  best: number;
}

/** The mix a payment carries: fraction of its value per risky source id, with the path that fed it. */
type Mix = Map<number, { fraction: number; path: number[] }>;

const EMPTY: Mix = new Map();

export class ExposureAnalyser {
  private readonly risky = new Map<number, RiskLabel>();
  /** Memo: `${address}:${hops}:${direction}` → the mix of each payment leaving that address. */
  private readonly memo = new Map<string, Map<number, Mix>>();

  constructor(
    private readonly graph: TransferGraph,
    labels: Map<string, RiskLabel> | Iterable<[string, RiskLabel]>,
  ) {
    for (const [address, label] of labels) {
      const id = graph.id(address);
      if (id !== undefined) this.risky.set(id, label);
    }
  }

  exposure(address: string, options: ExposureOptions = {}): ExposureReport {
    const hops = Math.max(1, Math.min(options.hops ?? 2, 8));
    const direction = options.direction ?? 'incoming';
    const minAmount = options.minAmount ?? 1e-9;
    const byCategory = Object.fromEntries(RISK_CATEGORIES.map((c) => [c, { direct: 0, indirect: 0 }])) as ExposureReport['byCategory'];
    const report: ExposureReport = { address: address.toLowerCase(), method: 'haircut', direction, hops, total: 0, byCategory, share: 0, sources: [] };
    const id = this.graph.id(address);
    if (id === undefined) return report;
    const edges = direction === 'incoming' ? this.graph.incomingOf(id) : this.graph.outgoingOf(id);
    const per = new Map<number, { amount: number; direct: number; best: number; path: number[] }>();
    for (const e of edges) {
      const edge = this.graph.edge(e);
      report.total += edge.amount;
      const counterparty = direction === 'incoming' ? edge.from : edge.to;
      for (const [source, { fraction, path }] of this.mixOf(e, counterparty, hops, direction)) {
        const amount = edge.amount * fraction;
        const s = per.get(source) ?? { amount: 0, direct: 0, best: 0, path };
        s.amount += amount;
        if (path.length === 1) s.direct += amount;
        if (amount > s.best) {
          s.best = amount;
          s.path = path;
        }
        per.set(source, s);
      }
    }
    let attributed = 0;
    for (const [source, s] of per) {
      if (s.amount < minAmount) continue;
      const label = this.risky.get(source) as RiskLabel;
      byCategory[label.category].direct += s.direct;
      byCategory[label.category].indirect += s.amount - s.direct;
      attributed += s.amount;
      const names = [...s.path, id].map((n) => this.graph.name(n));
      report.sources.push({
        address: this.graph.name(source),
        category: label.category,
        label: label.label,
        amount: s.amount,
        direct: s.direct,
        path: { addresses: direction === 'incoming' ? names : names.reverse(), amount: s.best },
      });
    }
    report.sources.sort((a, b) => b.amount - a.amount);
    report.share = report.total > 0 ? Math.min(1, attributed / report.total) : 0;
    return report;
  }

  /** The mix of one transfer, seen from the screened side: `counterparty` is where the value came from. */
  private mixOf(edge: number, counterparty: number, hops: number, direction: Direction): Mix {
    if (this.risky.has(counterparty)) return new Map([[counterparty, { fraction: 1, path: [counterparty] }]]);
    if (hops <= 1) return EMPTY;
    return this.paymentsOf(counterparty, hops - 1, direction).get(edge) ?? EMPTY;
  }

  /**
   * Replays an address's history in time order (backwards for outgoing exposure), keeping its balance's
   * mix, and returns the mix of every payment it made (received, for outgoing). Memoised per address.
   */
  private paymentsOf(holder: number, hops: number, direction: Direction): Map<number, Mix> {
    const key = `${holder}:${hops}:${direction}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const result = new Map<number, Mix>();
    this.memo.set(key, result); // a cycle back to this holder sees no mix rather than looping
    // Incoming exposure: the holder's receipts fill its balance and its payments drain it, in time order.
    // Outgoing exposure is the mirror image: time runs backwards, and what the holder paid out "fills"
    // the destinations the funds it received went to.
    const inTime = (list: Int32Array) => (direction === 'incoming' ? list : list.slice().reverse());
    const fills = inTime(direction === 'incoming' ? this.graph.incomingOf(holder) : this.graph.outgoingOf(holder));
    const drains = inTime(direction === 'incoming' ? this.graph.outgoingOf(holder) : this.graph.incomingOf(holder));
    const sign = direction === 'incoming' ? 1 : -1;
    const parts = new Map<number, Part>();
    let balance = 0;
    let i = 0;
    let j = 0;
    const timeOf = (e: number) => sign * this.graph.edge(e).time;
    while (j < drains.length) {
      const drain = drains[j] as number;
      // Receipts at the same time as a payment count before it: a contract funded and emptied in one block.
      if (i < fills.length && timeOf(fills[i] as number) <= timeOf(drain)) {
        const fill = fills[i++] as number;
        const e = this.graph.edge(fill);
        balance += e.amount;
        const from = direction === 'incoming' ? e.from : e.to;
        for (const [source, { fraction, path }] of this.mixOf(fill, from, hops, direction)) {
          const amount = e.amount * fraction;
          const p = parts.get(source);
          if (!p) parts.set(source, { amount, path: [...path, holder], best: amount });
          else {
            p.amount += amount;
            if (amount > p.best) {
              p.best = amount;
              p.path = [...path, holder];
            }
          }
        }
        continue;
      }
      j++;
      const amount = this.graph.edge(drain).amount;
      // A payment bigger than the balance we know of is topped up from funds of unknown origin.
      const base = Math.max(balance, amount);
      const mix: Mix = new Map();
      for (const [source, p] of parts) {
        const fraction = p.amount / base;
        if (fraction <= 0) continue;
        mix.set(source, { fraction, path: p.path });
        p.amount -= amount * fraction;
        if (p.amount <= 1e-12) parts.delete(source);
      }
      balance = Math.max(0, balance - amount);
      if (mix.size) result.set(drain, mix);
    }
    return result;
  }
}
