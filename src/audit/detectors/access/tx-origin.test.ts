import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

describe('audit/tx-origin', () => {
  it('flags authorization through tx.origin', async () => {
    const findings = await auditSource(`pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  function transferTo(address to, uint amount) public {
    require(tx.origin == owner);
    to.transfer(amount);
  }
}`);
    const hits = findings.filter((f) => f.detector === 'audit/tx-origin');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.subject).toMatchObject({ kind: 'source', startLine: 5 });
    expect(hits[0]!.tags).toContain('SWC-115');
  });

  it('does not flag tx.origin == msg.sender, which only rejects contracts', async () => {
    const findings = await auditSource(`pragma solidity ^0.8.0;
contract NoContracts {
  function play() external { require(tx.origin == msg.sender, "no contracts"); }
}`);
    expect(findings.filter((f) => f.detector === 'audit/tx-origin')).toHaveLength(0);
  });
});
