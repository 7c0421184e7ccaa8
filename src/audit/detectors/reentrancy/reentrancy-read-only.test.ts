import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/reentrancy-read-only');
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

describe('audit/reentrancy-read-only', () => {
  it('flags a payout before the supply a view prices with is reduced', async () => {
    const found = await hits(`pragma solidity ^0.8.0;
contract Pool {
  uint public totalShares;
  mapping(address => uint) internal shares;
  function deposit() external payable { shares[msg.sender] += msg.value; totalShares += msg.value; }
  function withdraw(uint amount) external {
    shares[msg.sender] -= amount;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    totalShares -= amount;
  }
  function pricePerShare() external view returns (uint) { return address(this).balance * 1e18 / totalShares; }
}`);
    expect(found.map(lineOf)).toEqual([8]);
  });

  it('does not flag when the state is updated before the call', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
contract Pool {
  uint public totalShares;
  mapping(address => uint) internal shares;
  function withdraw(uint amount) external {
    shares[msg.sender] -= amount;
    totalShares -= amount;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
  }
  function pricePerShare() external view returns (uint) { return address(this).balance * 1e18 / totalShares; }
}`),
    ).toHaveLength(0);
  });
});
