import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors.js';
import { SqliteAlertStore } from './alerts.js';
import { MAX_SUBSCRIPTIONS, subscriptionEndpoint, WebhookSubscriptions } from './webhooks.js';

describe('WebhookSubscriptions', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const tmpFile = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-subs-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'argus.db');
  };
  const open = (file = tmpFile()) => {
    const subs = new WebhookSubscriptions(file);
    cleanups.push(() => subs.close());
    return subs;
  };

  it('creates with defaults and a generated secret; list and get never show the secret', () => {
    const subs = open();
    const created = subs.create({ url: 'https://example.com/hook' });
    expect(created.id).toMatch(/^wh_[0-9a-f]{16}$/);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(created).toMatchObject({ url: 'https://example.com/hook', minSeverity: 'low', detectors: [], description: null });
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    const other = subs.create({ url: 'https://example.org/x', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'ops' });
    expect(other.secret).not.toBe(created.secret);
    expect(subs.list().map((s) => s.id)).toEqual([created.id, other.id]);
    expect(subs.list().every((s) => !('secret' in s))).toBe(true);
    expect(subs.get(other.id)).toEqual({ id: other.id, url: 'https://example.org/x', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'ops', createdAt: other.createdAt });
    expect(subs.active().map((s) => s.secret)).toEqual([created.secret, other.secret]);
    expect(subs.get('wh_0000000000000000')).toBeNull();
  });

  it('soft-deletes: gone from list/get/active, the row kept, a second delete is false', () => {
    const file = tmpFile();
    const subs = open(file);
    const a = subs.create({ url: 'https://example.com/a' });
    const b = subs.create({ url: 'https://example.com/b' });
    expect(subs.delete(a.id)).toBe(true);
    expect(subs.delete(a.id)).toBe(false);
    expect(subs.delete('wh_0000000000000000')).toBe(false);
    expect(subs.get(a.id)).toBeNull();
    expect(subs.list().map((s) => s.id)).toEqual([b.id]);
    expect(subs.active().map((s) => s.id)).toEqual([b.id]);
    // Another connection on the same file (the monitor's) sees the same; the deleted row is still there.
    const again = open(file);
    expect(again.list().map((s) => s.id)).toEqual([b.id]);
    const raw = new Database(file, { readonly: true });
    cleanups.push(() => raw.close());
    const rows = raw.prepare('SELECT id, deleted_at FROM webhook_subscriptions ORDER BY rowid').all() as { id: string; deleted_at: string | null }[];
    expect(rows.map((r) => [r.id, r.deleted_at !== null])).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
  });

  it(`caps active subscriptions at ${MAX_SUBSCRIPTIONS} (deleted ones do not count)`, () => {
    const subs = open();
    const ids = Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) => subs.create({ url: `https://example.com/${i}` }).id);
    expect(() => subs.create({ url: 'https://example.com/over' })).toThrowError(expect.objectContaining({ code: ERROR_CODES.USAGE }));
    expect(subs.list()).toHaveLength(MAX_SUBSCRIPTIONS);
    subs.delete(ids[0]!);
    expect(subs.create({ url: 'https://example.com/room' }).url).toBe('https://example.com/room');
  });

  it('refuses bad input with ARGUS_USAGE', () => {
    const subs = open();
    const usage = expect.objectContaining({ code: ERROR_CODES.USAGE });
    expect(() => subs.create({ url: 'ftp://example.com' })).toThrowError(usage);
    expect(() => subs.create({ url: 'https://example.com/' + 'x'.repeat(2048) })).toThrowError(usage);
    expect(() => subs.create({ url: 'https://example.com', minSeverity: 'severe' as 'low' })).toThrowError(usage);
    expect(() => subs.create({ url: 'https://example.com', detectors: ['Not A Detector'] })).toThrowError(usage);
    expect(() => subs.create({ url: 'https://example.com', detectors: Array.from({ length: 51 }, (_, i) => `monitor/d${i}`) })).toThrowError(usage);
    expect(() => subs.create({ url: 'https://example.com', description: 'x'.repeat(201) })).toThrowError(usage);
    expect(subs.list()).toEqual([]);
  });

  it('counts deliveries of the subscription outbox queue', async () => {
    const file = tmpFile();
    const subs = open(file);
    const s = subs.create({ url: 'https://example.com/a' });
    expect(subs.deliveryStats(s.id)).toEqual({ pending: 0, delivered: 0, dead: 0 }); // no outbox table yet
    const outbox = new SqliteAlertStore(file);
    cleanups.push(() => outbox.close());
    const endpoint = subscriptionEndpoint(s.id);
    for (const key of ['a', 'b', 'c', 'd']) await outbox.enqueueDelivery(endpoint, key, '{}');
    await outbox.enqueueDelivery('subscription:wh_other', 'a', '{}');
    const [a, b, c] = await outbox.deliveries(endpoint);
    await outbox.markDelivered(a!.seq);
    await outbox.markDead(b!.seq, 'HTTP 410');
    await outbox.markRetry(c!.seq, 'ECONNREFUSED: connect', Date.now() + 1000);
    expect(subs.deliveryStats(s.id)).toEqual({ pending: 2, delivered: 1, dead: 1, lastError: 'ECONNREFUSED: connect' });
  });
});
