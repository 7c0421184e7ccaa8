import { describe, expect, it } from 'vitest';
import { MonitorEngine } from './engine.js';
import { quietly, stamp, TrackedMap, TrackedSet } from './tracked.js';
import { syntheticBlock } from '../../test/fixtures/synthetic-block.js';

describe('TrackedMap and TrackedSet', () => {
  it('record set, delete, and reads of mutable values; a confirmed stamp forgets only what came before it', () => {
    const m = new TrackedMap<string, Set<string> | number>([['a', 1]]);
    expect(m.pending()).toEqual([]); // the entries it was made with are not changes
    m.set('b', 2);
    m.get('a'); // a number: a read cannot change it
    expect(m.pending()).toEqual(['b']);
    const objects = new TrackedMap<string, Set<string>>([['x', new Set()]]);
    objects.get('x')!.add('y'); // the inner set changed through a read
    expect(objects.pending()).toEqual(['x']);
    const at = stamp();
    objects.delete('x');
    objects.confirm(at); // the save taken at `at` is stored; the deletion after it is still pending
    expect(objects.pending()).toEqual(['x']);
    for (const [, v] of objects) void v; // an iteration over mutable values marks them all
    quietly(() => [...objects]); // a snapshot's reads do not
    objects.confirm(stamp());
    expect(objects.pending()).toEqual([]);
    const s = new TrackedSet<string>(['p']);
    s.add('p');
    s.add('q');
    s.delete('p');
    expect(s.pending().sort()).toEqual(['p', 'q']);
  });

  it("an engine's save writes the detector entries that changed; a failed save's entries come again", async () => {
    const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
    const [token, deployer] = [A(0x70c), A(0xd0)];
    const transfer = (from: string, to: string, value: bigint) => ({ standard: 'erc20', event: 'Transfer', address: token, args: { from, to, value } });
    const engine = new MonitorEngine({ chainId: 1 });
    engine.snapshotParts().saved?.();
    await engine.processBlock(syntheticBlock(1, [{ from: deployer, to: null, created: token, events: [transfer(A(0), deployer, 10n ** 24n)] }]));
    await engine.processBlock(syntheticBlock(2, [{ from: deployer, to: token, events: [transfer(deployer, A(0x101), 10n ** 19n)] }]));
    const entries = (p: { parts: Map<string, string | null> }) => [...p.parts.keys()].filter((k) => k.startsWith('e:'));
    const failed = engine.snapshotParts(); // its save fails: never confirmed
    expect(entries(failed).length).toBeGreaterThan(0);
    await engine.processBlock(syntheticBlock(3, [{ from: deployer, to: token, events: [transfer(deployer, A(0x102), 10n ** 19n)] }]));
    const next = engine.snapshotParts();
    expect(entries(next)).toEqual(expect.arrayContaining(entries(failed)));
    next.saved?.();
    expect(entries(engine.snapshotParts())).toEqual([]);
  });
});
