import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/assert-violation');

describe('audit/assert-violation', () => {
  it('flags an assert on state that a public setter changes', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract C {
  uint256 private param;
  function set(uint256 p) public { param = p; }
  function run() public {
    assert(param > 0);
  }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 6 });
    expect(found[0]!.tags).toContain('SWC-110');
  });

  it('flags assert(false), asserts on external call results and on caller input', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract B { function foo() public returns (uint); }
contract C {
  function a() public { assert(false); }
  function b(address t) public { assert(B(t).foo() == 10); }
  function c(uint x) public { assert(x < 100); }
  modifier onlyOwner(address owner) { assert(msg.sender == owner); _; }
}`);
    expect(found.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([4, 5, 6, 7]);
  });

  it('does not flag invariants: state only the constructor sets, unwritten mappings, post-conditions, library math', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
library SafeMath { function sub(uint a, uint b) public pure returns (uint) { assert(b <= a); return a - b; } }
contract C {
  uint256 private param;
  mapping(uint => uint) n;
  mapping(address => uint) balanceOf;
  constructor(uint256 p) public { require(p > 0); param = p; }
  function run() public { assert(param > 0); }
  function check(uint a) public { assert(n[a] == 0); }
  function move(address to, uint v) public {
    uint before = balanceOf[msg.sender] + balanceOf[to];
    balanceOf[msg.sender] -= v;
    balanceOf[to] += v;
    assert(balanceOf[msg.sender] + balanceOf[to] == before);
    assert(balanceOf[to] >= 0);
  }
}`);
    expect(found).toHaveLength(0);
  });
});
