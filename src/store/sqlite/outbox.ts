/** `WebhookOutbox` on SQLite: the `webhook_outbox` table, drained in `seq` order per endpoint. */
import type { DeliveryStats, DeliveryStatus, OutboxEntry, WebhookOutbox } from '../store.js';
import type { SqliteDatabase } from './database.js';

/** A `webhook_outbox` row (the same columns on PostgreSQL). */
export interface OutboxRow {
  seq: number;
  endpoint: string;
  key: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export function toEntry(r: OutboxRow): OutboxEntry {
  const e: OutboxEntry = { seq: r.seq, endpoint: r.endpoint, key: r.key, body: r.body, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at };
  if (r.last_error !== null) e.lastError = r.last_error;
  if (r.delivered_at !== null) e.deliveredAt = r.delivered_at;
  return e;
}

export class SqliteOutbox implements WebhookOutbox {
  private readonly stmts;

  constructor(db: SqliteDatabase) {
    this.stmts = {
      enqueue: db.prepare('INSERT OR IGNORE INTO webhook_outbox (endpoint, key, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)'),
      next: db.prepare<[string], OutboxRow>("SELECT * FROM webhook_outbox WHERE endpoint = ? AND status = 'pending' ORDER BY seq LIMIT 1"),
      // An attempt `beginAttempt` already counted (in_flight = 1) is not counted again when it ends; one a
      // crash cut short stays counted, and the next begins with the next number.
      begin: db.prepare<[number], { attempts: number }>('UPDATE webhook_outbox SET attempts = attempts + 1, in_flight = 1 WHERE seq = ? RETURNING attempts'),
      delivered: db.prepare("UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1 - in_flight, in_flight = 0, delivered_at = ?, last_error = NULL WHERE seq = ?"),
      retry: db.prepare('UPDATE webhook_outbox SET attempts = attempts + 1 - in_flight, in_flight = 0, last_error = ?, next_attempt_at = ? WHERE seq = ?'),
      dead: db.prepare("UPDATE webhook_outbox SET status = 'dead', attempts = attempts + 1 - in_flight, in_flight = 0, last_error = ? WHERE seq = ?"),
      pending: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM webhook_outbox WHERE endpoint = ? AND status = 'pending'"),
      deliveries: db.prepare<[string], OutboxRow>('SELECT * FROM webhook_outbox WHERE endpoint = ? ORDER BY seq'),
      prune: db.prepare("DELETE FROM webhook_outbox WHERE status = 'delivered' AND delivered_at < ?"),
      counts: db.prepare<[string], { status: string; n: number }>('SELECT status, count(*) AS n FROM webhook_outbox WHERE endpoint = ? GROUP BY status'),
      lastError: db.prepare<[string], { last_error: string }>(
        "SELECT last_error FROM webhook_outbox WHERE endpoint = ? AND status != 'delivered' AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1",
      ),
    };
  }

  async enqueueDelivery(endpoint: string, key: string, body: string, now: number = Date.now()): Promise<boolean> {
    return this.stmts.enqueue.run(endpoint, key, body, now, now).changes > 0;
  }

  async nextDelivery(endpoint: string): Promise<OutboxEntry | null> {
    const row = this.stmts.next.get(endpoint);
    return row ? toEntry(row) : null;
  }

  async beginAttempt(seq: number): Promise<number> {
    return this.stmts.begin.get(seq)?.attempts ?? 0;
  }

  async markDelivered(seq: number, now: number = Date.now()): Promise<void> {
    this.stmts.delivered.run(now, seq);
  }

  async markRetry(seq: number, error: string, nextAttemptAt: number): Promise<void> {
    this.stmts.retry.run(error, nextAttemptAt, seq);
  }

  async markDead(seq: number, error: string): Promise<void> {
    this.stmts.dead.run(error, seq);
  }

  async pendingCount(endpoint: string): Promise<number> {
    return this.stmts.pending.get(endpoint)?.n ?? 0;
  }

  async deliveries(endpoint: string): Promise<OutboxEntry[]> {
    return this.stmts.deliveries.all(endpoint).map(toEntry);
  }

  /** One grouped query rather than `deliveries`, which loads every body. */
  async deliveryStats(endpoint: string): Promise<DeliveryStats> {
    const stats: DeliveryStats = { pending: 0, delivered: 0, dead: 0 };
    for (const { status, n } of this.stmts.counts.all(endpoint)) if (status === 'pending' || status === 'delivered' || status === 'dead') stats[status] = n;
    const last = this.stmts.lastError.get(endpoint);
    if (last) stats.lastError = last.last_error;
    return stats;
  }

  async pruneDelivered(before: number): Promise<number> {
    return this.stmts.prune.run(before).changes;
  }
}
