/**
 * `argus ingest`: one chain's blocks onto the bus. A `BlockStream` (checkpointed in a store of the
 * ingest's own) follows the chain; each block is published, slimmed, to `argus.blocks.<chainId>` and
 * acknowledged by JetStream before the stream checkpoints it, so a crash never loses a block and a restart
 * republishes at most the last one (the message id, chain and block hash, makes JetStream drop the copy).
 * A reorg is published as a retraction message (the dropped blocks and the ancestor) before the new
 * branch's blocks.
 *
 * A publish that fails (NATS restarting, its stream unavailable) is retried with backoff until it is
 * acknowledged or the ingest is stopped: the block stream waits meanwhile.
 */
import { BlockStream, type ReorgEvent, type StreamBlock } from '../../chain/stream/block-stream.js';
import { backoffDelay, sleep } from '../../chain/rpc/retry.js';
import type { Logger } from '../../core/logger.js';
import type { CheckpointStore } from '../../store/store.js';
import type { Bus } from './nats.js';
import { blockMessageId, blockSubject, encodeMessage, retractMessageId, slimBlock, type BusMessage } from './messages.js';

export interface IngestOptions {
  bus: Bus;
  chainId: number;
  rpcUrls: readonly string[];
  store: CheckpointStore;
  streamId: string;
  fromBlock?: bigint;
  toBlock?: bigint;
  pollingIntervalMs?: number;
  logger?: Logger;
  /** After each publish: whether JetStream took it as a duplicate. */
  onPublished?: (message: BusMessage, info: { duplicate: boolean; seq: number }) => void;
}

export interface IngestStats {
  blocks: number;
  transactions: number;
  retractions: number;
  duplicates: number;
  publishRetries: number;
}

export class Ingest {
  readonly stats: IngestStats = { blocks: 0, transactions: 0, retractions: 0, duplicates: 0, publishRetries: 0 };
  readonly stream: BlockStream;
  private readonly options: IngestOptions;
  private stopped = false;

  constructor(options: IngestOptions) {
    this.options = options;
    this.stream = new BlockStream({
      id: options.streamId,
      rpcUrls: options.rpcUrls,
      store: options.store,
      ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
      ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
      pollingIntervalMs: options.pollingIntervalMs ?? 200,
      ...(options.logger ? { logger: options.logger } : {}),
      onBlock: async (b: StreamBlock) => {
        const message: BusMessage = { type: 'block', chainId: options.chainId, arrivedAt: Date.now(), block: slimBlock(b) };
        await this.publish(message, blockMessageId(options.chainId, b.block.hash ?? ''));
        this.stats.blocks++;
        this.stats.transactions += b.transactions.length;
      },
      onReorg: async (e: ReorgEvent) => {
        const message: BusMessage = { type: 'retract', chainId: options.chainId, arrivedAt: Date.now(), dropped: e.dropped.map((d) => ({ number: d.number, hash: d.hash })), ancestor: { number: e.ancestor.number, hash: e.ancestor.hash } };
        await this.publish(message, retractMessageId(options.chainId, e.dropped));
        this.stats.retractions++;
      },
    });
  }

  /** Publishes until JetStream acknowledges (or the ingest is stopped: then the block is not checkpointed). */
  private async publish(message: BusMessage, msgID: string): Promise<void> {
    const data = encodeMessage(message);
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await this.options.bus.js.publish(blockSubject(this.options.chainId), data, { msgID, timeout: 5_000 });
        if (ack.duplicate) this.stats.duplicates++;
        this.options.onPublished?.(message, { duplicate: ack.duplicate, seq: ack.seq });
        return;
      } catch (error) {
        if (this.stopped) throw error;
        this.stats.publishRetries++;
        this.options.logger?.warn(`publishing to the bus failed (attempt ${attempt}): ${(error as Error).message}`);
        await sleep(backoffDelay(attempt, 100, 2_000));
      }
    }
  }

  run(): Promise<void> {
    return this.stream.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stream.stop();
  }
}
