import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unprotected-selfdestruct');

describe('audit/unprotected-selfdestruct', () => {
  it('flags a selfdestruct anyone can call', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract C {
  function kill() public {
    selfdestruct(msg.sender);
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 3, endLine: 4 });
  });

  it('accepts onlyOwner, require(msg.sender == owner) and if-wrapped modifiers', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract C {
  address owner;
  constructor() public { owner = msg.sender; }
  modifier onlyOwner { require(msg.sender == owner); _; }
  modifier onlyowner { if (msg.sender == owner) _; }
  function a() public onlyOwner { selfdestruct(owner); }
  function b() public onlyowner { selfdestruct(owner); }
  function c() public { require(msg.sender == owner || msg.sender == address(0)); selfdestruct(owner); }
}`)).toHaveLength(0);
  });

  it('ignores a guard on a value no assignment gives', async () => {
    expect(await hits(`pragma solidity ^0.4.23;
contract C {
  uint256 private initialized = 0;
  function init() public { initialized = 1; }
  function run(uint256 input) public { if (initialized != 2) { return; } selfdestruct(msg.sender); }
}`)).toHaveLength(0);
  });
});
