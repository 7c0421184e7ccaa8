/**
 * `openStore(spec)`: the one way a command opens its store, chosen by the spec's form.
 *
 * - `postgres://…` or `postgresql://…`: the server store (`PostgresStore`), shared by machines;
 * - `sqlite:path`, or a bare path: the embedded store (`SqliteStore`), the default;
 * - `sqlite::memory:` or `:memory:`: a private in-memory SQLite store (tests).
 */
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import type { Store } from './store.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { OpenPostgresOptions } from './postgres/database.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreSpec {
  kind: StoreKind;
  /** The file (SQLite) or the URL (PostgreSQL). */
  location: string;
}

/** What a `--store` value names; refuses a URL of another scheme (ARGUS_USAGE). */
export function parseStoreSpec(spec: string): StoreSpec {
  const s = spec.trim();
  if (s === '') throw new ArgusError(ERROR_CODES.USAGE, '--store is empty: pass a file path, sqlite:path or postgres://…');
  if (/^postgres(ql)?:\/\//i.test(s)) return { kind: 'postgres', location: s };
  if (/^sqlite:/i.test(s)) return { kind: 'sqlite', location: s.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  // A URL-looking spec of an unknown scheme is a mistake, not a file name (a Windows drive letter is one letter).
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(s);
  if (scheme) throw new ArgusError(ERROR_CODES.USAGE, `--store: unknown scheme ${scheme[1]}:// (use a file path, sqlite:path or postgres://…)`, { scheme: scheme[1] });
  return { kind: 'sqlite', location: s };
}

export interface OpenStoreOptions {
  sqlite?: SqliteStoreOptions;
  postgres?: OpenPostgresOptions;
}

/** Opens (creating and migrating if need be) the store `spec` names. */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  const parsed = parseStoreSpec(spec);
  if (parsed.kind === 'postgres') {
    // Loaded on demand: the embedded default never pulls in the PostgreSQL client.
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(parsed.location, options.postgres);
  }
  return new SqliteStore(parsed.location, options.sqlite);
}
