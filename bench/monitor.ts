import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { EXPLOIT_SCENARIOS, SCENARIOS, simulate } from '../src/chain/scenarios/index.js';
import type { StreamBlock } from '../src/chain/stream/index.js';
import { MonitorEngine, devnetKnownGood, emptyChainReads, recordingChain, replayChain, rpcChainAccess } from '../src/monitor/index.js';
import { MONITOR_DETECTORS } from '../src/monitor/detectors/index.js';
import { AlertDispatcher, JsonlSink } from '../src/monitor/sinks/index.js';
import { Watcher } from '../src/monitor/watch.js';
import { SqliteStore } from '../src/store/index.js';

/**
 * `npm run bench:monitor`: the monitor on a recorded stream.
 *
 * 1. Record: a fresh devnet, `simulate --mixed` with every scenario inside `--background N` (default
 *    2,500, before, between and after the attacks; their stages get more between them) seeded
 *    background transactions, then the whole chain streamed from genesis through the live
 *    pipeline of `argus watch` (BlockStream → MonitorEngine → makeAlert → AlertDispatcher with the SQLite
 *    alert store and a JSONL sink). Each alert's latency is timed from its block's arrival at the
 *    consumer to the dispatch returning (stored, written to the JSONL file): p50, p99, max. The blocks
 *    are kept in memory, and so are the balances the exploit-contract detector read over RPC.
 * 2. Replay: the recorded blocks through a fresh engine (all detectors) in this one Node thread, the
 *    balances served from the recording, so that only the detectors are timed: transactions per second
 *    (best of --reps, default 3), floor 5,000 tx/s.
 *
 * Both scenario sets run, in the richer background; the call traces the engine asks for are recorded
 * with the blocks (their cost is reported from the live pipeline) and served from the recording on replay.
 *
 * Flags: --json, --background N, --reps N, --seed S.
 */

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const json = argv.includes('--json');
const BACKGROUND = Number(value('--background') ?? 2500);
const REPS = Number(value('--reps') ?? 3);
const SEED = value('--seed') ?? 'bench-monitor';
const FLOOR_TX_PER_SECOND = 5000;
const LISTED = '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b' as Address;

const log = (m: string) => {
  if (!json) process.stderr.write(pc.dim(m) + '\n');
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const devnet = await startDevnet({ port: 0 });
const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bench-monitor-'));
try {
  log(`devnet at ${devnet.rpcUrl}; simulate --mixed, every scenario inside ${BACKGROUND} background transactions`);
  const fillStarted = performance.now();
  const between = Math.max(1, Math.round(BACKGROUND / 40));
  const sim = await simulate(devnet.describe(), {
    seed: SEED,
    mode: 'mixed',
    wallets: 30,
    sanctioned: [LISTED],
    backgroundBefore: Math.round(BACKGROUND / 2),
    backgroundBetween: [Math.max(1, between - 5), between + 5],
    backgroundAfter: Math.round(BACKGROUND / 10),
    // Both scenario sets, in the richer background (issue 17): the exploits make the engine ask for traces.
    scenarios: [...SCENARIOS, ...EXPLOIT_SCENARIOS].map((x) => x.id),
    richBackground: true,
  });
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const head = BigInt(sim.blocks[1]);
  log(`${sim.actions.length} transactions (${sim.backgroundActions} background, ${sim.attacks.length} attacks) in ${fillSeconds.toFixed(1)} s; streaming blocks 0–${head}`);

  // 1. The live pipeline, recording blocks and balances.
  const rpc = rpcChainAccess(devnet.rpcUrl);
  const reads = emptyChainReads();
  const traceCost = { count: 0, ms: 0 };
  const recording = recordingChain(rpc, reads, (ms) => {
    traceCost.count++;
    traceCost.ms += ms;
  });
  const knownGood = devnetKnownGood(devnet);
  const store = new SqliteStore(path.join(dir, 'argus.db'));
  const dispatcher = new AlertDispatcher({ sinks: [new JsonlSink(path.join(dir, 'alerts.jsonl'))], store });
  const liveEngine = new MonitorEngine({ chainId: devnet.chainId, knownGood, sanctioned: [LISTED], chain: recording });
  const recorded: StreamBlock[] = [];
  const latencies: number[] = [];
  const watcher = new Watcher({
    engine: liveEngine,
    dispatcher,
    chainId: devnet.chainId,
    rpcUrls: [devnet.rpcUrl],
    store,
    streamId: 'bench',
    fromBlock: 0n,
    toBlock: head,
    pollingIntervalMs: 50,
    onBlock: (b) => recorded.push(b),
    onAlert: (a, info) => {
      latencies.push(info.latencyMs);
      if (process.env.ARGUS_BENCH_SLOW && info.latencyMs > 50) process.stderr.write(`slow alert ${a.finding.detector} block ${a.blockNumber}: ${info.latencyMs.toFixed(1)} ms\n`);
    },
  });
  const liveStarted = performance.now();
  await watcher.run();
  const liveSeconds = (performance.now() - liveStarted) / 1000;
  await dispatcher.close();
  await store.close();
  const transactions = recorded.reduce((n, b) => n + b.transactions.length, 0);

  // 2. Replay through all detectors, one thread, balances from the recording.
  const replay = replayChain(reads, rpc);
  const runs: number[] = [];
  let replayFindings = 0;
  for (let r = 0; r < REPS; r++) {
    const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood, sanctioned: [LISTED], chain: replay });
    const started = performance.now();
    for (const b of recorded) await engine.processBlock(b);
    runs.push((performance.now() - started) / 1000);
    replayFindings = engine.findings.length;
  }
  const best = Math.min(...runs);
  // --compare-without a,b: the same replay without those detectors, reps interleaved with full ones so that
  // a loaded machine's noise falls on both alike; the difference is what those detectors cost.
  const without = (value('--compare-without') ?? '').split(',').filter(Boolean);
  if (without.length > 0) {
    const fewer = MONITOR_DETECTORS.filter((d) => !without.includes(d.meta.id));
    const timed = async (detectors?: typeof MONITOR_DETECTORS) => {
      const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood, sanctioned: [LISTED], chain: replay, ...(detectors ? { detectors } : {}) });
      const started = performance.now();
      for (const b of recorded) await engine.processBlock(b);
      return (performance.now() - started) / 1000;
    };
    const all: number[] = [];
    const rest: number[] = [];
    for (let r = 0; r < REPS; r++) {
      all.push(await timed());
      rest.push(await timed(fewer));
    }
    const rate = (xs: number[]) => Math.round(transactions / Math.min(...xs));
    console.error(`compare: all detectors ${rate(all)} tx/s, without ${without.join(', ')} ${rate(rest)} tx/s (best of ${REPS} each, interleaved)`);
  }
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    recorded: { blocks: recorded.length, transactions, backgroundTransactions: sim.backgroundActions, attacks: sim.attacks.length, fillSeconds: Number(fillSeconds.toFixed(1)) },
    live: {
      seconds: Number(liveSeconds.toFixed(2)),
      transactionsPerSecond: Math.round(transactions / liveSeconds),
      alerts: latencies.length,
      traces: { count: traceCost.count, seconds: Number((traceCost.ms / 1000).toFixed(2)), msEach: traceCost.count ? Number((traceCost.ms / traceCost.count).toFixed(1)) : null },
      latencyMs: { p50: Number(quantile(latencies, 0.5).toFixed(2)), p99: Number(quantile(latencies, 0.99).toFixed(2)), max: Number(Math.max(...latencies).toFixed(2)) },
    },
    replay: { reps: REPS, bestSeconds: Number(best.toFixed(3)), transactionsPerSecond: Math.round(transactions / best), findings: replayFindings },
    floorTransactionsPerSecond: FLOOR_TX_PER_SECOND,
    meetsFloor: transactions / best >= FLOOR_TX_PER_SECOND,
  };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    const ok = result.meetsFloor ? pc.green('meets') : pc.red('BELOW');
    console.log(pc.bold('Monitor, recorded stream (simulate --mixed on a Hardhat EDR devnet)'));
    console.log(`  ${result.recorded.blocks} blocks, ${transactions} transactions (${sim.backgroundActions} background), ${sim.attacks.length} attacks`);
    console.log(pc.bold('Detectors on the recorded blocks (all detectors, one Node thread)'));
    console.log(`  ${result.replay.transactionsPerSecond} transactions/s (${ok} the ${FLOOR_TX_PER_SECOND}/s floor), best of ${REPS}: ${result.replay.bestSeconds} s, ${replayFindings} findings`);
    console.log(pc.bold('Live pipeline (BlockStream → engine → alert store + JSONL), from genesis'));
    console.log(`  ${result.live.transactionsPerSecond} transactions/s streamed and inspected; ${result.live.alerts} alerts`);
    console.log(`  call traces: ${result.live.traces.count} fetched (${((100 * result.live.traces.count) / transactions).toFixed(1)}% of transactions), ${result.live.traces.seconds} s waiting for the node, ${result.live.traces.msEach ?? '-'} ms each; replayed from the recording above`);
    console.log(`  alert latency, block arrival → dispatched: p50 ${result.live.latencyMs.p50} ms, p99 ${result.live.latencyMs.p99} ms, max ${result.live.latencyMs.max} ms`);
  }
  if (!result.meetsFloor) process.exitCode = 1;
} finally {
  await devnet.stop();
  rmSync(dir, { recursive: true, force: true });
}
