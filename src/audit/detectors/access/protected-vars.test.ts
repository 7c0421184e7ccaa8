import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/protected-vars');

describe('audit/protected-vars', () => {
  it('flags writes to a variable documented as owner-only (natspec tag or comment) by an unprotected function', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
contract P {
  address owner;
  /// @custom:security write-protection="onlyOwner()"
  uint256 fee;
  // only the owner can change the rate
  uint256 rate;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function setFee(uint256 f) external { fee = f; }
  function setRate(uint256 r) external { rate = r; }
}`);
    expect(fs.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([9, 10]);
  });

  it('does not flag protected writers or variables without such documentation', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
contract P {
  address owner;
  /// @custom:security write-protection="onlyOwner()"
  uint256 fee;
  // only the owner can change the rate
  uint256 rate;
  // the current round
  uint256 round;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function setFee(uint256 f) external onlyOwner { fee = f; }
  function setRate(uint256 r) external { require(msg.sender == owner); rate = r; }
  function next() external { round++; }
}`);
    expect(fs).toHaveLength(0);
  });
});
