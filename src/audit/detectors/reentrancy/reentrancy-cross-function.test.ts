import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/reentrancy-cross-function');
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

const vulnerable = `pragma solidity ^0.8.0;
contract Points {
  mapping(address => uint) public rewards;
  mapping(address => uint) public points;
  function claim() external {
    uint amount = rewards[msg.sender];
    rewards[msg.sender] = 0;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    points[msg.sender] = 0;
  }
  function redeem() external {
    require(points[msg.sender] > 0);
    rewards[msg.sender] += points[msg.sender];
    points[msg.sender] = 0;
  }
}`;

describe('audit/reentrancy-cross-function', () => {
  it('flags state that another function reads and updates, written after the call', async () => {
    const found = await hits(vulnerable);
    expect(found.map(lineOf)).toEqual([8]);
    expect(found[0]!.explanation).toContain('redeem');
  });

  it('does not flag when the shared state is updated before the call', async () => {
    expect(await hits(vulnerable.replace('    (bool ok, ) = msg.sender.call{value: amount}("");\n    require(ok);\n    points[msg.sender] = 0;', '    points[msg.sender] = 0;\n    (bool ok, ) = msg.sender.call{value: amount}("");\n    require(ok);'))).toHaveLength(0);
  });

  it('does not flag a statistics counter that other functions only increment', async () => {
    expect(
      await hits(`pragma solidity ^0.4.24;
contract Game {
  uint public totalDonated;
  function donate(address whale, uint amount) internal {
    whale.call.value(amount)();
    totalDonated += amount;
  }
  function play(address referrer) public payable { totalDonated += 1; donate(referrer, msg.value / 10); }
}`),
    ).toHaveLength(0);
  });
});
