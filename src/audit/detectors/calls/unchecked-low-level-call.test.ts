import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unchecked-low-level-call');
const lines = (fs: Awaited<ReturnType<typeof hits>>) => fs.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/unchecked-low-level-call', () => {
  it('flags dropped call, send, delegatecall and a never-made call.value', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  function run(address adr, bytes data) public payable {
    adr.call.value(msg.value)(data);
    owner.send(this.balance);
    adr.delegatecall(data);
    adr.call.value(1 ether);
  }
}`);
    expect(lines(fs).sort()).toEqual([5, 6, 7, 8]);
    expect(fs[0]!.tags).toEqual(expect.arrayContaining(['SWC-104', 'DASP:unchecked_low_level_calls']));
  });

  it('flags a result stored in a variable that is never read, and calls in loops', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract Airdrop {
  function drop(address token, address[] tos, uint v) public {
    bool res = token.send(v);
    for (uint i = 0; i < tos.length; i++) {
      token.call(bytes4(keccak256("transfer(address,uint256)")), tos[i], v);
    }
  }
}`);
    expect(lines(fs).sort()).toEqual([4, 6]);
  });

  it('does not flag checked results', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
contract Safe {
  function a(address payable to) external { require(to.send(1)); }
  function b(address to) external { (bool ok, ) = to.call(""); require(ok, "failed"); }
  function c(address payable to) external { if (!to.send(1)) revert(); }
  function d(address to) external returns (bool) { (bool ok, ) = to.call(""); return ok; }
  function e(address to) external returns (bool ok) { (ok, ) = to.call(""); }
  function f(address payable to) external { to.transfer(1); }
}`);
    expect(fs).toHaveLength(0);
  });
});
