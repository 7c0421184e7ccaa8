/**
 * The one place a PostgreSQL store is connected to: the pool (through `pg`), the schema as numbered
 * migrations recorded in a `schema_version` table, and the transaction helper every part uses.
 *
 * Migrations run in one transaction under an advisory lock, so several processes (detect workers, the
 * server) opening the same database at once migrate it once; a database written by a newer Argus (a version
 * above the last one known here) is refused rather than written with an older idea of the schema. The
 * tables mirror the SQLite store's (same names and columns), with `BIGSERIAL` where SQLite has rowids, so
 * the queries read alike; alert and item data stay JSON text, so a page is served from the stored text
 * without parsing it (as on SQLite).
 */
import pg from 'pg';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
/** A pool or a client inside a transaction: what a query runs on. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'baseline',
    sql: `
CREATE TABLE checkpoints (
  stream_id TEXT PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_hash TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE blocks (
  stream_id TEXT NOT NULL,
  block_number BIGINT NOT NULL,
  block_hash TEXT NOT NULL,
  parent_hash TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_number)
);
CREATE TABLE items (
  ord BIGSERIAL,
  stream_id TEXT NOT NULL,
  block_number BIGINT NOT NULL,
  block_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (stream_id, block_hash, kind, key)
);
CREATE INDEX items_by_block ON items (stream_id, block_number, ord);
CREATE TABLE alerts (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  chain_id BIGINT NOT NULL,
  block_number BIGINT NOT NULL,
  block_hash TEXT NOT NULL,
  tx_hash TEXT,
  detector TEXT NOT NULL,
  severity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  retracted_at TEXT,
  retract_reason TEXT,
  dispatched BOOLEAN NOT NULL DEFAULT FALSE,
  incident_id TEXT
);
CREATE INDEX alerts_by_block ON alerts (chain_id, block_number);
CREATE INDEX alerts_by_block_hash ON alerts (lower(block_hash));
CREATE INDEX alerts_by_detector ON alerts (detector, seq);
CREATE INDEX alerts_by_severity ON alerts (severity, seq);
CREATE INDEX alerts_by_incident ON alerts (incident_id, seq) WHERE incident_id IS NOT NULL;
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  chain_id BIGINT NOT NULL,
  alert_seq BIGINT NOT NULL,
  severity TEXT NOT NULL
);
CREATE INDEX incidents_by_seq ON incidents (alert_seq);
CREATE INDEX incidents_by_severity ON incidents (severity, alert_seq);
CREATE TABLE webhook_outbox (
  seq BIGSERIAL PRIMARY KEY,
  endpoint TEXT NOT NULL,
  key TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  in_flight INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  UNIQUE (endpoint, key)
);
CREATE INDEX outbox_pending ON webhook_outbox (endpoint, status, seq);
CREATE TABLE webhook_subscriptions (
  ord BIGSERIAL,
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  min_severity TEXT NOT NULL DEFAULT 'low',
  detectors TEXT NOT NULL DEFAULT '[]',
  description TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE TABLE monitor_state (
  stream_id TEXT PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_hash TEXT,
  data TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);`,
  },
  {
    version: 2,
    name: 'monitor_state_parts',
    // Incremental engine snapshots: one row per (stream, part), only the parts that changed are written.
    sql: `
CREATE TABLE monitor_state_parts (
  stream_id TEXT NOT NULL,
  part TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (stream_id, part)
);`,
  },
  {
    version: 3,
    name: 'triage',
    // The team's status, assignee and notes per alert or incident, and every change (as on SQLite).
    sql: `
CREATE TABLE triage (
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
CREATE INDEX triage_by_status ON triage (kind, status);
CREATE TABLE triage_events (
  seq BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  action TEXT NOT NULL,
  value TEXT,
  previous TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX triage_events_by_item ON triage_events (kind, id, seq);`,
  },
  {
    version: 4,
    name: 'webhook_formats',
    // A subscription's payload format and target (as SQLite's migration 7).
    sql: `
ALTER TABLE webhook_subscriptions ADD COLUMN IF NOT EXISTS format TEXT NOT NULL DEFAULT 'argus';
ALTER TABLE webhook_subscriptions ADD COLUMN IF NOT EXISTS target TEXT;`,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

/** A fixed advisory-lock key for migrations ("argus" in ASCII). */
const MIGRATION_LOCK = 0x6172677573;

/** `BIGINT` and `count(*)` come back as numbers: block numbers and seqs stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** The URL without its password, for messages. */
export function redactPgUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** The version the database's schema is at (0: new). */
export async function pgSchemaVersion(db: Queryable): Promise<number> {
  const t = await db.query<{ n: number }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'");
  if (!t.rows[0]?.n) return 0;
  return (await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0;
}

/** Runs `fn` in one transaction on one client of the pool (rolled back if it throws). */
export async function inTransaction<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function migrate(pool: PgPool, where: string): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await pgSchemaVersion(c);
    if (current > PG_SCHEMA_VERSION) {
      throw new ArgusError(ERROR_CODES.STORE, `the store ${where} has schema version ${current}, newer than this Argus knows (${PG_SCHEMA_VERSION}): upgrade Argus`, {
        url: where,
        version: current,
        known: PG_SCHEMA_VERSION,
      });
    }
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    }
  });
}

export interface OpenPostgresOptions {
  /** Connections in the pool (default 4). */
  max?: number;
}

/** Connects to `url` and migrates the database; a refused or failing connection is ARGUS_STORE. */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PgPool> {
  const where = redactPgUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, types, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server (a restart) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, where);
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof ArgusError) throw error;
    throw new ArgusError(ERROR_CODES.STORE, `cannot open the PostgreSQL store ${where}: ${(error as Error).message}`, { url: where }, { cause: error });
  }
}
