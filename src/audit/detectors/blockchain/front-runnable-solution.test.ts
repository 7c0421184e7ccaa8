import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/front-runnable-solution').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/front-runnable-solution', () => {
  it('flags a reward for a hash preimage submitted in the clear', async () => {
    expect(await hits(`pragma solidity ^0.4.22;
contract FindThisHash {
  bytes32 constant public hash = 0xb5b5b97fafd9855eec9b41f74dfb6c38f5951141f9a3ecd7f44d5479b630ee0a;
  function solve(string solution) public {
    require(hash == sha3(solution));
    msg.sender.transfer(1000 ether);
  }
}`)).toEqual([5]);
  });
  it('does not flag a solution bound to its sender', async () => {
    expect(await hits(`pragma solidity ^0.4.22;
contract Bound {
  bytes32 public hash;
  function solve(string solution) public {
    require(hash == keccak256(solution, msg.sender));
    msg.sender.transfer(1 ether);
  }
}`)).toEqual([]);
  });
  it('flags an answer checked by a modifier, and a computed predicate of the answer', async () => {
    expect(await hits(`pragma solidity ^0.5.0;
contract Quiz {
  bytes32 secretHash;
  modifier knows(string memory s) { require(keccak256(bytes(s)) == secretHash); _; }
  function unlock(string memory s) public knows(s) { msg.sender.transfer(address(this).balance); }
  function guess(uint256 n) public { if (n * 7 + 3 == 1144) { msg.sender.transfer(1 ether); } }
}`)).toEqual([5, 6]);
  });
  it('does not flag an id or amount compared with stored state, nor a refund of msg.value', async () => {
    expect(await hits(`pragma solidity ^0.5.0;
contract Plain {
  uint256 round;
  mapping(address => uint256) bal;
  function claim(uint256 id) public { require(id == round); msg.sender.transfer(bal[msg.sender]); }
  function refund(uint256 n) public payable { require(n * 2 == msg.value); msg.sender.transfer(msg.value); }
}`)).toEqual([]);
  });
});
