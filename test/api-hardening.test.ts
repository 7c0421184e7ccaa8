/**
 * The API's edges: which hosts it answers to (DNS rebinding), what every answer says about its type, and
 * errors from the JSON parser, the rate limiter and Node's HTTP parser in the documented shape.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostsFor } from '../src/cli/serve-command.js';
import { LiveSink } from '../src/monitor/sinks/live.js';
import { createServer, hostnameOf } from '../src/server/index.js';

const KEY = 'hardening-key';
const AUTH = { authorization: `Bearer ${KEY}` };

describe('the Host header (DNS rebinding)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createServer({ apiKeys: [KEY], rateLimit: false });
  });
  afterAll(async () => app.close());

  it('answers the loopback names, with or without a port', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost', 'LOCALHOST:80', '[::1]:8080']) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/info', headers: { host } });
      expect(r.statusCode, host).toBe(200);
    }
  });

  it('refuses another name with 421 in the error shape, before any route runs', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { host: 'rebind.attacker.example:8080' } });
    expect(r.statusCode).toBe(421);
    expect(r.json()).toMatchObject({ error: { code: 'ARGUS_FORBIDDEN', message: expect.stringContaining('rebind.attacker.example') } });
  });

  it('is off only when told (a proxy in front checks it)', async () => {
    const open = await createServer({ apiKeys: [KEY], rateLimit: false, allowedHosts: false });
    const r = await open.inject({ method: 'GET', url: '/api/v1/info', headers: { host: 'anything.example' } });
    expect(r.statusCode).toBe(200);
    await open.close();
  });

  it('argus serve adds the bound address and the names given; on all interfaces, every address of this machine', () => {
    expect(allowedHostsFor('127.0.0.1', ['Argus.Internal:443'])).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost', '::1', 'argus.internal']));
    expect(allowedHostsFor('10.1.2.3', [])).toContain('10.1.2.3');
    expect(allowedHostsFor('0.0.0.0', [])).toContain('127.0.0.1');
    expect(hostnameOf('[::1]:8080')).toBe('::1');
    expect(hostnameOf('::1')).toBe('::1');
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
  });
});

describe('answers and errors', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createServer({ apiKeys: [KEY], rateLimit: { max: 2, timeWindowMs: 60_000 } });
  });
  afterAll(async () => app.close());

  it('marks JSON answers and errors nosniff', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/v1/info' });
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('says a __proto__ key is refused, not that the JSON is invalid; and names the syntax error of bad JSON', async () => {
    const proto = await app.inject({ method: 'POST', url: '/api/v1/urls/check', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"urls":["example.com"],"__proto__":{"admin":true}}' });
    expect(proto.statusCode).toBe(400);
    expect(proto.json().error.message).toMatch(/__proto__ key, which is refused/);
    const ctor = await app.inject({ method: 'POST', url: '/api/v1/urls/check', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"urls":["example.com"],"constructor":{"prototype":{"x":1}}}' });
    expect(ctor.json().error.message).toMatch(/constructor\.prototype key/);
  });

  it('words the rate limit as its window, with the time left apart', async () => {
    let last;
    for (let i = 0; i < 3; i++) last = await app.inject({ method: 'GET', url: '/api/v1/info', remoteAddress: '10.9.9.9' });
    expect(last!.statusCode).toBe(429);
    const body = last!.json();
    expect(body.error.code).toBe('ARGUS_RATE_LIMITED');
    expect(body.error.message).toMatch(/^rate limit exceeded: 2 requests per 60 s; retry in /);
  });
});

describe("Node's HTTP parser errors in the API's shape (a real socket)", () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await createServer({ apiKeys: [KEY], rateLimit: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => app.close());

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
    });

  it('431 for headers too large, as { error: { code, message } }', async () => {
    const answer = await raw(`GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'ARGUS_USAGE', message: 'the request headers are larger than the server accepts' } });
  });

  it('400 for garbage that is not HTTP, in the same shape', async () => {
    const answer = await raw('THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('ARGUS_USAGE');
  });
});

describe('live-stream slots', () => {
  const K1 = 'stream-key-1';
  const K2 = 'stream-key-2';
  const opened: http.ClientRequest[] = [];
  let app: FastifyInstance;
  let port: number;
  const start = async (maxStreams: number, maxStreamsPerClient: number) => {
    app = await createServer({ apiKeys: [K1, K2], rateLimit: false, live: new LiveSink(), maxStreams, maxStreamsPerClient });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  };
  /** Opens a stream and resolves with its status once the head arrives (the connection stays open). */
  const open = (key?: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/alerts/stream', headers: key ? { authorization: `Bearer ${key}` } : {} }, (res) => {
        resolve(res.statusCode ?? 0);
        if (res.statusCode !== 200) res.resume();
      });
      req.on('error', reject);
      opened.push(req);
    });
  afterEach(async () => {
    for (const r of opened.splice(0)) r.destroy();
    await app.close();
  });

  it('limits each client, and a full server answers 503', async () => {
    await start(4, 2);
    expect([await open(), await open()]).toEqual([200, 200]);
    expect(await open()).toBe(429); // a third stream for the same key-less client
    expect([await open(K1), await open(K1)]).toEqual([200, 200]);
    expect(await open(K2)).toBe(503); // 4 of 4 slots taken
  });

  it('keeps slots that key-less clients cannot take', async () => {
    await start(4, 10);
    expect([await open(), await open(), await open()]).toEqual([200, 200, 200]);
    expect(await open()).toBe(503); // the last slot is kept for a client with a key
    expect(await open(K1)).toBe(200);
  });

  it('frees a slot when its client goes away', async () => {
    await start(4, 1);
    expect(await open()).toBe(200);
    expect(await open()).toBe(429);
    opened.shift()!.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(await open()).toBe(200);
  });
});

describe('token checks fail closed', () => {
  it('answers 400 ARGUS_PARSE for source that does not parse, never a low-risk report', async () => {
    const app = await createServer({ apiKeys: [KEY], rateLimit: false });
    const r = await app.inject({ method: 'POST', url: '/api/v1/tokens/check', headers: AUTH, payload: { source: 'pragma solidity ^0.8.0;\ncontract T { function x( public {' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('ARGUS_PARSE');
    expect(r.body).not.toMatch(/riskScore/);
    await app.close();
  });
});
