/**
 * The false-alert measurement of issue 17 on the richer ordinary background, made to hold on a loaded
 * machine and to be re-scored in seconds.
 *
 * The background is split into shards: each its own devnet and seed (`monitor-rich-background-<i>`), its
 * own wallets and teams, run a few at a time. In a shard the ordinary protocols (ordinary.ts, extended set
 * included) run with several wallets acting in each block (SimContext batching), then the chain is streamed
 * from genesis through the engine while every chain read the detectors make (balances, eth_call, call
 * traces) is recorded. A shard is written to the cache directory (gzip JSON: the blocks as the stream
 * delivered them, the reads, the counts) as soon as it is done, so a failed or interrupted run keeps its
 * finished shards, and a later run with the same directory replays them through a fresh engine without a
 * node: re-scoring 40,000 transactions after a detector change takes seconds. When the detectors ask for a
 * read the recording lacks (a new detector reading something new), that shard is simulated again from its
 * seed (the same transactions: the simulator is deterministic) and its recording replaced.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Address, Hex } from 'viem';
import type { Finding } from '../src/core/finding.js';
import { startDevnet } from '../src/chain/devnet/index.js';
import type { StreamBlock } from '../src/chain/stream/index.js';
import { BackgroundTraffic, SimContext } from '../src/chain/scenarios/index.js';
import { MonitorEngine, devnetKnownGood, emptyChainReads, recordingChain, replayChain, rpcChainAccess, watchRange, type ChainReads } from '../src/monitor/index.js';
import { decodeValue, encodeValue } from '../src/monitor/codec.js';

/** Bump when the recording's layout or the simulation's meaning changes (older files are then re-simulated). */
export const BACKGROUND_CACHE_VERSION = 1;

export interface ShardSpec {
  index: number;
  seed: string;
  actions: number;
  wallets: number;
  txsPerBlock: [number, number];
  extended: boolean;
}

export interface BackgroundPlan {
  /** Actions over all shards (each action is one to a few transactions). */
  actions: number;
  /**
   * Actions per shard (the last one takes what is left): shard i is always the same seed and size, so a
   * larger total reuses the recorded shards and simulates only the new ones.
   */
  shardActions: number;
  /** Run only the shards from this index on (to split a measurement over processes sharing a cache). */
  fromShard?: number;
  /** Shards simulated at once (each is a node process and a simulator). */
  concurrency: number;
  wallets: number;
  txsPerBlock: [number, number];
  /** Where shard recordings are kept and read from; without it nothing is kept. */
  cacheDir?: string;
  /** Simulate every shard again even when its recording is there. */
  refresh?: boolean;
  sanctioned: Address[];
  log: (message: string) => void;
}

export interface ShardResult {
  spec: ShardSpec;
  findings: Finding[];
  /** Every transaction the simulator sent on this shard (its setup included: all ordinary). */
  backgroundTxs: number;
  setupTxs: number;
  /** Transactions the engine saw (the devnet's own deployment at genesis included). */
  transactions: number;
  blocks: number;
  /** Blocks holding at least one transaction. */
  busyBlocks: number;
  skipped: number;
  reverted: number;
  source: 'simulated' | 'cache' | 're-simulated';
  /** This run's time for the shard (a replay: seconds). */
  seconds: number;
  /** The time its simulation took when it was recorded (the chain only, streaming aside). */
  simulateSeconds: number;
  traces: number;
}

interface Recording {
  version: number;
  spec: ShardSpec;
  recordedAt: string;
  chainId: number;
  knownGood: string[];
  backgroundTxs: number;
  setupTxs: number;
  skipped: number;
  reverted: number;
  simulateSeconds: number;
  /** Hash of every simulated transaction, in order: a re-simulation must give the same ones. */
  hashes: Hex[];
  blocks: StreamBlock[];
  balances: ChainReads['balances'];
  calls: ChainReads['calls'];
  traces: ChainReads['traces'];
}


export function shardSpecs(plan: Pick<BackgroundPlan, 'actions' | 'shardActions' | 'wallets' | 'txsPerBlock'>): ShardSpec[] {
  const size = Math.max(1, plan.shardActions);
  const shards = Math.max(1, Math.ceil(plan.actions / size));
  return Array.from({ length: shards }, (_, i) => ({
    index: i,
    seed: `monitor-rich-background-${i}`,
    actions: Math.min(size, plan.actions - i * size),
    wallets: plan.wallets,
    txsPerBlock: plan.txsPerBlock,
    extended: true,
  }));
}

const sameSpec = (a: ShardSpec, b: ShardSpec) => JSON.stringify(a) === JSON.stringify(b);

/** One file per seed and size, so runs of different totals (a shorter last shard) never overwrite each other. */
export function shardFile(cacheDir: string, spec: ShardSpec): string {
  return path.join(cacheDir, `${spec.seed}-${spec.actions}.json.gz`);
}

export function writeRecording(file: string, rec: Recording): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, gzipSync(JSON.stringify(encodeValue(rec)), { level: 6 }));
  renameSync(tmp, file);
}

export function readRecording(file: string): Recording | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const rec = decodeValue(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'))) as Recording;
    return rec.version === BACKGROUND_CACHE_VERSION ? rec : undefined;
  } catch {
    // A file cut short (the run was killed while writing) or from another layout: simulate again.
    return undefined;
  }
}

/** A read the recording does not hold: the shard must be simulated again to answer it. */
class RecordingMiss extends Error {}

/** The detectors over a recording, every chain read served from it (no node). Throws RecordingMiss. */
export async function replayRecording(rec: Recording, sanctioned: readonly string[]): Promise<{ findings: Finding[]; transactions: number }> {
  const chain = replayChain(rec, (what) => {
    throw new RecordingMiss(what);
  });
  const engine = new MonitorEngine({ chainId: rec.chainId, knownGood: rec.knownGood, sanctioned, chain });
  for (const b of rec.blocks) await engine.processBlock(b);
  return { findings: [...engine.findings], transactions: engine.state.transactions };
}

/** Simulates one shard on its own devnet, streams it through the engine and records what it read. */
async function simulateShard(spec: ShardSpec, sanctioned: readonly string[], log: (m: string) => void): Promise<{ rec: Recording; findings: Finding[]; transactions: number; traces: number }> {
  const started = performance.now();
  const devnet = await startDevnet({ port: 0, startTimeoutMs: 300_000 });
  try {
    const ctx = await SimContext.create(devnet.describe());
    const bg = new BackgroundTraffic(ctx, spec.seed, { wallets: spec.wallets, rich: true, extended: spec.extended, txsPerBlock: spec.txsPerBlock });
    await bg.setup();
    const setupTxs = ctx.actions.length;
    const chunk = 250;
    for (let done = 0; done < spec.actions; done += chunk) {
      await ctx.topUpFunder();
      await bg.run(Math.min(chunk, spec.actions - done));
      const elapsed = (performance.now() - started) / 1000;
      const at = Math.min(done + chunk, spec.actions);
      log(`  shard ${spec.index}: ${at}/${spec.actions} actions, ${ctx.actions.length} transactions, ${elapsed.toFixed(0)} s (${((60 * at) / elapsed).toFixed(0)} actions/min)`);
    }
    const simulateSeconds = (performance.now() - started) / 1000;
    const head = BigInt(await ctx.blockNumber());
    // Stream it through the engine, recording every read.
    const rpc = rpcChainAccess(devnet.rpcUrl, { maxAttempts: 30, maxDelayMs: 10_000 });
    const reads = emptyChainReads();
    const recording = recordingChain(rpc, reads);
    const knownGood = devnetKnownGood(devnet);
    const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood, sanctioned, chain: recording });
    const blocks: StreamBlock[] = [];
    let streamed = 0;
    await watchRange(engine, {
      rpcUrl: devnet.rpcUrl,
      fromBlock: 0n,
      toBlock: head,
      onBlock: (b) => {
        blocks.push(b);
        if (++streamed % 2_000 === 0) log(`  shard ${spec.index}: streamed ${streamed}/${Number(head) + 1} blocks, ${engine.findings.length} findings`);
      },
    });
    const rec: Recording = {
      version: BACKGROUND_CACHE_VERSION,
      spec,
      recordedAt: new Date().toISOString(),
      chainId: devnet.chainId,
      knownGood,
      backgroundTxs: ctx.actions.length,
      setupTxs,
      skipped: bg.skipped,
      reverted: ctx.revertedInBatches,
      simulateSeconds,
      hashes: ctx.actions.map((a) => a.hash),
      blocks,
      ...reads,
    };
    return { rec, findings: [...engine.findings], transactions: engine.state.transactions, traces: reads.traces.size };
  } finally {
    await devnet.stop();
  }
}

/** One shard: from its recording when there is one that answers every read, else simulated (twice at most). */
async function runShard(spec: ShardSpec, plan: BackgroundPlan): Promise<ShardResult> {
  const started = performance.now();
  const file = plan.cacheDir ? shardFile(plan.cacheDir, spec) : undefined;
  const cached = file && !plan.refresh ? readRecording(file) : undefined;
  let source: ShardResult['source'] = 'simulated';
  const tally = (rec: Recording, findings: Finding[], transactions: number, traces: number): ShardResult => ({
    spec,
    findings,
    backgroundTxs: rec.backgroundTxs,
    setupTxs: rec.setupTxs,
    transactions,
    blocks: rec.blocks.length,
    busyBlocks: rec.blocks.filter((b) => b.transactions.length > 0).length,
    skipped: rec.skipped,
    reverted: rec.reverted,
    source,
    seconds: (performance.now() - started) / 1000,
    simulateSeconds: rec.simulateSeconds,
    traces,
  });
  if (cached && !sameSpec(cached.spec, spec)) plan.log(`shard ${spec.index}: the recording is of another shard (${JSON.stringify(cached.spec)}); simulating this one`);
  if (file && !plan.refresh && !cached && existsSync(file)) plan.log(`shard ${spec.index}: the recording in ${file} is unreadable or of another version; simulating the shard again`);
  if (cached && sameSpec(cached.spec, spec)) {
    try {
      const { findings, transactions } = await replayRecording(cached, plan.sanctioned);
      source = 'cache';
      return tally(cached, findings, transactions, cached.traces.size);
    } catch (error) {
      if (!(error instanceof RecordingMiss)) throw error;
      plan.log(`shard ${spec.index}: the detectors asked for a read the recording lacks (${error.message}); simulating the shard again from its seed`);
      source = 're-simulated';
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      plan.log(`shard ${spec.index}: simulating ${spec.actions} actions (seed ${spec.seed})${attempt > 1 ? `, attempt ${attempt}` : ''}`);
      const { rec, findings, transactions, traces } = await simulateShard(spec, plan.sanctioned, plan.log);
      if (cached && source === 're-simulated' && (cached.hashes.length !== rec.hashes.length || cached.hashes.some((h, i) => h !== rec.hashes[i])))
        plan.log(`shard ${spec.index}: WARNING the re-simulation sent other transactions than the recording (the simulator or the ordinary mix changed); the new recording replaces it`);
      if (file) writeRecording(file, rec);
      return tally(rec, findings, transactions, traces);
    } catch (error) {
      // The node or the machine failed the shard (a timeout under load): the seed gives the same shard again.
      if (attempt >= 2) throw error;
      plan.log(`shard ${spec.index}: failed (${(error as Error).message.split('\n')[0]}); trying once more on a fresh devnet`);
    }
  }
}

/** Every shard of the plan, `concurrency` at a time; results in shard order. */
export async function runBackground(plan: BackgroundPlan): Promise<ShardResult[]> {
  const specs = shardSpecs(plan).filter((s) => s.index >= (plan.fromShard ?? 0));
  const results: ShardResult[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const spec = specs[next++];
      if (!spec) return;
      const r = await runShard(spec, plan);
      results.push(r);
      plan.log(
        `shard ${spec.index} (${r.source}): ${r.backgroundTxs} background transactions in ${r.blocks} blocks, ${r.findings.length} findings, ${r.skipped} actions skipped, ${r.reverted} reverted, ${r.seconds.toFixed(0)} s`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, specs.length)) }, worker));
  return results.sort((a, b) => a.spec.index - b.spec.index);
}

/** Findings per detector, most first. */
export function alertsByDetector(findings: readonly Finding[]): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const f of findings) if (f.detector !== 'monitor/incident') m.set(f.detector, (m.get(f.detector) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
