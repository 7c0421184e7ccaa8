/**
 * `argus watch --rpc` under faults, end to end through the built CLI (issue 4): a real devnet with real
 * attack scenarios, `argus watch` as a child process, and small servers of the test's own for the faults.
 *
 * - the RPC endpoint dies mid-stream and comes back (a TCP proxy closed, its sockets destroyed, reopened on
 *   the same port): every block processed once, every alert raised once;
 * - the webhook receiver is down for a minute (nothing listens on its port), with a SIGKILL and restart of
 *   watch during the outage: every alert delivered exactly once when it is back, signed, one idempotency
 *   key per alert;
 * - kill -9 mid-stream and restart on the same store and JSONL file: no alert twice, none missing, no
 *   block missed (the same alerts as an uninterrupted replay);
 * - a reorg (evm_snapshot / evm_revert) removing the transaction an alert was raised on: the alert is
 *   retracted on stdout and in the JSONL file and marked retracted in the store.
 *
 * "Every block once" is checked from what the CLI records: the summary line's block count, the stream's
 * checkpoint and its recent-block table in the SQLite store (contiguous, and the canonical hashes).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { blockNumber, rpc } from '../bench/devnet-load.js';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { simulate } from '../src/chain/scenarios/index.js';
import type { Alert, AlertEvent, Retraction } from '../src/core/alert.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../src/monitor/sinks/webhook.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { StoredAlert } from '../src/store/store.js';
import { CLI, ROOT, tempDir } from './cli-helpers.js';
import { tcpProxy } from './tcp-proxy.js';

const children = new Set<ChildProcessWithoutNullStreams>();
const devnets: Devnet[] = [];
const servers: (TcpServer | HttpServer)[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers) s.close();
  await Promise.all(devnets.map((d) => d.stop().catch(() => undefined)));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`);
    await sleep(50);
  }
}

async function devnetUp(): Promise<Devnet> {
  const d = await startDevnet({ port: 0 });
  devnets.push(d);
  return d;
}

// ---------------------------------------------------------------------------------------------------
// `argus watch` as a child process

interface Summary {
  blocks: number;
  alerts: number;
  duplicates: number;
  retracted: number;
  checkpoint: number;
  restoredAt: number | null;
}

class Watch {
  readonly child: ChildProcessWithoutNullStreams;
  readonly events: AlertEvent[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private out = '';

  /** `onEvent` runs as each line arrives (e.g. to kill watch at once). */
  constructor(args: string[], env: NodeJS.ProcessEnv = {}, onEvent?: (event: AlertEvent, w: Watch) => void) {
    this.child = spawn(process.execPath, [CLI, 'watch', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
    children.add(this.child);
    // 'close', not 'exit': a process can be gone while lines it wrote are still in the pipe, unread.
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
    this.child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.child.stdout.on('data', (c: Buffer) => {
      this.out += c.toString();
      let nl: number;
      while ((nl = this.out.indexOf('\n')) >= 0) {
        const line = this.out.slice(0, nl);
        this.out = this.out.slice(nl + 1);
        const event = JSON.parse(line) as AlertEvent;
        this.events.push(event);
        onEvent?.(event, this);
      }
    });
  }

  get alerts(): Alert[] {
    return this.events.flatMap((e) => (e.type === 'alert' ? [e.alert] : []));
  }

  get retractions(): Retraction[] {
    return this.events.flatMap((e) => (e.type === 'retraction' ? [e.retraction] : []));
  }

  /** Resolves with the first value `probe` gives on the events; fails if watch exits first. */
  waitFor<T>(what: string, probe: (w: Watch) => T | undefined | false, timeoutMs: number): Promise<T> {
    return until(
      what,
      () => {
        if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`argus watch exited (${this.child.exitCode ?? this.child.signalCode}) while waiting for ${what}:\n${this.stderr}`);
        return probe(this);
      },
      timeoutMs,
      () => `stderr:\n${this.stderr}`,
    );
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }

  /** The summary line watch prints when it stops. */
  summary(): Summary {
    const m = /: (\d+) blocks, \d+ transactions, (\d+) alerts \((\d+) already stored, (\d+) retracted\) in [\d.]+ s; checkpoint (\d+)(?:; resumed with the monitor state saved at block (\d+))?/.exec(this.stderr);
    if (!m) throw new Error(`no summary line in:\n${this.stderr}`);
    return { blocks: Number(m[1]), alerts: Number(m[2]), duplicates: Number(m[3]), retracted: Number(m[4]), checkpoint: Number(m[5]), restoredAt: m[6] === undefined ? null : Number(m[6]) };
  }
}

/**
 * Waits until every id is on stdout (this run's or `earlier` runs'). watch commits a block's checkpoint only
 * once its alerts' lines were written to stdout, but the test reads that pipe in its own event loop: a poll
 * of the store can see the checkpoint, and the alerts stored, before the 'data' event with the last line
 * has run.
 */
function printedAll(w: Watch, ids: readonly string[], earlier: readonly Alert[] = []): Promise<true> {
  return w.waitFor(
    `every stored alert on stdout (${ids.length})`,
    (x) => {
      const seen = new Set([...earlier, ...x.alerts].map((a) => a.id));
      return ids.every((id) => seen.has(id));
    },
    10_000,
  );
}

/** An uninterrupted replay of blocks 0..`to` on a fresh store: the alert ids a fault-free run raises. */
async function replayIds(rpcUrl: string, to: number): Promise<string[]> {
  const w = new Watch(['--rpc', rpcUrl, '--from', '0', '--to', String(to), '--json', '--store', path.join(tempDir('argus-faults-replay-'), 'replay.db')]);
  const { code } = await w.exited;
  if (code !== 0) throw new Error(`replay failed (${code}):\n${w.stderr}`);
  return w.alerts.map((a) => a.id);
}

// ---------------------------------------------------------------------------------------------------
// What the CLI recorded

function readDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The stream checkpoint watch committed (one stream per store here), or -1. */
function checkpoint(file: string): number {
  try {
    return readDb(file, (db) => (db.prepare("SELECT block_number AS n FROM checkpoints WHERE stream_id LIKE 'watch:%'").get() as { n: number } | undefined)?.n ?? -1);
  } catch {
    return -1; // not created yet
  }
}

/**
 * The recent blocks the stream committed (it keeps the last 128) form one contiguous chain ending at
 * `head`, each with the devnet's canonical hash: no block missed, none from a dropped branch left.
 */
async function expectCanonicalBlocks(expect: ExpectStatic, file: string, rpcUrl: string, head: number): Promise<void> {
  const rows = readDb(file, (db) => db.prepare("SELECT block_number AS n, block_hash AS hash, parent_hash AS parent FROM blocks WHERE stream_id LIKE 'watch:%' ORDER BY block_number").all() as { n: number; hash: string; parent: string }[]);
  const first = Math.max(0, head - 127);
  expect(rows.map((r) => r.n)).toEqual(Array.from({ length: head - first + 1 }, (_, i) => first + i));
  for (let i = 1; i < rows.length; i++) expect(rows[i]?.parent).toBe(rows[i - 1]?.hash);
  const canonical = await Promise.all(rows.map((r) => rpc<{ hash: string }>(rpcUrl, 'eth_getBlockByNumber', [`0x${r.n.toString(16)}`, false])));
  expect(rows.map((r) => r.hash)).toEqual(canonical.map((b) => b.hash));
}

async function storedAlerts(file: string): Promise<StoredAlert[]> {
  const store = new SqliteStore(file);
  try {
    return await store.alerts({ includeRetracted: true, limit: 1_000_000 });
  } finally {
    await store.close();
  }
}

function jsonlEvents(file: string): AlertEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as AlertEvent);
}

const alertIds = (events: readonly AlertEvent[]) => events.flatMap((e) => (e.type === 'alert' ? [e.alert.id] : []));

// ---------------------------------------------------------------------------------------------------
// Fault servers

/** The shared fault proxy (test/tcp-proxy.ts), closed with the other servers after the tests. */
async function proxyTo(target: URL): Promise<{ url: string; stop: () => Promise<void>; start: () => Promise<void>; accepted: () => number }> {
  const proxy = await tcpProxy(target);
  servers.push(proxy.server);
  return { url: `http://${proxy.host}`, stop: proxy.stop, start: proxy.start, accepted: proxy.accepted };
}

async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

// ---------------------------------------------------------------------------------------------------

describe.concurrent('argus watch --rpc under faults (built CLI)', () => {
  it('the RPC endpoint dies mid-stream and comes back: every block processed once, every alert once', async ({ expect }) => {
    const devnet = await devnetUp();
    const proxy = await proxyTo(new URL(devnet.rpcUrl));
    const dir = tempDir('argus-faults-rpc-');
    const store = path.join(dir, 'argus.db');
    const jsonl = path.join(dir, 'alerts.jsonl');
    let armed = false;
    let down: Promise<void> | undefined;
    // The proxy goes down as soon as an alert of the burst below is printed, while watch is fetching and
    // processing it (requests in flight are cut).
    const watch = new Watch(['--rpc', proxy.url, '--from', '0', '--json', '--store', store, '--jsonl', jsonl], {}, (event) => {
      if (armed && event.type === 'alert') down ??= proxy.stop();
    });

    await simulate(devnet.describe(), { seed: 'faults-rpc-1', mode: 'alone', scenarios: ['treasury-drain'] });
    const drained = Number(await blockNumber(devnet.rpcUrl));
    await watch.waitFor('the treasury-drain alert', (w) => w.alerts.some((a) => a.finding.detector === 'monitor/large-transfer'), 30_000);
    await until('the checkpoint at the head', () => checkpoint(store) === drained, 20_000, () => watch.stderr);
    armed = true;
    await simulate(devnet.describe(), { seed: 'faults-rpc-2', mode: 'alone', scenarios: ['soft-rug', 'approval-phishing'] });
    await until('the RPC proxy down', () => down !== undefined, 30_000, () => watch.stderr);
    await down;
    // Another attack is mined while the RPC is away, and it stays away for a few polls.
    await simulate(devnet.describe(), { seed: 'faults-rpc-3', mode: 'alone', scenarios: ['hard-rug'] });
    await sleep(2_000);
    const stuckAt = checkpoint(store);
    await sleep(3_000);
    expect(checkpoint(store)).toBe(stuckAt);
    expect(stuckAt).toBeGreaterThan(drained);
    expect(stuckAt).toBeLessThan(Number(await blockNumber(devnet.rpcUrl)));
    expect(watch.child.exitCode).toBeNull();
    await proxy.start();

    const head = Number(await blockNumber(devnet.rpcUrl));
    await until('the checkpoint at the head after the outage', () => checkpoint(store) === head, 30_000, () => watch.stderr);
    const detectors = ['monitor/liquidity-pull', 'monitor/approval-phishing', 'monitor/hidden-mint-dump'];
    await watch.waitFor('the alerts of the attacks around the outage', (w) => detectors.every((d) => w.alerts.some((a) => a.finding.detector === d)), 10_000);
    expect(await watch.stop()).toEqual({ code: 0, signal: null });

    expect(watch.stderr).toMatch(/\[warn\] RPC \S+ failed on http:\/\/127\.0\.0\.1/); // the outage was felt
    expect(proxy.accepted()).toBeGreaterThan(1);
    // Every block exactly once: blocks 0..head processed, as many as there are, all committed, canonical.
    const summary = watch.summary();
    expect(summary.blocks).toBe(head + 1);
    expect(summary.checkpoint).toBe(head);
    await expectCanonicalBlocks(expect, store, devnet.rpcUrl, head);
    // Every alert exactly once, on stdout, in the JSONL file and in the store: those of a fault-free replay.
    const ids = watch.alerts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(alertIds(jsonlEvents(jsonl))).toEqual(ids);
    expect((await storedAlerts(store)).map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(ids).toEqual(await replayIds(devnet.rpcUrl, head));
  }, 120_000);

  it('the webhook receiver is down for a minute, and watch is killed and restarted meanwhile: every alert delivered once, signed', async ({ expect }) => {
    const secret = 'faults-webhook-secret';
    const devnet = await devnetUp();
    const dir = tempDir('argus-faults-webhook-');
    const store = path.join(dir, 'argus.db');
    const jsonl = path.join(dir, 'alerts.jsonl');
    const port = await freePort(); // nothing listens there for a minute
    const hook = `http://127.0.0.1:${port}/argus/hook`;
    const args = ['--rpc', devnet.rpcUrl, '--json', '--store', store, '--jsonl', jsonl, '--webhook', hook, '--allow-loopback-webhook'];
    const env = { ARGUS_WEBHOOK_SECRET: secret };
    const outageStarted = Date.now();

    const first = new Watch([...args, '--from', '0'], env);
    await simulate(devnet.describe(), { seed: 'faults-hook-1', mode: 'alone', scenarios: ['treasury-drain', 'soft-rug'] });
    const head1 = Number(await blockNumber(devnet.rpcUrl));
    await until('the first run at the head', () => checkpoint(store) === head1, 30_000, () => first.stderr);
    await first.waitFor('the first alerts', (w) => w.alerts.length >= 2, 10_000);
    await first.waitFor('failed deliveries', (w) => /webhook delivery failed, retrying/.test(w.stderr), 10_000);
    // A crash during the outage: the undelivered alerts are in the outbox in the store.
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const second = new Watch(args, env);
    await simulate(devnet.describe(), { seed: 'faults-hook-2', mode: 'alone', scenarios: ['approval-phishing'] });
    const head = Number(await blockNumber(devnet.rpcUrl));
    await until('the second run at the head', () => checkpoint(store) === head, 30_000, () => second.stderr);
    await second.waitFor('the phishing alerts', (w) => w.alerts.some((a) => a.finding.detector === 'monitor/approval-phishing'), 10_000);

    // Raised: every alert in the store (both runs), each once on stdout and in the JSONL file.
    const raised = (await storedAlerts(store)).map((a) => a.id);
    await printedAll(second, raised, first.alerts);
    const printed = [...first.alerts, ...second.alerts].map((a) => a.id);
    expect(printed).toEqual(raised);
    expect(alertIds(jsonlEvents(jsonl))).toEqual(raised);
    expect(new Set(raised).size).toBe(raised.length);
    expect(raised).toEqual(await replayIds(devnet.rpcUrl, head));
    await expectCanonicalBlocks(expect, store, devnet.rpcUrl, head);

    // The receiver comes up a minute after the outage began.
    await sleep(Math.max(0, 60_000 - (Date.now() - outageStarted)));
    const received: Received[] = [];
    const receiver = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(200).end('ok');
      });
    });
    servers.push(receiver);
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r));
    const upAt = Date.now();
    // The outbox retries with exponential backoff capped at 5 s (jitter), only the head of the queue while
    // the receiver is down: the first delivery comes within seconds of its recovery, the backlog right after.
    await until('every alert delivered', () => received.length >= raised.length, 30_000, () => `received ${received.length}/${raised.length}\n${second.stderr}`);
    const firstAfterMs = Math.min(...received.map((r) => r.at)) - upAt;
    const allAfterMs = Math.max(...received.map((r) => r.at)) - upAt;
    expect(firstAfterMs).toBeLessThan(10_000);
    console.log(`receiver down 60 s: first delivery ${(firstAfterMs / 1000).toFixed(1)} s after it came back, all ${received.length} after ${(allAfterMs / 1000).toFixed(1)} s`);
    await sleep(1_500); // anything more would be a duplicate
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    expect(received.length).toBe(raised.length);
    expect(Math.min(...received.map((r) => r.at))).toBeGreaterThanOrEqual(upAt);
    const keys = received.map((r) => r.headers[IDEMPOTENCY_HEADER]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(raised); // in the order raised, across the restart
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(verifyWebhookSignature(secret, r.body, r.headers[TIMESTAMP_HEADER] as string, r.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(verifyWebhookSignature('another-secret', r.body, r.headers[TIMESTAMP_HEADER] as string, r.headers[SIGNATURE_HEADER] as string)).toBe(false);
      const event = JSON.parse(r.body) as AlertEvent;
      expect(event.type).toBe('alert');
      expect(event.type === 'alert' && event.alert.id).toBe(r.headers[IDEMPOTENCY_HEADER]);
    }
    // The first alert had been tried (and failed) many times before it got through.
    expect(Number(received[0]?.headers['x-argus-delivery-attempt'])).toBeGreaterThan(3);
    // Nothing left pending or dead in the outbox.
    const outbox = readDb(store, (db) => db.prepare('SELECT key, status FROM webhook_outbox').all() as { key: string; status: string }[]);
    expect(outbox.map((o) => o.key).sort()).toEqual([...raised].sort());
    expect(outbox.every((o) => o.status === 'delivered')).toBe(true);
  }, 200_000);

  it('kill -9 mid-stream and restart: no alert twice, none missing, no block missed', async ({ expect }) => {
    const devnet = await devnetUp();
    const dir = tempDir('argus-faults-kill-');
    const store = path.join(dir, 'argus.db');
    const jsonl = path.join(dir, 'alerts.jsonl');
    const args = ['--rpc', devnet.rpcUrl, '--json', '--store', store, '--jsonl', jsonl];

    let armed = false;
    // Killed as soon as an alert of the burst below is printed, while watch is working through the burst.
    const first = new Watch([...args, '--from', '0'], {}, (event, w) => {
      if (armed && event.type === 'alert') w.child.kill('SIGKILL');
    });
    await simulate(devnet.describe(), { seed: 'faults-kill-1', mode: 'alone', scenarios: ['treasury-drain'] });
    await first.waitFor('the first alert', (w) => w.alerts.length >= 1, 30_000);
    await until('the checkpoint at the head', async () => checkpoint(store) === Number(await blockNumber(devnet.rpcUrl)), 20_000, () => first.stderr);
    armed = true;
    await simulate(devnet.describe(), { seed: 'faults-kill-2', mode: 'alone', scenarios: ['soft-rug', 'approval-phishing', 'hard-rug'] });
    const burstHead = Number(await blockNumber(devnet.rpcUrl));
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = checkpoint(store);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(burstHead); // mid-stream

    // Restarted on the same store and JSONL file, no --from: it resumes after the checkpoint.
    const second = new Watch(args);
    await simulate(devnet.describe(), { seed: 'faults-kill-3', mode: 'alone', scenarios: ['treasury-drain'] });
    const head = Number(await blockNumber(devnet.rpcUrl));
    await until('the checkpoint at the head', () => checkpoint(store) === head, 30_000, () => second.stderr);
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    // No block missed or processed twice by the restart: it processed exactly the blocks after the state it
    // resumed from, which is not behind the checkpoint at the kill (--state-every 1).
    const summary = second.summary();
    expect(summary.restoredAt).not.toBeNull();
    expect(summary.restoredAt).toBeGreaterThanOrEqual(killedAt);
    expect(summary.blocks).toBe(head - (summary.restoredAt ?? 0));
    expect(summary.checkpoint).toBe(head);
    await expectCanonicalBlocks(expect, store, devnet.rpcUrl, head);
    // No alert twice and none missing: the JSONL file and the store hold each alert of an uninterrupted
    // replay once, in order.
    const expected = await replayIds(devnet.rpcUrl, head);
    const lines = alertIds(jsonlEvents(jsonl));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toEqual(expected);
    expect((await storedAlerts(store)).map((a) => a.id)).toEqual(expected);
    // stdout of the two processes: every alert too. One the killed run printed but had not marked
    // dispatched (its block uncommitted) is printed again by the restart; nothing older is.
    const printed = [...first.alerts, ...second.alerts];
    expect([...new Set(printed.map((a) => a.id))].sort()).toEqual([...expected].sort());
    const again = second.alerts.filter((a) => first.alerts.some((b) => b.id === a.id));
    for (const a of again) expect(a.blockNumber).toBeGreaterThan(killedAt);
    expect(second.alerts.length).toBeGreaterThan(again.length);
  }, 120_000);

  it('a reorg removes the transaction an alert was raised on: the alert is retracted and marked in the store', async ({ expect }) => {
    const devnet = await devnetUp();
    const dir = tempDir('argus-faults-reorg-');
    const store = path.join(dir, 'argus.db');
    const jsonl = path.join(dir, 'alerts.jsonl');
    const watch = new Watch(['--rpc', devnet.rpcUrl, '--from', '0', '--json', '--store', store, '--jsonl', jsonl]);

    // An alert before the fork point, which must stay.
    await simulate(devnet.describe(), { seed: 'faults-reorg-1', mode: 'alone', scenarios: ['soft-rug'] });
    const kept = await watch.waitFor('the rug-pull alert', (w) => w.alerts.find((a) => a.finding.detector === 'monitor/liquidity-pull'), 30_000);
    const forkPoint = Number(await blockNumber(devnet.rpcUrl));
    await until('the checkpoint at the fork point', () => checkpoint(store) === forkPoint, 20_000, () => watch.stderr);

    // The treasury drain is mined, alerted on, then reverted away.
    const snapshot = await rpc<string>(devnet.rpcUrl, 'evm_snapshot');
    const drain = await simulate(devnet.describe(), { seed: 'faults-reorg-2', mode: 'alone', scenarios: ['treasury-drain'] });
    const oldHead = Number(await blockNumber(devnet.rpcUrl));
    const drainTx = drain.attacks[0]?.txs.find((t) => t.stage === 'exploitation');
    expect(drainTx).toBeDefined();
    const alert = await watch.waitFor('the treasury-drain alert', (w) => w.alerts.find((a) => a.finding.detector === 'monitor/large-transfer' && a.txHash === drainTx?.hash), 30_000);
    await until('the checkpoint at the old head', () => checkpoint(store) === oldHead, 20_000, () => watch.stderr);
    await printedAll(watch, (await storedAlerts(store)).map((a) => a.id));
    const onDroppedBranch = watch.alerts.filter((a) => a.blockNumber > forkPoint);
    expect(await rpc(devnet.rpcUrl, 'evm_revert', [snapshot])).toBe(true);
    // Another branch, longer than the dropped one, with another attack on it.
    await simulate(devnet.describe(), { seed: 'faults-reorg-3', mode: 'alone', scenarios: ['approval-phishing'] });
    while (Number(await blockNumber(devnet.rpcUrl)) <= oldHead + 2) await rpc(devnet.rpcUrl, 'evm_mine');
    const head = Number(await blockNumber(devnet.rpcUrl));
    expect(await rpc(devnet.rpcUrl, 'eth_getTransactionByHash', [drainTx?.hash])).toBeNull();

    const retraction = await watch.waitFor('the retraction', (w) => w.retractions.find((r) => r.alertId === alert.id), 30_000);
    await until('the checkpoint at the new head', () => checkpoint(store) === head, 30_000, () => watch.stderr);
    await watch.waitFor('the phishing alerts on the new branch', (w) => w.alerts.some((a) => a.finding.detector === 'monitor/approval-phishing'), 10_000);
    expect(await watch.stop()).toEqual({ code: 0, signal: null });

    expect(retraction.reason).toMatch(/reorg/);
    expect(retraction.alert?.id).toBe(alert.id);
    expect(Number.isNaN(Date.parse(retraction.retractedAt))).toBe(false);
    // Every alert of the dropped branch retracted, once; nothing else.
    expect(watch.retractions.map((r) => r.alertId).sort()).toEqual(onDroppedBranch.map((a) => a.id).sort());
    expect(watch.summary().retracted).toBe(onDroppedBranch.length);
    const events = jsonlEvents(jsonl);
    expect(events.flatMap((e) => (e.type === 'retraction' ? [e.retraction.alertId] : [])).sort()).toEqual(onDroppedBranch.map((a) => a.id).sort());
    // The store keeps the alert, marked retracted; the one before the fork point stays live.
    const stored = await storedAlerts(store);
    const mark = stored.find((a) => a.id === alert.id);
    expect(mark?.retractedAt).toBeDefined();
    expect(mark?.retractReason).toMatch(/reorg/);
    expect(stored.find((a) => a.id === kept.id)?.retractedAt).toBeUndefined();
    expect(stored.filter((a) => a.retractedAt === undefined && a.blockNumber > forkPoint).every((a) => a.finding.detector !== 'monitor/large-transfer')).toBe(true);
    // The stream followed the new branch: its recent blocks are the canonical ones.
    await expectCanonicalBlocks(expect, store, devnet.rpcUrl, head);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------
// What real infrastructure does (issue: `argus watch` survives RPC outages, a dead node at start, a
// damaged store). One at a time: each runs a devnet of its own and waits through real outages.

/**
 * An HTTP proxy to the devnet that, while `failing`, cuts every request for the engine's own chain reads
 * (eth_getBalance, eth_call: balances and token metadata) and passes the stream's (blocks, receipts, head).
 */
async function engineReadCutter(target: string): Promise<{ url: string; setFailing: (on: boolean) => void; cut: () => number }> {
  let failing = false;
  let cut = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (failing && /"eth_(getBalance|call)"/.test(body.toString('utf8'))) {
        cut++;
        req.socket.destroy(); // a connection reset: an outage, never an answer
        return;
      }
      const up = httpRequest(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (r) => {
        res.writeHead(r.statusCode ?? 502, { 'content-type': r.headers['content-type'] ?? 'application/json' });
        r.pipe(res);
      });
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, setFailing: (on) => (failing = on), cut: () => cut };
}

const noStackTrace = /internal error|\n\s+at /;

describe('argus watch --rpc survives real infrastructure (built CLI)', () => {
  it("the engine's chain reads meet an outage longer than their retry budget: watch waits (status on stderr), then goes on; every alert once", async ({ expect }) => {
    const devnet = await devnetUp();
    const cutter = await engineReadCutter(devnet.rpcUrl);
    const dir = tempDir('argus-survives-reads-');
    const store = path.join(dir, 'argus.db');
    const watch = new Watch(['--rpc', cutter.url, '--from', '0', '--json', '--store', store]);
    await simulate(devnet.describe(), { seed: 'survives-reads-1', mode: 'alone', scenarios: ['treasury-drain'] });
    const before = Number(await blockNumber(devnet.rpcUrl));
    await until('the checkpoint at the head', () => checkpoint(store) === before, 30_000, () => watch.stderr);

    // The engine's reads fail from now on; a rug pull deploys a token the engine does not know yet, so the
    // block that trades it needs eth_call (symbol, decimals) before any detector runs.
    cutter.setFailing(true);
    await simulate(devnet.describe(), { seed: 'survives-reads-2', mode: 'alone', scenarios: ['soft-rug', 'approval-phishing'] });
    await until('an engine read cut', () => cutter.cut() > 0, 30_000, () => watch.stderr);
    const firstCut = Date.now();
    const stuckAt = checkpoint(store);
    // Longer than the engine's bounded budget (READ_RETRY, about 25 s): before, the block failed and watch exited 3.
    await sleep(32_000);
    expect(watch.child.exitCode).toBeNull();
    expect(watch.child.signalCode).toBeNull();
    expect(checkpoint(store)).toBe(stuckAt); // the block in hand is not committed while its reads wait
    expect(stuckAt).toBeLessThan(Number(await blockNumber(devnet.rpcUrl)));
    expect(watch.stderr).toMatch(/waiting for the node at http:\/\/127\.0\.0\.1:\d+ \(\d+ s so far; next try in [\d.]+ s\): eth_(call|getBalance)/);
    expect(watch.stderr).not.toMatch(noStackTrace);
    const cutsWhileDown = cutter.cut();
    expect(cutsWhileDown).toBeGreaterThan(10); // retried with backoff all along, not given up
    cutter.setFailing(false);
    const healedAt = Date.now();

    const head = Number(await blockNumber(devnet.rpcUrl));
    await until('the checkpoint at the head after the outage', () => checkpoint(store) === head, 30_000, () => watch.stderr);
    const caughtUpMs = Date.now() - healedAt;
    expect(watch.stderr).toMatch(/the node at http:\/\/127\.0\.0\.1:\d+ answers again after [\d.]+ s of waiting/);
    await watch.waitFor('the alerts of the attacks during the outage', (w) => ['monitor/liquidity-pull', 'monitor/approval-phishing'].every((d) => w.alerts.some((a) => a.finding.detector === d)), 10_000);
    expect(await watch.stop()).toEqual({ code: 0, signal: null });
    const summary = watch.summary();
    expect(summary.blocks).toBe(head + 1); // every block once
    const ids = watch.alerts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await storedAlerts(store)).map((a) => a.id)).toEqual(ids);
    expect(ids).toEqual(await replayIds(devnet.rpcUrl, head));
    console.log(`engine-read outage: waited ${((healedAt - firstCut) / 1000).toFixed(1)} s (${cutsWhileDown} reads cut), caught up ${(caughtUpMs / 1000).toFixed(1)} s after the node answered`);
  }, 180_000);

  it('starts with the node down: waits for it (status on stderr, no exit), then processes every block once; SIGTERM while waiting exits 0 at once', async ({ expect }) => {
    const devnet = await devnetUp();
    await simulate(devnet.describe(), { seed: 'survives-start-1', mode: 'alone', scenarios: ['treasury-drain', 'soft-rug'] });
    const head = Number(await blockNumber(devnet.rpcUrl));
    const proxy = await proxyTo(new URL(devnet.rpcUrl));
    await proxy.stop(); // connections refused
    const dir = tempDir('argus-survives-start-');
    const store = path.join(dir, 'argus.db');
    const watch = new Watch(['--rpc', proxy.url, '--from', '0', '--to', String(head), '--json', '--store', store]);
    await sleep(8_000); // before: exit 2 after 1.5 s
    expect(watch.child.exitCode).toBeNull();
    expect(watch.stderr).toMatch(/waiting for the node at http:\/\/127\.0\.0\.1:\d+ \(0 s so far; next try in [\d.]+ s\): .*(ECONNREFUSED|fetch failed|refused)/i);
    expect(watch.stderr).not.toMatch(noStackTrace);
    await proxy.start();
    const upAt = Date.now();
    const { code } = await watch.exited;
    expect(code).toBe(0);
    expect(watch.stderr).toMatch(/answers again after/);
    const summary = watch.summary();
    expect(summary.blocks).toBe(head + 1);
    expect(summary.checkpoint).toBe(head);
    expect(watch.alerts.map((a) => a.id)).toEqual(await replayIds(devnet.rpcUrl, head));
    console.log(`node down at start: done ${((Date.now() - upAt) / 1000).toFixed(1)} s after it came up`);

    // A stop while waiting ends the wait at once, exit 0, nothing processed.
    await proxy.stop();
    const waiting = new Watch(['--rpc', proxy.url, '--from', '0', '--json', '--store', path.join(dir, 'other.db')]);
    await until('the status line', () => /waiting for the node/.test(waiting.stderr), 20_000, () => waiting.stderr);
    const askedAt = Date.now();
    expect(await waiting.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(Date.now() - askedAt).toBeLessThan(3_000);
    expect(waiting.stderr).toMatch(/SIGTERM while waiting for the node/);
  }, 120_000);

  it('a damaged store: each case exits 4 (not 2, not 3) saying what is wrong with which file and what to do, before any block', async ({ expect }) => {
    const dir = tempDir('argus-survives-store-');
    chmodSync(dir, 0o755);
    const dead = 'http://127.0.0.1:9'; // never reached: the store is refused first
    const watchOn = (file: string, as?: { uid: number; gid: number }) =>
      spawnSync(process.execPath, [CLI, 'watch', '--rpc', dead, '--json', '--store', file], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 30_000, ...(as ?? {}) });
    const expectRefused = (r: ReturnType<typeof watchOn>, file: string, what: RegExp) => {
      expect(r.status, r.stderr).toBe(4);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(what);
      expect(r.stderr).toMatch(/\[ARGUS_STORE\]/);
      expect(r.stderr).not.toMatch(noStackTrace);
      expect(r.stderr).not.toMatch(/blocks, \d+ transactions/); // no summary of a run that never was
    };

    // A sound store with some history (the stream's tables, and enough rows for pages in the middle).
    const sound = (name: string) => {
      const file = path.join(dir, name);
      new SqliteStore(file).close();
      const db = new Database(file);
      db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)');
      const insert = db.prepare('INSERT INTO filler (data) VALUES (randomblob(700))');
      db.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run();
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      return file;
    };

    // Random bytes.
    const random = path.join(dir, 'random.db');
    writeFileSync(random, randomBytes(64 * 1024));
    expectRefused(watchOn(random), random, /not an Argus store .*Move it aside or pass --store/);

    // Truncated to half.
    const truncated = sound('truncated.db');
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    expectRefused(watchOn(truncated), truncated, /is damaged .*backup.*\.recover/);

    // Pages in the middle overwritten (the header and the schema intact): before, "done … 0 blocks" then "malformed".
    const corrupt = sound('corrupt.db');
    const size = statSync(corrupt).size;
    const fd = openSync(corrupt, 'r+');
    writeSync(fd, randomBytes(16 * 4096), 0, 16 * 4096, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    expectRefused(watchOn(corrupt), corrupt, /is damaged .*backup.*\.recover/);

    // A store path under a regular file.
    const plain = path.join(dir, 'plain-file');
    writeFileSync(plain, 'not a folder');
    const under = path.join(plain, 'argus.db');
    expectRefused(watchOn(under), under, /is a file, not a folder.*--store/);

    // A read-only store (and folder). Root writes anyway: then it runs as nobody.
    const roDir = path.join(dir, 'ro');
    mkdirSync(roDir);
    const readOnly = path.join(roDir, 'argus.db');
    new SqliteStore(readOnly).close();
    chmodSync(readOnly, 0o444);
    chmodSync(roDir, 0o555);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    expectRefused(watchOn(readOnly, asNobody), readOnly, /not writable .*chmod u\+rw.*--store/);
    chmodSync(roDir, 0o755);
  }, 120_000);
});

describe('argus watch --rpc webhook attempts (built CLI)', () => {
  it('a receiver answering 500, then hanging on a request while watch is killed: the resend says attempt n+1, every alert delivered once, in order', async ({ expect }) => {
    const secret = 'survives-attempt-secret';
    const devnet = await devnetUp();
    const dir = tempDir('argus-survives-attempt-');
    const store = path.join(dir, 'argus.db');
    let mode: 'error' | 'hang' | 'ok' = 'error';
    const received: Received[] = [];
    const errors: Received[] = [];
    let hung: Received | undefined;
    let onHang: (() => void) | undefined;
    const receiver = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        if (mode === 'error') {
          errors.push(r);
          res.writeHead(500).end('down');
        } else if (mode === 'hang') {
          hung ??= r; // never answered: the sender is killed meanwhile
          onHang?.();
        } else {
          received.push(r);
          res.writeHead(200).end('ok');
        }
      });
    });
    servers.push(receiver);
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/argus/hook`;
    const args = ['--rpc', devnet.rpcUrl, '--json', '--store', store, '--webhook', hook, '--allow-loopback-webhook'];
    const env = { ARGUS_WEBHOOK_SECRET: secret };

    const first = new Watch([...args, '--from', '0'], env);
    await simulate(devnet.describe(), { seed: 'survives-attempt-1', mode: 'alone', scenarios: ['treasury-drain', 'soft-rug'] });
    await first.waitFor('the first alerts', (w) => w.alerts.length >= 2, 30_000);
    await sleep(15_000); // 500s for 15 s: the head's attempts pile up
    const errorsForHead = errors.filter((e) => e.headers[IDEMPOTENCY_HEADER] === errors[0]?.headers[IDEMPOTENCY_HEADER]);
    expect(errorsForHead.map((e) => Number(e.headers['x-argus-delivery-attempt']))).toEqual(errorsForHead.map((_, i) => i + 1));
    // With the cap at 5 s, 15 s of 500s is at least 4 attempts (1 s doubling without a cap would be 4 at most).
    expect(errorsForHead.length).toBeGreaterThanOrEqual(4);
    const gaps = errorsForHead.slice(1).map((e, i) => e.at - (errorsForHead[i]?.at ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(5_000 + 1_500);

    // The next attempt hangs, and watch is killed while it is in flight.
    const killed = new Promise<void>((resolve) => {
      onHang = () => {
        first.child.kill('SIGKILL');
        resolve();
      };
    });
    mode = 'hang';
    await killed;
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const hungAttempt = Number(hung?.headers['x-argus-delivery-attempt']);
    expect(hungAttempt).toBe(errorsForHead.length + 1);

    mode = 'ok';
    const second = new Watch(args, env);
    const head = Number(await blockNumber(devnet.rpcUrl));
    await until('the second run at the head', () => checkpoint(store) === head, 30_000, () => second.stderr);
    const raised = (await storedAlerts(store)).map((a) => a.id);
    await until('every alert delivered', () => received.length >= raised.length, 30_000, () => `received ${received.length}/${raised.length}\n${second.stderr}`);
    await sleep(1_500); // anything more would be a duplicate
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    // The resend of the delivery cut short by the kill is counted as the next attempt, not "1" again.
    const resend = received.find((r) => r.headers[IDEMPOTENCY_HEADER] === hung?.headers[IDEMPOTENCY_HEADER]);
    expect(Number(resend?.headers['x-argus-delivery-attempt'])).toBe(hungAttempt + 1);
    expect(received.map((r) => r.headers[IDEMPOTENCY_HEADER])).toEqual(raised);
    for (const r of received) expect(verifyWebhookSignature(secret, r.body, r.headers[TIMESTAMP_HEADER] as string, r.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(raised).toEqual(await replayIds(devnet.rpcUrl, head));
    console.log(`attempts: ${errorsForHead.length} answered 500 in 15 s (largest gap ${(Math.max(...gaps) / 1000).toFixed(1)} s), attempt ${hungAttempt} cut by kill -9, resent as ${hungAttempt + 1}`);
  }, 150_000);
});
