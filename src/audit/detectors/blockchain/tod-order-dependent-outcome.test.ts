import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/tod-order-dependent-outcome');
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

describe('audit/tod-order-dependent-outcome', () => {
  it('flags a purchase credited at a price the owner can change while it is pending', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Sale {
  address admin = msg.sender;
  uint256 price = 1 finney;
  mapping(address => uint256) bought;
  function setPrice(uint256 p) public { require(msg.sender == admin); price = p; }
  function buy() public payable {
    uint256 amount = msg.value / price;
    bought[msg.sender] += amount;
  }
}`);
    expect(found.map(lineOf)).toEqual([9]);
  });

  it('flags a payment to a winner any caller can overwrite', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Puzzle {
  address winner;
  bytes32 solutionHash;
  function play(bytes guess) public { if (keccak256(guess) == solutionHash) winner = msg.sender; }
  function getReward() public payable { winner.transfer(msg.value); }
}`);
    expect(found.map(lineOf)).toEqual([6]);
  });

  it('does not flag a fixed price, nor a buyer who states the minimum they accept', async () => {
    expect(
      await hits(`pragma solidity ^0.4.24;
contract Sale {
  uint256 constant PRICE = 1 finney;
  mapping(address => uint256) bought;
  function buy() public payable {
    bought[msg.sender] += msg.value / PRICE;
  }
}`),
    ).toEqual([]);
  });
});
