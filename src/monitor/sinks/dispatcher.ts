/**
 * Fans alerts out to sinks. With an `AlertStore` the alert is persisted first and the store decides what
 * is a duplicate (an alert whose id is already stored is not sent again, across restarts too); without
 * one, a bounded in-memory set of recent ids does. The store marks the alert dispatched once the sinks
 * have it: an alert stored by a process killed before that is sent again when its block is replayed
 * (at least once; the webhook outbox and the JSONL sink recognise what they already have). One failing sink never stops the others: its error is
 * logged and returned.
 *
 * `retract(alertId, reason)` is the reorg path: the alert is marked retracted in the store and a
 * retraction goes to every sink (once). `retractBlock` retracts every alert raised on a dropped block.
 */
import type { Logger } from '../../core/logger.js';
import type { AlertStore } from '../../store/alerts.js';
import type { Alert, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';

export interface DispatchResult {
  /** False for a duplicate (nothing sent). */
  sent: boolean;
  errors: { sink: string; error: unknown }[];
}

export interface AlertDispatcherOptions {
  sinks: AlertSink[];
  store?: AlertStore;
  logger?: Logger;
  /** Recent ids remembered for duplicates when there is no store (default 10,000). */
  recentIds?: number;
}

class RecentSet {
  private readonly set = new Set<string>();
  constructor(private readonly max: number) {}
  /** True when `id` was not there (and adds it). */
  add(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    if (this.set.size > this.max) {
      const oldest = this.set.values().next().value;
      if (oldest !== undefined) this.set.delete(oldest);
    }
    return true;
  }
}

export class AlertDispatcher {
  private readonly sinks: AlertSink[];
  private readonly store: AlertStore | undefined;
  private readonly logger: Logger | undefined;
  private readonly seen: RecentSet;
  private readonly retracted: RecentSet;

  constructor(options: AlertDispatcherOptions) {
    this.sinks = [...options.sinks];
    this.store = options.store;
    this.logger = options.logger;
    this.seen = new RecentSet(options.recentIds ?? 10_000);
    this.retracted = new RecentSet(options.recentIds ?? 10_000);
  }

  async raise(alert: Alert): Promise<DispatchResult> {
    if (!this.store) {
      if (!this.seen.add(alert.id)) return { sent: false, errors: [] };
      return { sent: true, errors: await this.fanOut((s) => s.send(alert)) };
    }
    if (!(await this.store.saveAlert(alert)) && (await this.store.isDispatched(alert.id))) return { sent: false, errors: [] };
    const errors = await this.fanOut((s) => s.send(alert));
    await this.store.markDispatched(alert.id);
    return { sent: true, errors };
  }

  /** Null when the store does not know the alert or it was already retracted. */
  async retract(alertId: string, reason: string, at: Date = new Date()): Promise<(Retraction & { errors: DispatchResult['errors'] }) | null> {
    const retraction: Retraction = { alertId, reason, retractedAt: at.toISOString() };
    if (this.store) {
      const r = await this.store.retractAlert(alertId, reason, at);
      if (!r || !r.changed) return null;
      const { retractedAt: _a, retractReason: _r, ...alert } = r.alert;
      retraction.alert = alert;
    } else if (!this.retracted.add(alertId)) {
      return null;
    }
    return { ...retraction, errors: await this.fanOut((s) => s.retract(retraction)) };
  }

  /** Retracts every live alert raised on `blockHash` (a block a reorg dropped); returns the retracted ids. */
  async retractBlock(chainId: number, blockHash: string, reason = 'reorg: block dropped'): Promise<string[]> {
    if (!this.store) return [];
    const out: string[] = [];
    for (const a of await this.store.alerts({ chainId, blockHash })) if (await this.retract(a.id, reason)) out.push(a.id);
    return out;
  }

  /** Closes every sink (not the store, which the caller owns). */
  async close(): Promise<void> {
    await this.fanOut((s) => s.close());
  }

  private async fanOut(op: (sink: AlertSink) => Promise<void>): Promise<DispatchResult['errors']> {
    const results = await Promise.allSettled(this.sinks.map(op));
    const errors: DispatchResult['errors'] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      const sink = this.sinks[i]?.name ?? String(i);
      errors.push({ sink, error: r.reason });
      this.logger?.error(`alert sink ${sink} failed: ${(r.reason as Error)?.message ?? String(r.reason)}`);
    });
    return errors;
  }
}
