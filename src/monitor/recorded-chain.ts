/**
 * Chain reads recorded once and served again: a run over a live node records every balance, `eth_call`
 * and trace the detectors asked for, and later runs replay the same blocks with the same answers and no
 * node. The false-alert evaluation re-scores 31,500 recorded actions this way in seconds, and the monitor
 * benchmark times the detectors alone, without the node's latency.
 */
import type { Hex } from 'viem';
import type { CallOutcome, ChainAccess } from './detectors/detector.js';
import type { TraceSummary } from './trace.js';

/** What the detectors read, keyed by `balanceKey` / `callKey` / transaction hash (`null`: the node gave no trace). */
export interface ChainReads {
  balances: Map<string, bigint>;
  calls: Map<string, CallOutcome>;
  traces: Map<string, TraceSummary | null>;
}

export const emptyChainReads = (): ChainReads => ({ balances: new Map(), calls: new Map(), traces: new Map() });
export const balanceKey = (address: string, blockNumber: bigint): string => `${address.toLowerCase()}@${blockNumber}`;
export const callKey = (r: Parameters<ChainAccess['call']>[0]): string => `${r.from}:${r.to}:${r.data}@${r.blockNumber}`.toLowerCase();

/** `chain`, with every answer also written to `reads`; `onTrace` gets each trace's time (ms). */
export function recordingChain(chain: ChainAccess, reads: ChainReads, onTrace?: (ms: number) => void): ChainAccess {
  return {
    getBalance: async (address, blockNumber) => {
      const b = await chain.getBalance(address, blockNumber);
      reads.balances.set(balanceKey(address, blockNumber), b);
      return b;
    },
    call: async (request) => {
      const outcome = await chain.call(request);
      reads.calls.set(callKey(request), outcome);
      return outcome;
    },
    trace: async (hash: Hex, to, created) => {
      const started = performance.now();
      const t = await chain.trace?.(hash, to, created);
      onTrace?.(performance.now() - started);
      reads.traces.set(hash, t ?? null);
      return t;
    },
  };
}

/**
 * The recorded answers as a chain. A read the recording does not hold goes to `fallback`: a live chain,
 * or a function that throws when a replay must be exact (the recording is then stale).
 */
export function replayChain(reads: ChainReads, fallback: ChainAccess | ((what: string) => never)): ChainAccess {
  // A throwing fallback is a chain whose every read is a miss.
  const live: ChainAccess =
    typeof fallback !== 'function'
      ? fallback
      : {
          getBalance: async (address, blockNumber) => fallback(`balance of ${address} at ${blockNumber}`),
          call: async (request) => fallback(`eth_call to ${request.to} at ${request.blockNumber}`),
          trace: async (hash) => fallback(`trace of ${hash}`),
        };
  return {
    getBalance: async (address, blockNumber) => reads.balances.get(balanceKey(address, blockNumber)) ?? live.getBalance(address, blockNumber),
    call: async (request) => reads.calls.get(callKey(request)) ?? live.call(request),
    trace: async (hash, to, created) => (reads.traces.has(hash) ? (reads.traces.get(hash) ?? undefined) : live.trace?.(hash, to, created)),
  };
}
