/**
 * The transfer graph exposure is measured on: value moved from one address to another at a time, in one
 * unit. Amounts are plain numbers in a common unit (ETH by default; tokens are converted by the caller's
 * prices), because a haircut divides one flow by another and a swap from DAI to ETH must not end a trail.
 *
 * The graph is stored column-wise in typed arrays with per-address edge lists sorted by time, so a two-hop
 * query on a million transfers touches only the edges it needs (bench:compliance measures p99).
 */

export interface Transfer {
  from: string;
  to: string;
  /** Value in the graph's unit (ETH unless the caller converted otherwise). */
  amount: number;
  /** UNIX seconds (or block numbers: any increasing clock; the graph only compares them). */
  time: number;
  /** The transaction, for reports. */
  tx?: string;
  /** The asset moved, as the source named it (ETH, a token symbol or address), for reports. */
  asset?: string;
}

export class TransferGraph {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private amount = new Float64Array(1024);
  private time = new Float64Array(1024);
  private readonly txs: Array<string | undefined> = [];
  private readonly assets: Array<string | undefined> = [];
  private count = 0;
  private incoming: Int32Array[] | undefined;
  private outgoing: Int32Array[] | undefined;

  constructor(transfers: Iterable<Transfer> = []) {
    for (const t of transfers) this.add(t);
  }

  get size(): number {
    return this.count;
  }

  get addresses(): number {
    return this.names.length;
  }

  id(address: string): number | undefined {
    return this.ids.get(address.toLowerCase());
  }

  private intern(address: string): number {
    const a = address.toLowerCase();
    let id = this.ids.get(a);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(a, id);
      this.names.push(a);
    }
    return id;
  }

  add(t: Transfer): void {
    if (!(t.amount > 0) || !Number.isFinite(t.amount)) return; // nothing moved: no exposure either way
    if (this.count === this.from.length) this.grow();
    const i = this.count++;
    this.from[i] = this.intern(t.from);
    this.to[i] = this.intern(t.to);
    this.amount[i] = t.amount;
    this.time[i] = t.time;
    this.txs[i] = t.tx;
    this.assets[i] = t.asset;
    this.incoming = undefined;
    this.outgoing = undefined;
  }

  private grow(): void {
    const n = this.from.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.from = copy(this.from, (k) => new Int32Array(k));
    this.to = copy(this.to, (k) => new Int32Array(k));
    this.amount = copy(this.amount, (k) => new Float64Array(k));
    this.time = copy(this.time, (k) => new Float64Array(k));
  }

  /** Edge indices into and out of each address, each list sorted by time; built once, on first query. */
  private index(): { incoming: Int32Array[]; outgoing: Int32Array[] } {
    if (this.incoming && this.outgoing) return { incoming: this.incoming, outgoing: this.outgoing };
    const n = this.names.length;
    const build = (side: Int32Array): Int32Array[] => {
      const counts = new Int32Array(n);
      for (let i = 0; i < this.count; i++) counts[side[i] as number]!++;
      const lists = Array.from(counts, (c) => new Int32Array(c));
      const fill = new Int32Array(n);
      for (let i = 0; i < this.count; i++) {
        const a = side[i] as number;
        (lists[a] as Int32Array)[fill[a]!++] = i;
      }
      for (const list of lists) if (list.length > 1) list.sort((x, y) => (this.time[x] as number) - (this.time[y] as number) || x - y);
      return lists;
    };
    this.incoming = build(this.to);
    this.outgoing = build(this.from);
    return { incoming: this.incoming, outgoing: this.outgoing };
  }

  /** Every edge index, oldest first (ties in insertion order). */
  edgesByTime(): Int32Array {
    const order = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    let sorted = true;
    for (let i = 1; i < this.count && sorted; i++) if ((this.time[i] as number) < (this.time[i - 1] as number)) sorted = false;
    if (!sorted) order.sort((x, y) => (this.time[x] as number) - (this.time[y] as number) || x - y);
    return order;
  }

  incomingOf(id: number): Int32Array {
    return this.index().incoming[id] ?? new Int32Array(0);
  }

  outgoingOf(id: number): Int32Array {
    return this.index().outgoing[id] ?? new Int32Array(0);
  }

  edge(i: number): { from: number; to: number; amount: number; time: number } {
    return { from: this.from[i] as number, to: this.to[i] as number, amount: this.amount[i] as number, time: this.time[i] as number };
  }

  amountOf(i: number): number {
    return this.amount[i] as number;
  }

  timeOf(i: number): number {
    return this.time[i] as number;
  }

  /** The sender (`from`) or the receiver (`to`) of edge `i`. */
  counterpartyOf(i: number, side: 'from' | 'to'): number {
    return (side === 'from' ? this.from[i] : this.to[i]) as number;
  }

  edgeRecord(i: number): Transfer {
    const tx = this.txs[i];
    const asset = this.assets[i];
    return { from: this.name(this.from[i] as number), to: this.name(this.to[i] as number), amount: this.amount[i] as number, time: this.time[i] as number, ...(tx ? { tx } : {}), ...(asset ? { asset } : {}) };
  }

  name(id: number): string {
    return this.names[id] as string;
  }
}
