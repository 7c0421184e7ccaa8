/**
 * `EngineStateStore` on SQLite: one `monitor_state` row per stream (the head, or a whole snapshot) and,
 * for incremental saves, one `monitor_state_parts` row per part.
 */
import type { EngineStateParts, EngineStateStore, SavedEngineState } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { checkFence } from '../engine-fence.js';

export class SqliteEngineState implements EngineStateStore {
  private readonly stmts;
  private readonly saveTx: (streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }) => void;
  private readonly partsTx: (streamId: string, state: EngineStateParts) => void;
  private readonly deleteTx: (streamId: string) => void;

  constructor(db: SqliteDatabase) {
    this.stmts = {
      save: db.prepare(
        'INSERT INTO monitor_state (stream_id, block_number, block_hash, data, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, data = excluded.data, updated_at = excluded.updated_at',
      ),
      load: db.prepare<[string], { block_number: number; block_hash: string | null; data: string; updated_at: number }>(
        'SELECT block_number, block_hash, data, updated_at FROM monitor_state WHERE stream_id = ?',
      ),
      remove: db.prepare('DELETE FROM monitor_state WHERE stream_id = ?'),
      putPart: db.prepare(
        'INSERT INTO monitor_state_parts (stream_id, part, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (stream_id, part) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
      ),
      dropPart: db.prepare('DELETE FROM monitor_state_parts WHERE stream_id = ? AND part = ?'),
      dropParts: db.prepare('DELETE FROM monitor_state_parts WHERE stream_id = ?'),
      parts: db.prepare<[string], { part: string; data: string }>('SELECT part, data FROM monitor_state_parts WHERE stream_id = ?'),
    };
    this.saveTx = db.transaction((streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }) => {
      this.stmts.save.run(streamId, Number(state.blockNumber), state.blockHash ?? null, state.json, Date.now());
      this.stmts.dropParts.run(streamId);
    });
    this.partsTx = db.transaction((streamId: string, state: EngineStateParts) => {
      if (state.expect !== undefined) {
        const row = this.stmts.load.get(streamId);
        checkFence(streamId, state.expect, row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, updatedAt: row.updated_at } : null);
      }
      const now = state.updatedAt ?? Date.now();
      for (const [part, data] of state.parts) {
        if (data === null) this.stmts.dropPart.run(streamId, part);
        else this.stmts.putPart.run(streamId, part, data, now);
      }
      this.stmts.save.run(streamId, Number(state.blockNumber), state.blockHash ?? null, state.head, now);
    });
    this.deleteTx = db.transaction((streamId: string) => {
      this.stmts.remove.run(streamId);
      this.stmts.dropParts.run(streamId);
    });
  }

  async saveEngineState(streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }): Promise<void> {
    this.saveTx(streamId, state);
  }

  async loadEngineState(streamId: string): Promise<SavedEngineState | null> {
    const row = this.stmts.load.get(streamId);
    return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, json: row.data, updatedAt: row.updated_at } : null;
  }

  async deleteEngineState(streamId: string): Promise<void> {
    this.deleteTx(streamId);
  }

  async saveEngineParts(streamId: string, state: EngineStateParts): Promise<void> {
    this.partsTx(streamId, state);
  }

  async loadEngineParts(streamId: string): Promise<Map<string, string>> {
    return new Map(this.stmts.parts.all(streamId).map((r) => [r.part, r.data]));
  }
}
