import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/dos-reverting-recipient');

describe('audit/dos-reverting-recipient', () => {
  it('flags a reverting refund to the leader the caller replaces', async () => {
    const fs = await hits(`pragma solidity ^0.4.15;
contract DosAuction {
  address currentFrontrunner;
  uint currentBid;
  function bid() payable {
    require(msg.value > currentBid);
    if (currentFrontrunner != 0) {
      require(currentFrontrunner.send(currentBid));
    }
    currentFrontrunner = msg.sender;
    currentBid = msg.value;
  }
}`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.subject).toMatchObject({ kind: 'source', startLine: 8 });
  });

  it('does not flag pull refunds or payments to a fixed beneficiary', async () => {
    const fs = await hits(`pragma solidity ^0.4.15;
contract Auction {
  address leader;
  address beneficiary;
  uint top;
  mapping(address => uint) pending;
  function bid() payable {
    require(msg.value > top);
    pending[leader] += top;
    beneficiary.transfer(msg.value / 100);
    leader = msg.sender;
    top = msg.value;
  }
}`);
    expect(fs).toHaveLength(0);
  });
});
