import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/tod-mutable-payout').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/tod-mutable-payout', () => {
  it('flags payouts of a reward the owner can replace', async () => {
    expect(await hits(`pragma solidity ^0.4.16;
contract Reward {
  address public owner; bool public claimed; uint public reward;
  function setReward() public payable {
    require(!claimed && msg.sender == owner);
    owner.transfer(reward);
    reward = msg.value;
  }
  function claimReward(uint256 submission) {
    require(!claimed && submission < 10);
    msg.sender.transfer(reward);
    claimed = true;
  }
}`)).toEqual([6, 11]);
  });
  it('does not flag an auction refunding the previous bid in the bidding function', async () => {
    expect(await hits(`pragma solidity ^0.4.15;
contract Auction {
  address currentFrontrunner; uint currentBid;
  function bid() payable {
    require(msg.value > currentBid);
    if (currentFrontrunner != 0) require(currentFrontrunner.send(currentBid));
    currentFrontrunner = msg.sender;
    currentBid = msg.value;
  }
}`)).toEqual([]);
  });
});
