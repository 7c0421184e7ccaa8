import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import pc from 'picocolors';
import { startDevnet } from '../src/chain/devnet/index.js';
import { BlockStream } from '../src/chain/stream/index.js';
import { SqliteStore } from '../src/store/index.js';
import { blockNumber, mineBlock, mixedTxs } from './devnet-load.js';

/**
 * `npm run bench:stream`: the block stream on a local devnet (Hardhat EDR over HTTP on loopback).
 *
 * 1. Catch-up: fills the chain with transfers and Uniswap V2 swaps (3 in 4 transfers; --txs, default
 *    4,000, 100 a block), then streams them from the first filled block to the head into a SQLite store
 *    (one item per decoded event, committed with each block's checkpoint): blocks, transactions and
 *    decoded events per second. The stream runs in this one Node thread; the node is another process.
 * 2. Live: follows the head while blocks of 20 transactions are mined every ~100 ms, over HTTP polling
 *    every 50 ms and over WebSocket (newHeads subscription, polling every 1 s as the safety net): the lag
 *    from `evm_mine` returning to the consumer receiving the block (median, p95, max).
 *
 * Flags: --json, --txs N, --live-blocks N.
 */

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const json = argv.includes('--json');
const TXS = flag('--txs', 4000);
const PER_BLOCK = 100;
const LIVE_BLOCKS = flag('--live-blocks', 50);
const FLOOR_TX_PER_SECOND = 2000;

const log = (m: string) => {
  if (!json) process.stderr.write(m + '\n');
};

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const devnet = await startDevnet({ port: 0 });
const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bench-stream-'));
try {
  const url = devnet.rpcUrl;
  log(`devnet at ${url}; filling ${TXS} transactions, ${PER_BLOCK} a block`);
  const fillStarted = performance.now();
  const from = (await blockNumber(url)) + 1n;
  for (let sent = 0, i = 0; sent < TXS; i++) {
    const n = Math.min(PER_BLOCK, TXS - sent);
    await mineBlock(url, mixedTxs(devnet, n, i * 7));
    sent += n;
  }
  const to = await blockNumber(url);
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const store = new SqliteStore(path.join(dir, 'catchup.db'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const catchup = new BlockStream({
    id: 'bench',
    rpcUrls: [url],
    store,
    fromBlock: from,
    toBlock: to,
    pollingIntervalMs: 50,
    onBlock: (b) => b.decoded.map((e) => ({ kind: `${e.standard}.${e.event}`, key: `${e.transactionHash}:${e.logIndex ?? 'call'}`, data: e.args })),
  });
  await catchup.run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const stored = (await store.items('bench')).length;
  await store.close();
  const c = catchup.stats;
  const catchUp = {
    blocks: c.blocks,
    transactions: c.transactions,
    decodedEvents: c.decoded,
    storedItems: stored,
    seconds: Number(seconds.toFixed(3)),
    blocksPerSecond: Math.round(c.blocks / seconds),
    transactionsPerSecond: Math.round(c.transactions / seconds),
    decodedEventsPerSecond: Math.round(c.decoded / seconds),
    /** CPU time of this process: what the stream itself costs, apart from waiting on the node. */
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    transactionsPerCpuSecond: Math.round(c.transactions / cpuSeconds),
    fillSeconds: Number(fillSeconds.toFixed(1)),
  };

  // Live: mine a block every 100 ms and time each block's arrival at the consumer.
  const follow = async (name: string, rpcUrls: string[], pollingIntervalMs: number) => {
    const liveStore = new SqliteStore(path.join(dir, `live-${name}.db`));
    const minedAt = new Map<bigint, number>();
    const lags: number[] = [];
    const behind: number[] = [];
    let headSeen = await blockNumber(url);
    const live = new BlockStream({
      id: name,
      rpcUrls,
      store: liveStore,
      fromBlock: headSeen + 1n,
      pollingIntervalMs,
      onBlock: (b) => {
        const t = minedAt.get(b.block.number);
        if (t !== undefined) lags.push(performance.now() - t);
        behind.push(Number(headSeen - b.block.number));
      },
    });
    const running = live.run();
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < LIVE_BLOCKS; i++) {
      await mineBlock(url, mixedTxs(devnet, 20, i));
      const mined = performance.now();
      headSeen = await blockNumber(url);
      minedAt.set(headSeen, mined);
      await new Promise((r) => setTimeout(r, 100));
    }
    const deadline = Date.now() + 10_000;
    while (live.stats.blocks < LIVE_BLOCKS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await live.stop();
    await running;
    await liveStore.close();
    return {
      transport: name,
      blocks: live.stats.blocks,
      pollingIntervalMs,
      lagMs: { median: Math.round(quantile(lags, 0.5)), p95: Math.round(quantile(lags, 0.95)), max: Math.round(Math.max(...lags)) },
      maxBlocksBehindHead: Math.max(...behind),
    };
  };
  const following = [await follow('http', [url], 50), await follow('ws', [devnet.wsUrl], 1000)];

  const result = { node: process.version, cpus: os.cpus().length, catchUp, following, floorTransactionsPerSecond: FLOOR_TX_PER_SECOND, meetsFloor: catchUp.transactionsPerSecond >= FLOOR_TX_PER_SECOND };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    const ok = result.meetsFloor ? pc.green('meets') : pc.red('BELOW');
    console.log(pc.bold('Block stream, catch-up (HTTP, Hardhat EDR devnet, one Node thread)'));
    console.log(`  ${catchUp.blocks} blocks, ${catchUp.transactions} transactions, ${catchUp.decodedEvents} decoded events (${catchUp.storedItems} stored) in ${catchUp.seconds} s`);
    console.log(`  ${catchUp.blocksPerSecond} blocks/s, ${catchUp.transactionsPerSecond} decoded transactions/s (${ok} the ${FLOOR_TX_PER_SECOND}/s floor), ${catchUp.decodedEventsPerSecond} decoded events/s`);
    console.log(`  the stream's own CPU: ${catchUp.cpuSeconds} s, ${catchUp.transactionsPerCpuSecond} transactions per CPU-second (the rest is waiting on the node)`);
    console.log(pc.bold('Block stream, following the head (a block of 20 txs every ~100 ms)'));
    for (const f of following) {
      console.log(`  ${f.transport} (polling every ${f.pollingIntervalMs} ms${f.transport === 'ws' ? ', woken by newHeads' : ''}): ${f.blocks} blocks; lag behind the head median ${f.lagMs.median} ms, p95 ${f.lagMs.p95} ms, max ${f.lagMs.max} ms; at most ${f.maxBlocksBehindHead} block(s) behind`);
    }
  }
  if (!result.meetsFloor) process.exitCode = 1;
} finally {
  await devnet.stop();
  rmSync(dir, { recursive: true, force: true });
}
