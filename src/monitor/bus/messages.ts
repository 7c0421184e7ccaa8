/**
 * What travels on the bus, and how it is cut into partitions.
 *
 * - `argus.blocks.<chainId>`: one message per decoded block (`BlockMessage`), slimmed to what the monitor
 *   reads (the block's number, hashes and time; each transaction's hash, sender, recipient, value and
 *   input; each receipt's status and created contract; the decoded events), with the time the ingest saw
 *   it; and one `RetractMessage` per reorg (the blocks it dropped, the ancestor it went back to).
 *   Message ids: `<chainId>:<block hash>` and `<chainId>:retract:<dropped hashes>`, so JetStream drops a
 *   block published twice (an ingest restarted between publishing and checkpointing).
 * - `argus.alerts.<chainId>`: the `AlertEvent`s the detect workers raise (message id: the alert id, or
 *   `<id>:retraction`), for the dashboard's live stream and other sinks.
 *
 * Bigints are tagged (`{ $big }`, see `codec.ts`), so a block round-trips exactly.
 */
import type { StreamBlock } from '../../chain/stream/block-stream.js';
import type { AlertEvent } from '../../core/alert.js';
import { decodeJson, encodeJson } from '../codec.js';

export const BLOCK_STREAM = 'ARGUS_BLOCKS';
export const ALERT_STREAM = 'ARGUS_ALERTS';
export const blockSubject = (chainId: number) => `argus.blocks.${chainId}`;
export const alertSubject = (chainId: number) => `argus.alerts.${chainId}`;

export interface BlockMessage {
  type: 'block';
  chainId: number;
  /** Epoch ms when the ingest received the block (the start of the end-to-end latency). */
  arrivedAt: number;
  block: StreamBlock;
}

export interface RetractMessage {
  type: 'retract';
  chainId: number;
  arrivedAt: number;
  dropped: { number: bigint; hash: string }[];
  ancestor: { number: bigint; hash: string };
}

export type BusMessage = BlockMessage | RetractMessage;

/** The block with only the fields the monitor reads (a full viem block is several times larger). */
export function slimBlock(b: StreamBlock): StreamBlock {
  return {
    block: { number: b.block.number, hash: b.block.hash, parentHash: b.block.parentHash, timestamp: b.block.timestamp } as StreamBlock['block'],
    transactions: b.transactions.map((t) => ({ hash: t.hash, from: t.from, to: t.to, value: t.value, input: t.input })) as StreamBlock['transactions'],
    receipts: b.receipts.map((r) => ({ status: r.status, contractAddress: r.contractAddress ?? null })) as StreamBlock['receipts'],
    decoded: b.decoded,
  };
}

export const encodeMessage = (m: BusMessage | AlertEvent): Uint8Array => Buffer.from(encodeJson(m));
export const decodeMessage = <T = BusMessage>(data: Uint8Array): T => decodeJson(Buffer.from(data).toString('utf8')) as T;

export const blockMessageId = (chainId: number, hash: string) => `${chainId}:${hash.toLowerCase()}`;
export const retractMessageId = (chainId: number, dropped: readonly { hash: string }[]) => `${chainId}:retract:${dropped.map((d) => d.hash.toLowerCase()).join(',')}`;

/**
 * The partition an address belongs to, of `partitions`: its last 32 bits (addresses are hashes, so
 * uniform) modulo the count. A transaction belongs to its sender's partition, so each sender's
 * baselines and incidents have one owner.
 */
export function partitionOf(address: string, partitions: number): number {
  if (partitions <= 1) return 0;
  return Number.parseInt(address.slice(-8), 16) % partitions;
}
