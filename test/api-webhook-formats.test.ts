/**
 * Notification formats end to end: subscriptions in the Slack, Discord, Telegram, PagerDuty (Events v2)
 * and Argus formats, made through the API, each routed by severity and detector; a real local HTTP
 * receiver gets every format from the monitor's subscription sink and from the "send test" route, signed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../src/core/finding.js';
import { makeAlert } from '../src/core/alert-id.js';
import { AlertDispatcher } from '../src/monitor/sinks/dispatcher.js';
import { SubscriptionSink } from '../src/monitor/sinks/subscriptions.js';
import { verifyWebhookSignature } from '../src/monitor/sinks/webhook.js';
import { createServer } from '../src/server/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './cli-helpers.js';

const AUTH = { authorization: 'Bearer k' };
const HOOKS = '/api/v1/webhooks';

interface Received {
  path: string;
  key: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

function finding(detector: string, severity: Severity, n: number): Finding {
  return {
    detector,
    title: `alert ${n} <of> ${detector}`,
    severity,
    confidence: 0.9,
    tags: [],
    subject: { kind: 'address', chainId: 31337, address: `0x${n.toString(16).padStart(40, '0')}`, role: 'pool' },
    explanation: `explained ${n}`,
    evidence: { n },
  };
}

describe('webhook formats (Slack, Discord, Telegram, PagerDuty, Argus)', () => {
  const received: Received[] = [];
  let receiver: http.Server;
  let base: string;
  let app: FastifyInstance; // loopback allowed: the local receiver
  let strict: FastifyInstance; // default policy: the same subscriptions, but loopback refused
  let file: string;
  const made: Record<string, { id: string; secret: string }> = {};

  const create = (payload: object) => app.inject({ method: 'POST', url: HOOKS, payload, headers: AUTH });
  const at = (p: string) => received.filter((r) => r.path === p);
  const waitFor = async (p: string, n: number) => {
    const deadline = Date.now() + 10_000;
    while (at(p).length < n) {
      if (Date.now() > deadline) throw new Error(`${p}: ${at(p).length} of ${n} deliveries`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
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
        // Like the real services: Slack answers 200 "ok", PagerDuty 202, Discord 204.
        if (req.url === '/pagerduty') res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"success"}');
        else if (req.url === '/broken') res.writeHead(400).end('invalid_payload');
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    file = path.join(tempDir('argus-webhook-formats-'), 'argus.db');
    app = await createServer({ apiKeys: ['k'], storeFile: file, rateLimit: false, webhookPolicy: { allowLoopback: true } });
    strict = await createServer({ apiKeys: ['k'], storeFile: file, rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await strict.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('creates each format; refuses a missing target, a target a format does not take, and an unknown format', async () => {
    const specs = [
      { name: 'slack', body: { url: `${base}/slack`, format: 'slack', minSeverity: 'critical' } },
      { name: 'discord', body: { url: `${base}/discord`, format: 'discord', minSeverity: 'low', detectors: ['monitor/liquidity-pull'] } },
      { name: 'telegram', body: { url: `${base}/telegram`, format: 'telegram', target: '-1001234567890', minSeverity: 'high' } },
      { name: 'pagerduty', body: { url: `${base}/pagerduty`, format: 'pagerduty', target: 'R0UT1NGKEY0000000000000000000000', minSeverity: 'high' } },
      { name: 'argus', body: { url: `${base}/argus`, minSeverity: 'info' } },
    ];
    for (const { name, body } of specs) {
      const res = await create(body);
      expect(res.statusCode, name).toBe(201);
      const json = res.json();
      expect(json.format).toBe(name);
      expect(json.target).toBe('target' in body ? body.target : null);
      made[name] = { id: json.id, secret: json.secret };
    }
    const listed = (await app.inject({ method: 'GET', url: HOOKS, headers: AUTH })).json().webhooks as { id: string; format: string }[];
    expect(listed.find((w) => w.id === made.telegram!.id)?.format).toBe('telegram');

    for (const bad of [
      { url: `${base}/x`, format: 'telegram' },
      { url: `${base}/x`, format: 'pagerduty', target: '  ' },
      { url: `${base}/x`, format: 'slack', target: 'chat' },
      { url: `${base}/x`, format: 'teams' },
      { url: `${base}/x`, format: 'telegram', target: 'x'.repeat(201) },
    ]) {
      const res = await create(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('ARGUS_USAGE');
    }
  });

  it('"send test" delivers one signed message in each format to the receiver', async () => {
    for (const name of ['slack', 'discord', 'telegram', 'pagerduty', 'argus']) {
      const { id, secret } = made[name]!;
      const res = await app.inject({ method: 'POST', url: `${HOOKS}/${id}/test`, headers: AUTH });
      expect(res.statusCode, name).toBe(200);
      expect(res.json()).toMatchObject({ delivered: true, format: name, status: name === 'pagerduty' ? 202 : 200 });
      await waitFor(`/${name}`, 1);
      const got = at(`/${name}`)[0]!;
      expect(verifyWebhookSignature(secret, got.body, got.timestamp, got.signature), name).toBe(true);
      expect(got.key).toMatch(new RegExp(`^test-${id}-\\d+$`));
      const body = JSON.parse(got.body);
      if (name === 'slack') {
        expect(body.text).toContain('Argus test notification');
        expect(body.blocks[0]).toMatchObject({ type: 'header' });
      } else if (name === 'discord') {
        expect(body.content).toContain('Argus test notification');
        expect(body.embeds[0].title).toBe('Argus test notification');
        expect(typeof body.embeds[0].color).toBe('number');
      } else if (name === 'telegram') {
        expect(body).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML' });
        expect(body.text).toContain('<b>');
      } else if (name === 'pagerduty') {
        expect(body).toMatchObject({ routing_key: 'R0UT1NGKEY0000000000000000000000', event_action: 'trigger', payload: { severity: 'info', component: 'argus/test' } });
        expect(body.dedup_key).toBe(got.key);
      } else {
        expect(body).toMatchObject({ type: 'alert', alert: { finding: { detector: 'argus/test', severity: 'info' } } });
      }
    }
    // Not in the outbox: a test is not a delivery.
    const stats = (await app.inject({ method: 'GET', url: `${HOOKS}/${made.slack!.id}`, headers: AUTH })).json();
    expect(stats.deliveries).toEqual({ pending: 0, delivered: 0, dead: 0 });
  });

  it('"send test" says what went wrong: a refusing receiver, a refused destination, an unknown id, no key', async () => {
    const broken = (await create({ url: `${base}/broken`, format: 'discord' })).json();
    const res = await app.inject({ method: 'POST', url: `${HOOKS}/${broken.id}/test`, headers: AUTH });
    expect(res.json()).toMatchObject({ delivered: false, status: 400, error: 'HTTP 400' });
    // The strict server's policy refuses loopback, for a test as for a delivery.
    const refused = await strict.inject({ method: 'POST', url: `${HOOKS}/${made.slack!.id}/test`, headers: AUTH });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().delivered).toBe(false);
    expect(refused.json().error).toMatch(/ARGUS_UNSAFE_URL/);
    expect((await app.inject({ method: 'POST', url: `${HOOKS}/wh_0000000000000000/test`, headers: AUTH })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `${HOOKS}/${made.slack!.id}/test` })).statusCode).toBe(401);
    await app.inject({ method: 'DELETE', url: `${HOOKS}/${broken.id}`, headers: AUTH });
  });

  it('the monitor routes alerts by severity and detector, each in its format; a retraction resolves in PagerDuty', async () => {
    const before = Object.fromEntries(['slack', 'discord', 'telegram', 'pagerduty', 'argus'].map((n) => [n, at(`/${n}`).length]));
    const store = new SqliteStore(file);
    const sink = new SubscriptionSink({ subscriptions: store, outbox: store, allow: { allowLoopback: true }, backoff: { baseMs: 10, maxMs: 50 } });
    const dispatcher = new AlertDispatcher({ sinks: [sink], store });
    try {
      const ctx = (n: number) => ({ chainId: 31337, blockNumber: n, blockHash: `0x${n.toString(16).padStart(64, '0')}` });
      const critical = makeAlert(finding('monitor/exploit-contract', 'critical', 1), ctx(1));
      const pull = makeAlert(finding('monitor/liquidity-pull', 'medium', 2), ctx(2));
      const high = makeAlert(finding('monitor/large-transfer', 'high', 3), ctx(3));
      for (const a of [critical, pull, high]) expect((await dispatcher.raise(a)).errors).toEqual([]);
      expect(await dispatcher.retract(high.id, 'reorg: block dropped')).not.toBeNull();

      // slack: critical only; discord: liquidity-pull only; telegram and pagerduty: high and above, plus
      // the retraction of the high one; argus: everything plus the retraction.
      const expected = { slack: 1, discord: 1, telegram: 3, pagerduty: 3, argus: 4 };
      for (const [name, n] of Object.entries(expected)) await waitFor(`/${name}`, before[name]! + n);
      await new Promise((r) => setTimeout(r, 100));
      const fresh = (name: string) => at(`/${name}`).slice(before[name]);
      for (const [name, n] of Object.entries(expected)) expect(fresh(name).length, name).toBe(n);

      const slack = JSON.parse(fresh('slack')[0]!.body);
      expect(slack.text).toContain('[CRITICAL] alert 1');
      expect(slack.blocks[1].text.text).toBe('explained 1');
      expect(JSON.stringify(slack.blocks[2].fields)).toContain('monitor/exploit-contract');

      const discord = JSON.parse(fresh('discord')[0]!.body);
      expect(discord.embeds[0]).toMatchObject({ title: pull.finding.title, description: 'explained 2', timestamp: pull.createdAt });

      const telegram = fresh('telegram').map((r) => JSON.parse(r.body));
      expect(telegram.map((t) => t.chat_id)).toEqual(['-1001234567890', '-1001234567890', '-1001234567890']);
      expect(telegram[2].text).toContain('Withdrawn');
      // HTML parse mode: the title's '<' and '>' are escaped.
      expect(telegram[0].text).toContain('alert 1 &lt;of&gt; monitor/exploit-contract');

      const pd = fresh('pagerduty').map((r) => JSON.parse(r.body));
      expect(pd.map((e) => e.event_action)).toEqual(['trigger', 'trigger', 'resolve']);
      expect(pd.map((e) => e.dedup_key)).toEqual([critical.id, high.id, high.id]);
      expect(pd[0].payload).toMatchObject({ severity: 'critical', component: 'monitor/exploit-contract', source: critical.finding.subject.kind === 'address' ? critical.finding.subject.address : '' });
      expect(pd[1].payload.severity).toBe('error');

      const argus = fresh('argus').map((r) => JSON.parse(r.body));
      expect(argus.map((e) => e.type)).toEqual(['alert', 'alert', 'alert', 'retraction']);
      for (const name of Object.keys(expected)) for (const r of fresh(name)) expect(verifyWebhookSignature(made[name]!.secret, r.body, r.timestamp, r.signature), name).toBe(true);
    } finally {
      await dispatcher.close();
      await store.close();
    }
  });
});
