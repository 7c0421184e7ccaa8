/**
 * The scaled-out monitor under faults, with real services (issue 22): a real devnet's recorded blocks
 * (real attack scenarios among background traffic) published to a real NATS JetStream as `argus ingest`
 * publishes them, `argus detect` workers as child processes (the built CLI) writing to a real PostgreSQL.
 * After each fault the alerts in the store, and the alert messages on the bus, equal those of one
 * uninterrupted process on the same blocks (`referenceAlerts`): nothing lost, nothing doubled.
 *
 * - kill -9 of a worker mid-stream (its unacknowledged block is delivered again to the partition's next
 *   owner, its leases expire), a worker added and one removed (SIGTERM) while blocks flow, and duplicate
 *   deliveries (blocks published a second time under other message ids, so JetStream delivers them twice);
 * - the NATS server restarted mid-stream (SIGTERM), and killed (SIGKILL) and started again (same port and
 *   JetStream folder);
 * - the PostgreSQL server stopped (immediate, like a crash) and restarted mid-stream.
 *
 * Needs Debian's postgresql and nats-server (skipped with a notice without them, unless
 * ARGUS_REQUIRE_SERVICES=1) and a built CLI (npm run build).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsServerBin, postgresBinDir, startNats, startPostgres, type NatsServer, type PostgresServer } from '../bench/services.js';
import { ALERT_STREAM, alertSubject, blockMessageId, blockSubject, encodeMessage } from '../src/monitor/bus/messages.js';
import { connectBus, type Bus } from '../src/monitor/bus/nats.js';
import { PostgresStore } from '../src/store/postgres.js';
import { CLI } from './cli-helpers.js';
import { freshDatabase } from './store-backends.js';
import { partitionProgress, publishBlocks, recordChain, referenceAlerts, spawnDetect, type RecordedChain } from '../bench/bus-helpers.js';

const available = (postgresBinDir() !== null && natsServerBin() !== null) || process.env.ARGUS_REQUIRE_SERVICES === '1';
if (!available) process.stderr.write('notice: postgresql or nats-server is not installed: the bus fault tests are skipped\n');

const PARTITIONS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!available)('argus detect over NATS and PostgreSQL, under faults', () => {
  let dir: string;
  let pg: PostgresServer;
  let nats: NatsServer;
  let chain: RecordedChain;
  const children: ReturnType<typeof spawnDetect>[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bus-faults-'));
    chmodSync(dir, 0o755);
    [pg, nats, chain] = await Promise.all([
      startPostgres(path.join(dir, 'pg')),
      startNats(path.join(dir, 'nats')),
      recordChain({ seed: 'bus-faults', scenarios: ['soft-rug', 'approval-phishing', 'treasury-drain'], background: 30 }),
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await nats?.stop('kill');
    await pg?.stop('immediate');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Workers on `chainId` against the database `db`. */
  const worker = (chainId: number, db: string, id: string) => {
    const c = spawnDetect(CLI, ['--bus', nats.url, '--store', db, '--chain', String(chainId), '--partitions', String(PARTITIONS), '--no-ofac', '--known-good', chain.knownGood.join(','), '--worker-id', id, '--lease-ttl', '1500', '--ack-wait', '3000']);
    children.push(c);
    return c;
  };

  /** Waits until every partition's state stands at the last block; returns the stored alerts (id → detector). */
  async function settle(chainId: number, db: string, context: () => string): Promise<Map<string, string>> {
    const last = chain.blocks[chain.blocks.length - 1]!.block.number;
    const deadline = Date.now() + 120_000;
    for (;;) {
      let store: PostgresStore | undefined;
      try {
        store = await PostgresStore.open(db, { max: 1 });
        const progress = await partitionProgress(store, chainId, PARTITIONS);
        if (progress.every((p) => p === last)) {
          const alerts = await store.alerts({ chainId, includeRetracted: true });
          return new Map(alerts.map((a) => [a.id, a.finding.detector]));
        }
      } catch {
        // the database restarting
      } finally {
        await store?.close().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error(`the workers did not finish in time\n${context()}`);
      await sleep(250);
    }
  }

  /** Alert messages on the bus for `chainId` (each alert once: no double). */
  async function alertsOnBus(bus: Bus, chainId: number): Promise<number> {
    const info = await bus.jsm.streams.info(ALERT_STREAM, { subjects_filter: alertSubject(chainId) });
    return info.state.subjects?.[alertSubject(chainId)] ?? 0;
  }

  const stopAll = async (list: ReturnType<typeof spawnDetect>[]) => {
    for (const c of list) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(list.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  };

  it('kill -9 of a worker mid-stream, a worker added and one removed, duplicate deliveries: the same alerts as one uninterrupted run', async () => {
    const chainId = 7001;
    const reference = await referenceAlerts(chain.blocks, chainId, PARTITIONS, chain.knownGood);
    expect(reference.size).toBeGreaterThan(3);
    const db = await freshDatabase(pg.url);
    const bus = await connectBus(nats.url);
    try {
      const a = worker(chainId, db, 'wa');
      const b = worker(chainId, db, 'wb');
      const n = chain.blocks.length;
      let published = 0;
      let c: ReturnType<typeof spawnDetect> | undefined;
      await publishBlocks(bus, chainId, chain.blocks, {
        delayMs: 60,
        onPublished: () => {
          published++;
          if (published === Math.floor(n / 3)) a.kill('SIGKILL'); // mid-stream, blocks in flight
          if (published === Math.floor(n / 2)) c = worker(chainId, db, 'wc'); // added
          if (published === Math.floor((3 * n) / 4)) b.kill('SIGTERM'); // removed, gracefully
        },
      });
      // Duplicate deliveries: blocks published again under other message ids reach the workers twice.
      for (const blk of chain.blocks.slice(Math.floor(n / 2), Math.floor(n / 2) + 10)) {
        await bus.js.publish(blockSubject(chainId), encodeMessage({ type: 'block', chainId, arrivedAt: Date.now(), block: blk }), { msgID: blockMessageId(chainId, blk.block.hash ?? '') + ':again' });
      }
      const stored = await settle(chainId, db, () => [a, b, c].map((x) => x?.output() ?? '').join('\n---\n'));
      expect([...stored.keys()].sort()).toEqual([...reference.keys()].sort());
      expect(await alertsOnBus(bus, chainId)).toBe(reference.size);
      expect(a.signalCode).toBe('SIGKILL');
      await stopAll([b, c!]);
      expect(b.exitCode).toBe(0);
    } finally {
      await bus.close();
    }
  }, 240_000);

  /** Blocks flow to two workers; at a third of them NATS is stopped (`mode`) and started again. */
  async function natsRestart(chainId: number, mode: 'term' | 'kill', ids: [string, string]): Promise<void> {
    const reference = await referenceAlerts(chain.blocks, chainId, PARTITIONS, chain.knownGood);
    const db = await freshDatabase(pg.url);
    const bus = await connectBus(nats.url);
    const ws = [worker(chainId, db, ids[0]), worker(chainId, db, ids[1])];
    try {
      let published = 0;
      const n = chain.blocks.length;
      let restarting: Promise<void> | undefined;
      await publishBlocks(bus, chainId, chain.blocks, {
        delayMs: 40,
        onPublished: () => {
          if (++published === Math.floor(n / 3)) {
            restarting = (async () => {
              await nats.stop(mode);
              await sleep(1_500);
              await nats.start();
            })();
          }
        },
      });
      await restarting;
      const stored = await settle(chainId, db, () => ws.map((x) => x.output()).join('\n---\n'));
      expect([...stored.keys()].sort()).toEqual([...reference.keys()].sort());
      expect(await alertsOnBus(bus, chainId)).toBe(reference.size);
    } finally {
      await stopAll(ws);
      await bus.close();
    }
  }

  it('NATS restarted mid-stream (SIGTERM): the same alerts as one uninterrupted run', async () => {
    await natsRestart(7002, 'term', ['n1', 'n2']);
  }, 240_000);

  // A crash of the server: nats-server 2.9 writes a message of a single-server file stream to its file
  // before it acknowledges the publish, so what was acknowledged survives the kill; what it had not yet
  // written (consumer acknowledgements, lease renewals) is lost, and comes again as redeliveries and
  // lease changes, which the workers absorb.
  it('NATS killed (-9) mid-stream and started again: the same alerts as one uninterrupted run', async () => {
    await natsRestart(7004, 'kill', ['k1', 'k2']);
  }, 240_000);

  it('PostgreSQL stopped (immediate) and restarted mid-stream: the same alerts as one uninterrupted run', async () => {
    const chainId = 7003;
    const reference = await referenceAlerts(chain.blocks, chainId, PARTITIONS, chain.knownGood);
    const db = await freshDatabase(pg.url);
    const bus = await connectBus(nats.url);
    const ws = [worker(chainId, db, 'p1'), worker(chainId, db, 'p2')];
    try {
      let published = 0;
      const n = chain.blocks.length;
      let restarting: Promise<void> | undefined;
      await publishBlocks(bus, chainId, chain.blocks, {
        delayMs: 40,
        onPublished: () => {
          if (++published === Math.floor(n / 3)) {
            restarting = (async () => {
              await pg.stop('immediate');
              await sleep(1_500);
              await pg.start();
            })();
          }
        },
      });
      await restarting;
      const stored = await settle(chainId, db, () => ws.map((x) => x.output()).join('\n---\n'));
      expect([...stored.keys()].sort()).toEqual([...reference.keys()].sort());
      expect(await alertsOnBus(bus, chainId)).toBe(reference.size);
    } finally {
      await stopAll(ws);
      await bus.close();
    }
  }, 240_000);
});
