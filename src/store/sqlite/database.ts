/**
 * The one place a SQLite database is opened: the connection's pragmas, the schema (as numbered
 * migrations, recorded in a `schema_version` table) and an integrity check. Everything else gets a
 * `SqliteStore` (or a part of the `Store` it implements), never a connection.
 *
 * WAL mode, so that several processes may have the file open at once (`argus watch` writing, `argus serve`
 * reading and registering webhooks). With the default `synchronous = NORMAL` a killed process loses
 * nothing committed; a power cut may roll back the last few commits, and then the stream simply processes
 * those blocks again (consistent, never duplicated). `FULL` makes every commit durable at the cost of an
 * fsync each.
 *
 * Migrations: stores written before the version table have none, and are at version 0; every migration
 * brings a store of any earlier shape to its own (CREATE ... IF NOT EXISTS, columns added when missing), so
 * such a store migrates like a new one. Pending migrations run in one IMMEDIATE transaction, so two
 * processes opening an old file at once migrate it once. A store written by a newer Argus (a version above
 * the last one known here) is refused rather than written with an older idea of the schema.
 */
import Database from 'better-sqlite3';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { INCIDENT_DETECTOR } from '../../core/alert.js';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** `synchronous` pragma: NORMAL (default) is consistent after a crash or power cut; FULL is also durable per commit. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Run `PRAGMA quick_check` at open and refuse a damaged file (reads the whole file: off by default). */
  checkIntegrity?: boolean;
}

interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}

/** Version 1: every table as the stores before the version table created them. */
const BASELINE = `
CREATE TABLE IF NOT EXISTS checkpoints (
  stream_id TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
  stream_id TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  parent_hash TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_number)
);
CREATE TABLE IF NOT EXISTS items (
  stream_id TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_hash, kind, key)
);
CREATE INDEX IF NOT EXISTS items_by_block ON items (stream_id, block_number);
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
CREATE TABLE IF NOT EXISTS monitor_state (
  stream_id TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash TEXT,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

const columnsOf = (db: SqliteDatabase, table: string) => new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name));

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'baseline', up: (db) => db.exec(BASELINE) },
  {
    version: 2,
    name: 'alerts.dispatched',
    // Stores from before the column: their alerts were dispatched.
    up: (db) => {
      if (!columnsOf(db, 'alerts').has('dispatched')) db.exec('ALTER TABLE alerts ADD COLUMN dispatched INTEGER NOT NULL DEFAULT 1');
    },
  },
  {
    version: 3,
    name: 'incidents index',
    // Stores from before incidents were indexed: the column from the stored evidence, then the table.
    up: (db) => {
      if (!columnsOf(db, 'alerts').has('incident_id')) {
        db.exec('ALTER TABLE alerts ADD COLUMN incident_id TEXT');
        db.prepare("UPDATE alerts SET incident_id = json_extract(data, '$.finding.evidence.incidentId') WHERE detector = ?").run(INCIDENT_DETECTOR);
        db.exec('DELETE FROM incidents');
        db.exec(
          'INSERT INTO incidents (id, chain_id, alert_seq, severity) SELECT a.incident_id, a.chain_id, a.seq, a.severity FROM alerts a ' +
            'JOIN (SELECT max(seq) AS seq FROM alerts WHERE incident_id IS NOT NULL AND retracted_at IS NULL GROUP BY incident_id) newest ON a.seq = newest.seq',
        );
      }
      db.exec('CREATE INDEX IF NOT EXISTS alerts_by_incident ON alerts (incident_id, seq) WHERE incident_id IS NOT NULL');
    },
  },
  {
    version: 4,
    name: 'webhook_outbox.in_flight',
    // An attempt is counted when it starts (`beginAttempt`), so that one cut short by a crash still counts.
    up: (db) => {
      if (!columnsOf(db, 'webhook_outbox').has('in_flight')) db.exec('ALTER TABLE webhook_outbox ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0');
    },
  },
  {
    version: 5,
    name: 'triage',
    // The team's status, assignee and notes per alert or incident, and the history of every change. An item
    // without a row is open: the monitor's inserts never touch these tables.
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS triage (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  muted_until TEXT,
  assignee TEXT,
  notes INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS triage_by_status ON triage (kind, status);
CREATE TABLE IF NOT EXISTS triage_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  action TEXT NOT NULL,
  value TEXT,
  previous TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS triage_events_by_item ON triage_events (kind, id, seq);
`),
  },
  {
    version: 6,
    name: 'monitor_state_parts',
    // Incremental engine snapshots: one row per (stream, part); only the parts that changed are written.
    up: (db) =>
      db.exec('CREATE TABLE IF NOT EXISTS monitor_state_parts (stream_id TEXT NOT NULL, part TEXT NOT NULL, data TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (stream_id, part))'),
  },
  {
    version: 7,
    name: 'webhook_formats',
    // A subscription's payload format (Slack, Discord, Telegram, PagerDuty or Argus's own JSON) and its
    // target (Telegram's chat id, PagerDuty's routing key); existing subscriptions keep the Argus JSON.
    // Idempotent like the others: a store written before the version table runs every migration again.
    up: (db) => {
      const have = columnsOf(db, 'webhook_subscriptions');
      if (!have.has('format')) db.exec("ALTER TABLE webhook_subscriptions ADD COLUMN format TEXT NOT NULL DEFAULT 'argus'");
      if (!have.has('target')) db.exec('ALTER TABLE webhook_subscriptions ADD COLUMN target TEXT');
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The version a store's schema is at (0: written before the version table, or new). */
export function schemaVersion(db: SqliteDatabase): number {
  const table = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table?.n) return 0;
  return db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_version').get()?.v ?? 0;
}

function migrate(db: SqliteDatabase, file: string): void {
  const refuseNewer = (version: number) => {
    if (version > SCHEMA_VERSION) {
      throw new ArgusError(ERROR_CODES.STORE, `the store ${file} has schema version ${version}, newer than this Argus knows (${SCHEMA_VERSION}): upgrade Argus`, {
        file,
        version,
        known: SCHEMA_VERSION,
      });
    }
  };
  const seen = schemaVersion(db);
  refuseNewer(seen);
  if (seen === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Again under the write lock: another process may have migrated meanwhile.
    const current = schemaVersion(db);
    refuseNewer(current);
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      m.up(db);
      record.run(m.version, m.name, Date.now());
    }
  }).immediate();
}

/** `PRAGMA quick_check`: an empty list when the file is sound, else what SQLite found wrong. */
export function integrityProblems(db: SqliteDatabase): string[] {
  const rows = db.prepare<[], { quick_check: string }>('PRAGMA quick_check').all();
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

/** Opens (creating if need be) and migrates the SQLite store `file` (`:memory:`: a private in-memory one). */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL'); // in-memory databases stay in `memory` mode
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    if (options.checkIntegrity) {
      const problems = integrityProblems(db);
      if (problems.length > 0) throw new ArgusError(ERROR_CODES.STORE, `the store ${file} is damaged: ${problems.slice(0, 3).join('; ')}`, { file, problems: problems.slice(0, 20) });
    }
    migrate(db, file);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    if (error instanceof ArgusError) throw error;
    throw new ArgusError(ERROR_CODES.STORE, `cannot open the SQLite store ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
}
