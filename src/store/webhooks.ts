/**
 * Webhook subscriptions: the receivers users register through the API, each with its own signing secret
 * and filter (a minimum severity, optionally a list of detectors). They live in a `webhook_subscriptions`
 * table of the alert store's SQLite file, through their own connection (WAL), so the server that writes
 * them and the `argus watch` that delivers to them (`SubscriptionSink`) may be different processes.
 *
 * Deleting is a soft delete: the row stays (with `deleted_at`) so that the outbox rows queued for it,
 * endpoint `subscription:<id>`, still name something that can be explained later.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/finding.js';

/** Active subscriptions at most: each one is a delivery loop in the monitor. */
export const MAX_SUBSCRIPTIONS = 100;
export const MAX_SUBSCRIPTION_DETECTORS = 50;
export const MAX_DESCRIPTION = 200;
export const MAX_WEBHOOK_URL = 2048;
/** A detector id such as `monitor/large-transfer`. */
export const DETECTOR_PATTERN = '^[a-z0-9-]+/[a-z0-9-]+$';
const DETECTOR_RE = new RegExp(DETECTOR_PATTERN);

export interface WebhookSubscription {
  /** `wh_` and 16 hex characters. */
  id: string;
  url: string;
  /** Alerts below this severity are not sent (default `low`). */
  minSeverity: Severity;
  /** Only alerts of these detectors; empty: every detector. */
  detectors: string[];
  description: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/** What `create` returns and the sink needs: the subscription with its HMAC secret. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  secret: string;
}

export interface NewSubscription {
  url: string;
  minSeverity?: Severity;
  detectors?: string[];
  description?: string;
}

export interface DeliveryStats {
  pending: number;
  delivered: number;
  dead: number;
  /** The latest error of a delivery not (yet) delivered. */
  lastError?: string;
}

/** The outbox queue (`WebhookSink` endpoint) a subscription's deliveries go to. */
export function subscriptionEndpoint(id: string): string {
  return `subscription:${id}`;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  min_severity TEXT NOT NULL DEFAULT 'low',
  detectors TEXT NOT NULL DEFAULT '[]',
  description TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
`;

interface Row {
  id: string;
  url: string;
  secret: string;
  min_severity: Severity;
  detectors: string;
  description: string | null;
  created_at: string;
}

function toSubscription(row: Row): WebhookSubscription {
  return { id: row.id, url: row.url, minSeverity: row.min_severity, detectors: JSON.parse(row.detectors) as string[], description: row.description, createdAt: row.created_at };
}

/**
 * The checks that do not depend on where the caller runs (the API's schema says the same; the destination
 * policy, loopback and private addresses, is the caller's and the sink's business).
 */
function validate(input: NewSubscription): void {
  const bad = (message: string, details: Record<string, unknown> = {}) => new ArgusError(ERROR_CODES.USAGE, message, details);
  if (input.url.length > MAX_WEBHOOK_URL || !/^https?:\/\//i.test(input.url)) throw bad(`a webhook URL must be http(s) and at most ${MAX_WEBHOOK_URL} characters`);
  if (input.minSeverity !== undefined && !SEVERITIES.includes(input.minSeverity)) throw bad(`unknown severity ${String(input.minSeverity)}`, { allowed: SEVERITIES });
  const detectors = input.detectors ?? [];
  if (detectors.length > MAX_SUBSCRIPTION_DETECTORS) throw bad(`at most ${MAX_SUBSCRIPTION_DETECTORS} detectors per subscription`);
  const wrong = detectors.find((d) => !DETECTOR_RE.test(d));
  if (wrong !== undefined) throw bad(`not a detector id: ${wrong}`, { detector: wrong });
  if ((input.description?.length ?? 0) > MAX_DESCRIPTION) throw bad(`a description is at most ${MAX_DESCRIPTION} characters`);
}

export class WebhookSubscriptions {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly insertCapped: Database.Transaction<(row: Row) => void>;

  /** `target`: a SQLite file path, or anything with a `file` (such as the `SqliteAlertStore`). */
  constructor(target: string | { file: string }) {
    this.file = typeof target === 'string' ? target : target.file;
    try {
      this.db = new Database(this.file);
      if (this.file !== ':memory:') this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    } catch (error) {
      throw new ArgusError(ERROR_CODES.STORE, `cannot open the webhook subscriptions in ${this.file}: ${(error as Error).message}`, { file: this.file }, { cause: error });
    }
    const db = this.db;
    const cols = 'id, url, secret, min_severity, detectors, description, created_at';
    this.stmts = {
      insert: db.prepare(`INSERT INTO webhook_subscriptions (${cols}) VALUES (@id, @url, @secret, @min_severity, @detectors, @description, @created_at)`),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM webhook_subscriptions WHERE deleted_at IS NULL'),
      active: db.prepare<[], Row>(`SELECT ${cols} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY rowid`),
      get: db.prepare<[string], Row>(`SELECT ${cols} FROM webhook_subscriptions WHERE id = ? AND deleted_at IS NULL`),
      remove: db.prepare('UPDATE webhook_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
    };
    this.insertCapped = db.transaction((row: Row) => {
      if ((this.stmts.count.get()?.n ?? 0) >= MAX_SUBSCRIPTIONS) {
        throw new ArgusError(ERROR_CODES.USAGE, `at most ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first`, { max: MAX_SUBSCRIPTIONS });
      }
      this.stmts.insert.run(row);
    });
  }

  /** Registers a receiver; the result carries the generated secret, which `list` and `get` never show. */
  create(input: NewSubscription): WebhookSubscriptionWithSecret {
    validate(input);
    const row: Row = {
      id: 'wh_' + randomBytes(8).toString('hex'),
      url: input.url,
      secret: randomBytes(32).toString('base64url'),
      min_severity: input.minSeverity ?? 'low',
      detectors: JSON.stringify(input.detectors ?? []),
      description: input.description ?? null,
      created_at: new Date().toISOString(),
    };
    // IMMEDIATE: the count and the insert hold the write lock together, so two processes creating at
    // once cannot both pass the cap.
    this.insertCapped.immediate(row);
    return { ...toSubscription(row), secret: row.secret };
  }

  /** Active subscriptions, oldest first, without secrets. */
  list(): WebhookSubscription[] {
    return this.stmts.active.all().map(toSubscription);
  }

  /** An active subscription without its secret, or null. */
  get(id: string): WebhookSubscription | null {
    const row = this.stmts.get.get(id);
    return row ? toSubscription(row) : null;
  }

  /** Active subscriptions with their secrets, for the sink that signs deliveries. */
  active(): WebhookSubscriptionWithSecret[] {
    return this.stmts.active.all().map((row) => ({ ...toSubscription(row), secret: row.secret }));
  }

  /** Soft delete; false when there is no such active subscription. */
  delete(id: string): boolean {
    return this.stmts.remove.run(new Date().toISOString(), id).changes > 0;
  }

  /**
   * Delivery counts of a subscription's outbox queue. Read here with one grouped query rather than through
   * `AlertStore.deliveries`, which loads every body; zeros when the outbox table does not exist yet.
   */
  deliveryStats(id: string): DeliveryStats {
    const endpoint = subscriptionEndpoint(id);
    const stats: DeliveryStats = { pending: 0, delivered: 0, dead: 0 };
    if (!this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'webhook_outbox'").get()?.n) return stats;
    const counts = this.db.prepare<[string], { status: string; n: number }>('SELECT status, count(*) AS n FROM webhook_outbox WHERE endpoint = ? GROUP BY status').all(endpoint);
    for (const { status, n } of counts) if (status === 'pending' || status === 'delivered' || status === 'dead') stats[status] = n;
    const last = this.db
      .prepare<[string], { last_error: string }>("SELECT last_error FROM webhook_outbox WHERE endpoint = ? AND status != 'delivered' AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1")
      .get(endpoint);
    if (last) stats.lastError = last.last_error;
    return stats;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
