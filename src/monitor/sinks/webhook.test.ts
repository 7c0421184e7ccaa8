import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { SqliteStore } from '../../store/sqlite.js';
import { type Alert, type AlertEvent } from '../../core/alert.js';
import { makeAlert } from '../../core/alert-id.js';
import dns from 'node:dns';
import { guardedLookup, refuseAddress } from './url-guard.js';
import { backoffDelay, verifyWebhookSignature, WebhookSink, type WebhookSinkOptions } from './webhook.js';

const SECRET = 'test-secret-0123456789';
const FAST = { baseMs: 10, maxMs: 60, jitter: 0.5 };

interface Received {
  key: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** A loopback receiver that can be taken down (connections refused) and brought back on the same port. */
class Receiver {
  readonly received: Received[] = [];
  /** Status to answer for the next requests (then 200). */
  script: number[] = [];
  hang = false;
  private server: http.Server | null = null;
  port = 0;

  async up(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.hang) return;
        const status = this.script.shift() ?? 200;
        if (status === 200) {
          this.received.push({
            key: String(req.headers['idempotency-key']),
            body: Buffer.concat(chunks).toString('utf8'),
            timestamp: req.headers['x-argus-timestamp'] as string | undefined,
            signature: req.headers['x-argus-signature'] as string | undefined,
          });
        }
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Keys in arrival order, and how many times each arrived. */
  keys(): string[] {
    return this.received.map((r) => r.key);
  }
}

const finding = (n: number): Finding => ({
  detector: 'monitor/test',
  title: `test alert ${n}`,
  severity: 'high',
  confidence: 0.9,
  tags: [],
  subject: { kind: 'address', chainId: 31337, address: `0x${n.toString(16).padStart(40, '0')}` },
  explanation: 'test',
  evidence: { n },
});
const alert = (n: number): Alert => makeAlert(finding(n), { chainId: 31337, blockNumber: 100 + n, blockHash: `0x${'ab'.repeat(31)}${n.toString(16).padStart(2, '0')}` });

function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() > end) return reject(new Error('timed out waiting'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

describe('WebhookSink', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const dbFile = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-webhook-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'argus.db');
  };
  const receiver = async () => {
    const r = new Receiver();
    await r.up();
    cleanups.push(() => r.down());
    return r;
  };
  const open = (file: string, url: string, extra: Partial<WebhookSinkOptions> = {}) => {
    const store = new SqliteStore(file);
    const sink = new WebhookSink({ url, secret: SECRET, store, allow: { allowLoopback: true }, backoff: FAST, timeoutMs: 2000, ...extra });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await sink.close();
      await store.close();
    };
    cleanups.push(close);
    return { store, sink, close };
  };

  it('signs the raw body and timestamp: verifies with the secret, fails with another, a changed body or an old timestamp', async () => {
    const r = await receiver();
    const { sink } = open(dbFile(), r.url);
    const a = alert(1);
    await sink.send(a);
    expect(await sink.drain(5000)).toBe(true);
    const got = r.received[0]!;
    expect(got.key).toBe(a.id);
    expect(got.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, got.body, got.timestamp, got.signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret', got.body, got.timestamp, got.signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, got.body.replace('test alert 1', 'test alert 2'), got.timestamp, got.signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, got.body, String(Number(got.timestamp) + 1), got.signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, got.body, got.timestamp, got.signature, { now: Date.now() + 3_600_000 })).toBe(false);
    const event = JSON.parse(got.body) as AlertEvent;
    expect(event).toEqual({ type: 'alert', alert: a });
  });

  it('holds alerts while the receiver refuses connections, then delivers each exactly once, in order', async () => {
    const r = await receiver();
    await r.down();
    const { sink, store } = open(dbFile(), r.url);
    let retries = 0;
    sink.on('retry', () => retries++);
    const alerts = Array.from({ length: 12 }, (_, i) => alert(i));
    for (const a of alerts) await sink.send(a);
    await until(() => retries >= 5);
    expect(r.received).toHaveLength(0);
    expect(await store.pendingCount(sink.endpoint)).toBe(12);
    const head = (await store.nextDelivery(sink.endpoint))!;
    expect(head.key).toBe(alerts[0]!.id);
    expect(head.attempts).toBeGreaterThanOrEqual(5);
    expect(head.lastError).toMatch(/ECONNREFUSED/);
    await r.up();
    expect(await sink.drain(10_000)).toBe(true);
    expect(r.keys()).toEqual(alerts.map((a) => a.id));
  });

  it('survives a restart in the middle of an outage: the outbox in SQLite is delivered by the next instance', async () => {
    const r = await receiver();
    await r.down();
    const file = dbFile();
    const first = open(file, r.url);
    let retries = 0;
    first.sink.on('retry', () => retries++);
    const alerts = Array.from({ length: 10 }, (_, i) => alert(i));
    for (const a of alerts.slice(0, 6)) await first.sink.send(a);
    await until(() => retries >= 3);
    await first.close();

    const second = open(file, r.url);
    // The monitor re-processes the blocks after its checkpoint: the same alerts are raised again.
    for (const a of alerts) await second.sink.send(a);
    await new Promise((res) => setTimeout(res, 100));
    expect(r.received).toHaveLength(0);
    await r.up();
    expect(await second.sink.drain(10_000)).toBe(true);
    expect(r.keys()).toEqual(alerts.map((a) => a.id));
    const rows = await second.store.deliveries(second.sink.endpoint);
    expect(rows.map((x) => x.status)).toEqual(Array(10).fill('delivered'));
  });

  it('never delivers the same alert twice, before or after it was delivered', async () => {
    const r = await receiver();
    const { sink, store } = open(dbFile(), r.url);
    const a = alert(7);
    await Promise.all([sink.send(a), sink.send(a), sink.send({ ...a, createdAt: new Date(0).toISOString() })]);
    expect(await sink.drain(5000)).toBe(true);
    await sink.send(a);
    await sink.send(alert(8));
    expect(await sink.drain(5000)).toBe(true);
    expect(r.keys()).toEqual([a.id, alert(8).id]);
    expect(await store.deliveries(sink.endpoint)).toHaveLength(2);
  });

  it('retries 5xx and 429, gives up on other 4xx without blocking the queue', async () => {
    const r = await receiver();
    r.script = [503, 429, 200, 400]; // the head of the queue blocks the rest: alert 1 gets 503, 429, 200
    const { sink, store } = open(dbFile(), r.url);
    const dead: string[] = [];
    sink.on('dead', (e: { key: string }) => dead.push(e.key));
    await sink.send(alert(1)); // 503, 429, then 200
    await sink.send(alert(2)); // 400: dead
    await sink.send(alert(3));
    expect(await sink.drain(5000)).toBe(true);
    expect(r.keys()).toEqual([alert(1).id, alert(3).id]);
    expect(dead).toEqual([alert(2).id]);
    const rows = await store.deliveries(sink.endpoint);
    expect(rows.map((x) => [x.status, x.attempts])).toEqual([
      ['delivered', 3],
      ['dead', 1],
      ['delivered', 1],
    ]);
  });

  it('marks a delivery dead after its retries when the destination keeps resolving to a refused address, and goes on with the queue', async (ctx) => {
    // This machine's own name resolves to a loopback or private address (/etc/hosts, a container's network):
    // it passes the URL check (a name, not an address), and the address check at connection time refuses it
    // under the default policy, every time.
    const host = os.hostname();
    const address = await dns.promises.lookup(host).then((a) => a.address, () => null);
    if (address === null || refuseAddress(address, {}) === null) return ctx.skip(`${host} does not resolve to a refused address here`);
    const { sink, store } = open(dbFile(), `http://${host}:9/hook`, { allow: {}, maxRefusedAttempts: 3 });
    const dead: { key: string; attempts: number; error?: string }[] = [];
    sink.on('dead', (e: { key: string; attempts: number; error?: string }) => dead.push(e));
    await sink.send(alert(1));
    await sink.send(alert(2));
    expect(await sink.drain(20_000)).toBe(true);
    expect(dead.map((d) => [d.key, d.attempts])).toEqual([
      [alert(1).id, 3],
      [alert(2).id, 3],
    ]);
    expect(dead[0]!.error).toMatch(/ARGUS_UNSAFE_URL: refused (loopback|private|link-local) destination/);
    const rows = await store.deliveries(sink.endpoint);
    expect(rows.map((x) => x.status)).toEqual(['dead', 'dead']);
    expect((await store.deliveryStats(sink.endpoint)).pending).toBe(0);
  }, 30_000);

  it('times out a receiver that never answers and retries', async () => {
    const r = await receiver();
    r.hang = true;
    const { sink, store } = open(dbFile(), r.url, { timeoutMs: 100 });
    let retry: { error?: string } | undefined;
    sink.on('retry', (e: { error?: string }) => (retry ??= e));
    await sink.send(alert(1));
    await until(() => retry !== undefined);
    expect(retry?.error).toMatch(/timed out after 100 ms/);
    r.hang = false;
    r.received.length = 0;
    expect(await sink.drain(5000)).toBe(true);
    expect(r.keys()).toEqual([alert(1).id]);
    expect(await store.pendingCount(sink.endpoint)).toBe(0);
  });

  it('bounds the body: oversized evidence is truncated, an alert still too large is refused', async () => {
    const r = await receiver();
    const { sink } = open(dbFile(), r.url, { maxBodyBytes: 4096 });
    const big = alert(1);
    big.finding.evidence = { blob: 'x'.repeat(10_000) };
    await sink.send(big);
    expect(await sink.drain(5000)).toBe(true);
    const event = JSON.parse(r.received[0]!.body) as { type: 'alert'; alert: Alert };
    expect(event.alert.finding.evidence).toMatchObject({ truncated: true });
    const huge = alert(2);
    huge.finding.explanation = 'y'.repeat(10_000);
    await expect(sink.send(huge)).rejects.toMatchObject({ code: ERROR_CODES.SINK });
  });

  it('refuses non-http(s), credentials, private, loopback and link-local destinations by default', async () => {
    const file = dbFile();
    const store = new SqliteStore(file);
    cleanups.push(() => store.close());
    const refused = [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://LOCALHOST./hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
      'http://10.1.2.3/hook',
      'http://192.168.1.1/hook',
      'http://172.16.0.1/hook',
      'http://[fd00::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/hook',
      'ftp://example.com/hook',
      'file:///etc/passwd',
      'https://user:pass@example.com/hook',
      'not a url',
    ];
    for (const url of refused) {
      let error: unknown;
      try {
        new WebhookSink({ url, secret: SECRET, store });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ArgusError);
      expect((error as ArgusError).code, url).toBe(ERROR_CODES.UNSAFE_URL);
    }
    // Loopback allowed explicitly; private still refused.
    const ok = new WebhookSink({ url: 'http://127.0.0.1:9/hook', secret: SECRET, store, allow: { allowLoopback: true } });
    await ok.close();
    expect(() => new WebhookSink({ url: 'http://10.0.0.1/hook', secret: SECRET, store, allow: { allowLoopback: true } })).toThrow(/refused private destination/);
    // Public destinations pass the check (nothing is sent: no alert queued).
    const pub = new WebhookSink({ url: 'https://hooks.example.com/argus', secret: SECRET, store });
    await pub.close();
  });

  it('checks the address a host name resolves to at connection time', async () => {
    const lookup = guardedLookup({});
    const error = await new Promise<unknown>((resolve) => lookup('localhost', {}, (err) => resolve(err)));
    expect(error).toBeInstanceOf(ArgusError);
    expect((error as ArgusError).code).toBe(ERROR_CODES.UNSAFE_URL);
    const allowed = await new Promise<unknown>((resolve) => guardedLookup({ allowLoopback: true })('localhost', {}, (err, address) => resolve(err ?? address)));
    expect(typeof allowed).toBe('string');
  });

  it('backs off exponentially with jitter, capped', () => {
    const o = { baseMs: 100, maxMs: 1000, jitter: 0.5 };
    expect(backoffDelay(1, o, () => 0)).toBe(50);
    expect(backoffDelay(1, o, () => 1)).toBe(100);
    expect(backoffDelay(3, o, () => 1)).toBe(400);
    expect(backoffDelay(10, o, () => 1)).toBe(1000);
    expect(backoffDelay(10, o, () => 0)).toBe(500);
  });
});
