import { describe, expect, it } from 'vitest';
import { summariseTrace, type StructLog } from './trace.js';

const A = '0x' + 'a'.repeat(40);
const B = '0x' + 'b'.repeat(40);
const hex = (x: bigint) => '0x' + x.toString(16);

describe('summariseTrace', () => {
  it('finds a re-entry and the ether each successful call moved', () => {
    // A calls B with 5 wei; B calls back into A with 0; A returns, B returns.
    const logs: StructLog[] = [
      { op: 'PUSH1', depth: 1, stack: [] },
      { op: 'CALL', depth: 1, stack: [hex(0n), hex(0n), hex(0n), hex(0n), hex(5n), B, hex(100000n)] },
      { op: 'PUSH1', depth: 2, stack: [] },
      { op: 'CALL', depth: 2, stack: [hex(0n), hex(0n), hex(0n), hex(0n), hex(0n), A, hex(100000n)] },
      { op: 'STOP', depth: 3, stack: [] },
      { op: 'POP', depth: 2, stack: ['0x1'] },
      { op: 'STOP', depth: 2, stack: [] },
      { op: 'POP', depth: 1, stack: ['0x1'] },
    ];
    const s = summariseTrace(logs, A);
    expect(s.reentered).toEqual([A]);
    expect(s.ethTransfers).toEqual([{ from: A, to: B, value: 5n }]);
  });
  it('moves no ether for a call that failed', () => {
    const logs: StructLog[] = [
      { op: 'CALL', depth: 1, stack: [hex(0n), hex(0n), hex(0n), hex(0n), hex(7n), B, hex(100000n)] },
      { op: 'REVERT', depth: 2, stack: [] },
      { op: 'POP', depth: 1, stack: ['0x0'] },
    ];
    expect(summariseTrace(logs, A).ethTransfers).toEqual([]);
  });
});
