import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/dos-external-call-in-loop');

describe('audit/dos-external-call-in-loop', () => {
  it('flags require(send) and transfer to each receiver of a stored list', async () => {
    const fs = await hits(`pragma solidity 0.4.24;
contract Refunder {
  address[] private refundAddresses;
  mapping (address => uint) public refunds;
  function refundAll() public {
    for (uint x; x < refundAddresses.length; x++) {
      require(refundAddresses[x].send(refunds[refundAddresses[x]]));
    }
  }
  function payAll() public {
    for (uint i = 0; i < refundAddresses.length; i++) {
      address to = refundAddresses[i];
      to.transfer(1);
    }
  }
}`);
    expect(fs.map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0))).toEqual([7, 13]);
    expect(fs[0]!.tags).toContain('SWC-113');
  });

  it('does not flag unchecked sends, fixed callees or caller-supplied lists', async () => {
    const fs = await hits(`pragma solidity 0.4.24;
contract Batch {
  address[] list;
  address owner;
  function a() public { for (uint i = 0; i < list.length; i++) list[i].send(1); }
  function b() public { for (uint i = 0; i < 3; i++) owner.transfer(1); }
  function c(address[] tos) public { for (uint i = 0; i < tos.length; i++) tos[i].transfer(1); }
}`);
    expect(fs).toHaveLength(0);
  });
});
