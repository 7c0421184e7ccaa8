import { describe, expect, it } from 'vitest';
import { auditSource } from './audit-source.js';
import { isInformational } from './informational.js';

describe('isInformational', () => {
  it('separates code-quality findings from vulnerabilities on a real contract', async () => {
    const findings = await auditSource(`pragma solidity ^0.4.24;
contract C {
  uint256 unused;
  mapping(address => uint256) balances;
  function withdraw() public {
    uint256 a = balances[msg.sender];
    require(msg.sender.call.value(a)());
    balances[msg.sender] = 0;
  }
}`);
    const info = findings.filter(isInformational).map((f) => f.detector);
    const vuln = findings.filter((f) => !isInformational(f)).map((f) => f.detector);
    expect(vuln).toContain('audit/reentrancy-eth');
    expect(info).toContain('audit/unused-state-variable');
    expect(vuln.every((d) => !info.includes(d))).toBe(true);
  });
});
