import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import { makeAlert } from '../../core/alert-id.js';
import { SqliteStore } from '../sqlite.js';
import { SCHEMA_VERSION } from './database.js';

/** The tables of a store written before the `dispatched` column and the schema version table. */
const OLDEST_ALERTS = `
CREATE TABLE alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, chain_id INTEGER NOT NULL, block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL, tx_hash TEXT, detector TEXT NOT NULL, severity TEXT NOT NULL, created_at TEXT NOT NULL,
  data TEXT NOT NULL, retracted_at TEXT, retract_reason TEXT
);
CREATE TABLE checkpoints (stream_id TEXT PRIMARY KEY, block_number INTEGER NOT NULL, block_hash TEXT NOT NULL, updated_at INTEGER NOT NULL);
`;

const alert = makeAlert(
  {
    detector: 'monitor/test',
    title: 't',
    severity: 'high',
    confidence: 0.5,
    tags: [],
    subject: { kind: 'address', chainId: 1, address: `0x${'1'.repeat(40)}` },
    explanation: 'e',
    evidence: {},
  },
  { chainId: 1, blockNumber: 5, blockHash: `0x${'5'.repeat(64)}`, createdAt: new Date(1_700_000_000_000) },
);

describe('opening a SQLite store', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-db-'));
    dirs.push(dir);
    return path.join(dir, 'store.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const versions = (f: string) => {
    const db = new Database(f, { readonly: true });
    try {
      return (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    } finally {
      db.close();
    }
  };

  it('records every migration in schema_version, and a reopen runs none again', async () => {
    const f = file();
    await new SqliteStore(f).close();
    expect(versions(f)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const again = new SqliteStore(f);
    await again.close();
    expect(versions(f)).toHaveLength(SCHEMA_VERSION);
  });

  it('migrates a store from before the version table: its alerts count as dispatched, its data stays', async () => {
    const f = file();
    const db = new Database(f);
    db.exec(OLDEST_ALERTS);
    db.prepare('INSERT INTO alerts (id, chain_id, block_number, block_hash, detector, severity, created_at, data) VALUES (?, 1, 5, ?, ?, ?, ?, ?)').run(
      alert.id,
      alert.blockHash,
      alert.finding.detector,
      alert.finding.severity,
      alert.createdAt,
      JSON.stringify(alert),
    );
    db.prepare('INSERT INTO checkpoints VALUES (?, 7, ?, 0)').run('s', `0x${'7'.repeat(64)}`);
    db.close();

    const store = new SqliteStore(f);
    expect(await store.isDispatched(alert.id)).toBe(true);
    expect((await store.getAlert(alert.id))?.id).toBe(alert.id);
    expect(await store.getCheckpoint('s')).toEqual({ number: 7n, hash: `0x${'7'.repeat(64)}` });
    expect(await store.loadEngineState('s')).toBeNull(); // the tables it lacked are there now
    expect(await store.subscriptions()).toEqual([]);
    await store.close();
    expect(versions(f)).toHaveLength(SCHEMA_VERSION);
  });

  it('refuses a store written by a newer Argus, and a file that is not a database', async () => {
    const f = file();
    await new SqliteStore(f).close();
    const db = new Database(f);
    db.prepare("INSERT INTO schema_version VALUES (?, 'from the future', 0)").run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => new SqliteStore(f)).toThrowError(expect.objectContaining({ code: ERROR_CODES.STORE }));

    const junk = file();
    writeFileSync(junk, 'not a database, clearly; '.repeat(100));
    expect(() => new SqliteStore(junk)).toThrowError(expect.objectContaining({ code: ERROR_CODES.STORE }));
  });

  it('checks integrity on request', async () => {
    const store = new SqliteStore(file(), { checkIntegrity: true });
    expect(await store.integrityProblems()).toEqual([]);
    await store.close();
  });
});
