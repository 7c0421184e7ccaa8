/**
 * The privacy ledger: each successful transaction's `PrivacyTx`, streamed block by block into the store
 * (one checkpoint per chain, `privacy:<chainId>`). The compliance ledger keeps value transfers only; linking
 * addresses also needs the sender's fee, approvals and mixer events, so this ledger keeps its own records
 * through the same block stream (reorgs rewind them, a restart resumes).
 */
import type { CheckpointStore } from '../store/store.js';
import { BlockStream } from '../chain/stream/index.js';
import { activityOfBlock, PRIVACY_ITEM, type PrivacyTx } from './activity.js';

export const privacyStreamId = (chainId: number) => `privacy:${chainId}`;

export interface PrivacySyncOptions {
  rpcUrl: string;
  chainId: number;
  store: CheckpointStore;
  fromBlock?: bigint;
  toBlock?: bigint;
  pollingIntervalMs?: number;
  onBlock?: (block: number, txs: number) => void;
  signal?: AbortSignal;
}

/** Streams blocks into the privacy ledger until `toBlock` (or until stopped). */
export async function syncPrivacyLedger(options: PrivacySyncOptions): Promise<{ blocks: number; txs: number }> {
  let txs = 0;
  const stream = new BlockStream({
    id: privacyStreamId(options.chainId),
    rpcUrls: [options.rpcUrl],
    store: options.store,
    ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
    ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
    pollingIntervalMs: options.pollingIntervalMs ?? 250,
    onBlock: (b) => {
      const records = activityOfBlock(options.chainId, b);
      txs += records.length;
      options.onBlock?.(Number(b.block.number), records.length);
      return records.map((r) => ({ kind: PRIVACY_ITEM, key: r.hash, data: r }));
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
  return { blocks: stream.stats.blocks, txs };
}

/** Every record the privacy ledger holds for the chain, oldest first. */
export async function privacyRecords(store: CheckpointStore, chainId: number): Promise<PrivacyTx[]> {
  const items = await store.items(privacyStreamId(chainId), { kind: PRIVACY_ITEM });
  return items.map((i) => i.data as PrivacyTx).sort((a, b) => a.block - b.block || a.index - b.index);
}
