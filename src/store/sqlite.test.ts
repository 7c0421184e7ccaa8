import { afterAll, describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { storeBackends } from '../../test/store-backends.js';

const h = (n: number, fork = 'a') => `0x${fork.repeat(2)}${n.toString(16).padStart(62, '0')}` as Hex;
const block = (n: number, fork = 'a') => ({ number: BigInt(n), hash: h(n, fork), parentHash: h(n - 1, fork) });

describe.each(storeBackends())('$name store: checkpoints', (b) => {
  afterAll(() => b.cleanup());
  const file = () => b.location();

  it.skipIf(!b.available)('commits items, hash and checkpoint together and keeps them across a reopen ', async () => {
    const f = await file();
    const s = await b.open(f);
    expect(await s.getCheckpoint('s')).toBeNull();
    await s.commitBlock('s', block(1), [{ kind: 'tx', key: 'x', data: { value: 10n } }], 128);
    await s.commitBlock('s', block(2), [{ kind: 'tx', key: 'y', data: 1 }], 128);
    await s.close();
    const again = await b.open(f);
    expect(await again.getCheckpoint('s')).toEqual({ number: 2n, hash: h(2) });
    expect(await again.getCheckpoint('other')).toBeNull();
    expect((await again.items('s')).map((i) => [i.blockNumber, i.key, i.data])).toEqual([
      [1n, 'x', { value: '10' }],
      [2n, 'y', 1],
    ]);
    await again.close();
  });

  it.skipIf(!b.available)('stores nothing of a block whose commit fails, and the same item only once', async () => {
    const s = await b.open(await file());
    await s.commitBlock('s', block(1), [], 128);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(s.commitBlock('s', block(2), [{ kind: 'tx', key: 'ok', data: 1 }, { kind: 'tx', key: 'bad', data: circular }], 128)).rejects.toThrow();
    expect(await s.getCheckpoint('s')).toEqual({ number: 1n, hash: h(1) });
    expect(await s.items('s')).toEqual([]);
    expect((await s.recentBlocks('s', 10)).map((b) => b.number)).toEqual([1n]);
    await s.commitBlock('s', block(2), [{ kind: 'tx', key: 'ok', data: 1 }], 128);
    await s.commitBlock('s', block(2), [{ kind: 'tx', key: 'ok', data: 1 }], 128);
    expect(await s.items('s')).toHaveLength(1);
    await s.close();
  });

  it.skipIf(!b.available)('keeps only the recent hashes and rewinds blocks and their items to an ancestor', async () => {
    const s = await b.open(await file());
    for (let n = 1; n <= 10; n++) await s.commitBlock('s', block(n), [{ kind: 'k', key: String(n), data: n }], 4);
    expect((await s.recentBlocks('s', 100)).map((b) => Number(b.number))).toEqual([10, 9, 8, 7]);
    await s.rewind('s', { number: 8n, hash: h(8) });
    expect(await s.getCheckpoint('s')).toEqual({ number: 8n, hash: h(8) });
    expect((await s.recentBlocks('s', 100)).map((b) => Number(b.number))).toEqual([8, 7]);
    expect((await s.items('s')).map((i) => i.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await s.commitBlock('s', block(9, 'b'), [{ kind: 'k', key: '9', data: 'new' }], 4);
    expect((await s.items('s', { fromBlock: 8n })).map((i) => [i.blockHash, i.data])).toEqual([
      [h(8), 8],
      [h(9, 'b'), 'new'],
    ]);
    await s.rewind('s', null);
    expect(await s.getCheckpoint('s')).toBeNull();
    expect(await s.items('s')).toEqual([]);
    await s.close();
  });
});
