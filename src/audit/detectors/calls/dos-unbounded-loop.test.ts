import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/dos-unbounded-loop');
const lines = (fs: Awaited<ReturnType<typeof hits>>) => fs.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0)).sort((a, b) => a - b);

describe('audit/dos-unbounded-loop', () => {
  it('flags resets and iterations of an array anyone can grow, and loops that grow it', async () => {
    const fs = await hits(`pragma solidity ^0.4.25;
contract DosGas {
  address[] creditorAddresses;
  bool win = false;
  function emptyCreditors() public {
    if (creditorAddresses.length > 1500) {
      creditorAddresses = new address[](0);
      win = true;
    }
  }
  function addCreditors() public returns (bool) {
    for (uint i = 0; i < 350; i++) {
      creditorAddresses.push(msg.sender);
    }
    return true;
  }
  function payAll() public {
    for (uint i = 0; i < creditorAddresses.length; i++) {
      creditorAddresses[i].send(1);
    }
  }
}`);
    expect(lines(fs)).toEqual([7, 12, 18]);
    expect(fs[0]!.subject).toMatchObject({ kind: 'source' });
    expect(fs.every((f) => f.subject.kind === 'source' && f.subject.endLine === f.subject.startLine)).toBe(true);
  });

  it('does not flag arrays only the owner can grow, or arrays never walked', async () => {
    const fs = await hits(`pragma solidity ^0.4.25;
contract Owned {
  address owner;
  address[] members;
  address[] log;
  modifier onlyOwner { require(msg.sender == owner); _; }
  function add(address m) public onlyOwner { members.push(m); }
  function record() public { log.push(msg.sender); }
  function reset() public { for (uint i = 0; i < members.length; i++) members[i].send(1); delete members; }
}`);
    expect(fs).toHaveLength(0);
  });
});
