import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helpers.js';

// A reentrancy through an internal helper: the rules report it, and the learned model agrees.
const VAULT = `pragma solidity ^0.4.24;
contract Vault {
  mapping(address => uint256) public owed;
  function deposit() public payable { owed[msg.sender] += msg.value; }
  function pay(address to, uint256 v) internal { require(to.call.value(v)()); }
  function cashOut() public {
    uint256 v = owed[msg.sender];
    pay(msg.sender, v);
    owed[msg.sender] = 0;
  }
}
`;

describe('argus audit with the learned model', () => {
  it('raises the confidence of a rule the model agrees with; --no-model gives the rules alone', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.sol'), VAULT);
    const on = JSON.parse(runCli(['audit', 'vault.sol', '--json', '--fail-on', 'none'], { cwd: dir }).stdout) as { files: Array<{ findings: Array<{ detector: string; confidence: number; evidence: Record<string, unknown> }> }> };
    const off = JSON.parse(runCli(['audit', 'vault.sol', '--json', '--fail-on', 'none', '--no-model'], { cwd: dir }).stdout) as typeof on;
    const ruleOn = on.files[0]!.findings.find((f) => f.detector === 'audit/reentrancy-eth')!;
    const ruleOff = off.files[0]!.findings.find((f) => f.detector === 'audit/reentrancy-eth')!;
    expect(ruleOn.evidence.learnedAgrees).toBeDefined();
    expect(ruleOn.confidence).toBeGreaterThan(ruleOff.confidence);
    expect(ruleOff.evidence.learnedAgrees).toBeUndefined();
    expect(off.files[0]!.findings.some((f) => f.detector.startsWith('audit/learned-'))).toBe(false);
  });
});
