/**
 * The chain history a monitor keeps in memory, learnt only from the blocks it is shown (background
 * traffic included, never scenario ground truth): when each address was first seen and how many
 * transactions it sent, which contracts were deployed by whom, Uniswap V2 pools and their reserves,
 * ERC-20 balances and supplies (exact when the stream starts at genesis), and who sent ETH to contracts.
 */
import type { Hex } from 'viem';
import type { DecodedEvent } from '../chain/stream/decode.js';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import { decodeValue, encodeValue } from './codec.js';

/** One transaction with its receipt and its decoded events, addresses in lower case. */
export interface TxView {
  blockNumber: bigint;
  hash: Hex;
  index: number;
  from: string;
  /** null for a contract creation. */
  to: string | null;
  value: bigint;
  input: Hex;
  status: 'success' | 'reverted';
  contractAddress: string | null;
  events: DecodedEvent[];
}

export interface Erc20Transfer {
  token: string;
  from: string;
  to: string;
  value: bigint;
  logIndex: number;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/** The ERC-20 transfers of a transaction, lower case. */
export function transfersOf(tx: TxView): Erc20Transfer[] {
  const out: Erc20Transfer[] = [];
  for (const e of tx.events) {
    if (e.standard !== 'erc20' || e.event !== 'Transfer') continue;
    out.push({ token: e.address.toLowerCase(), from: String(e.args.from).toLowerCase(), to: String(e.args.to).toLowerCase(), value: e.args.value as bigint, logIndex: e.logIndex ?? 0 });
  }
  return out;
}

export function txViews(b: StreamBlock): TxView[] {
  const byTx = new Map<string, DecodedEvent[]>();
  for (const e of b.decoded) {
    const list = byTx.get(e.transactionHash);
    if (list) list.push(e);
    else byTx.set(e.transactionHash, [e]);
  }
  return b.transactions.map((t, i) => {
    const r = b.receipts[i];
    return {
      blockNumber: b.block.number,
      hash: t.hash,
      index: i,
      from: t.from.toLowerCase(),
      to: t.to ? t.to.toLowerCase() : null,
      value: t.value,
      input: t.input,
      status: r?.status ?? 'success',
      contractAddress: r?.contractAddress ? r.contractAddress.toLowerCase() : null,
      events: byTx.get(t.hash) ?? [],
    };
  });
}

const SNAPSHOT_VERSION = 1;
const SEP = '|';
/** The maps of plain entries (address or token → value) an incremental snapshot keeps one part per entry of. */
const ENTRY_FIELDS = ['firstSeen', 'sent', 'contracts', 'reserves', 'supply', 'firstMintTo'] as const;

export class ChainState {
  readonly firstSeen = new Map<string, bigint>();
  readonly sent = new Map<string, number>();
  readonly contracts = new Map<string, { deployer: string; block: bigint }>();
  readonly pools = new Set<string>();
  readonly reserves = new Map<string, [bigint, bigint]>();
  /** token -> holder -> balance (from Transfer events). */
  readonly balances = new Map<string, Map<string, bigint>>();
  readonly supply = new Map<string, bigint>();
  /** The first address a token was minted to (its deployer or owner, usually). */
  readonly firstMintTo = new Map<string, string>();
  /** Contract -> distinct senders of top-level ETH to it. */
  readonly ethSenders = new Map<string, Set<string>>();
  /** Tokens that wrap ether (they emitted WETH9's Deposit or Withdrawal): worth one ether each. */
  readonly wrappedEth = new Set<string>();
  transactions = 0;
  /**
   * With `trackChanges()`: the entries `learn` changed since the last `takeChangedParts()`, as part names
   * (`<field>\u0000<key>`, balances `balances\u0000<token>\u0000<holder>`), so an incremental snapshot
   * writes those entries only, not the whole history, at every block.
   */
  private changed: Set<string> | null = null;

  /** Starts recording which entries `learn` changes (see `takeChangedParts`). */
  trackChanges(): void {
    this.changed ??= new Set();
  }

  private mark(field: string, key: string): void {
    this.changed?.add(field + SEP + key);
  }

  /** The part of one entry (its JSON), or null when the entry no longer exists. */
  private partOf(name: string): string | null {
    const [field, key, inner] = name.split(SEP) as [string, string, string | undefined];
    const value =
      field === 'balances'
        ? this.balances.get(key)?.get(inner ?? '')
        : field === 'ethSenders'
          ? this.ethSenders.get(key)?.has(inner ?? '') || undefined
        : field === 'pools'
          ? this.pools.has(key) || undefined
          : field === 'wrappedEth'
            ? this.wrappedEth.has(key) || undefined
            : (this[field as 'firstSeen'] as Map<string, unknown> | undefined)?.get(key);
    return value === undefined ? null : JSON.stringify(encodeValue(value));
  }

  /** The entries changed since the last call, as parts (name → JSON, null: gone); empties the record. */
  takeChangedParts(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    if (!this.changed) return out;
    for (const name of this.changed) out.set(name, this.partOf(name));
    this.changed.clear();
    return out;
  }

  /** Every entry as a part (a whole incremental snapshot). */
  allParts(): Map<string, string> {
    const out = new Map<string, string>();
    const put = (field: string, key: string, value: unknown) => out.set(field + SEP + key, JSON.stringify(encodeValue(value)));
    for (const field of ENTRY_FIELDS) for (const [k, v] of this[field] as Map<string, unknown>) put(field, k, v);
    for (const p of this.pools) put('pools', p, true);
    for (const t of this.wrappedEth) put('wrappedEth', t, true);
    for (const [token, holders] of this.balances) for (const [h, v] of holders) put('balances', token + SEP + h, v);
    // One part per (contract, sender): a popular contract's senders grow with the chain, and written as one
    // set they made every save after it larger (23 MB of a worker's saves per 30,000 transactions).
    for (const [contract, senders] of this.ethSenders) for (const from of senders) put('ethSenders', contract + SEP + from, true);
    this.changed?.clear();
    return out;
  }

  /** Replaces the contents with `parts` (as `allParts()` or the changes on top of it gave them). */
  loadParts(parts: ReadonlyMap<string, string>, transactions: number): void {
    for (const m of [this.firstSeen, this.sent, this.contracts, this.pools, this.reserves, this.balances, this.supply, this.firstMintTo, this.ethSenders, this.wrappedEth]) m.clear();
    for (const [name, json] of parts) {
      const [field, key, inner] = name.split(SEP) as [string, string, string | undefined];
      const value = decodeValue(JSON.parse(json));
      if (field === 'pools') this.pools.add(key);
      else if (field === 'wrappedEth') this.wrappedEth.add(key);
      else if (field === 'balances') {
        let bal = this.balances.get(key);
        if (!bal) this.balances.set(key, (bal = new Map()));
        bal.set(inner ?? '', value as bigint);
      } else if (field === 'ethSenders') {
        let senders = this.ethSenders.get(key);
        if (!senders) this.ethSenders.set(key, (senders = new Set()));
        // A part from before one per sender holds the whole set.
        if (inner === undefined) for (const from of value as Set<string>) senders.add(from);
        else senders.add(inner);
      } else if ((ENTRY_FIELDS as readonly string[]).includes(field)) (this[field as 'firstSeen'] as Map<string, unknown>).set(key, value);
    }
    this.transactions = transactions;
    this.changed?.clear();
  }

  /** The state as JSON (bigints as tagged strings, maps and sets as entry lists); see `ChainState.restore`. */
  snapshot(): string {
    return JSON.stringify({
      version: SNAPSHOT_VERSION,
      transactions: this.transactions,
      firstSeen: encodeValue(this.firstSeen),
      sent: encodeValue(this.sent),
      contracts: encodeValue(this.contracts),
      pools: encodeValue(this.pools),
      reserves: encodeValue(this.reserves),
      balances: encodeValue(this.balances),
      supply: encodeValue(this.supply),
      firstMintTo: encodeValue(this.firstMintTo),
      ethSenders: encodeValue(this.ethSenders),
      wrappedEth: encodeValue(this.wrappedEth),
    });
  }

  /** A state equal to the one `snapshot()` was taken of. */
  static restore(json: string): ChainState {
    const s = new ChainState();
    s.load(json);
    return s;
  }

  /** Replaces this state's contents with a snapshot's (for holders of a reference, such as the engine). */
  load(json: string): void {
    const o = JSON.parse(json) as Record<string, unknown>;
    if (o.version !== SNAPSHOT_VERSION) throw new Error(`unsupported ChainState snapshot version: ${String(o.version)}`);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const s = this;
    for (const m of [s.firstSeen, s.sent, s.contracts, s.pools, s.reserves, s.balances, s.supply, s.firstMintTo, s.ethSenders]) m.clear();
    const fill = <K, V>(target: Map<K, V>, key: string) => {
      for (const [k, v] of decodeValue(o[key]) as Map<K, V>) target.set(k, v);
    };
    fill(s.firstSeen, 'firstSeen');
    fill(s.sent, 'sent');
    fill(s.contracts, 'contracts');
    for (const p of decodeValue(o.pools) as Set<string>) s.pools.add(p);
    fill(s.reserves, 'reserves');
    fill(s.balances, 'balances');
    fill(s.supply, 'supply');
    fill(s.firstMintTo, 'firstMintTo');
    fill(s.ethSenders, 'ethSenders');
    s.wrappedEth.clear();
    // Absent from snapshots taken before wrapped ether was tracked: learnt again from the next wraps.
    if (o.wrappedEth !== undefined) for (const t of decodeValue(o.wrappedEth) as Set<string>) s.wrappedEth.add(t);
    s.transactions = Number(o.transactions);
  }

  seen(address: string, block: bigint): void {
    if (address === ZERO) return;
    if (!this.firstSeen.has(address)) {
      this.firstSeen.set(address, block);
      this.mark('firstSeen', address);
    }
  }

  /** Blocks since the address was first seen (Infinity-like large when never seen: -1). */
  age(address: string, block: bigint): number {
    const f = this.firstSeen.get(address);
    return f === undefined ? -1 : Number(block - f);
  }

  balance(token: string, holder: string): bigint {
    return this.balances.get(token)?.get(holder) ?? 0n;
  }

  isContract(address: string): boolean {
    return this.contracts.has(address) || this.pools.has(address);
  }

  /** Learns from one transaction (after the detectors have looked at it). */
  learn(tx: TxView): void {
    this.transactions++;
    const b = tx.blockNumber;
    this.seen(tx.from, b);
    this.sent.set(tx.from, (this.sent.get(tx.from) ?? 0) + 1);
    this.mark('sent', tx.from);
    if (tx.to) this.seen(tx.to, b);
    if (tx.contractAddress && tx.status === 'success') {
      this.contracts.set(tx.contractAddress, { deployer: tx.from, block: b });
      this.mark('contracts', tx.contractAddress);
      this.seen(tx.contractAddress, b);
    }
    if (tx.status !== 'success') return;
    // Ether paid for something the contract hands back in the same transaction (an NFT mint, a token sale)
    // is a purchase, not a deposit of funds the contract holds for the sender.
    const bought = tx.to !== null && tx.events.some((e) => (e.standard === 'erc721' || e.standard === 'erc20' || e.standard === 'erc1155') && e.event.startsWith('Transfer') && String(e.args.to).toLowerCase() === tx.from);
    if (tx.to && tx.value > 0n && this.isContract(tx.to) && !bought) {
      const s = this.ethSenders.get(tx.to) ?? new Set<string>();
      if (!s.has(tx.from)) {
        s.add(tx.from);
        this.mark('ethSenders', tx.to + SEP + tx.from);
      }
      this.ethSenders.set(tx.to, s);
    }
    for (const e of tx.events) {
      if (e.standard === 'uniswap-v2') {
        const pool = e.address.toLowerCase();
        if (!this.pools.has(pool)) {
          this.pools.add(pool);
          this.mark('pools', pool);
        }
        if (e.event === 'Sync') {
          this.reserves.set(pool, [e.args.reserve0 as bigint, e.args.reserve1 as bigint]);
          this.mark('reserves', pool);
        }
      }
    }
    for (const e of tx.events) {
      if (e.standard !== 'weth') continue;
      // WETH9 emits no Transfer for a wrap or an unwrap: its balances move by Deposit and Withdrawal.
      const token = e.address.toLowerCase();
      if (!this.wrappedEth.has(token)) {
        this.wrappedEth.add(token);
        this.mark('wrappedEth', token);
      }
      let bal = this.balances.get(token);
      if (!bal) this.balances.set(token, (bal = new Map()));
      const wad = e.args.wad as bigint;
      // Every entry changed is marked, so that an incremental snapshot (a restart) keeps the wraps.
      const holder = String(e.event === 'Deposit' ? e.args.dst : e.args.src).toLowerCase();
      const sign = e.event === 'Deposit' ? 1n : -1n;
      bal.set(holder, (bal.get(holder) ?? 0n) + sign * wad);
      this.mark('balances', token + SEP + holder);
      this.supply.set(token, (this.supply.get(token) ?? 0n) + sign * wad);
      this.mark('supply', token);
    }
    for (const t of transfersOf(tx)) {
      this.seen(t.from, b);
      this.seen(t.to, b);
      let bal = this.balances.get(t.token);
      if (!bal) this.balances.set(t.token, (bal = new Map()));
      if (t.from === ZERO) {
        this.supply.set(t.token, (this.supply.get(t.token) ?? 0n) + t.value);
        this.mark('supply', t.token);
        if (!this.firstMintTo.has(t.token)) {
          this.firstMintTo.set(t.token, t.to);
          this.mark('firstMintTo', t.token);
        }
      } else {
        bal.set(t.from, (bal.get(t.from) ?? 0n) - t.value);
        this.mark('balances', t.token + SEP + t.from);
      }
      if (t.to === ZERO) {
        this.supply.set(t.token, (this.supply.get(t.token) ?? 0n) - t.value);
        this.mark('supply', t.token);
      } else {
        bal.set(t.to, (bal.get(t.to) ?? 0n) + t.value);
        this.mark('balances', t.token + SEP + t.to);
      }
    }
  }
}
