/**
 * `CheckpointStore` on SQLite. Each commit is one SQLite transaction, so a block's items, hash and
 * checkpoint are there together or not at all. Block numbers are stored as integers (exact up to 2^53, far
 * above any chain height).
 */
import type { Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { toJson } from '../../core/json.js';
import type { BlockRef, CheckpointStore, StoredBlock, StoredItem, StoreItem } from '../store.js';
import type { SqliteDatabase } from './database.js';

function safeNumber(n: bigint): number {
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ArgusError(ERROR_CODES.INTERNAL, `block number out of range: ${n}`);
  return Number(n);
}

export class SqliteCheckpoints implements CheckpointStore {
  private readonly stmts;
  private readonly commitTx: (streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number) => void;
  private readonly rewindTx: (streamId: string, ancestor: BlockRef | null) => void;

  constructor(db: SqliteDatabase) {
    this.stmts = {
      getCheckpoint: db.prepare<[string], { block_number: number; block_hash: string }>('SELECT block_number, block_hash FROM checkpoints WHERE stream_id = ?'),
      setCheckpoint: db.prepare(
        'INSERT INTO checkpoints (stream_id, block_number, block_hash, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, updated_at = excluded.updated_at',
      ),
      deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE stream_id = ?'),
      recent: db.prepare<[string, number], { block_number: number; block_hash: string; parent_hash: string }>(
        'SELECT block_number, block_hash, parent_hash FROM blocks WHERE stream_id = ? ORDER BY block_number DESC LIMIT ?',
      ),
      putBlock: db.prepare('INSERT OR REPLACE INTO blocks (stream_id, block_number, block_hash, parent_hash) VALUES (?, ?, ?, ?)'),
      pruneBlocks: db.prepare('DELETE FROM blocks WHERE stream_id = ? AND block_number <= ?'),
      dropBlocks: db.prepare('DELETE FROM blocks WHERE stream_id = ? AND block_number > ?'),
      dropItems: db.prepare('DELETE FROM items WHERE stream_id = ? AND block_number > ?'),
      putItem: db.prepare('INSERT OR IGNORE INTO items (stream_id, block_number, block_hash, kind, key, data) VALUES (?, ?, ?, ?, ?, ?)'),
      items: db.prepare<[string, number, number], { block_number: number; block_hash: string; kind: string; key: string; data: string }>(
        'SELECT block_number, block_hash, kind, key, data FROM items WHERE stream_id = ? AND block_number >= ? AND block_number <= ? ORDER BY block_number, rowid',
      ),
    };
    this.commitTx = db.transaction((streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number) => {
      const n = safeNumber(block.number);
      for (const item of items) this.stmts.putItem.run(streamId, n, block.hash, item.kind, item.key, toJson(item.data));
      this.stmts.putBlock.run(streamId, n, block.hash, block.parentHash);
      if (keepBlocks > 0) this.stmts.pruneBlocks.run(streamId, n - keepBlocks);
      this.stmts.setCheckpoint.run(streamId, n, block.hash, Date.now());
    });
    this.rewindTx = db.transaction((streamId: string, ancestor: BlockRef | null) => {
      const n = ancestor === null ? -1 : safeNumber(ancestor.number);
      this.stmts.dropItems.run(streamId, n);
      this.stmts.dropBlocks.run(streamId, n);
      if (ancestor === null) this.stmts.deleteCheckpoint.run(streamId);
      else this.stmts.setCheckpoint.run(streamId, n, ancestor.hash, Date.now());
    });
  }

  async getCheckpoint(streamId: string): Promise<BlockRef | null> {
    const row = this.stmts.getCheckpoint.get(streamId);
    return row ? { number: BigInt(row.block_number), hash: row.block_hash as Hex } : null;
  }

  async recentBlocks(streamId: string, limit: number): Promise<StoredBlock[]> {
    return this.stmts.recent.all(streamId, limit).map((r) => ({ number: BigInt(r.block_number), hash: r.block_hash as Hex, parentHash: r.parent_hash as Hex }));
  }

  async commitBlock(streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number): Promise<void> {
    this.commitTx(streamId, block, items, keepBlocks);
  }

  async rewind(streamId: string, ancestor: BlockRef | null): Promise<void> {
    this.rewindTx(streamId, ancestor);
  }

  async items(streamId: string, options: { kind?: string; fromBlock?: bigint; toBlock?: bigint } = {}): Promise<StoredItem[]> {
    const rows = this.stmts.items.all(streamId, options.fromBlock === undefined ? 0 : safeNumber(options.fromBlock), options.toBlock === undefined ? Number.MAX_SAFE_INTEGER : safeNumber(options.toBlock));
    const out: StoredItem[] = [];
    for (const r of rows) {
      if (options.kind !== undefined && r.kind !== options.kind) continue;
      out.push({ blockNumber: BigInt(r.block_number), blockHash: r.block_hash as Hex, kind: r.kind, key: r.key, data: JSON.parse(r.data) as unknown });
    }
    return out;
  }
}
