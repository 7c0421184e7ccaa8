/**
 * The embedded `Store`: one SQLite file through better-sqlite3 in WAL mode. Each commit is one SQLite
 * transaction, so a block's items, hash and checkpoint are there together or not at all. With the default
 * `synchronous = NORMAL` a killed process loses nothing committed; a power cut may roll back the last few
 * commits, and then the stream simply processes those blocks again (consistent, never duplicated).
 * `FULL` makes every commit durable at the cost of an fsync each. Block numbers are stored as integers
 * (exact up to 2^53, far above any chain height).
 */
import Database from 'better-sqlite3';
import type { Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { toJson } from '../core/json.js';
import type { BlockRef, Store, StoredBlock, StoredItem, StoreItem } from './store.js';

export interface SqliteStoreOptions {
  /** `synchronous` pragma: NORMAL (default) is consistent after a crash or power cut; FULL is also durable per commit. */
  synchronous?: 'FULL' | 'NORMAL';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  stream_id TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
  stream_id TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  parent_hash TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_number)
);
CREATE TABLE IF NOT EXISTS items (
  stream_id TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_hash, kind, key)
);
CREATE INDEX IF NOT EXISTS items_by_block ON items (stream_id, block_number);
`;

export { toJson };

function safeNumber(n: bigint): number {
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ArgusError(ERROR_CODES.INTERNAL, `block number out of range: ${n}`);
  return Number(n);
}

export class SqliteStore implements Store {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly commitTx: (streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number) => void;
  private readonly rewindTx: (streamId: string, ancestor: BlockRef | null) => void;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.file = file;
    try {
      this.db = new Database(file);
    } catch (error) {
      throw new ArgusError(ERROR_CODES.STORE, `cannot open the SQLite store ${file}: ${(error as Error).message}`, { file }, { cause: error });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const db = this.db;
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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
