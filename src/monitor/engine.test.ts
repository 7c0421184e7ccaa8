import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { defineMonitorDetector } from './detectors/detector.js';
import { MonitorEngine } from './engine.js';
import { syntheticBlock } from '../../test/fixtures/synthetic-block.js';

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
  it('joins only recent findings, yet gives the same incidents as joining the whole history', () => {
    // A chain of findings 40 blocks apart (each within the 50-block window of the next, the whole chain
    // far wider), beside unrelated attackers: the incident of the newest finding reaches back to block 0.
    const engine = new MonitorEngine({ chainId: 1, detectors: [] });
    const other = (i: number) => `0x${(0xb00 + i).toString(16).padStart(40, '0')}`;
    for (let i = 0; i < 30; i++) {
      engine.findings.push(finding(i * 40, i % 2 ? 'exploitation' : 'preparation', `monitor/d${i}`));
      engine.findings.push({ ...finding(i * 40 + 5, 'preparation', 'monitor/x'), subject: { kind: 'address', chainId: 1, address: other(i) } });
    }
    const fresh = [engine.findings[engine.findings.length - 2]!];
    const whole = engine.incidents().filter((i) => i.findings.some((f) => fresh.includes(f)));
    expect(whole).toHaveLength(1);
    expect(whole[0]?.firstBlock).toBe(0);
    expect(engine.incidentsOf(fresh)).toEqual(whole);
    // An unrelated finding's incident is itself alone, found without widening past its window.
    const lone = [engine.findings[engine.findings.length - 1]!];
    expect(engine.incidentsOf(lone).map((i) => i.findings.length)).toEqual([1]);
  });
});

describe('MonitorEngine bounded memory (retainFindings: window)', () => {
  const meta = { id: 'every-tx', title: 't', severity: 'medium' as const, confidence: 0.8, description: 'd', recommendation: 'r', kind: 'reentrancy' as const };
  // A finding for every transaction, about its sender, at the stage its value names.
  const loud = defineMonitorDetector(meta, () => null, (tx) => [
    {
      detector: 'monitor/every-tx',
      title: 't',
      severity: 'medium',
      confidence: 0.8,
      tags: [tx.value % 2n ? 'stage:exploitation' : 'stage:preparation', 'kind:reentrancy'],
      subject: { kind: 'address', chainId: 1, address: tx.from },
      explanation: 'e',
      evidence: { blockNumber: Number(tx.blockNumber) },
      recommendation: 'r',
    },
  ]);
  const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

  it('forgets findings of ended incidents yet escalates exactly as an engine that keeps them all', async () => {
    const keepAll = new MonitorEngine({ chainId: 1, detectors: [loud], reorgDepth: 10 });
    const bounded = new MonitorEngine({ chainId: 1, detectors: [loud], retainFindings: 'window', reorgDepth: 10 });
    let most = 0;
    for (let n = 1; n <= 1500; n++) {
      // One attacker active every 40 blocks for the whole run (one long incident), and a new one-off sender each 7 blocks.
      const txs = [];
      if (n % 40 === 0) txs.push({ from: addr(0xaa), to: addr(1), value: BigInt(n / 40) });
      if (n % 7 === 0) txs.push({ from: addr(0x1000 + n), to: addr(2), value: 0n });
      const blk = syntheticBlock(n, txs);
      const a = await keepAll.processBlock(blk);
      const b = await bounded.processBlock(blk);
      expect(bounded.escalations(b)).toEqual(keepAll.escalations(a));
      most = Math.max(most, bounded.findings.length);
    }
    expect(keepAll.findings.length).toBe(37 + 214);
    // The long incident's 37 findings stay; the one-offs older than window + reorg depth (60 blocks) go.
    expect(bounded.findings.filter((f) => f.subject.kind === 'address' && f.subject.address === addr(0xaa))).toHaveLength(37);
    expect(most).toBeLessThan(37 + 30);
  });
});
