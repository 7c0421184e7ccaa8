/**
 * `argus ingest` and `argus detect`: the monitor scaled out over NATS JetStream and PostgreSQL (see
 * `monitor/bus/`). `argus watch` stays the single-process monitor; these two split it:
 *
 *   argus ingest --rpc URL --bus nats://… [--chain ID]          one per chain: blocks onto the bus
 *   argus detect --bus nats://… --store postgres://… --chain ID  any number: detectors, alerts to the store
 *
 * Both stop cleanly on SIGINT/SIGTERM (the block in hand is finished and acknowledged).
 */
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import type { Address } from 'viem';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { toJson } from '../core/json.js';
import { createRpcClient } from '../chain/rpc/client.js';
import { redactUrl } from '../chain/rpc/errors.js';
import { bundledSanctions } from '../fraud/intel/store.js';
import { parseAddressList } from './address-list.js';
import { parseSanctioned } from './simulate-command.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const say = (m: string) => process.stderr.write(pc.dim(`argus: ${m}`) + '\n');

function onStop(stop: () => Promise<void>): () => void {
  let asked = false;
  const handler = (signal: string) => {
    if (asked) return;
    asked = true;
    say(`${signal}: finishing the block in hand`);
    void stop();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

function parseChainIds(value: string | undefined, required: boolean): number[] {
  if (value === undefined) {
    if (required) throw new UsageError('--chain is required: the chain id(s) to work on, e.g. --chain 1,8453');
    return [];
  }
  const ids = value.split(',').map((s) => s.trim());
  if (ids.some((id) => !/^\d{1,12}$/.test(id) || Number(id) < 1)) throw new UsageError(`--chain: '${value}' is not a chain id or a comma-separated list of them`);
  return [...new Set(ids.map(Number))];
}

const parseBlock = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value.trim())) throw new UsageError(`${name} must be a block number`);
  return BigInt(value.trim());
};

interface IngestCommandOptions {
  rpc: string;
  bus: string;
  chain?: string;
  store: string;
  from?: string;
  to?: string;
}

export async function runIngest(opts: IngestCommandOptions): Promise<number> {
  if (!/^(https?|wss?):\/\//.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// or ws(s):// URL`);
  const expected = parseChainIds(opts.chain, false);
  if (expected.length > 1) throw new UsageError('--chain: one ingest follows one chain (run one ingest per chain)');
  const fromBlock = parseBlock(opts.from, '--from');
  const toBlock = parseBlock(opts.to, '--to');
  const client = createRpcClient(opts.rpc, { profile: 'read' });
  let chainId: number;
  let genesis: string;
  try {
    chainId = await client.getChainId();
    genesis = (await client.getBlock({ blockNumber: 0n })).hash ?? '';
  } catch (error) {
    throw new ArgusError(ERROR_CODES.STREAM, `cannot use ${redactUrl(opts.rpc)}: ${(error as Error).message.split('\n')[0]}`, { url: redactUrl(opts.rpc) }, { cause: error });
  }
  if (expected[0] !== undefined && expected[0] !== chainId) throw new UsageError(`--chain ${expected[0]}: the endpoint serves chain ${chainId}`);
  const { openStore } = await import('../store/open.js');
  const { connectBus } = await import('../monitor/bus/nats.js');
  const { Ingest } = await import('../monitor/bus/ingest.js');
  const store = await openStore(opts.store);
  const bus = await connectBus(opts.bus, { name: `argus-ingest-${chainId}` }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const ingest = new Ingest({
    bus,
    chainId,
    rpcUrls: [opts.rpc],
    store,
    streamId: `ingest:${chainId}:${genesis}`,
    ...(fromBlock !== undefined ? { fromBlock } : {}),
    ...(toBlock !== undefined ? { toBlock } : {}),
    pollingIntervalMs: 200,
    logger: createLogger({ level: 'warn' }),
  });
  const off = onStop(() => ingest.stop());
  say(`ingesting chain ${chainId} from ${redactUrl(opts.rpc)} onto ${opts.bus}`);
  const started = performance.now();
  try {
    await ingest.run();
  } finally {
    off();
    await ingest.stop().catch(() => undefined);
    await bus.close();
    await store.close();
    const s = ingest.stats;
    say(`ingest: ${s.blocks} blocks, ${s.transactions} transactions, ${s.retractions} reorgs published (${s.duplicates} duplicates dropped by the bus) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return 0;
}

interface DetectCommandOptions {
  bus: string;
  store: string;
  chain?: string;
  partitions: string;
  rpc?: string;
  knownGood?: string;
  sanctioned?: string;
  ofac?: boolean;
  workerId?: string;
  json?: boolean;
  leaseTtl: string;
  ackWait: string;
  minWorkers?: string;
}

export async function runDetect(opts: DetectCommandOptions): Promise<number> {
  const chainIds = parseChainIds(opts.chain, true);
  if (!/^\d{1,3}$/.test(opts.partitions) || Number(opts.partitions) < 1 || Number(opts.partitions) > 256) throw new UsageError('--partitions must be a whole number from 1 to 256');
  if (opts.rpc && !/^(https?|wss?):\/\//.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// or ws(s):// URL`);
  if (opts.minWorkers !== undefined && (!/^\d{1,3}$/.test(opts.minWorkers) || Number(opts.minWorkers) < 1)) throw new UsageError('--min-workers must be a whole number from 1 to 999');
  if (opts.workerId !== undefined && !/^[\w.-]{1,64}$/.test(opts.workerId)) throw new UsageError('--worker-id must be 1 to 64 letters, digits, dots or dashes');
  const ms = (value: string, flag: string) => {
    if (!/^\d{3,7}$/.test(value)) throw new UsageError(`${flag} must be milliseconds from 100 to 9999999`);
    return Number(value);
  };
  const leaseTtlMs = ms(opts.leaseTtl, '--lease-ttl');
  const ackWaitMs = ms(opts.ackWait, '--ack-wait');
  const ofac = opts.ofac === false ? undefined : bundledSanctions();
  const sanctioned = [...new Set([...parseSanctioned(opts.sanctioned).map((a) => a.toLowerCase()), ...(ofac?.addresses ?? [])])] as Address[];
  const userKnownGood = parseAddressList(opts.knownGood, '--known-good');
  const { openStore } = await import('../store/open.js');
  const { connectBus } = await import('../monitor/bus/nats.js');
  const { DetectWorker } = await import('../monitor/bus/detect.js');
  const { knownGoodFor } = await import('../monitor/known-good.js');
  const store = await openStore(opts.store);
  const bus = await connectBus(opts.bus, { name: 'argus-detect' }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const worker = new DetectWorker({
    bus,
    store,
    chainIds,
    partitions: Number(opts.partitions),
    minWorkers: Number(opts.minWorkers ?? '1'),
    leaseTtlMs,
    ackWaitMs,
    ...(opts.workerId ? { workerId: opts.workerId } : {}),
    engine: (chainId) => ({
      knownGood: [...knownGoodFor(chainId), ...userKnownGood],
      sanctioned,
      ...(ofac ? { sanctionLabels: ofac.labels } : {}),
      ...(opts.rpc ? { rpcUrl: opts.rpc.replace(/^ws/, 'http') } : {}),
    }),
    logger: createLogger({ level: 'warn' }),
    onAlert: (alert, info) => {
      if (opts.json && info.sent) process.stdout.write(toJson({ type: 'alert', alert }) + '\n');
    },
    onPartition: (event, chainId, partition) => say(`worker: partition ${partition} of chain ${chainId} ${event}`),
  });
  const off = onStop(() => worker.stop());
  say(`detect worker ${worker.id}: chains ${chainIds.join(', ')}, ${opts.partitions} partitions each; bus ${opts.bus}; store ${opts.store.startsWith('postgres') ? opts.store.replace(/:[^:@/]*@/, ':***@') : path.resolve(opts.store)}`);
  const started = performance.now();
  try {
    await worker.run();
  } finally {
    off();
    await bus.close();
    await store.close();
    const s = worker.stats;
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    say(`detect ${worker.id}: ${s.blocks} blocks (${s.skipped} already done), ${s.transactions} transactions, ${s.alerts} alerts (${s.duplicates} already stored), ${s.retractions} retracted in ${((performance.now() - started) / 1000).toFixed(1)} s; rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
    // Where the time went (bench:scale reads this line): CPU of the process, and each step's time summed over the partitions.
    const p = worker.profile;
    const r = (ms: number) => (ms / 1000).toFixed(2);
    // The busy window (first block detected to last acknowledgement, epoch ms) and the CPU spent in it.
    if (p.firstBlockAt !== null && p.lastAckAt !== null) say(`window ${worker.id}: ${p.firstBlockAt}..${p.lastAckAt} ms, cpu ${r((p.cpuAtLastAckMs ?? 0) - (p.cpuAtFirstMs ?? 0))} s`);
    say(`profile ${worker.id}: cpu ${r((cpu.user + cpu.system) / 1000)} s, fetch ${r(p.fetchMs)} s, decode ${r(p.decodeMs)} s, detect ${r(p.detectMs)} s, alerts ${r(p.alertMs)} s, save ${r(p.saveMs)} s, ack ${r(p.ackMs)} s`);
  }
  return 0;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('publish a chain\'s decoded blocks to NATS JetStream for `argus detect` workers (deduplicated by block hash; reorgs as retractions)')
    .requiredOption('--rpc <url>', 'the chain\'s JSON-RPC endpoint (http(s):// or ws(s)://)')
    .requiredOption('--bus <url>', 'NATS server with JetStream (nats://host:port)')
    .option('--chain <id>', 'the chain id the endpoint must serve (checked)')
    .option('--store <file|url>', 'where the ingest keeps its checkpoint (SQLite file or postgres://…)', path.join('.argus', 'ingest.db'))
    .option('--from <block>', 'first block when there is no checkpoint (default: the head)')
    .option('--to <block>', 'stop after this block (a replay)')
    .action(async (opts: IngestCommandOptions) => {
      process.exitCode = await runIngest(opts);
    });
}

export function detectCommand(): Command {
  return new Command('detect')
    .description('a detect worker: consume blocks from NATS JetStream, run the monitor\'s detectors on its partitions, store alerts (idempotent) and publish them; add or remove workers at any time')
    .requiredOption('--bus <url>', 'NATS server with JetStream (nats://host:port)')
    .requiredOption('--store <file|url>', 'the alert and state store shared by the workers: postgres://… (or a SQLite file on one machine)')
    .option('--chain <ids>', 'chain id(s) to work on, comma-separated')
    .option('--partitions <n>', 'partitions per chain (the same for every worker)', '4')
    .option('--rpc <url>', 'JSON-RPC endpoint for the detectors\' chain reads (balances); without it those stay silent')
    .option('--known-good <list>', 'addresses never reported as actors: commas, or a file')
    .option('--sanctioned <list>', 'sanctions list added to the bundled OFAC snapshot')
    .option('--no-ofac', 'do not screen against the bundled OFAC SDN snapshot')
    .option('--worker-id <id>', 'this worker\'s name (default: pid and random)')
    .option('--json', 'print one JSON line per new alert on stdout')
    .option('--min-workers <n>', 'workers expected: take at most partitions / n at first, so that workers started together do not hand partitions over', '1')
    .option('--lease-ttl <ms>', 'partition lease time: a dead worker\'s partitions are taken over after at most this', '4000')
    .option('--ack-wait <ms>', 'a block not acknowledged within this is delivered again (set when the partition consumers are first made)', '10000')
    .action(async (opts: DetectCommandOptions) => {
      process.exitCode = await runDetect(opts);
    });
}
