/**
 * The alert store: raised alerts (with their retraction, if a reorg removed their transaction) and the
 * webhook outbox, a durable queue of deliveries per endpoint. It lives in the same SQLite file as the
 * stream's `SqliteStore` (its own connection, WAL mode, so both can be open at once) and leaves the
 * `Store` interface alone.
 *
 * Outbox rows are unique per (endpoint, idempotency key): enqueuing the same alert twice, even after a
 * restart, queues one delivery. Delivered rows are kept (status `delivered`) so that a later duplicate is
 * still recognised; `pruneDelivered` forgets old ones. Rows are drained in `seq` order per endpoint.
 *
 * An alert is stored before the sinks get it and marked dispatched after (`markDispatched`), so a process
 * killed in between leaves it undispatched: the replay of its block sends it again (`isDispatched`)
 * instead of taking it for a duplicate and losing it.
 *
 * Incidents: the monitor raises a `monitor/incident` alert each time an incident grows, naming the
 * incident's id in its evidence. The `incidents` table points at each incident's newest such alert that no
 * reorg retracted (kept up to date by `saveAlert` and `retractAlert`, in the same transaction), so the API
 * lists and opens incidents by index however long the watch has run.
 *
 * Every method returns a promise so that a server database fits the same interface later.
 */
import Database from 'better-sqlite3';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { INCIDENT_DETECTOR } from '../core/alert.js';
import type { Alert } from '../core/alert.js';
import { toJson } from './sqlite.js';

export interface StoredAlert extends Alert {
  /** ISO 8601, set once the alert is retracted. */
  retractedAt?: string;
  retractReason?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxEntry {
  seq: number;
  endpoint: string;
  /** The idempotency key: the alert id, or `<id>:retraction`. */
  key: string;
  /** The exact body to send (signed afresh at each attempt). */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
}

export interface AlertQuery {
  chainId?: number;
  fromBlock?: number;
  toBlock?: number;
  blockHash?: string;
  includeRetracted?: boolean;
  limit?: number;
}

export interface AlertStore {
  /** Stores the alert (not yet dispatched); false (and nothing changed) when an alert with the same id is already stored. */
  saveAlert(alert: Alert): Promise<boolean>;
  /** Records that every sink was given the alert. */
  markDispatched(id: string): Promise<void>;
  /** True when the alert is stored and was marked dispatched. */
  isDispatched(id: string): Promise<boolean>;
  getAlert(id: string): Promise<StoredAlert | null>;
  /** Oldest block first, then in the order they were raised. */
  alerts(query?: AlertQuery): Promise<StoredAlert[]>;
  /** Marks the alert retracted (the first reason wins); null when no such alert is stored. */
  retractAlert(id: string, reason: string, at?: Date): Promise<{ alert: StoredAlert; changed: boolean } | null>;
  /** Queues a delivery; false when (endpoint, key) is already queued or delivered. */
  enqueueDelivery(endpoint: string, key: string, body: string, now?: number): Promise<boolean>;
  /** The oldest pending delivery of `endpoint` (due or not), or null. */
  nextDelivery(endpoint: string): Promise<OutboxEntry | null>;
  markDelivered(seq: number, now?: number): Promise<void>;
  markRetry(seq: number, error: string, nextAttemptAt: number): Promise<void>;
  /** Gives up on a delivery the endpoint refused for good (kept for inspection, skipped by the queue). */
  markDead(seq: number, error: string): Promise<void>;
  pendingCount(endpoint: string): Promise<number>;
  deliveries(endpoint: string): Promise<OutboxEntry[]>;
  /** Forgets delivered rows older than `before` (epoch ms); returns how many. */
  pruneDelivered(before: number): Promise<number>;
  close(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  chain_id INTEGER NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  tx_hash TEXT,
  detector TEXT NOT NULL,
  severity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  retracted_at TEXT,
  retract_reason TEXT,
  dispatched INTEGER NOT NULL DEFAULT 1,
  incident_id TEXT
);
CREATE INDEX IF NOT EXISTS alerts_by_block ON alerts (chain_id, block_number);
-- The API's filtered pages read newest first (by seq) and stop at the page size: with seq in the index
-- they never sort all the rows of a common detector or severity (58 ms a page on 50k alerts without).
CREATE INDEX IF NOT EXISTS alerts_by_detector ON alerts (detector, seq);
CREATE INDEX IF NOT EXISTS alerts_by_severity ON alerts (severity, seq);
CREATE TABLE IF NOT EXISTS webhook_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint TEXT NOT NULL,
  key TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  UNIQUE (endpoint, key)
);
CREATE INDEX IF NOT EXISTS outbox_pending ON webhook_outbox (endpoint, status, seq);
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  alert_seq INTEGER NOT NULL,
  severity TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_seq ON incidents (alert_seq);
CREATE INDEX IF NOT EXISTS incidents_by_severity ON incidents (severity, alert_seq);
`;

/** Created after the migration that adds `incident_id` to stores from before it. */
const INCIDENT_INDEX = 'CREATE INDEX IF NOT EXISTS alerts_by_incident ON alerts (incident_id, seq) WHERE incident_id IS NOT NULL';

/** The incident an alert stands for: its evidence's `incidentId`, for `monitor/incident` alerts only. */
export function incidentIdOf(alert: Pick<Alert, 'finding'>): string | null {
  const id = alert.finding.detector === INCIDENT_DETECTOR ? alert.finding.evidence.incidentId : undefined;
  return typeof id === 'string' ? id : null;
}

export interface AlertRow {
  data: string;
  retracted_at: string | null;
  retract_reason: string | null;
}

interface OutboxRow {
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

/** A stored row as the alert it holds, with its retraction when there is one. */
export function toAlert(row: AlertRow): StoredAlert {
  const alert = JSON.parse(row.data) as StoredAlert;
  if (row.retracted_at !== null) {
    alert.retractedAt = row.retracted_at;
    if (row.retract_reason !== null) alert.retractReason = row.retract_reason;
  }
  return alert;
}

/** Every filter the alerts table is read with (the store's own queries and the API's pages). */
export interface AlertFilter extends Omit<AlertQuery, 'limit'> {
  detector?: string;
  severity?: string;
  /** Only rows stored before this one (a page cursor). */
  beforeSeq?: number;
}

/** The WHERE clause (empty when nothing filters) and its arguments for `filter`. */
export function alertFilter(filter: AlertFilter): { where: string; args: (string | number)[] } {
  const clauses: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    args.push(value);
  };
  add('chain_id = ?', filter.chainId);
  add('detector = ?', filter.detector);
  add('severity = ?', filter.severity);
  add('block_number >= ?', filter.fromBlock);
  add('block_number <= ?', filter.toBlock);
  add('lower(block_hash) = lower(?)', filter.blockHash);
  add('seq < ?', filter.beforeSeq);
  if (!filter.includeRetracted) clauses.push('retracted_at IS NULL');
  return { where: clauses.length ? 'WHERE ' + clauses.join(' AND ') : '', args };
}

function toEntry(r: OutboxRow): OutboxEntry {
  const e: OutboxEntry = { seq: r.seq, endpoint: r.endpoint, key: r.key, body: r.body, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at };
  if (r.last_error !== null) e.lastError = r.last_error;
  if (r.delivered_at !== null) e.deliveredAt = r.delivered_at;
  return e;
}

export class SqliteAlertStore implements AlertStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}) {
    this.file = file;
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      // Stores from before the column: their alerts were dispatched.
      const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(alerts)').all();
      if (!columns.some((c) => c.name === 'dispatched')) this.db.exec('ALTER TABLE alerts ADD COLUMN dispatched INTEGER NOT NULL DEFAULT 1');
      // Stores from before incidents were indexed: the column from the stored evidence, then the table.
      if (!columns.some((c) => c.name === 'incident_id')) {
        this.db.transaction(() => {
          this.db.exec('ALTER TABLE alerts ADD COLUMN incident_id TEXT');
          this.db.prepare("UPDATE alerts SET incident_id = json_extract(data, '$.finding.evidence.incidentId') WHERE detector = ?").run(INCIDENT_DETECTOR);
          this.db.exec(INCIDENT_INDEX);
          this.db.exec('DELETE FROM incidents');
          this.db.exec(
            'INSERT INTO incidents (id, chain_id, alert_seq, severity) SELECT a.incident_id, a.chain_id, a.seq, a.severity FROM alerts a ' +
              'JOIN (SELECT max(seq) AS seq FROM alerts WHERE incident_id IS NOT NULL AND retracted_at IS NULL GROUP BY incident_id) newest ON a.seq = newest.seq',
          );
        })();
      }
      this.db.exec(INCIDENT_INDEX);
    } catch (error) {
      throw new ArgusError(ERROR_CODES.STORE, `cannot open the alert store ${file}: ${(error as Error).message}`, { file }, { cause: error });
    }
    const db = this.db;
    const alertCols = 'data, retracted_at, retract_reason';
    this.stmts = {
      insertAlert: db.prepare(
        'INSERT OR IGNORE INTO alerts (id, chain_id, block_number, block_hash, tx_hash, detector, severity, created_at, data, dispatched, incident_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
      ),
      // The incident's newest live alert, or none (its row goes) when every one was retracted.
      newestOfIncident: db.prepare<[string], { seq: number; chain_id: number; severity: string }>(
        'SELECT seq, chain_id, severity FROM alerts WHERE incident_id = ? AND retracted_at IS NULL ORDER BY seq DESC LIMIT 1',
      ),
      upsertIncident: db.prepare(
        'INSERT INTO incidents (id, chain_id, alert_seq, severity) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET chain_id = excluded.chain_id, alert_seq = excluded.alert_seq, severity = excluded.severity',
      ),
      deleteIncident: db.prepare('DELETE FROM incidents WHERE id = ?'),
      incidentOfAlert: db.prepare<[string], { incident_id: string | null }>('SELECT incident_id FROM alerts WHERE id = ?'),
      dispatched: db.prepare('UPDATE alerts SET dispatched = 1 WHERE id = ?'),
      isDispatched: db.prepare<[string], { dispatched: number }>('SELECT dispatched FROM alerts WHERE id = ?'),
      getAlert: db.prepare<[string], AlertRow>(`SELECT ${alertCols} FROM alerts WHERE id = ?`),
      retract: db.prepare('UPDATE alerts SET retracted_at = ?, retract_reason = ? WHERE id = ? AND retracted_at IS NULL'),
      enqueue: db.prepare('INSERT OR IGNORE INTO webhook_outbox (endpoint, key, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)'),
      next: db.prepare<[string], OutboxRow>("SELECT * FROM webhook_outbox WHERE endpoint = ? AND status = 'pending' ORDER BY seq LIMIT 1"),
      delivered: db.prepare("UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE seq = ?"),
      retry: db.prepare('UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?'),
      dead: db.prepare("UPDATE webhook_outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE seq = ?"),
      pending: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM webhook_outbox WHERE endpoint = ? AND status = 'pending'"),
      deliveries: db.prepare<[string], OutboxRow>('SELECT * FROM webhook_outbox WHERE endpoint = ? ORDER BY seq'),
      prune: db.prepare("DELETE FROM webhook_outbox WHERE status = 'delivered' AND delivered_at < ?"),
    };
  }

  async saveAlert(alert: Alert): Promise<boolean> {
    const incident = incidentIdOf(alert);
    const save = () => {
      const r = this.stmts.insertAlert.run(
        alert.id,
        alert.chainId,
        alert.blockNumber,
        alert.blockHash,
        alert.txHash ?? null,
        alert.finding.detector,
        alert.finding.severity,
        alert.createdAt,
        toJson(alert),
        incident,
      );
      if (r.changes > 0 && incident !== null) this.refreshIncident(incident);
      return r.changes > 0;
    };
    // One transaction only when there is an incident to keep in step: most alerts are one plain insert.
    return incident === null ? save() : this.db.transaction(save)();
  }

  /** Points the incident's row at its newest live alert, or drops it when there is none. */
  private refreshIncident(id: string): void {
    const newest = this.stmts.newestOfIncident.get(id);
    if (newest) this.stmts.upsertIncident.run(id, newest.chain_id, newest.seq, newest.severity);
    else this.stmts.deleteIncident.run(id);
  }

  async markDispatched(id: string): Promise<void> {
    this.stmts.dispatched.run(id);
  }

  async isDispatched(id: string): Promise<boolean> {
    return this.stmts.isDispatched.get(id)?.dispatched === 1;
  }

  async getAlert(id: string): Promise<StoredAlert | null> {
    const row = this.stmts.getAlert.get(id);
    return row ? toAlert(row) : null;
  }

  async alerts(query: AlertQuery = {}): Promise<StoredAlert[]> {
    const { where, args } = alertFilter(query);
    const sql = `SELECT data, retracted_at, retract_reason FROM alerts ${where} ORDER BY block_number, seq${query.limit !== undefined ? ' LIMIT ' + Math.max(0, Math.floor(query.limit)) : ''}`;
    return this.db
      .prepare<(string | number)[], AlertRow>(sql)
      .all(...args)
      .map(toAlert);
  }

  async retractAlert(id: string, reason: string, at: Date = new Date()): Promise<{ alert: StoredAlert; changed: boolean } | null> {
    const changed = this.db.transaction(() => {
      const done = this.stmts.retract.run(at.toISOString(), reason, id).changes > 0;
      const incident = done ? this.stmts.incidentOfAlert.get(id)?.incident_id : null;
      // An incident that grew on a dropped block falls back to its state before.
      if (incident) this.refreshIncident(incident);
      return done;
    })();
    const alert = await this.getAlert(id);
    return alert ? { alert, changed } : null;
  }

  async enqueueDelivery(endpoint: string, key: string, body: string, now: number = Date.now()): Promise<boolean> {
    return this.stmts.enqueue.run(endpoint, key, body, now, now).changes > 0;
  }

  async nextDelivery(endpoint: string): Promise<OutboxEntry | null> {
    const row = this.stmts.next.get(endpoint);
    return row ? toEntry(row) : null;
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

  async pruneDelivered(before: number): Promise<number> {
    return this.stmts.prune.run(before).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
