import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import { type Alert, type AlertEvent } from '../src/core/alert.js';
import { makeAlert } from '../src/core/alert-id.js';
import { LiveSink } from '../src/monitor/sinks/live.js';
import { createServer, MAX_URL_BATCH } from '../src/server/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { CLI, ROOT, tempDir } from './cli-helpers.js';

const KEY = 'test-key-1';
const OTHER_KEY = 'test-key-2';
const AUTH = { authorization: `Bearer ${KEY}` };
const V1 = '/api/v1';

const SELFDESTRUCT = 'pragma solidity ^0.8.0;\ncontract A {\n  function kill() public { selfdestruct(payable(msg.sender)); }\n}\n';

function finding(detector: string, severity: Finding['severity'], n: number): Finding {
  return {
    detector,
    title: `test alert ${n}`,
    severity,
    confidence: 0.9,
    tags: ['test'],
    subject: { kind: 'address', chainId: 1, address: `0x${n.toString(16).padStart(40, '0')}` },
    explanation: 'a test alert',
    evidence: { n },
  };
}

function alertAt(n: number, chainId: number, detector: string, severity: Finding['severity'], blockNumber: number): Alert {
  return makeAlert(finding(detector, severity, n), { chainId, blockNumber, blockHash: `0x${n.toString(16).padStart(64, '0')}` });
}

describe('argus serve API (inject)', () => {
  let app: FastifyInstance;
  let store: SqliteStore;
  const alerts: Alert[] = [];

  beforeAll(async () => {
    const file = path.join(tempDir('argus-api-'), 'argus.db');
    store = new SqliteStore(file);
    alerts.push(
      alertAt(1, 1, 'monitor/large-transfer', 'medium', 100),
      alertAt(2, 1, 'monitor/rug-pull', 'critical', 101),
      alertAt(3, 10, 'monitor/large-transfer', 'high', 102),
      alertAt(4, 1, 'monitor/large-transfer', 'medium', 103),
      alertAt(5, 1, 'monitor/large-transfer', 'medium', 104),
    );
    for (const a of alerts) await store.saveAlert(a);
    await store.retractAlert(alerts[4]!.id, 'reorg');
    app = await createServer({ apiKeys: [KEY, OTHER_KEY], storeFile: file, rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('auth and limits (POST routes)', () => {
    it('needs an API key: 401 without, 403 with a wrong one, Bearer or X-API-Key accepted', async () => {
      const body = { inputs: ['example.com'] };
      const none = await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: body });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('ARGUS_UNAUTHORIZED');
      const wrong = await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: body, headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('ARGUS_FORBIDDEN');
      const wrongX = await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: { text: 'hi' }, headers: { 'x-api-key': 'nope' } });
      expect(wrongX.statusCode).toBe(403);
      const malformed = await app.inject({ method: 'POST', url: `${V1}/audits`, payload: { files: [] }, headers: { authorization: 'Basic abc' } });
      expect(malformed.statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: body, headers: AUTH })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: body, headers: { 'x-api-key': OTHER_KEY } })).statusCode).toBe(200);
    });

    it('refuses a body over the limit with 413 (after the key check)', async () => {
      const big = { files: [{ path: 'a.sol', content: 'x'.repeat(2 * 1024 * 1024 + 10) }] };
      const r = await app.inject({ method: 'POST', url: `${V1}/audits`, payload: big, headers: AUTH });
      expect(r.statusCode).toBe(413);
      expect(r.json().error.code).toBe('ARGUS_TOO_LARGE');
      expect((await app.inject({ method: 'POST', url: `${V1}/audits`, payload: big })).statusCode).toBe(401);
    });

    it('refuses a body that is not JSON', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: '{"text": ', headers: { ...AUTH, 'content-type': 'application/json' } });
      expect(r.statusCode).toBe(400);
      const t = await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: 'text', headers: { ...AUTH, 'content-type': 'text/plain' } });
      expect(t.statusCode).toBe(415);
      expect(t.json().error.code).toBeDefined();
    });
  });

  describe('audits', () => {
    it('audits submitted sources and keeps the report for GET /audits/:id', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/audits`, payload: { files: [{ path: 'A.sol', content: SELFDESTRUCT }] }, headers: AUTH });
      expect(r.statusCode).toBe(200);
      const { id, report } = r.json();
      expect(report.tool.name).toBe('argus');
      expect(report.summary.files).toBe(1);
      expect(report.files[0].file).toBe('A.sol');
      expect(report.files[0].parsed).toBe(true);
      expect(report.files[0].findings.map((f: Finding) => f.detector)).toContain('audit/unprotected-selfdestruct');
      const again = await app.inject({ url: `${V1}/audits/${id}` });
      expect(again.statusCode).toBe(200);
      expect(again.json().report).toEqual(report);
    });

    it('reports syntax errors as diagnostics, not as a failure', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/audits`, payload: { files: [{ path: 'B.sol', content: 'contract B { function f( public {} }' }] }, headers: AUTH });
      expect(r.statusCode).toBe(200);
      expect(r.json().report.files[0].parsed).toBe(false);
    });

    it('400 for bad bodies: wrong types, no files, duplicate paths, unknown fields', async () => {
      const bad = [
        { files: 'A.sol' },
        { files: [] },
        { files: [{ path: 'A.sol' }] },
        { files: [{ path: 'A.sol', content: 42 }] },
        { files: [{ path: 5, content: SELFDESTRUCT }] },
        { files: [{ path: 'A.sol', content: SELFDESTRUCT, extra: true }] },
        { files: [{ path: 'A.sol', content: SELFDESTRUCT }], mode: 'fast' },
        { files: [{ path: 'A.sol', content: SELFDESTRUCT }, { path: 'A.sol', content: SELFDESTRUCT }] },
        [],
      ];
      for (const payload of bad) {
        const r = await app.inject({ method: 'POST', url: `${V1}/audits`, payload, headers: AUTH });
        expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(r.json().error.code).toBe('ARGUS_USAGE');
        expect(r.json().error.message).toMatch(/body/);
      }
    });

    it('404 for an unknown report id, 400 for a malformed one', async () => {
      const r = await app.inject({ url: `${V1}/audits/00000000-0000-4000-8000-000000000000` });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('ARGUS_NOT_FOUND');
      expect((await app.inject({ url: `${V1}/audits/not-a-uuid` })).statusCode).toBe(400);
    });
  });

  describe('URL checks', () => {
    it('GET checks one URL', async () => {
      const r = await app.inject({ url: `${V1}/urls/check?u=${encodeURIComponent('https://uniswap-claim.app/airdrop')}` });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ host: 'uniswap-claim.app', verdict: 'malicious' });
      const ok = await app.inject({ url: `${V1}/urls/check?u=app.uniswap.org` });
      expect(ok.json().verdict).toBe('benign');
    });

    it('GET: 400 without u, with an empty or overlong u, or an unknown parameter', async () => {
      for (const q of ['', '?u=', `?u=${'a'.repeat(2049)}`, '?u=a.com&x=1']) {
        const r = await app.inject({ url: `${V1}/urls/check${q}` });
        expect(r.statusCode, q.slice(0, 20)).toBe(400);
        expect(r.json().error.code).toBe('ARGUS_USAGE');
      }
    });

    it('POST checks a batch in order; not-a-host inputs are `unknown`, not errors', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: { inputs: ['uniswap-claim.app', 'app.uniswap.org', '::::'] }, headers: AUTH });
      expect(r.statusCode).toBe(200);
      const results = r.json().results;
      expect(results.map((x: { verdict: string }) => x.verdict)).toEqual(['malicious', 'benign', 'unknown']);
    });

    it(`POST: 400 for wrong types, an empty batch, more than ${MAX_URL_BATCH}`, async () => {
      for (const payload of [{ inputs: 'a.com' }, { inputs: [] }, { inputs: ['a.com', 5] }, { inputs: [''] }, {}, { inputs: Array.from({ length: MAX_URL_BATCH + 1 }, () => 'a.io') }]) {
        const r = await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload, headers: AUTH });
        expect(r.statusCode).toBe(400);
      }
      const full = await app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: { inputs: Array.from({ length: MAX_URL_BATCH }, (_, i) => `site${i}.com`) }, headers: AUTH });
      expect(full.statusCode).toBe(200);
      expect(full.json().results).toHaveLength(MAX_URL_BATCH);
    });
  });

  describe('post checks', () => {
    it('judges a lure post with its links and history', async () => {
      const r = await app.inject({
        method: 'POST',
        url: `${V1}/posts/check`,
        payload: { text: 'Claim your Uniswap airdrop now before it ends: https://uniswap-claim.app', id: 'p1', history: [{ text: 'gm, shipping a new release today', createdAt: '2024-01-01T10:00:00Z' }] },
        headers: AUTH,
      });
      expect(r.statusCode).toBe(200);
      const v = r.json();
      expect(v.verdict).toBe('malicious');
      expect(v.links[0].host).toBe('uniswap-claim.app');
      const calm = await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: { text: 'Our team call is at 3pm, notes in the wiki.' }, headers: AUTH });
      expect(calm.json().verdict).toBe('benign');
    });

    it('400 for wrong types and bad fields', async () => {
      for (const payload of [{}, { text: 1 }, { text: 'x', urls: 'https://a.com' }, { text: 'x', urls: [1] }, { text: 'x', createdAt: 'yesterday' }, { text: 'x', history: [{ createdAt: '2024-01-01T00:00:00Z' }] }, { text: 'x'.repeat(20_001) }, { text: 'x', bogus: 1 }]) {
        const r = await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload, headers: AUTH });
        expect(r.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      }
    });
  });

  describe('token checks', () => {
    const TOKEN = [
      'pragma solidity ^0.8.0;',
      'contract T {',
      '  mapping(address => uint256) public balanceOf; mapping(address => bool) public isBlacklisted; address owner = msg.sender;',
      '  function setBlacklist(address a, bool b) external { require(msg.sender == owner); isBlacklisted[a] = b; }',
      '  function transfer(address to, uint256 v) external returns (bool) { require(!isBlacklisted[msg.sender]); balanceOf[msg.sender] -= v; balanceOf[to] += v; return true; }',
      '}',
    ].join('\n');

    it('reports offline from source text', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, payload: { source: TOKEN }, headers: AUTH });
      expect(r.statusCode).toBe(200);
      const report = r.json();
      expect(report.flags.is_blacklisted.value).toBe(true);
      expect(report.simulation).toBeNull();
      expect(report.notes.join(' ')).toMatch(/offline/);
    });

    it('needs the server RPC endpoint for an address (503 without), and never takes one from the request', async () => {
      const r = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, payload: { address: `0x${'1'.repeat(40)}` }, headers: AUTH });
      expect(r.statusCode).toBe(503);
      const smuggled = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, payload: { address: `0x${'1'.repeat(40)}`, rpcUrl: 'http://169.254.169.254/' }, headers: AUTH });
      expect(smuggled.statusCode).toBe(400);
    });

    it('502 when the configured RPC endpoint is down', async () => {
      const withRpc = await createServer({ apiKeys: [KEY], rpcUrl: 'http://127.0.0.1:9', rateLimit: false });
      try {
        const r = await withRpc.inject({ method: 'POST', url: `${V1}/tokens/check`, payload: { address: `0x${'1'.repeat(40)}`, simulate: false }, headers: AUTH });
        expect(r.statusCode).toBe(502);
        expect(r.json().error.code).toBe('ARGUS_RPC');
      } finally {
        await withRpc.close();
      }
    });

    it('400 for bad bodies, 401 without a key', async () => {
      for (const payload of [{}, { address: '0x12' }, { address: 5 }, { bytecode: 'zz' }, { source: '' }, { source: TOKEN, block: 5 }, { address: `0x${'1'.repeat(40)}`, block: -1 }, { address: `0x${'1'.repeat(40)}`, simulate: 'no' }]) {
        const r = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, payload, headers: AUTH });
        expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect((await app.inject({ method: 'POST', url: `${V1}/tokens/check`, payload: { source: TOKEN } })).statusCode).toBe(401);
    });
  });

  describe('alerts', () => {
    it('lists alerts newest first, without retracted ones unless asked', async () => {
      const r = await app.inject({ url: `${V1}/alerts` });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.alerts.map((a: Alert) => a.id)).toEqual([alerts[3]!.id, alerts[2]!.id, alerts[1]!.id, alerts[0]!.id]);
      expect(body.nextCursor).toBeNull();
      const all = await app.inject({ url: `${V1}/alerts?includeRetracted=true` });
      expect(all.json().alerts).toHaveLength(5);
      expect(all.json().alerts[0].retractReason).toBe('reorg');
    });

    it('filters by chain, detector, severity and first block', async () => {
      const ids = async (q: string) => (await app.inject({ url: `${V1}/alerts?${q}` })).json().alerts.map((a: Alert) => a.id);
      expect(await ids('chainId=10')).toEqual([alerts[2]!.id]);
      expect(await ids('detector=monitor/rug-pull')).toEqual([alerts[1]!.id]);
      expect(await ids('severity=medium')).toEqual([alerts[3]!.id, alerts[0]!.id]);
      expect(await ids('since=102&chainId=1')).toEqual([alerts[3]!.id]);
      expect(await ids('detector=nothing')).toEqual([]);
    });

    it('pages with limit and cursor', async () => {
      const first = (await app.inject({ url: `${V1}/alerts?limit=3` })).json();
      expect(first.alerts).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await app.inject({ url: `${V1}/alerts?limit=3&cursor=${first.nextCursor}` })).json();
      expect(second.alerts.map((a: Alert) => a.id)).toEqual([alerts[0]!.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('400 for bad filters and cursors', async () => {
      for (const q of ['limit=0', 'limit=501', 'limit=abc', 'limit=-1', 'chainId=x', 'chainId=1.5', 'severity=bogus', 'since=-3', 'cursor=zzz', 'includeRetracted=yes', 'unknown=1']) {
        const r = await app.inject({ url: `${V1}/alerts?${q}` });
        expect(r.statusCode, q).toBe(400);
        expect(r.json().error.code).toBe('ARGUS_USAGE');
      }
    });

    it('GET /alerts/:id: the alert, 404 for an unknown id, 400 for a malformed one', async () => {
      const r = await app.inject({ url: `${V1}/alerts/${alerts[1]!.id}` });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: alerts[1]!.id, chainId: 1, finding: { detector: 'monitor/rug-pull' } });
      const unknown = await app.inject({ url: `${V1}/alerts/${'0'.repeat(32)}` });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('ARGUS_NOT_FOUND');
      expect((await app.inject({ url: `${V1}/alerts/xyz` })).statusCode).toBe(400);
    });

    it('503 for alert routes when the server has no store or no live stream', async () => {
      const bare = await createServer({ apiKeys: [KEY], rateLimit: false });
      try {
        expect((await bare.inject({ url: `${V1}/alerts` })).statusCode).toBe(503);
        expect((await bare.inject({ url: `${V1}/alerts/${'0'.repeat(32)}` })).statusCode).toBe(503);
        expect((await bare.inject({ url: `${V1}/alerts/stream` })).statusCode).toBe(503);
      } finally {
        await bare.close();
      }
    });
  });

  describe('meta', () => {
    it('healthz, unknown routes as JSON 404', async () => {
      expect((await app.inject({ url: `${V1}/healthz` })).json()).toMatchObject({ ok: true });
      const r = await app.inject({ url: `${V1}/nothing` });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('ARGUS_NOT_FOUND');
    });

    it('metrics: Prometheus text with request counts, latency histogram and alerts served', async () => {
      await app.inject({ url: `${V1}/alerts/${alerts[0]!.id}` });
      const r = await app.inject({ url: `${V1}/metrics` });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
      expect(r.body).toMatch(/argus_http_requests_total\{method="GET",route="\/api\/v1\/alerts\/:id",status="200"\} \d+/);
      expect(r.body).toMatch(/argus_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/alerts",le="\+Inf"\} \d+/);
      expect(r.body).toMatch(/argus_alerts_served_total [1-9]\d*/);
      // Route patterns, never raw URLs: ids do not blow up the label space.
      expect(r.body).not.toContain(alerts[0]!.id);
    });

    it('openapi.json documents every route with the schemas requests are validated with', async () => {
      const doc = (await app.inject({ url: `${V1}/openapi.json` })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/alerts',
          '/alerts/counts',
          '/alerts/stream',
          '/alerts/summary',
          '/alerts/{id}',
          '/alerts/{id}/incident',
          '/alerts/{id}/triage',
          '/audits',
          '/audits/{id}',
          '/demo/attacks',
          '/healthz',
          '/incidents',
          '/incidents/value-at-risk',
          '/incidents/{id}',
          '/incidents/{id}/triage',
          '/info',
          '/metrics',
          '/openapi.json',
          '/pools/{address}/reserves',
          '/posts/check',
          '/proposals/{governor}/{id}',
          '/tokens/check',
          '/triage',
          '/urls/allowlist',
          '/urls/check',
          '/webhooks',
          '/webhooks/{id}',
          '/webhooks/{id}/test',
        ]
          .map((p) => `${V1}${p}`)
          .sort(),
      );
      expect(doc.paths[`${V1}/urls/check`].post.requestBody.content['application/json'].schema.properties.inputs.maxItems).toBe(MAX_URL_BATCH);
      expect(doc.paths[`${V1}/urls/check`].post.security).toBeDefined();
      expect(doc.paths[`${V1}/urls/check`].get.security).toBeUndefined();
      expect(doc.paths[`${V1}/alerts/{id}`].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
      expect(doc.paths[`${V1}/alerts`].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['chainId', 'detector', 'severity', 'since', 'limit', 'cursor']));
      expect(doc.paths[`${V1}/incidents`].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['chainId', 'severity', 'limit', 'cursor']));
      expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
      // Success codes as the routes answer them: 201 for a created subscription, 204 for a deletion, no 200.
      expect(Object.keys(doc.paths[`${V1}/webhooks`].post.responses)).toContain('201');
      expect(Object.keys(doc.paths[`${V1}/webhooks/{id}`].delete.responses)).not.toContain('200');
    });
  });
});

describe('rate limits', () => {
  it('429 past the limit, counted per API key (and per IP without one)', async () => {
    const app = await createServer({ apiKeys: [KEY, OTHER_KEY], rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: `${V1}/urls/check`, payload: { inputs: ['a.com'] }, headers });
      for (let i = 0; i < 3; i++) expect((await post(AUTH)).statusCode).toBe(200);
      const limited = await post(AUTH);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('ARGUS_RATE_LIMITED');
      expect(limited.headers['retry-after']).toBeDefined();
      // Another key has its own budget.
      expect((await post({ 'x-api-key': OTHER_KEY })).statusCode).toBe(200);
      // Without a key: per IP.
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: `${V1}/urls/check?u=a.com` })).statusCode).toBe(200);
      expect((await app.inject({ url: `${V1}/urls/check?u=a.com` })).statusCode).toBe(429);
      // Health checks are not limited.
      expect((await app.inject({ url: `${V1}/healthz` })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

function readEvents(url: string, want: number): Promise<{ status: number; type: string; events: string[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let text = '';
      const events: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let i: number;
        while ((i = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, i);
          text = text.slice(i + 2);
          if (!block.startsWith(':')) events.push(block); // comments: the greeting and keep-alives
          if (events.length >= want) resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), events, close: () => req.destroy() });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), events, close: () => req.destroy() }));
    });
    req.on('error', reject);
  });
}

describe('rate limits on key guessing', () => {
  it('counts wrong keys against the IP: 403 turns into 429', async () => {
    const app = await createServer({ apiKeys: [KEY], rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: { text: 'x' }, headers: { 'x-api-key': `guess-${i}` } })).statusCode);
      expect(codes).toEqual([403, 403, 403, 429, 429]);
      // A valid key has its own budget.
      expect((await app.inject({ method: 'POST', url: `${V1}/posts/check`, payload: { text: 'x' }, headers: AUTH })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('live stream (SSE)', () => {
  it('streams alerts and retractions published to the live sink, and ends streams on close', async () => {
    const live = new LiveSink();
    const app = await createServer({ apiKeys: [KEY], live, rateLimit: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const got = readEvents(`http://127.0.0.1:${port}${V1}/alerts/stream`, 2);
    // Wait until the server has subscribed.
    for (let i = 0; i < 100 && live.listenerCount('event') === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(live.listenerCount('event')).toBe(1);
    const a = alertAt(9, 1, 'monitor/large-transfer', 'high', 500);
    await live.send(a);
    await live.retract({ alertId: a.id, reason: 'reorg', retractedAt: new Date().toISOString() });
    const r = await got;
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/event-stream/);
    expect(r.events[0]).toContain('event: alert');
    expect(r.events[0]).toContain(`id: ${a.id}`);
    const data = JSON.parse(r.events[0]!.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as AlertEvent;
    expect(data).toEqual({ type: 'alert', alert: a });
    expect(r.events[1]).toContain('event: retraction');
    // Closing the server ends open streams instead of hanging.
    await app.close();
    expect(live.listenerCount('event')).toBe(0);
    r.close();
  });

  it('tails new alerts written to the store by another process into the live stream', async () => {
    const file = path.join(tempDir('argus-api-tail-'), 'argus.db');
    const writer = new SqliteStore(file);
    await writer.saveAlert(alertAt(20, 1, 'monitor/large-transfer', 'low', 1)); // before start: not replayed
    const live = new LiveSink();
    const app = await createServer({ apiKeys: [KEY], live, storeFile: file, tailStoreMs: 20, rateLimit: false });
    const sub = live.subscribe();
    try {
      const fresh = alertAt(21, 1, 'monitor/rug-pull', 'critical', 2);
      await writer.saveAlert(fresh);
      const next = await Promise.race([sub.next(), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
      expect(next && !next.done ? next.value : null).toEqual({ type: 'alert', alert: fresh });
    } finally {
      await sub.return?.();
      await app.close();
      await writer.close();
    }
  });
});

// The built CLI, as a user runs it.
function startServe(args: string[], env: Record<string, string | undefined> = {}): Promise<{ child: ChildProcess; port: number; host: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`argus serve did not start: ${err}`)), 30_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = /listening on http:\/\/(\[[^\]]+\]|[^:/]+):(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, host: m[1]!, port: Number(m[2]), stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`argus serve exited ${code}: ${err}`));
    });
  });
}

function request(host: string, port: number, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: pathname, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('argus serve (built CLI)', () => {
  it('listens on 127.0.0.1 only by default, prints a generated key once, and stops on SIGTERM', async () => {
    const dir = tempDir('argus-serve-');
    const s = await startServe(['--port', '0', '--store', path.join(dir, 'sub', 'argus.db')], { ARGUS_API_KEYS: undefined });
    try {
      expect(s.host).toBe('127.0.0.1');
      const key = /generated an API key[^:]*: (\S+)/.exec(s.stderr())?.[1];
      expect(key).toBeDefined();
      // The dashboard URL as `argus demo` prints it, with the key in the fragment.
      await expect.poll(() => s.stderr(), { timeout: 5_000 }).toContain(`dashboard: http://127.0.0.1:${s.port}/#key=${key}`);
      expect((await request('127.0.0.1', s.port, `${V1}/healthz`)).status).toBe(200);
      expect((await request('127.0.0.1', s.port, `${V1}/alerts`)).body).toContain('"alerts":[]');
      // Not reachable on the machine's other addresses.
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) await expect(request(external.address, s.port, `${V1}/healthz`)).rejects.toThrow();
    } finally {
      const done = exited(s.child);
      s.child.kill('SIGTERM');
      expect(await done).toBe(0);
    }
    expect(s.stderr()).toContain('SIGTERM, stopping');
  });

  it('warns when --host is not loopback, and uses ARGUS_API_KEYS without printing them', async () => {
    const s = await startServe(['--host', '0.0.0.0', '--port', '0', '--store', path.join(tempDir('argus-serve-'), 'argus.db')], { ARGUS_API_KEYS: 'k-one, k-two' });
    try {
      expect(s.stderr()).toMatch(/warning: listening on 0\.0\.0\.0, not loopback/);
      expect(s.stderr()).not.toContain('generated an API key');
      expect(s.stderr()).not.toContain('k-one');
      await expect.poll(() => s.stderr(), { timeout: 5_000 }).toMatch(/dashboard: http:\/\/0\.0\.0\.0:\d+\/#key=<one of ARGUS_API_KEYS>/);
    } finally {
      const done = exited(s.child);
      s.child.kill('SIGINT');
      expect(await done).toBe(0);
    }
  });

  it('exits 2 on a bad --port', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', 'eighty'], { cwd: ROOT, stdio: 'ignore' });
    expect(await exited(child)).toBe(2);
  });
});
