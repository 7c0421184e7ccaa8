import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unprotected-owner-change');

describe('audit/unprotected-owner-change', () => {
  it('flags a public owner setter and an old-style constructor with another name', async () => {
    const h = await hits(`pragma solidity ^0.4.15;
contract Rubixi {
  address private creator;
  function DynamicPyramid() { creator = msg.sender; }
  modifier onlyowner { if (msg.sender == creator) _; }
  function changeOwner(address _owner) public { creator = _owner; }
  function collect() onlyowner { creator.transfer(this.balance); }
}`);
    expect(h.map((f) => f.subject.kind === 'source' && f.subject.startLine).sort()).toEqual([4, 6]);
  });

  it('accepts constructors, guarded setters, self-registration and initializers run once', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract C {
  address owner;
  bool initialized;
  mapping(address => bool) voted;
  constructor() public { owner = msg.sender; }
  modifier onlyOwner { require(msg.sender == owner); _; }
  function setOwner(address o) public onlyOwner { owner = o; }
  function vote() public { require(!voted[msg.sender]); voted[msg.sender] = true; }
  function init(address o) public { require(!initialized); initialized = true; owner = o; }
}`)).toHaveLength(0);
  });
});
