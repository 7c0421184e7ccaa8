/**
 * Runs a transaction on the fork (src/evm/fork.ts) of the upstream's latest state and reads what it does
 * to the sender: ETH (balance before and after, at a zero gas price so the difference is value only),
 * ERC-20, ERC-721 and ERC-1155 movements and the permissions granted (from the events every standard
 * token emits: Transfer, TransferSingle/Batch, Deposit/Withdrawal of WETH, Approval, ApprovalForAll,
 * Permit2's Approval). Each simulation runs in an EVM snapshot and is reverted: the fork stays at the
 * upstream's state, and follows the upstream's new blocks by replaying them (re-forking only when it must).
 */
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { Fork } from '../evm/fork.js';
import { rpcBatch } from '../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../chain/rpc/errors.js';
import type { AssetChange, AssetStandard, Permission } from './types.js';

const topic = (sig: string) => keccak256(toHex(sig));
const T = {
  transfer: topic('Transfer(address,address,uint256)'),
  approval: topic('Approval(address,address,uint256)'),
  approvalForAll: topic('ApprovalForAll(address,address,bool)'),
  transferSingle: topic('TransferSingle(address,address,address,uint256,uint256)'),
  transferBatch: topic('TransferBatch(address,address,address,uint256[],uint256[])'),
  deposit: topic('Deposit(address,uint256)'),
  withdrawal: topic('Withdrawal(address,uint256)'),
  permit2Approval: topic('Approval(address,address,address,uint160,uint48)'),
};

export interface TxRequest {
  from: Address;
  to?: Address;
  data?: Hex;
  value?: bigint;
  gas?: bigint;
}

/** One movement of an asset seen in the simulation's events. */
export interface Movement {
  standard: AssetStandard;
  token: Address;
  from: Address;
  to: Address;
  id?: bigint;
  amount: bigint;
}

export interface SimulationResult {
  /** The transaction ran to its end (status 1). */
  success: boolean;
  /** The revert reason or node message when it did not. */
  error?: string;
  changes: AssetChange[];
  movements: Movement[];
  permissions: Permission[];
  /** ETH the sender ends with minus what it started with (gas excluded). */
  ethDelta: bigint;
  gasUsed?: bigint;
  /** The fork block the simulation ran on. */
  block: number;
  /** ETH of the watched addresses (lower case): before, and the change. */
  watched?: Record<string, { before: bigint; delta: bigint }>;
}

interface Log {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

const word = (data: Hex, i: number): bigint => BigInt(`0x${data.slice(2 + i * 64, 2 + (i + 1) * 64) || '0'}`);
const topicAddress = (t: Hex | undefined): Address => getAddress(`0x${(t ?? '0x').slice(-40).padStart(40, '0')}`);

/** Movements and permissions in a receipt's logs. */
export function readLogs(logs: Log[]): { movements: Movement[]; permissions: Array<Permission & { owner: Address }> } {
  const movements: Movement[] = [];
  const permissions: Array<Permission & { owner: Address }> = [];
  for (const log of logs) {
    const token = getAddress(log.address);
    const [t0, t1, t2, t3] = log.topics;
    if (t0 === T.transfer && log.topics.length === 3) movements.push({ standard: 'ERC20', token, from: topicAddress(t1), to: topicAddress(t2), amount: word(log.data, 0) });
    else if (t0 === T.transfer && log.topics.length === 4) movements.push({ standard: 'ERC721', token, from: topicAddress(t1), to: topicAddress(t2), id: BigInt(t3 as Hex), amount: 1n });
    else if (t0 === T.transferSingle) movements.push({ standard: 'ERC1155', token, from: topicAddress(t2), to: topicAddress(t3), id: word(log.data, 0), amount: word(log.data, 1) });
    else if (t0 === T.transferBatch) {
      // data: offset ids, offset values, then the two arrays
      const idsAt = Number(word(log.data, 0)) / 32;
      const valuesAt = Number(word(log.data, 1)) / 32;
      const n = Number(word(log.data, idsAt));
      for (let i = 0; i < n; i++) movements.push({ standard: 'ERC1155', token, from: topicAddress(t2), to: topicAddress(t3), id: word(log.data, idsAt + 1 + i), amount: word(log.data, valuesAt + 1 + i) });
    } else if (t0 === T.deposit && log.topics.length === 2) movements.push({ standard: 'ERC20', token, from: getAddress('0x0000000000000000000000000000000000000000'), to: topicAddress(t1), amount: word(log.data, 0) });
    else if (t0 === T.withdrawal && log.topics.length === 2) movements.push({ standard: 'ERC20', token, from: topicAddress(t1), to: getAddress('0x0000000000000000000000000000000000000000'), amount: word(log.data, 0) });
    else if (t0 === T.approval && log.topics.length === 3) {
      const amount = word(log.data, 0);
      permissions.push({ kind: 'ERC20-approve', owner: topicAddress(t1), token, spender: topicAddress(t2), amount: amount.toString(), revoked: amount === 0n, source: 'simulation' });
    } else if (t0 === T.approval && log.topics.length === 4) {
      const spender = topicAddress(t2);
      permissions.push({ kind: 'ERC721-approve', owner: topicAddress(t1), token, spender, amount: BigInt(t3 as Hex).toString(), revoked: /^0x0{40}$/iu.test(spender), source: 'simulation' });
    } else if (t0 === T.approvalForAll) permissions.push({ kind: 'approval-for-all', owner: topicAddress(t1), token, spender: topicAddress(t2), revoked: word(log.data, 0) === 0n, source: 'simulation' });
    else if (t0 === T.permit2Approval && log.topics.length === 4) {
      const amount = word(log.data, 0);
      permissions.push({ kind: 'Permit2-allowance', owner: topicAddress(t1), token: topicAddress(t2), spender: topicAddress(t3), amount: amount.toString(), revoked: amount === 0n, source: 'simulation' });
    }
  }
  return { movements, permissions };
}

/** The sender's net changes, asset by asset, with the counterparties each way. */
export function senderChanges(sender: Address, movements: Movement[], ethDelta: bigint, ethTo?: Address): AssetChange[] {
  const s = sender.toLowerCase();
  const byAsset = new Map<string, AssetChange & { net: bigint; parties: Set<Address> }>();
  for (const m of movements) {
    const out = m.from.toLowerCase() === s;
    const inn = m.to.toLowerCase() === s;
    if (out === inn) continue; // not the sender's, or to itself
    const key = `${m.standard}:${m.token}:${m.id ?? ''}`;
    const entry = byAsset.get(key) ?? { standard: m.standard, token: m.token, ...(m.id !== undefined ? { id: m.id.toString() } : {}), amount: '0', counterparties: [], net: 0n, parties: new Set<Address>() };
    entry.net += out ? -m.amount : m.amount;
    entry.parties.add(out ? m.to : m.from);
    byAsset.set(key, entry);
  }
  const changes: AssetChange[] = [];
  if (ethDelta !== 0n) changes.push({ standard: 'ETH', amount: ethDelta.toString(), counterparties: ethTo && ethDelta < 0n ? [ethTo] : [] });
  for (const e of byAsset.values()) {
    if (e.net === 0n) continue;
    changes.push({ standard: e.standard, token: e.token, ...(e.id !== undefined ? { id: e.id } : {}), amount: e.net.toString(), counterparties: [...e.parties] });
  }
  return changes;
}

/** Beyond this many new blocks, a re-fork is cheaper than replaying them. */
const MAX_REPLAY_BLOCKS = 25;
const RECENT_BLOCKS = 64;

interface UpstreamTx {
  hash: Hex;
  from: Address;
  to: Address | null;
  input: Hex;
  value: Hex;
  gas: Hex;
}

export interface UpstreamBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  transactions?: UpstreamTx[];
}

interface Call {
  method: string;
  params: unknown[];
}

/** The transactions that bring the fork to block `to` (replayed in order), with their senders. */
interface CatchUp {
  sends: Array<{ from: Address; call: Call }>;
  to: number;
  hash?: Hex;
}

/** Node messages that mean the transaction itself failed, not the node. */
const TX_FAILED = /revert|VM Exception|invalid opcode|out of gas|insufficient funds|stack (?:over|under)flow|invalid jump|nonce|exceeds/i;

const isBlock = (b: unknown): b is UpstreamBlock => typeof b === 'object' && b !== null && !(b instanceof Error) && typeof (b as UpstreamBlock).hash === 'string';

/**
 * Round trips are what a guarded decision waits for, so the simulator keeps them few: the upstream's head
 * and the block after the fork's come in one batch (`peekHead`); the blocks to replay, the snapshot and the
 * simulated transaction go to the fork in one batch, its receipt and balances in a second; the revert to the
 * snapshot runs after the answer is out, before the next simulation starts (they are serialised).
 */
export class Simulator {
  private queue: Promise<unknown> = Promise.resolve();
  private forkBlock: number;
  /** The upstream's hash of the block the fork stands at (after a replay), to see a reorg under it. */
  private forkHash: Hex | undefined;
  private diverged = false;
  /** Upstream blocks read ahead of their replay (by `peekHead`), by number. */
  private readonly ahead = new Map<number, UpstreamBlock>();
  /** The last RECENT_BLOCKS upstream blocks read, by number. */
  private readonly recent = new Map<number, UpstreamBlock>();
  /** The head in the last answer of the upstream. */
  private lastPeek = -1;
  /** Simulations and syncs queued or running. */
  private busy = 0;
  /** Transactions replayed onto the fork since the last re-fork. */
  replayed = 0;
  /** Re-forks since start. */
  reforks = 0;

  private constructor(
    readonly fork: Fork,
    readonly upstreamUrl: string,
  ) {
    this.forkBlock = fork.state.blockNumber;
  }

  static async start(upstreamUrl: string): Promise<Simulator> {
    return new Simulator(await Fork.start({ upstreamUrl }), upstreamUrl);
  }

  get block(): number {
    return this.forkBlock;
  }

  /** True when no simulation or sync is queued or running. */
  get idle(): boolean {
    return this.busy === 0;
  }

  /**
   * The upstream's head, in one round trip that also reads the blocks a sync will replay in the usual
   * cases: the head block itself and the one after the fork's.
   */
  async peekHead(): Promise<number> {
    const next = this.forkBlock + 1;
    const [latest, block] = await rpcBatch(this.upstreamUrl, [{ method: 'eth_getBlockByNumber', params: ['latest', true] }, { method: 'eth_getBlockByNumber', params: [toHex(next), true] }], { timeoutMs: 10_000 });
    if (latest instanceof Error) throw latest;
    const n = isBlock(latest) ? Number(latest.number) : NaN;
    if (!isBlock(latest) || !Number.isSafeInteger(n)) throw new ArgusError(ERROR_CODES.RPC, 'the upstream answered no latest block');
    this.keep(n, latest);
    if (isBlock(block) && next < n) this.keep(next, block);
    this.lastPeek = n;
    return n;
  }

  private keep(n: number, block: UpstreamBlock): void {
    this.ahead.set(n, block);
    this.recent.set(n, block);
    if (this.recent.size > RECENT_BLOCKS) this.recent.delete(this.recent.keys().next().value as number);
  }

  /** An upstream block this simulator read lately (for the history scan, which needs the same blocks). */
  recentBlock(n: number): UpstreamBlock | undefined {
    return this.recent.get(n);
  }

  /** Runs `fn` alone on the fork (after what is queued); the queue goes on when `tail` (if any) settles. */
  private serial<T>(fn: () => Promise<{ value: T; tail?: Promise<unknown> }>): Promise<T> {
    this.busy += 1;
    const started = this.queue.then(fn, fn);
    this.queue = started.then((r) => r.tail, () => undefined).finally(() => (this.busy -= 1));
    return started.then((r) => r.value);
  }

  /**
   * Brings the fork to the upstream's head; returns the head. A few new blocks are replayed onto the fork
   * (each transaction sent again from its impersonated sender, at a zero gas price): a few milliseconds
   * a block, where a re-fork costs over a hundred, most of it re-reading state from the upstream. A re-fork
   * (exact) happens when the fork is far behind, when the upstream went back or changed a block the fork
   * replayed (a reorg, a reset), or when a replay did not go as it did upstream (the states may differ).
   */
  sync(head?: number): Promise<number> {
    return this.serial(async () => {
      const now = head ?? (await this.peekHead());
      const plan = await this.catchUp(now);
      if (await this.replay(plan)) this.advance(plan);
      else await this.refork(now);
      return { value: now };
    });
  }

  /** Keeps the fork at the upstream's head while nothing else runs (a follower calls it). */
  async follow(): Promise<number | undefined> {
    if (!this.idle) return undefined;
    return this.sync();
  }

  /**
   * What brings the fork to `head`: the replay calls, read from the upstream (those `peekHead` read ahead
   * are not read again). A re-fork, when replaying will not do, is done here and leaves nothing to replay.
   */
  private async catchUp(asked: number): Promise<CatchUp> {
    // A head read before a catch-up that went further (the follower's): the fork's newer state is the one
    // to use. Only a head the upstream still gives now, lower than the fork's, is a rollback.
    const head = asked < this.forkBlock && this.lastPeek >= this.forkBlock && !this.diverged ? this.forkBlock : asked;
    if (head === this.forkBlock && !this.diverged) return { sends: [], to: head, ...(this.forkHash ? { hash: this.forkHash } : {}) };
    if (head < this.forkBlock || head - this.forkBlock > MAX_REPLAY_BLOCKS || this.diverged) {
      await this.refork(head);
      return { sends: [], to: head };
    }
    const missing: number[] = [];
    for (let b = this.forkBlock + 1; b <= head; b++) if (!this.ahead.has(b)) missing.push(b);
    if (missing.length) {
      const got = await rpcBatch(this.upstreamUrl, missing.map((b) => ({ method: 'eth_getBlockByNumber', params: [toHex(b), true] })));
      got.forEach((block, i) => {
        if (isBlock(block)) this.keep(missing[i] as number, block);
      });
    }
    const sends: CatchUp['sends'] = [];
    let parent = this.forkHash;
    for (let b = this.forkBlock + 1; b <= head; b++) {
      const block = this.ahead.get(b);
      // A block missing, or one that does not follow the one replayed before (a reorg): start again from the head.
      if (!block || (parent !== undefined && block.parentHash !== parent)) {
        await this.refork(head);
        return { sends: [], to: head };
      }
      parent = block.hash;
      for (const tx of block.transactions ?? []) {
        sends.push({ from: tx.from, call: { method: 'eth_sendTransaction', params: [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.input, value: tx.value, gas: tx.gas, gasPrice: '0x0' }] } });
      }
    }
    return { sends, to: head, ...(parent ? { hash: parent } : {}) };
  }

  /**
   * Sends the plan's transactions to the fork one after the other. Not as one batch: Hardhat runs a batch's
   * calls concurrently, so a send could overtake the base fee or impersonation meant for it. Only calls
   * whose order does not matter share a batch. False when one did not go through as it did upstream.
   */
  private async replay(plan: CatchUp): Promise<boolean> {
    for (const { from, call } of plan.sends) {
      const prep = await rpcBatch(this.fork.rpcUrl, [{ method: 'hardhat_impersonateAccount', params: [from] }, { method: 'hardhat_setNextBlockBaseFeePerGas', params: ['0x0'] }]);
      if (prep.some((a) => a instanceof Error)) return false;
      const [sent] = await rpcBatch(this.fork.rpcUrl, [call], { timeoutMs: 30_000 });
      if (sent instanceof Error) return false;
    }
    return true;
  }

  /** The replay of `plan` went through: the fork stands at its block. */
  private advance(plan: CatchUp): void {
    this.replayed += plan.sends.length;
    this.forkBlock = plan.to;
    this.forkHash = plan.hash;
    for (const b of this.ahead.keys()) if (b <= plan.to) this.ahead.delete(b);
  }

  private async refork(head: number): Promise<void> {
    await this.fork.reset({ blockNumber: head });
    this.diverged = false;
    this.replayed = 0;
    this.reforks += 1;
    this.forkBlock = head;
    this.forkHash = undefined;
    for (const b of this.ahead.keys()) if (b <= head) this.ahead.delete(b);
  }

  /** One simulation at a time: they share the fork. */
  simulate(tx: TxRequest, head?: number, watch: readonly Address[] = []): Promise<SimulationResult> {
    return this.serial(async () => this.run(tx, head ?? (await this.peekHead()), watch));
  }

  /** Runs `fn` against the fork's URL inside a snapshot (for follow-up checks such as a sell), serialised. */
  withSnapshot<T>(fn: (forkUrl: string) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const snap = await this.fork.request<Hex>('evm_snapshot');
      try {
        return { value: await fn(this.fork.rpcUrl) };
      } finally {
        await this.fork.request('evm_revert', [snap]);
      }
    });
  }

  private async run(tx: TxRequest, head: number, watch: readonly Address[]): Promise<{ value: SimulationResult; tail?: Promise<unknown> }> {
    const plan = await this.catchUp(head);
    if (await this.replay(plan)) this.advance(plan);
    else await this.refork(head); // the replay went otherwise than upstream: the states may differ
    const url = this.fork.rpcUrl;
    // Order-free calls share a batch; the send comes after them (Hardhat runs a batch's calls concurrently).
    const [snap, , , before, ...watchedBefore] = await rpcBatch(url, [
      { method: 'evm_snapshot', params: [] },
      { method: 'hardhat_impersonateAccount', params: [tx.from] },
      { method: 'hardhat_setNextBlockBaseFeePerGas', params: ['0x0'] },
      { method: 'eth_getBalance', params: [tx.from, 'latest'] },
      ...watch.map((a) => ({ method: 'eth_getBalance', params: [a, 'latest'] })),
    ]);
    if (typeof snap !== 'string' || typeof before !== 'string') {
      if (typeof snap === 'string') await this.fork.request('evm_revert', [snap]).catch(() => (this.diverged = true));
      throw new ArgusError(ERROR_CODES.RPC, `the fork refused to prepare the simulation: ${String(snap instanceof Error ? snap.message : before instanceof Error ? before.message : before)}`);
    }
    const [sent] = await rpcBatch(url, [{ method: 'eth_sendTransaction', params: [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.data ?? '0x', value: toHex(tx.value ?? 0n), gas: toHex(tx.gas && tx.gas > 21_000n ? tx.gas : 3_000_000n), gasPrice: '0x0' }] }], { timeoutMs: 30_000 });
    // The fork goes back to the head's state once the answer is out, before anything else runs on it.
    const revert = () => this.fork.request('evm_revert', [snap]).then((ok) => {
      if (ok !== true) this.diverged = true;
    }, () => {
      this.diverged = true; // the next sync re-forks
    });
    try {
      if (sent instanceof RpcAnswerError && TX_FAILED.test(sent.rpcMessage)) return { value: { success: false, error: sent.rpcMessage, changes: [], movements: [], permissions: [], ethDelta: 0n, block: this.forkBlock }, tail: revert() };
      if (sent instanceof Error) throw sent;
      if (typeof sent !== 'string') return { value: { success: false, error: 'no transaction hash', changes: [], movements: [], permissions: [], ethDelta: 0n, block: this.forkBlock }, tail: revert() };
      const [receipt, after, ...watchedAfter] = await rpcBatch(url, [
        { method: 'eth_getTransactionReceipt', params: [sent] },
        { method: 'eth_getBalance', params: [tx.from, 'latest'] },
        ...watch.map((a) => ({ method: 'eth_getBalance', params: [a, 'latest'] })),
      ]);
      const r = receipt as { status: Hex; logs: Log[]; gasUsed: Hex } | null;
      if (!r || typeof after !== 'string') throw new ArgusError(ERROR_CODES.RPC, 'the fork mined no receipt for the simulated transaction');
      const ethDelta = BigInt(after) - BigInt(before);
      if (r.status !== '0x1') return { value: { success: false, error: 'reverted', changes: [], movements: [], permissions: [], ethDelta: 0n, block: this.forkBlock }, tail: revert() };
      const { movements, permissions } = readLogs(r.logs);
      const own = permissions.filter((p) => p.owner.toLowerCase() === tx.from.toLowerCase()).map(({ owner: _o, ...p }) => p);
      const watched: Record<string, { before: bigint; delta: bigint }> = {};
      watch.forEach((a, i) => {
        const b0 = watchedBefore[i];
        const b1 = watchedAfter[i];
        if (typeof b0 === 'string' && typeof b1 === 'string') watched[a.toLowerCase()] = { before: BigInt(b0), delta: BigInt(b1) - BigInt(b0) };
      });
      return { value: { success: true, changes: senderChanges(tx.from, movements, ethDelta, tx.to), movements, permissions: own, ethDelta, gasUsed: BigInt(r.gasUsed), block: this.forkBlock, watched }, tail: revert() };
    } catch (error) {
      await revert();
      throw error;
    }
  }

  stop(): Promise<void> {
    return this.fork.stop();
  }
}
