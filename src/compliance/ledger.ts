/**
 * The compliance ledger: value transfers of a chain, streamed block by block into the store (one checkpoint
 * per chain, `compliance:<chainId>`), so list changes can be re-screened against history and exposure
 * measured on it. The block stream brings reorg handling (dropped blocks' transfers are rewound) and
 * restarts (it resumes after the last committed block); nothing here re-implements either.
 */
import type { CheckpointStore } from '../store/store.js';
import { BlockStream, type StreamBlock } from '../chain/stream/index.js';
import { TRANSFER_ITEM, transfersOfBlock, type TransferRecord } from './transfers.js';

export const ledgerStreamId = (chainId: number) => `compliance:${chainId}`;

export interface SyncOptions {
  rpcUrl: string;
  chainId: number;
  store: CheckpointStore;
  fromBlock?: bigint;
  toBlock?: bigint;
  pollingIntervalMs?: number;
  onBlock?: (block: StreamBlock, transfers: number) => void;
  signal?: AbortSignal;
}

/** Streams blocks into the ledger until `toBlock` (or until stopped). Returns the blocks and transfers stored. */
export async function syncLedger(options: SyncOptions): Promise<{ blocks: number; transfers: number }> {
  let transfers = 0;
  const stream = new BlockStream({
    id: ledgerStreamId(options.chainId),
    rpcUrls: [options.rpcUrl],
    store: options.store,
    ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
    ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
    pollingIntervalMs: options.pollingIntervalMs ?? 250,
    onBlock: (b) => {
      const records = transfersOfBlock(options.chainId, b);
      transfers += records.length;
      options.onBlock?.(b, records.length);
      return records.map((r) => ({ kind: TRANSFER_ITEM, key: `${r.tx}:${r.index}`, data: r }));
    },
  });
  const stop = () => void stream.stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await stream.run();
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await stream.stop();
  }
  return { blocks: stream.stats.blocks, transfers };
}

/** Every transfer the ledger holds for the chain, oldest first. */
export async function ledgerTransfers(store: CheckpointStore, chainId: number): Promise<TransferRecord[]> {
  const items = await store.items(ledgerStreamId(chainId), { kind: TRANSFER_ITEM });
  return items.map((i) => i.data as TransferRecord);
}
