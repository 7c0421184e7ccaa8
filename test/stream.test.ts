/**
 * `BlockStream` against the real devnet (Hardhat EDR, Uniswap V2): every transaction of many blocks
 * delivered once; a reorg made with evm_snapshot / evm_revert detected, reported and replaced; a stop and
 * a SIGKILL mid-way resumed exactly from the SQLite checkpoint; an RPC outage (a loopback proxy stopped
 * and restarted) and a dead primary endpoint (fail-over) losing nothing; a WebSocket dropped by the
 * server side and back (a TCP proxy closed and reopened) losing nothing and subscribing again.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { blockNumber, mineBlock, mixedTxs, rpc } from '../bench/devnet-load.js';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { BlockStream, type ReorgEvent, type StreamBlock } from '../src/chain/stream/index.js';
import { SqliteStore } from '../src/store/index.js';
import { ROOT, tempDir } from './cli-helpers.js';
import type { AddressInfo } from 'node:net';
import { tcpProxy } from './tcp-proxy.js';

let devnet: Devnet;
let url: string;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  url = devnet.rpcUrl;
}, 30_000);

afterAll(async () => {
  await devnet?.stop();
});

/** Mines `blocks` blocks of `perBlock` mixed transfers and swaps; returns the hashes and the block range. */
async function fill(blocks: number, perBlock: number, salt = 0): Promise<{ hashes: Hex[]; from: bigint; to: bigint }> {
  const from = (await blockNumber(url)) + 1n;
  const hashes: Hex[] = [];
  for (let i = 0; i < blocks; i++) hashes.push(...(await mineBlock(url, mixedTxs(devnet, perBlock, salt + i))));
  return { hashes, from, to: await blockNumber(url) };
}

async function until(cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function store(): SqliteStore {
  return new SqliteStore(path.join(tempDir('argus-stream-'), 'stream.db'));
}

/** Same transactions, each once (the node orders a block's transactions by fee and sender, not by send order). */
const sorted = (hashes: readonly string[]) => [...hashes].sort();

const txItems = (b: StreamBlock) => b.transactions.map((t) => ({ kind: 'tx', key: t.hash, data: null }));

describe('BlockStream on the devnet', () => {
  it('delivers every transaction of N blocks exactly once, in order, decoded', async () => {
    const { hashes, from, to } = await fill(12, 6);
    const s = store();
    const seen: Hex[] = [];
    const numbers: bigint[] = [];
    const kinds = new Map<string, number>();
    const stream = new BlockStream({
      id: 'all',
      rpcUrls: [url],
      store: s,
      fromBlock: from,
      toBlock: to,
      pollingIntervalMs: 50,
      prefetch: 4,
      onBlock: (b) => {
        numbers.push(b.block.number);
        expect(b.receipts.map((r) => r.transactionHash)).toEqual(b.transactions.map((t) => t.hash));
        for (const t of b.transactions) seen.push(t.hash);
        for (const e of b.decoded) kinds.set(`${e.standard}.${e.event}`, (kinds.get(`${e.standard}.${e.event}`) ?? 0) + 1);
        return b.decoded.map((e) => ({ kind: `${e.standard}.${e.event}`, key: `${e.transactionHash}:${e.logIndex}`, data: e.args }));
      },
    });
    await stream.run();
    expect(numbers).toEqual(Array.from({ length: Number(to - from) + 1 }, (_, i) => from + BigInt(i)));
    expect(sorted(seen)).toEqual(sorted(hashes));
    // 72 transactions: 54 transfers, 18 swaps of ETH for a token (each: WETH's Deposit of the ETH, WETH
    // transfer, token transfer, Sync, Swap).
    expect(kinds.get('erc20.Transfer')).toBe(54 + 18 * 2);
    expect(kinds.get('uniswap-v2.Swap')).toBe(18);
    expect(kinds.get('uniswap-v2.Sync')).toBe(18);
    expect(kinds.get('weth.Deposit')).toBe(18);
    expect(await s.getCheckpoint('all')).toMatchObject({ number: to });
    expect(await s.items('all')).toHaveLength(54 + 18 * 5);
    const swap = (await s.items('all', { kind: 'uniswap-v2.Swap' }))[0];
    expect(swap?.data).toMatchObject({ amount0In: expect.any(String) as unknown });
    await s.close();
  });

  it('detects a reorg (evm_snapshot / evm_revert), reports the dropped blocks and delivers the new branch', async () => {
    const base = await blockNumber(url);
    const s = store();
    const delivered: { number: bigint; hash: Hex; txs: Hex[] }[] = [];
    const reorgs: ReorgEvent[] = [];
    const stream = new BlockStream({
      id: 'reorg',
      rpcUrls: [url],
      store: s,
      fromBlock: base + 1n,
      pollingIntervalMs: 30,
      onBlock: (b) => {
        delivered.push({ number: b.block.number, hash: b.block.hash, txs: b.transactions.map((t) => t.hash) });
        return txItems(b);
      },
      onReorg: (e) => {
        reorgs.push(e);
      },
    });
    const running = stream.run();
    const snapshot = await rpc<string>(url, 'evm_snapshot');
    const old = await fill(3, 2, 100);
    await until(() => delivered.length === 3);
    const oldBlocks = delivered.map((d) => ({ number: d.number, hash: d.hash }));
    expect(await rpc(url, 'evm_revert', [snapshot])).toBe(true);
    const fresh = await fill(4, 3, 200);
    await until(() => delivered.length === 7);
    await stream.stop();
    await running;

    expect(reorgs).toHaveLength(1);
    expect(reorgs[0]?.ancestor.number).toBe(base);
    expect(reorgs[0]?.dropped).toEqual(oldBlocks);
    expect(delivered.slice(3).map((d) => d.number)).toEqual([base + 1n, base + 2n, base + 3n, base + 4n]);
    expect(sorted(delivered.slice(3).flatMap((d) => d.txs))).toEqual(sorted(fresh.hashes));
    expect(sorted(delivered.slice(0, 3).flatMap((d) => d.txs))).toEqual(sorted(old.hashes));
    // The store holds only the canonical branch.
    expect(sorted((await s.items('reorg')).map((i) => i.key))).toEqual(sorted(fresh.hashes));
    expect(await s.getCheckpoint('reorg')).toEqual({ number: base + 4n, hash: delivered[6]?.hash });
    await s.close();
  });

  it('resumes exactly after a stop mid-way', async () => {
    const { hashes, from, to } = await fill(20, 2, 300);
    const s = store();
    const seen: Hex[] = [];
    const first = new BlockStream({
      id: 'resume',
      rpcUrls: [url],
      store: s,
      fromBlock: from,
      toBlock: to,
      pollingIntervalMs: 50,
      onBlock: (b) => {
        seen.push(...b.transactions.map((t) => t.hash));
        if (b.block.number === from + 6n) void first.stop();
        return txItems(b);
      },
    });
    await first.run();
    expect(first.checkpoint?.number).toBe(from + 6n);
    expect(seen).toHaveLength(14);
    const second = new BlockStream({ id: 'resume', rpcUrls: [url], store: s, fromBlock: 0n, toBlock: to, pollingIntervalMs: 50, onBlock: (b) => void seen.push(...b.transactions.map((t) => t.hash)) });
    await second.run();
    expect(second.stats.blocks).toBe(13);
    expect(sorted(seen)).toEqual(sorted(hashes));
    await s.close();
  });

  it('resumes exactly after the process running it is killed with SIGKILL', async () => {
    const { hashes, from, to } = await fill(30, 2, 400);
    const db = path.join(tempDir('argus-stream-kill-'), 'kill.db');
    const child = (pause: number, killAfter?: number) =>
      new Promise<{ lines: string[]; signal: NodeJS.Signals | null }>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fixtures/stream-child.ts'), url, db, String(from), String(to), String(pause)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        const lines: string[] = [];
        let stderr = '';
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.stdout.on('data', (d: Buffer) => {
          for (const line of d.toString().split('\n').filter(Boolean)) {
            lines.push(line);
            if (killAfter !== undefined && lines.length === killAfter) p.kill('SIGKILL');
          }
        });
        p.on('error', reject);
        p.on('exit', (code, signal) => (code === 0 || signal ? resolve({ lines, signal }) : reject(new Error(`child exited ${code}: ${stderr}`))));
      });
    const killed = await child(40, 8);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines.length).toBeLessThan(30);
    const rest = await child(0);
    expect(rest.lines.at(-1)).toBe('done');
    // The restart goes on right after the last committed block: the last block printed before the kill
    // again only if the kill fell between its consumer and its commit, never an older one, none skipped.
    const lastKilled = BigInt(killed.lines.at(-1)?.split(' ')[1] ?? '-1');
    const firstAgain = BigInt(rest.lines[0]?.split(' ')[1] ?? '-1');
    expect([lastKilled, lastKilled + 1n]).toContain(firstAgain);
    const s = new SqliteStore(db);
    const items = await s.items('child');
    // Every transaction exactly once in the store, whatever the kill interrupted.
    expect(sorted(items.map((i) => i.key))).toEqual(sorted(hashes));
    expect(await s.getCheckpoint('child')).toMatchObject({ number: to });
    await s.close();
  });

  it('loses nothing while the RPC endpoint is away (a proxy stopped and restarted)', async () => {
    let up = true;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!up) return void req.socket.destroy();
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
          .then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()))
          .catch(() => req.socket.destroy());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const stopProxy = () => new Promise<void>((r) => {
      up = false;
      server.close(() => r());
      server.closeAllConnections();
    });
    const s = store();
    const seen: Hex[] = [];
    const base = await blockNumber(url);
    const stream = new BlockStream({
      id: 'outage',
      rpcUrls: [`http://127.0.0.1:${port}`],
      store: s,
      fromBlock: base + 1n,
      pollingIntervalMs: 30,
      requestTimeoutMs: 1_000,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      onBlock: (b) => void seen.push(...b.transactions.map((t) => t.hash)),
    });
    const running = stream.run();
    const a = await fill(3, 2, 500);
    await until(() => seen.length === 6);
    await stopProxy();
    const b = await fill(5, 2, 600);
    await new Promise((r) => setTimeout(r, 700));
    up = true;
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const c = await fill(2, 2, 700);
    await until(() => seen.length === 20);
    await stream.stop();
    await running;
    await new Promise<void>((r) => server.close(() => r()));
    expect(sorted(seen)).toEqual(sorted([...a.hashes, ...b.hashes, ...c.hashes]));
    expect(stream.stats.rpcFailures).toBeGreaterThan(0);
    await s.close();
  });

  it('follows over WebSocket, woken by the new-heads subscription rather than polling', async () => {
    const base = await blockNumber(url);
    const s = store();
    const arrived: number[] = [];
    const seen: Hex[] = [];
    let minedAt = 0;
    const stream = new BlockStream({
      id: 'ws',
      rpcUrls: [devnet.wsUrl],
      store: s,
      fromBlock: base + 1n,
      pollingIntervalMs: 10_000,
      onBlock: (b) => {
        arrived.push(performance.now() - minedAt);
        seen.push(...b.transactions.map((t) => t.hash));
      },
    });
    const running = stream.run();
    await new Promise((r) => setTimeout(r, 200)); // the subscription is set up
    const hashes: Hex[] = [];
    for (let i = 0; i < 3; i++) {
      hashes.push(...(await mineBlock(url, mixedTxs(devnet, 2, 900 + i))));
      minedAt = performance.now();
      await until(() => arrived.length === i + 1, 3_000);
    }
    await stream.stop();
    await running;
    expect(sorted(seen)).toEqual(sorted(hashes));
    // Far under the 10 s polling interval: each block came on its notification.
    expect(Math.max(...arrived)).toBeLessThan(2_000);
    await s.close();
  });

  it('survives the WebSocket dropping and coming back: no block missed or repeated, subscribed again', async () => {
    // A TCP proxy in front of the devnet's WebSocket port: closing it drops the socket from the server side.
    const proxy = await tcpProxy(new URL(devnet.wsUrl));
    const port = proxy.port;
    const drop = proxy.stop;
    const listen = proxy.start;
    const timersBefore = process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;

    const s = store();
    const numbers: bigint[] = [];
    const seen: Hex[] = [];
    const warnings: string[] = [];
    const infos: string[] = [];
    const base = await blockNumber(url);
    const stream = new BlockStream({
      id: 'ws-drop',
      rpcUrls: [`ws://127.0.0.1:${port}`],
      store: s,
      fromBlock: base + 1n,
      pollingIntervalMs: 5_000,
      requestTimeoutMs: 1_000,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      logger: { warn: (m) => void warnings.push(m), info: (m) => void infos.push(m), debug: () => undefined, error: () => undefined },
      onBlock: (b) => {
        numbers.push(b.block.number);
        seen.push(...b.transactions.map((t) => t.hash));
      },
    });
    const running = stream.run();
    await until(() => stream.stats.subscriptions === 1);
    const a = await fill(3, 2, 1000);
    await until(() => seen.length === 6);

    await drop();
    const b = await fill(4, 2, 1100); // mined while the socket is down
    await new Promise((r) => setTimeout(r, 600));
    expect(stream.stats.subscriptions).toBe(1);
    await listen();
    await until(() => stream.stats.subscriptions === 2);
    await until(() => seen.length === 14);

    // The new subscription wakes the stream: each block arrives far under the 5 s polling interval.
    const c: Hex[] = [];
    for (let i = 0; i < 3; i++) {
      c.push(...(await mineBlock(url, mixedTxs(devnet, 2, 1200 + i))));
      await until(() => seen.length === 16 + 2 * i, 2_000);
    }
    await stream.stop();
    await running;

    const last = await blockNumber(url);
    expect(numbers).toEqual(Array.from({ length: Number(last - base) }, (_, i) => base + 1n + BigInt(i)));
    expect(sorted(seen)).toEqual(sorted([...a.hashes, ...b.hashes, ...c]));
    expect(warnings.some((w) => w.startsWith('new-heads subscription lost'))).toBe(true);
    expect(infos).toContain('new-heads subscription re-established');
    expect(proxy.accepted()).toBeGreaterThanOrEqual(2);
    // Nothing left behind: the proxy sees no open connection and no timer of the stream is still pending.
    await until(() => proxy.openSockets() === 0, 3_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
    await new Promise<void>((r) => proxy.server.close(() => r()));
    await s.close();
  });

  it('fails over to the second endpoint when the first is dead', async () => {
    const { hashes, from, to } = await fill(5, 2, 800);
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const s = store();
    const seen: Hex[] = [];
    const failures: string[] = [];
    const stream = new BlockStream({
      id: 'failover',
      rpcUrls: [`http://127.0.0.1:${deadPort}`, url],
      store: s,
      fromBlock: from,
      toBlock: to,
      pollingIntervalMs: 50,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      onRpcFailure: (f) => failures.push(f.url),
      onBlock: (b) => void seen.push(...b.transactions.map((t) => t.hash)),
    });
    await stream.run();
    expect(sorted(seen)).toEqual(sorted(hashes));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.includes(String(deadPort)))).toBe(true);
    await s.close();
  });
});
