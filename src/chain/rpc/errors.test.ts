import { encodeErrorResult, parseAbi } from 'viem';
import { describe, expect, it } from 'vitest';
import { answerError, classifyRpcError, isRevertError, revertReason, RpcOutageError, RpcPrunedStateError, RpcRevertError } from './errors.js';

describe('isRevertError', () => {
  it('recognises a revert as geth (code 3) and Hardhat (-32603 VM Exception) report it, also when wrapped', () => {
    expect(isRevertError(Object.assign(new Error('execution reverted: paused'), { code: 3 }))).toBe(true);
    const hardhat = new Error("VM Exception while processing transaction: reverted with reason string 'GuardedLaunch'");
    expect(isRevertError(new Error('An internal error was received.', { cause: hardhat }))).toBe(true);
  });

  it('does not take an outage for a revert', () => {
    expect(isRevertError(new Error('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8545'), { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(isRevertError(Object.assign(new Error('Request timed out'), { code: -32603 }))).toBe(false);
    expect(isRevertError('reverted')).toBe(false);
  });
});

describe('classifyRpcError', () => {
  it('sorts a refused connection as an outage, naming the method and only the origin of the URL', () => {
    const e = classifyRpcError(new Error('fetch failed', { cause: new Error('connect ECONNREFUSED') }), 'eth_getBalance', 'https://node.example/v3/secret-key');
    expect(e).toBeInstanceOf(RpcOutageError);
    expect(e.message).toContain('eth_getBalance to https://node.example failed');
    expect(e.message).not.toContain('secret-key');
  });

  it('sorts a pruned node answer as pruned state, not an outage to retry', () => {
    const e = classifyRpcError(new Error('An internal error was received.', { cause: Object.assign(new Error('missing trie node 4a3b… (path )'), { code: -32000 }) }), 'eth_call');
    expect(e).toBeInstanceOf(RpcPrunedStateError);
    expect(e.message).toMatch(/archive node/);
    expect(answerError('eth_getBalance', { code: -32000, message: 'historical state 0xabc is not available' })).toBeInstanceOf(RpcPrunedStateError);
  });

  it("keeps a revert a revert whatever its reason says (a contract's 'position pruned')", () => {
    const e = answerError('eth_call', { code: 3, message: 'execution reverted: position pruned' });
    expect(e).toBeInstanceOf(RpcRevertError);
    expect((e as RpcRevertError).reason).toBe('position pruned');
  });

  it("gives a revert the contract's own reason where viem only says 'An internal error was received'", () => {
    const data = encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['TRANSFER_BLOCKED'] });
    const viemError = new Error('An internal error was received.', { cause: Object.assign(new Error('execution reverted'), { code: 3, data }) });
    const e = classifyRpcError(viemError, 'eth_call');
    expect(e).toBeInstanceOf(RpcRevertError);
    expect((e as RpcRevertError).reason).toBe('TRANSFER_BLOCKED');
    expect(revertReason(viemError)).toBe('TRANSFER_BLOCKED');
  });

  it('names panics and keeps the node wording when it names the reason', () => {
    const panic = encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x11n] });
    expect((answerError('eth_call', { code: 3, message: 'execution reverted', data: panic }) as RpcRevertError).reason).toBe('panic 0x11 (arithmetic overflow or underflow)');
    expect((answerError('eth_call', { code: -32603, message: "VM Exception while processing transaction: reverted with reason string 'no'", data: { data: panic } }) as RpcRevertError).reason).toBe('no');
  });
});
