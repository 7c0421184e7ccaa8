import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unprotected-ether-withdrawal');

describe('audit/unprotected-ether-withdrawal', () => {
  it('flags an unguarded drain, a refund that never debits and an inverted bound', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract W {
  mapping(address => uint256) balances;
  function deposit() public payable { balances[msg.sender] += msg.value; }
  function drain() public { msg.sender.transfer(this.balance); }
  function refund() public { msg.sender.transfer(balances[msg.sender]); }
  function withdraw(uint256 amount) public {
    require(amount >= balances[msg.sender]);
    msg.sender.transfer(amount);
    balances[msg.sender] -= amount;
  }
}`);
    expect(h.map((f) => f.subject.kind === 'source' && f.subject.startLine).sort()).toEqual([5, 6, 8]);
  });

  it('accepts bounded withdrawals and owner-only migrations', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract W {
  address creator;
  mapping(address => uint256) balances;
  constructor() public { creator = msg.sender; }
  function withdraw(uint256 amount) public {
    require(amount <= balances[msg.sender]);
    msg.sender.transfer(amount);
    balances[msg.sender] -= amount;
  }
  function refund() public { msg.sender.transfer(balances[msg.sender]); balances[msg.sender] = 0; }
  function migrateTo(address to) public { require(creator == msg.sender); to.transfer(this.balance); }
}`)).toHaveLength(0);
  });
});

describe('audit/unprotected-ether-withdrawal to a recipient anyone can set', () => {
  const run = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unprotected-ether-withdrawal').map((f) => (f.subject as { startLine: number }).startLine);
  it('flags a flush to an address with an unprotected setter', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  address payout;
  function setPayout(address p) public { payout = p; }
  function flush() public { payout.transfer(this.balance); }
}`),
    ).toEqual([5]);
  });
  it('does not flag it once the setter is restricted', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  address owner = msg.sender;
  address payout;
  function setPayout(address p) public { require(msg.sender == owner); payout = p; }
  function flush() public { payout.transfer(this.balance); }
}`),
    ).toEqual([]);
  });
  it('a time gate alone does not guard; a time gate with an owner check does', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract Lock {
  address owner = msg.sender;
  uint256 releaseAt = now + 30 days;
  function release() public { require(now >= releaseAt); msg.sender.transfer(this.balance); }
  function ownerRelease() public { require(now >= releaseAt); require(msg.sender == owner); msg.sender.transfer(this.balance); }
}`);
    expect(h.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0))).toEqual([5]);
  });
});
