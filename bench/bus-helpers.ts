/**
 * Helpers of the bus tests and `bench:scale`: a recorded chain (a real devnet running real attack
 * scenarios, streamed from genesis), the alerts an uninterrupted single-process run raises on it (the
 * reference), publishing recorded blocks as `argus ingest` does, and watching the workers' progress in
 * the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { simulate } from '../src/chain/scenarios/index.js';
import { BlockStream, type StreamBlock } from '../src/chain/stream/block-stream.js';
import { makeAlert } from '../src/core/alert-id.js';
import { MonitorEngine, devnetKnownGood } from '../src/monitor/engine.js';
import { blockMessageId, blockSubject, encodeMessage, partitionOf, slimBlock, type BusMessage } from '../src/monitor/bus/messages.js';
import type { Bus } from '../src/monitor/bus/nats.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';

export interface RecordedChain {
  blocks: StreamBlock[];
  knownGood: string[];
  transactions: number;
}

/** A devnet with `scenarios` among background traffic, streamed from genesis into memory (then stopped). */
export async function recordChain(options: { seed: string; scenarios?: string[]; background?: number; wallets?: number }): Promise<RecordedChain> {
  const devnet = await startDevnet({ port: 0 });
  try {
    const bg = options.background ?? 20;
    const sim = await simulate(devnet.describe(), {
      seed: options.seed,
      mode: 'mixed',
      ...(options.scenarios ? { scenarios: options.scenarios } : {}),
      wallets: options.wallets ?? 10,
      backgroundBefore: Math.round(bg / 2),
      backgroundBetween: [1, Math.max(1, Math.round(bg / 10))],
      backgroundAfter: Math.round(bg / 4),
    });
    const blocks: StreamBlock[] = [];
    const store = new SqliteStore(':memory:');
    const stream = new BlockStream({ id: 'record', rpcUrls: [devnet.rpcUrl], store, fromBlock: 0n, toBlock: BigInt(sim.blocks[1]), pollingIntervalMs: 50, onBlock: (b) => void blocks.push(slimBlock(b)) });
    await stream.run();
    await store.close();
    return { blocks, knownGood: devnetKnownGood(devnet.describe()), transactions: blocks.reduce((n, b) => n + b.transactions.length, 0) };
  } finally {
    await devnet.stop();
  }
}

/**
 * The alerts one uninterrupted process raises on `blocks` with the detect workers' semantics: one engine
 * per partition (its senders' transactions shown to the detectors, every transaction learnt), findings and
 * escalations made into alerts. Returns alert id → detector.
 */
export async function referenceAlerts(blocks: readonly StreamBlock[], chainId: number, partitions: number, knownGood: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let p = 0; p < partitions; p++) {
    const engine = new MonitorEngine({ chainId, knownGood, sanctioned: [] as Address[], owns: (tx) => partitionOf(tx.from, partitions) === p, retainFindings: 'window' });
    for (const b of blocks) {
      const raised = await engine.processBlock(b);
      for (const f of [...raised, ...engine.escalations(raised)]) {
        const a = makeAlert(f, { chainId, blockNumber: b.block.number, blockHash: b.block.hash ?? '' });
        out.set(a.id, f.detector);
      }
    }
  }
  return out;
}

/** Publishes `blocks` as `argus ingest` does (same subject, message and message id); `arrivedAt` is now. */
export async function publishBlocks(bus: Bus, chainId: number, blocks: readonly StreamBlock[], options: { delayMs?: number; onPublished?: (b: StreamBlock) => void } = {}): Promise<void> {
  for (const b of blocks) {
    const message: BusMessage = { type: 'block', chainId, arrivedAt: Date.now(), block: b };
    for (;;) {
      try {
        await bus.js.publish(blockSubject(chainId), encodeMessage(message), { msgID: blockMessageId(chainId, b.block.hash ?? ''), timeout: 3_000 });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200)); // NATS restarting
      }
    }
    options.onPublished?.(b);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
  }
}

/** The block each partition's saved state stands at (from the store the workers write). */
export async function partitionProgress(store: Store, chainId: number, partitions: number): Promise<(bigint | null)[]> {
  const out: (bigint | null)[] = [];
  for (let p = 0; p < partitions; p++) out.push((await store.loadEngineState(`detect:${chainId}:p${p}of${partitions}`))?.blockNumber ?? null);
  return out;
}

/** A `argus detect` child process (the built CLI). */
export function spawnDetect(cli: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [cli, 'detect', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}
