import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/code-with-no-effects');

describe('audit/code-with-no-effects', () => {
  it('flags a comparison used as a statement', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract DepositBox {
  mapping(address => uint) balance;
  function deposit(uint amount) public payable {
    require(msg.value == amount);
    balance[msg.sender] == amount;
  }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 6 });
    expect(found[0]!.tags).toContain('SWC-135');
  });

  it('does not flag calls, assignments, for conditions, this; or parameter silencing', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract C {
  mapping(address => uint) balance;
  modifier m() { _; }
  function f(uint amount, uint unused) public m {
    unused;
    this;
    balance[msg.sender] = amount;
    for (uint i = 0; i < amount; i++) { balance[msg.sender]++; }
    delete balance[msg.sender];
  }
}`);
    expect(found).toHaveLength(0);
  });
});
