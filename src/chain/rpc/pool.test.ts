/**
 * RpcPool against a loopback JSON-RPC server that misbehaves on purpose: rate limits (HTTP 429),
 * requests that never get an answer (timeouts), and methods the endpoint does not have.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcPool, type RpcFailure } from './pool.js';
import { backoffDelay, StoppedError } from './retry.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A JSON-RPC server answering eth_blockNumber with 0x2a; `behave(n)` picks what the n-th request gets. */
async function server(behave: (n: number) => 'ok' | 429 | 'hang' | 'no-method'): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const what = behave(n++);
      if (what === 'hang') return;
      if (what === 429) return void res.writeHead(429, { 'retry-after': '0' }).end('rate limited');
      const calls = JSON.parse(body) as { id: number } | { id: number }[];
      const answer = (c: { id: number }) => (what === 'no-method' ? { jsonrpc: '2.0', id: c.id, error: { code: -32601, message: 'Method not found' } } : { jsonrpc: '2.0', id: c.id, result: '0x2a' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(calls) ? calls.map(answer) : answer(calls)));
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests: () => n };
}

describe('RpcPool', () => {
  it('retries rate limits and timeouts with backoff until an answer comes', async () => {
    const srv = await server((n) => (n < 2 ? 429 : n < 3 ? 'hang' : 'ok'));
    const failures: RpcFailure[] = [];
    const pool = new RpcPool({ urls: [srv.url], timeoutMs: 200, retry: { baseDelayMs: 10, maxDelayMs: 40 }, onFailure: (f) => failures.push(f) });
    expect(await pool.call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }))).toBe(42n);
    expect(failures.map((f) => f.attempt)).toEqual([1, 2, 3]);
    expect(failures[2]?.error.message).toMatch(/timed out/i);
    expect(srv.requests()).toBe(4);
  });

  it('throws at once on a method the endpoint does not have, and on stop', async () => {
    const srv = await server(() => 'no-method');
    const pool = new RpcPool({ urls: [srv.url], retry: { baseDelayMs: 10 } });
    await expect(pool.call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }))).rejects.toThrow(/not found|does not exist/i);
    expect(srv.requests()).toBe(1);
    const down = await server(() => 429);
    const stopping = new AbortController();
    const p = new RpcPool({ urls: [down.url], retry: { baseDelayMs: 50 } }).call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }), stopping.signal);
    setTimeout(() => stopping.abort(), 100);
    await expect(p).rejects.toBeInstanceOf(StoppedError);
  });

  it('fails over to the next endpoint at once and gives up after maxAttempts', async () => {
    const bad = await server(() => 429);
    const good = await server(() => 'ok');
    const pool = new RpcPool({ urls: [bad.url, good.url], retry: { baseDelayMs: 1_000 } });
    const started = Date.now();
    expect(await pool.call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }))).toBe(42n);
    expect(Date.now() - started).toBeLessThan(500);
    expect(pool.currentUrl).toBe(good.url);
    const only = new RpcPool({ urls: [bad.url], retry: { baseDelayMs: 1, maxAttempts: 3 } });
    await expect(only.call('eth_blockNumber', (c) => c.getBlockNumber({ cacheTime: 0 }))).rejects.toThrow();
  });

  it('spreads backoff delays: exponential, capped, jittered within [d/2, d]', () => {
    expect(backoffDelay(0, 100, 5_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 5_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 5_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 5_000, () => 0.5)).toBe(3_750);
  });
});
