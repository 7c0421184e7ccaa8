import { describe, expect, it } from 'vitest';
import type { ChainAccess } from './detectors/detector.js';
import { emptyChainReads, recordingChain, replayChain } from './recorded-chain.js';

// A counting stand-in for a node: the test is about what is recorded and replayed, not about RPC.
function countingChain(): ChainAccess & { asked: number } {
  const c = {
    asked: 0,
    getBalance: async (_a: string, block: bigint) => {
      c.asked++;
      return 1000n + block;
    },
    call: async () => {
      c.asked++;
      return { reverted: true as const, reason: 'nope' };
    },
    trace: async () => {
      c.asked++;
      return undefined;
    },
  };
  return c;
}

describe('recorded chain reads', () => {
  it('replays what was recorded without asking the node again, keys case-insensitive on addresses', async () => {
    const node = countingChain();
    const reads = emptyChainReads();
    const rec = recordingChain(node, reads);
    expect(await rec.getBalance('0xAbC', 7n)).toBe(1007n);
    expect(await rec.call({ from: '0x1', to: '0xDead', data: '0x12', blockNumber: 7n })).toEqual({ reverted: true, reason: 'nope' });
    expect(await rec.trace?.('0xh', null, null)).toBeUndefined();
    expect(node.asked).toBe(3);
    const replay = replayChain(reads, (what) => {
      throw new Error(`missing ${what}`);
    });
    expect(await replay.getBalance('0xabc', 7n)).toBe(1007n);
    expect(await replay.call({ from: '0x1', to: '0xdead', data: '0x12', blockNumber: 7n })).toEqual({ reverted: true, reason: 'nope' });
    expect(await replay.trace?.('0xh', null, null)).toBeUndefined(); // "no trace" is an answer too
    expect(node.asked).toBe(3);
  });

  it('a read the recording lacks goes to the fallback: an error for an exact replay, the node otherwise', async () => {
    const reads = emptyChainReads();
    const exact = replayChain(reads, (what) => {
      throw new Error(`stale recording: ${what}`);
    });
    await expect(exact.getBalance('0xabc', 8n)).rejects.toThrow('stale recording: balance of 0xabc at 8');
    await expect(exact.trace?.('0xh2', null, null)).rejects.toThrow('trace of 0xh2');
    const node = countingChain();
    const live = replayChain(reads, node);
    expect(await live.getBalance('0xabc', 8n)).toBe(1008n);
    expect(node.asked).toBe(1);
  });
});
