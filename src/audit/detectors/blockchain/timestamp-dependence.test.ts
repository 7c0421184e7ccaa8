import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/timestamp-dependence').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/timestamp-dependence', () => {
  it('flags an exact-time test and the stored timestamp it compares against', async () => {
    expect(await hits(`pragma solidity ^0.4.25;
contract Roulette {
  uint public pastBlockTime;
  function () public payable {
    require(msg.value == 10 ether);
    require(now != pastBlockTime);
    pastBlockTime = now;
    if (now % 15 == 0) msg.sender.transfer(address(this).balance);
  }
}`)).toEqual([6, 7, 8]);
  });

  it('flags a lottery drawn from the timestamp alone', async () => {
    expect(await hits(`pragma solidity ^0.4.15;
contract Lotto {
  function play() payable {
    var random = uint(sha3(block.timestamp)) % 2;
    if (random == 0) msg.sender.transfer(this.balance);
  }
}`)).toEqual([4]);
  });

  it('flags a one-minute payout window and the recorded timestamp', async () => {
    const lines = await hits(`pragma solidity ^0.4.0;
contract Gov {
  address lastInvestor; uint lastInvestmentTimestamp; uint ONE_MINUTE = 1 minutes;
  function invest() payable { lastInvestor = msg.sender; lastInvestmentTimestamp = block.timestamp; }
  function reset() { if (block.timestamp < lastInvestmentTimestamp + ONE_MINUTE) throw; lastInvestor.send(this.balance); }
}`);
    expect(lines).toEqual(expect.arrayContaining([4, 5]));
  });

  it('does not flag a long deadline or a lock period', async () => {
    expect(await hits(`pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint) public unlock; mapping(address => uint) public bal;
  uint public end = block.timestamp + 30 days;
  function deposit() external payable { bal[msg.sender] += msg.value; unlock[msg.sender] = block.timestamp + 1 weeks; }
  function withdraw() external {
    require(block.timestamp >= unlock[msg.sender] && block.timestamp < end);
    uint a = bal[msg.sender]; bal[msg.sender] = 0; payable(msg.sender).transfer(a);
  }
}`)).toEqual([]);
  });
});

describe('audit/timestamp-dependence through locals and helpers', () => {
  const run = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/timestamp-dependence').map((f) => (f.subject as { startLine: number }).startLine);
  it('flags a winner picked by a helper that returns now', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  address winner;
  function currentTime() internal view returns (uint256) { return now; }
  function draw() public {
    if (currentTime() % 7 == 0) winner = msg.sender;
  }
}`),
    ).toEqual([6]);
  });
  it('does not flag a stored creation time tested against zero, nor a boolean predicate', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  mapping(address => uint256) createdAt;
  uint256 end;
  function open() public view returns (bool) { return now < end; }
  function register() public {
    if (createdAt[msg.sender] == 0) createdAt[msg.sender] = now;
    if (open() == true) end = end + 1;
  }
}`),
    ).toEqual([]);
  });
});
