/**
 * Fencing of a partition's saved engine state: each save names the head it builds on (the saved block,
 * its hash and the time it was written, as the writer last loaded or wrote it), and the store writes only
 * if that is still the head. A worker that lost its partition while it was busy (its lease expired and
 * another worker took over and saved) builds on a head that is no longer there: its write is rejected, so
 * it can neither move the state back to an older block nor overwrite the new owner's work.
 */
import { ArgusError, ERROR_CODES } from '../core/errors.js';

/** The head a save builds on; `null`: no state saved yet (the first owner's first save). */
export type EngineHead = { blockNumber: bigint; blockHash: string | null; updatedAt: number } | null;

export class StaleEngineStateError extends ArgusError {
  constructor(streamId: string, expected: EngineHead, found: EngineHead) {
    const show = (h: EngineHead) => (h === null ? 'none' : `block ${h.blockNumber} written at ${h.updatedAt}`);
    super(ERROR_CODES.STORE, `the saved state of ${streamId} moved on (expected ${show(expected)}, found ${show(found)}): another owner saved it, this save is rejected`, {
      streamId,
      expectedBlock: expected?.blockNumber.toString() ?? null,
      foundBlock: found?.blockNumber.toString() ?? null,
    });
    this.name = 'StaleEngineStateError';
  }
}

/** Throws unless the stored head is the one the writer builds on. */
export function checkFence(streamId: string, expected: EngineHead, found: EngineHead): void {
  const same = expected === null ? found === null : found !== null && found.blockNumber === expected.blockNumber && found.blockHash === expected.blockHash && found.updatedAt === expected.updatedAt;
  if (!same) throw new StaleEngineStateError(streamId, expected, found);
}
