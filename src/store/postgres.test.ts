import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors.js';
import { storeBackends } from '../../test/store-backends.js';
import { PG_SCHEMA_VERSION } from './postgres/database.js';
import { parseStoreSpec, openStore } from './open.js';
import { SqliteStore } from './sqlite.js';

const backends = storeBackends();
const pgBackend = backends.find((b) => b.name === 'postgres')!;

describe.each(backends)('$name store: engine state', (b) => {
  afterAll(() => b.cleanup());

  it.skipIf(!b.available)('saves parts incrementally: only the given parts change, null removes one, a whole save clears them', async () => {
    const s = await b.open(await b.location());
    expect(await s.loadEngineParts('e')).toEqual(new Map());
    await s.saveEngineParts('e', { blockNumber: 5n, blockHash: '0x05', head: '{"v":2}', parts: new Map([['a', '1'], ['b', '2']]) });
    await s.saveEngineParts('e', { blockNumber: 6n, blockHash: '0x06', head: '{"v":2,"n":6}', parts: new Map([['b', '3'], ['a', null], ['c', '4']]) });
    expect(await s.loadEngineParts('e')).toEqual(new Map([['b', '3'], ['c', '4']]));
    expect(await s.loadEngineParts('other')).toEqual(new Map());
    expect(await s.loadEngineState('e')).toMatchObject({ blockNumber: 6n, blockHash: '0x06', json: '{"v":2,"n":6}' });
    await s.saveEngineState('e', { blockNumber: 7n, json: '{}' });
    expect(await s.loadEngineParts('e')).toEqual(new Map());
    await s.saveEngineParts('e', { blockNumber: 8n, head: '{}', parts: new Map([['x', 'y']]) });
    await s.deleteEngineState('e');
    expect(await s.loadEngineState('e')).toBeNull();
    expect(await s.loadEngineParts('e')).toEqual(new Map());
    await s.close();
  });
});

describe('openStore', () => {
  it('tells SQLite paths from PostgreSQL URLs and refuses other schemes', async () => {
    expect(parseStoreSpec('postgres://u@h:5432/db')).toEqual({ kind: 'postgres', location: 'postgres://u@h:5432/db' });
    expect(parseStoreSpec('postgresql://h/db').kind).toBe('postgres');
    expect(parseStoreSpec('sqlite:/tmp/x.db')).toEqual({ kind: 'sqlite', location: '/tmp/x.db' });
    expect(parseStoreSpec('.argus/argus.db')).toEqual({ kind: 'sqlite', location: '.argus/argus.db' });
    expect(() => parseStoreSpec('mysql://h/db')).toThrowError(expect.objectContaining({ code: ERROR_CODES.USAGE }));
    expect(() => parseStoreSpec(' ')).toThrowError(expect.objectContaining({ code: ERROR_CODES.USAGE }));
    const mem = await openStore('sqlite::memory:');
    expect(mem).toBeInstanceOf(SqliteStore);
    await mem.close();
  });

  it('a PostgreSQL server that does not answer is ARGUS_STORE, with the password redacted', async () => {
    await expect(openStore('postgres://argus:secret@127.0.0.1:1/argus', { postgres: { max: 1 } })).rejects.toThrowError(
      expect.objectContaining({ code: ERROR_CODES.STORE, message: expect.not.stringContaining('secret') }),
    );
  });
});

describe.skipIf(!pgBackend.available)('opening a PostgreSQL store', () => {
  afterAll(() => pgBackend.cleanup());

  it('records every migration once, even when several processes open it at once, and refuses a newer schema', async () => {
    const where = await pgBackend.location();
    const stores = await Promise.all([1, 2, 3].map(() => openStore(where)));
    await Promise.all(stores.map((s) => s.close()));
    const versions = await pgBackend.query<{ version: number }>(where, 'SELECT version FROM schema_version ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    await pgBackend.query(where, "INSERT INTO schema_version VALUES (?, 'from the future', 0)", [PG_SCHEMA_VERSION + 1]);
    await expect(openStore(where)).rejects.toThrowError(expect.objectContaining({ code: ERROR_CODES.STORE, message: expect.stringContaining('newer') }));
  });
});
