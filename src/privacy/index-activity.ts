/**
 * The privacy records indexed for the heuristics: value movements between addresses (ether and ERC-20),
 * approvals, mixer deposits and withdrawals, which addresses are externally owned (they sign transactions)
 * and which are services (they deal with very many counterparties: exchanges' hot wallets, relayers,
 * distributors). A service is never linked as a person: sharing an exchange with someone says nothing.
 */
import type { PrivacyTx } from './activity.js';

export interface Movement {
  from: string;
  to: string;
  /** `ETH` or the token's address. */
  asset: string;
  value: bigint;
  time: number;
  block: number;
  tx: string;
}

export interface Approval {
  owner: string;
  spender: string;
  token: string;
  value: bigint;
  time: number;
  tx: string;
}

export interface MixerDeposit {
  pool: string;
  from: string;
  commitment: string;
  time: number;
  block: number;
  tx: string;
  fee: string;
}

export interface MixerWithdrawal {
  pool: string;
  /** The recipient of the note's funds. */
  to: string;
  relayer: string;
  relayerFee: bigint;
  /** Who signed the withdrawal transaction: the relayer, or the user paying gas. */
  sender: string;
  time: number;
  block: number;
  tx: string;
  fee: string;
}

export interface IndexOptions {
  /** Distinct counterparties from which an address counts as a service. */
  serviceDegree: number;
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

export class ActivityIndex {
  readonly movements: Movement[] = [];
  readonly approvals: Approval[] = [];
  readonly deposits: MixerDeposit[] = [];
  readonly withdrawals: MixerWithdrawal[] = [];
  readonly eoas = new Set<string>();
  readonly contracts = new Set<string>();
  /** Pool → denomination in wei (the value of direct deposits), when known. */
  readonly poolDenomination = new Map<string, bigint>();
  /** Fee fingerprint → distinct senders using it. */
  readonly feeSenders = new Map<string, Set<string>>();
  private readonly counterparties = new Map<string, Set<string>>();
  readonly txCount: number;

  constructor(
    records: readonly PrivacyTx[],
    readonly options: IndexOptions = { serviceDegree: 15 },
  ) {
    this.txCount = records.length;
    for (const r of records) {
      this.eoas.add(r.from);
      if (r.created) this.contracts.add(r.created);
      if (!this.feeSenders.has(r.fee)) this.feeSenders.set(r.fee, new Set());
      this.feeSenders.get(r.fee)?.add(r.from);
      const value = BigInt(r.value);
      const isDeposit = r.events.some((e) => e.kind === 'mixer-deposit');
      if (value > 0n && r.to && !isDeposit) this.move({ from: r.from, to: r.to, asset: 'ETH', value, time: r.time, block: r.block, tx: r.hash });
      for (const e of r.events) {
        if (e.kind === 'transfer') {
          this.contracts.add(e.token);
          if (e.from !== ZERO_ADDRESS && e.to !== ZERO_ADDRESS && e.from !== e.to) this.move({ from: e.from, to: e.to, asset: e.token, value: BigInt(e.value), time: r.time, block: r.block, tx: r.hash });
          else if (e.from === ZERO_ADDRESS) this.movements.push({ from: e.from, to: e.to, asset: e.token, value: BigInt(e.value), time: r.time, block: r.block, tx: r.hash });
        } else if (e.kind === 'approval') {
          this.contracts.add(e.token);
          this.approvals.push({ owner: e.owner, spender: e.spender, token: e.token, value: BigInt(e.value), time: r.time, tx: r.hash });
        } else if (e.kind === 'mixer-deposit') {
          this.contracts.add(e.pool);
          this.deposits.push({ pool: e.pool, from: r.from, commitment: e.commitment, time: r.time, block: r.block, tx: r.hash, fee: r.fee });
          if (r.to === e.pool && value > 0n && !this.poolDenomination.has(e.pool)) this.poolDenomination.set(e.pool, value);
        } else {
          this.contracts.add(e.pool);
          this.withdrawals.push({ pool: e.pool, to: e.to, relayer: e.relayer, relayerFee: BigInt(e.fee), sender: r.from, time: r.time, block: r.block, tx: r.hash, fee: r.fee });
        }
      }
    }
  }

  private move(m: Movement): void {
    this.movements.push(m);
    this.touch(m.from, m.to);
  }

  private touch(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let set = this.counterparties.get(x);
      if (!set) this.counterparties.set(x, (set = new Set()));
      set.add(y);
    }
  }

  degree(address: string): number {
    return this.counterparties.get(address)?.size ?? 0;
  }

  /** An exchange wallet, a relayer, a distributor: too many counterparties to say anything about a person. */
  isService(address: string): boolean {
    return this.degree(address) >= this.options.serviceDegree || this.contracts.has(address) || address === ZERO_ADDRESS;
  }

  /** Mixer pools seen (by their events). */
  get pools(): string[] {
    return [...new Set([...this.deposits.map((d) => d.pool), ...this.withdrawals.map((w) => w.pool)])];
  }

  /** Relayers: withdrawal senders that are not the recipient and took a fee, or that sent for several recipients. */
  isRelayed(w: MixerWithdrawal): boolean {
    return w.sender !== w.to && (w.relayerFee > 0n || w.relayer === w.sender);
  }
}
