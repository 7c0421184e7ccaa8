import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors.js';
import { storeBackends } from '../../test/store-backends.js';
import type { Store } from './store.js';
import { MAX_SUBSCRIPTIONS, subscriptionEndpoint } from './webhooks.js';

describe.each(storeBackends())('$name store: webhook subscriptions', (b) => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(() => b.cleanup());
  const tmpFile = () => b.location();
  const open = async (file?: string): Promise<Store> => {
    const subs = await b.open(file ?? (await tmpFile()));
    cleanups.push(() => subs.close());
    return subs;
  };

  it.skipIf(!b.available)('creates with defaults and a generated secret; list and get never show the secret', async () => {
    const subs = await open();
    const created = await subs.createSubscription({ url: 'https://example.com/hook' });
    expect(created.id).toMatch(/^wh_[0-9a-f]{16}$/);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(created).toMatchObject({ url: 'https://example.com/hook', minSeverity: 'low', detectors: [], description: null });
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    const other = await subs.createSubscription({ url: 'https://example.org/x', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'ops' });
    expect(other.secret).not.toBe(created.secret);
    expect((await subs.subscriptions()).map((s) => s.id)).toEqual([created.id, other.id]);
    expect((await subs.subscriptions()).every((s) => !('secret' in s))).toBe(true);
    expect(await subs.subscription(other.id)).toEqual({ id: other.id, url: 'https://example.org/x', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'ops', format: 'argus', target: null, createdAt: other.createdAt });
    expect((await subs.activeSubscriptions()).map((s) => s.secret)).toEqual([created.secret, other.secret]);
    expect(await subs.subscription('wh_0000000000000000')).toBeNull();
  });

  it.skipIf(!b.available)('soft-deletes: gone from list/get/active, the row kept, a second delete is false', async () => {
    const file = await tmpFile();
    const subs = await open(file);
    const a = await subs.createSubscription({ url: 'https://example.com/a' });
    const bb = await subs.createSubscription({ url: 'https://example.com/b' });
    expect(await subs.deleteSubscription(a.id)).toBe(true);
    expect(await subs.deleteSubscription(a.id)).toBe(false);
    expect(await subs.deleteSubscription('wh_0000000000000000')).toBe(false);
    expect(await subs.subscription(a.id)).toBeNull();
    expect((await subs.subscriptions()).map((s) => s.id)).toEqual([bb.id]);
    expect((await subs.activeSubscriptions()).map((s) => s.id)).toEqual([bb.id]);
    // Another connection on the same file (the monitor's) sees the same; the deleted row is still there.
    const again = await open(file);
    expect((await again.subscriptions()).map((s) => s.id)).toEqual([bb.id]);
    const rows = await b.query<{ id: string; deleted_at: string | null }>(file, 'SELECT id, deleted_at FROM webhook_subscriptions');
    expect(rows.map((r) => [r.id, r.deleted_at !== null]).sort()).toEqual(
      [
        [a.id, true],
        [bb.id, false],
      ].sort(),
    );
  });

  it.skipIf(!b.available)(`caps active subscriptions at ${MAX_SUBSCRIPTIONS} (deleted ones do not count)`, async () => {
    const subs = await open();
    const ids: string[] = [];
    for (let i = 0; i < MAX_SUBSCRIPTIONS; i++) ids.push((await subs.createSubscription({ url: `https://example.com/${i}` })).id);
    await expect(subs.createSubscription({ url: 'https://example.com/over' })).rejects.toThrowError(expect.objectContaining({ code: ERROR_CODES.USAGE }));
    expect(await subs.subscriptions()).toHaveLength(MAX_SUBSCRIPTIONS);
    await subs.deleteSubscription(ids[0]!);
    expect((await subs.createSubscription({ url: 'https://example.com/room' })).url).toBe('https://example.com/room');
  });

  it.skipIf(!b.available)('refuses bad input with ARGUS_USAGE', async () => {
    const subs = await open();
    const usage = expect.objectContaining({ code: ERROR_CODES.USAGE });
    await expect(subs.createSubscription({ url: 'ftp://example.com' })).rejects.toThrowError(usage);
    await expect(subs.createSubscription({ url: 'https://example.com/' + 'x'.repeat(2048) })).rejects.toThrowError(usage);
    await expect(subs.createSubscription({ url: 'https://example.com', minSeverity: 'severe' as 'low' })).rejects.toThrowError(usage);
    await expect(subs.createSubscription({ url: 'https://example.com', detectors: ['Not A Detector'] })).rejects.toThrowError(usage);
    await expect(subs.createSubscription({ url: 'https://example.com', detectors: Array.from({ length: 51 }, (_, i) => `monitor/d${i}`) })).rejects.toThrowError(usage);
    await expect(subs.createSubscription({ url: 'https://example.com', description: 'x'.repeat(201) })).rejects.toThrowError(usage);
    expect(await subs.subscriptions()).toEqual([]);
  });

  it.skipIf(!b.available)('counts deliveries of the subscription outbox queue', async () => {
    const file = await tmpFile();
    const subs = await open(file);
    const s = await subs.createSubscription({ url: 'https://example.com/a' });
    expect(await subs.deliveryStats(subscriptionEndpoint(s.id))).toEqual({ pending: 0, delivered: 0, dead: 0 });
    const outbox = await open(file); // the monitor's store on the same file
    const endpoint = subscriptionEndpoint(s.id);
    for (const key of ['a', 'b', 'c', 'd']) await outbox.enqueueDelivery(endpoint, key, '{}');
    await outbox.enqueueDelivery('subscription:wh_other', 'a', '{}');
    const [a, b, c] = await outbox.deliveries(endpoint);
    await outbox.markDelivered(a!.seq);
    await outbox.markDead(b!.seq, 'HTTP 410');
    await outbox.markRetry(c!.seq, 'ECONNREFUSED: connect', Date.now() + 1000);
    expect(await subs.deliveryStats(subscriptionEndpoint(s.id))).toEqual({ pending: 2, delivered: 1, dead: 1, lastError: 'ECONNREFUSED: connect' });
  });

  it.skipIf(!b.available)('counts an attempt as it starts: one a crash cut short stays counted, none is counted twice', async () => {
    const file = await tmpFile();
    const first = await b.open(file);
    await first.enqueueDelivery('e', 'k', '{}');
    const seq = (await first.nextDelivery('e'))!.seq;
    expect(await first.beginAttempt(seq)).toBe(1);
    await first.markRetry(seq, 'ECONNREFUSED', 0); // ends attempt 1: not counted again
    expect(await first.beginAttempt(seq)).toBe(2);
    await first.close(); // "killed" while attempt 2 is in flight
    const second = await open(file);
    expect((await second.nextDelivery('e'))?.attempts).toBe(2);
    expect(await second.beginAttempt(seq)).toBe(3);
    await second.markDelivered(seq);
    expect((await second.deliveries('e'))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });
});
