/**
 * Persistence of the monitor's history (chain state, detector state, findings: `MonitorEngine.snapshot()`)
 * in the store's `EngineStateStore` part, one saved state per stream (in the SQLite store, a
 * `monitor_state` table of the stream's file). Saved every `everyBlocks` blocks (1: with every block
 * checkpoint). A restarted monitor restores the engine and resumes the stream after the saved block; when
 * the stream's checkpoint is further ahead (state saved less often than the checkpoint), the blocks in
 * between must be streamed again (see `resumePlan`).
 */
import type { EngineStateStore, SavedEngineState } from '../store/store.js';
import type { MonitorEngine } from './engine.js';

export type SavedMonitorState = SavedEngineState;

export interface MonitorStateStoreOptions {
  /** Save every N blocks (default 1: every block). */
  everyBlocks?: number;
}

export class MonitorStateStore {
  readonly everyBlocks: number;
  private readonly store: EngineStateStore;
  private readonly lastSaved = new Map<string, bigint>();

  /** `store`: where the states are kept (the stream's `Store`; not closed here, its owner closes it). */
  constructor(store: EngineStateStore, options: MonitorStateStoreOptions = {}) {
    this.store = store;
    this.everyBlocks = Math.max(1, Math.floor(options.everyBlocks ?? 1));
  }

  async save(streamId: string, blockNumber: bigint, json: string, blockHash?: string): Promise<void> {
    await this.store.saveEngineState(streamId, { blockNumber, blockHash: blockHash ?? null, json });
    this.lastSaved.set(streamId, blockNumber);
  }

  load(streamId: string): Promise<SavedMonitorState | null> {
    return this.store.loadEngineState(streamId);
  }

  async delete(streamId: string): Promise<void> {
    await this.store.deleteEngineState(streamId);
    this.lastSaved.delete(streamId);
  }

  /** Saves the engine's snapshot when `everyBlocks` blocks have passed since the last save; true if saved. */
  async maybeSave(streamId: string, engine: MonitorEngine, blockNumber: bigint, blockHash?: string): Promise<boolean> {
    const last = this.lastSaved.get(streamId) ?? (await this.load(streamId))?.blockNumber;
    if (last !== undefined && blockNumber > last && blockNumber - last < BigInt(this.everyBlocks)) return false;
    await this.save(streamId, blockNumber, engine.snapshot(), blockHash);
    return true;
  }

  /** Restores the engine from the saved state, if any; returns the saved block number (or null). */
  async restoreEngine(streamId: string, engine: MonitorEngine): Promise<bigint | null> {
    const saved = await this.load(streamId);
    if (!saved) return null;
    engine.restore(saved.json);
    this.lastSaved.set(streamId, saved.blockNumber);
    return saved.blockNumber;
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
