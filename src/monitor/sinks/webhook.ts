/**
 * Webhook delivery with a durable outbox. `send` writes the exact body into the outbox (SQLite) and
 * returns; one loop per sink drains the endpoint's queue in order: POST, and on failure retry with
 * exponential backoff and jitter. An unreachable endpoint delays its alerts but never loses them, also
 * across a restart (the queue is in the database). The head of the queue blocks the rest, so a receiver
 * sees alerts in the order they were raised.
 *
 * Each request carries:
 * - `X-Argus-Timestamp`: Unix seconds of this attempt;
 * - `X-Argus-Signature: sha256=<hex>`: HMAC-SHA256 with the shared secret over `<timestamp>.<raw body>`, so
 *   a receiver can check authenticity and refuse old timestamps (replays); see `verifyWebhookSignature`;
 * - `Idempotency-Key`: the alert id (`<id>:retraction` for a retraction), the same at every attempt, so a
 *   receiver that stores the keys it accepted sees each alert once even when a response was lost.
 *
 * Bounded: http(s) only, private/loopback/link-local destinations refused unless allowed (checked on every
 * connection's resolved address), a request timeout, a maximum body size, a capped response read, no
 * redirects followed. 2xx is success; 408, 425, 429, 3xx and 5xx are retried (honouring `Retry-After`);
 * other 4xx mean the endpoint refuses the body for good: the delivery is marked `dead` (kept, skipped).
 * The backoff is capped at 5 s by default (see `BackoffOptions.maxMs`): while a receiver is down only the
 * head of its queue is tried, one request each few seconds, so that it gets its backlog soon after it is back.
 * `X-Argus-Delivery-Attempt` numbers the attempts of a delivery, across restarts (counted as they start).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { VERSION } from '../../core/version.js';
import type { OutboxEntry, WebhookOutbox } from '../../store/store.js';
import { toJson } from '../../core/json.js';
import type { Alert, AlertEvent, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';
import { checkFormat, formatEvent, type WebhookFormat } from './formats.js';
import { checkUrl, guardedLookup, type DestinationPolicy } from './url-guard.js';

export const SIGNATURE_HEADER = 'x-argus-signature';
export const TIMESTAMP_HEADER = 'x-argus-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface BackoffOptions {
  /** First retry delay (default 1 s). */
  baseMs?: number;
  /**
   * Cap (default 5 s). Kept short on purpose: only the head of an endpoint's queue is tried while it is
   * down, so each retry is one probe, and a receiver that recovers gets its backlog within seconds rather
   * than after a backoff that grew during the outage. A `Retry-After` of the receiver is honoured up to 5 min.
   */
  maxMs?: number;
  /** Share of each delay that is random, 0..1 (default 0.5). */
  jitter?: number;
}

export interface WebhookSinkOptions {
  url: string;
  /** Shared HMAC secret. */
  secret: string;
  /** The outbox (usually the monitor's `Store`). Not closed by the sink. */
  store: WebhookOutbox;
  /** Outbox queue name (default: the URL). */
  endpoint?: string;
  /** Destinations refused by default; tests allow loopback. */
  allow?: DestinationPolicy;
  /** Per request, default 10 s. */
  timeoutMs?: number;
  /** Default 256 KiB. A larger alert loses its `evidence` (marked truncated); if still too large, `send` throws. */
  maxBodyBytes?: number;
  backoff?: BackoffOptions;
  /** Attempts before a delivery is marked dead; default unlimited (an outage only delays). */
  maxAttempts?: number;
  /**
   * Attempts refused by the destination policy (the name resolved to a private, loopback or link-local
   * address) before the delivery is marked dead (default 5): DNS may be mid-change, so a refusal is retried,
   * but a destination that keeps resolving to a refused address is not an outage to wait out forever.
   */
  maxRefusedAttempts?: number;
  logger?: Logger;
  /** The payload format (default `argus`: the `AlertEvent` JSON); see `formats.ts`. */
  format?: WebhookFormat;
  /** Telegram's chat id or PagerDuty's routing key, for those formats. */
  target?: string | null;
  /** For tests. */
  random?: () => number;
}

export interface DeliveryEvent {
  key: string;
  seq: number;
  attempts: number;
  status?: number;
  error?: string;
  nextAttemptAt?: number;
}

/** The signature header value for a body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Receiver side: true when `signature` is the HMAC of `<timestamp>.<body>` with `secret` and the timestamp
 * is within `toleranceSec` (default 300) of now.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string | Buffer,
  timestamp: string | undefined,
  signature: string | undefined,
  options: { toleranceSec?: number; now?: number } = {},
): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (options.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const DEFAULT_MAX_BACKOFF_MS = 5_000;
/** The longest `Retry-After` honoured. */
const MAX_RETRY_AFTER_MS = 300_000;

/** Delay before attempt `attempt + 1` after `attempt` failures: base·2^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? DEFAULT_MAX_BACKOFF_MS;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const d = Math.min(max, base * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(d * (1 - jitter) + d * jitter * random());
}

export type AttemptResult = { ok: true; status: number } | { ok: false; status?: number; error: string; permanent: boolean; retryAfterMs?: number; aborted?: boolean; refused?: boolean };

export const DEFAULT_MAX_REFUSED_ATTEMPTS = 5;

const MAX_RESPONSE_BYTES = 64 * 1024;

export class WebhookSink extends EventEmitter implements AlertSink {
  readonly name: string;
  readonly endpoint: string;
  private readonly url: URL;
  private readonly options: WebhookSinkOptions;
  private readonly store: WebhookOutbox;
  private closing = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private inflight: http.ClientRequest | null = null;
  private readonly loop: Promise<void>;

  constructor(options: WebhookSinkOptions) {
    super();
    this.url = checkUrl(options.url, options.allow ?? {});
    if (!options.secret) throw new ArgusError(ERROR_CODES.SINK, 'a webhook needs a signing secret', { url: this.url.origin });
    checkFormat(options.format ?? 'argus', options.target);
    this.options = options;
    this.store = options.store;
    this.endpoint = options.endpoint ?? this.url.href;
    this.name = `webhook:${this.url.origin}`;
    this.loop = this.run();
  }

  async send(alert: Alert): Promise<void> {
    await this.enqueue(alert.id, this.body({ type: 'alert', alert }));
  }

  async retract(retraction: Retraction): Promise<void> {
    await this.enqueue(`${retraction.alertId}:retraction`, this.body({ type: 'retraction', retraction }));
  }

  /** Resolves once nothing is pending for this endpoint; false on timeout. */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while ((await this.store.pendingCount(this.endpoint)) > 0) {
      if (Date.now() > until || this.closing) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
    return true;
  }

  /** Stops the loop (an attempt in flight is aborted and stays pending, to be retried by the next run). */
  async close(): Promise<void> {
    this.closing = true;
    this.inflight?.destroy(new Error('closing'));
    this.wake();
    await this.loop;
  }

  private body(event: AlertEvent): string {
    const max = this.options.maxBodyBytes ?? 256 * 1024;
    const format = this.options.format ?? 'argus';
    const formatOptions = { ...(this.options.target ? { target: this.options.target } : {}) };
    let body = formatEvent(format, event, formatOptions);
    if (Buffer.byteLength(body) <= max) return body;
    if (event.type === 'alert' && format === 'argus') {
      const bytes = Buffer.byteLength(body);
      const alert: Alert = { ...event.alert, finding: { ...event.alert.finding, evidence: { truncated: true, bytes } } };
      body = toJson({ type: 'alert', alert });
      if (Buffer.byteLength(body) <= max) return body;
    }
    throw new ArgusError(ERROR_CODES.SINK, `webhook body of ${Buffer.byteLength(body)} bytes is over the ${max}-byte limit`, { url: this.url.origin, bytes: Buffer.byteLength(body), max });
  }

  private async enqueue(key: string, body: string): Promise<void> {
    if (this.closing) throw new ArgusError(ERROR_CODES.SINK, `the webhook sink ${this.name} is closed`);
    if (await this.store.enqueueDelivery(this.endpoint, key, body)) this.wake();
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    if (w) w();
    else this.woken = true; // the loop is busy: it must not go to sleep on what it read before this
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.closing) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wake(), Math.max(0, ms)) : undefined;
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    while (!this.closing) {
      let entry: OutboxEntry | null;
      this.woken = false;
      try {
        entry = await this.store.nextDelivery(this.endpoint);
      } catch (error) {
        this.options.logger?.error(`webhook outbox unreadable: ${(error as Error).message}`, { endpoint: this.name });
        await this.sleep(1000);
        continue;
      }
      if (this.closing) break;
      if (!entry) {
        await this.sleep(Infinity);
        continue;
      }
      const wait = entry.nextAttemptAt - Date.now();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      let attempts: number;
      try {
        // Counted before it is made: after a crash mid-attempt the next one says 2, not 1 again.
        attempts = await this.store.beginAttempt(entry.seq);
      } catch (error) {
        if (this.closing) break;
        this.options.logger?.error(`webhook outbox unwritable: ${(error as Error).message}`, { endpoint: this.name });
        await this.sleep(1000);
        continue;
      }
      const result = await this.attempt(entry, attempts);
      if (!result.ok && result.aborted && this.closing) break;
      try {
        if (result.ok) {
          await this.store.markDelivered(entry.seq);
          this.emit('delivered', { key: entry.key, seq: entry.seq, attempts, status: result.status } satisfies DeliveryEvent);
        } else if (result.permanent || attempts >= (this.options.maxAttempts ?? Infinity) || (result.refused === true && attempts >= (this.options.maxRefusedAttempts ?? DEFAULT_MAX_REFUSED_ATTEMPTS))) {
          await this.store.markDead(entry.seq, result.error);
          this.options.logger?.error(`webhook delivery given up: ${result.error}`, { endpoint: this.name, key: entry.key, attempts });
          this.emit('dead', { key: entry.key, seq: entry.seq, attempts, status: result.status, error: result.error } satisfies DeliveryEvent);
        } else {
          const delay = Math.max(backoffDelay(attempts, this.options.backoff, this.options.random), Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
          const nextAttemptAt = Date.now() + delay;
          await this.store.markRetry(entry.seq, result.error, nextAttemptAt);
          this.options.logger?.warn(`webhook delivery failed, retrying in ${delay} ms: ${result.error}`, { endpoint: this.name, key: entry.key, attempts });
          this.emit('retry', { key: entry.key, seq: entry.seq, attempts, status: result.status, error: result.error, nextAttemptAt } satisfies DeliveryEvent);
        }
      } catch (error) {
        if (this.closing) break;
        this.options.logger?.error(`webhook outbox unwritable: ${(error as Error).message}`, { endpoint: this.name });
        await this.sleep(1000);
      }
    }
  }

  private attempt(entry: OutboxEntry, attempt: number): Promise<AttemptResult> {
    return postSigned({
      url: this.url,
      secret: this.options.secret,
      body: entry.body,
      key: entry.key,
      attempt,
      allow: this.options.allow ?? {},
      timeoutMs: this.options.timeoutMs ?? 10_000,
      onRequest: (req) => (this.inflight = req),
      aborted: () => this.closing,
    });
  }
}

export interface PostSignedOptions {
  url: URL;
  secret: string;
  body: string;
  /** The Idempotency-Key header. */
  key: string;
  /** X-Argus-Delivery-Attempt (default 1). */
  attempt?: number;
  allow?: DestinationPolicy;
  timeoutMs?: number;
  /** Called with the request once made (the sink keeps it to abort it when closing). */
  onRequest?: (req: http.ClientRequest | null) => void;
  /** True when an error came from the caller closing. */
  aborted?: () => boolean;
}

/**
 * One signed POST, under the destination policy (checked on the resolved address), with a timeout and a
 * capped response read: what every delivery attempt does, and what a subscription's "send test" does once.
 */
export function postSigned(options: PostSignedOptions): Promise<AttemptResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  const body = Buffer.from(options.body, 'utf8');
  const policy = options.allow ?? {};
  const url = options.url;
  const mod = url.protocol === 'https:' ? https : http;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.onRequest?.(null);
      resolve(r);
    };
    const req = mod.request(url, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(policy) as unknown as http.RequestOptions['lookup'],
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        'user-agent': `argus/${VERSION}`,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
        [IDEMPOTENCY_HEADER]: options.key,
        'x-argus-delivery-attempt': String(options.attempt ?? 1),
      },
    });
    options.onRequest?.(req);
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    // Network errors and timeouts are retried without limit: an outage must only delay alerts. A
    // destination the policy refuses after DNS is retried too (DNS changes), but only maxRefusedAttempts times.
    req.on('error', (error: Error & { code?: string }) => {
      const refused = error.code === ERROR_CODES.UNSAFE_URL;
      finish({ ok: false, error: `${error.code ? error.code + ': ' : ''}${error.message}`, permanent: false, aborted: options.aborted?.() ?? false, ...(refused ? { refused } : {}) });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () => {
        if (status >= 200 && status < 300) return finish({ ok: true, status });
        const retryable = status < 400 || status >= 500 || status === 408 || status === 425 || status === 429;
        const ra = res.headers['retry-after'];
        const retryAfterMs = ra !== undefined && /^\d+$/.test(ra) ? Number(ra) * 1000 : undefined;
        finish({ ok: false, status, error: `HTTP ${status}`, permanent: !retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.end(body);
  });
}
