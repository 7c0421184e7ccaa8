/**
 * The store test suite runs against every `Store` implementation: `describe.each(storeBackends())`.
 * Each backend opens stores at a "location" (a SQLite file; a fresh PostgreSQL database of the server the
 * global setup started or the environment names), so a test can open a second store on the same place
 * (another process, a restart) and reach it raw with `query` (SQL both databases read).
 *
 * Without a PostgreSQL server the PostgreSQL backend is skipped with a notice, unless
 * ARGUS_REQUIRE_SERVICES=1 (then it is run, and fails).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../src/store/store.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { PostgresStore } from '../src/store/postgres.js';
import { dropDatabase, freshDatabase } from '../bench/services.js';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** False: skip (the reason was printed once). */
  available: boolean;
  /** A new, empty place for stores. */
  location(): Promise<string>;
  open(location: string): Promise<Store>;
  /** A raw query on the place (`?` placeholders). */
  query<R>(location: string, sql: string, args?: unknown[]): Promise<R[]>;
  /** Removes every place made (afterAll). */
  cleanup(): Promise<void>;
}

export const requireServices = () => process.env.ARGUS_REQUIRE_SERVICES === '1';

let told = false;
export function postgresUrl(): string | undefined {
  const url = process.env.ARGUS_POSTGRES_URL;
  if (!url && !requireServices() && !told) {
    told = true;
    process.stderr.write('notice: no PostgreSQL (install postgresql, or set ARGUS_POSTGRES_URL): the PostgreSQL store tests are skipped\n');
  }
  return url;
}

function sqliteBackend(): StoreBackend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    available: true,
    async location() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-store-'));
      dirs.push(dir);
      return path.join(dir, 'store.db');
    },
    async open(location) {
      return new SqliteStore(location);
    },
    async query<R>(location: string, sql: string, args: unknown[] = []) {
      const db = new Database(location, { readonly: true });
      try {
        return db.prepare(sql).all(...args) as R[];
      } finally {
        db.close();
      }
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export { dropDatabase, freshDatabase, withDatabase } from '../bench/services.js';

function postgresBackend(): StoreBackend {
  const url = postgresUrl();
  const made: string[] = [];
  return {
    name: 'postgres',
    available: url !== undefined || requireServices(),
    async location() {
      if (!url) throw new Error('ARGUS_REQUIRE_SERVICES=1 but no PostgreSQL: set ARGUS_POSTGRES_URL or install postgresql');
      const db = await freshDatabase(url);
      made.push(db);
      return db;
    },
    async open(location) {
      return PostgresStore.open(location, { max: 2 });
    },
    async query<R>(location: string, sql: string, args: unknown[] = []) {
      const c = new pg.Client({ connectionString: location });
      await c.connect();
      try {
        let n = 1;
        return (await c.query(sql.replace(/\?/g, () => `$${n++}`), args)).rows as R[];
      } finally {
        await c.end();
      }
    },
    async cleanup() {
      for (const db of made.splice(0)) await dropDatabase(db).catch(() => undefined);
    },
  };
}

export function storeBackends(): StoreBackend[] {
  return [sqliteBackend(), postgresBackend()];
}
