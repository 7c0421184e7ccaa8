/**
 * JSON-RPC with retries and fail-over for the block stream. Every call is retried on timeouts, transport
 * errors, rate limits (HTTP 429, JSON-RPC -32005) and server errors, with exponential backoff and jitter,
 * until it succeeds or the stream stops; each failure moves to the next endpoint when there are several,
 * and after `primaryRetryMs` on a fallback the primary is tried again.
 *
 * WebSocket endpoints: viem's own reconnection is off (it gives up for good after 5 fixed-delay attempts
 * and leaves a dead socket in its cache). Instead a socket found closed after a failed call is dropped
 * (closed and forgotten), and the next attempt, retried with the same backoff, opens a new one. Opening is
 * shared by concurrent callers so that only one socket per endpoint exists at a time.
 */
import {
  BlockNotFoundError,
  createPublicClient,
  http,
  InvalidParamsRpcError,
  MethodNotFoundRpcError,
  MethodNotSupportedRpcError,
  webSocket,
  type PublicClient,
  type Transport,
} from 'viem';
import { socketClientCache } from 'viem/utils';
import { classifyRpcError, RpcPrunedStateError } from './errors.js';
import { backoffDelay, sleep, StoppedError } from './retry.js';

export interface RetryOptions {
  /** First delay, doubled on each failure. Default 100 ms. */
  baseDelayMs?: number;
  /** Ceiling of the delay. Default 5,000 ms. */
  maxDelayMs?: number;
  /** Give up after this many attempts (the call then throws). Default: never give up while running. */
  maxAttempts?: number;
}

export interface RpcFailure {
  url: string;
  method: string;
  attempt: number;
  delayMs: number;
  error: Error;
}

export interface RpcPoolOptions {
  urls: readonly string[];
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Go back to the first URL this long after failing over. Default 30 s. */
  primaryRetryMs?: number;
  onFailure?: (failure: RpcFailure) => void;
}

/**
 * Errors that another attempt will not fix: the endpoint does not have the method, the call is wrong, or
 * the node no longer holds the state asked for (a pruned node answers the same every time).
 */
export function isPermanentRpcError(error: unknown): boolean {
  return error instanceof MethodNotFoundRpcError || error instanceof MethodNotSupportedRpcError || error instanceof InvalidParamsRpcError || error instanceof BlockNotFoundError || classifyRpcError(error, 'call') instanceof RpcPrunedStateError;
}

export function isWebSocketUrl(url: string): boolean {
  return url.startsWith('ws://') || url.startsWith('wss://');
}

/** ws readyState values. */
const CLOSING = 2;
const CLOSED = 3;

function transportFor(url: string, timeoutMs: number): Transport {
  if (isWebSocketUrl(url)) return webSocket(url, { timeout: timeoutMs, retryCount: 0, reconnect: false });
  // batch: calls made in the same tick (receipts of one block, prefetched blocks) go in one HTTP request.
  return http(url, { timeout: timeoutMs, retryCount: 0, batch: { batchSize: 200, wait: 0 } });
}

export class RpcPool {
  readonly urls: readonly string[];
  readonly clients: PublicClient[];
  private current = 0;
  private failedOverAt = 0;
  private readonly timeoutMs: number;
  private readonly base: number;
  private readonly max: number;
  private readonly maxAttempts: number;
  private readonly primaryRetryMs: number;
  private readonly onFailure: (failure: RpcFailure) => void;
  /** Socket being opened, per WebSocket endpoint: shared by every caller meanwhile. */
  private readonly opening = new Map<number, Promise<unknown>>();
  failures = 0;

  constructor(options: RpcPoolOptions) {
    if (options.urls.length === 0) throw new Error('at least one RPC URL is needed');
    this.urls = options.urls;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.base = options.retry?.baseDelayMs ?? 100;
    this.max = options.retry?.maxDelayMs ?? 5_000;
    this.maxAttempts = options.retry?.maxAttempts ?? Number.POSITIVE_INFINITY;
    this.primaryRetryMs = options.primaryRetryMs ?? 30_000;
    this.onFailure = options.onFailure ?? (() => undefined);
    this.clients = this.urls.map((url) => createPublicClient({ transport: transportFor(url, this.timeoutMs), pollingInterval: 50 }) as PublicClient);
  }

  get currentUrl(): string {
    return this.urls[this.current] as string;
  }

  /** Runs `fn` against the current endpoint until it succeeds; permanent errors are thrown at once. */
  async call<T>(method: string, fn: (client: PublicClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new StoppedError();
      if (this.current !== 0 && Date.now() - this.failedOverAt > this.primaryRetryMs) this.current = 0;
      const index = this.current;
      try {
        await this.openSocket(index);
        return await fn(this.clients[index] as PublicClient);
      } catch (error) {
        if (signal?.aborted) throw new StoppedError();
        if (isPermanentRpcError(error)) throw error;
        this.dropSocket(index);
        this.failures++;
        const delayMs = backoffDelay(attempt, this.base, this.max);
        this.onFailure({ url: this.urls[index] as string, method, attempt: attempt + 1, delayMs, error: error as Error });
        if (attempt + 1 >= this.maxAttempts) throw error;
        if (this.urls.length > 1 && this.current === index) {
          this.current = (index + 1) % this.urls.length;
          this.failedOverAt = Date.now();
        }
        // Fail over at once the first time; back off when every endpoint has failed.
        if (attempt + 1 >= this.urls.length) await sleep(delayMs, signal);
      }
    }
  }

  /**
   * Opens (or reuses) the socket of WebSocket endpoint `index`; one opening at a time per endpoint, so that
   * concurrent callers do not each open one (viem would keep only the last and leak the others).
   */
  async openSocket(index: number): Promise<void> {
    const client = this.clients[index] as PublicClient;
    if (client.transport.type !== 'webSocket') return;
    let opening = this.opening.get(index);
    if (!opening) {
      opening = (client.transport as unknown as { getRpcClient(): Promise<unknown> }).getRpcClient().finally(() => this.opening.delete(index));
      this.opening.set(index, opening);
    }
    await opening;
  }

  /**
   * Closes and forgets the socket of WebSocket endpoint `index` if it is closed or closing (always with
   * `force`), so that the next call opens a new one. Opens nothing.
   */
  dropSocket(index: number, force = false): void {
    const url = this.urls[index] as string;
    if (!isWebSocketUrl(url)) return;
    for (const client of [...socketClientCache.values()]) {
      if (client.url !== url) continue;
      const state = (client.socket as { readyState?: number } | undefined)?.readyState;
      if (force || state === undefined || state === CLOSING || state === CLOSED) {
        try {
          client.close();
        } catch {
          // already gone
        }
      }
    }
  }

  /** Closes the WebSocket endpoints' sockets (waiting for one being opened); opens nothing. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.opening.values()]);
    for (let i = 0; i < this.urls.length; i++) this.dropSocket(i, true);
  }
}
