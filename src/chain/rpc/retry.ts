/**
 * Retrying what an outage interrupts: exponential backoff with jitter, stoppable by a signal. The
 * stream's pool (pool.ts) and the monitor's chain reads (`retryOutages`) share it.
 */
import { RpcOutageError } from './errors.js';

export class StoppedError extends Error {
  constructor() {
    super('the stream was stopped');
    this.name = 'StoppedError';
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Full-range jitter on half the exponential delay: spreads retries of many clients apart. */
export function backoffDelay(attempt: number, base: number, max: number, random = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}


export interface OutageRetryOptions {
  /** First delay, doubled on each failure. Default 200 ms. */
  baseDelayMs?: number;
  /** Ceiling of the delay. Default 5,000 ms. */
  maxDelayMs?: number;
  /** Give up after this many attempts. Default: never, while `signal` is not aborted. */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Told of each failed attempt before its delay (for a visible status line). */
  onRetry?: (error: RpcOutageError, attempt: number, delayMs: number) => void;
  /** Told when an attempt succeeds after failed ones (the status line says the node is back). */
  onRecovered?: (attempts: number) => void;
}

/**
 * Runs `fn` until it succeeds, retrying only outages (`RpcOutageError`): a revert, a pruned state or any
 * other answer of the node is thrown at once, since asking again gets the same answer.
 */
export async function retryOutages<T>(fn: () => Promise<T>, options: OutageRetryOptions = {}): Promise<T> {
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 5_000;
  const attempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new StoppedError();
    try {
      const value = await fn();
      if (attempt > 0) options.onRecovered?.(attempt + 1);
      return value;
    } catch (error) {
      if (!(error instanceof RpcOutageError) || attempt + 1 >= attempts) throw error;
      const delayMs = backoffDelay(attempt, base, max);
      options.onRetry?.(error, attempt + 1, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
