/**
 * `bench:scale`'s memory figure: a detect worker's memory after --tx transactions (default 1,000,000).
 * Run with `node --expose-gc` (bench/scale.ts starts it so); prints one JSON line per checkpoint on stdout.
 *
 * The worker's data path without the network: each block encoded as the bus message `argus ingest`
 * publishes and decoded as a worker does, then the engines of the partitions a worker holds (--held of
 * --partitions; by default 2 of 4, a worker's share with two workers), findings kept to the incident
 * window, escalations, and the incremental state save after every batch of `BATCH` blocks (through
 * `MonitorStateStore`, into a store that keeps nothing, so that only the worker's own memory is measured).
 *
 * The blocks: the recording (--recording FILE, as bench:scale keeps it) replayed at later heights, and in
 * each copy every sender renamed, so that the chain keeps meeting new addresses as a real one does (the
 * chain history a partition keeps grows with the distinct addresses; findings do not, they are pruned).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Address } from 'viem';
import type { StreamBlock } from '../src/chain/stream/block-stream.js';
import { MonitorEngine } from '../src/monitor/engine.js';
import { MonitorStateStore } from '../src/monitor/state-store.js';
import { BATCH } from '../src/monitor/bus/detect.js';
import { decodeMessage, encodeMessage, partitionOf, type BusMessage } from '../src/monitor/bus/messages.js';
import { decodeJson } from '../src/monitor/codec.js';
import type { EngineStateStore } from '../src/store/store.js';
import type { RecordedChain } from './bus-helpers.js';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const TX = Number(value('--tx') ?? 1_000_000);
const PARTITIONS = Number(value('--partitions') ?? 4);
const HELD = Number(value('--held') ?? 2);
const file = value('--recording');
if (!file) throw new Error('--recording FILE is required (bench:scale writes it)');
const chain = decodeJson(readFileSync(file, 'utf8')) as RecordedChain;
const gc = (globalThis as { gc?: () => void }).gc;

/** A store that keeps nothing: the save's work in the worker (snapshot, digests) without the database's memory. */
let savedBytes = 0;
let saves = 0;
const nowhere: EngineStateStore = {
  saveEngineState: async () => undefined,
  loadEngineState: async () => null,
  saveEngineParts: async (_id, state) => {
    saves++;
    savedBytes += state.head.length;
    for (const [name, json] of state.parts) savedBytes += name.length + (json?.length ?? 0);
  },
  loadEngineParts: async () => new Map(),
  deleteEngineState: async () => undefined,
};

const rename = (h: string, copy: number) => (copy === 0 ? h : '0x' + createHash('sha256').update(`${h}:${copy}`).digest('hex'));
const renameAddress = (a: string, copy: number) => (copy === 0 ? a : rename(a.toLowerCase(), copy).slice(0, 42));
const span = Number(chain.blocks[chain.blocks.length - 1]!.block.number) + 1;

function* blocks(): Generator<StreamBlock> {
  for (let copy = 0; ; copy++) {
    const shift = BigInt(copy * span);
    for (const b of chain.blocks) {
      yield {
        block: { ...b.block, number: b.block.number + shift, hash: rename(b.block.hash ?? '', copy), parentHash: rename(b.block.parentHash, copy) },
        transactions: b.transactions.map((t) => ({ ...t, hash: rename(t.hash, copy), from: renameAddress(t.from, copy) })),
        receipts: b.receipts,
        decoded: b.decoded.map((e) => ({ ...e, blockNumber: (e.blockNumber ?? 0n) + shift, transactionHash: rename(e.transactionHash, copy) })),
      } as StreamBlock;
    }
  }
}

const engines = Array.from({ length: HELD }, (_, p) => new MonitorEngine({ chainId: 9999, knownGood: chain.knownGood, sanctioned: [] as Address[], owns: (tx) => partitionOf(tx.from, PARTITIONS) === p, retainFindings: 'window' }));
const states = new MonitorStateStore(nowhere, { incremental: true });
const mb = (n: number) => Math.round(n / 2 ** 20);
const report = (tx: number, started: number, findings: number) => {
  gc?.();
  const m = process.memoryUsage();
  // The size of a save (a batch of BATCH blocks, one partition) since the last report: flat when incremental.
  const saveKb = saves > 0 ? Number((savedBytes / saves / 1024).toFixed(1)) : 0;
  savedBytes = 0;
  saves = 0;
  process.stdout.write(JSON.stringify({ transactions: tx, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), rssMb: mb(m.rss), heapMb: mb(m.heapUsed), findingsKept: engines.reduce((n, e) => n + e.findings.length, 0), findingsRaised: findings, addresses: engines[0]!.state.firstSeen.size, saveKb }) + '\n');
};

const started = performance.now();
let tx = 0;
let raised = 0;
let inBatch = 0;
let next = 0;
let reportedAt = -1;
report(0, started, 0);
for (const b of blocks()) {
  const msg = decodeMessage<BusMessage>(encodeMessage({ type: 'block', chainId: 9999, arrivedAt: Date.now(), block: b }));
  if (msg.type !== 'block') continue;
  for (const engine of engines) {
    const out = await engine.processBlock(msg.block);
    raised += out.length + engine.escalations(out).length;
  }
  tx += b.transactions.length;
  if (++inBatch === BATCH) {
    inBatch = 0;
    for (let p = 0; p < engines.length; p++) await states.saveParts(`mem:p${p}`, engines[p]!, b.block.number, b.block.hash ?? '');
  }
  if (tx >= next) {
    if (tx > 0) report(tx, started, raised);
    reportedAt = tx;
    next += TX / 10;
  }
  if (tx >= TX) break;
}
if (tx !== reportedAt) report(tx, started, raised); // the last row, unless it was just printed
