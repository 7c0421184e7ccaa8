/**
 * The compliance ledger: value transfers of a chain, streamed block by block into the store (one checkpoint
 * per chain, `compliance:<chainId>`), so list changes can be re-screened against history and exposure
 * measured on it. The block stream brings reorg handling (dropped blocks' transfers are rewound) and
 * restarts (it resumes after the last committed block); nothing here re-implements either.
 */
import type { CheckpointStore } from '../store/store.js';
import { BlockStream, type StreamBlock } from '../chain/stream/index.js';
import { summariseTrace, type StructLog } from '../chain/stream/trace.js';
import { rpc } from '../chain/rpc/json-rpc.js';
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
  /** Internal ether transfers from call traces, where the node serves debug_traceTransaction (default true). */
  traces?: boolean;
}

/**
 * Ether moved by inner calls of a block's successful contract calls (a contract paying out), rebuilt from
 * the node's struct-log traces by the same code the monitor uses. `undefined` when the node has no
 * debug_traceTransaction: the ledger then holds transaction values and token transfers only.
 */
export async function internalTransfers(rpcUrl: string, chainId: number, b: StreamBlock): Promise<TransferRecord[] | undefined> {
  const out: TransferRecord[] = [];
  const time = Number(b.block.timestamp);
  const block = Number(b.block.number);
  for (const [i, tx] of b.transactions.entries()) {
    const receipt = b.receipts[i];
    // Only calls into code can move ether onwards; a plain payment's value is the transaction's own.
    if (receipt?.status !== 'success' || (tx.input === '0x' && !receipt.contractAddress)) continue;
    let result: { structLogs?: StructLog[] };
    try {
      result = await rpc(rpcUrl, 'debug_traceTransaction', [tx.hash, { disableStorage: true, disableMemory: true, enableReturnData: false }], { timeoutMs: 60_000 });
    } catch (error) {
      // A node without debug_traceTransaction answers "method not found" (as the monitor reads it too).
      if (/not (?:found|supported|available)|does not exist|-32601/iu.test((error as Error).message)) return undefined;
      throw error;
    }
    if (!result.structLogs) continue;
    const summary = summariseTrace(result.structLogs, tx.to ?? '', receipt.contractAddress ?? null);
    summary.ethTransfers.forEach((t, k) => {
      // Indices below -1 keep inner payments apart from the transaction's value (-1) and its logs (0…).
      out.push({ chainId, block, time, tx: tx.hash, index: -2 - k, from: t.from, to: t.to, asset: 'ETH', raw: t.value.toString() });
    });
  }
  return out;
}

/** Streams blocks into the ledger until `toBlock` (or until stopped). Returns the blocks and transfers stored. */
export async function syncLedger(options: SyncOptions): Promise<{ blocks: number; transfers: number; traced: boolean }> {
  let transfers = 0;
  let tracing = options.traces !== false;
  const stream = new BlockStream({
    id: ledgerStreamId(options.chainId),
    rpcUrls: [options.rpcUrl],
    store: options.store,
    ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
    ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
    pollingIntervalMs: options.pollingIntervalMs ?? 250,
    onBlock: async (b) => {
      const records = transfersOfBlock(options.chainId, b);
      if (tracing) {
        const inner = await internalTransfers(options.rpcUrl, options.chainId, b);
        if (inner === undefined) tracing = false;
        else records.push(...inner);
      }
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
  return { blocks: stream.stats.blocks, transfers, traced: tracing };
}

/** Every transfer the ledger holds for the chain, oldest first. */
export async function ledgerTransfers(store: CheckpointStore, chainId: number): Promise<TransferRecord[]> {
  const items = await store.items(ledgerStreamId(chainId), { kind: TRANSFER_ITEM });
  return items.map((i) => i.data as TransferRecord);
}
