/**
 * Delivers alerts to the webhook subscriptions registered through the API. The subscriptions are read
 * from the store (the server that creates them may be another process), at most every `refreshMs`:
 * on a timer, so a deleted subscription stops retrying soon, and before a send when the last read is
 * older than that, so a new one gets the next alert. Each subscription gets its own `WebhookSink`, with
 * its own secret and its own outbox queue (`subscription:<id>`), so a slow or dead receiver delays only
 * itself, and what was queued survives a restart like any webhook delivery.
 */
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { severityRank } from '../../core/finding.js';
import type { Logger } from '../../core/logger.js';
import type { SubscriptionStore, WebhookOutbox, WebhookSubscription, WebhookSubscriptionWithSecret } from '../../store/store.js';
import { subscriptionEndpoint } from '../../store/webhooks.js';
import type { Alert, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';
import type { DestinationPolicy } from './url-guard.js';
import { WebhookSink, type BackoffOptions } from './webhook.js';

export interface SubscriptionSinkOptions {
  /** Where the subscriptions are read (usually the monitor's `Store`). Not closed by the sink. */
  subscriptions: SubscriptionStore;
  /** The outbox (usually the same `Store`). Not closed by the sink. */
  outbox: WebhookOutbox;
  /** Destinations refused by default (public addresses only); tests allow loopback. */
  allow?: DestinationPolicy;
  logger?: Logger;
  backoff?: BackoffOptions;
  /** Re-read the subscriptions at most this often (default 2000 ms). */
  refreshMs?: number;
}

/** True when `alert` passes the subscription's filter. */
export function subscriptionMatches(subscription: Pick<WebhookSubscription, 'minSeverity' | 'detectors'>, alert: Alert): boolean {
  if (severityRank(alert.finding.severity) < severityRank(subscription.minSeverity)) return false;
  return subscription.detectors.length === 0 || subscription.detectors.includes(alert.finding.detector);
}

interface Target {
  subscription: WebhookSubscription;
  sink: WebhookSink;
}

export class SubscriptionSink implements AlertSink {
  readonly name = 'subscriptions';
  private readonly options: SubscriptionSinkOptions;
  private readonly store: SubscriptionStore;
  /** The refresh running, if any: one at a time. */
  private refreshing: Promise<void> | undefined;
  private readonly refreshMs: number;
  private readonly targets = new Map<string, Target>();
  /** Subscriptions the policy refused, so the warning is logged once, not at every refresh. */
  private readonly refused = new Set<string>();
  /** Sinks of deleted subscriptions being closed; `close` waits for them. */
  private readonly closing = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private lastRefresh = 0;
  /** The first read of the subscriptions (started by the constructor). */
  readonly ready: Promise<void>;
  private closed = false;

  constructor(options: SubscriptionSinkOptions) {
    this.options = options;
    this.refreshMs = Math.max(0, options.refreshMs ?? 2000);
    this.store = options.subscriptions;
    // At once: deliveries a previous run left in the outbox resume without waiting for an alert.
    this.ready = this.refresh();
    this.timer = setInterval(() => void this.refresh(), Math.max(10, this.refreshMs));
    this.timer.unref();
  }

  /** Subscription ids with a delivery loop (for tests and diagnostics). */
  get subscriptionIds(): string[] {
    return [...this.targets.keys()];
  }

  async send(alert: Alert): Promise<void> {
    await this.refreshIfStale();
    await this.each(this.matching(alert), (sink) => sink.send(alert));
  }

  /** To the subscriptions that would have received the alert; to all of them when it is not known. */
  async retract(retraction: Retraction): Promise<void> {
    await this.refreshIfStale();
    const alert = retraction.alert;
    // A subscription created after the alert was raised never got it: it has nothing to withdraw.
    const targets = alert ? this.matching(alert).filter((t) => t.subscription.createdAt <= alert.createdAt) : [...this.targets.values()];
    await this.each(targets, (sink) => sink.retract(retraction));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const sinks = [...this.targets.values()].map((t) => t.sink);
    this.targets.clear();
    await Promise.allSettled([...sinks.map((s) => s.close()), ...this.closing, ...(this.refreshing ? [this.refreshing] : [])]);
  }

  /**
   * Reads the active subscriptions: starts sinks for new ones, closes those of deleted ones. Never rejects.
   * One read at a time: a call while one runs waits for that one.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.readSubscriptions().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readSubscriptions(): Promise<void> {
    if (this.closed) return;
    this.lastRefresh = Date.now();
    let active: WebhookSubscriptionWithSecret[];
    try {
      active = await this.store.activeSubscriptions();
    } catch (error) {
      this.options.logger?.error(`webhook subscriptions unreadable: ${(error as Error).message}`);
      return;
    }
    if (this.closed) return;
    const ids = new Set(active.map((s) => s.id));
    for (const [id, target] of this.targets) {
      if (ids.has(id)) continue;
      this.targets.delete(id);
      const done: Promise<void> = target.sink
        .close()
        .catch((error: unknown) => this.options.logger?.warn(`closing the webhook of subscription ${id} failed: ${(error as Error).message}`))
        .finally(() => this.closing.delete(done));
      this.closing.add(done);
    }
    for (const { secret, ...subscription } of active) {
      if (this.targets.has(subscription.id) || this.refused.has(subscription.id)) continue;
      try {
        const sink = new WebhookSink({
          url: subscription.url,
          secret,
          store: this.options.outbox,
          endpoint: subscriptionEndpoint(subscription.id),
          format: subscription.format,
          target: subscription.target,
          ...(this.options.allow ? { allow: this.options.allow } : {}),
          ...(this.options.logger ? { logger: this.options.logger } : {}),
          ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        });
        this.targets.set(subscription.id, { subscription, sink });
      } catch (error) {
        // The server checks URLs at creation, but under its own policy: this monitor's may be stricter.
        this.refused.add(subscription.id);
        this.options.logger?.warn(`webhook subscription ${subscription.id} skipped: ${(error as Error).message}`, { subscription: subscription.id });
      }
    }
  }

  /** Before a send: the read running (the first one, say) finishes first; a stale list is read again. */
  private async refreshIfStale(): Promise<void> {
    if (this.refreshing) await this.refreshing;
    else if (Date.now() - this.lastRefresh >= this.refreshMs) await this.refresh();
  }

  private matching(alert: Alert): Target[] {
    return [...this.targets.values()].filter((t) => subscriptionMatches(t.subscription, alert));
  }

  /** Runs `op` on every target; one failure (e.g. a body over the limit) does not stop the others. */
  private async each(targets: Target[], op: (sink: WebhookSink) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(targets.map((t) => op(t.sink)));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${targets[i]?.subscription.id}: ${(r.reason as Error)?.message ?? String(r.reason)}`] : []));
    if (failed.length > 0) throw new ArgusError(ERROR_CODES.SINK, `webhook subscriptions failed: ${failed.join('; ')}`, { failed: failed.length });
  }
}
