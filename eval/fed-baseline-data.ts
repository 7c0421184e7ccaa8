/**
 * The data of the federated monitor baseline (eval:fed --task baseline): per-transaction baseline feature
 * rows from separate devnets, one per organisation (each its own seed, wallet count and length, so the
 * nodes' traffic differs in size and make-up), and labelled rows from eval:monitor's held-out seeds.
 *
 * Node rows follow eval/train-baseline.ts (background traffic only, successful transactions whose sender
 * has MIN_HISTORY earlier ones, known-good addresses left out), on training seeds only. Test rows follow
 * eval/baseline-score.ts: eval:monitor's mixed seeds (attacks inside background) plus a background-only
 * run; positive = an attacker transaction of an attack's ground truth, negative = a background action;
 * every labelled successful transaction is kept with its sender's history length.
 *
 * Making them needs devnet runs (minutes), so they are cached in .argus/fed-baseline (gitignored); delete
 * the directory to make them again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { BackgroundTraffic, SimContext, simulate } from '../src/chain/scenarios/index.js';
import { MonitorEngine, devnetKnownGood, watchRange, type MonitorDetector } from '../src/monitor/index.js';
import { baselineObserver } from '../src/monitor/baseline/observe.js';

export const CACHE_DIR = path.resolve('.argus/fed-baseline');
/** As eval/train-baseline.ts. */
export const MIN_HISTORY = 3;
/** Training seeds (never eval:monitor's), uneven on purpose: two small young-wallet sources, two long busy ones. */
export const NODE_RUNS = [
  { id: 'org-a', seed: 'train-1', wallets: 20, steps: 400 },
  { id: 'org-b', seed: 'train-2', wallets: 20, steps: 250 },
  { id: 'org-c', seed: 'train-3', wallets: 30, steps: 1000 },
  { id: 'org-d', seed: 'train-4', wallets: 30, steps: 600 },
];
const TEST_SEEDS = ['monitor-1', 'monitor-2', 'monitor-3'];
const TEST_BACKGROUND = 800;
const LISTED = '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b' as Address;

export interface LabelledRow {
  row: number[];
  history: number;
  label: 0 | 1;
}

export interface BaselineFedData {
  nodes: Array<{ id: string; seed: string; rows: number[][] }>;
  test: LabelledRow[];
}

async function nodeRows(run: (typeof NODE_RUNS)[number]): Promise<number[][]> {
  const devnet = await startDevnet({ port: 0 });
  try {
    const ctx = await SimContext.create(devnet.describe());
    const bg = new BackgroundTraffic(ctx, run.seed, { wallets: run.wallets });
    await bg.setup();
    await bg.run(run.steps);
    const rows: number[][] = [];
    const observer = baselineObserver((o, env) => {
      if (o.context.history >= MIN_HISTORY && !env.knownGood.has(o.tx.from)) rows.push(o.row);
    });
    const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), detectors: [observer as MonitorDetector<unknown>] });
    await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: BigInt(await ctx.blockNumber()) });
    return rows;
  } finally {
    await devnet.stop();
  }
}

async function testRows(seed: string | undefined): Promise<LabelledRow[]> {
  const devnet = await startDevnet({ port: 0 });
  try {
    let toBlock: bigint;
    let positives: Set<string>;
    let background: Set<string>;
    if (seed) {
      const sim = await simulate(devnet.describe(), { seed, mode: 'mixed', wallets: 20, backgroundBefore: 30, backgroundBetween: [2, 6], backgroundAfter: 20, sanctioned: [LISTED] });
      toBlock = BigInt(sim.blocks[1]);
      positives = new Set(sim.attacks.flatMap((t) => t.txs.filter((x) => x.actor === 'attacker').map((x) => x.hash.toLowerCase())));
      background = new Set(sim.actions.filter((a) => !a.attackId).map((a) => a.hash.toLowerCase()));
    } else {
      const ctx = await SimContext.create(devnet.describe());
      const bg = new BackgroundTraffic(ctx, 'monitor-background', { wallets: 30 });
      await bg.setup();
      await bg.run(TEST_BACKGROUND);
      toBlock = BigInt(await ctx.blockNumber());
      positives = new Set();
      background = new Set(ctx.actions.map((a) => a.hash.toLowerCase()));
    }
    const out: LabelledRow[] = [];
    const observer = baselineObserver((o) => {
      const h = o.tx.hash.toLowerCase();
      if (positives.has(h)) out.push({ row: o.row, history: o.context.history, label: 1 });
      else if (background.has(h)) out.push({ row: o.row, history: o.context.history, label: 0 });
    });
    const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), sanctioned: [LISTED], detectors: [observer as MonitorDetector<unknown>] });
    await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock });
    return out;
  } finally {
    await devnet.stop();
  }
}

/** The cached data, made (devnet runs, logged to stderr) where missing. */
export async function baselineFedData(): Promise<BaselineFedData> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const cached = async <T>(name: string, make: () => Promise<T>): Promise<T> => {
    const file = path.join(CACHE_DIR, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
    const t0 = Date.now();
    const v = await make();
    writeFileSync(file, JSON.stringify(v));
    console.error(`fed-baseline data: ${name} made in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return v;
  };
  const nodes = [];
  for (const r of NODE_RUNS) nodes.push({ id: r.id, seed: r.seed, rows: await cached(`node-${r.seed}-${r.wallets}-${r.steps}`, () => nodeRows(r)) });
  const test: LabelledRow[] = [];
  for (const s of TEST_SEEDS) test.push(...(await cached(`test-${s}`, () => testRows(s))));
  test.push(...(await cached(`test-background-${TEST_BACKGROUND}`, () => testRows(undefined))));
  return { nodes, test };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const d = await baselineFedData();
  for (const n of d.nodes) console.log(`${n.id} (${n.seed}): ${n.rows.length} rows`);
  console.log(`test: ${d.test.length} rows, ${d.test.filter((r) => r.label === 1).length} attacker`);
}
