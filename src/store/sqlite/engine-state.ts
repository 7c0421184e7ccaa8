/** `EngineStateStore` on SQLite: one `monitor_state` row per stream. */
import type { EngineStateStore, SavedEngineState } from '../store.js';
import type { SqliteDatabase } from './database.js';

export class SqliteEngineState implements EngineStateStore {
  private readonly stmts;

  constructor(db: SqliteDatabase) {
    this.stmts = {
      save: db.prepare(
        'INSERT INTO monitor_state (stream_id, block_number, block_hash, data, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, data = excluded.data, updated_at = excluded.updated_at',
      ),
      load: db.prepare<[string], { block_number: number; block_hash: string | null; data: string; updated_at: number }>(
        'SELECT block_number, block_hash, data, updated_at FROM monitor_state WHERE stream_id = ?',
      ),
      remove: db.prepare('DELETE FROM monitor_state WHERE stream_id = ?'),
    };
  }

  async saveEngineState(streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }): Promise<void> {
    this.stmts.save.run(streamId, Number(state.blockNumber), state.blockHash ?? null, state.json, Date.now());
  }

  async loadEngineState(streamId: string): Promise<SavedEngineState | null> {
    const row = this.stmts.load.get(streamId);
    return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, json: row.data, updatedAt: row.updated_at } : null;
  }

  async deleteEngineState(streamId: string): Promise<void> {
    this.stmts.remove.run(streamId);
  }
}
