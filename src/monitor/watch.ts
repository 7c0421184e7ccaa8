/**
 * `watch`: the monitor wired end to end. A `BlockStream` (checkpointed in the SQLite store) feeds the
 * `MonitorEngine`; each finding, and each incident a block escalates (`MonitorEngine.escalations`),
 * becomes an `Alert` (`makeAlert`) that the `AlertDispatcher` persists in
 * the `AlertStore` (which also drops duplicates, across restarts too) and fans out to the sinks. Blocks a
 * reorg dropped have their alerts retracted (`retractBlock`).
 *
 * With a `MonitorStateStore` the engine's history (chain state, detector state, findings) is restored at
 * start and saved after blocks, so a restarted watcher raises what an uninterrupted one would: blocks the
 * saved state already covers are skipped, and when the stream's checkpoint is ahead of the saved state
 * (saved every N blocks) the stream is rewound to the saved block and replays the rest (the replayed
 * alerts have the same ids, so the dispatcher does not send them again).
 *
 * `stop()` finishes the block being processed (and commits it), then stops the stream; `run()` resolves
 * after that. The caller owns the sinks, the dispatcher and the stores (close them after `run()`).
 */
import type { Finding } from '../core/finding.js';
import type { Logger } from '../core/logger.js';
import { BlockStream, type StreamBlock } from '../chain/stream/block-stream.js';
import type { CheckpointStore } from '../store/store.js';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import type { MonitorEngine } from './engine.js';
import { resumePlan, type MonitorStateStore } from './state-store.js';
import { type Alert } from '../core/alert.js';
import { makeAlert } from '../core/alert-id.js';
import type { AlertDispatcher } from './sinks/dispatcher.js';

export interface WatchOptions {
  engine: MonitorEngine;
  dispatcher: AlertDispatcher;
  chainId: number;
  rpcUrls: readonly string[];
  /** The stream's checkpoint store. */
  store: CheckpointStore;
  /** Checkpoint key in the store. */
  streamId: string;
  /** First block when the store has no checkpoint (default: the current head). */
  fromBlock?: bigint;
  /** Stop after this block (default: follow forever). */
  toBlock?: bigint;
  pollingIntervalMs?: number;
  /** Persists the engine's history for restarts (see the module comment). */
  stateStore?: MonitorStateStore;
  logger?: Logger;
  /** After each dispatched alert: `latencyMs` from the block's arrival to the dispatch returning. */
  onAlert?: (alert: Alert, info: { sent: boolean; latencyMs: number }) => void;
  onBlock?: (block: StreamBlock, findings: readonly Finding[]) => void;
  onRetract?: (alertIds: readonly string[], blockHash: string) => void;
}

export interface WatchStats {
  blocks: number;
  transactions: number;
  alerts: number;
  duplicates: number;
  retracted: number;
  /** Blocks the restored state already covered (delivered again by the stream, not re-processed). */
  skipped: number;
  /** The block the engine's state was restored at, if any. */
  restoredAt: bigint | null;
}

/** Raises the alerts of one processed block; returns how many were sent (not duplicates). */
export async function dispatchFindings(
  dispatcher: AlertDispatcher,
  findings: readonly Finding[],
  where: { chainId: number; blockNumber: bigint | number; blockHash: string; arrivedAt: number },
  onAlert?: WatchOptions['onAlert'],
): Promise<number> {
  let sent = 0;
  for (const f of findings) {
    const alert = makeAlert(f, { chainId: where.chainId, blockNumber: where.blockNumber, blockHash: where.blockHash });
    const r = await dispatcher.raise(alert);
    if (r.sent) sent++;
    onAlert?.(alert, { sent: r.sent, latencyMs: performance.now() - where.arrivedAt });
  }
  return sent;
}

export class Watcher {
  readonly stats: WatchStats = { blocks: 0, transactions: 0, alerts: 0, duplicates: 0, retracted: 0, skipped: 0, restoredAt: null };
  readonly stream: BlockStream;
  private readonly options: WatchOptions;
  private skipThrough: bigint | null = null;
  private running: Promise<void> | null = null;

  constructor(options: WatchOptions) {
    this.options = options;
    const { engine, dispatcher, chainId } = options;
    this.stream = new BlockStream({
      id: options.streamId,
      rpcUrls: options.rpcUrls,
      store: options.store,
      ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
      ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
      pollingIntervalMs: options.pollingIntervalMs ?? 200,
      ...(options.logger ? { logger: options.logger } : {}),
      onBlock: async (b) => {
        const arrivedAt = performance.now();
        if (this.skipThrough !== null && b.block.number <= this.skipThrough) {
          this.stats.skipped++;
          return;
        }
        const raised = await engine.processBlock(b);
        // Incidents that this block escalated go out beside the findings, as alerts of their own.
        const findings = [...raised, ...engine.escalations(raised)];
        this.stats.blocks++;
        this.stats.transactions += b.transactions.length;
        const sent = await dispatchFindings(dispatcher, findings, { chainId, blockNumber: b.block.number, blockHash: b.block.hash, arrivedAt }, options.onAlert);
        this.stats.alerts += sent;
        this.stats.duplicates += findings.length - sent;
        await options.stateStore?.maybeSave(options.streamId, engine, b.block.number, b.block.hash);
        options.onBlock?.(b, findings);
      },
      onReorg: async (e) => {
        engine.dropBlocks(e.dropped.map((d) => d.number));
        for (const d of e.dropped) {
          const ids = await dispatcher.retractBlock(chainId, d.hash);
          this.stats.retracted += ids.length;
          if (ids.length > 0) options.onRetract?.(ids, d.hash);
        }
      },
    });
  }

  /** Follows the chain until `stop()` (or past `toBlock`); rejects on a fatal stream error. */
  run(): Promise<void> {
    this.running ??= this.start();
    return this.running;
  }

  private async start(): Promise<void> {
    const { stateStore, streamId, engine, store } = this.options;
    if (stateStore) {
      const saved = await stateStore.load(streamId);
      if (saved) {
        const checkpoint = await store.getCheckpoint(streamId);
        const plan = resumePlan(checkpoint?.number ?? null, saved.blockNumber);
        await stateStore.restoreEngine(streamId, engine);
        this.stats.restoredAt = saved.blockNumber;
        this.skipThrough = plan.skipThrough;
        if (plan.replayFrom !== null) {
          if (saved.blockHash === null) throw new ArgusError(ERROR_CODES.STORE, `the saved monitor state of ${streamId} has no block hash to rewind the stream to`);
          await store.rewind(streamId, { number: saved.blockNumber, hash: saved.blockHash as `0x${string}` });
        }
      }
    }
    await this.stream.run();
  }

  stop(): Promise<void> {
    return this.stream.stop();
  }

  get checkpoint() {
    return this.stream.checkpoint;
  }

  get streamId(): string {
    return this.options.streamId;
  }
}
