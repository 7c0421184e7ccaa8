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


export class ExposureAnalyser {
  private readonly risky = new Map<number, RiskLabel>();
  /** `${address}:${hops}:${direction}` → the recorded mix of each of that address's payments (see replay). */
  private readonly replays = new Map<string, Map<number, Recorded>>();
  /** The graph's size when the caches were built: a graph that grew invalidates them. */
  private replayedAt = -1;
  /**
   * Per direction, built once per graph: for incoming exposure the earliest time each address could hold
   * risky funds through any number of hops; for outgoing, the latest time funds it holds could still
   * reach a risky address. A replay is skipped when the payment lies outside that time: most addresses
   * never touch risky funds, and this is what keeps a query through busy wallets fast.
   */
  private readonly reach = new Map<string, Float64Array>();
  /** The one-address path of a payment straight from a risky address, shared rather than rebuilt. */
  private readonly direct = new Map<number, number[]>();
  private order: Int32Array | undefined;

  private readonly labels: Array<[string, RiskLabel]>;

  constructor(
    private readonly graph: TransferGraph,
    labels: Map<string, RiskLabel> | Iterable<[string, RiskLabel]>,
  ) {
    this.labels = [...labels];
  }

  /**
   * Replays, ahead of queries, every address that held risky funds received directly: what a two-hop
   * query reads. One pass over the graph's edges in all; afterwards a two-hop query costs only the
   * screened address's own transfers, however busy its counterparties are. A long-lived service calls it
   * once per graph; a one-off query need not.
   */
  prepare(direction: Direction = 'incoming'): void {
    this.ensureFresh();
    const reach = this.reachOf(direction, 1);
    const limit = direction === 'incoming' ? Infinity : -Infinity;
    for (let id = 0; id < reach.length; id++) if (reach[id] !== limit && !this.risky.has(id)) this.replay(id, 1, direction);
  }

  private ensureFresh(): void {
    if (this.replayedAt === this.graph.size) return;
    this.replays.clear();
    this.reach.clear();
    this.direct.clear();
    this.order = undefined;
    // Labelled addresses the graph did not hold before may be in it now.
    this.risky.clear();
    for (const [a, label] of this.labels) {
      const rid = this.graph.id(a);
      if (rid !== undefined) this.risky.set(rid, label);
    }
    this.replayedAt = this.graph.size;
  }

  exposure(address: string, options: ExposureOptions = {}): ExposureReport {
    const hops = Math.max(1, Math.min(options.hops ?? 2, 8));
    const direction = options.direction ?? 'incoming';
    const minAmount = options.minAmount ?? 1e-9;
    const byCategory = Object.fromEntries(RISK_CATEGORIES.map((c) => [c, { direct: 0, indirect: 0 }])) as ExposureReport['byCategory'];
    const report: ExposureReport = { address: address.toLowerCase(), method: 'haircut', direction, hops, total: 0, byCategory, share: 0, sources: [] };
    const id = this.graph.id(address);
    if (id === undefined) return report;
    // Replays and time indexes hold for one graph: one that grew since invalidates them.
    this.ensureFresh();
    const edges = direction === 'incoming' ? this.graph.incomingOf(id) : this.graph.outgoingOf(id);
    const per = new Map<number, { amount: number; direct: number; best: number; path: number[] }>();
    for (const e of edges) {
      const edge = this.graph.edge(e);
      report.total += edge.amount;
      const counterparty = direction === 'incoming' ? edge.from : edge.to;
      this.visitMix(e, counterparty, hops, direction, (source, fraction, path) => {
        const amount = edge.amount * fraction;
        let s = per.get(source);
        if (!s) per.set(source, (s = { amount: 0, direct: 0, best: 0, path }));
        s.amount += amount;
        if (path.length === 1) s.direct += amount;
        if (amount > s.best) {
          s.best = amount;
          s.path = path;
        }
      });
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

  /**
   * Calls `visit` with each risky source in the mix of one transfer, seen from the screened side
   * (`counterparty` is where the value came from), its fraction of the transfer and the path that fed it.
   * A visitor rather than a returned map: a query through a busy wallet reads thousands of mixes.
   */
  private visitMix(edge: number, counterparty: number, hops: number, direction: Direction, visit: (source: number, fraction: number, path: number[]) => void): void {
    if (this.risky.has(counterparty)) {
      let path = this.direct.get(counterparty);
      if (!path) this.direct.set(counterparty, (path = [counterparty]));
      visit(counterparty, 1, path);
      return;
    }
    if (hops <= 1) return;
    const reach = this.reachOf(direction, hops - 1)[counterparty] as number;
    if (direction === 'incoming' ? reach > this.graph.timeOf(edge) : reach < this.graph.timeOf(edge)) return;
    const recorded = this.replay(counterparty, hops - 1, direction).get(edge);
    if (!recorded) return;
    for (const p of recorded.parts) {
      const fraction = p.amount * recorded.factor;
      if (fraction > 0) visit(p.source, fraction, p.path);
    }
  }

  /**
   * For incoming exposure, the earliest time each address held funds that came from a risky address in at
   * most `depth` transfers; for outgoing, the latest time funds it held could still reach one in at most
   * `depth`. Built once per graph and depth, one pass over the edges in time order per depth.
   */
  private reachOf(direction: Direction, depth: number): Float64Array {
    const key = `${direction}:${depth}`;
    const cached = this.reach.get(key);
    if (cached) return cached;
    const g = this.graph;
    const incoming = direction === 'incoming';
    const previous = depth > 1 ? this.reachOf(direction, depth - 1) : undefined;
    const reach = new Float64Array(g.addresses).fill(incoming ? Infinity : -Infinity);
    const order = (this.order ??= g.edgesByTime());
    const n = order.length;
    for (let k = 0; k < n; k++) {
      const e = order[incoming ? k : n - 1 - k] as number;
      const t = g.timeOf(e);
      const near = g.counterpartyOf(e, incoming ? 'from' : 'to');
      const far = g.counterpartyOf(e, incoming ? 'to' : 'from');
      // A receipt at the same time as a payment counts before it (as in the replay), hence <= and >=.
      const ready = this.risky.has(near) || (previous !== undefined && (incoming ? (previous[near] as number) <= t : (previous[near] as number) >= t));
      if (ready && (incoming ? t < (reach[far] as number) : t > (reach[far] as number))) reach[far] = t;
    }
    this.reach.set(key, reach);
    return reach;
  }

  /**
   * Replays an address's history in time order (backwards for outgoing exposure), keeping its balance's
   * mix, and records the mix of every payment it made (received, for outgoing).
   *
   * Every payment takes the same fraction of each part of the balance, so instead of shrinking every part
   * on every payment the parts are kept in units of a common `scale` that each payment multiplies by
   * (1 - paid / balance): a payment costs O(1) and records only a shared, frozen copy of the parts (made
   * once per run of payments between two tainted receipts) and its factor. The replay of an address is
   * kept for the graph's lifetime, so a busy wallet (an exchange's, tens of thousands of payments) is
   * replayed once, whatever is queried through it. Hops strictly decrease down the recursion, so a cycle
   * of payments cannot loop.
   */
  private replay(holder: number, hops: number, direction: Direction): Map<number, Recorded> {
    const key = `${holder}:${hops}:${direction}`;
    const cached = this.replays.get(key);
    if (cached) return cached;
    const result = new Map<number, Recorded>();
    this.replays.set(key, result);
    const g = this.graph;
    const incoming = direction === 'incoming';
    // Incoming exposure: receipts fill the balance and payments drain it, in time order. Outgoing exposure
    // is the mirror image: time runs backwards, and what the holder paid out "fills" the destinations the
    // funds it received went to.
    const inTime = (list: Int32Array) => (incoming ? list : list.slice().reverse());
    const fills = inTime(incoming ? g.incomingOf(holder) : g.outgoingOf(holder));
    const drains = inTime(incoming ? g.outgoingOf(holder) : g.incomingOf(holder));
    const before = (x: number, y: number) => (incoming ? g.timeOf(x) <= g.timeOf(y) : g.timeOf(x) >= g.timeOf(y));
    const fillSide = incoming ? 'from' : 'to';
    const parts = new Map<number, Part>();
    let frozen: Frozen | undefined;
    let scale = 1;
    let balance = 0;
    let i = 0;
    let j = 0;
    while (j < drains.length) {
      const drain = drains[j] as number;
      // Receipts at the same time as a payment count before it: a contract funded and emptied in one block.
      if (i < fills.length && before(fills[i] as number, drain)) {
        const fill = fills[i++] as number;
        const value = g.amountOf(fill);
        balance += value;
        this.visitMix(fill, g.counterpartyOf(fill, fillSide), hops, direction, (source, fraction, path) => {
          frozen = undefined; // the parts change: payments from now on need a new copy
          const amount = value * fraction;
          const p = parts.get(source);
          if (!p) parts.set(source, { amount: amount / scale, path: [...path, holder], best: amount });
          else {
            p.amount += amount / scale;
            if (amount > p.best) {
              p.best = amount;
              p.path = [...path, holder];
            }
          }
        });
        continue;
      }
      j++;
      const amount = g.amountOf(drain);
      if (parts.size === 0) {
        balance = Math.max(0, balance - amount);
        continue;
      }
      // A payment bigger than the balance we know of is topped up from funds of unknown origin.
      const base = Math.max(balance, amount);
      frozen ??= [...parts].map(([source, p]) => ({ source, amount: p.amount, path: p.path }));
      result.set(drain, { parts: frozen, factor: scale / base });
      balance = Math.max(0, balance - amount);
      if (balance <= 1e-12) {
        // Emptied: nothing tainted is left, and the scale starts afresh.
        parts.clear();
        frozen = undefined;
        scale = 1;
        balance = 0;
      } else {
        scale *= 1 - amount / base;
        if (scale < 1e-200) {
          for (const p of parts.values()) p.amount *= scale;
          frozen = undefined;
          scale = 1;
        }
      }
    }
    return result;
  }
}

/** The balance's parts at a run of payments, in units of the scale of the time. */
type Frozen = Array<{ source: number; amount: number; path: number[] }>;

/** One payment's mix: each part's amount times `factor` is its fraction of the payment. */
interface Recorded {
  parts: Frozen;
  factor: number;
}
