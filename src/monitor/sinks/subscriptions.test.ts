import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../core/finding.js';
import type { Logger } from '../../core/logger.js';
import { SqliteStore } from '../../store/sqlite.js';
import { subscriptionEndpoint, type NewSubscription } from '../../store/webhooks.js';
import { type Alert, type AlertEvent } from '../../core/alert.js';
import { makeAlert } from '../../core/alert-id.js';
import { SubscriptionSink, subscriptionMatches, type SubscriptionSinkOptions } from './subscriptions.js';
import { verifyWebhookSignature } from './webhook.js';

interface Received {
  path: string;
  key: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** A loopback receiver recording every POST; each subscription gets its own path on it. */
async function receiver(): Promise<{ received: Received[]; url: (p: string) => string; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        key: String(req.headers['idempotency-key']),
        body: Buffer.concat(chunks).toString('utf8'),
        timestamp: req.headers['x-argus-timestamp'] as string | undefined,
        signature: req.headers['x-argus-signature'] as string | undefined,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (p) => `http://127.0.0.1:${port}/${p}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let n = 0;
function alertOf(detector: string, severity: Severity): Alert {
  n += 1;
  const finding: Finding = {
    detector,
    title: `test ${n}`,
    severity,
    confidence: 0.9,
    tags: [],
    subject: { kind: 'address', chainId: 31337, address: `0x${n.toString(16).padStart(40, '0')}` },
    explanation: 'test',
    evidence: { n },
  };
  return makeAlert(finding, { chainId: 31337, blockNumber: n, blockHash: `0x${n.toString(16).padStart(64, '0')}` });
}

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilAsync(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(5);
  }
}
const FAST = { baseMs: 10, maxMs: 50, jitter: 0 };

describe('subscriptionMatches', () => {
  it('needs the minimum severity and, when the list is not empty, one of the detectors', () => {
    const a = alertOf('monitor/rug-pull', 'medium');
    expect(subscriptionMatches({ minSeverity: 'low', detectors: [] }, a)).toBe(true);
    expect(subscriptionMatches({ minSeverity: 'medium', detectors: [] }, a)).toBe(true);
    expect(subscriptionMatches({ minSeverity: 'high', detectors: [] }, a)).toBe(false);
    expect(subscriptionMatches({ minSeverity: 'info', detectors: ['monitor/rug-pull'] }, a)).toBe(true);
    expect(subscriptionMatches({ minSeverity: 'info', detectors: ['monitor/large-transfer'] }, a)).toBe(false);
  });
});

describe('SubscriptionSink', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A store file with its outbox, the subscriptions table, a receiver, and a sink factory. */
  async function setup() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-subsink-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'argus.db');
    const alertStore = new SqliteStore(file);
    cleanups.push(() => alertStore.close());
    // The server's own store on the same file (another process in production).
    const subs = new SqliteStore(file);
    cleanups.push(() => subs.close());
    const rx = await receiver();
    cleanups.push(() => rx.close());
    const warnings: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
    const sink = (extra: Partial<SubscriptionSinkOptions> = {}) => {
      const s = new SubscriptionSink({ subscriptions: alertStore, outbox: alertStore, allow: { allowLoopback: true }, backoff: FAST, logger, ...extra });
      cleanups.push(() => s.close());
      return s;
    };
    const subscribe = (name: string, rest: Omit<NewSubscription, 'url'> = {}) => subs.createSubscription({ url: rx.url(name), ...rest });
    /** Waits until nothing is pending for these subscriptions. */
    const drained = async (...ids: string[]) => {
      for (const id of ids) await untilAsync(async () => (await alertStore.pendingCount(subscriptionEndpoint(id))) === 0);
    };
    return { file, alertStore, subs, rx, warnings, sink, subscribe, drained };
  }

  it('sends each alert only to the subscriptions whose filter matches, signed with their own secret', async () => {
    const { rx, sink, subscribe, drained } = await setup();
    const high = await subscribe('high', { minSeverity: 'high' });
    const rug = await subscribe('rug', { detectors: ['monitor/rug-pull'] });
    const all = await subscribe('all');
    const s = sink();

    const a1 = alertOf('monitor/large-transfer', 'critical'); // high, all
    const a2 = alertOf('monitor/rug-pull', 'low'); // rug, all
    const a3 = alertOf('monitor/rug-pull', 'info'); // none (every minimum is at least low)
    for (const a of [a1, a2, a3]) await s.send(a);
    await drained(high.id, rug.id, all.id);

    const got = (p: string) => rx.received.filter((r) => r.path === `/${p}`).map((r) => r.key);
    expect(got('high')).toEqual([a1.id]);
    expect(got('rug')).toEqual([a2.id]);
    expect(got('all')).toEqual([a1.id, a2.id]);

    const secrets: Record<string, string> = { '/high': high.secret, '/rug': rug.secret, '/all': all.secret };
    for (const r of rx.received) {
      expect(verifyWebhookSignature(secrets[r.path]!, r.body, r.timestamp, r.signature)).toBe(true);
      for (const [p, other] of Object.entries(secrets)) if (p !== r.path) expect(verifyWebhookSignature(other, r.body, r.timestamp, r.signature)).toBe(false);
      expect((JSON.parse(r.body) as AlertEvent).type).toBe('alert');
    }
  });

  it('sends a retraction to the subscriptions that got the alert, or to all when the alert is unknown', async () => {
    const { rx, sink, subscribe, drained } = await setup();
    const high = await subscribe('high', { minSeverity: 'high' });
    const all = await subscribe('all');
    const s = sink();
    const a = alertOf('monitor/large-transfer', 'medium');
    await s.send(a);
    await s.retract({ alertId: a.id, reason: 'reorg', retractedAt: new Date().toISOString(), alert: a });
    await s.retract({ alertId: 'f'.repeat(32), reason: 'reorg', retractedAt: new Date().toISOString() });
    await drained(high.id, all.id);
    const got = (p: string) => rx.received.filter((r) => r.path === `/${p}`).map((r) => r.key);
    expect(got('all')).toEqual([a.id, `${a.id}:retraction`, `${'f'.repeat(32)}:retraction`]);
    expect(got('high')).toEqual([`${'f'.repeat(32)}:retraction`]);
  });

  it('picks up a new subscription and drops a deleted one on refresh', async () => {
    const { rx, subs, sink, subscribe, drained } = await setup();
    const first = await subscribe('first');
    const s = sink({ refreshMs: 30 });
    await s.ready;
    expect(s.subscriptionIds).toEqual([first.id]);

    const second = await subscribe('second');
    await until(() => s.subscriptionIds.includes(second.id));
    const a1 = alertOf('monitor/large-transfer', 'high');
    await s.send(a1);
    await drained(first.id, second.id);
    expect(rx.received.filter((r) => r.key === a1.id).map((r) => r.path).sort()).toEqual(['/first', '/second']);

    await subs.deleteSubscription(first.id);
    await until(() => !s.subscriptionIds.includes(first.id));
    const a2 = alertOf('monitor/large-transfer', 'high');
    await s.send(a2);
    await drained(second.id);
    await sleep(50);
    expect(rx.received.filter((r) => r.key === a2.id).map((r) => r.path)).toEqual(['/second']);
  });

  it('reads the subscriptions at most every refreshMs', async () => {
    const { subscribe, sink } = await setup();
    const s = sink({ refreshMs: 60_000 });
    const late = await subscribe('late');
    await s.send(alertOf('monitor/large-transfer', 'high'));
    expect(s.subscriptionIds).toEqual([]);
    await s.refresh();
    expect(s.subscriptionIds).toEqual([late.id]);
  });

  it('skips a subscription its policy refuses, with a warning, and does not throw', async () => {
    const { rx, subscribe, sink, warnings } = await setup();
    const refused = await subscribe('loopback');
    const s = sink({ allow: {} }); // default policy: public destinations only
    await expect(s.send(alertOf('monitor/large-transfer', 'critical'))).resolves.toBeUndefined();
    await s.refresh();
    expect(s.subscriptionIds).toEqual([]);
    expect(warnings.filter((w) => w.includes(refused.id))).toHaveLength(1); // once, not at every refresh
    await sleep(50);
    expect(rx.received).toEqual([]);
  });
});
