/**
 * `BlockStream`: follows an EVM chain over JSON-RPC and hands each block, in order, with its
 * transactions, receipts and decoded token/DEX events to an async consumer.
 *
 * - Back-pressure: the consumer is awaited; at most `prefetch` blocks are being fetched ahead of it.
 * - Exactly once in the store: after the consumer returns, the items it returned, the block's hash and
 *   the checkpoint are committed in one transaction. A restart resumes after the checkpoint. A block
 *   whose consumer call finished but whose commit did not (crash in between) is delivered again, so side
 *   effects outside the store should be idempotent (keyed on the block hash).
 * - Reorgs: a block whose parent hash is not the last processed hash, or a head that moved back or
 *   changed, starts a walk back over the stored recent hashes to the common ancestor; `onReorg` gets the
 *   dropped blocks, the store forgets them and their items, and the new branch is delivered.
 * - Faults: every RPC call is retried with backoff and jitter and fails over to the next URL (`RpcPool`).
 * - WebSocket: the new-heads subscription only wakes the loop up; polling goes on beside it. When the
 *   socket drops, the stream polls (every block is still fetched by number) and subscribes again with
 *   backoff and jitter until the socket is back; `stats.subscriptions` counts the subscriptions made.
 */
import { formatTransactionReceipt, type Block, type Hex, type PublicClient, type Transaction, type TransactionReceipt } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { BlockRef, CheckpointStore, StoreItem } from '../../store/store.js';
import { decodeBlock, type DecodedEvent } from './decode.js';
import { isWebSocketUrl, RpcPool, type RetryOptions, type RpcFailure } from '../rpc/pool.js';
import { backoffDelay, sleep, StoppedError } from '../rpc/retry.js';

export type StreamBlockData = Block<bigint, true, 'latest'>;

export interface StreamBlock {
  block: StreamBlockData;
  transactions: Transaction[];
  /** Same order as `transactions`. */
  receipts: TransactionReceipt[];
  decoded: DecodedEvent[];
}

export interface ReorgEvent {
  /** Blocks the stream had delivered that are no longer canonical, oldest first. */
  dropped: BlockRef[];
  /** The newest block both branches share; the stream goes on from the block after it. */
  ancestor: BlockRef;
}

export interface BlockStreamOptions {
  /** Checkpoint key in the store; one per chain and consumer. */
  id: string;
  /** JSON-RPC endpoints (http(s):// or ws(s)://); the first is preferred, the others are fail-overs. */
  rpcUrls: readonly string[];
  store: CheckpointStore;
  /** First block when the store has no checkpoint. Default: the current head. */
  fromBlock?: bigint;
  /** Stop (resolve `run()`) after delivering this block. Default: follow forever. */
  toBlock?: bigint;
  onBlock: (block: StreamBlock) => Promise<readonly StoreItem[] | void> | readonly StoreItem[] | void;
  onReorg?: (event: ReorgEvent) => Promise<void> | void;
  /** Every failed RPC attempt (it is retried). */
  onRpcFailure?: (failure: RpcFailure) => void;
  /**
   * How often to ask for the head when caught up. Default 1,000 ms; ~50 ms on a devnet. With a ws(s)://
   * endpoint the stream also subscribes to new heads and wakes at once; polling stays as the safety net.
   */
  pollingIntervalMs?: number;
  /** Blocks fetched ahead of the consumer. Default 8. */
  prefetch?: number;
  /** Block hashes kept for reorg detection; a deeper reorg stops the stream with ARGUS_STREAM. Default 128. */
  keepBlocks?: number;
  requestTimeoutMs?: number;
  retry?: RetryOptions;
  logger?: Logger;
}

export interface BlockStreamStats {
  blocks: number;
  transactions: number;
  decoded: number;
  reorgs: number;
  droppedBlocks: number;
  rpcFailures: number;
  /** New-heads subscriptions established (the first one, then one per re-subscription after a drop). */
  subscriptions: number;
}

interface Fetched {
  block: StreamBlockData;
  receipts: TransactionReceipt[];
}

export class BlockStream {
  readonly id: string;
  readonly stats: BlockStreamStats = { blocks: 0, transactions: 0, decoded: 0, reorgs: 0, droppedBlocks: 0, rpcFailures: 0, subscriptions: 0 };
  private readonly options: BlockStreamOptions;
  private readonly rpc: RpcPool;
  private readonly abort = new AbortController();
  private readonly prefetch: number;
  private readonly keep: number;
  private readonly pollMs: number;
  private running: Promise<void> | null = null;
  private last: BlockRef | null = null;
  /** number -> hash of the recent delivered blocks (mirrors the store). */
  private readonly recent = new Map<bigint, { hash: Hex; parentHash: Hex }>();
  /** Whether the endpoint answers eth_getBlockReceipts; learnt on first use. */
  private blockReceipts: boolean | undefined;
  private wake: (() => void) | null = null;
  private woken = false;
  private unwatch: (() => void) | null = null;
  /** Bumped on every (re)subscription attempt and on close: callbacks of an older attempt are ignored. */
  private subscriptionGen = 0;
  private subscriptionFailures = 0;
  private subscriptionClosed = false;
  private resubscribeTimer: ReturnType<typeof setTimeout> | null = null;
  private subscribeTimeout: ReturnType<typeof setTimeout> | null = null;
  private subscribing: Promise<void> | null = null;

  constructor(options: BlockStreamOptions) {
    this.options = options;
    this.id = options.id;
    this.prefetch = Math.max(1, options.prefetch ?? 8);
    this.keep = Math.max(2, options.keepBlocks ?? 128);
    this.pollMs = options.pollingIntervalMs ?? 1_000;
    this.rpc = new RpcPool({
      urls: options.rpcUrls,
      timeoutMs: options.requestTimeoutMs,
      retry: options.retry,
      onFailure: (f) => {
        this.stats.rpcFailures++;
        options.logger?.warn(`RPC ${f.method} failed on ${f.url} (attempt ${f.attempt}); retrying in ${f.delayMs} ms`, { error: f.error.message.split('\n')[0] });
        options.onRpcFailure?.(f);
      },
    });
  }

  /** The last block delivered and committed. */
  get checkpoint(): BlockRef | null {
    return this.last;
  }

  /** Starts following; resolves when stopped or past `toBlock`, rejects on a fatal error. */
  run(): Promise<void> {
    if (!this.running) this.running = this.loop();
    return this.running;
  }

  /** Finishes the block being consumed (and commits it), then stops. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    try {
      await this.running;
    } finally {
      this.closeSubscription();
      // Closing the sockets settles an eth_subscribe still in flight; none is started after closeSubscription.
      await this.rpc.close();
      await this.subscribing;
    }
  }

  /** New-heads subscription on the first WebSocket endpoint: only a wake-up call, the fetch path is the same. */
  private subscribe(): void {
    const index = this.rpc.urls.findIndex(isWebSocketUrl);
    if (index < 0 || this.subscriptionClosed || this.signal.aborted) return;
    const gen = ++this.subscriptionGen;
    const stale = () => gen !== this.subscriptionGen || this.subscriptionClosed || this.signal.aborted;
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    const clearTimer = () => {
      if (this.subscribeTimeout) clearTimeout(this.subscribeTimeout);
      this.subscribeTimeout = null;
    };
    /** `hung`: no answer in time, the socket may be half-open; else it is dropped only if it is closed. */
    const lost = (error: unknown, hung = false) => {
      if (stale()) return;
      clearTimer();
      this.subscriptionGen++;
      this.unwatch = null; // the socket is gone, and the subscription with it
      this.rpc.dropSocket(index, hung);
      const delayMs = backoffDelay(this.subscriptionFailures++, this.options.retry?.baseDelayMs ?? 100, this.options.retry?.maxDelayMs ?? 5_000);
      const message = error instanceof Error ? error.message.split('\n')[0] : String((error as { message?: unknown } | undefined)?.message ?? error);
      this.options.logger?.warn(`new-heads subscription lost; polling goes on, subscribing again in ${delayMs} ms`, { error: message });
      this.resubscribeTimer = setTimeout(() => {
        this.resubscribeTimer = null;
        this.subscribe();
      }, delayMs);
      this.notify(); // heads may have been missed: look now
    };
    clearTimer();
    this.subscribeTimeout = setTimeout(() => lost(new Error(`eth_subscribe timed out after ${timeoutMs} ms`), true), timeoutMs);
    const transport = this.rpc.clients[index]?.transport as unknown as {
      subscribe(args: { params: ['newHeads']; onData: () => void; onError: (error: unknown) => void }): Promise<{ unsubscribe(): Promise<unknown> }>;
    };
    const attempt = async (): Promise<void> => {
      await this.rpc.openSocket(index);
      // Checked right before subscribing: once closed, nothing may open a socket again (viem would).
      if (stale()) return;
      const subscription = await transport.subscribe({
        params: ['newHeads'],
        onData: () => {
          if (gen === this.subscriptionGen) this.notify();
        },
        onError: (error) => lost(error),
      });
      const unsubscribe = () => void subscription.unsubscribe().catch(() => undefined);
      if (stale()) return unsubscribe();
      clearTimer();
      this.unwatch = unsubscribe;
      this.subscriptionFailures = 0;
      this.stats.subscriptions++;
      if (this.stats.subscriptions > 1) this.options.logger?.info('new-heads subscription re-established', { streamId: this.id });
      this.notify(); // blocks may have come while there was no subscription
    };
    const running: Promise<void> = attempt()
      .catch((error: unknown) => lost(error))
      .finally(() => {
        if (this.subscribing === running) this.subscribing = null;
      });
    this.subscribing = running;
  }

  /** Ends the subscription for good: no re-subscription, no pending timer. */
  private closeSubscription(): void {
    this.subscriptionClosed = true;
    this.subscriptionGen++;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = null;
    if (this.subscribeTimeout) clearTimeout(this.subscribeTimeout);
    this.subscribeTimeout = null;
    this.unwatch?.();
    this.unwatch = null;
  }

  private notify(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  private get signal(): AbortSignal {
    return this.abort.signal;
  }

  private async loop(): Promise<void> {
    const { store, id } = this.options;
    try {
      this.last = await store.getCheckpoint(id);
      for (const b of await store.recentBlocks(id, this.keep)) this.recent.set(b.number, { hash: b.hash, parentHash: b.parentHash });
      let next = this.last ? this.last.number + 1n : (this.options.fromBlock ?? (await this.head()));
      this.subscribe();
      const to = this.options.toBlock;
      while (!this.signal.aborted) {
        if (to !== undefined && next > to) return;
        const head = await this.head();
        if (this.last && head <= this.last.number) {
          // Nothing new; check that the tip we know is still canonical (a reorg may shorten the chain).
          if (await this.tipChanged(head)) next = await this.handleReorg();
          else await this.idle();
          continue;
        }
        next = await this.deliverRange(next, to !== undefined && to < head ? to : head);
      }
    } catch (error) {
      if (error instanceof StoppedError || this.signal.aborted) return;
      throw error;
    } finally {
      this.wake = null;
      this.closeSubscription();
    }
  }

  private head(): Promise<bigint> {
    return this.rpc.call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }), this.signal);
  }

  private async idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await Promise.race([sleep(this.pollMs, this.signal), new Promise<void>((r) => (this.wake = r))]).catch(() => undefined);
    this.wake = null;
    this.woken = false;
  }

  private async tipChanged(head: bigint): Promise<boolean> {
    const last = this.last as BlockRef;
    if (head < last.number) return true;
    const stored = this.recent.get(head);
    if (stored === undefined) return false;
    const canonical = await this.header(head);
    return canonical === null || canonical !== stored.hash;
  }

  /** Delivers blocks from..to in order with a bounded prefetch; returns the next block to fetch. */
  private async deliverRange(from: bigint, to: bigint): Promise<bigint> {
    const queue: { n: bigint; fetched: Promise<Fetched | null> }[] = [];
    let fetchNext = from;
    const fill = () => {
      while (queue.length < this.prefetch && fetchNext <= to && !this.signal.aborted) {
        const fetched = this.fetchBlock(fetchNext);
        fetched.catch(() => undefined); // abandoned on reorg or stop; the error surfaces when awaited
        queue.push({ n: fetchNext, fetched });
        fetchNext++;
      }
    };
    fill();
    let next = from;
    while (queue.length > 0) {
      const item = queue.shift() as { n: bigint; fetched: Promise<Fetched | null> };
      fill();
      const fetched = await item.fetched;
      if (fetched === null) return next; // not there (any more): ask for the head again
      if (this.last && fetched.block.parentHash !== this.last.hash) return this.handleReorg();
      await this.deliver(fetched);
      next = item.n + 1n;
      if (this.signal.aborted) break;
    }
    return next;
  }

  private async deliver({ block, receipts }: Fetched): Promise<void> {
    const transactions = block.transactions as Transaction[];
    const decoded = decodeBlock(transactions, receipts);
    const items = (await this.options.onBlock({ block, transactions, receipts, decoded })) ?? [];
    const ref = { number: block.number, hash: block.hash };
    await this.options.store.commitBlock(this.id, { ...ref, parentHash: block.parentHash }, items, this.keep);
    this.last = ref;
    this.recent.set(ref.number, { hash: ref.hash, parentHash: block.parentHash });
    this.recent.delete(ref.number - BigInt(this.keep));
    this.stats.blocks++;
    this.stats.transactions += transactions.length;
    this.stats.decoded += decoded.length;
  }

  /** Walks back to the common ancestor, reports and forgets the dropped blocks; returns the next block. */
  private async handleReorg(): Promise<bigint> {
    const last = this.last as BlockRef;
    const dropped: BlockRef[] = [];
    let n = last.number;
    let ancestor: BlockRef | null = null;
    while (ancestor === null) {
      // Below the oldest kept block, its parent hash is the last one known.
      const stored = this.recent.get(n)?.hash ?? this.recent.get(n + 1n)?.parentHash;
      if (stored === undefined || n < 0n) {
        throw new ArgusError(ERROR_CODES.STREAM, `reorg deeper than the ${this.keep} blocks kept: no common ancestor at or above block ${n + 1n}`, { streamId: this.id, block: String(n) });
      }
      const canonical = await this.header(n);
      if (canonical === stored) ancestor = { number: n, hash: stored };
      else if (!this.recent.has(n)) {
        throw new ArgusError(ERROR_CODES.STREAM, `reorg deeper than the blocks kept: block ${n} changed too`, { streamId: this.id, block: String(n) });
      } else {
        dropped.unshift({ number: n, hash: stored });
        n--;
      }
    }
    if (dropped.length === 0) return last.number + 1n;
    this.options.logger?.warn(`reorg: ${dropped.length} block(s) dropped after ${ancestor.number}`, { streamId: this.id });
    // Tell the consumer first: a crash before the rewind finds the same reorg again on restart.
    await this.options.onReorg?.({ dropped, ancestor });
    await this.options.store.rewind(this.id, ancestor);
    for (const d of dropped) this.recent.delete(d.number);
    this.last = ancestor;
    this.stats.reorgs++;
    this.stats.droppedBlocks += dropped.length;
    return ancestor.number + 1n;
  }

  /** Canonical hash of block `n`, or null when the chain is shorter. */
  private async header(n: bigint): Promise<Hex | null> {
    const raw = await this.rpc.call('eth_getBlockByNumber', (c) => c.request({ method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, false] }), this.signal);
    return raw ? (raw.hash as Hex) : null;
  }

  private async fetchBlock(n: bigint): Promise<Fetched | null> {
    const block = (await this.rpc.call(
      'eth_getBlockByNumber',
      (c) =>
        c.getBlock({ blockNumber: n, includeTransactions: true }).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'BlockNotFoundError') return null;
          throw error;
        }),
      this.signal,
    )) as StreamBlockData | null;
    if (block === null) return null;
    const receipts = await this.fetchReceipts(block);
    if (receipts.length !== block.transactions.length || receipts.some((r) => r.blockHash !== block.hash)) return null; // reorg under us
    return { block, receipts };
  }

  private async fetchReceipts(block: StreamBlockData): Promise<TransactionReceipt[]> {
    if (block.transactions.length === 0) return [];
    if (this.blockReceipts !== false) {
      try {
        const raw = await this.rpc.call('eth_getBlockReceipts', (c) => c.request({ method: 'eth_getBlockReceipts', params: [block.hash] } as never), this.signal);
        this.blockReceipts = true;
        if (!Array.isArray(raw)) return [];
        const receipts = (raw as Parameters<typeof formatTransactionReceipt>[0][]).map((r) => formatTransactionReceipt(r));
        receipts.sort((a, b) => a.transactionIndex - b.transactionIndex);
        return receipts;
      } catch (error) {
        if (this.blockReceipts === true || error instanceof StoppedError) throw error;
        this.blockReceipts = false;
        this.options.logger?.info('eth_getBlockReceipts is not available; fetching receipts one by one');
      }
    }
    return Promise.all(
      (block.transactions as Transaction[]).map((tx) => this.rpc.call('eth_getTransactionReceipt', (c: PublicClient) => c.getTransactionReceipt({ hash: tx.hash }), this.signal)),
    );
  }
}
