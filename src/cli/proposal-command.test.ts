import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.js';
import { parseActions } from './proposal-command.js';

describe('parseActions', () => {
  it('reads targets, values as decimal strings and calldatas', () => {
    const a = parseActions({ targets: ['0x000000000000000000000000000000000000dead'], values: ['1000'], calldatas: ['0x12345678'], description: 'd' });
    expect(a).toEqual({ targets: ['0x000000000000000000000000000000000000dEaD'], values: [1000n], calldatas: ['0x12345678'], description: 'd' });
  });
  it('defaults values to zero and refuses bad input with a usage error', () => {
    expect(parseActions({ targets: ['0x000000000000000000000000000000000000dead'], calldatas: ['0x'] }).values).toEqual([0n]);
    expect(() => parseActions({ targets: ['nope'], calldatas: ['0x'] })).toThrow(UsageError);
    expect(() => parseActions({ targets: ['0x000000000000000000000000000000000000dead'], calldatas: ['0xzz'] })).toThrow(/not hex/);
    expect(() => parseActions({ targets: ['0x000000000000000000000000000000000000dead'], values: ['1', '2'], calldatas: ['0x'] })).toThrow(/differ in length/);
    expect(() => parseActions([])).toThrow(UsageError);
  });
});
