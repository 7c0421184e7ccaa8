import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
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

describe('MonitorEngine.escalations', () => {
  const attacker = '0x00000000000000000000000000000000000000aa';
  const finding = (block: number, stage: string, detector: string): Finding => ({
    detector,
    title: detector,
    severity: 'medium',
    confidence: 0.8,
    tags: [`stage:${stage}`, 'kind:reentrancy'],
    subject: { kind: 'address', chainId: 1, address: attacker },
    explanation: 'test',
    evidence: { blockNumber: block },
    recommendation: 'test',
  });

  it('raises an incident when a second finding joins it or a new stage appears, not for more of the same', () => {
    const engine = new MonitorEngine({ chainId: 1, detectors: [] });
    const step = (f: Finding) => {
      engine.findings.push(f);
      return engine.escalations([f]);
    };
    expect(step(finding(10, 'preparation', 'monitor/a'))).toEqual([]);
    const joined = step(finding(12, 'preparation', 'monitor/b'));
    expect(joined).toHaveLength(1);
    expect(joined[0]?.tags).toEqual(['incident', 'stage:preparation', 'kind:reentrancy']);
    expect(step(finding(13, 'preparation', 'monitor/c'))).toEqual([]);
    const exploited = step(finding(14, 'exploitation', 'monitor/d'));
    expect(exploited[0]?.tags).toContain('stage:exploitation');
    expect(exploited[0]?.severity).toBe('critical');
    expect(exploited[0]?.evidence.blockNumber).toBe(14);
  });
});
