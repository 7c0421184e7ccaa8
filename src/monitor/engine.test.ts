import { describe, expect, it } from 'vitest';
import { defineMonitorDetector } from './detectors/detector.js';
import { MonitorEngine, isRevertError } from './engine.js';

describe('isRevertError', () => {
  it('recognises a revert as geth (code 3) and Hardhat (-32603 VM Exception) report it, also when wrapped', () => {
    expect(isRevertError(Object.assign(new Error('execution reverted: paused'), { code: 3 }))).toBe(true);
    const hardhat = new Error('VM Exception while processing transaction: reverted with reason string \'GuardedLaunch\'');
    expect(isRevertError(new Error('An internal error was received.', { cause: hardhat }))).toBe(true);
  });

  it('does not take an outage for a revert', () => {
    expect(isRevertError(new Error('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8545'), { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(isRevertError(Object.assign(new Error('Request timed out'), { code: -32603 }))).toBe(false);
    expect(isRevertError('reverted')).toBe(false);
  });
});

describe('MonitorEngine.restore', () => {
  it('gives a detector the fields it gained since the snapshot, empty', () => {
    const meta = { id: 'grows', title: 't', severity: 'low' as const, confidence: 0.5, description: 'd', recommendation: 'r', kind: 'wash-trading' as const };
    const before = defineMonitorDetector(meta, () => ({ seen: new Set<string>(['a']) }), () => []);
    const after = defineMonitorDetector(meta, () => ({ seen: new Set<string>(), added: new Map<string, number>() }), () => []);
    const snapshot = new MonitorEngine({ chainId: 1, detectors: [before] }).snapshot();
    const engine = new MonitorEngine({ chainId: 1, detectors: [after] });
    engine.restore(snapshot);
    // The restored state kept the saved set and gained the new, empty map.
    const restored = (engine as unknown as { detectors: Array<{ own: { seen: Set<string>; added: Map<string, number> } }> }).detectors[0]?.own;
    expect([...(restored?.seen ?? [])]).toEqual(['a']);
    expect(restored?.added).toBeInstanceOf(Map);
  });
});
