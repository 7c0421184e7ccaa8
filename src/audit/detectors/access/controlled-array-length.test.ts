import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/controlled-array-length');

describe('audit/controlled-array-length', () => {
  it('flags a storage array length set from a parameter by anyone', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract A {
  uint256[] data;
  function resize(uint256 n) public { data.length = n; }
}`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.tags).toEqual(expect.arrayContaining(['SWC-124', 'DASP:access_control']));
  });

  it('does not flag an owner-only resize, a length from a stored count selected by key, or 0.6+ code', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract A {
  address owner;
  uint256[] data;
  mapping(address => uint256[]) lists;
  mapping(address => uint256) counts;
  function resize(uint256 n) public { require(msg.sender == owner); data.length = n; }
  function grow(address who) public { lists[who].length = counts[who] + 1; }
}`);
    expect(fs).toHaveLength(0);
  });
});
