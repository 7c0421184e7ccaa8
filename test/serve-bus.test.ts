/**
 * `argus serve --store postgres://… --bus nats://…` against real PostgreSQL and NATS JetStream (issue 22):
 * `argus detect` workers (the built CLI) raise alerts from a real devnet's recorded blocks (real attack
 * scenarios) and publish them; then a reorg drops blocks that raised alerts, so retractions follow. The
 * server, another process, must:
 *
 * - put every alert and every retraction on its live stream (server-sent events), from the bus;
 * - deliver each of them to its webhook sink exactly once by idempotency key: the receiver sees every key
 *   once, also when the server is killed (-9) mid-stream and started again (the durable consumer gives the
 *   events it had not acknowledged again; the outbox in PostgreSQL knows what it queued already);
 * - serve the alerts from PostgreSQL through the API.
 *
 * Needs Debian's postgresql and nats-server (skipped with a notice without them, unless
 * ARGUS_REQUIRE_SERVICES=1) and a built CLI (npm run build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../src/core/alert.js';
import { verifyWebhookSignature } from '../src/monitor/sinks/webhook.js';
import { blockSubject, encodeMessage, retractMessageId, type BusMessage } from '../src/monitor/bus/messages.js';
import { connectBus, type Bus } from '../src/monitor/bus/nats.js';
import { PostgresStore } from '../src/store/postgres.js';
import { natsServerBin, postgresBinDir } from '../bench/services.js';
import { partitionProgress, publishBlocks, recordChain, spawnDetect, type RecordedChain } from '../bench/bus-helpers.js';
import { CLI } from './cli-helpers.js';
import { freshDatabase } from './store-backends.js';

const required = process.env.ARGUS_REQUIRE_SERVICES === '1';
const available = (postgresBinDir() !== null && natsServerBin() !== null) || required;
if (!available) process.stderr.write('notice: postgresql or nats-server is not installed: the argus serve --bus tests are skipped\n');

const PARTITIONS = 2;
const KEY = 'serve-bus-test-key';
const SECRET = 'serve-bus-test-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Receiver {
  url: string;
  /** Idempotency-Key → how many POSTs carried it. */
  keys: Map<string, number>;
  bad: number;
  close(): Promise<void>;
}

/** A webhook receiver on loopback that checks each signature and counts the idempotency keys. */
async function receiver(): Promise<Receiver> {
  const keys = new Map<string, number>();
  let bad = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ok = verifyWebhookSignature(SECRET, body, req.headers['x-argus-timestamp'] as string, req.headers['x-argus-signature'] as string);
      if (!ok) bad++;
      const key = String(req.headers['idempotency-key']);
      keys.set(key, (keys.get(key) ?? 0) + 1);
      res.writeHead(ok ? 200 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    keys,
    get bad() {
      return bad;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

interface Serve {
  child: ChildProcess;
  port: Promise<number>;
  output(): string;
}

function startServe(db: string, busUrl: string, hook: string): Serve {
  const child = spawn(process.execPath, [CLI, 'serve', '--store', db, '--bus', busUrl, '--port', '0', '--no-dashboard', '--rate-limit', '0', '--webhook', hook, '--allow-loopback-webhook'], {
    env: { ...process.env, NO_COLOR: '1', ARGUS_API_KEYS: KEY, ARGUS_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`argus serve exited (${code}):\n${out}`)));
  });
  port.catch(() => undefined);
  return { child, port, output: () => out };
}

/** The live stream's events (server-sent events), collected until `close`. */
function liveStream(port: number): { events: AlertEvent[]; ready: Promise<void>; close(): void } {
  const events: AlertEvent[] = [];
  let req: http.ClientRequest | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path: '/api/v1/alerts/stream', headers: { authorization: `Bearer ${KEY}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live stream: HTTP ${res.statusCode}`));
      resolve();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let at: number;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, at);
          buf = buf.slice(at + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as AlertEvent);
        }
      });
    });
    req.on('error', reject);
  });
  return { events, ready, close: () => req?.destroy() };
}

const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));
const keyOf = (e: AlertEvent) => (e.type === 'alert' ? e.alert.id : `${e.retraction.alertId}:retraction`);

describe.skipIf(!available)('argus serve --bus: live stream and sinks fed from NATS, the API from PostgreSQL', () => {
  let chain: RecordedChain;
  let bus: Bus;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!process.env.ARGUS_POSTGRES_URL || !process.env.ARGUS_NATS_URL) throw new Error('the global setup did not start PostgreSQL and NATS');
    chain = await recordChain({ seed: 'serve-bus', scenarios: ['soft-rug', 'approval-phishing', 'treasury-drain'], background: 30 });
    bus = await connectBus(process.env.ARGUS_NATS_URL);
  }, 240_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await bus?.close();
  });

  /** Publishes the chain, then a reorg dropping the last `drop` blocks that raised alerts; waits for the workers. */
  async function runChain(chainId: number, db: string, during?: (published: number) => void): Promise<{ alerts: Set<string>; retracted: Set<string> }> {
    const workers = [0, 1].map((i) => {
      const w = spawnDetect(CLI, ['--bus', process.env.ARGUS_NATS_URL!, '--store', db, '--chain', String(chainId), '--partitions', String(PARTITIONS), '--no-ofac', '--known-good', chain.knownGood.join(','), '--worker-id', `sb${chainId}-${i}`, '--lease-ttl', '1500', '--ack-wait', '5000']);
      children.push(w);
      return w;
    });
    let published = 0;
    await publishBlocks(bus, chainId, chain.blocks, { delayMs: 15, onPublished: () => during?.(++published) });
    const store = await PostgresStore.open(db, { max: 1 });
    try {
      const settle = async (at: bigint) => {
        const deadline = Date.now() + 120_000;
        while (!(await partitionProgress(store, chainId, PARTITIONS)).every((p) => p === at)) {
          if (Date.now() > deadline) throw new Error(`the workers did not finish\n${workers.map((w) => w.output()).join('\n---\n')}`);
          await sleep(200);
        }
      };
      await settle(chain.blocks[chain.blocks.length - 1]!.block.number);
      // A reorg: the last two blocks that raised alerts are dropped (with every block after the first of them).
      const alerted = [...new Set((await store.alerts({ chainId })).map((a) => a.blockNumber))].sort((a, b) => a - b);
      expect(alerted.length).toBeGreaterThan(2);
      const from = alerted[alerted.length - 2]!;
      const dropped = chain.blocks.filter((b) => Number(b.block.number) >= from).map((b) => ({ number: b.block.number, hash: b.block.hash ?? '' }));
      const ancestor = chain.blocks.find((b) => Number(b.block.number) === from - 1)!;
      const retract: BusMessage = { type: 'retract', chainId, arrivedAt: Date.now(), dropped, ancestor: { number: ancestor.block.number, hash: ancestor.block.hash ?? '' } };
      await bus.js.publish(blockSubject(chainId), encodeMessage(retract), { msgID: retractMessageId(chainId, dropped) });
      await settle(ancestor.block.number);
      const all = await store.alerts({ chainId, includeRetracted: true });
      return { alerts: new Set(all.map((a) => a.id)), retracted: new Set(all.filter((a) => a.retractedAt).map((a) => a.id)) };
    } finally {
      await store.close();
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map(exited));
    }
  }

  /** Waits until `ok()` or fails with `what`. */
  async function until(ok: () => boolean, what: () => string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(what());
      await sleep(200);
    }
  }

  it('live stream and webhook get every alert and retraction once; the API reads them from PostgreSQL', async () => {
    const chainId = 8101;
    const db = await freshDatabase(process.env.ARGUS_POSTGRES_URL!);
    const hook = await receiver();
    const serve = startServe(db, process.env.ARGUS_NATS_URL!, hook.url);
    children.push(serve.child);
    try {
      const port = await serve.port;
      const live = liveStream(port);
      await live.ready;
      const { alerts, retracted } = await runChain(chainId, db);
      expect(alerts.size).toBeGreaterThan(3);
      expect(retracted.size).toBeGreaterThan(0);
      const expected = [...alerts, ...[...retracted].map((id) => `${id}:retraction`)].sort();
      // Other chains' events may share the bus: only this chain's are compared.
      const mine = (k: string) => expected.includes(k);
      await until(
        () => [...hook.keys.keys()].filter(mine).length === expected.length && live.events.map(keyOf).filter(mine).length >= expected.length,
        () => `webhook ${[...hook.keys.keys()].filter(mine).length}/${expected.length}, live ${live.events.map(keyOf).filter(mine).length}/${expected.length}\n${serve.output()}`,
      );
      await sleep(1_000); // nothing more arrives
      expect(live.events.map(keyOf).filter(mine).sort()).toEqual(expected);
      expect(live.events.filter((e) => e.type === 'retraction' && mine(keyOf(e))).length).toBe(retracted.size);
      expect([...hook.keys.keys()].filter(mine).sort()).toEqual(expected);
      expect([...hook.keys.entries()].filter(([k, n]) => mine(k) && n !== 1)).toEqual([]);
      expect(hook.bad).toBe(0);
      // The API reads the alerts from PostgreSQL (written by the workers, not by this server).
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/alerts?chainId=${chainId}&limit=500&includeRetracted=true`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { alerts: { id: string }[] };
      expect(new Set(body.alerts.map((a) => a.id))).toEqual(alerts);
      live.close();
    } finally {
      serve.child.kill('SIGTERM');
      await exited(serve.child);
      await hook.close();
    }
    expect(serve.child.exitCode).toBe(0);
  }, 300_000);

  it('a server killed (-9) mid-stream and started again: every alert reaches the webhook once by idempotency key', async () => {
    const chainId = 8102;
    const db = await freshDatabase(process.env.ARGUS_POSTGRES_URL!);
    const hook = await receiver();
    let serve = startServe(db, process.env.ARGUS_NATS_URL!, hook.url);
    children.push(serve.child);
    await serve.port;
    let restarted: Promise<void> | undefined;
    try {
      const n = chain.blocks.length;
      const { alerts, retracted } = await runChain(chainId, db, (published) => {
        if (published !== Math.floor(n / 2)) return;
        restarted = (async () => {
          serve.child.kill('SIGKILL');
          await exited(serve.child);
          await sleep(1_000);
          serve = startServe(db, process.env.ARGUS_NATS_URL!, hook.url);
          children.push(serve.child);
          await serve.port;
        })();
      });
      await restarted;
      const expected = [...alerts, ...[...retracted].map((id) => `${id}:retraction`)].sort();
      const mine = (k: string) => expected.includes(k);
      await until(
        () => [...hook.keys.keys()].filter(mine).length === expected.length,
        () => `webhook ${[...hook.keys.keys()].filter(mine).length}/${expected.length}\n${serve.output()}`,
      );
      await sleep(1_000);
      expect([...hook.keys.keys()].filter(mine).sort()).toEqual(expected);
      // Each key once in the outbox (the exactly-once the receiver relies on); a POST the kill cut short may
      // be sent again with the same key, never a second delivery under another key.
      const store = await PostgresStore.open(db, { max: 1 });
      try {
        const rows = await store.deliveryStats(hook.url);
        expect(rows.delivered).toBe(expected.length);
        expect(rows.pending + rows.dead).toBe(0);
      } finally {
        await store.close();
      }
      expect([...hook.keys.entries()].filter(([k, count]) => mine(k) && count > 2)).toEqual([]);
    } finally {
      serve.child.kill('SIGTERM');
      await exited(serve.child);
      await hook.close();
    }
  }, 300_000);
});
