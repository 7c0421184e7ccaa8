import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import type { Finding } from '../core/finding.js';
import { SqliteStore } from '../store/index.js';
import { MonitorEngine } from './engine.js';
import type { Incident } from './incidents/index.js';
import { ChainState, txViews } from './state.js';
import { MonitorStateStore, resumePlan } from './state-store.js';
import { syntheticBlock, type SyntheticTx } from '../../test/fixtures/synthetic-block.js';
import { storeBackends } from '../../test/store-backends.js';
import { StaleEngineStateError } from '../store/engine-fence.js';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const ZERO = A(0);
const DEPLOYER = A(0xd0);
const TOKEN = A(0x70c);
const POOL = A(0x9001);
const W = (i: number) => A(0x100 + i);
const E18 = 10n ** 18n;


const transfer = (from: string, to: string, value: bigint) => ({ standard: 'erc20', event: 'Transfer', address: TOKEN, args: { from, to, value } });

/** Deploy and mint, a pool, ETH to the token contract, a habit of small transfers, then a huge one. */
function chain(): StreamBlock[] {
  const blocks: StreamBlock[] = [syntheticBlock(1, [{ from: DEPLOYER, to: null, created: TOKEN, events: [transfer(ZERO, DEPLOYER, 1_000_000n * E18)] }])];
  for (let n = 2; n <= 8; n++) {
    const txs: SyntheticTx[] = [{ from: DEPLOYER, to: TOKEN, events: [transfer(DEPLOYER, W(n), BigInt(10 + n) * E18)] }];
    if (n === 3) txs.push({ from: W(2), to: POOL, events: [{ standard: 'uniswap-v2', event: 'Sync', address: POOL, args: { reserve0: 5n * E18, reserve1: 7n * E18 } }] });
    if (n === 4) txs.push({ from: W(3), to: TOKEN, value: 3n });
    blocks.push(syntheticBlock(n, txs));
  }
  blocks.push(syntheticBlock(9, [{ from: DEPLOYER, to: TOKEN, events: [transfer(DEPLOYER, W(50), 900_000n * E18)] }]));
  blocks.push(syntheticBlock(10, [{ from: W(50), to: TOKEN, events: [transfer(W(50), W(51), 1n * E18)] }]));
  return blocks;
}

describe('ChainState snapshot and restore', () => {
  it('round-trips every map, set and bigint', () => {
    const s = new ChainState();
    for (const b of chain()) for (const tx of txViews(b)) s.learn(tx);
    const r = ChainState.restore(s.snapshot());
    expect(r.snapshot()).toBe(s.snapshot());
    expect(r).toEqual(s);
    expect(r.balance(TOKEN, DEPLOYER)).toBe(s.balance(TOKEN, DEPLOYER));
    expect(r.reserves.get(POOL)).toEqual([5n * E18, 7n * E18]);
    expect(r.ethSenders.get(TOKEN)).toEqual(new Set([W(3)]));
    expect(() => ChainState.restore(JSON.stringify({ version: 99 }))).toThrow(/version/);
  });
});

describe('monitor engine restart from a snapshot', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-monitor-state-'));
    dirs.push(dir);
    return path.join(dir, 'store.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('resumes with the same state and findings as one uninterrupted run', async () => {
    const blocks = chain();
    const whole = new MonitorEngine({ chainId: 1 });
    await whole.processBlocks(blocks);
    expect(whole.findings.map((f) => f.detector)).toContain('monitor/large-transfer');

    for (const k of [1, 3, 5, 8]) {
      const first = new MonitorEngine({ chainId: 1 });
      await first.processBlocks(blocks.slice(0, k));
      const json = first.snapshot();
      const second = new MonitorEngine({ chainId: 1 });
      second.restore(json);
      expect(second.lastBlock).toBe(BigInt(k));
      await second.processBlocks(blocks.slice(k));
      expect(second.findings).toEqual(whole.findings);
      expect(second.state.snapshot()).toBe(whole.state.snapshot());
      expect(second.snapshot()).toBe(whole.snapshot());
    }
    // Without the detectors' state the restarted engine would miss the transfer outside the history.
    const bare = new MonitorEngine({ chainId: 1 });
    await bare.processBlocks(blocks.slice(0, 7));
    const fresh = new MonitorEngine({ chainId: 1 });
    fresh.state.load(bare.state.snapshot());
    await fresh.processBlocks(blocks.slice(7));
    expect(fresh.findings.filter((f) => f.detector === 'monitor/large-transfer')).toEqual([]);
  });

  it('saves every N blocks in the stream store file and restores after a reopen', async () => {
    const f = file();
    const store = new SqliteStore(f);
    const states = new MonitorStateStore(store, { everyBlocks: 3 });
    const blocks = chain();
    const engine = new MonitorEngine({ chainId: 1 });
    const saved: bigint[] = [];
    for (const b of blocks.slice(0, 7)) {
      await engine.processBlock(b);
      await store.commitBlock('s', { number: b.block.number, hash: b.block.hash as `0x${string}`, parentHash: b.block.parentHash as `0x${string}` }, [], 16);
      if (await states.maybeSave('s', engine, b.block.number, b.block.hash ?? undefined)) saved.push(b.block.number);
    }
    expect(saved).toEqual([1n, 4n, 7n]);
    await store.close();

    const reopenedStore = new SqliteStore(f);
    const reopened = new MonitorStateStore(reopenedStore);
    const restarted = new MonitorEngine({ chainId: 1 });
    expect(await reopened.restoreEngine('s', restarted)).toBe(7n);
    expect((await reopened.load('s'))?.blockHash).toBe(blocks[6]?.block.hash);
    expect(await reopened.restoreEngine('other', new MonitorEngine({ chainId: 1 }))).toBeNull();
    await reopenedStore.close();
    await restarted.processBlocks(blocks.slice(7));
    const whole = new MonitorEngine({ chainId: 1 });
    await whole.processBlocks(blocks);
    expect(restarted.snapshot()).toBe(whole.snapshot());
  });

  it('plans the resume from the checkpoint and the saved block', () => {
    expect(resumePlan(10n, null)).toEqual({ skipThrough: null, replayFrom: null });
    expect(resumePlan(10n, 10n)).toEqual({ skipThrough: 10n, replayFrom: null });
    expect(resumePlan(9n, 10n)).toEqual({ skipThrough: 10n, replayFrom: null });
    expect(resumePlan(12n, 10n)).toEqual({ skipThrough: null, replayFrom: 11n });
  });
});

describe('monitor engine incidents', () => {
  it('joins the findings into incidents and calls onIncident when one is created or grows', async () => {
    const seen: Array<[Incident, Finding]> = [];
    const engine = new MonitorEngine({ chainId: 1, onIncident: (i, f) => seen.push([i, f]) });
    const plain = new MonitorEngine({ chainId: 1 });
    await engine.processBlocks(chain());
    await plain.processBlocks(chain());
    expect(engine.findings).toEqual(plain.findings);
    const incidents = engine.incidents();
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.flatMap((i) => i.findings)).toHaveLength(engine.findings.length);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([, f]) => f.detector === 'monitor/incident')).toBe(true);
    expect(engine.incidentFindings().map((f) => f.evidence.incidentId)).toEqual(incidents.map((i) => i.id));
    expect(plain.incidents()).toEqual(incidents);
  });
});

describe.each(storeBackends())('incremental monitor state on the $name store', (b) => {
  afterAll(() => b.cleanup());

  it.skipIf(!b.available)('writes only what changed, and a restart from the parts continues as one uninterrupted run', async () => {
    const blocks = chain();
    const whole = new MonitorEngine({ chainId: 1 });
    await whole.processBlocks(blocks);
    const where = await b.location();
    for (const k of [1, 4, 9]) {
      const store = await b.open(where);
      const states = new MonitorStateStore(store, { incremental: true });
      const first = new MonitorEngine({ chainId: 1 });
      const written: number[] = [];
      for (const blk of blocks.slice(0, k)) {
        await first.processBlock(blk);
        const before = states.partsWritten;
        await states.maybeSave(`s${k}`, first, blk.block.number, blk.block.hash ?? undefined);
        written.push(states.partsWritten - before);
      }
      const all = first.snapshotParts(true).parts.size;
      // After the first save, a block writes the few entries it touched, not the whole history.
      if (k > 1) expect(Math.max(...written.slice(1))).toBeLessThan(all);
      await store.close();

      const again = await b.open(where);
      const restarted = new MonitorEngine({ chainId: 1 });
      expect(await new MonitorStateStore(again, { incremental: true }).restoreEngine(`s${k}`, restarted)).toBe(BigInt(k));
      await again.close();
      await restarted.processBlocks(blocks.slice(k));
      // Equal entry by entry (a restored map holds its entries in the store's order, not the learning order).
      expect(restarted.findings).toEqual(whole.findings);
      const [r, w] = [restarted.snapshotParts(true), whole.snapshotParts(true)];
      expect([r.head, r.parts]).toEqual([w.head, w.parts]);
    }
  });
});

describe.each(storeBackends())('fenced partition state on the $name store', (b) => {
  afterAll(() => b.cleanup());

  it.skipIf(!b.available)("rejects a stale owner's save, and never moves the state back to an older block", async () => {
    const blocks = chain();
    const store = await b.open(await b.location());
    try {
      // Worker A owns the partition and saves after block 4.
      const a = new MonitorStateStore(store, { incremental: true, fenced: true });
      const engineA = new MonitorEngine({ chainId: 1 });
      expect(await a.restoreEngine('p0', engineA)).toBeNull();
      await engineA.processBlocks(blocks.slice(0, 4));
      await a.saveParts('p0', engineA, 4n, blocks[3]!.block.hash ?? undefined);

      // A's lease lapses while it is busy; B takes over from the saved state and saves after block 6.
      const bState = new MonitorStateStore(store, { incremental: true, fenced: true });
      const engineB = new MonitorEngine({ chainId: 1 });
      expect(await bState.restoreEngine('p0', engineB)).toBe(4n);
      await engineB.processBlocks(blocks.slice(4, 6));
      await bState.saveParts('p0', engineB, 6n, blocks[5]!.block.hash ?? undefined);

      // A, still running, finishes block 5 and saves: rejected (its state builds on block 4, not on B's 6).
      await engineA.processBlock(blocks[4]!);
      await expect(a.saveParts('p0', engineA, 5n, blocks[4]!.block.hash ?? undefined)).rejects.toBeInstanceOf(StaleEngineStateError);
      expect((await store.loadEngineState('p0'))?.blockNumber).toBe(6n);
      // A second stale save (even of a later block) is rejected too, and B goes on.
      await engineA.processBlocks(blocks.slice(5, 8));
      await expect(a.saveParts('p0', engineA, 8n, blocks[7]!.block.hash ?? undefined)).rejects.toBeInstanceOf(StaleEngineStateError);
      await engineB.processBlocks(blocks.slice(6));
      await bState.saveParts('p0', engineB, 10n, blocks[9]!.block.hash ?? undefined);

      // Two first owners of a fresh partition: the second one's first save is rejected.
      const c1 = new MonitorStateStore(store, { incremental: true, fenced: true });
      const c2 = new MonitorStateStore(store, { incremental: true, fenced: true });
      const [e1, e2] = [new MonitorEngine({ chainId: 1 }), new MonitorEngine({ chainId: 1 })];
      await c1.restoreEngine('p1', e1);
      await c2.restoreEngine('p1', e2);
      await c1.saveParts('p1', e1, 1n);
      await expect(c2.saveParts('p1', e2, 1n)).rejects.toBeInstanceOf(StaleEngineStateError);

      // B's state equals one uninterrupted run: A's rejected saves left nothing behind.
      const whole = new MonitorEngine({ chainId: 1 });
      await whole.processBlocks(blocks);
      const restored = new MonitorEngine({ chainId: 1 });
      expect(await new MonitorStateStore(store, { incremental: true, fenced: true }).restoreEngine('p0', restored)).toBe(10n);
      const [r, w] = [restored.snapshotParts(true), whole.snapshotParts(true)];
      expect([r.head, r.parts]).toEqual([w.head, w.parts]);
      expect(restored.findings).toEqual(whole.findings);
    } finally {
      await store.close();
    }
  });
});
