import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../src/core/finding.js';
import { type AlertEvent } from '../src/core/alert.js';
import { makeAlert } from '../src/core/alert-id.js';
import { AlertDispatcher } from '../src/monitor/sinks/dispatcher.js';
import { SubscriptionSink } from '../src/monitor/sinks/subscriptions.js';
import { verifyWebhookSignature } from '../src/monitor/sinks/webhook.js';
import { createServer } from '../src/server/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './cli-helpers.js';

const AUTH = { authorization: 'Bearer k' };
const HOOKS = '/api/v1/webhooks';

function finding(severity: Severity, n: number): Finding {
  return {
    detector: 'monitor/large-transfer',
    title: `transfer ${n}`,
    severity,
    confidence: 0.9,
    tags: [],
    subject: { kind: 'address', chainId: 31337, address: `0x${n.toString(16).padStart(40, '0')}` },
    explanation: 'a test alert',
    evidence: { n },
  };
}

interface Received {
  key: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

describe('webhook subscription routes', () => {
  let app: FastifyInstance; // webhookPolicy allows loopback (the end-to-end receiver)
  let strict: FastifyInstance; // default policy: public destinations only
  let noStore: FastifyInstance;
  let file: string;

  beforeAll(async () => {
    file = path.join(tempDir('argus-api-webhooks-'), 'argus.db');
    app = await createServer({ apiKeys: ['k'], storeFile: file, rateLimit: false, webhookPolicy: { allowLoopback: true } });
    strict = await createServer({ apiKeys: ['k'], storeFile: file, rateLimit: false });
    noStore = await createServer({ apiKeys: ['k'], rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await strict.close();
    await noStore.close();
  });

  const create = (server: FastifyInstance, payload: unknown, headers: Record<string, string> = AUTH) => server.inject({ method: 'POST', url: HOOKS, payload: payload as object, headers });

  it('creates (201, secret shown once) and lists without the secret', async () => {
    const res = await create(strict, { url: 'https://hooks.example.com/argus', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'on-call' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ url: 'https://hooks.example.com/argus', minSeverity: 'high', detectors: ['monitor/rug-pull'], description: 'on-call' });
    expect(created.id).toMatch(/^wh_[0-9a-f]{16}$/);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const list = await strict.inject({ method: 'GET', url: HOOKS, headers: AUTH });
    expect(list.statusCode).toBe(200);
    const mine = (list.json().webhooks as Record<string, unknown>[]).find((w) => w.id === created.id);
    expect(mine).toEqual({ ...created, secret: undefined, deliveries: { pending: 0, delivered: 0, dead: 0 } });
    expect(list.body).not.toContain(created.secret);

    const one = await strict.inject({ method: 'GET', url: `${HOOKS}/${created.id}`, headers: AUTH });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(mine);
    expect('secret' in one.json()).toBe(false);
  });

  it('refuses bad requests', async () => {
    const url = 'https://hooks.example.com/x';
    const missingKey = await create(strict, { url }, {});
    expect(missingKey.statusCode).toBe(401);
    expect((await strict.inject({ method: 'GET', url: HOOKS })).statusCode).toBe(401);
    expect((await strict.inject({ method: 'DELETE', url: `${HOOKS}/wh_0000000000000000` })).statusCode).toBe(401);

    for (const payload of [{ url: 42 }, { url, minSeverity: 'severe' }, { url, detectors: 'monitor/x' }, { url, detectors: ['Not/Valid!'] }, { url, description: 'x'.repeat(201) }, {}]) {
      const res = await create(strict, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('ARGUS_USAGE');
    }
    const unknown = await create(strict, { url, secret: 'mine' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('ARGUS_USAGE');

    for (const bad of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.0.0.1/hook', 'http://169.254.169.254/latest', 'ftp://hooks.example.com/x']) {
      const res = await create(strict, { url: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('ARGUS_UNSAFE_URL');
    }

    const missing = await strict.inject({ method: 'GET', url: `${HOOKS}/wh_0000000000000000`, headers: AUTH });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ARGUS_NOT_FOUND');
    expect((await strict.inject({ method: 'GET', url: `${HOOKS}/nonsense`, headers: AUTH })).statusCode).toBe(400);
  });

  it('deletes: 204, then 404', async () => {
    const { id } = (await create(strict, { url: 'https://hooks.example.com/gone' })).json();
    const del = await strict.inject({ method: 'DELETE', url: `${HOOKS}/${id}`, headers: AUTH });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await strict.inject({ method: 'DELETE', url: `${HOOKS}/${id}`, headers: AUTH })).statusCode).toBe(404);
    expect((await strict.inject({ method: 'GET', url: `${HOOKS}/${id}`, headers: AUTH })).statusCode).toBe(404);
    const ids = (await strict.inject({ method: 'GET', url: HOOKS, headers: AUTH })).json().webhooks.map((w: { id: string }) => w.id);
    expect(ids).not.toContain(id);
  });

  it('answers 503 without a store', async () => {
    const res = await create(noStore, { url: 'https://hooks.example.com/x' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('ARGUS_UNAVAILABLE');
    expect((await noStore.inject({ method: 'GET', url: HOOKS, headers: AUTH })).statusCode).toBe(503);
  });

  describe('end to end: a subscription made through the API gets the monitor alerts', () => {
    const received: Received[] = [];
    let receiver: http.Server;
    let alertStore: SqliteStore;
    let sink: SubscriptionSink;
    let dispatcher: AlertDispatcher;

    beforeAll(async () => {
      receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({
            key: String(req.headers['idempotency-key']),
            body: Buffer.concat(chunks).toString('utf8'),
            timestamp: req.headers['x-argus-timestamp'] as string | undefined,
            signature: req.headers['x-argus-signature'] as string | undefined,
          });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await dispatcher?.close(); // closes the sink
      await alertStore?.close();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it('delivers a matching alert with a valid signature and not one below minSeverity', async () => {
      const port = (receiver.address() as AddressInfo).port;
      const res = await create(app, { url: `http://127.0.0.1:${port}/argus`, minSeverity: 'medium' });
      expect(res.statusCode).toBe(201);
      const { id, secret } = res.json() as { id: string; secret: string };

      // What `argus watch` runs: a dispatcher over the same store file, with the subscriptions sink.
      alertStore = new SqliteStore(file);
      sink = new SubscriptionSink({ subscriptions: alertStore, outbox: alertStore, allow: { allowLoopback: true }, backoff: { baseMs: 10, maxMs: 50 } });
      dispatcher = new AlertDispatcher({ sinks: [sink], store: alertStore });

      const ctx = (n: number) => ({ chainId: 31337, blockNumber: n, blockHash: `0x${n.toString(16).padStart(64, '0')}` });
      const low = makeAlert(finding('low', 1), ctx(1));
      const high = makeAlert(finding('high', 2), ctx(2));
      expect((await dispatcher.raise(low)).errors).toEqual([]);
      expect((await dispatcher.raise(high)).errors).toEqual([]);

      const deadline = Date.now() + 10_000;
      while (received.length === 0 || (await alertStore.pendingCount(`subscription:${id}`)) > 0) {
        if (Date.now() > deadline) throw new Error('no delivery');
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(received.map((r) => r.key)).toEqual([high.id]);
      const [got] = received;
      expect(verifyWebhookSignature(secret, got!.body, got!.timestamp, got!.signature)).toBe(true);
      const event = JSON.parse(got!.body) as AlertEvent;
      expect(event.type === 'alert' && event.alert.id).toBe(high.id);

      const stats = (await app.inject({ method: 'GET', url: `${HOOKS}/${id}`, headers: AUTH })).json();
      expect(stats.deliveries).toEqual({ pending: 0, delivered: 1, dead: 0 });
      expect('secret' in stats).toBe(false);
    });
  });
});
