/**
 * `npm run bench:scale`: the scaled-out monitor end to end, with real services on this machine.
 *
 * 1. Record: a fresh devnet, every attack scenario among --background N (default 1,500) background
 *    transactions, streamed from genesis (the blocks `argus ingest` would publish). The recording is
 *    replayed --repeat times (default: enough for --tx, 20,000 transactions) at later heights, with
 *    block and transaction hashes renamed per copy, so that the workers see a longer chain.
 * 2. For 1, 2 and 4 `argus detect` worker processes (the built CLI, 4 partitions, private PostgreSQL and
 *    NATS JetStream on loopback): the blocks are published to the bus as `argus ingest` publishes them,
 *    all at once, and the run is timed from the first publish to every partition's saved state standing
 *    at the last block. Printed: transactions per second, end-to-end latency from a block's publish to
 *    its alerts being raised and stored (p50, p99; under this burst load it is mostly queueing), store
 *    row writes per second (pg_stat_database), and each worker's memory when it stops.
 * 3. Latency at a steady rate: 2 workers, the blocks published at --rate blocks/s (default 20).
 *
 * Flags: --json, --background N, --tx N, --rate R, --workers 1,2,4.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pc from 'picocolors';
import type { StreamBlock } from '../src/chain/stream/block-stream.js';
import { connectBus } from '../src/monitor/bus/nats.js';
import { PostgresStore } from '../src/store/postgres.js';
import { partitionProgress, publishBlocks, recordChain, spawnDetect } from './bus-helpers.js';
import { freshDatabase, startNats, startPostgres } from './services.js';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const json = argv.includes('--json');
const BACKGROUND = Number(value('--background') ?? 1500);
const TARGET_TX = Number(value('--tx') ?? 20_000);
const RATE = Number(value('--rate') ?? 20);
const WORKERS = (value('--workers') ?? '1,2,4').split(',').map(Number);
const PARTITIONS = 4;
const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');

const log = (m: string) => {
  if (!json) process.stderr.write(pc.dim(m) + '\n');
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The recording replayed `times` times at later heights, hashes renamed per copy. */
function replicate(blocks: readonly StreamBlock[], times: number): StreamBlock[] {
  const span = Number(blocks[blocks.length - 1]!.block.number) + 1;
  const rename = (h: string, copy: number) => (copy === 0 ? h : ('0x' + createHash('sha256').update(`${h}:${copy}`).digest('hex'))) as `0x${string}`;
  const out: StreamBlock[] = [];
  for (let copy = 0; copy < times; copy++) {
    const shift = BigInt(copy * span);
    for (const b of blocks) {
      out.push({
        block: { ...b.block, number: b.block.number + shift, hash: rename(b.block.hash ?? '', copy), parentHash: rename(b.block.parentHash, copy) },
        transactions: b.transactions.map((t) => ({ ...t, hash: rename(t.hash, copy) })),
        receipts: b.receipts,
        decoded: b.decoded.map((e) => ({ ...e, blockNumber: (e.blockNumber ?? 0n) + shift, transactionHash: rename(e.transactionHash, copy) })),
      } as StreamBlock);
    }
  }
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bench-scale-'));
chmodSync(dir, 0o755);
const [pgServer, nats] = await Promise.all([startPostgres(path.join(dir, 'pg')), startNats(path.join(dir, 'nats'))]);
const results: Record<string, unknown>[] = [];
try {
  log(`recording: devnet, every scenario among ${BACKGROUND} background transactions`);
  const chain = await recordChain({ seed: 'bench-scale', background: BACKGROUND, wallets: 30 });
  const times = Math.max(1, Math.ceil(TARGET_TX / chain.transactions));
  const blocks = replicate(chain.blocks, times);
  const txs = blocks.reduce((n, b) => n + b.transactions.length, 0);
  log(`recorded ${chain.blocks.length} blocks, ${chain.transactions} transactions; replayed ×${times}: ${blocks.length} blocks, ${txs} transactions`);
  const last = blocks[blocks.length - 1]!.block.number;

  const run = async (workers: number, chainId: number, rate?: number) => {
    const db = await freshDatabase(pgServer.url, 'argus_bench');
    const bus = await connectBus(nats.url);
    const procs = Array.from({ length: workers }, (_, i) =>
      spawnDetect(CLI, ['--bus', nats.url, '--store', db, '--chain', String(chainId), '--partitions', String(PARTITIONS), '--no-ofac', '--known-good', chain.knownGood.join(','), '--worker-id', `b${workers}-${i}`, '--lease-ttl', '2000', '--ack-wait', '30000']),
    );
    const store = await PostgresStore.open(db, { max: 1 });
    // Every partition held before the clock starts (workers started, leases balanced).
    const held = () => procs.reduce((n, p) => n + (p.output().match(/ taken/g)?.length ?? 0) - (p.output().match(/ released/g)?.length ?? 0), 0);
    for (let i = 0; i < 200 && held() < PARTITIONS; i++) await sleep(100);
    await sleep(workers * 800); // let the leases settle to their share
    const stats = async () => {
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      const r = (await c.query('SELECT xact_commit, tup_inserted + tup_updated + tup_deleted AS writes FROM pg_stat_database WHERE datname = current_database()')).rows[0] as { xact_commit: string; writes: string };
      await c.end();
      return { commits: Number(r.xact_commit), writes: Number(r.writes) };
    };
    const before = await stats();
    const publishedAt = new Map<string, number>();
    const started = performance.now();
    await publishBlocks(bus, chainId, blocks, { ...(rate ? { delayMs: 1000 / rate } : {}), onPublished: (b) => publishedAt.set((b.block.hash ?? '').toLowerCase(), Date.now()) });
    for (;;) {
      const progress = await partitionProgress(store, chainId, PARTITIONS);
      if (progress.every((p) => p === last)) break;
      await sleep(100);
    }
    const seconds = (performance.now() - started) / 1000;
    await sleep(1200); // statistics are flushed about once a second
    const after = await stats();
    const alerts = await store.alerts({ chainId, includeRetracted: true });
    const latencies = alerts.map((a) => Date.parse(a.createdAt) - (publishedAt.get(a.blockHash.toLowerCase()) ?? NaN)).filter((x) => Number.isFinite(x));
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    const rss = procs.map((p) => Number(/rss (\d+) MB/.exec(p.output())?.[1] ?? NaN));
    const heap = procs.map((p) => Number(/heap (\d+) MB/.exec(p.output())?.[1] ?? NaN));
    await store.close();
    await bus.close();
    return {
      workers,
      rate: rate ?? 'burst',
      transactions: txs,
      blocks: blocks.length,
      seconds: Number(seconds.toFixed(2)),
      txPerSecond: Math.round(txs / seconds),
      alerts: alerts.length,
      latencyP50Ms: Math.round(quantile(latencies, 0.5)),
      latencyP99Ms: Math.round(quantile(latencies, 0.99)),
      storeWritesPerSecond: Math.round((after.writes - before.writes) / seconds),
      storeCommitsPerSecond: Math.round((after.commits - before.commits) / seconds),
      workerRssMb: rss,
      workerHeapMb: heap,
    };
  };

  let chainId = 9100;
  for (const w of WORKERS) {
    log(`${w} worker(s), burst`);
    const r = await run(w, chainId++);
    results.push(r);
    log(JSON.stringify(r));
  }
  log(`2 workers, steady ${RATE} blocks/s`);
  const steady = await run(2, chainId++, RATE);
  results.push(steady);
  log(JSON.stringify(steady));
  const one = results.find((r) => r.workers === 1 && r.rate === 'burst')?.txPerSecond as number | undefined;
  const two = results.find((r) => r.workers === 2 && r.rate === 'burst')?.txPerSecond as number | undefined;
  const speedup = one && two ? two / one : NaN;
  if (json) process.stdout.write(JSON.stringify({ cores: os.cpus().length, recorded: { blocks: chain.blocks.length, transactions: chain.transactions, copies: times }, results, speedup2v1: speedup }, null, 2) + '\n');
  else {
    process.stdout.write(`bench:scale: ${blocks.length} blocks, ${txs} transactions (a devnet recording of ${chain.transactions} tx with every scenario, replayed ×${times}); ${PARTITIONS} partitions; ${os.cpus().length} cores\n`);
    process.stdout.write('workers  load        tx/s   p50 ms   p99 ms   store rows/s  commits/s  worker RSS MB (each)\n');
    for (const r of results) {
      process.stdout.write(
        `${String(r.workers).padStart(7)}  ${String(r.rate === 'burst' ? 'burst' : `${r.rate} blk/s`).padEnd(9)} ${String(r.txPerSecond).padStart(6)} ${String(r.latencyP50Ms).padStart(8)} ${String(r.latencyP99Ms).padStart(8)} ${String(r.storeWritesPerSecond).padStart(14)} ${String(r.storeCommitsPerSecond).padStart(10)}  ${(r.workerRssMb as number[]).join(', ')}\n`,
      );
    }
    process.stdout.write(`2 workers / 1 worker: ${speedup.toFixed(2)}× (issue floor 1.5× on CPU-bound detection)\n`);
  }
} finally {
  await nats.stop('kill');
  await pgServer.stop('immediate');
  rmSync(dir, { recursive: true, force: true });
}
