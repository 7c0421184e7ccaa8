import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../core/finding.js';
import { combineFindings, incidentFinding, incidentKinds, incidentSeverity } from './combiner.js';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const TX = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const ATTACKER = A(0xa11ce);
const VICTIM = A(0xb0b);
const CONTRACT = A(0xc0de);
const OTHER = A(0xe1e);
const TOKEN = A(0x70c);

function finding(o: { detector: string; block: number; stage: string; kind?: string; address?: string; tx?: number; evidence?: Record<string, unknown>; severity?: Severity }): Finding {
  const hash = TX(o.tx ?? o.block * 1000 + o.detector.length);
  return {
    detector: `monitor/${o.detector}`,
    title: o.detector,
    severity: o.severity ?? 'medium',
    confidence: 0.7,
    tags: [`stage:${o.stage}`, `kind:${o.kind ?? 'reentrancy'}`],
    subject: o.address ? { kind: 'address', chainId: 1, address: o.address } : { kind: 'transaction', chainId: 1, hash, blockNumber: o.block },
    explanation: `${o.detector} at ${o.block}`,
    evidence: { blockNumber: o.block, transaction: hash, ...o.evidence },
  };
}

const deploy = finding({ detector: 'attack-contract-deploy', block: 10, stage: 'preparation', address: ATTACKER, evidence: { deployer: ATTACKER, contract: CONTRACT, target: VICTIM }, severity: 'medium' });
const exploit = finding({ detector: 'exploit-contract', block: 14, stage: 'exploitation', evidence: { attacker: ATTACKER, attackContract: CONTRACT, victim: VICTIM }, severity: 'high' });
const launder = finding({ detector: 'sanctioned-counterparty', block: 20, stage: 'laundering', address: ATTACKER, evidence: { listed: A(0xd90e), token: TOKEN }, severity: 'high' });
const unrelated = finding({ detector: 'liquidity-pull', block: 12, stage: 'exploitation', kind: 'soft-rug-pull', evidence: { remover: OTHER, pool: A(0x9001), token: TOKEN }, severity: 'high' });

describe('incident combiner', () => {
  it('merges findings that share an address into one incident, severity rising with the stages', () => {
    const prep = combineFindings([deploy]);
    expect(prep).toHaveLength(1);
    expect(prep[0]).toMatchObject({ stages: ['preparation'], severity: 'medium', firstBlock: 10, lastBlock: 10 });

    const two = combineFindings([deploy, exploit]);
    expect(two).toHaveLength(1);
    expect(two[0]).toMatchObject({ stages: ['preparation', 'exploitation'], severity: 'critical', firstBlock: 10, lastBlock: 14, kinds: ['reentrancy'] });
    expect(two[0]?.actors.slice(0, 3).sort()).toEqual([ATTACKER, CONTRACT, VICTIM].sort());
    expect(two[0]?.id).toBe(prep[0]?.id);

    const three = combineFindings([deploy, exploit, launder]);
    expect(three).toHaveLength(1);
    expect(three[0]?.stages).toEqual(['preparation', 'exploitation', 'laundering']);
    expect(three[0]?.severity).toBe('critical');
    expect(three[0]?.actors[0]).toBe(ATTACKER);
  });

  it('does not merge unrelated actors, nor through a shared token, pool or sanctioned address', () => {
    const otherLaunder = finding({ detector: 'sanctioned-counterparty', block: 21, stage: 'laundering', address: A(0x5555), evidence: { listed: A(0xd90e), token: TOKEN } });
    const out = combineFindings([deploy, exploit, unrelated, launder, otherLaunder]);
    expect(out).toHaveLength(3);
    expect(out.map((i) => i.findings.length).sort()).toEqual([1, 1, 3]);
    const rug = out.find((i) => i.findings.includes(unrelated));
    expect(rug).toMatchObject({ stages: ['exploitation'], severity: 'high', actors: [OTHER] });
  });

  it('joins anonymous payments to one sanctioned address within that detector only', () => {
    const pay = (block: number) => finding({ detector: 'sanctioned-counterparty', block, stage: 'laundering', kind: 'sanctions', evidence: { listed: A(0xd90e), direction: 'to' } });
    const other = finding({ detector: 'large-transfer', block: 41, stage: 'exploitation', evidence: { listed: A(0xd90e), from: A(0x42) } });
    const out = combineFindings([pay(40), pay(42), launder, other, deploy, exploit]);
    expect(out.map((i) => i.findings.length).sort()).toEqual([1, 2, 3]);
    expect(out.find((i) => i.kinds.includes('sanctions'))?.actors[0]).toBe(A(0xd90e));
  });

  it('does not merge beyond the block window', () => {
    const late = finding({ detector: 'exploit-contract', block: 200, stage: 'exploitation', evidence: { attacker: ATTACKER, attackContract: CONTRACT, victim: VICTIM } });
    expect(combineFindings([deploy, late])).toHaveLength(2);
    expect(combineFindings([deploy, late], { window: 190 })).toHaveLength(1);
    // Chained: each step within the window joins the whole chain.
    const mid = finding({ detector: 'large-transfer', block: 100, stage: 'laundering', evidence: { from: ATTACKER, to: A(0x1234) } });
    expect(combineFindings([deploy, mid, late], { window: 100 })).toHaveLength(1);
  });

  it('joins findings on the same transaction and ignores listed addresses', () => {
    const a = finding({ detector: 'flash-price-manipulation', block: 30, stage: 'exploitation', tx: 7, evidence: { caller: A(0x77) } });
    const b = finding({ detector: 'large-transfer', block: 30, stage: 'laundering', tx: 7, evidence: { from: A(0x88), to: A(0x99) } });
    expect(combineFindings([a, b])).toHaveLength(1);
    // With every shared address ignored (any case), two transactions stay two incidents.
    expect(combineFindings([deploy, exploit], { ignore: [ATTACKER.toUpperCase().replace('0X', '0x'), CONTRACT, VICTIM] })).toHaveLength(2);
  });

  it('does not depend on the order of the findings', () => {
    const all = [deploy, exploit, unrelated, launder];
    const base = JSON.stringify(combineFindings(all));
    const perms = [[launder, unrelated, exploit, deploy], [exploit, deploy, launder, unrelated], [unrelated, launder, deploy, exploit]];
    for (const p of perms) expect(JSON.stringify(combineFindings(p))).toBe(base);
  });

  it('escalates by stages and never falls below the worst finding', () => {
    expect(incidentSeverity(new Set(['funding']), [])).toBe('low');
    expect(incidentSeverity(new Set(['preparation']), [])).toBe('medium');
    expect(incidentSeverity(new Set(['exploitation']), [])).toBe('high');
    expect(incidentSeverity(new Set(['funding', 'preparation']), [])).toBe('high');
    expect(incidentSeverity(new Set(['exploitation', 'laundering']), [])).toBe('critical');
    expect(incidentSeverity(new Set(['preparation']), [{ ...deploy, severity: 'critical' }])).toBe('critical');
  });

  it('reports an incident as a monitor/incident finding about its main actor', () => {
    const [inc] = combineFindings([deploy, exploit, launder]);
    const f = incidentFinding(inc!, 1);
    expect(f).toMatchObject({ detector: 'monitor/incident', severity: 'critical', subject: { kind: 'address', chainId: 1, address: ATTACKER } });
    expect(f.tags).toEqual(['incident', 'stage:preparation', 'stage:exploitation', 'stage:laundering', 'kind:reentrancy']);
    expect(f.evidence).toMatchObject({ incidentId: inc!.id, blockNumber: 20, firstBlock: 10, lastBlock: 20 });
  });
});

describe('incidentKinds', () => {
  it('names the attack by its exploitation, leaves the baseline out beside a real kind, and falls back to all kinds', () => {
    const flash = finding({ detector: 'flash-price-manipulation', block: 11, stage: 'exploitation', kind: 'price-manipulation', address: ATTACKER });
    const odd = finding({ detector: 'baseline-anomaly', block: 11, stage: 'exploitation', kind: 'anomaly', address: ATTACKER });
    expect(incidentKinds([deploy, flash, odd])).toEqual(['price-manipulation']);
    expect(incidentKinds([deploy, odd])).toEqual(['reentrancy']);
    expect(incidentKinds([odd])).toEqual(['anomaly']);
    expect(incidentKinds([deploy, exploit, launder])).toEqual(['reentrancy']);
  });
});
