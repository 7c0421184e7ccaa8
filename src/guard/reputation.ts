/**
 * What the guard knows about an address from the chain itself: whether it holds code, how many blocks ago
 * that code appeared (a search of eth_getCode over the upstream's history, 32 blocks a round trip), and, for each sender,
 * whom it has paid before (from the transactions it signed, never from events others can forge: a
 * poisoner's zero-value transferFrom logs a Transfer "from" the victim).
 */
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { rpc, rpcBatch } from '../chain/rpc/json-rpc.js';

const TRANSFER = keccak256(toHex('Transfer(address,address,uint256)'));
const TRANSFER_SINGLE = keccak256(toHex('TransferSingle(address,address,address,uint256,uint256)'));
/** Blocks asked about in each round of the search for a contract's deployment. */
const SEARCH_POINTS = 32;

export interface ContractInfo {
  isContract: boolean;
  /** First block with code; undefined for an account without code. */
  deployedAt?: number;
}

export class ChainReputation {
  private readonly contracts = new Map<string, ContractInfo>();
  /** sender → addresses it has paid (ETH or tokens) in transactions it signed. */
  private readonly paid = new Map<string, Set<string>>();
  private scannedTo = -1;
  private scanning: Promise<unknown> = Promise.resolve();

  /** `known` gives blocks already read (by the simulator), which the scan does not read again. */
  constructor(
    readonly upstreamUrl: string,
    private readonly known: (n: number) => unknown = () => undefined,
  ) {}

  /** Code and age of `address` (cached: code rarely comes or goes). */
  async contract(address: Address, head: number): Promise<ContractInfo> {
    const key = address.toLowerCase();
    const known = this.contracts.get(key);
    if (known) return known;
    const code = await rpc<Hex>(this.upstreamUrl, 'eth_getCode', [address, toHex(head)]);
    let info: ContractInfo = { isContract: code !== '0x' && code.length > 2 };
    if (info.isContract) info = { isContract: true, deployedAt: await this.firstBlockWithCode(address, head) };
    this.contracts.set(key, info);
    return info;
  }

  /**
   * The first block with code, by a search that asks about SEARCH_POINTS blocks at once (one batch per
   * round): about log32(head) round trips where a binary search would wait for log2(head) of them.
   */
  private async firstBlockWithCode(address: Address, head: number): Promise<number> {
    let lo = 0;
    let hi = head; // code at hi, and the answer is in [lo, hi]
    while (lo < hi) {
      const step = Math.max(1, Math.ceil((hi - lo) / SEARCH_POINTS));
      const points: number[] = [];
      for (let b = lo; b < hi; b += step) points.push(b);
      const codes = await rpcBatch(this.upstreamUrl, points.map((b) => ({ method: 'eth_getCode', params: [address, toHex(b)] })));
      // The first point with code bounds the answer from above; the one before it (no code, or a pruned node
      // that cannot answer, meaning the code is at least that old) from below.
      const first = codes.findIndex((c) => typeof c === 'string' && c !== '0x' && c.length > 2);
      const nextHi = first >= 0 ? (points[first] as number) : hi;
      const nextLo = first > 0 ? (points[first - 1] as number) + 1 : first === 0 ? lo : (points[points.length - 1] as number) + 1;
      if (first === 0) return lo;
      lo = nextLo;
      hi = nextHi;
    }
    return lo;
  }

  /** Reads the sender-signed payments of blocks (scanned, `to`], one scan at a time. */
  scanTo(to: number): Promise<number> {
    const run = () => (to > this.scannedTo ? this.scan(this.scannedTo, to) : Promise.resolve(0));
    const next = this.scanning.then(run, run);
    this.scanning = next.catch(() => undefined);
    return next;
  }

  /** Reads the sender-signed payments of blocks (from, to], in batches. */
  async scan(from: number, to: number): Promise<number> {
    const start = Math.max(from, this.scannedTo) + 1;
    let seen = 0;
    for (let b = start; b <= to; b += 100) {
      const end = Math.min(to, b + 99);
      const numbers: number[] = [];
      for (let n = b; n <= end; n++) numbers.push(n);
      const have = numbers.map((n) => this.known(n));
      const missing = numbers.filter((_, i) => have[i] === undefined);
      const [blocks, logs] = await Promise.all([
        rpcBatch(this.upstreamUrl, missing.map((n) => ({ method: 'eth_getBlockByNumber', params: [toHex(n), true] })), { timeoutMs: 60_000 }).then((got) => [...have.filter((x) => x !== undefined), ...got]),
        rpc<Array<{ topics: Hex[]; transactionHash: Hex; data: Hex }>>(this.upstreamUrl, 'eth_getLogs', [{ fromBlock: toHex(b), toBlock: toHex(end), topics: [[TRANSFER, TRANSFER_SINGLE]] }], { timeoutMs: 60_000 }),
      ]);
      const senderOf = new Map<string, string>();
      for (const block of blocks as Array<{ transactions?: Array<{ hash: Hex; from: Address; to: Address | null; value: Hex }> } | null>) {
        for (const tx of block?.transactions ?? []) {
          senderOf.set(tx.hash.toLowerCase(), tx.from.toLowerCase());
          if (tx.to && BigInt(tx.value) > 0n) this.addPaid(tx.from, tx.to);
          seen++;
        }
      }
      for (const log of logs) {
        const signer = senderOf.get(log.transactionHash.toLowerCase());
        const [t0, t1, t2, t3] = log.topics;
        const [from, to] = t0 === TRANSFER_SINGLE ? [t2, t3] : [t1, t2];
        if (!signer || !from || !to) continue;
        const f = `0x${from.slice(-40)}`;
        // Only payments the sender made itself (it signed the transaction that moved its tokens), with value.
        if (f !== signer) continue;
        if (t0 === TRANSFER && log.topics.length === 3 && BigInt(log.data === '0x' ? 0 : log.data) === 0n) continue;
        this.addPaid(f, `0x${to.slice(-40)}`);
      }
      this.scannedTo = Math.max(this.scannedTo, end);
    }
    return seen;
  }

  /** Records a payment the guard let through (so it counts before the block is scanned). */
  addPaid(from: string, to: string): void {
    const f = from.toLowerCase();
    const set = this.paid.get(f) ?? new Set<string>();
    set.add(to.toLowerCase());
    this.paid.set(f, set);
  }

  hasPaid(from: Address, to: Address): boolean {
    return this.paid.get(from.toLowerCase())?.has(to.toLowerCase()) ?? false;
  }

  get scannedThrough(): number {
    return this.scannedTo;
  }

  /**
   * An address the sender has paid that `to` imitates: the same first `prefix` and last `suffix` hex digits,
   * while the sender never paid `to` itself. Undefined when there is none.
   */
  lookalikeOf(from: Address, to: Address, prefix: number, suffix: number): Address | undefined {
    const paid = this.paid.get(from.toLowerCase());
    const t = to.toLowerCase().slice(2);
    if (!paid || paid.has(`0x${t}`)) return undefined;
    for (const p of paid) {
      const q = p.slice(2);
      if (q !== t && q.slice(0, prefix) === t.slice(0, prefix) && q.slice(40 - suffix) === t.slice(40 - suffix)) return getAddress(p);
    }
    return undefined;
  }
}
