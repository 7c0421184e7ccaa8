/**
 * The sharded, recorded background of eval:monitor-exploits (eval/background-run.ts) on a real devnet: a
 * small shard with several wallets acting per block, the extended ordinary set included, is simulated,
 * streamed through the engine and recorded; the recording, read back from its file, replays through a
 * fresh engine without a node to the same findings; a larger total keeps the earlier shards' seeds and
 * sizes (so their recordings are reused); a recording that lacks a read the detectors ask for is simulated
 * again from its seed, to the same transactions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording, replayRecording, runBackground, shardFile, shardSpecs, writeRecording } from '../eval/background-run.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-background-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('background shards', () => {
  it('keep each shard’s seed and size when the total grows', () => {
    const small = shardSpecs({ actions: 9_000, shardActions: 4_500, wallets: 40, txsPerBlock: [1, 8] });
    const large = shardSpecs({ actions: 10_000, shardActions: 4_500, wallets: 40, txsPerBlock: [1, 8] });
    expect(small.map((s) => [s.seed, s.actions])).toEqual([
      ['monitor-rich-background-0', 4_500],
      ['monitor-rich-background-1', 4_500],
    ]);
    expect(large.slice(0, 2)).toEqual(small);
    expect(large[2]?.actions).toBe(1_000);
  });

  it('simulate several transactions per block, record them, and replay the recording without a node', async () => {
    const logs: string[] = [];
    const plan = { actions: 60, shardActions: 60, concurrency: 1, wallets: 10, txsPerBlock: [3, 6] as [number, number], cacheDir: dir, sanctioned: [], log: (m: string) => logs.push(m) };
    const [first] = await runBackground(plan);
    expect(first?.source).toBe('simulated');
    const rec = readRecording(shardFile(dir, shardSpecs(plan)[0]!));
    expect(rec).toBeDefined();
    // Batching: some block holds several of the simulator's transactions, and they were all mined.
    const busiest = Math.max(...rec!.blocks.map((b) => b.transactions.length));
    expect(busiest).toBeGreaterThan(2);
    expect(rec!.hashes.length).toBe(first!.backgroundTxs);
    // The replay (no node: a read the recording lacks would throw) gives the same findings as the live run.
    const replay = await replayRecording(rec!, []);
    expect(replay.findings.map((f) => `${f.detector}: ${f.explanation}`)).toEqual(first!.findings.map((f) => `${f.detector}: ${f.explanation}`));
    const [again] = await runBackground(plan);
    expect(again?.source).toBe('cache');
    expect(again?.backgroundTxs).toBe(first!.backgroundTxs);
  }, 600_000);

  it('simulate a shard again, to the same transactions, when its recording lacks a read the detectors ask for', async () => {
    const logs: string[] = [];
    const plan = { actions: 150, shardActions: 150, concurrency: 1, wallets: 10, txsPerBlock: [2, 6] as [number, number], cacheDir: dir, sanctioned: [], log: (m: string) => logs.push(m) };
    const [first] = await runBackground(plan);
    const file = shardFile(dir, shardSpecs(plan)[0]!);
    const rec = readRecording(file)!;
    const reads = rec.traces.size + rec.balances.size + rec.calls.size;
    expect(reads).toBeGreaterThan(0);
    // Forget every read, as if new detectors asked for ones the recording never made.
    rec.traces.clear();
    rec.balances.clear();
    rec.calls.clear();
    writeRecording(file, rec);
    const [again] = await runBackground(plan);
    expect(again?.source).toBe('re-simulated');
    expect(logs.some((l) => l.includes('WARNING'))).toBe(false);
    expect(readRecording(file)!.hashes).toEqual(rec.hashes);
    expect(again?.findings.length).toBe(first?.findings.length);
  }, 900_000);
});
