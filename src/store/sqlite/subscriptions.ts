/** `SubscriptionStore` on SQLite: the `webhook_subscriptions` table (deleting sets `deleted_at`). */
import type { Severity } from '../../core/finding.js';
import { MAX_SUBSCRIPTIONS, newSubscription, tooManySubscriptions } from '../webhooks.js';
import type { NewSubscription, SubscriptionStore, WebhookFormat, WebhookSubscription, WebhookSubscriptionWithSecret } from '../store.js';
import type { SqliteDatabase } from './database.js';

/** A `webhook_subscriptions` row (the same columns on PostgreSQL). */
export interface SubscriptionRow {
  id: string;
  url: string;
  secret: string;
  min_severity: Severity;
  detectors: string;
  description: string | null;
  created_at: string;
  format: WebhookFormat;
  target: string | null;
}

export function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return { id: row.id, url: row.url, minSeverity: row.min_severity, detectors: JSON.parse(row.detectors) as string[], description: row.description, createdAt: row.created_at, format: row.format ?? 'argus', target: row.target ?? null };
}

export class SqliteSubscriptions implements SubscriptionStore {
  private readonly stmts;
  private readonly insertCapped: { immediate(row: SubscriptionRow): void };

  constructor(db: SqliteDatabase) {
    const cols = 'id, url, secret, min_severity, detectors, description, created_at, format, target';
    this.stmts = {
      insert: db.prepare(`INSERT INTO webhook_subscriptions (${cols}) VALUES (@id, @url, @secret, @min_severity, @detectors, @description, @created_at, @format, @target)`),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM webhook_subscriptions WHERE deleted_at IS NULL'),
      active: db.prepare<[], SubscriptionRow>(`SELECT ${cols} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY rowid`),
      get: db.prepare<[string], SubscriptionRow>(`SELECT ${cols} FROM webhook_subscriptions WHERE id = ? AND deleted_at IS NULL`),
      remove: db.prepare('UPDATE webhook_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
    };
    this.insertCapped = db.transaction((row: SubscriptionRow) => {
      if ((this.stmts.count.get()?.n ?? 0) >= MAX_SUBSCRIPTIONS) throw tooManySubscriptions();
      this.stmts.insert.run(row);
    });
  }

  async createSubscription(input: NewSubscription): Promise<WebhookSubscriptionWithSecret> {
    const created = newSubscription(input);
    // IMMEDIATE: the count and the insert hold the write lock together, so two processes creating at
    // once cannot both pass the cap.
    this.insertCapped.immediate({
      id: created.id,
      url: created.url,
      secret: created.secret,
      min_severity: created.minSeverity,
      detectors: JSON.stringify(created.detectors),
      description: created.description,
      created_at: created.createdAt,
      format: created.format,
      target: created.target,
    });
    return created;
  }

  async subscriptions(): Promise<WebhookSubscription[]> {
    return this.stmts.active.all().map(toSubscription);
  }

  async subscription(id: string): Promise<WebhookSubscription | null> {
    const row = this.stmts.get.get(id);
    return row ? toSubscription(row) : null;
  }

  async activeSubscriptions(): Promise<WebhookSubscriptionWithSecret[]> {
    return this.stmts.active.all().map((row) => ({ ...toSubscription(row), secret: row.secret }));
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.stmts.remove.run(new Date().toISOString(), id).changes > 0;
  }
}
