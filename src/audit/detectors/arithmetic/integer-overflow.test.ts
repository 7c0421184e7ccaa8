import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/integer-overflow');
const lines = async (src: string) => (await hits(src)).map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/integer-overflow', () => {
  it('flags an unchecked subtraction of a caller value from state', async () => {
    expect(await lines(`pragma solidity ^0.4.19;
contract C {
  uint public count = 1;
  function run(uint256 input) public {
    count -= input;
  }
}`)).toEqual([5]);
  });

  it('flags the always-true underflow check and the subtraction it fails to guard', async () => {
    const found = await hits(`pragma solidity ^0.4.18;
contract Token {
  mapping(address => uint) balances;
  function transfer(address _to, uint _value) public returns (bool) {
    require(balances[msg.sender] - _value >= 0);
    balances[msg.sender] -= _value;
    return true;
  }
}`);
    expect(found.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0))).toEqual([5, 6]);
    expect(found[0]!.confidence).toBeGreaterThan(0.8);
    expect(found[0]!.tags).toContain('SWC-101');
  });

  it('flags a multiplication that wraps before the balance check', async () => {
    expect(await lines(`pragma solidity ^0.4.16;
contract Batch {
  mapping(address => uint) balances;
  function batchTransfer(address[] _receivers, uint256 _value) public returns (bool) {
    uint cnt = _receivers.length;
    uint256 amount = uint256(cnt) * _value;
    require(cnt > 0 && cnt <= 20);
    require(_value > 0 && balances[msg.sender] >= amount);
    balances[msg.sender] -= amount;
    return true;
  }
}`)).toEqual([6]);
  });

  it('does not flag a subtraction bounded by a preceding require or if-revert', async () => {
    expect(await lines(`pragma solidity ^0.4.24;
contract T {
  mapping(address => uint) balances;
  uint totalSupply;
  function burn(uint v) public {
    require(balances[msg.sender] >= v);
    balances[msg.sender] -= v;
    totalSupply -= v;
  }
  function withdraw(uint v) public {
    if (v > balances[msg.sender]) throw;
    balances[msg.sender] = balances[msg.sender] - v;
  }
}`)).toEqual([]);
  });

  it('does not flag SafeMath helpers, checked 0.8 code, constants or loop counters', async () => {
    expect(await lines(`pragma solidity ^0.4.24;
contract S {
  uint public balance = 1;
  uint constant RATE = 2 ** 8;
  function add(uint256 deposit) public { balance = safeAdd(balance, deposit); }
  function safeAdd(uint256 a, uint256 b) internal pure returns (uint256) {
    uint256 c = a + b;
    require(c >= a);
    return c;
  }
  function loop(uint n) public { for (uint i = 0; i < 10; i++) { balance = i; } }
}`)).toEqual([]);
    expect(await lines(`pragma solidity ^0.8.0;
contract E { uint public count; function run(uint input) public { count -= input; } }`)).toEqual([]);
  });

  it('flags caller arithmetic inside unchecked in 0.8 code', async () => {
    expect(await lines(`pragma solidity ^0.8.0;
contract U {
  uint public count;
  function run(uint input) public {
    unchecked { count -= input; }
  }
}`)).toEqual([5]);
  });
});
