/**
 * Persistence of the monitor's history (chain state, detector state, findings: `MonitorEngine.snapshot()`)
 * in the store's `EngineStateStore` part, one saved state per stream (in the SQLite store, a
 * `monitor_state` table of the stream's file). Saved every `everyBlocks` blocks (1: with every block
 * checkpoint). A restarted monitor restores the engine and resumes the stream after the saved block; when
 * the stream's checkpoint is further ahead (state saved less often than the checkpoint), the blocks in
 * between must be streamed again (see `resumePlan`).
 */
import { createHash } from 'node:crypto';
import type { EngineStateStore, SavedEngineState } from '../store/store.js';
import type { EngineHead } from '../store/engine-fence.js';
import { isPartsHead, type MonitorEngine } from './engine.js';

export type SavedMonitorState = SavedEngineState;

export interface MonitorStateStoreOptions {
  /** Save every N blocks (default 1: every block). */
  everyBlocks?: number;
  /**
   * Incremental saves (`MonitorEngine.snapshotParts`): each save writes the chain-history entries the
   * blocks since the last save changed, and the detectors' state, findings and tokens only when they
   * changed, instead of the whole history every time. Default false (one whole snapshot a save).
   */
  incremental?: boolean;
  /**
   * Fenced incremental saves (detect workers, several of which may own a partition in turn): each save
   * names the head this store last loaded or wrote for the stream, and fails with
   * `StaleEngineStateError` when another writer has saved since (see `store/engine-fence.ts`).
   */
  fenced?: boolean;
}

const digest = (s: string) => createHash('sha1').update(s).digest('base64');

export class MonitorStateStore {
  readonly everyBlocks: number;
  readonly incremental: boolean;
  private readonly store: EngineStateStore;
  private readonly lastSaved = new Map<string, bigint>();
  /** Per stream: the digest of each whole part (detector state, findings, tokens) as last written. */
  private readonly written = new Map<string, Map<string, string>>();
  /** Streams whose next save must be whole (a failed save lost track of what changed). */
  private readonly wholeNext = new Set<string>();
  /** Parts written by the last saves (for the benchmark and tests). */
  partsWritten = 0;
  readonly fenced: boolean;
  /** Per stream: the head last loaded or written (the fence of the next save), null when none was saved. */
  private readonly heads = new Map<string, EngineHead>();

  /** `store`: where the states are kept (the stream's `Store`; not closed here, its owner closes it). */
  constructor(store: EngineStateStore, options: MonitorStateStoreOptions = {}) {
    this.store = store;
    this.everyBlocks = Math.max(1, Math.floor(options.everyBlocks ?? 1));
    this.incremental = options.incremental === true;
    this.fenced = options.fenced === true;
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
    if (this.incremental) await this.saveParts(streamId, engine, blockNumber, blockHash);
    else await this.save(streamId, blockNumber, engine.snapshot(), blockHash);
    return true;
  }

  /** An incremental save: the changed chain entries, and the whole parts whose content changed. */
  async saveParts(streamId: string, engine: MonitorEngine, blockNumber: bigint, blockHash?: string): Promise<void> {
    const whole = this.wholeNext.has(streamId);
    const { head, parts, saved } = engine.snapshotParts(whole);
    let seen = this.written.get(streamId);
    if (!seen || whole) this.written.set(streamId, (seen = new Map()));
    const changed = new Map<string, string | null>();
    const digests = new Map<string, string>();
    for (const [name, json] of parts) {
      // Chain-history and detector entries are written when changed (the engine gives only those).
      if (name.startsWith('s:') || name.startsWith('e:') || json === null) {
        changed.set(name, json);
        continue;
      }
      const d = digest(json);
      if (seen.get(name) === d) continue;
      digests.set(name, d);
      changed.set(name, json);
    }
    const updatedAt = Math.max(Date.now(), (this.heads.get(streamId)?.updatedAt ?? 0) + 1);
    const fence = this.fenced ? { expect: this.heads.get(streamId) ?? null } : {};
    try {
      await this.store.saveEngineParts(streamId, { blockNumber, blockHash: blockHash ?? null, head, parts: changed, updatedAt, ...fence });
    } catch (error) {
      this.wholeNext.add(streamId);
      throw error;
    }
    this.wholeNext.delete(streamId);
    this.heads.set(streamId, { blockNumber, blockHash: blockHash ?? null, updatedAt });
    saved?.();
    for (const [name, d] of digests) seen.set(name, d);
    this.partsWritten += changed.size;
    this.lastSaved.set(streamId, blockNumber);
  }

  /** Restores the engine from the saved state, if any; returns the saved block number (or null). */
  async restoreEngine(streamId: string, engine: MonitorEngine): Promise<bigint | null> {
    const saved = await this.load(streamId);
    this.heads.set(streamId, saved ? { blockNumber: saved.blockNumber, blockHash: saved.blockHash, updatedAt: saved.updatedAt } : null);
    if (!saved) return null;
    if (isPartsHead(saved.json)) engine.restoreParts(saved.json, await this.store.loadEngineParts(streamId));
    else engine.restore(saved.json);
    // What the store holds is known only as a whole now: the next incremental save compares afresh.
    this.written.delete(streamId);
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
