import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/controlled-delegatecall');

describe('audit/controlled-delegatecall', () => {
  it('flags delegatecall to a caller-chosen address', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract Proxy {
  address owner;
  function forward(address callee, bytes _data) public {
    require(address(callee).delegatecall(_data));
  }
}`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.subject).toMatchObject({ kind: 'source', startLine: 5 });
    expect(fs[0]!.tags).toEqual(expect.arrayContaining(['SWC-112', 'DASP:access_control']));
  });

  it('flags a fallback forwarding msg.data to an implementation with unprotected writers', async () => {
    const fs = await hits(`pragma solidity ^0.4.22;
contract Balance {
  address public lib;
  uint public start;
  constructor(address _lib) public { lib = _lib; }
  function() public { require(lib.delegatecall(msg.data)); }
}
contract Lib {
  address public lib;
  uint public start;
  function setStart(uint s) public { start = s; }
}`);
    expect(fs.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0))).toEqual([6]);
  });

  it('does not flag an owner-set implementation, or a negated delegatecall', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract Proxy {
  address callee;
  address owner;
  modifier onlyOwner { require(msg.sender == owner); _; }
  function setCallee(address newCallee) public onlyOwner { callee = newCallee; }
  function forward(bytes _data) public { require(callee.delegatecall(_data)); }
  function probe(address _to, bytes _data) external { require(!_to.delegatecall(_data)); }
}`);
    expect(fs).toHaveLength(0);
  });
});
