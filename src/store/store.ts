/**
 * The `Store` behind the chain stream (and, later, the monitor): per stream id, the checkpoint of the last
 * fully processed block, the recent block hashes that reorg detection compares against, and the items
 * each block produced. `commitBlock` writes the items of one block, its hash and the checkpoint in one
 * transaction, so a crash either keeps all of a block or none of it: a restart resumes after the
 * checkpoint with no block lost and none stored twice.
 *
 * Every method returns a promise so that a server database (PostgreSQL) fits the same interface.
 */
import type { Hex } from 'viem';

/** A block the stream has fully processed. */
export interface BlockRef {
  number: bigint;
  hash: Hex;
}

export interface StoredBlock extends BlockRef {
  parentHash: Hex;
}

/** One thing a block produced (a decoded event, an alert, ...). `key` is unique within a block and kind. */
export interface StoreItem {
  kind: string;
  key: string;
  data: unknown;
}

export interface StoredItem extends StoreItem {
  blockNumber: bigint;
  blockHash: Hex;
}

export interface Store {
  /** The last fully processed block of `streamId`, or null before the first one. */
  getCheckpoint(streamId: string): Promise<BlockRef | null>;
  /** The most recent processed blocks, newest first (at most `limit`). */
  recentBlocks(streamId: string, limit: number): Promise<StoredBlock[]>;
  /**
   * Atomically: appends `items` for `block`, records its hash, moves the checkpoint to it and forgets
   * hashes older than `keepBlocks` below it. Items already stored for the same block, kind and key are
   * not stored again.
   */
  commitBlock(streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number): Promise<void>;
  /**
   * Atomically: drops every block above `ancestor` (its hash and its items) and moves the checkpoint back
   * to `ancestor` (null: before the first block).
   */
  rewind(streamId: string, ancestor: BlockRef | null): Promise<void>;
  /** Stored items, oldest block first; for consumers and tests. */
  items(streamId: string, options?: { kind?: string; fromBlock?: bigint; toBlock?: bigint }): Promise<StoredItem[]>;
  close(): Promise<void>;
}
