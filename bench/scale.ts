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
 * 3. Latency at a steady rate: 2 workers, the first --steady-blocks blocks (default 1,000) published at
 *    --rate blocks/s (default 20).
 * 4. A worker's memory after --memory-tx transactions (default 1,000,000; 0 skips it): bench/scale-memory.ts.
 *
 * Also printed: the machine's load average before and after (other jobs share the cores), the
 * transactions of each partition, where each worker's time went (its CPU, and the time of each step), and
 * a digest of the alert set each run stored (the runs must agree). Saved to docs/figures/bench-scale.txt
 * (unless --json or --no-save), which `npm run readme:figures` puts in the README.
 *
 * Flags: --json, --no-save, --background N, --tx N, --rate R, --steady-blocks N, --memory-tx N, --workers 1,2,4,
 * --recording FILE (kept and reused).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pc from 'picocolors';
import type { StreamBlock } from '../src/chain/stream/block-stream.js';
import { connectBus } from '../src/monitor/bus/nats.js';
import { partitionOf } from '../src/monitor/bus/messages.js';
import { PostgresStore } from '../src/store/postgres.js';
import { partitionProgress, publishBlocks, recordChain, spawnDetect, type RecordedChain } from './bus-helpers.js';
import { decodeJson, encodeJson } from '../src/monitor/codec.js';
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
const STEADY_BLOCKS = Number(value('--steady-blocks') ?? 1000);
const MEMORY_TX = Number(value('--memory-tx') ?? 1_000_000);
const SAVE = !json && !argv.includes('--no-save');
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

interface MemoryPoint {
  transactions: number;
  seconds: number;
  rssMb: number;
  heapMb: number;
  findingsKept: number;
  findingsRaised: number;
  addresses: number;
}

/** bench/scale-memory.ts in a process of its own (with --expose-gc, so the heap is measured after a collection). */
function memoryRun(recording: string, tx: number): MemoryPoint[] {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scale-memory.js');
  const out = execFileSync(process.execPath, ['--expose-gc', script, '--recording', recording, '--tx', String(tx)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as MemoryPoint);
}

const benchStarted = performance.now();
const loadBefore = os.loadavg();
const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bench-scale-'));
chmodSync(dir, 0o755);
const [pgServer, nats] = await Promise.all([startPostgres(path.join(dir, 'pg')), startNats(path.join(dir, 'nats'))]);
const results: Record<string, unknown>[] = [];
try {
  log(`recording: devnet, every scenario among ${BACKGROUND} background transactions`);
  // --recording FILE: the recording is kept there and reused by the next run (recording takes minutes on a busy machine).
  const cached = value('--recording');
  const recordingFile = cached ?? path.join(dir, 'recording.json');
  const chain: RecordedChain = cached && existsSync(cached) ? (decodeJson(readFileSync(cached, 'utf8')) as RecordedChain) : await recordChain({ seed: 'bench-scale', background: BACKGROUND, wallets: 30 });
  if (!existsSync(recordingFile)) writeFileSync(recordingFile, encodeJson(chain));
  const times = Math.max(1, Math.ceil(TARGET_TX / chain.transactions));
  const blocks = replicate(chain.blocks, times);
  const txs = blocks.reduce((n, b) => n + b.transactions.length, 0);
  log(`recorded ${chain.blocks.length} blocks, ${chain.transactions} transactions; replayed ×${times}: ${blocks.length} blocks, ${txs} transactions`);
  const shares = Array.from({ length: PARTITIONS }, (_, p) => blocks.reduce((n, b) => n + b.transactions.filter((t) => partitionOf(t.from, PARTITIONS) === p).length, 0));
  log(`transactions per partition (by sender): ${shares.join(', ')}`);

  const run = async (workers: number, chainId: number, rate?: number, list: readonly StreamBlock[] = blocks) => {
    const last = list[list.length - 1]!.block.number;
    const txs = list.reduce((n, b) => n + b.transactions.length, 0);
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
    await publishBlocks(bus, chainId, list, { ...(rate ? { delayMs: 1000 / rate } : {}), onPublished: (b) => publishedAt.set((b.block.hash ?? '').toLowerCase(), Date.now()) });
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
    const profiles = procs.map((p) => /profile \S+: (.*)/.exec(p.output())?.[1] ?? '');
    for (const line of profiles) log(`  ${line}`);
    const alertIds = alerts.map((a) => a.finding.detector + ':' + a.txHash + ':' + a.blockNumber).sort().join('\n');
    await store.close();
    await bus.close();
    return {
      workers,
      rate: rate ?? 'burst',
      transactions: txs,
      blocks: list.length,
      seconds: Number(seconds.toFixed(2)),
      txPerSecond: Math.round(txs / seconds),
      alerts: alerts.length,
      latencyP50Ms: Math.round(quantile(latencies, 0.5)),
      latencyP99Ms: Math.round(quantile(latencies, 0.99)),
      storeWritesPerSecond: Math.round((after.writes - before.writes) / seconds),
      storeCommitsPerSecond: Math.round((after.commits - before.commits) / seconds),
      workerRssMb: rss,
      workerHeapMb: heap,
      profiles,
      alertSet: createHash('sha256').update(alertIds).digest('hex').slice(0, 12),
    };
  };

  let chainId = 9100;
  for (const w of WORKERS) {
    log(`${w} worker(s), burst`);
    const r = await run(w, chainId++);
    results.push(r);
    log(JSON.stringify(r));
  }
  const steadyBlocks = blocks.slice(0, STEADY_BLOCKS);
  log(`2 workers, steady ${RATE} blocks/s, the first ${steadyBlocks.length} blocks`);
  const steady = await run(2, chainId++, RATE, steadyBlocks);
  results.push(steady);
  log(JSON.stringify(steady));
  const one = results.find((r) => r.workers === 1 && r.rate === 'burst')?.txPerSecond as number | undefined;
  const two = results.find((r) => r.workers === 2 && r.rate === 'burst')?.txPerSecond as number | undefined;
  const speedup = one && two ? two / one : NaN;
  const loadAfter = os.loadavg();
  // A worker's memory after MEMORY_TX transactions: the worker's data path in a process of its own (bench/scale-memory.ts).
  log(`a worker's memory after ${MEMORY_TX} transactions (2 of 4 partitions)`);
  const memory = MEMORY_TX > 0 ? memoryRun(recordingFile, MEMORY_TX) : [];
  const lastMemory = memory[memory.length - 1];
  if (json) process.stdout.write(JSON.stringify({ cores: os.cpus().length, loadBefore, loadAfter, recorded: { blocks: chain.blocks.length, transactions: chain.transactions, copies: times }, partitionShares: shares, results, speedup2v1: speedup, memory }, null, 2) + '\n');
  else {
    const out: string[] = [];
    const say = (line: string) => out.push(line);
    say(`bench:scale: ${blocks.length} blocks, ${txs} transactions (a devnet recording of ${chain.transactions} tx with every scenario, replayed ×${times}); ${PARTITIONS} partitions; ${os.cpus().length} cores`);
    say(`machine load (1-min average) before ${loadBefore[0]!.toFixed(1)}, after ${loadAfter[0]!.toFixed(1)}: other jobs share these cores, so the figures are a floor`);
    say(`transactions per partition (by sender): ${shares.join(', ')}`);
    say('workers  load        tx/s   p50 ms   p99 ms   store rows/s  commits/s  worker RSS MB (each)  alerts');
    for (const r of results) {
      say(
        `${String(r.workers).padStart(7)}  ${String(r.rate === 'burst' ? 'burst' : `${r.rate} blk/s`).padEnd(9)} ${String(r.txPerSecond).padStart(6)} ${String(r.latencyP50Ms).padStart(8)} ${String(r.latencyP99Ms).padStart(8)} ${String(r.storeWritesPerSecond).padStart(14)} ${String(r.storeCommitsPerSecond).padStart(10)}  ${(r.workerRssMb as number[]).join(', ').padEnd(20)}  ${r.alerts} (set ${r.alertSet})`,
      );
    }
    say(`2 workers / 1 worker: ${speedup.toFixed(2)}× (issue floor 1.5× on CPU-bound detection)`);
    say('where each worker\'s time went (s; cpu of the process, then each step summed over its partitions, which run concurrently):');
    for (const r of results) for (const [i, p] of (r.profiles as string[]).entries()) say(`  ${r.workers} worker(s) ${r.rate === 'burst' ? 'burst' : 'steady'} #${i}: ${p}`);
    if (lastMemory) {
      say(`worker memory after ${lastMemory.transactions} transactions (its data path: bus message decoded, 2 of 4 partitions' engines, incremental saves; senders renamed in each replayed copy):`);
      for (const m of memory) say(`  ${String(m.transactions).padStart(8)} tx  rss ${m.rssMb} MB  heap ${m.heapMb} MB  findings kept ${m.findingsKept} of ${m.findingsRaised} raised  addresses known ${m.addresses}  ${m.seconds} s`);
    }
    const text = out.join('\n') + '\n';
    process.stdout.write(text);
    if (SAVE) {
      const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
      const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      mkdirSync(path.join(root, 'docs', 'figures'), { recursive: true });
      writeFileSync(path.join(root, 'docs', 'figures', 'bench-scale.txt'), `# npm run bench:scale on ${new Date().toISOString().slice(0, 10)} at commit ${commit} (${((performance.now() - benchStarted) / 1000).toFixed(0)} s; ${argv.join(' ') || 'default flags'})\n${text}`);
      log('saved to docs/figures/bench-scale.txt (npm run readme:figures puts it in the README)');
    }
  }
} finally {
  await nats.stop('kill');
  await pgServer.stop('immediate');
  rmSync(dir, { recursive: true, force: true });
}
