/**
 * `argus serve --require-key-for-reads`: every API read needs a key (but the health probe), the live stream
 * takes it from the `argus_key` cookie or a `key` query parameter as EventSource cannot send headers, and
 * neither of those is ever taken for a write.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorersFromFlags } from '../src/cli/serve-command.js';
import { LiveSink } from '../src/monitor/sinks/live.js';
import { createServer } from '../src/server/index.js';
import path from 'node:path';
import { tempDir } from './cli-helpers.js';

const KEY = 'read-key';

describe('a server that needs a key for reads', () => {
  let app: FastifyInstance;
  let port: number;
  const opened: http.ClientRequest[] = [];
  beforeAll(async () => {
    app = await createServer({ apiKeys: [KEY], rateLimit: false, live: new LiveSink(), storeFile: path.join(tempDir('argus-read-key-'), 'a.db'), requireKeyForReads: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const r of opened) r.destroy();
    await app.close();
  });

  const stream = (headers: Record<string, string>, query = '') =>
    new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/api/v1/alerts/stream${query}`, headers }, (res) => {
        resolve(res.statusCode ?? 0);
        if (res.statusCode !== 200) res.resume();
      });
      req.on('error', reject);
      opened.push(req);
    });

  it('refuses reads without a key (401) or with a wrong one (403), in the error shape; the health probe stays open', async () => {
    for (const url of ['/api/v1/alerts', '/api/v1/alerts/counts', '/api/v1/incidents', '/api/v1/info', '/api/v1/urls/check?u=example.com', '/api/v1/openapi.json']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error.code).toBe('ARGUS_UNAUTHORIZED');
    }
    expect((await app.inject({ url: '/api/v1/alerts', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/alerts', headers: { 'x-api-key': KEY } })).statusCode).toBe(200);
  });

  it('takes the key from the cookie or the query for a GET (the live stream), refusing a wrong one', async () => {
    expect(await stream({})).toBe(401);
    expect(await stream({ cookie: `theme=dark; argus_key=${encodeURIComponent(KEY)}` })).toBe(200);
    expect(await stream({}, `?key=${encodeURIComponent(KEY)}`)).toBe(200);
    expect(await stream({ cookie: 'argus_key=nope' })).toBe(403);
    expect((await app.inject({ url: '/api/v1/alerts', headers: { cookie: `argus_key=${KEY}` } })).statusCode).toBe(200);
  });

  it('never takes the cookie or the query for a write', async () => {
    const cookie = await app.inject({ method: 'POST', url: '/api/v1/urls/check', headers: { cookie: `argus_key=${KEY}` }, payload: { inputs: ['example.com'] } });
    expect(cookie.statusCode).toBe(401);
    const query = await app.inject({ method: 'POST', url: `/api/v1/triage?key=${KEY}`, payload: { kind: 'alert', ids: ['0'.repeat(32)], status: 'resolved' } });
    expect(query.statusCode).toBe(401);
  });

  it('says in the OpenAPI document that reads need a key', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json', headers: { authorization: `Bearer ${KEY}` } })).json();
    expect(doc.paths['/api/v1/alerts'].get.security).toBeDefined();
    expect(doc.paths['/api/v1/healthz'].get.security).toBeUndefined();
  });
});

describe('block explorers for the dashboard', () => {
  it('offers the main chains by default, configured ones over them, and drops one given empty', async () => {
    const app = await createServer({ apiKeys: [KEY], rateLimit: false, explorers: { '31337': 'https://explorer.example/', '56': '' } });
    const { explorers } = (await app.inject({ url: '/api/v1/info' })).json();
    expect(explorers['1']).toBe('https://etherscan.io');
    expect(explorers['31337']).toBe('https://explorer.example');
    expect(explorers['56']).toBeUndefined();
    await app.close();
    expect(explorersFromFlags(['1=https://eth.example', '10='])).toEqual({ '1': 'https://eth.example', '10': '' });
    expect(() => explorersFromFlags(['x=https://a'])).toThrow(/--explorer/);
    expect(() => explorersFromFlags(['1=javascript:alert(1)'])).toThrow(/not an http/);
  });
});

describe('a default server', () => {
  it('keeps reads open and ignores a key in the query', async () => {
    const app = await createServer({ apiKeys: [KEY], rateLimit: false });
    expect((await app.inject({ url: '/api/v1/info' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/urls/check?key=${KEY}`, payload: { inputs: ['example.com'] } })).statusCode).toBe(401);
    await app.close();
  });
});
