import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { AttackScoreboard, describeVerdict } from './scoreboard.js';
import type { GroundTruth, Stage } from './truth.js';

const ATTACKER = '0x00000000000000000000000000000000000a77ac' as const;
const tx = (n: number, stage: Stage, block: number) => ({ hash: `0x${n.toString(16).padStart(64, '0')}` as const, stage, actor: 'attacker' as const, from: ATTACKER, to: null, method: 'x', block, status: 'success' as const });

function attack(id: string, from: number, to: number, attacker = ATTACKER): GroundTruth {
  return { attackId: id, kind: 'reentrancy', description: id, addresses: { attacker: attacker as `0x${string}` }, txs: [tx(from, 'preparation', from), tx(to, 'exploitation', to)], blockRange: [from, to], facts: {} };
}

function finding(detector: string, block: number, address: string = ATTACKER, severity: Finding['severity'] = 'high', evidence: Record<string, unknown> = {}): Finding {
  return { detector, title: detector, severity, confidence: 0.8, tags: [], subject: { kind: 'address', chainId: 1, address }, explanation: 'x', evidence: { blockNumber: block, ...evidence } };
}

describe('AttackScoreboard', () => {
  it('judges an attack once the monitor is past its last block: caught, how early, by what, which incident', () => {
    const board = new AttackScoreboard();
    expect(board.addBlock(100, [finding('monitor/attack-contract-deploy', 100, ATTACKER, 'medium')])).toEqual([]);
    // The simulator reports the attack when its last transaction is mined; the monitor is not there yet.
    expect(board.addAttack(attack('reentrancy-1', 98, 104))).toEqual([]);
    expect(board.summary()).toMatchObject({ attacks: 0, pending: 1 });
    expect(board.addBlock(103, [])).toEqual([]);
    const [v] = board.addBlock(104, [finding('monitor/exploit-contract', 104, ATTACKER, 'critical'), finding('monitor/incident', 104, ATTACKER, 'critical', { incidentId: 'incident-00000000000000aa' })]);
    expect(v).toMatchObject({ attackId: 'reentrancy-1', caught: true, alerts: 2, detectors: ['monitor/attack-contract-deploy', 'monitor/exploit-contract'], firstAlertBlock: 100, exploitationBlock: 104, leadBlocks: 4, timing: '4 blocks before the exploit', incidentId: 'incident-00000000000000aa', severity: 'critical' });
    expect(describeVerdict(v!)).toBe('caught reentrancy-1 (blocks 98–104): 2 alerts from attack-contract-deploy, exploit-contract, first 4 blocks before the exploit; critical incident incident-00000000000000aa');
    expect(board.summary()).toEqual({ attacks: 1, caught: 1, early: 1, pending: 0 });
  });

  it('an attack nobody alerted on is a miss; alerts on other addresses or outside its blocks do not count', () => {
    const board = new AttackScoreboard();
    board.addBlock(210, [finding('monitor/large-transfer', 210, '0x000000000000000000000000000000000000cafe'), finding('monitor/exploit-contract', 300)]);
    const [v] = board.addAttack(attack('reentrancy-2', 200, 220));
    expect(v).toBeUndefined();
    const [judged] = board.addBlock(220, []);
    expect(judged).toMatchObject({ caught: false, alerts: 0, firstAlertBlock: null, leadBlocks: null, timing: '', severity: null });
    expect(describeVerdict(judged!)).toBe('missed reentrancy-2 (blocks 200–220): no alert named its addresses or transactions');
    expect(board.summary()).toEqual({ attacks: 1, caught: 0, early: 0, pending: 0 });
    expect(board.verdicts().map((x) => x.attackId)).toEqual(['reentrancy-2']);
  });
});
