/**
 * Persistence of the monitor's history (chain state, detector state, findings: `MonitorEngine.snapshot()`)
 * in a `monitor_state` table of the stream's SQLite file, one row per stream, through its own
 * better-sqlite3 connection (WAL: the stream's store may be open on the same file). Saved every
 * `everyBlocks` blocks (1: with every block checkpoint). A restarted monitor restores the engine and
 * resumes the stream after the saved block; when the stream's checkpoint is further ahead (state saved
 * less often than the checkpoint), the blocks in between must be streamed again (see `resumePlan`).
 */
import Database from 'better-sqlite3';
import type { MonitorEngine } from './engine.js';

export interface SavedMonitorState {
  blockNumber: bigint;
  /** The saved block's hash when given: compare with the chain to detect a reorg while stopped. */
  blockHash: string | null;
  json: string;
  updatedAt: number;
}

export interface MonitorStateStoreOptions {
  /** Save every N blocks (default 1: every block). */
  everyBlocks?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS monitor_state (
  stream_id TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash TEXT,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

export class MonitorStateStore {
  readonly file: string;
  readonly everyBlocks: number;
  private readonly db: Database.Database;
  private readonly lastSaved = new Map<string, bigint>();

  /** `target`: a SQLite file path, or anything with a `file` (such as a `SqliteStore`). */
  constructor(target: string | { file: string }, options: MonitorStateStoreOptions = {}) {
    this.file = typeof target === 'string' ? target : target.file;
    this.everyBlocks = Math.max(1, Math.floor(options.everyBlocks ?? 1));
    this.db = new Database(this.file);
    if (this.file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  save(streamId: string, blockNumber: bigint, json: string, blockHash?: string): void {
    this.db
      .prepare(
        'INSERT INTO monitor_state (stream_id, block_number, block_hash, data, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, data = excluded.data, updated_at = excluded.updated_at',
      )
      .run(streamId, Number(blockNumber), blockHash ?? null, json, Date.now());
    this.lastSaved.set(streamId, blockNumber);
  }

  load(streamId: string): SavedMonitorState | null {
    const row = this.db.prepare<[string], { block_number: number; block_hash: string | null; data: string; updated_at: number }>('SELECT block_number, block_hash, data, updated_at FROM monitor_state WHERE stream_id = ?').get(streamId);
    return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, json: row.data, updatedAt: row.updated_at } : null;
  }

  delete(streamId: string): void {
    this.db.prepare('DELETE FROM monitor_state WHERE stream_id = ?').run(streamId);
    this.lastSaved.delete(streamId);
  }

  /** Saves the engine's snapshot when `everyBlocks` blocks have passed since the last save; true if saved. */
  maybeSave(streamId: string, engine: MonitorEngine, blockNumber: bigint, blockHash?: string): boolean {
    const last = this.lastSaved.get(streamId) ?? this.load(streamId)?.blockNumber;
    if (last !== undefined && blockNumber > last && blockNumber - last < BigInt(this.everyBlocks)) return false;
    this.save(streamId, blockNumber, engine.snapshot(), blockHash);
    return true;
  }

  /** Restores the engine from the saved state, if any; returns the saved block number (or null). */
  restoreEngine(streamId: string, engine: MonitorEngine): bigint | null {
    const saved = this.load(streamId);
    if (!saved) return null;
    engine.restore(saved.json);
    this.lastSaved.set(streamId, saved.blockNumber);
    return saved.blockNumber;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * What a restarted monitor must do with the blocks the stream delivers, given the stream's checkpoint and
 * the saved state's block: the engine must see every block after `saved` exactly once. The stream
 * resumes after its checkpoint; blocks up to `saved` are to be skipped (the state was saved in `onBlock`,
 * before the stream committed that block), and when the checkpoint is ahead of `saved`
 * (state saved every N blocks), the stream has to replay from `saved + 1` (rewind it or use `fromBlock`).
 */
export function resumePlan(checkpoint: bigint | null, saved: bigint | null): { skipThrough: bigint | null; replayFrom: bigint | null } {
  if (saved === null) return { skipThrough: null, replayFrom: null };
  if (checkpoint === null || checkpoint <= saved) return { skipThrough: saved, replayFrom: null };
  return { skipThrough: null, replayFrom: saved + 1n };
}
